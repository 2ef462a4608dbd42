#include "shapan/gen/battery.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "shapan/core/error.h"

namespace shapan::gen {
namespace {

constexpr double kBalanceTolKwh = 1e-9;

// 1000 kWh, 500 kW both ways, window 10–95 %, 95 % each way, no leak.
BatteryParams basic_params() { return BatteryParams{.name = "test"}; }

bool has_issue(const std::vector<FieldIssue>& issues, const std::string& field,
               const std::string& message) {
  for (const auto& issue : issues) {
    if (issue.field == field && issue.message == message) return true;
  }
  return false;
}

TEST(BatteryTest, InitialStateIsInitialSocTimesCapacity) {
  const Battery b(basic_params());
  EXPECT_DOUBLE_EQ(b.initial_state().stored_kwh, 500.0);
  EXPECT_DOUBLE_EQ(b.soc_frac(b.initial_state()), 0.5);
}

// Charging 100 kW AC for 1 h at 95 %: 95 kWh stored, 5 kWh lost.
TEST(BatteryTest, ChargingStoresAfterEfficiency) {
  const Battery b(basic_params());
  const BatteryStep r = b.step(b.initial_state(), kw(-100.0), Duration::hours(1));
  EXPECT_DOUBLE_EQ(r.charge_ac.in_kw(), 100.0);
  EXPECT_DOUBLE_EQ(r.discharge_ac.in_kw(), 0.0);
  EXPECT_NEAR(r.next.stored_kwh, 595.0, 1e-12);
  EXPECT_NEAR(r.loss.in_kwh(), 5.0, 1e-12);
  EXPECT_NEAR(r.soc_frac, 0.595, 1e-15);
}

// Discharging 95 kW AC for 1 h at 95 %: 100 kWh drawn from store, 5 kWh lost.
TEST(BatteryTest, DischargingDrawsMoreThanDelivered) {
  const Battery b(basic_params());
  const BatteryStep r = b.step(b.initial_state(), kw(95.0), Duration::hours(1));
  EXPECT_DOUBLE_EQ(r.discharge_ac.in_kw(), 95.0);
  EXPECT_NEAR(r.next.stored_kwh, 400.0, 1e-12);
  EXPECT_NEAR(r.loss.in_kwh(), 5.0, 1e-12);
}

TEST(BatteryTest, ZeroRequestIdles) {
  const Battery b(basic_params());
  const BatteryStep r = b.step(b.initial_state(), kw(0.0), Duration::minutes(15));
  EXPECT_EQ(r.next, b.initial_state());
  EXPECT_EQ(r.loss.in_kwh(), 0.0);
  EXPECT_EQ(r.charge_ac.in_kw(), 0.0);
  EXPECT_EQ(r.discharge_ac.in_kw(), 0.0);
}

TEST(BatteryTest, PowerLimitClampsRequests) {
  const Battery b(basic_params());
  const BatteryState s = b.initial_state();
  EXPECT_DOUBLE_EQ(b.step(s, kw(-2000.0), Duration::minutes(30)).charge_ac.in_kw(), 500.0);
  EXPECT_DOUBLE_EQ(b.step(s, kw(2000.0), Duration::minutes(30)).discharge_ac.in_kw(), 500.0);
}

// From 500 kWh, the room to 950 kWh is 450 kWh; over 1 h at 95 % that is
// 450/0.95 = 473.68 kW AC, below the 500 kW limit.
TEST(BatteryTest, ChargeStopsAtMaxSoc) {
  const Battery b(basic_params());
  const BatteryState s = b.initial_state();
  EXPECT_NEAR(b.max_charge(s, Duration::hours(1)).in_kw(), 450.0 / 0.95, 1e-9);
  const BatteryStep r = b.step(s, kw(-1000.0), Duration::hours(1));
  EXPECT_NEAR(r.charge_ac.in_kw(), 450.0 / 0.95, 1e-9);
  EXPECT_DOUBLE_EQ(r.soc_frac, 0.95);
  // Full: nothing more goes in.
  EXPECT_EQ(b.max_charge(r.next, Duration::hours(1)).in_kw(), 0.0);
  EXPECT_EQ(b.step(r.next, kw(-10.0), Duration::hours(1)).next, r.next);
}

// From 500 kWh, 400 kWh lie above the 100 kWh floor; at 95 % they give
// 380 kWh AC, i.e. 380 kW for 1 h.
TEST(BatteryTest, DischargeStopsAtMinSoc) {
  const Battery b(basic_params());
  const BatteryState s = b.initial_state();
  EXPECT_NEAR(b.max_discharge(s, Duration::hours(1)).in_kw(), 380.0, 1e-9);
  const BatteryStep r = b.step(s, kw(1000.0), Duration::hours(1));
  EXPECT_NEAR(r.discharge_ac.in_kw(), 380.0, 1e-9);
  EXPECT_DOUBLE_EQ(r.soc_frac, 0.1);
  EXPECT_EQ(b.max_discharge(r.next, Duration::hours(1)).in_kw(), 0.0);
}

// A request of exactly max_charge / max_discharge is served in full.
TEST(BatteryTest, RequestAtTheMaxIsFeasibleExactly) {
  BatteryParams p = basic_params();
  p.self_discharge_frac_per_day = 0.02;
  const Battery b(p);
  const Duration dt = Duration::minutes(10);
  for (double stored_kwh : {100.0, 130.0, 500.0, 920.0, 950.0}) {
    const BatteryState s{.stored_kwh = stored_kwh};
    const Power up = b.max_charge(s, dt);
    const BatteryStep c = b.step(s, -up, dt);
    EXPECT_EQ(c.charge_ac, up);
    EXPECT_LE(c.next.stored_kwh, 950.0);
    const Power down = b.max_discharge(s, dt);
    const BatteryStep d = b.step(s, down, dt);
    EXPECT_EQ(d.discharge_ac, down);
    // At the floor nothing can be discharged and only the leak lowers the store.
    if (down.in_kw() > 0.0) {
      EXPECT_GE(d.next.stored_kwh, 100.0);
    }
  }
}

// Self-discharge 10 %/day. Over one day idle: 500·0.1 = 50 kWh lost. Over
// 24 one-hour steps: 500·(1 − 0.9^(24/24)), the same 50 kWh (exponential decay
// does not depend on how the day is cut).
TEST(BatteryTest, SelfDischargeIsExponentialAndStepIndependent) {
  BatteryParams p = basic_params();
  p.self_discharge_frac_per_day = 0.1;
  const Battery b(p);
  const BatteryStep day = b.step(b.initial_state(), kw(0.0), Duration::days(1));
  EXPECT_NEAR(day.next.stored_kwh, 450.0, 1e-9);
  EXPECT_NEAR(day.loss.in_kwh(), 50.0, 1e-9);
  BatteryState s = b.initial_state();
  double loss_kwh = 0.0;
  for (int h = 0; h < 24; ++h) {
    const BatteryStep r = b.step(s, kw(0.0), Duration::hours(1));
    loss_kwh += r.loss.in_kwh();
    s = r.next;
  }
  EXPECT_NEAR(s.stored_kwh, 450.0, 1e-9);
  EXPECT_NEAR(loss_kwh, 50.0, 1e-9);
}

// With self-discharge the charge limit leaves room for what leaks in the step:
// 500 kWh leaks to 500·0.9^(1/24) = 497.8 kWh, so the room to 950 kWh is
// larger than without the leak.
TEST(BatteryTest, MaxChargeAccountsForSelfDischarge) {
  BatteryParams p = basic_params();
  p.self_discharge_frac_per_day = 0.1;
  p.max_charge_kw = 1e6;
  const Battery b(p);
  const double kept_kwh = 500.0 * std::pow(0.9, 1.0 / 24.0);
  EXPECT_NEAR(b.max_charge(b.initial_state(), Duration::hours(1)).in_kw(),
              (950.0 - kept_kwh) / 0.95, 1e-9);
}

// Idle at the floor, only the leak takes the SOC below soc_min; discharge is
// then impossible and charging still is.
TEST(BatteryTest, LeakAtTheFloorBlocksDischargeOnly) {
  BatteryParams p = basic_params();
  p.self_discharge_frac_per_day = 0.1;
  const Battery b(p);
  const BatteryStep r = b.step(BatteryState{.stored_kwh = 100.0}, kw(50.0), Duration::hours(1));
  EXPECT_EQ(r.discharge_ac.in_kw(), 0.0);
  EXPECT_LT(r.soc_frac, 0.1);
  EXPECT_GT(b.max_charge(r.next, Duration::hours(1)).in_kw(), 0.0);
}

// Put E in at AC, take everything back out at AC: out / in = η_c · η_d.
TEST(BatteryTest, RoundTripEfficiencyIsProductOfEfficiencies) {
  BatteryParams p = basic_params();
  p.charge_efficiency_frac = 0.96;
  p.discharge_efficiency_frac = 0.92;
  p.soc_initial_frac = 0.1;
  const Battery b(p);
  const BatteryStep c = b.step(b.initial_state(), kw(-200.0), Duration::hours(2));
  const double in_kwh = c.charge_ac.in_kw() * 2.0;
  BatteryState s = c.next;
  double out_kwh = 0.0;
  while (b.max_discharge(s, Duration::hours(1)).in_kw() > 0.0) {
    const BatteryStep d = b.step(s, kw(1e9), Duration::hours(1));
    out_kwh += d.discharge_ac.in_kw() * 1.0;
    s = d.next;
  }
  EXPECT_NEAR(out_kwh / in_kwh, 0.96 * 0.92, 1e-12);
}

// Property: on random requests and step lengths (seeded), every step closes
// charge·dt − discharge·dt = Δstored + loss within 1e-9 kWh, never both
// charges and discharges, never exceeds a power limit, and keeps the SOC in
// the window (no leak here; with a leak, the lower bound is tested below).
TEST(BatteryTest, RandomSequencesBalanceEnergyAndStayInWindow) {
  std::mt19937_64 rng(20261126);
  std::uniform_real_distribution<double> request_kw(-800.0, 800.0);
  std::uniform_int_distribution<int> minutes(1, 180);
  for (double leak : {0.0, 0.05}) {
    BatteryParams p = basic_params();
    p.charge_efficiency_frac = 0.93;
    p.discharge_efficiency_frac = 0.97;
    p.self_discharge_frac_per_day = leak;
    const Battery b(p);
    BatteryState s = b.initial_state();
    for (int i = 0; i < 20000; ++i) {
      const Duration dt = Duration::minutes(minutes(rng));
      const BatteryStep r = b.step(s, kw(request_kw(rng)), dt);
      const double in_kwh = r.charge_ac * dt / kwh(1.0);
      const double out_kwh = r.discharge_ac * dt / kwh(1.0);
      ASSERT_NEAR(in_kwh - out_kwh, r.next.stored_kwh - s.stored_kwh + r.loss.in_kwh(),
                  kBalanceTolKwh)
          << "step " << i;
      ASSERT_GE(r.loss.in_kwh(), 0.0);
      ASSERT_TRUE(in_kwh == 0.0 || out_kwh == 0.0);
      ASSERT_LE(r.charge_ac.in_kw(), 500.0);
      ASSERT_LE(r.discharge_ac.in_kw(), 500.0);
      ASSERT_LE(r.soc_frac, 0.95);
      if (leak == 0.0 || r.discharge_ac.in_kw() > 0.0) {
        ASSERT_GE(r.soc_frac, 0.1) << "step " << i;
      }
      s = r.next;
    }
  }
}

// limits() is max_charge() and max_discharge() worked out together: the same
// bits, with constant efficiencies and with curves, at states across the
// window (and beyond it, after a fade), for hourly and 1-minute steps.
TEST(BatteryTest, LimitsAreMaxChargeAndDischargeBitForBit) {
  BatteryParams curved = basic_params();
  curved.self_discharge_frac_per_day = 0.01;
  curved.charge_curve_power_frac = {0.0, 0.5, 1.0};
  curved.charge_curve_efficiency_frac = {0.97, 0.95, 0.9};
  curved.discharge_curve_power_frac = {0.0, 0.5, 1.0};
  curved.discharge_curve_efficiency_frac = {0.96, 0.94, 0.91};
  BatteryParams leaky = basic_params();
  leaky.self_discharge_frac_per_day = 0.02;
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> stored(0.0, 1000.0);
  std::uniform_real_distribution<double> health(0.5, 1.0);
  for (const BatteryParams& p : {basic_params(), leaky, curved}) {
    const Battery b(p);
    for (const Duration dt : {Duration::hours(1), Duration::minutes(1)}) {
      for (int k = 0; k < 500; ++k) {
        const BatteryState s{.stored_kwh = stored(rng), .health_frac = health(rng)};
        const BatteryLimits l = b.limits(s, dt);
        EXPECT_EQ(l.max_charge.in_kw(), b.max_charge(s, dt).in_kw());
        EXPECT_EQ(l.max_discharge.in_kw(), b.max_discharge(s, dt).in_kw());
      }
    }
  }
}

TEST(BatteryTest, DefaultsAreValid) { EXPECT_TRUE(BatteryParams{}.check().empty()); }

TEST(BatteryTest, CheckCatchesEachBadField) {
  BatteryParams p = basic_params();
  p.energy_kwh = -10.0;
  p.max_charge_kw = -5.0;
  p.charge_efficiency_frac = 1.3;
  p.discharge_efficiency_frac = 0.0;
  p.self_discharge_frac_per_day = 1.0;
  const auto issues = p.check();
  EXPECT_TRUE(has_issue(issues, "energy_kwh", "= -10: must be > 0"));
  EXPECT_TRUE(has_issue(issues, "max_charge_kw", "= -5: must be >= 0"));
  EXPECT_TRUE(has_issue(issues, "charge_efficiency_frac", "= 1.3: must be <= 1"));
  EXPECT_TRUE(has_issue(issues, "discharge_efficiency_frac", "= 0: must be > 0"));
  EXPECT_TRUE(has_issue(issues, "self_discharge_frac_per_day", "= 1: must be < 1"));
  EXPECT_EQ(issues.size(), 5u);
}

TEST(BatteryTest, CheckCatchesInvertedWindowAndInitialOutside) {
  BatteryParams p = basic_params();
  p.soc_min_frac = 0.9;
  p.soc_max_frac = 0.2;
  p.soc_initial_frac = 0.5;
  EXPECT_TRUE(has_issue(p.check(), "soc_min_frac", "= 0.9: must be <= soc_max_frac (0.2)"));

  BatteryParams q = basic_params();
  q.soc_initial_frac = 0.05;
  const auto issues = q.check();
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].field, "soc_initial_frac");
  EXPECT_EQ(issues[0].message,
            "= 0.05: must be between soc_min_frac (0.1) and soc_max_frac (0.95)");

  BatteryParams r = basic_params();
  r.soc_max_frac = 1.2;
  EXPECT_TRUE(has_issue(r.check(), "soc_max_frac", "= 1.2: must be between 0 and 1"));
}

TEST(BatteryTest, ConstructorThrowsNamingTheField) {
  BatteryParams p = basic_params();
  p.energy_kwh = -5.0;
  try {
    const Battery b(p);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "<parameters>: battery.energy_kwh = -5 kWh: must be > 0");
  }
}

}  // namespace
}  // namespace shapan::gen
