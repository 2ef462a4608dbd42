// The plant's handling of a step (plant.cc), through sim::run: hydro that
// uses its water, auxiliary loads from on-site surplus, the SOC window of a
// faded battery.
#include <gtest/gtest.h>

#include <algorithm>

#include "shapan/sim/simulation.h"
#include "test_setups.h"

namespace shapan::sim {
namespace {

// A full reservoir with 20 m³/s flowing in, no wind, a 1 MW load and 50 MW
// of export room. The water above the spillway crest has somewhere to go
// (the export line) and the turbines run far below their 50 m³/s: nothing
// may spill. Turbining the inflow at the full head of 60 m gives
// 1000·9.80665·20·60·0.9 W = 10.59 MW, of which 9.59 MW is exported.
TEST(PlantTest, FullReservoirTurbinesItsInflowInsteadOfSpilling) {
  sim::Setup s;
  s.weather = testing::per_step(testing::windy_weather({0.0, 0.0, 0.0}));
  s.datacenter = testing::constant_datacenter(1000.0);
  s.grid = gen::GridParams{.import_limit_kw = 0.0, .export_limit_kw = 50000.0};
  s.hydro =
      HydroSetup{.params = testing::small_reservoir(10.0), .inflow_m3_per_s = {20.0, 20.0, 20.0}};
  const Results r = run(s);
  const double inflow_kw = 1000.0 * 9.80665 * 20.0 * 60.0 * 0.9 / 1000.0;
  for (std::size_t i = 0; i < 3; ++i) {
    SCOPED_TRACE(i);
    EXPECT_NEAR(r.steps.hydro_spill_m3_per_s[i], 0.0, 1e-9);
    EXPECT_NEAR(r.steps.hydro_kw[i], inflow_kw, 1e-6);
    EXPECT_NEAR(r.steps.grid_export_kw[i], inflow_kw - 1000.0, 1e-6);
    EXPECT_NEAR(r.steps.reservoir_storage_hm3[i], 10.0, 1e-9);
    EXPECT_LE(r.steps.balance_error_kwh[i], 1e-6);
  }
}

// The same full reservoir with an export line of 3 MW: the turbines have
// room, but the energy has nowhere to go beyond the 1 MW load and the
// 3 MW line, so the rest of the water spills. Hydro gives 4 MW.
TEST(PlantTest, FullReservoirSpillsOnlyWhatHasNowhereToGo) {
  sim::Setup s;
  s.weather = testing::per_step(testing::windy_weather({0.0, 0.0}));
  s.datacenter = testing::constant_datacenter(1000.0);
  s.grid = gen::GridParams{.import_limit_kw = 0.0, .export_limit_kw = 3000.0};
  s.hydro = HydroSetup{.params = testing::small_reservoir(10.0), .inflow_m3_per_s = {20.0, 20.0}};
  const Results r = run(s);
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_NEAR(r.steps.hydro_kw[i], 4000.0, 1e-6);
    EXPECT_NEAR(r.steps.grid_export_kw[i], 3000.0, 1e-6);
    EXPECT_GT(r.steps.hydro_spill_m3_per_s[i], 10.0);
    // The spill's energy equivalent at the step's head (60 m at the crest).
    EXPECT_NEAR(r.steps.hydro_spilled_kw[i], 9.80665 * r.steps.hydro_spill_m3_per_s[i] * 60.0 * 0.9,
                1e-6);
  }
  EXPECT_NEAR(r.hydro_plants[0].spill_energy_kwh,
              r.steps.hydro_spilled_kw[0] + r.steps.hydro_spilled_kw[1], 1e-6);
}

// A guide curve at 109 m (9 hm³) all year, the reservoir full at 110 m, no
// inflow, no load, 20.5 MW of export line. The water above the guide goes
// out as fast as the 20 MW rating allows where the wind leaves room on the
// line: 20 MW without wind, 19.5 MW beside 1 MW of wind. With the guide at
// the full level, the reservoir holds its water: must-run only (2 m³/s at
// 60 m, 1 059.1 kW).
TEST(PlantTest, GuideCurveDrawsDownWhereWindLeavesRoom) {
  sim::Setup s;
  s.weather = testing::per_step(testing::windy_weather({0.0, 10.0, 10.0}));
  s.wind = {testing::flat_1000_kw_farm()};
  s.grid = gen::GridParams{.import_limit_kw = 0.0, .export_limit_kw = 20500.0};
  s.hydro =
      HydroSetup{.params = testing::small_reservoir(10.0), .inflow_m3_per_s = {0.0, 0.0, 0.0}};
  s.hydro->params.guide_curve_level_m.assign(12, 109.0);
  const Results r = run(s);
  EXPECT_NEAR(r.steps.hydro_kw[0], 20000.0, 1e-6);
  EXPECT_NEAR(r.steps.hydro_kw[1], 19500.0, 1e-6);
  EXPECT_NEAR(r.steps.grid_export_kw[1], 20500.0, 1e-6);
  EXPECT_NEAR(r.steps.curtailed_kw[1], 0.0, 1e-9);
  EXPECT_GT(r.steps.reservoir_storage_hm3[2], 9.0);
  s.hydro->params.guide_curve_level_m.assign(12, 110.0);
  const Results held = run(s);
  // (The head falls by 7.2 mm a step as the must-run water leaves.)
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_NEAR(held.steps.hydro_kw[i], 9.80665 * 2.0 * 60.0 * 0.9, 0.3);
  }
}

// The guide curve's drawdown within the ramp limit: 10 m³/s per hour from
// standstill gives 10 m³/s in the first hour (at the full 60 m head) and
// 20 m³/s in the second (the level 36 mm lower: 36 000 m³ over 1 hm³ per m).
TEST(PlantTest, GuideCurveDrawdownKeepsTheRampLimit) {
  sim::Setup s;
  s.weather = testing::per_step(testing::windy_weather({0.0, 0.0}));
  s.grid = gen::GridParams{.import_limit_kw = 0.0, .export_limit_kw = 50000.0};
  s.hydro = HydroSetup{.params = testing::small_reservoir(10.0), .inflow_m3_per_s = {0.0, 0.0}};
  s.hydro->params.guide_curve_level_m.assign(12, 109.0);
  s.hydro->params.ramp_m3_per_s_per_h = 10.0;
  const Results r = run(s);
  EXPECT_NEAR(r.steps.hydro_kw[0], 9.80665 * 10.0 * 60.0 * 0.9, 1e-6);
  EXPECT_NEAR(r.steps.hydro_kw[1], 9.80665 * 20.0 * (60.0 - 0.036) * 0.9, 1e-6);
  EXPECT_NEAR(r.steps.hydro_spill_m3_per_s[1], 0.0, 1e-12);
}

// Wind 1000 kW, load 200 kW, a full battery with a 50 kW auxiliary load,
// export up to 1000 kW. Before: the 800 kW surplus went out while the
// auxiliary load was bought in. Now the auxiliary load takes 50 kW of the
// surplus: export 750 kW, no import.
TEST(PlantTest, AuxiliaryLoadComesFromSurplusBeforeImport) {
  sim::Setup s;
  s.weather = testing::per_step(testing::windy_weather({10.0, 10.0}));
  s.wind = {testing::flat_1000_kw_farm()};
  s.datacenter = testing::constant_datacenter(200.0);
  s.batteries = {gen::BatteryParams{.name = "b",
                                    .energy_kwh = 1000.0,
                                    .max_charge_kw = 500.0,
                                    .max_discharge_kw = 500.0,
                                    .soc_min_frac = 0.0,
                                    .soc_max_frac = 1.0,
                                    .soc_initial_frac = 1.0,
                                    .aux_load_kw = 50.0}};
  s.grid = gen::GridParams{.import_limit_kw = 1000.0, .export_limit_kw = 1000.0};
  const Results r = run(s);
  for (std::size_t i = 0; i < 2; ++i) {
    SCOPED_TRACE(i);
    EXPECT_NEAR(r.steps.battery_aux_kw[i], 50.0, 1e-9);
    EXPECT_NEAR(r.steps.grid_import_kw[i], 0.0, 1e-9);
    EXPECT_NEAR(r.steps.grid_export_kw[i], 750.0, 1e-9);
    EXPECT_LE(r.steps.balance_error_kwh[i], 1e-6);
  }
}

// A battery aged fast (calendar damage ×200) under 20 days (480 h) of steady wind surplus:
// once faded, it still charges up to its window, soc_max_frac of its
// remaining capacity, and the reported SOC says so (stored / capacity now).
TEST(PlantTest, FadedBatteryReachesItsSocWindow) {
  sim::Setup s;
  s.weather =
      testing::per_step(testing::windy_weather(std::vector<double>(std::size_t{480}, 10.0)));
  s.wind = {testing::flat_1000_kw_farm()};
  s.datacenter = testing::constant_datacenter(900.0);
  gen::BatteryParams b{.name = "b",
                       .energy_kwh = 1000.0,
                       .max_charge_kw = 100.0,
                       .max_discharge_kw = 100.0,
                       .soc_min_frac = 0.1,
                       .soc_max_frac = 0.9,
                       .soc_initial_frac = 0.5,
                       .charge_efficiency_frac = 1.0,
                       .discharge_efficiency_frac = 1.0};
  b.degradation.enabled = true;
  b.degradation.calendar_scale = 200.0;
  b.end_of_life_capacity_frac = 0.5;
  s.batteries = {b};
  const Results r = run(s);
  const StepSeries& x = r.steps;
  ASSERT_LT(x.battery_capacity_frac.back(), 0.95);  // faded
  for (std::size_t i = x.size() - 24; i < x.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_NEAR(x.battery_soc_frac[i], 0.9, 1e-9);
  }
}

}  // namespace
}  // namespace shapan::sim
