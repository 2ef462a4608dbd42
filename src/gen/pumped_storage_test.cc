// Pumped storage: the round trip equals the product of the pump and turbine
// efficiencies, water and energy balances close, and reservoir limits bind;
// with level tables the head, and the energy per m³, follow the volumes.
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

// Level tables (hand-derived). Upper reservoir: level 100 m at 0 hm³ rising
// 1 m per hm³ to 110 m at 10 hm³; lower: 0 m at 0 hm³ rising 0.5 m per hm³ to
// 10 m at 20 hm³. Upper 1–8 hm³ (starts at 2), lower 0.5–10 hm³ (starts at
// 8): V_up + V_low = 10 hm³, so with v = V_up in hm³
//   H(v) = (100 + v) − 0.5 · (10 − v) = 95 + 1.5 v   [m]
// and H(2) = 98 m, H(4) = 101 m. One hm³ per metre of head holds
//   c = 1000 · 9.80665 · 1e6 / 3.6e6 = 2724.0694444 kWh.
// Stored energy above the minimum (1 hm³) at v = 2:
//   c · ∫₁² (95 + 1.5 v) dv = c · (95 + 0.75 · (4 − 1)) = c · 97.25 = 264 915.753 kWh.
// Pumping v from 2 to 4 stores c · ∫₂⁴ (95 + 1.5 v) dv = c · (190 + 0.75 · 12)
// = c · 199 = 542 089.819 kWh; at η_p = 0.88 over 2 h that takes
// 542 089.819 / (0.88 · 2) = 308 005.579 kW. Generating it back over 2 h gives
// 542 089.819 · 0.90 / 2 = 243 940.419 kW, and the round trip is still
// η_p · η_t = 0.792 (the head only changes how much water a kWh moves).
PumpedStorageParams with_level_tables() {
  PumpedStorageParams p;
  p.name = "tables";
  p.pump_max_kw = 400000.0;
  p.upper_min_hm3 = 1.0;
  p.upper_max_hm3 = 8.0;
  p.upper_initial_hm3 = 2.0;
  p.lower_min_hm3 = 0.5;
  p.lower_max_hm3 = 10.0;
  p.lower_initial_hm3 = 8.0;
  p.upper_level_table_hm3 = {0.0, 10.0};
  p.upper_level_table_m = {100.0, 110.0};
  p.lower_level_table_hm3 = {0.0, 20.0};
  p.lower_level_table_m = {0.0, 10.0};
  return p;
}

TEST(PumpedStorageTest, HeadFollowsTheLevelTables) {
  const PumpedStorage ps(with_level_tables());
  const double c = 2724.0694444444443;  // kWh per hm³ per m of head
  PumpedStorageState s = ps.initial_state();
  EXPECT_NEAR(ps.head_m(s), 98.0, 1e-9);
  EXPECT_NEAR(ps.kwh_per_m3(s), c * 98.0 / 1e6, 1e-15);
  EXPECT_NEAR(ps.stored(s).in_kwh(), c * 97.25, 1e-9 * c * 97.25);
  // Generating for 1 h is limited by the water above the minimum (1 hm³):
  // c · 97.25 · 0.90 = 238 424.178 kW, below the 300 MW turbine.
  EXPECT_NEAR(ps.max_generate(s, Duration::hours(1)).in_kw(), c * 97.25 * 0.90, 1e-9 * c * 97.25);

  const Duration two_hours = Duration::hours(2);
  const double pump_kw = c * 199.0 / (0.88 * 2.0);
  EXPECT_NEAR(pump_kw, 308005.57922979794, 1e-6);
  const PumpedStorageStep up = ps.step(s, kw(-pump_kw), two_hours);
  EXPECT_NEAR(up.pump_ac.in_kw(), pump_kw, 1e-9);
  EXPECT_NEAR(up.next.upper_m3 / 1e6, 4.0, 1e-9);
  EXPECT_NEAR(up.next.lower_m3 / 1e6, 6.0, 1e-9);
  EXPECT_NEAR(ps.head_m(up.next), 101.0, 1e-9);
  EXPECT_NEAR(ps.stored(up.next).in_kwh(), c * (97.25 + 199.0), 1e-9 * c * 296.25);
  EXPECT_NEAR(up.stored_change.in_kwh(), c * 199.0, 1e-9 * c * 199.0);
  EXPECT_NEAR(up.loss.in_kwh(), pump_kw * 2.0 * (1.0 - 0.88), 1e-9 * pump_kw);
  s = up.next;

  const double gen_kw = c * 199.0 * 0.90 / 2.0;
  const PumpedStorageStep down = ps.step(s, kw(gen_kw), two_hours);
  EXPECT_NEAR(down.turbine_ac.in_kw(), gen_kw, 1e-9);
  EXPECT_NEAR(down.next.upper_m3 / 1e6, 2.0, 1e-9);
  EXPECT_NEAR(down.turbine_ac.in_kw() / up.pump_ac.in_kw(), 0.88 * 0.90, 1e-9);
}

// At constant head the same 2 hm³ would hold c · 98 · 2 = 533 917.6 kWh: the
// tables change what a cubic metre is worth, so the same volume pumped costs
// a different energy. With flat tables (levels 498 and 98 m: head 400 m) the
// model is the constant-head one.
TEST(PumpedStorageTest, FlatTablesGiveTheConstantHead) {
  PumpedStorageParams p;
  p.upper_level_table_hm3 = {0.0, 8.0};
  p.upper_level_table_m = {498.0, 498.0};
  p.lower_level_table_hm3 = {0.0, 10.0};
  p.lower_level_table_m = {98.0, 98.0};
  const PumpedStorage tables(p);
  const PumpedStorage constant(PumpedStorageParams{});
  PumpedStorageState a = tables.initial_state();
  PumpedStorageState b = constant.initial_state();
  EXPECT_NEAR(tables.kwh_per_m3(), constant.kwh_per_m3(), 1e-15);
  for (int k = 0; k < 20; ++k) {
    const Power request = mw(k % 3 == 0 ? -250.0 : 120.0);
    a = tables.step(a, request, Duration::hours(1)).next;
    b = constant.step(b, request, Duration::hours(1)).next;
    ASSERT_NEAR(a.upper_m3, b.upper_m3, 1e-6);
  }
  EXPECT_NEAR(tables.stored(a).in_kwh(), constant.stored(b).in_kwh(), 1e-6);
}

// Random requests with level tables: the energy ledger closes, water is
// conserved, and the volumes stay in bounds (the inverse of the stored
// energy is exact to rounding).
// Random requests (up to ±max_request_kw, steps of 60 and 15 minutes):
// charge − discharge = Δstored + loss to 1e-6 kWh, water is conserved, and
// both reservoirs stay in their bounds (m³).
void expect_random_steps_balance(const PumpedStorage& ps, std::uint64_t seed, double max_request_kw,
                                 double upper_min_m3, double upper_max_m3, double lower_min_m3,
                                 double lower_max_m3) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<> req(-max_request_kw, max_request_kw);
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
    ASSERT_GE(s.upper_m3, upper_min_m3 - 1e-3);
    ASSERT_LE(s.upper_m3, upper_max_m3 + 1e-3);
    ASSERT_GE(s.lower_m3, lower_min_m3 - 1e-3);
    ASSERT_LE(s.lower_m3, lower_max_m3 + 1e-3);
  }
}

TEST(PumpedStorageTest, RandomStepsBalance) {
  expect_random_steps_balance(PumpedStorage(PumpedStorageParams{}), 7, 400000.0, 0.5e6, 8e6, 0.5e6,
                              10e6);
}

TEST(PumpedStorageTest, RandomStepsBalanceWithLevelTables) {
  PumpedStorageParams p = with_level_tables();
  p.upper_level_table_hm3 = {0.0, 3.0, 5.0, 10.0};  // a reservoir wider in the middle
  p.upper_level_table_m = {100.0, 106.0, 107.0, 110.0};
  expect_random_steps_balance(PumpedStorage(p), 11, 500000.0, 1e6, 8e6, 0.5e6, 10e6);
}

TEST(PumpedStorageTest, LevelTablesAreChecked) {
  PumpedStorageParams p = with_level_tables();
  p.lower_level_table_m.clear();
  p.upper_level_table_hm3 = {2.0, 10.0};  // does not reach upper_min_hm3 = 1
  auto issues = p.check();
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].field, "lower_level_table_m");
  p = with_level_tables();
  p.upper_level_table_hm3 = {2.0, 10.0};
  issues = p.check();
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].field, "upper_level_table_hm3");
  EXPECT_EQ(issues[0].message,
            "runs from 2 to 10 hm³: must cover the reservoir, upper_min_hm3 (1) to "
            "upper_max_hm3 (8)");
  p = with_level_tables();
  p.lower_level_table_m = {0.0, 300.0};  // at v = 1 hm³: 101 m above, 135 m below
  issues = p.check();
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].field, "upper_level_table_m");
  EXPECT_EQ(issues[0].message,
            "gives a head (upper level − lower level) of -34 m at an upper volume of 1 hm³: the "
            "head must be > 0 over the operating range");
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
