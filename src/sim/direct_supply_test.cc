// The wind+solar origin of stored energy (绿电直连 accounting, docs/results.md).
#include <gtest/gtest.h>

#include "shapan/sim/simulation.h"
#include "test_setups.h"

namespace shapan::sim {
namespace {

// Two hours, a data center drawing a constant 1500 kW.
// Wind: 2000 kW, then 0. Hydro's must-run release gives H kW in h0
// (2 m³/s through the turbines at 55 m head and 90 %: ρgQHη ≈ 971 kW).
// Battery: 1000 kWh,
// 500 kW both ways, lossless, starting empty. Export unlimited.
//   h0: clean 2000 + H against 1500 of load. Wind serves the load first:
//       1500 kW; the surplus 500 (wind) + H (hydro) goes to the battery
//       (500 kW) and the grid (H), each with the wind share
//       500 / (500 + H). Stored: 500 kWh, of which 500·500/(500+H) wind.
//       Wind exported: H · 500/(500+H).
//   h1: no wind; the battery gives 500 kW, hydro the other 1000 kW (the
//       rule dispatch: storage before hydro above its must-run).
//       Wind to load = 500 · 500/(500+H), through the battery; the clean
//       share of the load is all of it (1500).
// Over the run: wind+solar to load = 1500 + 500·500/(500+H) kWh, exported
// H·500/(500+H) kWh, out of 2000 kWh available; the rest of the battery's
// energy and of the export is hydro's.
TEST(DirectSupplyTest, StoredEnergyKeepsItsWindShareApartFromHydro) {
  sim::Setup s;
  s.weather = testing::per_step(testing::windy_weather({10.0, 0.0}));
  gen::WindParams farm = testing::flat_1000_kw_farm();
  farm.count = 2;
  s.wind = {farm};
  s.datacenter = testing::constant_datacenter(1500.0);
  const gen::HydroParams h = testing::small_reservoir(5.0);
  s.hydro = HydroSetup{.params = h, .inflow_m3_per_s = {2.0, 2.0}};
  s.batteries = {gen::BatteryParams{.name = "b",
                                    .energy_kwh = 1000.0,
                                    .max_charge_kw = 500.0,
                                    .max_discharge_kw = 500.0,
                                    .soc_min_frac = 0.0,
                                    .soc_max_frac = 1.0,
                                    .soc_initial_frac = 0.0,
                                    .charge_efficiency_frac = 1.0,
                                    .discharge_efficiency_frac = 1.0}};
  s.grid = gen::GridParams{.import_limit_kw = 1e6, .export_limit_kw = 1e6};
  const Results r = run(s);
  const StepSeries& x = r.steps;
  ASSERT_EQ(x.size(), 2u);
  const double hydro_kw = x.hydro_kw[0];
  EXPECT_NEAR(hydro_kw, 1000.0 * 9.81 * 2.0 * 55.0 * 0.9 / 1000.0, 5.0);
  EXPECT_NEAR(x.hydro_kw[1], 1000.0, 1e-6);
  ASSERT_NEAR(x.wind_kw[0], 2000.0, 1e-9);
  ASSERT_NEAR(x.battery_charge_kw[0], 500.0, 1e-9);
  ASSERT_NEAR(x.grid_export_kw[0], hydro_kw, 1e-6);
  ASSERT_NEAR(x.battery_discharge_kw[1], 500.0, 1e-9);
  const double wind_share = 500.0 / (500.0 + hydro_kw);
  EXPECT_NEAR(x.wind_solar_to_load_kw[0], 1500.0, 1e-9);
  EXPECT_NEAR(x.wind_solar_to_grid_kw[0], hydro_kw * wind_share, 1e-9);
  EXPECT_NEAR(x.wind_solar_to_load_kw[1], 500.0 * wind_share, 1e-9);
  EXPECT_NEAR(x.wind_solar_to_grid_kw[1], 0.0, 1e-12);
  // The clean share (hydro included) of the same discharge is all of it.
  EXPECT_NEAR(x.green_to_load_kw[1], 1500.0, 1e-6);
  for (std::size_t i = 0; i < 2; ++i) EXPECT_LE(x.balance_error_kwh[i], 1e-9);
}

// Energy in storage at the start counts as wind and solar when the base has
// any; it reaches the load through the battery. Here: 500 kWh stored, no
// wind at all in the one hour, load 500 kW: wind+solar to load = 500 kW.
TEST(DirectSupplyTest, InitialContentCountsAsWindAndSolar) {
  sim::Setup s;
  s.weather = testing::per_step(testing::windy_weather({0.0}));
  s.wind = {testing::flat_1000_kw_farm()};
  s.datacenter = testing::constant_datacenter(500.0);
  s.batteries = {gen::BatteryParams{.name = "b",
                                    .energy_kwh = 1000.0,
                                    .max_charge_kw = 500.0,
                                    .max_discharge_kw = 500.0,
                                    .soc_min_frac = 0.0,
                                    .soc_max_frac = 1.0,
                                    .soc_initial_frac = 0.5,
                                    .charge_efficiency_frac = 1.0,
                                    .discharge_efficiency_frac = 1.0}};
  const Results r = run(s);
  EXPECT_NEAR(r.steps.battery_discharge_kw[0], 500.0, 1e-9);
  EXPECT_NEAR(r.steps.wind_solar_to_load_kw[0], 500.0, 1e-9);
  // Without wind or solar in the base it would count as hydro's.
  s.wind.clear();
  EXPECT_NEAR(run(s).steps.wind_solar_to_load_kw[0], 0.0, 1e-12);
}

}  // namespace
}  // namespace shapan::sim
