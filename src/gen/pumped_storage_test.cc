// Pumped storage: the round trip equals the product of the pump and turbine
// efficiencies, water and energy balances close, and reservoir limits bind.
#include "shapan/gen/pumped_storage.h"

#include <gtest/gtest.h>

#include <random>

#include "shapan/core/error.h"

namespace shapan::gen {
namespace {

// Head 400 m: e = 1000 · 9.80665 · 400 / 3.6e6 = 1.0896277… kWh per m³.
TEST(PumpedStorageTest, EnergyPerCubicMetre) {
  const PumpedStorage ps(PumpedStorageParams{});
  EXPECT_NEAR(ps.kwh_per_m3(), 1000.0 * 9.80665 * 400.0 / 3.6e6, 1e-15);
}

// Pump 100 MW for 3 h (300 MWh in), then generate until the upper reservoir
// is back where it started. Energy out / energy in = η_p · η_t = 0.88 · 0.90
// = 0.792 exactly (to rounding), whatever the head.
TEST(PumpedStorageTest, RoundTripIsProductOfEfficiencies) {
  const PumpedStorage ps(PumpedStorageParams{.name = "test"});
  const Duration h = Duration::hours(1);
  PumpedStorageState s = ps.initial_state();
  const double upper_start = s.upper_m3;
  double in_kwh = 0.0;
  for (int k = 0; k < 3; ++k) {
    const PumpedStorageStep r = ps.step(s, mw(-100.0), h);
    EXPECT_DOUBLE_EQ(r.pump_ac.in_mw(), 100.0);
    in_kwh += (r.pump_ac * h).in_kwh();
    s = r.next;
  }
  // Generating P for 1 h takes P / (η_t e) m³; run the exact volume back.
  const double back_m3 = s.upper_m3 - upper_start;
  const double p_kw = back_m3 * ps.kwh_per_m3() * 0.90;  // over one hour
  const PumpedStorageStep r = ps.step(s, kw(p_kw), h);
  EXPECT_NEAR(r.next.upper_m3, upper_start, 1e-6);
  EXPECT_NEAR((r.turbine_ac * h).in_kwh() / in_kwh, 0.88 * 0.90, 1e-12);
}

TEST(PumpedStorageTest, LimitsBindAtReservoirsAndRatings) {
  PumpedStorageParams p;
  p.upper_initial_hm3 = 7.99;  // 0.01 hm³ of room: ~10 900 kWh of water
  p.lower_initial_hm3 = 6.0;
  const PumpedStorage ps(p);
  const PumpedStorageState s = ps.initial_state();
  const Duration h = Duration::hours(1);
  // Pumping: room 1e4 m³ · e / η_p per hour.
  EXPECT_NEAR(ps.max_pump(s, h).in_kw(), 1e4 * ps.kwh_per_m3() / 0.88, 1e-6);
  const PumpedStorageStep r = ps.step(s, mw(-300.0), h);
  EXPECT_NEAR(r.next.upper_m3, 8e6, 1e-6);
  EXPECT_DOUBLE_EQ(ps.max_generate(s, h).in_kw(), 300000.0);  // turbine rating binds
  // Lower reservoir full: no generating.
  p.upper_initial_hm3 = 4.0;
  p.lower_initial_hm3 = 10.0;
  const PumpedStorage full_low(p);
  EXPECT_EQ(full_low.max_generate(full_low.initial_state(), h).in_kw(), 0.0);
}

// Random requests: charge − discharge = Δstored + loss to 1e-6 kWh, water is
// conserved, and both reservoirs stay in their bounds.
TEST(PumpedStorageTest, RandomStepsBalance) {
  const PumpedStorage ps(PumpedStorageParams{});
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<> req(-400000.0, 400000.0);
  PumpedStorageState s = ps.initial_state();
  const double total = s.upper_m3 + s.lower_m3;
  for (int k = 0; k < 5000; ++k) {
    const Duration dt = Duration::minutes(k % 2 == 0 ? 60 : 15);
    const PumpedStorageStep r = ps.step(s, kw(req(rng)), dt);
    const double residual = ((r.pump_ac - r.turbine_ac) * dt - r.stored_change - r.loss).in_kwh();
    ASSERT_NEAR(residual, 0.0, 1e-6);
    ASSERT_NEAR((ps.stored(r.next) - ps.stored(s) - r.stored_change).in_kwh(), 0.0, 1e-4);
    s = r.next;
    ASSERT_NEAR(s.upper_m3 + s.lower_m3, total, 1e-3);
    ASSERT_GE(s.upper_m3, 0.5e6 - 1e-3);
    ASSERT_LE(s.upper_m3, 8e6 + 1e-3);
    ASSERT_GE(s.lower_m3, 0.5e6 - 1e-3);
    ASSERT_LE(s.lower_m3, 10e6 + 1e-3);
  }
}

TEST(PumpedStorageTest, BadParametersNameTheField) {
  PumpedStorageParams p;
  p.pump_efficiency_frac = 1.2;
  p.upper_initial_hm3 = 9.0;
  try {
    const PumpedStorage ps(p);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    ASSERT_EQ(e.issues().size(), 2u);
    EXPECT_EQ(e.issues()[0].field, "pumped_storage.pump_efficiency_frac");
    EXPECT_EQ(e.issues()[1].field, "pumped_storage.upper_initial_hm3");
  }
}

}  // namespace
}  // namespace shapan::gen
