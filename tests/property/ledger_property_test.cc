// Property test: on 1000 random valid setups, the energy ledger closes within
// 1e-6 kWh at every step, battery state of charge and reservoir storage stay
// within their bounds, and no step both imports and exports. Setups include
// batteries with efficiency curves, auxiliary loads and accelerated ageing
// (fade and replacement), reservoirs with guide curves, and pumped storage.
// Setups are drawn from a seeded generator, so a failure names the seed that
// reproduces it.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "shapan/sim/simulation.h"

namespace shapan {
namespace {

class Draw {
 public:
  explicit Draw(std::uint64_t seed) : rng_(seed) {}
  double uniform(double lo, double hi) { return std::uniform_real_distribution<>(lo, hi)(rng_); }
  int integer(int lo, int hi) { return std::uniform_int_distribution<>(lo, hi)(rng_); }
  bool chance(double p) { return uniform(0.0, 1.0) < p; }

 private:
  std::mt19937_64 rng_;
};

resource::WeatherSeries random_weather(Draw& d, std::size_t n, Duration step) {
  resource::WeatherSeries w;
  w.source = "random";
  w.start = Timestamp::from_unix_seconds(1735689600 + d.integer(0, 364) * 86400);
  w.step = step;
  const double clearness = d.uniform(0.2, 1.0);
  const double mean_wind = d.uniform(0.0, 14.0);
  for (std::size_t i = 0; i < n; ++i) {
    const double hour = std::fmod(static_cast<double>(i) * step.in_hours(), 24.0);
    const double sun = std::max(0.0, std::sin((hour - 6.0) / 12.0 * M_PI));
    const double ghi = 1000.0 * clearness * sun * d.uniform(0.5, 1.0);
    w.ghi_w_per_m2.push_back(ghi);
    w.dni_w_per_m2.push_back(ghi > 0 ? std::min(1000.0, ghi * d.uniform(0.0, 1.2)) : 0.0);
    w.dhi_w_per_m2.push_back(ghi * d.uniform(0.1, 0.6));
    w.temp_air_c.push_back(d.uniform(-30.0, 40.0));
    w.temp_dew_c.push_back(-20.0);
    w.relative_humidity_percent.push_back(50.0);
    w.pressure_pa.push_back(d.uniform(65000.0, 103000.0));
    w.wind_speed_m_per_s.push_back(std::max(0.0, mean_wind + d.uniform(-5.0, 5.0)));
    w.wind_direction_deg.push_back(d.uniform(0.0, 360.0));
    w.albedo_frac.push_back(0.2);
  }
  return w;
}

gen::PvParams random_pv(Draw& d) {
  gen::PvParams p;
  p.dc_capacity_kw = d.uniform(10.0, 5000.0);
  p.dc_ac_ratio = d.uniform(0.9, 1.6);
  p.tilt_deg = d.uniform(0.0, 60.0);
  p.azimuth_deg = d.uniform(90.0, 270.0);
  p.array_type = static_cast<gen::ArrayType>(d.integer(0, 4));
  return p;
}

gen::WindParams random_wind(Draw& d) {
  gen::WindParams p;
  p.turbine.name = "random";
  p.turbine.rated_power_kw = d.uniform(100.0, 3000.0);
  p.turbine.curve.wind_speed_m_per_s = {0.0, 3.0, 12.0, 25.0, 25.01};
  p.turbine.curve.power_kw = {0.0, 0.0, p.turbine.rated_power_kw, p.turbine.rated_power_kw, 0.0};
  p.count = d.integer(1, 20);
  p.hub_height_m = d.uniform(40.0, 150.0);
  return p;
}

// A reservoir plant, with an inflow for each of the n steps.
sim::HydroSetup random_hydro(Draw& d, std::size_t n) {
  gen::HydroParams h;
  h.storage_min_hm3 = d.uniform(0.0, 5.0);
  h.storage_max_hm3 = h.storage_min_hm3 + d.uniform(0.01, 20.0);
  h.storage_initial_hm3 = d.uniform(h.storage_min_hm3, h.storage_max_hm3);
  h.level_table_storage_hm3 = {h.storage_min_hm3, h.storage_max_hm3};
  h.level_table_m = {2500.0, 2500.0 + d.uniform(1.0, 100.0)};
  h.tailwater_level_m = 2400.0;
  h.max_turbine_flow_m3_per_s = d.uniform(1.0, 100.0);
  h.rated_power_kw = d.uniform(100.0, 50000.0);
  h.min_release_m3_per_s = d.uniform(0.0, h.max_turbine_flow_m3_per_s);
  if (d.chance(0.4)) {
    // A guide curve anywhere between the dead and full levels.
    for (int m = 0; m < 12; ++m) {
      h.guide_curve_level_m.push_back(d.uniform(h.level_table_m[0], h.level_table_m[1]));
    }
  }
  std::vector<double> inflow;
  for (std::size_t i = 0; i < n; ++i) inflow.push_back(d.uniform(0.0, 150.0));
  return sim::HydroSetup{.params = h, .inflow_m3_per_s = inflow};
}

gen::BatteryParams random_battery(Draw& d) {
  gen::BatteryParams b;
  b.energy_kwh = d.uniform(1.0, 10000.0);
  b.max_charge_kw = d.uniform(1.0, 5000.0);
  b.max_discharge_kw = d.uniform(1.0, 5000.0);
  b.soc_min_frac = d.uniform(0.0, 0.4);
  b.soc_max_frac = d.uniform(0.6, 1.0);
  b.soc_initial_frac = d.uniform(b.soc_min_frac, b.soc_max_frac);
  b.charge_efficiency_frac = d.uniform(0.7, 1.0);
  b.discharge_efficiency_frac = d.uniform(0.7, 1.0);
  if (d.chance(0.3)) {
    // Efficiency falling gently with power (keeps P·η and P/η rising).
    b.charge_curve_power_frac = {0.0, 0.5, 1.0};
    b.charge_curve_efficiency_frac = {0.97, d.uniform(0.9, 0.97), d.uniform(0.85, 0.9)};
    b.discharge_curve_power_frac = {0.1, 1.0};
    b.discharge_curve_efficiency_frac = {d.uniform(0.9, 0.98), d.uniform(0.85, 0.9)};
  }
  b.self_discharge_frac_per_day = d.chance(0.3) ? d.uniform(0.0, 0.01) : 0.0;
  b.aux_load_kw = d.chance(0.3) ? d.uniform(0.0, 50.0) : 0.0;
  if (d.chance(0.5)) {
    // Ageing, sped up so that fade and replacement happen within a few days.
    b.degradation.enabled = true;
    b.degradation.cycle_scale = d.uniform(1.0, 2000.0);
    b.degradation.calendar_scale = d.uniform(1.0, 2000.0);
    b.end_of_life_capacity_frac = d.uniform(0.5, 0.95);
    b.cell_temp_follows_ambient = d.chance(0.5);
  }
  return b;
}

gen::PumpedStorageParams random_pumped_storage(Draw& d) {
  gen::PumpedStorageParams p;
  p.turbine_max_kw = d.uniform(0.0, 8000.0);
  p.pump_max_kw = d.uniform(0.0, 8000.0);
  p.turbine_efficiency_frac = d.uniform(0.8, 0.95);
  p.pump_efficiency_frac = d.uniform(0.8, 0.95);
  p.head_m = d.uniform(50.0, 600.0);
  p.upper_min_hm3 = 0.0;
  p.upper_max_hm3 = d.uniform(0.001, 0.05);
  p.upper_initial_hm3 = d.uniform(0.0, p.upper_max_hm3);
  p.lower_min_hm3 = 0.0;
  p.lower_max_hm3 = d.uniform(0.001, 0.05);
  p.lower_initial_hm3 = d.uniform(0.0, p.lower_max_hm3);
  return p;
}

sim::Setup random_setup(Draw& d) {
  sim::Setup s;
  const int step_minutes = std::array<int, 4>{60, 30, 15, 5}[d.integer(0, 3)];
  const auto n = static_cast<std::size_t>(d.integer(24, 150));
  s.weather = random_weather(d, n, Duration::minutes(step_minutes));
  s.site = Site{.name = "random",
                .latitude_deg = d.uniform(-60.0, 60.0),
                .longitude_deg = d.uniform(-180.0, 180.0),
                .elevation_m = d.uniform(0.0, 3500.0),
                .utc_offset_h = static_cast<double>(d.integer(-10, 12))};
  for (int i = d.integer(0, 2); i > 0; --i) s.pv.push_back(random_pv(d));
  for (int i = d.integer(0, 2); i > 0; --i) s.wind.push_back(random_wind(d));
  if (d.chance(0.5)) s.hydro = random_hydro(d, n);
  for (int i = d.integer(0, 3); i > 0; --i) s.batteries.push_back(random_battery(d));
  for (int i = d.integer(0, 1); i > 0; --i) s.pumped_storage.push_back(random_pumped_storage(d));
  if (d.chance(0.7)) {
    s.grid = gen::GridParams{.import_limit_kw = d.uniform(0.0, 20000.0),
                             .export_limit_kw = d.uniform(0.0, 5000.0)};
  }
  if (d.chance(0.9)) {
    load::DatacenterParams dc;
    dc.it_capacity_kw = d.uniform(10.0, 20000.0);
    dc.it_load_frac = d.uniform(0.0, 1.0);
    s.datacenter = dc;
  }
  return s;
}

TEST(LedgerPropertyTest, ClosesEveryStepAndStatesStayInBounds) {
  constexpr std::uint64_t kCases = 1000;
  for (std::uint64_t seed = 1; seed <= kCases; ++seed) {
    Draw draw(seed);
    const sim::Setup setup = random_setup(draw);
    const sim::Results r = sim::run(setup);
    ASSERT_EQ(r.steps.size(), setup.weather.size()) << "seed " << seed;
    // Self-discharge and fading capacity may take a battery below its floor
    // (docs/models/battery.md); the ceiling always holds.
    double soc_min = 0.0;
    double soc_max = 0.0;
    bool may_sink = false;
    for (const auto& b : setup.batteries) {
      soc_min += b.soc_min_frac * b.energy_kwh;
      soc_max += b.soc_max_frac * b.energy_kwh;
      may_sink = may_sink || b.degradation.enabled || b.self_discharge_frac_per_day > 0.0;
    }
    if (may_sink) soc_min = 0.0;
    for (std::size_t i = 0; i < r.steps.size(); ++i) {
      ASSERT_LE(r.steps.balance_error_kwh[i], 1e-6) << "seed " << seed << " step " << i;
      if (r.battery_capacity_kwh > 0.0) {
        // SOC is of the capacity after fade.
        const double stored_kwh =
            r.steps.battery_soc_frac[i] * r.steps.battery_capacity_frac[i] * r.battery_capacity_kwh;
        ASSERT_GE(stored_kwh, soc_min - 1e-6) << "seed " << seed << " step " << i;
        ASSERT_LE(stored_kwh, soc_max + 1e-6) << "seed " << seed << " step " << i;
      }
      if (setup.hydro) {
        ASSERT_GE(r.steps.reservoir_storage_hm3[i], setup.hydro->params.storage_min_hm3 - 1e-9)
            << "seed " << seed << " step " << i;
        ASSERT_LE(r.steps.reservoir_storage_hm3[i], setup.hydro->params.storage_max_hm3 + 1e-9)
            << "seed " << seed << " step " << i;
      }
      for (const double flow :
           {r.steps.curtailed_kw[i], r.steps.grid_import_kw[i], r.steps.grid_export_kw[i],
            r.steps.unserved_kw[i], r.steps.battery_charge_kw[i], r.steps.battery_discharge_kw[i],
            r.steps.pumped_charge_kw[i], r.steps.pumped_discharge_kw[i]}) {
        ASSERT_GE(flow, -1e-9) << "seed " << seed << " step " << i;
      }
      if (setup.grid) {
        ASSERT_LE(r.steps.grid_import_kw[i], setup.grid->import_limit_kw + 1e-6);
        ASSERT_LE(r.steps.grid_export_kw[i], setup.grid->export_limit_kw + 1e-6);
      }
    }
  }
}

// On the same 1000 random setups, no step both imports and exports: what the
// base needs beyond its own supply (auxiliary loads, shortfalls against the
// dispatch) comes out of its own surplus before anything is bought.
TEST(LedgerPropertyTest, NoStepImportsAndExportsAtOnce) {
  constexpr std::uint64_t kCases = 1000;
  for (std::uint64_t seed = 1; seed <= kCases; ++seed) {
    Draw draw(seed);
    const sim::Setup setup = random_setup(draw);
    const sim::Results r = sim::run(setup);
    for (std::size_t i = 0; i < r.steps.size(); ++i) {
      ASSERT_FALSE(r.steps.grid_import_kw[i] > 0.0 && r.steps.grid_export_kw[i] > 0.0)
          << "seed " << seed << " step " << i << ": import " << r.steps.grid_import_kw[i]
          << " kW, export " << r.steps.grid_export_kw[i] << " kW";
    }
  }
}

}  // namespace
}  // namespace shapan
