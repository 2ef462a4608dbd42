// A two-reservoir cascade (in the shape of Longyangxia → Laxiwa): the upper
// plant's release, two hours later, plus the local inflow is the lower
// plant's inflow. Worked out by hand below.
#include <gtest/gtest.h>

#include "shapan/sim/simulation.h"
#include "test_setups.h"

namespace shapan::sim {
namespace {

// Upper plant A: full (100 hm³ = max), ecological release 10 m³/s through a
// large turbine, inflow [50, 50, 100, 100, 0, 0] m³/s. No load, so hydro
// runs at its must-run only. While full, A releases all its inflow
// (10 turbined + the rest over the spillway): 50, 50, 100, 100; with no
// inflow it releases the 10 m³/s from storage: 10, 10. A's spill is
// (40 + 40 + 90 + 90)·3600 m³ = 0.936 hm³.
// Lower plant B: no ecological release, no request, so it stores all its
// inflow. Delay 2 h: B's inflow = 5 (local) + A's release two steps before,
// and before the run A is taken to have released its first inflow (50):
// [55, 55, 55, 55, 105, 105] → B gains 430·3600 m³ = 1.548 hm³.
TEST(CascadeTest, UpperReleaseReachesLowerPlantAfterTheDelay) {
  sim::Setup setup;
  setup.weather = sim::testing::per_step(sim::testing::windy_weather(std::vector<double>(6, 0.0)));
  gen::HydroParams a{.name = "A"};
  a.storage_initial_hm3 = 100.0;
  a.min_release_m3_per_s = 10.0;
  a.max_turbine_flow_m3_per_s = 500.0;
  a.rated_power_kw = 1e7;
  setup.hydro = HydroSetup{.params = a, .inflow_m3_per_s = {50, 50, 100, 100, 0, 0}};
  gen::HydroParams b{.name = "B"};
  b.storage_initial_hm3 = 50.0;
  setup.hydro_cascade.push_back(HydroSetup{
      .params = b, .inflow_m3_per_s = std::vector<double>(6, 5.0), .travel_delay_h = 2.0});
  const Results r = run(setup);
  ASSERT_EQ(r.hydro_plants.size(), 2u);
  EXPECT_NEAR(r.hydro_plants[0].spill_hm3, 0.936, 1e-9);
  EXPECT_NEAR(r.hydro_plants[0].storage_end_hm3, 100.0 - 0.072, 1e-9);
  EXPECT_NEAR(r.hydro_plants[1].storage_end_hm3 - r.hydro_plants[1].storage_start_hm3, 1.548, 1e-9);
  EXPECT_EQ(r.hydro_plants[1].energy_kwh, 0.0);
  for (const double e : r.steps.balance_error_kwh) EXPECT_LE(e, 1e-6);
}

}  // namespace
}  // namespace shapan::sim
