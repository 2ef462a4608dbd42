#include "shapan/dispatch/rule_based.h"

#include <gtest/gtest.h>

namespace shapan::dispatch {
namespace {

StepOffer offer_with(double load_kw, double renewables_kw) {
  return StepOffer{.dt = Duration::hours(1),
                   .load = kw(load_kw),
                   .renewables = kw(renewables_kw),
                   .hydro_min = kw(10),
                   .hydro_max = kw(60),
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
  EXPECT_GE(d.hydro, o.hydro_min);
  EXPECT_LE(d.hydro, o.hydro_max);
}

// Load 200, renewables 50, hydro must-run 10: the 140 kW deficit is met by
// the battery (40), hydro above must-run (50), then grid (25); 25 unserved.
TEST(RuleBasedDispatchTest, DeficitFollowsMeritOrder) {
  RuleBasedDispatch rule;
  const StepOffer o = offer_with(200, 50);
  const StepDecision d = rule.decide(o);
  EXPECT_DOUBLE_EQ(d.battery_to_load.in_kw(), 40);
  EXPECT_DOUBLE_EQ(d.hydro.in_kw(), 60);
  EXPECT_DOUBLE_EQ(d.grid_to_load.in_kw(), 25);
  EXPECT_DOUBLE_EQ(d.unserved.in_kw(), 25);
  EXPECT_DOUBLE_EQ(d.curtailed.in_kw(), 0);
  expect_balanced(o, d);
}

// Load 20, renewables 100, must-run 10: surplus 90 goes 30 to the battery,
// 15 to export and 45 is curtailed; hydro stays at its must-run.
TEST(RuleBasedDispatchTest, SurplusChargesThenExportsThenCurtails) {
  RuleBasedDispatch rule;
  const StepOffer o = offer_with(20, 100);
  const StepDecision d = rule.decide(o);
  EXPECT_DOUBLE_EQ(d.hydro.in_kw(), 10);
  EXPECT_DOUBLE_EQ(d.clean_to_battery.in_kw(), 30);
  EXPECT_DOUBLE_EQ(d.clean_to_grid.in_kw(), 15);
  EXPECT_DOUBLE_EQ(d.curtailed.in_kw(), 45);
  EXPECT_DOUBLE_EQ(d.grid_import().in_kw(), 0);
  expect_balanced(o, d);
}

// Small deficit covered by the battery alone: hydro is not raised.
TEST(RuleBasedDispatchTest, BatteryBeforeHydro) {
  RuleBasedDispatch rule;
  const StepOffer o = offer_with(70, 50);
  const StepDecision d = rule.decide(o);
  EXPECT_DOUBLE_EQ(d.battery_to_load.in_kw(), 10);
  EXPECT_DOUBLE_EQ(d.hydro.in_kw(), 10);
  expect_balanced(o, d);
}

TEST(RuleBasedDispatchTest, BalancedOnAGridOfCases) {
  RuleBasedDispatch rule;
  for (double load = 0; load <= 300; load += 7.5) {
    for (double ren = 0; ren <= 300; ren += 12.5) {
      const StepOffer o = offer_with(load, ren);
      expect_balanced(o, rule.decide(o));
    }
  }
}

// The operating rule. Load 50, renewables 100, hydro must-run 10, target 60,
// limit 100, auxiliary load 5, battery room 20, export line 70. The load
// takes 50 of the renewables; their 50 kW of surplus and hydro's must-run
// 10 give the auxiliary load 5, the battery 20 and the line 35. Hydro's 50 kW
// toward its target then finds 35 kW of line left: hydro runs at 45 kW, the
// line is full, nothing is curtailed, and the other 15 kW of water stays.
TEST(RuleBasedDispatchTest, HydroTargetGoesWhereWindAndSunLeaveRoom) {
  StepOffer o{.dt = Duration::hours(1),
              .load = kw(50),
              .renewables = kw(100),
              .hydro_min = kw(10),
              .hydro_max = kw(100),
              .hydro_target = kw(60),
              .aux_load = kw(5),
              .battery_max_charge = kw(20),
              .battery_max_discharge = kw(40),
              .grid_import_limit = kw(25),
              .grid_export_limit = kw(70)};
  const StepDecision d = RuleBasedDispatch().decide(o);
  expect_balanced(o, d);
  EXPECT_NEAR(d.hydro.in_kw(), 45.0, 1e-12);
  EXPECT_NEAR(d.clean_to_aux.in_kw(), 5.0, 1e-12);
  EXPECT_NEAR(d.clean_to_battery.in_kw(), 20.0, 1e-12);
  EXPECT_NEAR(d.clean_to_grid.in_kw(), 70.0, 1e-12);
  EXPECT_NEAR(d.curtailed.in_kw(), 0.0, 1e-12);
  EXPECT_NEAR(d.grid_import().in_kw(), 0.0, 1e-12);
  // Load 150 instead: 40 kW of the target's 50 goes to the load before the
  // battery is drawn, 5 to the auxiliary load, 5 to the battery.
  o.load = kw(150);
  const StepDecision e = RuleBasedDispatch().decide(o);
  expect_balanced(o, e);
  EXPECT_NEAR(e.hydro.in_kw(), 60.0, 1e-12);
  EXPECT_NEAR(e.battery_to_load.in_kw(), 0.0, 1e-12);
  EXPECT_NEAR(e.clean_to_load.in_kw(), 150.0, 1e-12);
  EXPECT_NEAR(e.clean_to_aux.in_kw(), 5.0, 1e-12);  // from the rest of the release
}

}  // namespace
}  // namespace shapan::dispatch
