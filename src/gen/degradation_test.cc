// Degradation model of Xu et al. 2018 (IEEE Trans. Smart Grid 9(2) 1131–1140):
// each stress factor and the fade law checked against values worked out by
// hand from the paper's Eqs. 3–10 and Table I parameters.
#include "shapan/gen/degradation.h"

#include <gtest/gtest.h>

#include <cmath>

namespace shapan::gen {
namespace {

DegradationParams xu2018() {
  DegradationParams p;
  p.enabled = true;
  return p;
}

// S_δ(1) = 1 / (1.40e5 · 1 − 1.23e5) = 1 / 17 000.
// S_δ(0.5) = 1 / (1.40e5 · 0.5^−0.501 − 1.23e5) = 1 / 75 127.7 = 1.3310761e-5.
TEST(DegradationTest, DepthStressFromTableOne) {
  const DegradationParams p = xu2018();
  EXPECT_NEAR(dod_stress(p, 1.0), 1.0 / 17000.0, 1e-18);
  EXPECT_NEAR(dod_stress(p, 0.5), 1.3310761397478877e-05, 1e-17);
  EXPECT_EQ(dod_stress(p, 0.0), 0.0);
  EXPECT_LT(dod_stress(p, 0.1), dod_stress(p, 0.5));  // shallow cycles age less
}

// S_σ(0.5) = 1 (reference); S_σ(0.9) = e^(1.04·0.4) = 1.5158859.
// S_T(25 °C) = 1; S_T(35 °C) = exp(0.0693 · 10 · 298.15 / 308.15) = 1.9552361.
TEST(DegradationTest, SocAndTemperatureStress) {
  const DegradationParams p = xu2018();
  EXPECT_DOUBLE_EQ(soc_stress(p, 0.5), 1.0);
  EXPECT_NEAR(soc_stress(p, 0.9), 1.515885868870569, 1e-14);
  EXPECT_DOUBLE_EQ(temperature_stress(p, 25.0), 1.0);
  EXPECT_NEAR(temperature_stress(p, 35.0), 1.955236098141042, 1e-14);
}

// One year (365 d) at 50 % SOC and 25 °C: f = 4.14e-10 · 31 536 000 s =
// 0.013055904; L = 1 − 0.0575 e^(−121 f) − 0.9425 e^(−f) = 0.0578789: the fast
// SEI-film loss (most of α_sei = 5.75 %) shows in the first year.
TEST(DegradationTest, CalendarYearAtReference) {
  const DegradationParams p = xu2018();
  const double f = calendar_damage(p, Duration::days(365), 0.5, 25.0);
  EXPECT_NEAR(f, 0.013055904, 1e-15);
  EXPECT_NEAR(capacity_loss_frac(p, f), 0.05787885126921832, 1e-14);
}

// Full-depth cycles at 25 °C around 50 % SOC: once the SEI term has died out,
// capacity is 0.9425 e^(−N / 17 000); it reaches 80 % after
// N = 17 000 · ln(0.9425 / 0.8) = 2786.7 cycles. (The SEI term left,
// 0.0575 e^(−121 · 0.164) = 1.4e-10, sets the tolerance.)
TEST(DegradationTest, FullCyclesToEightyPercent) {
  const DegradationParams p = xu2018();
  const double n80 = 17000.0 * std::log(0.9425 / 0.8);
  EXPECT_NEAR(n80, 2786.711258122053, 1e-9);
  EXPECT_NEAR(capacity_loss_frac(p, cycle_damage(p, 1.0, 0.5, 25.0, n80)), 0.2, 2e-10);
  EXPECT_EQ(capacity_loss_frac(p, 0.0), 0.0);
}

// The tracker: a daily 0.1 → 0.9 → 0.1 cycle closes one full cycle of depth
// 0.8 around σ = 0.5 per day; with calendar ageing switched off, 100 days
// give damage 100 · S_δ(0.8) (the last day's cycle still open counts as two
// half cycles through the residue).
TEST(DegradationTest, AgeingTrackerCountsDailyCycles) {
  DegradationParams p = xu2018();
  p.k_time_per_s = 0.0;
  BatteryAgeing ageing(p);
  for (int day = 0; day < 100; ++day) {
    ageing.observe(0.1, 0.5, Duration::hours(12), 25.0);
    ageing.observe(0.9, 0.5, Duration::hours(12), 25.0);
  }
  ageing.observe(0.1, 0.5, Duration::hours(12), 25.0);
  const double expected = 100.0 * dod_stress(p, 0.8);
  EXPECT_NEAR(1.0 - ageing.capacity_frac(), capacity_loss_frac(p, expected), 1e-12);
  ageing.replace();
  EXPECT_EQ(ageing.capacity_frac(), 1.0);
}

TEST(DegradationTest, DisabledNeverFades) {
  BatteryAgeing ageing(DegradationParams{});
  for (int k = 0; k < 100; ++k) ageing.observe(k % 2 == 0 ? 0.0 : 1.0, 0.5, Duration::hours(1), 45);
  EXPECT_EQ(ageing.capacity_frac(), 1.0);
}

TEST(DegradationTest, CheckCatchesBadParameters) {
  DegradationParams p = xu2018();
  EXPECT_TRUE(p.check().empty());
  p.k_delta3 = -2e5;
  p.alpha_sei = 1.5;
  const auto issues = p.check();
  ASSERT_EQ(issues.size(), 2u);
  EXPECT_EQ(issues[0].field, "k_delta3");
  EXPECT_EQ(issues[1].field, "alpha_sei");
}

}  // namespace
}  // namespace shapan::gen
