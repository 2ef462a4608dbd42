#include "shapan/sim/simulation.h"

#include <gtest/gtest.h>

#include "test_setups.h"

namespace shapan::sim {
namespace {

// Four hours: wind gives 1000 kW, 1000 kW, 0, 0; the data center draws a
// constant 500 kW. Battery: 1000 kWh, 500 kW both ways, charge efficiency
// 0.9, discharge efficiency 1.0, SOC window 0..1, starting empty.
//   h0, h1: surplus 500 kW charges the battery: stored 450, then 900 kWh.
//   h2:     deficit 500 kW from the battery: stored 400 kWh.
//   h3:     the battery gives its last 400 kW; the grid gives 100 kW.
// Nothing is curtailed; 100 kWh is imported; 100 kWh lost in charging.
TEST(SimulationTest, BatteryCarriesSurplusIntoDeficitThenGridTopsUp) {
  sim::Setup s;
  s.weather = testing::windy_weather({10.0, 10.0, 0.0, 0.0});
  s.wind = {testing::flat_1000_kw_farm()};
  s.datacenter = testing::constant_datacenter(500.0);
  s.batteries = {gen::BatteryParams{.name = "b",
                                    .energy_kwh = 1000.0,
                                    .max_charge_kw = 500.0,
                                    .max_discharge_kw = 500.0,
                                    .soc_min_frac = 0.0,
                                    .soc_max_frac = 1.0,
                                    .soc_initial_frac = 0.0,
                                    .charge_efficiency_frac = 0.9,
                                    .discharge_efficiency_frac = 1.0}};
  s.grid = gen::GridParams{.import_limit_kw = 1000.0, .export_limit_kw = 0.0};
  const Results r = run(s);
  const StepSeries& x = r.steps;
  ASSERT_EQ(x.size(), 4u);
  EXPECT_NEAR(x.wind_kw[0], 1000.0, 1e-9);
  EXPECT_NEAR(x.battery_charge_kw[0], 500.0, 1e-9);
  EXPECT_NEAR(x.battery_soc_frac[1], 0.9, 1e-9);
  EXPECT_NEAR(x.battery_discharge_kw[2], 500.0, 1e-9);
  EXPECT_NEAR(x.battery_discharge_kw[3], 400.0, 1e-9);
  EXPECT_NEAR(x.grid_import_kw[3], 100.0, 1e-9);
  EXPECT_NEAR(x.battery_loss_kw[0], 50.0, 1e-9);
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_NEAR(x.curtailed_kw[i], 0.0, 1e-9);
    EXPECT_NEAR(x.unserved_kw[i], 0.0, 1e-9);
    EXPECT_LE(x.balance_error_kwh[i], 1e-9);
  }
  // Everything the battery gave came from wind, so only the import is not green.
  EXPECT_NEAR(x.green_to_load_kw[3], 400.0, 1e-9);
}

// Without storage or grid, surplus is curtailed and deficits go unserved.
TEST(SimulationTest, IslandedWithoutStorageCurtailsAndSheds) {
  sim::Setup s;
  s.weather = testing::windy_weather({10.0, 0.0});
  s.wind = {testing::flat_1000_kw_farm()};
  s.datacenter = testing::constant_datacenter(600.0);
  const Results r = run(s);
  EXPECT_NEAR(r.steps.curtailed_kw[0], 400.0, 1e-9);
  EXPECT_NEAR(r.steps.unserved_kw[1], 600.0, 1e-9);
  EXPECT_NEAR(r.steps.green_to_load_kw[0], 600.0, 1e-9);
}

// Export takes surplus up to its limit before curtailment.
TEST(SimulationTest, ExportWithinLimitThenCurtail) {
  sim::Setup s;
  s.weather = testing::windy_weather({10.0});
  s.wind = {testing::flat_1000_kw_farm()};
  s.datacenter = testing::constant_datacenter(200.0);
  s.grid = gen::GridParams{.export_limit_kw = 300.0};
  const Results r = run(s);
  EXPECT_NEAR(r.steps.grid_export_kw[0], 300.0, 1e-9);
  EXPECT_NEAR(r.steps.curtailed_kw[0], 500.0, 1e-9);
}

// Hydro with a constant inflow, ecological release through the turbines and a
// load above it: the deficit raises hydro output; the reservoir falls by
// exactly the water released beyond the inflow.
TEST(SimulationTest, HydroFollowsTheLoadAndTheWaterBalanceCloses) {
  sim::Setup s;
  s.weather = testing::windy_weather({0.0, 0.0, 0.0});
  s.datacenter = testing::constant_datacenter(5000.0);
  gen::HydroParams h;
  h.rated_power_kw = 20000.0;
  h.max_turbine_flow_m3_per_s = 50.0;
  h.min_release_m3_per_s = 2.0;
  h.storage_min_hm3 = 0.0;
  h.storage_max_hm3 = 10.0;
  h.storage_initial_hm3 = 5.0;
  h.level_table_storage_hm3 = {0.0, 10.0};
  h.level_table_m = {100.0, 110.0};
  h.tailwater_level_m = 50.0;
  h.turbine_efficiency_frac = 0.9;
  s.hydro = HydroSetup{.params = h, .inflow_m3_per_s = {3.0, 3.0, 3.0}};
  const Results r = run(s);
  double released_m3 = 0.0;
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_NEAR(r.steps.hydro_kw[i], 5000.0, 1e-6) << i;
    EXPECT_NEAR(r.steps.unserved_kw[i], 0.0, 1e-6);
    EXPECT_LE(r.steps.balance_error_kwh[i], 1e-6);
    released_m3 += (r.steps.hydro_spill_m3_per_s[i]) * 3600.0;
  }
  EXPECT_LT(r.steps.reservoir_storage_hm3[2], 5.0);
  EXPECT_EQ(released_m3, 0.0);
}

TEST(SimulationTest, ReportsProgressUpToTheEnd) {
  sim::Setup s;
  s.weather = testing::windy_weather(std::vector<double>(250, 6.0));
  s.wind = {testing::flat_1000_kw_farm()};
  std::size_t last_done = 0;
  std::size_t calls = 0;
  (void)run(s, [&](std::size_t done, std::size_t total) {
    EXPECT_EQ(total, 250u);
    EXPECT_GE(done, last_done);
    last_done = done;
    ++calls;
  });
  EXPECT_EQ(last_done, 250u);
  EXPECT_GT(calls, 10u);
}

}  // namespace
}  // namespace shapan::sim
