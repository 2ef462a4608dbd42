#include "shapan/gen/hydro.h"

#include <gtest/gtest.h>

#include <random>

#include "shapan/core/error.h"

namespace shapan::gen {
namespace {

constexpr double kTol = 1e-9;
// Water balance tolerance in m³: a few ulps of a 1e8 m³ reservoir.
constexpr double kBalanceTolM3 = 1e-6;
const Duration kHour = Duration::hours(1);

// The plant of the hand-worked cases. Level = 2500 m + S in hm³ (the table is
// a straight line from (0 hm³, 2500 m) to (100 hm³, 2600 m)); tailwater
// 2450 m, so H = 50 + S_hm3. η = 0.9, so each m³/s at head H gives
// ρ·g·H·η = 1000 · 9.80665 · H · 0.9 W = 8.825985·H kW.
// Rating 100 MW, turbine 200 m³/s, ecological release 10 m³/s, dead storage
// 10 hm³, full 100 hm³.
HydroParams plant_params() {
  return HydroParams{.name = "test",
                     .rated_power_kw = 100000.0,
                     .max_turbine_flow_m3_per_s = 200.0,
                     .min_release_m3_per_s = 10.0,
                     .storage_min_hm3 = 10.0,
                     .storage_max_hm3 = 100.0,
                     .storage_initial_hm3 = 50.0,
                     .level_table_storage_hm3 = {0.0, 100.0},
                     .level_table_m = {2500.0, 2600.0},
                     .tailwater_level_m = 2450.0,
                     .turbine_efficiency_frac = 0.9};
}

HydroState hm3_state(double storage_hm3) { return HydroState{.storage_m3 = storage_hm3 * 1e6}; }

bool has_issue(const std::vector<FieldIssue>& issues, const std::string& field) {
  for (const auto& issue : issues) {
    if (issue.field == field) return true;
  }
  return false;
}

TEST(HydroTest, LevelAndHeadFromTable) {
  HydroParams p = plant_params();
  p.level_table_storage_hm3 = {0.0, 40.0, 100.0};
  p.level_table_m = {2500.0, 2560.0, 2600.0};
  const HydroPlant h(p);
  EXPECT_DOUBLE_EQ(h.level_m(hm3_state(20.0)), 2530.0);
  EXPECT_DOUBLE_EQ(h.level_m(hm3_state(70.0)), 2580.0);
  EXPECT_DOUBLE_EQ(h.level_m(hm3_state(40.0)), 2560.0);
  EXPECT_DOUBLE_EQ(h.head_m(hm3_state(70.0)), 130.0);
  // Clamped beyond the table.
  EXPECT_DOUBLE_EQ(h.level_m(hm3_state(150.0)), 2600.0);
  EXPECT_DOUBLE_EQ(h.level_m(hm3_state(-1.0)), 2500.0);
  EXPECT_DOUBLE_EQ(h.initial_state().storage_m3, 50e6);
}

// Three one-hour steps from 50 hm³ with 100 m³/s inflow (360 000 m³ per hour).
//
// Step 1: request 44 129.925 kW. H = 2550 − 2450 = 100 m, 882.5985 kW per
//   m³/s, so Q_turbine = 50 m³/s (180 000 m³). S = 50e6 + 360 000 − 180 000 =
//   50.18 hm³, level 2550.18 m, no spill, 44 129.925 kWh.
// Step 2: request 0. The ecological 10 m³/s still runs through the turbine:
//   H = 100.18 m, P = 10 · 8.825985 · 100.18 = 8 841.871773 kW. S = 50.18e6 +
//   360 000 − 36 000 = 50.504 hm³, level 2550.504 m, no spill.
// Step 3: request 1e9 kW. H = 100.504 m, 887.04679644 kW per m³/s; the
//   generator caps the flow at 100 000 / 887.04679644 = 112.73362398 m³/s
//   (below the 200 m³/s turbine limit), P = 100 000 kW. V = 405 841.04632 m³,
//   S = 50.504e6 + 360 000 − 405 841.04632 = 50.458158954 hm³, level
//   2550.458158954 m.
// Energy over the three hours: 44 129.925 + 8 841.871773 + 100 000 =
//   152 971.796773 kWh.
TEST(HydroTest, HandWorkedSequence) {
  const HydroPlant h(plant_params());
  const Flow inflow = m3_per_s(100.0);

  const HydroStep s1 = h.step(h.initial_state(), inflow, kw(44129.925), kHour);
  EXPECT_NEAR(s1.head_m, 100.0, kTol);
  EXPECT_NEAR(s1.turbine_flow.in_m3_per_s(), 50.0, kTol);
  EXPECT_NEAR(s1.power.in_kw(), 44129.925, kTol);
  EXPECT_NEAR(s1.next.storage_m3 / 1e6, 50.18, kTol);
  EXPECT_NEAR(s1.level_m, 2550.18, kTol);
  EXPECT_EQ(s1.spill_flow.in_m3_per_s(), 0.0);

  const HydroStep s2 = h.step(s1.next, inflow, kw(0.0), kHour);
  EXPECT_NEAR(s2.head_m, 100.18, kTol);
  EXPECT_NEAR(s2.turbine_flow.in_m3_per_s(), 10.0, kTol);
  EXPECT_NEAR(s2.power.in_kw(), 8841.871773, kTol);
  EXPECT_NEAR(s2.next.storage_m3 / 1e6, 50.504, kTol);
  EXPECT_NEAR(s2.level_m, 2550.504, kTol);
  EXPECT_EQ(s2.spill_flow.in_m3_per_s(), 0.0);

  const HydroStep s3 = h.step(s2.next, inflow, kw(1e9), kHour);
  EXPECT_NEAR(s3.head_m, 100.504, kTol);
  EXPECT_NEAR(s3.turbine_flow.in_m3_per_s(), 100000.0 / 887.04679644, kTol);
  EXPECT_NEAR(s3.power.in_kw(), 100000.0, kTol);
  EXPECT_NEAR(s3.next.storage_m3 / 1e6, 50.504 + 0.36 - 0.36 / 887.04679644 * 100.0 * 10.0, kTol);
  EXPECT_NEAR(s3.level_m, 2500.0 + s3.next.storage_m3 / 1e6, kTol);
  EXPECT_NEAR(s3.next.storage_m3 / 1e6, 50.458158954, 1e-9);

  const double energy_kwh = (s1.power * kHour + s2.power * kHour + s3.power * kHour).in_kwh();
  EXPECT_NEAR(energy_kwh, 152971.796773, kTol);
}

// Nearly full: 99.9 hm³, inflow 300 m³/s (1.08 hm³ per hour), request 0.
// The 10 m³/s ecological release generates at H = 149.9 m:
// 10 · 8.825985 · 149.9 = 13 230.151515 kW. Storage would reach 99.9 + 1.08 −
// 0.036 = 100.944 hm³; the 0.944 hm³ above 100 hm³ spill over the hour:
// 944 000 / 3600 = 262.2222… m³/s. The level ends at the full 2600 m.
TEST(HydroTest, SpillsAboveMaximumStorage) {
  const HydroPlant h(plant_params());
  const HydroStep r = h.step(hm3_state(99.9), m3_per_s(300.0), kw(0.0), kHour);
  EXPECT_NEAR(r.power.in_kw(), 13230.151515, kTol);
  EXPECT_NEAR(r.turbine_flow.in_m3_per_s(), 10.0, kTol);
  EXPECT_NEAR(r.spill_flow.in_m3_per_s(), 944000.0 / 3600.0, kTol);
  EXPECT_EQ(r.next.storage_m3, 100e6);
  EXPECT_DOUBLE_EQ(r.level_m, 2600.0);
}

// Near dead storage: 10.01 hm³ holds 10 000 m³ above the 10 hm³ floor; inflow
// 5 m³/s adds 18 000 m³. At full request the turbine passes all 28 000 m³:
// 7.7778 m³/s at H = 60.01 m, 8.825985 · 60.01 · 28 000 / 3600 =
// 4 119.4794655 kW. Storage ends exactly at dead storage.
TEST(HydroTest, StopsAtDeadStorage) {
  const HydroPlant h(plant_params());
  const HydroState s = hm3_state(10.01);
  EXPECT_NEAR(h.max_power(s, m3_per_s(5.0), kHour).in_kw(), 4119.4794655, kTol);
  const HydroStep r = h.step(s, m3_per_s(5.0), kw(1e9), kHour);
  EXPECT_NEAR(r.turbine_flow.in_m3_per_s(), 28000.0 / 3600.0, kTol);
  EXPECT_NEAR(r.power.in_kw(), 4119.4794655, kTol);
  EXPECT_NEAR(r.next.storage_m3, 10e6, 1e-6);
  EXPECT_GE(r.next.storage_m3, 10e6);
}

// At dead storage only the inflow passes: 4 m³/s in, the ecological release
// (10 m³/s) is cut to those 4 m³/s, which the turbine takes; storage stays.
TEST(HydroTest, AtDeadStorageOnlyInflowPassesThrough) {
  const HydroPlant h(plant_params());
  const HydroState s = hm3_state(10.0);
  const HydroStep r = h.step(s, m3_per_s(4.0), kw(0.0), kHour);
  EXPECT_NEAR(r.turbine_flow.in_m3_per_s(), 4.0, kTol);
  EXPECT_EQ(r.spill_flow.in_m3_per_s(), 0.0);
  EXPECT_EQ(r.next.storage_m3, s.storage_m3);
  EXPECT_NEAR(h.max_power(s, m3_per_s(4.0), kHour).in_kw(), r.power.in_kw(), kTol);
  EXPECT_EQ(h.max_power(s, m3_per_s(0.0), kHour).in_kw(), 0.0);
}

// A 1 MW generator at H = 100 m takes only 1000 / 882.5985 = 1.1330 m³/s; the
// rest of the 10 m³/s ecological release bypasses it and counts as spill.
TEST(HydroTest, EcologicalReleaseBeyondTurbineLimitIsSpilled) {
  HydroParams p = plant_params();
  p.rated_power_kw = 1000.0;
  const HydroPlant h(p);
  const HydroStep r = h.step(h.initial_state(), m3_per_s(0.0), kw(0.0), kHour);
  EXPECT_NEAR(r.power.in_kw(), 1000.0, kTol);
  EXPECT_NEAR(r.turbine_flow.in_m3_per_s(), 1000.0 / 882.5985, kTol);
  EXPECT_NEAR(r.spill_flow.in_m3_per_s(), 10.0 - 1000.0 / 882.5985, kTol);
  EXPECT_NEAR(r.next.storage_m3, 50e6 - 36000.0, 1e-6);
  EXPECT_NEAR(h.min_power(h.initial_state(), m3_per_s(0.0), kHour).in_kw(), 1000.0, kTol);
}

// Without an ecological release and without a request, nothing leaves.
TEST(HydroTest, NoRequestNoMinimumStoresAllInflow) {
  HydroParams p = plant_params();
  p.min_release_m3_per_s = 0.0;
  const HydroPlant h(p);
  const HydroStep r = h.step(h.initial_state(), m3_per_s(20.0), kw(-50.0), kHour);
  EXPECT_EQ(r.power.in_kw(), 0.0);
  EXPECT_EQ(r.turbine_flow.in_m3_per_s(), 0.0);
  EXPECT_EQ(r.next.storage_m3, 50e6 + 72000.0);
  EXPECT_EQ(h.min_power(h.initial_state(), m3_per_s(20.0), kHour).in_kw(), 0.0);
}

// The turbine flow limit binds before the rating: 50 m³/s at H = 100 m is
// 44 129.925 kW.
TEST(HydroTest, TurbineFlowLimit) {
  HydroParams p = plant_params();
  p.max_turbine_flow_m3_per_s = 50.0;
  const HydroPlant h(p);
  EXPECT_NEAR(h.max_power(h.initial_state(), m3_per_s(0.0), kHour).in_kw(), 44129.925, kTol);
  const HydroStep r = h.step(h.initial_state(), m3_per_s(0.0), kw(80000.0), kHour);
  EXPECT_NEAR(r.turbine_flow.in_m3_per_s(), 50.0, kTol);
}

// Property: random storages, inflows, requests and step lengths (seeded).
// Every step: min_power <= power <= max_power; the water balance
// S' = S + (Q_in − Q_turbine − Q_spill)·dt closes to rounding; storage stays
// in [dead, full]; flows and power are non-negative; power <= rating.
TEST(HydroTest, RandomStepsKeepBoundsAndWaterBalance) {
  std::mt19937_64 rng(20261126);
  std::uniform_real_distribution<double> inflow_m3_per_s(0.0, 300.0);
  std::uniform_real_distribution<double> request_kw(-10000.0, 150000.0);
  std::uniform_int_distribution<int> minutes(1, 240);
  HydroParams p = plant_params();
  p.level_table_storage_hm3 = {0.0, 5.0, 30.0, 100.0};
  p.level_table_m = {2490.0, 2510.0, 2560.0, 2600.0};
  p.storage_max_hm3 = 20.0;  // small, so that it fills and empties often
  p.storage_initial_hm3 = 15.0;
  p.rated_power_kw = 150000.0;
  const HydroPlant h(p);
  HydroState s = h.initial_state();
  int spilled_steps = 0;
  int dead_steps = 0;
  for (int i = 0; i < 20000; ++i) {
    const Duration dt = Duration::minutes(minutes(rng));
    const Flow inflow = m3_per_s(inflow_m3_per_s(rng) * (i % 3 == 0 ? 0.0 : 1.0));
    const double lo_kw = h.min_power(s, inflow, dt).in_kw();
    const double hi_kw = h.max_power(s, inflow, dt).in_kw();
    const HydroStep r = h.step(s, inflow, kw(request_kw(rng)), dt);
    const double seconds = static_cast<double>(dt.in_seconds());
    ASSERT_LE(lo_kw, hi_kw);
    ASSERT_GE(r.power.in_kw(), lo_kw - 1e-9) << "step " << i;
    ASSERT_LE(r.power.in_kw(), hi_kw + 1e-9) << "step " << i;
    ASSERT_LE(r.power.in_kw(), p.rated_power_kw);
    ASSERT_GE(r.turbine_flow.in_m3_per_s(), 0.0);
    ASSERT_LE(r.turbine_flow.in_m3_per_s(), p.max_turbine_flow_m3_per_s + 1e-12);
    ASSERT_GE(r.spill_flow.in_m3_per_s(), 0.0);
    const double balance_m3 = s.storage_m3 + (inflow.in_m3_per_s() - r.turbine_flow.in_m3_per_s() -
                                              r.spill_flow.in_m3_per_s()) *
                                                 seconds;
    ASSERT_NEAR(r.next.storage_m3, balance_m3, kBalanceTolM3) << "step " << i;
    ASSERT_GE(r.next.storage_m3, 10e6) << "step " << i;
    ASSERT_LE(r.next.storage_m3, 20e6) << "step " << i;
    // Spill never happens with room left unless the turbine is at its limit.
    if (r.spill_flow.in_m3_per_s() > 0.0 && r.next.storage_m3 < 20e6) {
      ASSERT_NEAR(r.power.in_kw(), hi_kw, 1e-6) << "step " << i;
    }
    spilled_steps += r.next.storage_m3 == 20e6 ? 1 : 0;
    dead_steps += r.next.storage_m3 <= 10e6 + 1e-6 ? 1 : 0;
    s = r.next;
  }
  // The sequence reaches both bounds, so they were really exercised.
  EXPECT_GT(spilled_steps, 100);
  EXPECT_GT(dead_steps, 100);
}

TEST(HydroTest, DefaultsAreValid) { EXPECT_TRUE(HydroParams{}.check().empty()); }

TEST(HydroTest, CheckCatchesBadScalars) {
  HydroParams p = plant_params();
  p.rated_power_kw = -1.0;
  p.max_turbine_flow_m3_per_s = -2.0;
  p.min_release_m3_per_s = -3.0;
  p.turbine_efficiency_frac = 1.2;
  const auto issues = p.check();
  EXPECT_EQ(issues.size(), 4u);
  EXPECT_EQ(issues[0], (FieldIssue{"rated_power_kw", "= -1: must be >= 0"}));
  EXPECT_EQ(issues[1], (FieldIssue{"max_turbine_flow_m3_per_s", "= -2: must be >= 0"}));
  EXPECT_EQ(issues[2], (FieldIssue{"min_release_m3_per_s", "= -3: must be >= 0"}));
  EXPECT_EQ(issues[3], (FieldIssue{"turbine_efficiency_frac", "= 1.2: must be <= 1"}));
}

TEST(HydroTest, CheckCatchesStorageOrder) {
  HydroParams p = plant_params();
  p.storage_min_hm3 = 60.0;
  p.storage_max_hm3 = 40.0;
  const auto issues = p.check();
  EXPECT_TRUE(has_issue(issues, "storage_min_hm3"));
  EXPECT_TRUE(has_issue(issues, "storage_initial_hm3"));
  EXPECT_EQ(issues[0], (FieldIssue{"storage_min_hm3", "= 60: must be <= storage_max_hm3 (40)"}));

  HydroParams q = plant_params();
  q.storage_initial_hm3 = 5.0;
  ASSERT_EQ(q.check().size(), 1u);
  EXPECT_EQ(q.check()[0].message,
            "= 5: must be between storage_min_hm3 (10) and storage_max_hm3 (100)");
}

TEST(HydroTest, CheckCatchesBadTables) {
  HydroParams p = plant_params();
  p.level_table_storage_hm3 = {0.0, 50.0, 50.0};
  p.level_table_m = {2500.0, 2490.0};
  const auto issues = p.check();
  EXPECT_EQ(issues.size(), 3u);
  EXPECT_EQ(issues[0].field, "level_table_m");
  EXPECT_EQ(issues[0].message,
            "has 2 values and level_table_storage_hm3 has 3: both must have the same length, at "
            "least 2");
  EXPECT_EQ(issues[1],
            (FieldIssue{"level_table_storage_hm3.2", "= 50: must be > the previous value (50)"}));
  EXPECT_EQ(issues[2],
            (FieldIssue{"level_table_m.1", "= 2490: must be > the previous value (2500)"}));

  HydroParams q = plant_params();
  q.level_table_storage_hm3 = {0.0};
  q.level_table_m = {2500.0};
  EXPECT_TRUE(has_issue(q.check(), "level_table_m"));
}

TEST(HydroTest, CheckCatchesTailwaterAboveDeadLevel) {
  HydroParams p = plant_params();
  p.tailwater_level_m = 2510.0;  // the forebay is at 2510 m at 10 hm³ dead storage
  const auto issues = p.check();
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0], (FieldIssue{"tailwater_level_m",
                                   "= 2510: must be below the forebay level at dead storage "
                                   "(2510 m)"}));
}

// Operating rule. From 99.9 hm³ with 60 m³/s flowing in for an hour,
// 99.9 + 0.216 − 100 = 0.116 hm³ would end above the crest: turbined, that is
// 32.2 m³/s at H = 149.9 m, ρ·g·q·H·η. Asked for that power, the plant ends
// the hour full without spilling. Below a target far above, the rule asks
// only the must-run power.
TEST(HydroTest, TargetPowerTurbinesWhatWouldOverflow) {
  const HydroPlant h(plant_params());
  const double q = 116000.0 / 3600.0;
  const Power target = h.target_power(hm3_state(99.9), m3_per_s(60.0), kHour, 100e6);
  EXPECT_NEAR(target.in_kw(), 9.80665 * q * 149.9 * 0.9, 1e-6);
  const HydroStep r = h.step(hm3_state(99.9), m3_per_s(60.0), target, kHour);
  EXPECT_NEAR(r.spill_flow.in_m3_per_s(), 0.0, 1e-9);
  EXPECT_NEAR(r.next.storage_m3, 100e6, 1e-3);
  EXPECT_EQ(h.target_power(hm3_state(50.0), m3_per_s(60.0), kHour, 90e6),
            h.min_power(hm3_state(50.0), m3_per_s(60.0), kHour));
}

// Level 2550 m is 50 hm³ on the straight table; levels beyond the dead and
// full storages clamp to them. The spill of SpillsAboveMaximumStorage
// (944 000 m³ in the hour) at its head of 149.9 m, η 0.9, is worth ρ·g·Q·H·η.
TEST(HydroTest, StorageAtLevelAndSpillEnergy) {
  const HydroPlant h(plant_params());
  EXPECT_NEAR(h.storage_m3_at_level(2550.0), 50e6, 1e-3);
  EXPECT_EQ(h.storage_m3_at_level(2400.0), 10e6);
  EXPECT_EQ(h.storage_m3_at_level(2700.0), 100e6);
  const HydroStep r = h.step(hm3_state(99.9), m3_per_s(300.0), kw(0.0), kHour);
  EXPECT_NEAR(h.spill_power(r).in_kw(), 9.80665 * (944000.0 / 3600.0) * 149.9 * 0.9, 1e-6);
  EXPECT_EQ(h.spill_power(h.step(hm3_state(50.0), m3_per_s(0.0), kw(0.0), kHour)).in_kw(), 0.0);
}

TEST(HydroTest, CheckCatchesBadGuideCurve) {
  HydroParams p = plant_params();  // levels 2510 m (dead) to 2600 m (full)
  p.guide_curve_level_m.assign(11, 2550.0);
  EXPECT_TRUE(has_issue(p.check(), "guide_curve_level_m"));
  p.guide_curve_level_m.assign(12, 2550.0);
  EXPECT_TRUE(p.check().empty());
  p.guide_curve_level_m[3] = 2601.0;
  p.guide_curve_level_m[4] = 2505.0;
  const std::vector<FieldIssue> issues = p.check();
  EXPECT_TRUE(has_issue(issues, "guide_curve_level_m.3"));
  EXPECT_TRUE(has_issue(issues, "guide_curve_level_m.4"));
}

TEST(HydroTest, ConstructorThrowsNamingTheField) {
  HydroParams p = plant_params();
  p.rated_power_kw = -1.0;
  try {
    const HydroPlant h(p);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "<parameters>: hydro.rated_power_kw = -1 kW: must be >= 0");
  }
}

}  // namespace
}  // namespace shapan::gen

namespace shapan::gen {
namespace {

// The engineering options, derived by hand over three one-hour steps.
//
// System: forebay z = 2500 + S[hm³] (table 0–100 hm³); tailwater
// z_t = 2450 + 0.01·Q_release (table (0, 2450) – (200, 2452)); hill chart
// η(H, q) bilinear on heads {90, 110} m × unit flows {10, 50} m³/s with
// values [[0.80, 0.90], [0.84, 0.94]]; 2 units of 100 m³/s each, minimum
// 20 m³/s per unit; ramp 60 m³/s per hour; evaporation 2.4 mm/day over
// A = 10 + 0.2·S[hm³] km²; ecological release 8 m³/s; the base's share 0.5;
// rating 200 MW (never binding here). Start: 50 hm³, turbine at rest;
// inflow 100 m³/s throughout.
//
// Step 1, request 1e9 kW (as much as possible):
//   evaporation 0.0001 m/h × 20 km² = 2000 m³; the ramp allows 0 + 60 m³/s,
//   so Q = 60 (216 000 m³), release 60 → tailwater 2450.6, H = 2550 − 2450.6
//   = 99.4 m. One unit (q = 60, clamped to 50 in the chart) gives
//   η = 0.90 + (9.4/20)·0.04 = 0.9188; two (q = 30) 0.8688: one runs.
//   P = 9.80665·60·99.4·0.9188 = 53 737.727519 kW; the base gets half,
//   26 868.863760 kW. S' = 50e6 − 2000 + 360 000 − 216 000 = 50 142 000 m³.
// Step 2, request 0: the ecological 8 m³/s is below one unit's minimum
//   (and nearer 0 than 20), so the turbine stops and 8 m³/s leave through the
//   bottom outlet (spill). Evaporation 0.0001·(10 + 0.2·50.142)e6 =
//   2002.84 m³. S' = 50 142 000 − 2002.84 + 360 000 − 28 800 = 50 471 197.16.
// Step 3, request the base's half of the power at Q = 40 m³/s:
//   z = 2550.47119716, release 40 → z_t = 2450.4, H = 100.07119716;
//   one unit (q = 40): η = 0.875 + (10.07119716/20)·0.04 = 0.89514239432
//   (two units at 20: 0.84514…); P = 9.80665·40·H·η = 35 138.392383 kW,
//   base 17 569.196192 kW. Solving power for flow must give Q = 40 back.
//   Evaporation 2009.4239432 m³; S' = 50 471 197.16 − 2009.4239432
//   + 360 000 − 144 000 = 50 685 187.7360568 m³, level 2550.6851877.
// Energy to the base over the three hours: 44 438.059951 kWh.
HydroParams engineering_params() {
  return HydroParams{.name = "engineering",
                     .rated_power_kw = 200000.0,
                     .max_turbine_flow_m3_per_s = 200.0,
                     .min_release_m3_per_s = 8.0,
                     .storage_min_hm3 = 10.0,
                     .storage_max_hm3 = 100.0,
                     .storage_initial_hm3 = 50.0,
                     .level_table_storage_hm3 = {0.0, 100.0},
                     .level_table_m = {2500.0, 2600.0},
                     .tailwater_level_m = 2450.0,
                     .turbine_efficiency_frac = 0.9,
                     .tailwater_table_release_m3_per_s = {0.0, 200.0},
                     .tailwater_table_m = {2450.0, 2452.0},
                     .efficiency_table_head_m = {90.0, 110.0},
                     .efficiency_table_unit_flow_m3_per_s = {10.0, 50.0},
                     .efficiency_table_frac = {0.80, 0.90, 0.84, 0.94},
                     .unit_count = 2,
                     .unit_min_flow_m3_per_s = 20.0,
                     .ramp_m3_per_s_per_h = 60.0,
                     .evaporation_mm_per_day = 2.4,
                     .area_table_km2 = {10.0, 30.0},
                     .share_frac = 0.5};
}

TEST(HydroEngineeringTest, HandWorkedSequence) {
  const HydroPlant h(engineering_params());
  const Duration hour = Duration::hours(1);
  const Flow inflow = m3_per_s(100.0);
  HydroState s = h.initial_state();

  const HydroStep r1 = h.step(s, inflow, kw(1e9), hour);
  EXPECT_NEAR(r1.turbine_flow.in_m3_per_s(), 60.0, 1e-9);
  EXPECT_NEAR(r1.tailwater_m, 2450.6, 1e-9);
  EXPECT_NEAR(r1.head_m, 99.4, 1e-9);
  EXPECT_NEAR(r1.efficiency_frac, 0.9188, 1e-12);
  EXPECT_EQ(r1.units_running, 1);
  EXPECT_NEAR(r1.power.in_kw(), 26868.86375964003, 1e-9);
  EXPECT_NEAR(r1.evaporation.in_m3_per_s() * 3600.0, 2000.0, 1e-9);
  EXPECT_NEAR(r1.next.storage_m3, 50142000.0, 1e-6);
  EXPECT_EQ(r1.spill_flow.in_m3_per_s(), 0.0);
  EXPECT_NEAR(h.max_power(s, inflow, hour).in_kw(), r1.power.in_kw(), 1e-9);
  s = r1.next;

  const HydroStep r2 = h.step(s, inflow, kw(0.0), hour);
  EXPECT_EQ(r2.turbine_flow.in_m3_per_s(), 0.0);
  EXPECT_EQ(r2.units_running, 0);
  EXPECT_EQ(r2.power.in_kw(), 0.0);
  EXPECT_NEAR(r2.spill_flow.in_m3_per_s(), 8.0, 1e-12);
  EXPECT_NEAR(r2.head_m, 100.062, 1e-9);
  EXPECT_NEAR(r2.next.storage_m3, 50471197.16, 1e-6);
  EXPECT_EQ(h.min_power(s, inflow, hour).in_kw(), 0.0);
  s = r2.next;

  const HydroStep r3 = h.step(s, inflow, kw(17569.196191687886), hour);
  EXPECT_NEAR(r3.turbine_flow.in_m3_per_s(), 40.0, 1e-9);
  EXPECT_NEAR(r3.head_m, 100.07119716, 1e-9);
  EXPECT_NEAR(r3.efficiency_frac, 0.89514239432, 1e-12);
  EXPECT_EQ(r3.units_running, 1);
  EXPECT_NEAR(r3.power.in_kw(), 17569.196191687886, 1e-9);
  EXPECT_NEAR(r3.next.storage_m3, 50685187.7360568, 1e-6);
  EXPECT_NEAR(r3.level_m, 2550.685187736057, 1e-9);

  const double energy_kwh = (r1.power + r2.power + r3.power).in_kw() * 1.0;
  EXPECT_NEAR(energy_kwh, 44438.059951327916, 1e-9);
}

// The ramp also holds on the way down: from 60 m³/s the turbine cannot stop
// within one hour at a 20 m³/s-per-hour ramp; it runs at least 40 m³/s.
TEST(HydroEngineeringTest, RampDownFloor) {
  HydroParams p = engineering_params();
  p.ramp_m3_per_s_per_h = 20.0;
  const HydroPlant h(p);
  const HydroState s{.storage_m3 = 50e6, .turbine_flow_m3_per_s = 60.0};
  const HydroStep r = h.step(s, m3_per_s(100.0), kw(0.0), Duration::hours(1));
  EXPECT_NEAR(r.turbine_flow.in_m3_per_s(), 40.0, 1e-9);
  EXPECT_NEAR(h.max_power(s, m3_per_s(100.0), Duration::hours(1)).in_kw(),
              h.step(s, m3_per_s(100.0), kw(1e9), Duration::hours(1)).power.in_kw(), 1e-9);
  EXPECT_NEAR(h.step(s, m3_per_s(100.0), kw(1e9), Duration::hours(1)).turbine_flow.in_m3_per_s(),
              80.0, 1e-9);
}

// The direct-supply line caps what reaches the base: 10 MW to the base at a
// share of 0.5 is 20 MW of plant output, whatever is asked.
TEST(HydroEngineeringTest, LineLimitCapsDeliveredPower) {
  HydroParams p = engineering_params();
  p.line_limit_kw = 10000.0;
  const HydroPlant h(p);
  const HydroState s = h.initial_state();
  const HydroStep r = h.step(s, m3_per_s(100.0), kw(1e9), Duration::hours(1));
  EXPECT_NEAR(r.power.in_kw(), 10000.0, 1e-6);
  EXPECT_NEAR(h.max_power(s, m3_per_s(100.0), Duration::hours(1)).in_kw(), 10000.0, 1e-6);
}

// Random steps with every option on: water balance closes (including
// evaporation), storage stays in bounds, power within [min, max].
TEST(HydroEngineeringTest, RandomStepsBalanceWater) {
  const HydroPlant h(engineering_params());
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<> inflow(0.0, 300.0);
  std::uniform_real_distribution<> request(-1000.0, 120000.0);
  HydroState s = h.initial_state();
  for (int k = 0; k < 5000; ++k) {
    const Duration dt = Duration::minutes(k % 3 == 0 ? 15 : 60);
    const Flow q = m3_per_s(inflow(rng));
    const Power lo = h.min_power(s, q, dt);
    const Power hi = h.max_power(s, q, dt);
    const HydroStep r = h.step(s, q, kw(request(rng)), dt);
    const double secs = static_cast<double>(dt.in_seconds());
    const double balance = s.storage_m3 + q.in_m3_per_s() * secs -
                           (r.turbine_flow + r.spill_flow + r.evaporation).in_m3_per_s() * secs -
                           r.next.storage_m3;
    ASSERT_NEAR(balance, 0.0, 1e-5) << k;
    ASSERT_GE(r.power.in_kw(), lo.in_kw() - 1e-6) << k;
    ASSERT_LE(r.power.in_kw(), hi.in_kw() + 1e-6) << k;
    ASSERT_LE(r.next.storage_m3, 100e6 + 1e-6);
    ASSERT_GE(r.next.storage_m3, 10e6 - 1e-6 - r.evaporation.in_m3_per_s() * secs);
    s = r.next;
  }
}

// The plant remembers the limits of the last (state, inflow, dt) it was asked
// about. Questions that change one input at a time, and return to earlier
// ones, must get exactly what a plant asked for the first time answers: the
// same function of the same inputs, so EXPECT_EQ on the doubles.
TEST(HydroEngineeringTest, RememberedLimitsAnswerLikeAFreshPlant) {
  const HydroParams p = engineering_params();
  const HydroPlant asked(p);
  const HydroState a = hm3_state(50.0);
  const HydroState b = HydroState{.storage_m3 = 50e6, .turbine_flow_m3_per_s = 80.0};
  struct Question {
    HydroState s;
    double inflow_m3_per_s;
    Duration dt;
    double request_kw;
  };
  const Question questions[] = {
      {a, 100.0, kHour, 30000.0},
      {a, 100.0, kHour, 90000.0},
      {b, 100.0, kHour, 30000.0},
      {b, 120.0, kHour, 30000.0},
      {b, 120.0, Duration::minutes(15), 30000.0},
      {a, 100.0, kHour, 30000.0},
      {a, 0.0, kHour, 0.0},
      {a, 100.0, kHour, 30000.0},
  };
  for (const Question& q : questions) {
    const HydroPlant fresh(p);
    const Flow inflow = m3_per_s(q.inflow_m3_per_s);
    EXPECT_EQ(asked.min_power(q.s, inflow, q.dt).in_kw(),
              fresh.min_power(q.s, inflow, q.dt).in_kw());
    EXPECT_EQ(asked.max_power(q.s, inflow, q.dt).in_kw(),
              fresh.max_power(q.s, inflow, q.dt).in_kw());
    const HydroStep got = asked.step(q.s, inflow, kw(q.request_kw), q.dt);
    const HydroStep want = HydroPlant(p).step(q.s, inflow, kw(q.request_kw), q.dt);
    EXPECT_EQ(got.power.in_kw(), want.power.in_kw());
    EXPECT_EQ(got.next, want.next);
    EXPECT_EQ(got.spill_flow.in_m3_per_s(), want.spill_flow.in_m3_per_s());
  }
}

TEST(HydroEngineeringTest, CheckCatchesBadTables) {
  HydroParams p = engineering_params();
  p.efficiency_table_frac = {0.8, 0.9, 0.84};
  p.tailwater_table_m = {2450.0, 2449.0};
  p.unit_min_flow_m3_per_s = 150.0;
  p.area_table_km2 = {10.0};
  std::vector<std::string> fields;
  for (const auto& issue : p.check()) fields.push_back(issue.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"unit_min_flow_m3_per_s", "tailwater_table_m.1",
                                              "efficiency_table_frac", "area_table_km2"}));
}

}  // namespace
}  // namespace shapan::gen
