// Seeded generators of random valid simulation setups, shared by the
// property tests (ledger_property_test.cc: short setups of every component;
// scenario_property_test.cc: whole scenarios, cascades, tariffs and jobs,
// 1- to 60-minute steps over days to years). A failure names the seed that
// reproduces it.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <memory>
#include <random>
#include <utility>
#include <vector>

#include "shapan/sim/simulation.h"

namespace shapan::property {

class Draw {
 public:
  explicit Draw(std::uint64_t seed) : rng_(seed) {}
  double uniform(double lo, double hi) { return std::uniform_real_distribution<>(lo, hi)(rng_); }
  int integer(int lo, int hi) { return std::uniform_int_distribution<>(lo, hi)(rng_); }
  bool chance(double p) { return uniform(0.0, 1.0) < p; }

 private:
  std::mt19937_64 rng_;
};

inline resource::WeatherSeries random_weather(Draw& d, std::size_t n, Duration step) {
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

inline gen::PvParams random_pv(Draw& d) {
  gen::PvParams p;
  p.dc_capacity_kw = d.uniform(10.0, 5000.0);
  p.dc_ac_ratio = d.uniform(0.9, 1.6);
  p.tilt_deg = d.uniform(0.0, 60.0);
  p.azimuth_deg = d.uniform(90.0, 270.0);
  p.array_type = static_cast<gen::ArrayType>(d.integer(0, 4));
  return p;
}

inline gen::WindParams random_wind(Draw& d) {
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
inline sim::HydroSetup random_hydro(Draw& d, std::size_t n) {
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

inline gen::BatteryParams random_battery(Draw& d) {
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

inline gen::PumpedStorageParams random_pumped_storage(Draw& d) {
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

inline sim::Setup random_setup(Draw& d) {
  sim::Setup s;
  const int step_minutes = std::array<int, 4>{60, 30, 15, 5}[d.integer(0, 3)];
  const auto n = static_cast<std::size_t>(d.integer(24, 150));
  s.weather = std::make_shared<const resource::WeatherSeries>(
      random_weather(d, n, Duration::minutes(step_minutes)));
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

// --- Whole scenarios (scenario_property_test.cc) ---

// A grid tie with a time-of-use tariff (a summer season on top), a demand
// charge, green certificates and, half the time, a carbon intensity per step.
inline gen::GridParams random_grid(Draw& d, std::size_t n) {
  gen::GridParams g;
  g.import_limit_kw =
      d.chance(0.3) ? std::numeric_limits<double>::infinity() : d.uniform(0.0, 20000.0);
  g.export_limit_kw = d.chance(0.3) ? 0.0 : d.uniform(0.0, 5000.0);
  g.tou_price_cny_per_kwh.clear();
  for (int h = 0; h < 24; ++h) g.tou_price_cny_per_kwh.push_back(d.uniform(0.1, 1.2));
  if (d.chance(0.5)) {
    gen::GridParams::Season summer{.months = {6, 7, 8}, .price_cny_per_kwh = {}};
    for (int h = 0; h < 24; ++h) summer.price_cny_per_kwh.push_back(d.uniform(0.1, 1.5));
    g.tou_seasons.push_back(summer);
  }
  g.export_price_cny_per_kwh = d.uniform(0.0, 0.3);
  g.demand_charge_cny_per_kw_month = d.chance(0.5) ? d.uniform(0.0, 50.0) : 0.0;
  if (d.chance(0.3)) {
    g.green_certificate_frac = d.uniform(0.0, 1.0);
    // The certificates' price is the cost book's now (metrics::CostBook),
    // which these engine invariants do not use; drawn still, so that every
    // later draw, and so each seed's scenario, stays what it was.
    (void)d.uniform(0.0, 50.0);
  }
  if (d.chance(0.5)) {
    g.carbon_intensity_series_g_per_kwh.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
      g.carbon_intensity_series_g_per_kwh.push_back(d.uniform(100.0, 900.0));
    }
  }
  return g;
}

// Synthetic jobs on a small GPU cluster, under any of the four schedulers.
inline load::WorkloadParams random_workload(Draw& d) {
  load::WorkloadParams w;
  w.source = load::WorkloadSource::kSynthetic;
  w.synthetic_jobs_per_day = d.uniform(10.0, 400.0);
  w.synthetic_duration_median_h = d.uniform(0.2, 4.0);
  w.synthetic_flexible_frac = d.uniform(0.0, 1.0);
  w.mean_utilisation_frac = d.uniform(0.1, 0.8);
  w.seed = static_cast<std::uint64_t>(d.integer(1, 1000000));
  w.nodes.types.push_back(load::NodeType{.model = "gpu",
                                         .count = static_cast<double>(d.integer(1, 50)),
                                         .vcpus = 64.0,
                                         .gpus = 8.0,
                                         .gpu_board_w = 300.0,
                                         .idle_kw = 0.5,
                                         .peak_kw = 3.0});
  return w;
}

// A scenario of every component: PV, wind, hydro with a cascade below it,
// batteries (with ageing), pumped storage, a grid with tariffs, a data center
// and jobs, each present or not by chance; `n` steps of `step_minutes`.
inline sim::Setup random_scenario(Draw& d, int step_minutes, std::size_t n) {
  sim::Setup s;
  s.weather = std::make_shared<const resource::WeatherSeries>(
      random_weather(d, n, Duration::minutes(step_minutes)));
  s.years = std::max(
      1, static_cast<int>(std::ceil(static_cast<double>(n) * step_minutes / (60.0 * 8760.0))));
  s.site = Site{.name = "random",
                .latitude_deg = d.uniform(-60.0, 60.0),
                .longitude_deg = d.uniform(-180.0, 180.0),
                .elevation_m = d.uniform(0.0, 3500.0),
                .utc_offset_h = static_cast<double>(d.integer(-10, 12))};
  for (int i = d.integer(0, 2); i > 0; --i) s.pv.push_back(random_pv(d));
  for (int i = d.integer(0, 2); i > 0; --i) s.wind.push_back(random_wind(d));
  if (d.chance(0.6)) {
    s.hydro = random_hydro(d, n);
    for (int i = d.integer(0, 2); i > 0; --i) {
      sim::HydroSetup below = random_hydro(d, n);
      below.travel_delay_h = d.uniform(0.0, 6.0);
      s.hydro_cascade.push_back(below);
    }
  }
  for (int i = d.integer(0, 3); i > 0; --i) s.batteries.push_back(random_battery(d));
  for (int i = d.integer(0, 1); i > 0; --i) s.pumped_storage.push_back(random_pumped_storage(d));
  if (d.chance(0.8)) s.grid = random_grid(d, n);
  if (d.chance(0.9)) {
    load::DatacenterParams dc;
    dc.it_capacity_kw = d.uniform(10.0, 20000.0);
    dc.it_load_frac = d.uniform(0.0, 1.0);
    s.datacenter = dc;
    if (d.chance(0.5)) {
      s.workload = random_workload(d);
      s.scheduler.policy = static_cast<load::SchedulerPolicy>(d.integer(0, 3));
      s.scheduler.seed = static_cast<std::uint64_t>(d.integer(1, 1000000));
    }
  }
  return s;
}

// Each value held for `factor` steps.
inline std::vector<double> held(const std::vector<double>& v, int factor) {
  std::vector<double> out;
  out.reserve(v.size() * static_cast<std::size_t>(factor));
  for (const double x : v) out.insert(out.end(), static_cast<std::size_t>(factor), x);
  return out;
}

// The same scenario at steps `factor` times shorter: every per-step input
// (weather, inflows, carbon intensity) held over the shorter steps, so both
// runs see the same hourly means.
inline sim::Setup at_shorter_steps(const sim::Setup& s, int factor) {
  sim::Setup out = s;
  resource::WeatherSeries w = *s.weather;  // one row per step (no run_steps)
  w.step = Duration::seconds(s.weather->step.in_seconds() / factor);
  for (std::vector<double>* column :
       {&w.ghi_w_per_m2, &w.dni_w_per_m2, &w.dhi_w_per_m2, &w.temp_air_c, &w.temp_dew_c,
        &w.relative_humidity_percent, &w.pressure_pa, &w.wind_speed_m_per_s, &w.wind_direction_deg,
        &w.albedo_frac}) {
    *column = held(*column, factor);
  }
  out.weather = std::make_shared<const resource::WeatherSeries>(std::move(w));
  if (out.hydro) out.hydro->inflow_m3_per_s = held(out.hydro->inflow_m3_per_s, factor);
  for (sim::HydroSetup& h : out.hydro_cascade) h.inflow_m3_per_s = held(h.inflow_m3_per_s, factor);
  if (out.grid) {
    out.grid->carbon_intensity_series_g_per_kwh =
        held(out.grid->carbon_intensity_series_g_per_kwh, factor);
  }
  return out;
}

}  // namespace shapan::property
