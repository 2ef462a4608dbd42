// The batteries' ageing over a run (fleet_ageing.cc): once a day, the end of
// life actions (replace, augment, none) and the cell temperature that follows
// the air. Calendar ageing (Xu et al. 2018, gen/degradation.h) fades a cell
// held at 50 % SOC a little every day, which is all these cases need.
#include "fleet_ageing.h"

#include <gtest/gtest.h>

#include <vector>

namespace shapan::sim {
namespace {

// A 1000 kWh battery with ageing on, which reaches its end of life at the
// first fade: end_of_life_capacity_frac just under 1.
gen::BatteryParams ageing_battery(gen::EndOfLifeAction action) {
  gen::BatteryParams p{.name = "b", .energy_kwh = 1000.0};
  p.degradation.enabled = true;
  p.end_of_life_capacity_frac = 1.0 - 1e-12;
  p.end_of_life_action = action;
  return p;
}

// One hourly day at 50 % SOC, 25 °C.
void one_day_at_half(FleetAgeing& fleet, std::size_t b) {
  for (int h = 0; h < 24; ++h) {
    fleet.observe(b, 0.5, 0.5, 25.0);
    (void)fleet.end_of_step();
  }
}

// Hourly steps: the 24th, 48th, ... step ends a day; 15-minute steps: the 96th.
TEST(FleetAgeingTest, ADayEndsEveryDaysWorthOfSteps) {
  FleetAgeing hourly({}, Duration::hours(1));
  for (int i = 1; i <= 48; ++i) EXPECT_EQ(hourly.end_of_step(), i % 24 == 0) << i;
  FleetAgeing quarter({}, Duration::minutes(15));
  for (int i = 1; i <= 96; ++i) EXPECT_EQ(quarter.end_of_step(), i == 96) << i;
}

// Replace: at its end of life the battery is new again (health 1) and the
// report counts one replacement.
TEST(FleetAgeingTest, ReplaceGivesANewBattery) {
  FleetAgeing fleet({ageing_battery(gen::EndOfLifeAction::kReplace)}, Duration::hours(1));
  one_day_at_half(fleet, 0);
  EXPECT_EQ(fleet.end_of_day_health(0), 1.0);
  const std::vector<BatteryAgeingReport> r = fleet.reports();
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].replacements, 1);
  EXPECT_EQ(r[0].augmentations, 0);
}

// Augment: new modules make up the lost fraction f = 1 − health, f × 1000 kWh
// of nameplate; the battery is back at (about) nameplate.
TEST(FleetAgeingTest, AugmentAddsTheLostCapacity) {
  FleetAgeing none({ageing_battery(gen::EndOfLifeAction::kNone)}, Duration::hours(1));
  one_day_at_half(none, 0);
  const double faded = none.end_of_day_health(0);
  ASSERT_LT(faded, 1.0);
  FleetAgeing fleet({ageing_battery(gen::EndOfLifeAction::kAugment)}, Duration::hours(1));
  one_day_at_half(fleet, 0);
  EXPECT_NEAR(fleet.end_of_day_health(0), 1.0, 1e-9);
  const std::vector<BatteryAgeingReport> r = fleet.reports();
  EXPECT_EQ(r[0].augmentations, 1);
  EXPECT_NEAR(r[0].augmented_kwh, (1.0 - faded) * 1000.0, 1e-9);
  EXPECT_EQ(r[0].replacements, 0);
}

// None: the battery keeps fading below its end of life; nothing is counted.
TEST(FleetAgeingTest, NoActionLeavesTheFade) {
  FleetAgeing fleet({ageing_battery(gen::EndOfLifeAction::kNone)}, Duration::hours(1));
  one_day_at_half(fleet, 0);
  const double day1 = fleet.end_of_day_health(0);
  one_day_at_half(fleet, 0);
  EXPECT_LT(fleet.end_of_day_health(0), day1);
  EXPECT_EQ(fleet.reports()[0].replacements, 0);
  EXPECT_EQ(fleet.reports()[0].augmentations, 0);
}

// A cell that follows the air ages faster on a hot day: the same day at
// 40 °C air (+5 K offset) fades it more than a fixed 25 °C cell.
TEST(FleetAgeingTest, CellTemperatureFollowsTheAir) {
  gen::BatteryParams fixed = ageing_battery(gen::EndOfLifeAction::kNone);
  gen::BatteryParams follows = fixed;
  follows.cell_temp_follows_ambient = true;
  follows.cell_temp_offset_c = 5.0;
  FleetAgeing fleet({fixed, follows}, Duration::hours(1));
  for (int h = 0; h < 24; ++h) {
    fleet.observe(0, 0.5, 0.5, 40.0);
    fleet.observe(1, 0.5, 0.5, 40.0);
    (void)fleet.end_of_step();
  }
  EXPECT_LT(fleet.end_of_day_health(1), fleet.end_of_day_health(0));
}

}  // namespace
}  // namespace shapan::sim
