#include "shapan/dispatch/receding_plan.h"

#include <gtest/gtest.h>

#include <vector>

namespace shapan::dispatch {
namespace {

StepOffer offer_at(std::size_t i, double stored_kwh) {
  return StepOffer{.step_index = i,
                   .dt = Duration::hours(1),
                   .load = kw(40),
                   .renewables = kw(10),
                   .battery_max_charge = kw(30),
                   .battery_max_discharge = kw(20),
                   .grid_import_limit = kw(100),
                   .grid_export_limit = kw(0),
                   .battery_stored = kwh(stored_kwh)};
}

// Re-plan every 2 steps over 5 steps: the planner is asked at steps 0, 2 and
// 4, with the state the offer of that step carries. Each plan discharges
// (step index + 1) kW at its own index 0 and 7 kW at its index 1, so the
// followed discharge is 1, 7, 3, 7, 5 kW: index 0 of a plan lands on its
// re-plan step, not on step 0 of the run.
TEST(RecedingPlanDispatchTest, AsksThePlannerEveryKStepsAndShiftsItsPlan) {
  std::vector<std::size_t> asked_at;
  std::vector<double> stored_seen_kwh;
  RecedingPlanner planner{.plan =
                              [&](const StepOffer& o) {
                                asked_at.push_back(o.step_index);
                                stored_seen_kwh.push_back(o.battery_stored.in_kwh());
                                const double first_kw = static_cast<double>(o.step_index) + 1.0;
                                return DispatchPlan{.battery_charge_kw = {0, 0, 0},
                                                    .battery_discharge_kw = {first_kw, 7, 0}};
                              },
                          .replan_every_steps = 2};
  RecedingPlanDispatch strategy(planner);
  const std::vector<double> want_kw = {1, 7, 3, 7, 5};
  for (std::size_t i = 0; i < want_kw.size(); ++i) {
    const StepDecision d = strategy.decide(offer_at(i, 100.0 - 10.0 * static_cast<double>(i)));
    EXPECT_DOUBLE_EQ(d.battery_to_load.in_kw(), want_kw[i]) << "step " << i;
    EXPECT_DOUBLE_EQ(d.grid_to_load.in_kw(), 30.0 - want_kw[i]) << "step " << i;
  }
  EXPECT_EQ(asked_at, (std::vector<std::size_t>{0, 2, 4}));
  EXPECT_EQ(stored_seen_kwh, (std::vector<double>{100, 80, 60}));
  EXPECT_EQ(strategy.replans(), 3U);
  EXPECT_EQ(strategy.name(), "receding_plan");
}

// A plan shorter than the interval: steps past its end have no set-point.
TEST(RecedingPlanDispatchTest, StepsPastAShortPlanHaveNoSetPoint) {
  RecedingPlanDispatch strategy(RecedingPlanner{
      .plan =
          [](const StepOffer&) {
            return DispatchPlan{.battery_charge_kw = {0}, .battery_discharge_kw = {15}};
          },
      .replan_every_steps = 3});
  EXPECT_DOUBLE_EQ(strategy.decide(offer_at(0, 50)).battery_to_load.in_kw(), 15);
  EXPECT_DOUBLE_EQ(strategy.decide(offer_at(1, 50)).battery_to_load.in_kw(), 0);
  EXPECT_DOUBLE_EQ(strategy.decide(offer_at(2, 50)).battery_to_load.in_kw(), 0);
  EXPECT_DOUBLE_EQ(strategy.decide(offer_at(3, 50)).battery_to_load.in_kw(), 15);
  EXPECT_EQ(strategy.replans(), 2U);
}

}  // namespace
}  // namespace shapan::dispatch
