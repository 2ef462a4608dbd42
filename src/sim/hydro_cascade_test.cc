// The hydro plants as one part (hydro_cascade.cc), without the rest of the
// run: the offer's range, the release of the plant above reaching the plant
// below after the travel delay, and a request shared among the plants.
#include "hydro_cascade.h"

#include <gtest/gtest.h>

#include <vector>

#include "test_setups.h"

namespace shapan::sim {
namespace {

// The two-reservoir case of cascade_test.cc, stepped at must-run (the
// offer's minimum) as a base without load does: upper plant A full (100 hm³),
// 10 m³/s ecological release, inflow [50, 50, 100, 100, 0, 0] m³/s; while
// full it releases all its inflow, then 10 m³/s from storage. Lower plant B,
// 2 h below, gets 5 m³/s local plus A's release two steps before (A's first
// inflow, 50, before the run): [55, 55, 55, 55, 105, 105], and stores it all
// (no release of its own): +430 m³/s·h = 1.548 hm³. A spills (40 + 40 + 90 +
// 90)·3600 m³ = 0.936 hm³ and loses 2·10·3600 m³ = 0.072 hm³ of storage.
TEST(HydroCascadeTest, UpperReleaseReachesTheLowerPlantAfterTheDelay) {
  gen::HydroParams a{.name = "A"};
  a.storage_initial_hm3 = 100.0;
  a.min_release_m3_per_s = 10.0;
  a.max_turbine_flow_m3_per_s = 500.0;
  a.rated_power_kw = 1e7;
  gen::HydroParams b{.name = "B"};
  b.storage_initial_hm3 = 50.0;
  const std::vector<double> inflow = {50, 50, 100, 100, 0, 0};
  HydroCascade hydro(
      HydroSetup{.params = a, .inflow_m3_per_s = inflow},
      {HydroSetup{
          .params = b, .inflow_m3_per_s = std::vector<double>(6, 5.0), .travel_delay_h = 2.0}},
      testing::windy_weather(std::vector<double>(6, 0.0)), 0.0);
  for (std::size_t i = 0; i < inflow.size(); ++i) {
    const HydroRange range = hydro.offer(i, m3_per_s(inflow[i]));
    EXPECT_LE(range.min, range.target);
    EXPECT_LE(range.target, range.max);
    const HydroCascadeStep s = hydro.apply(i, m3_per_s(inflow[i]), range.min);
    EXPECT_NEAR(s.power.in_kw(), range.min.in_kw(), 1e-6) << i;
  }
  const std::vector<HydroPlantReport>& r = hydro.reports();
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].name, "A");
  EXPECT_NEAR(r[0].spill_hm3, 0.936, 1e-9);
  EXPECT_NEAR(r[0].storage_end_hm3, 100.0 - 0.072, 1e-9);
  EXPECT_NEAR(hydro.storage_hm3(), 100.0 - 0.072, 1e-9);
  EXPECT_NEAR(r[1].storage_end_hm3 - r[1].storage_start_hm3, 1.548, 1e-9);
  EXPECT_EQ(r[1].energy_kwh, 0.0);
  EXPECT_EQ(r[0].storage_max_hm3, a.storage_max_hm3);
  EXPECT_EQ(r[1].storage_max_hm3, b.storage_max_hm3);
}

// One plant, no cascade: the request is the plant's as it is, within its
// range, and the report's energy adds up the steps.
TEST(HydroCascadeTest, ASinglePlantTakesTheRequest) {
  gen::HydroParams h;
  h.rated_power_kw = 20000.0;
  h.max_turbine_flow_m3_per_s = 50.0;
  h.storage_min_hm3 = 0.0;
  h.storage_max_hm3 = 10.0;
  h.storage_initial_hm3 = 5.0;
  h.level_table_storage_hm3 = {0.0, 10.0};
  h.level_table_m = {100.0, 110.0};
  h.tailwater_level_m = 50.0;
  HydroCascade hydro(HydroSetup{.params = h, .inflow_m3_per_s = {0.0, 0.0}}, {},
                     testing::windy_weather({0.0, 0.0}), 0.0);
  double energy_kwh = 0.0;
  for (std::size_t i = 0; i < 2; ++i) {
    const HydroRange range = hydro.offer(i, m3_per_s(0.0));
    ASSERT_GT(range.max.in_kw(), 5000.0);
    const HydroCascadeStep s = hydro.apply(i, m3_per_s(0.0), kw(5000.0));
    EXPECT_NEAR(s.power.in_kw(), 5000.0, 1e-6);
    EXPECT_EQ(s.spill.in_m3_per_s(), 0.0);
    energy_kwh += s.power.in_kw();
  }
  EXPECT_NEAR(hydro.reports()[0].energy_kwh, energy_kwh, 1e-6);
  EXPECT_LT(hydro.storage_hm3(), 5.0);
  EXPECT_LT(hydro.level_m(), 105.0);
}

// A followed plan's split: two identical plants (50 m head at 90 %: 441.3 kW
// per m³/s, rated 20 MW), a plan of 3,000 kW for the upper and 1,000 for the
// lower at step 0. A request of 2,000 kW (the plan's 4,000 clamped by the
// dispatch, say) is split in the plan's proportions: 1,500 and 500 kW. At
// step 1 the plan has no power: the sharing rule decides again.
TEST(HydroCascadeTest, AFollowedPlanSplitsTheRequestInItsProportions) {
  gen::HydroParams h;
  h.rated_power_kw = 20000.0;
  h.max_turbine_flow_m3_per_s = 50.0;
  h.storage_min_hm3 = 0.0;
  h.storage_max_hm3 = 10.0;
  h.storage_initial_hm3 = 5.0;
  h.level_table_storage_hm3 = {0.0, 10.0};
  h.level_table_m = {100.0, 110.0};
  h.tailwater_level_m = 55.0;
  HydroCascade hydro(
      HydroSetup{.params = h, .inflow_m3_per_s = {0.0, 0.0}},
      {HydroSetup{.params = h, .inflow_m3_per_s = {0.0, 0.0}, .travel_delay_h = 1.0}},
      testing::windy_weather({0.0, 0.0}), 0.0);
  hydro.follow_plan({{3000.0, 0.0}, {1000.0, 0.0}});
  (void)hydro.offer(0, m3_per_s(0.0));
  const HydroCascadeStep s = hydro.apply(0, m3_per_s(0.0), kw(2000.0));
  EXPECT_NEAR(s.power.in_kw(), 2000.0, 1e-6);
  EXPECT_NEAR(hydro.reports()[0].energy_kwh, 1500.0, 1e-6);
  EXPECT_NEAR(hydro.reports()[1].energy_kwh, 500.0, 1e-6);
}

}  // namespace
}  // namespace shapan::sim
