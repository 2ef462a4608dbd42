// The cost–CFE curve on a case solved by hand.
#include "shapan/optimize/cfe_curve.h"

#include <gtest/gtest.h>

#include "two_step_problem.h"

namespace shapan::optimize {
namespace {

// Two 1-hour steps of 10 MW load standing for a year (each MWh of a step is
// 4,380 MWh a year). PV available 1 then 0 at 100 $/kW/yr; no storage; grid
// at 0.05 $/kWh and 0.5 kg/kWh. A MW of PV serves 1 MWh of step 0 and saves
// 4,380 × 50 = 219,000 $/yr of imports for 100,000: the least-cost design
// has 10 MW of PV (1,000,000 $/yr) and imports step 1 (2,190,000 $/yr),
// 3,190,000 $/yr, CFE 0.5. Step 1 can only come from the grid: CFE 0.5 is
// the most reachable. Targets 0.4 and 0.5 cost nothing more (no CO2
// avoided); 0.6 is out of reach.
SizingProblem pv_without_storage() {
  SizingProblem p = testing::two_step_pv_problem();
  p.grid_carbon_kg_per_kwh = {0.5, 0.5};
  return p;
}

TEST(CfeCurveTest, PointsFromTheNoTargetDesignToOutOfReach) {
  const std::vector<CfeCurvePoint> c =
      cfe_curve(pv_without_storage(), SizingOptions{}, {0.4, 0.5, 0.6});
  ASSERT_EQ(c.size(), 4U);
  EXPECT_FALSE(c[0].cfe_target_frac.has_value());
  ASSERT_EQ(c[0].result.status, SolveStatus::kOptimal);
  EXPECT_NEAR(c[0].result.objective_per_year, 3.19e6, 3.19e6 * 1e-9);
  EXPECT_NEAR(c[0].cfe_frac, 0.5, 1e-9);
  // 10 MWh imported a run (step 1) at 0.5 t/MWh, 4,380 runs a year: 21,900 t.
  EXPECT_NEAR(c[0].co2_per_year_t, 21900.0, 1e-6);
  for (const std::size_t i : {1U, 2U}) {
    ASSERT_EQ(c[i].result.status, SolveStatus::kOptimal);
    EXPECT_NEAR(c[i].result.objective_per_year, 3.19e6, 3.19e6 * 1e-9);
    EXPECT_EQ(c[i].cost_per_t_co2_avoided, 0.0);
  }
  EXPECT_EQ(c[3].result.status, SolveStatus::kInfeasible);
  EXPECT_DOUBLE_EQ(*c[3].cfe_target_frac, 0.6);
}

// With a 4-hour battery at 50 $/kW/yr, each MW of step 1 served by one more
// MW of PV and battery costs 150,000 $/yr instead of 219,000 from the grid,
// so the least-cost design is already fully clean (CFE 1) and every target
// is met at its cost, 2,500,000 $/yr.
TEST(CfeCurveTest, TargetsBelowTheLeastCostDesignsCfeCostNothingMore) {
  SizingProblem p = pv_without_storage();
  p.storages.push_back(
      SizedStorage{.name = "battery0", .duration_h = 4.0, .cost_per_kw_year = 50.0});
  const std::vector<CfeCurvePoint> c = cfe_curve(p, SizingOptions{}, {0.9, 1.0});
  ASSERT_EQ(c.size(), 3U);
  for (const CfeCurvePoint& point : c) {
    ASSERT_EQ(point.result.status, SolveStatus::kOptimal) << point.result.message;
    EXPECT_NEAR(point.result.objective_per_year, 2.5e6, 2.5e6 * 1e-9);
    EXPECT_NEAR(point.cfe_frac, 1.0, 1e-9);
  }
}

}  // namespace
}  // namespace shapan::optimize
