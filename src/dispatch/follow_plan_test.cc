#include "shapan/dispatch/follow_plan.h"

#include <gtest/gtest.h>

#include <vector>

namespace shapan::dispatch {
namespace {

StepOffer offer_at(std::size_t i, double load_kw, double renewables_kw) {
  return StepOffer{.step_index = i,
                   .dt = Duration::hours(1),
                   .load = kw(load_kw),
                   .renewables = kw(renewables_kw),
                   .battery_max_charge = kw(30),
                   .battery_max_discharge = kw(40),
                   .grid_import_limit = kw(25),
                   .grid_export_limit = kw(15)};
}

void expect_balanced(const StepOffer& o, const StepDecision& d) {
  EXPECT_NEAR(
      (d.clean_to_load + d.clean_to_aux + d.clean_to_battery + d.clean_to_grid + d.curtailed)
          .in_kw(),
      (o.renewables + d.hydro).in_kw(), 1e-12);
  EXPECT_NEAR((d.clean_to_load + d.battery_to_load + d.grid_to_load + d.unserved).in_kw(),
              o.load.in_kw(), 1e-12);
}

// Step 0: the plan charges 20 kW with 50 kW of renewables and a 40 kW load:
// 10 kW surplus to the battery, the other 10 from the grid, no export.
// Step 1: the plan charges 50 kW, above the 30 kW the battery takes: clipped
// to 30, 30 from the surplus of 60, 15 exported, 15 curtailed.
TEST(FollowPlanDispatchTest, ChargesFromSurplusThenGridWithinLimits) {
  FollowPlanDispatch plan(DispatchPlan{.battery_charge_kw = {20, 50}, .battery_discharge_kw = {}});
  const StepOffer o0 = offer_at(0, 40, 50);
  const StepDecision d0 = plan.decide(o0);
  expect_balanced(o0, d0);
  EXPECT_DOUBLE_EQ(d0.clean_to_battery.in_kw(), 10);
  EXPECT_DOUBLE_EQ(d0.grid_to_battery.in_kw(), 10);
  EXPECT_DOUBLE_EQ(d0.clean_to_grid.in_kw(), 0);
  const StepOffer o1 = offer_at(1, 40, 100);
  const StepDecision d1 = plan.decide(o1);
  expect_balanced(o1, d1);
  EXPECT_DOUBLE_EQ(d1.clean_to_battery.in_kw(), 30);
  EXPECT_DOUBLE_EQ(d1.grid_to_battery.in_kw(), 0);
  EXPECT_DOUBLE_EQ(d1.clean_to_grid.in_kw(), 15);
  EXPECT_DOUBLE_EQ(d1.curtailed.in_kw(), 15);
}

// Discharge 35 kW against a 30 kW deficit: only the deficit is served (no
// battery-to-grid path); simultaneous charge 10 + discharge 35 nets to 25;
// past the plan's end nothing moves and the grid serves the deficit.
// The same step 0 with the plan's grid charging capped at 4 kW: 10 kW from
// the surplus, 4 from the grid, the other 6 kW of the set-point not charged;
// step 1 has no cap (past the cap's end) and charges as above.
TEST(FollowPlanDispatchTest, GridChargingWithinThePlansCap) {
  FollowPlanDispatch plan(DispatchPlan{.battery_charge_kw = {20, 50},
                                       .battery_discharge_kw = {},
                                       .battery_grid_charge_max_kw = {4}});
  const StepOffer o0 = offer_at(0, 40, 50);
  const StepDecision d0 = plan.decide(o0);
  expect_balanced(o0, d0);
  EXPECT_DOUBLE_EQ(d0.clean_to_battery.in_kw(), 10);
  EXPECT_DOUBLE_EQ(d0.grid_to_battery.in_kw(), 4);
  const StepDecision d1 = plan.decide(offer_at(1, 40, 100));
  EXPECT_DOUBLE_EQ(d1.clean_to_battery.in_kw(), 30);
}

// The auxiliary load's import comes first: 40 kW of load on 30 kW of
// renewables leave a 10 kW deficit from the grid, with 25 kW of import
// limit; 3 kW of auxiliary load, none served on site (no surplus), take 3
// more, so a plan charging 30 kW gets 12 from the grid, not 15 (the import
// would otherwise leave the auxiliary load unserved).
TEST(FollowPlanDispatchTest, GridChargingLeavesImportForTheAuxiliaryLoad) {
  FollowPlanDispatch plan(DispatchPlan{.battery_charge_kw = {30}, .battery_discharge_kw = {}});
  StepOffer o = offer_at(0, 40, 30);
  o.aux_load = kw(3);
  const StepDecision d = plan.decide(o);
  expect_balanced(o, d);
  EXPECT_DOUBLE_EQ(d.grid_to_load.in_kw(), 10);
  EXPECT_DOUBLE_EQ(d.grid_to_battery.in_kw(), 12);
}

TEST(FollowPlanDispatchTest, DischargeServesOnlyTheDeficitAndNets) {
  FollowPlanDispatch plan(
      DispatchPlan{.battery_charge_kw = {0, 10}, .battery_discharge_kw = {35, 35}});
  const StepDecision d0 = plan.decide(offer_at(0, 50, 20));
  EXPECT_DOUBLE_EQ(d0.battery_to_load.in_kw(), 30);
  EXPECT_DOUBLE_EQ(d0.grid_to_load.in_kw(), 0);
  const StepDecision d1 = plan.decide(offer_at(1, 50, 20));
  EXPECT_DOUBLE_EQ(d1.battery_to_load.in_kw(), 25);
  EXPECT_DOUBLE_EQ(d1.grid_to_load.in_kw(), 5);
  EXPECT_DOUBLE_EQ(d1.battery_charge().in_kw(), 0);
  const StepDecision d2 = plan.decide(offer_at(2, 50, 20));
  EXPECT_DOUBLE_EQ(d2.grid_to_load.in_kw(), 25);
  EXPECT_DOUBLE_EQ(d2.battery_to_load.in_kw(), 5);  // beyond the set-point, not unserved
  EXPECT_DOUBLE_EQ(d2.unserved.in_kw(), 0);
  expect_balanced(offer_at(2, 50, 20), d2);
}

// The last resort: a 70 kW deficit with the grid's 25 and a set-point of 10
// kW. The battery gives 30 more (40 in all, what it can give now), 5 kW
// stay unserved; with an empty battery, 45 stay unserved. The set-point's
// charge is not made in a step with unserved load.
TEST(FollowPlanDispatchTest, BatteryServesWhatWouldBeUnservedAsFarAsItCan) {
  FollowPlanDispatch discharging(DispatchPlan{.battery_discharge_kw = {10}});
  const StepDecision d = discharging.decide(offer_at(0, 70, 0));
  EXPECT_DOUBLE_EQ(d.battery_to_load.in_kw(), 40);
  EXPECT_DOUBLE_EQ(d.grid_to_load.in_kw(), 25);
  EXPECT_DOUBLE_EQ(d.unserved.in_kw(), 5);
  expect_balanced(offer_at(0, 70, 0), d);
  StepOffer empty = offer_at(0, 70, 0);
  empty.battery_max_discharge = kw(0);
  FollowPlanDispatch charging(DispatchPlan{.battery_charge_kw = {20}});
  const StepDecision e = charging.decide(empty);
  EXPECT_DOUBLE_EQ(e.unserved.in_kw(), 45);
  EXPECT_DOUBLE_EQ(e.battery_charge().in_kw(), 0);
  expect_balanced(empty, e);
}

// A hydro set-point, with hydro able to give 10 (must-run) to 60 kW, a
// 50 kW load, import limit 25, export limit 15, no battery set-point.
// Step 0: 40 planned, 20 of renewables: 60 clean, 50 to the load, 10
// exported. Step 1: 100 planned, clamped to 60, no renewables: 10 exported.
// Step 2: 5 planned, raised to the must-run 10: the 40 kW deficit takes the
// grid's 25, and hydro's headroom the 15 the grid cannot give (hydro 25, none
// unserved). Step 3, past the plan's end: the must-run 10, with 20 of
// renewables; the grid gives the other 20 (the headroom is not drawn while
// the grid can serve: the plan decided).
TEST(FollowPlanDispatchTest, HydroFollowsItsSetPointWithinTheStepsRange) {
  FollowPlanDispatch plan(DispatchPlan{.hydro_kw = {40, 100, 5}});
  const auto hydro_offer = [](std::size_t i, double renewables_kw) {
    StepOffer o = offer_at(i, 50, renewables_kw);
    o.hydro_min = kw(10);
    o.hydro_max = kw(60);
    return o;
  };
  const std::vector<double> renewables_kw = {20, 0, 0, 20};
  const std::vector<double> hydro_kw = {40, 60, 25, 10};
  const std::vector<double> export_kw = {10, 10, 0, 0};
  const std::vector<double> grid_kw = {0, 0, 25, 20};
  for (std::size_t i = 0; i < 4; ++i) {
    const StepOffer o = hydro_offer(i, renewables_kw[i]);
    const StepDecision d = plan.decide(o);
    expect_balanced(o, d);
    EXPECT_DOUBLE_EQ(d.hydro.in_kw(), hydro_kw[i]) << i;
    EXPECT_DOUBLE_EQ(d.clean_to_grid.in_kw(), export_kw[i]) << i;
    EXPECT_DOUBLE_EQ(d.grid_to_load.in_kw(), grid_kw[i]) << i;
    EXPECT_DOUBLE_EQ(d.unserved.in_kw(), 0.0) << i;
    EXPECT_DOUBLE_EQ(d.curtailed.in_kw(), 0.0) << i;
  }
}

TEST(FollowPlanDispatchTest, MadeByTheFactory) {
  EXPECT_EQ(make_strategy(StrategyKind::kFollowPlan, DispatchPlan{})->name(), "follow_plan");
  EXPECT_EQ(make_strategy(StrategyKind::kRuleBased)->name(), "rule_based");
}

}  // namespace
}  // namespace shapan::dispatch
