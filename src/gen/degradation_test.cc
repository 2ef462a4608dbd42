// Degradation models. Xu et al. 2018 (IEEE Trans. Smart Grid 9(2) 1131–1140):
// each stress factor and the fade law checked against values worked out by
// hand from the paper's Eqs. 3–10 and Table I parameters. Naumann et al.
// (J. Energy Storage 17 (2018) 153–169, calendar; J. Power Sources 451 (2020)
// 227666, cycle), LiFePO4/graphite: the published equations and fitted
// parameters evaluated by hand.
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

// Naumann et al. (2018), calendar: one year (31 536 000 s) at 25 °C (= T_ref,
// so k_T = k_ref) and σ = 0.5 (k_SOC = d_cal = 0.60225):
//   k = 1.2571e-5 · 0.60225 = 7.57088475e-6 per √s,
//   Q = k · √31 536 000 = 7.57088475e-6 · 5615.69 = 0.0425158 (4.25 %).
// 20 % is reached at t = (0.2 / k)² = 22.13 years: calendar fade alone
// leaves a cell at 25 °C and half charge far from end of life for a decade.
TEST(DegradationTest, NaumannCalendarYearAtReference) {
  const DegradationParams p = naumann_lfp_preset();
  const double k = naumann_calendar_stress(p, 0.5, 25.0);
  EXPECT_NEAR(k, 7.57088475e-06, 1e-18);
  const double q = naumann_continue(0.0, k, 365.0 * 86400.0);
  EXPECT_NEAR(q, 0.0425157591891815, 1e-15);
  // Arrhenius at 40 °C: exp(−17126 / 8.314462618 · (1/313.15 − 1/298.15))
  // = 1.39225; and a fuller cell ages faster: k_SOC(0.9) = 2.8575 · 0.4³ +
  // 0.60225 = 0.78513.
  EXPECT_NEAR(naumann_calendar_stress(p, 0.5, 40.0) / k, 1.3922513447659732, 1e-12);
  EXPECT_NEAR(naumann_calendar_stress(p, 0.9, 25.0) / 1.2571e-5, 0.78513, 1e-12);
}

// Virtual time: at constant stress, a year in 365 daily steps ends at the same
// loss as in one step (√(q² + k²Δt) telescopes to k·√t); a stress change
// continues from the loss reached, not from the elapsed time.
TEST(DegradationTest, NaumannVirtualTimeContinuation) {
  const double k = 7.57088475e-06;
  double q = 0.0;
  for (int day = 0; day < 365; ++day) q = naumann_continue(q, k, 86400.0);
  EXPECT_NEAR(q, 0.0425157591891815, 1e-14);
  // Half a year at 2k then half a year at k: q1 = 2k·√(t/2); then
  // q2 = √(q1² + k²·t/2) = k·√(4·t/2 + t/2) = k·√(2.5·t).
  const double t = 365.0 * 86400.0;
  const double q2 = naumann_continue(naumann_continue(0.0, 2.0 * k, t / 2.0), k, t / 2.0);
  EXPECT_NEAR(q2, k * std::sqrt(2.5 * t), 1e-15);
}

// Naumann et al. (2020), cycle: 1000 full cycles (FEC = 1000) of depth 1 at 1C:
//   k_C = 0.0630 · 1 + 0.0971 = 0.1601; k_DOD = 4.0253 · 0.4³ + 1.0923 = 1.3499192;
//   Q = 0.1601 · 1.3499192 · √1000 / 100 = 0.0683438 (6.83 %).
TEST(DegradationTest, NaumannFullCycles) {
  const DegradationParams p = naumann_lfp_preset();
  const double k = naumann_cycle_stress(p, 1.0, 1.0);
  EXPECT_NEAR(k, 0.1601 * 1.3499192 / 100.0, 1e-15);
  EXPECT_NEAR(naumann_continue(0.0, k, 1000.0), 0.06834379746036987, 1e-14);
  // Shallow cycles stress less per FEC: k_DOD(0.2) = 4.0253 · (−0.4)³ + 1.0923 = 0.8347.
  EXPECT_NEAR(naumann_cycle_stress(p, 1.0, 0.2) / naumann_cycle_stress(p, 1.0, 1.0),
              0.8346808 / 1.3499192, 1e-9);
}

// The tracker with the Naumann model, calendar off: the SOC trace 0.1, then
// 100 times 0.9, 0.1, in 12 h steps, moves |ΔSOC| = 0.8 per 12 h, a C-rate of
// 1/15 per h. Its 200 ranges of depth 0.8 count as 100 cycles in all (closed
// ones, the history's opening half cycle and the open residue's half
// cycles), i.e. FEC = 100 · 0.8 = 80. The stress does not depend on the order:
//   k = (0.0630 / 15 + 0.0971) · (4.0253 · 0.008 + 1.0923) / 100 = 1.13912093e-3,
//   Q = k · √80 = 0.0101886.
TEST(DegradationTest, NaumannTrackerCountsDailyCycles) {
  DegradationParams p = naumann_lfp_preset();
  p.calendar_scale = 0.0;
  BatteryAgeing ageing(p);
  ageing.observe(0.1, 0.1, Duration::hours(12), 25.0);
  for (int day = 0; day < 100; ++day) {
    ageing.observe(0.9, 0.5, Duration::hours(12), 25.0);
    ageing.observe(0.1, 0.5, Duration::hours(12), 25.0);
  }
  EXPECT_NEAR(ageing.mean_c_rate_per_h(), 0.8 / 12.0, 1e-15);
  const double k = (0.0630 / 15.0 + 0.0971) * (4.0253 * 0.008 + 1.0923) / 100.0;
  EXPECT_NEAR(k, 1.1391209312e-3, 1e-15);
  EXPECT_NEAR(1.0 - ageing.capacity_frac(), 0.010188607347024247, 1e-12);
  ageing.replace();
  EXPECT_EQ(ageing.capacity_frac(), 1.0);
}

// Augmentation with the Naumann model, calendar ageing only (SOC held at 0.5,
// 25 °C: k = 7.57088475e-6 per √s, no cycles). After 4 years the modules have
// lost k·√(4 y) = 2 · 0.0425158 = 0.0850315; augmenting by that share adds
// new modules and the capacity is back at 1. One year later:
//   original modules: 1 − k·√(5 y) = 1 − 0.0950682 = 0.9049319,
//   added modules:    0.0850315 · (1 − k·√(1 y)) = 0.0850315 · 0.9574842 = 0.0814163,
//   capacity = 0.9863482 (the new tranche ages from new, on the steep start
//   of its √t curve, the old one further along its flatter part).
TEST(DegradationTest, AugmentedModulesAgeFromNew) {
  BatteryAgeing ageing(naumann_lfp_preset());
  const Duration day = Duration::days(1);
  for (int d = 0; d < 4 * 365; ++d) ageing.observe(0.5, 0.5, day, 25.0);
  const double lost = 1.0 - ageing.capacity_frac();
  EXPECT_NEAR(lost, 0.085031518378363, 1e-12);
  ageing.augment(lost);
  EXPECT_EQ(ageing.tranche_count(), 2u);
  EXPECT_NEAR(ageing.capacity_frac(), 1.0, 1e-15);
  for (int d = 0; d < 365; ++d) ageing.observe(0.5, 0.5, day, 25.0);
  EXPECT_NEAR(ageing.capacity_frac(), 0.986348211157477, 1e-12);
  // The reported damage is the oldest modules': k·√(5 y).
  EXPECT_NEAR(ageing.calendar_damage_total(), 1.0 - 0.9049318723379789, 1e-12);
  // A replacement starts over with one tranche.
  ageing.replace();
  EXPECT_EQ(ageing.tranche_count(), 1u);
  EXPECT_EQ(ageing.capacity_frac(), 1.0);
}

// With the Xu model: the augmented battery's capacity is the old modules'
// (as if not augmented) plus the added share times that of a new battery that
// joined at the present SOC and saw the same trace since, exactly.
TEST(DegradationTest, AugmentationIsOldModulesPlusNewOnes) {
  BatteryAgeing ageing(xu2018_preset());
  const Duration half_day = Duration::hours(12);
  for (int k = 0; k < 1500; ++k) {
    ageing.observe(0.1, 0.5, half_day, 25.0);
    ageing.observe(0.9, 0.5, half_day, 25.0);
  }
  BatteryAgeing old_modules = ageing;  // the same history, never augmented
  const double share = 1.0 - ageing.capacity_frac();
  ageing.augment(share);
  EXPECT_NEAR(ageing.capacity_frac(), 1.0, 1e-12);
  BatteryAgeing new_modules(xu2018_preset());
  new_modules.observe(0.9, 0.9, Duration::seconds(0), 25.0);  // joins at SOC 0.9
  for (int k = 0; k < 300; ++k) {
    for (BatteryAgeing* a : {&ageing, &old_modules, &new_modules}) {
      a->observe(0.2, 0.55, half_day, 30.0);
      a->observe(0.9, 0.55, half_day, 30.0);
    }
  }
  EXPECT_NEAR(ageing.capacity_frac(),
              old_modules.capacity_frac() + share * new_modules.capacity_frac(), 1e-12);
  EXPECT_GT(new_modules.capacity_frac(), old_modules.capacity_frac());
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
  DegradationParams n = naumann_lfp_preset();
  EXPECT_TRUE(n.check().empty());
  n.naumann.cal_soc_d = 0.1;  // k_SOC(0) = −2.8575 / 8 + 0.1 < 0
  const auto naumann_issues = n.check();
  ASSERT_EQ(naumann_issues.size(), 1u);
  EXPECT_EQ(naumann_issues[0].field, "naumann_cal_soc_d");
}

}  // namespace
}  // namespace shapan::gen
