// Hydro and pumped storage in the dispatch LP, on cases worked out by hand
// (docs/optimization.md, "Hydro and pumped storage").
#include "shapan/optimize/hydro_lp.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>

#include "hydro_test_plant.h"
#include "shapan/optimize/dispatch.h"
#include "shapan/optimize/sizing.h"
#include "shapan/sim/simulation.h"
#include "two_step_problem.h"

namespace shapan::optimize {
namespace {

using testing::constant_head_plant;
using testing::kHeadM;
using testing::kHm3PerM3PerSHour;

// A 100 MW load over 3 one-hour steps, grid prices 0.2, 0.6, 0.3 per kWh,
// no other plant; the hydro plant with an inflow of 20 m³/s every step.
DispatchProblem hydro_case(const gen::HydroParams& params, std::vector<double> inflow) {
  DispatchProblem d;
  SizingProblem& p = d.lp;
  p.step_h = 1.0;
  p.load_kw = std::vector<double>(inflow.size(), 100000.0);
  p.grid_price_per_kwh = {0.2, 0.6, 0.3};
  p.grid_price_per_kwh.resize(inflow.size(), 0.5);
  p.grid_carbon_kg_per_kwh.assign(inflow.size(), 0.5);
  p.allow_unserved = true;
  p.hydro.plants.push_back(HydroLpPlant{.params = params, .inflow_m3_per_s = std::move(inflow)});
  linearise_at_start(p.hydro, p.load_kw.size(), p.step_h);
  return d;
}

double cost_of(const DispatchProblem& d, const SizingResult& r) {
  return evaluate(d.lp, r.grid_import_kw, r.grid_export_kw, r.unserved_kw).cost;
}

// Price arbitrage with the ecological release binding. k = 1 MW per m³/s.
// The end volume must be at least the initial one, so the three steps can
// release at most the inflow, 3 × 20 = 60 m³/s·h, and each at least 10
// (min_release). A m³/s saves 1 MW of import at that step's price, so all
// the water above the minimum goes to the dearest step: q = (10, 40, 10),
// within the 80 m³/s turbine. Imports 90, 60, 90 MW:
//   cost = 90,000 × 0.2 + 60,000 × 0.6 + 90,000 × 0.3 = 81,000 (120,000 without hydro).
// Volumes: 500 + 0.0036 × (20 − 10) = 500.036, then − 0.0036 × 20 = 499.964,
// then back to 500.
TEST(HydroLpTest, ReleaseMovesToTheDearestStepAboveTheEcologicalMinimum) {
  const DispatchProblem d = hydro_case(constant_head_plant(), {20.0, 20.0, 20.0});
  const SizingResult r = solve_dispatch(d, SolveOptions{});
  ASSERT_EQ(r.status, SolveStatus::kOptimal) << r.message;
  ASSERT_EQ(r.hydro.turbine_m3_per_s.size(), 1u);
  const std::vector<double>& q = r.hydro.turbine_m3_per_s[0];
  EXPECT_NEAR(q[0], 10.0, 1e-9 * 10);
  EXPECT_NEAR(q[1], 40.0, 1e-9 * 40);
  EXPECT_NEAR(q[2], 10.0, 1e-9 * 10);
  for (const double s : r.hydro.spill_m3_per_s[0]) EXPECT_NEAR(s, 0.0, 1e-9);
  EXPECT_NEAR(r.hydro.hydro_kw[1], 40000.0, 1e-9 * 40000);
  EXPECT_NEAR(r.hydro.volume_hm3[0][0], 500.0 + 10 * kHm3PerM3PerSHour, 1e-9 * 500);
  EXPECT_NEAR(r.hydro.volume_hm3[0][1], 500.0 - 10 * kHm3PerM3PerSHour, 1e-9 * 500);
  EXPECT_NEAR(r.hydro.volume_hm3[0][2], 500.0, 1e-9 * 500);
  EXPECT_NEAR(cost_of(d, r), 81000.0, 1e-9 * 81000);
  EXPECT_NEAR(r.hydro.hydro_kwh, 60000.0, 1e-9 * 60000);
  // Constant head: the plan is its own linearisation.
  EXPECT_LT(r.hydro.head_error_frac, 1e-9);
  EXPECT_EQ(r.hydro.linearisations, 1);
  // The set-points the engine follows.
  const Result<dispatch::DispatchPlan> plan = plan_of(r);
  ASSERT_TRUE(plan.ok()) << plan.error();
  EXPECT_NEAR(plan.value().hydro_kw[1], 40000.0, 1e-9 * 40000);
}

// The same with a ramp limit of 25 m³/s per hour, from rest (the engine's
// initial turbine flow is 0): q0 ≤ 25, |q1 − q0| ≤ 25, |q2 − q1| ≤ 25. With
// q = (a, b, c), a + b + c = 60 and the value 0.2a + 0.6b + 0.3c (per MW):
// for b ≤ 35, a = 10 and c = 50 − b give 17 + 0.3b; above, the ramp needs
// a ≥ b − 25 and c ≥ b − 25, so a = b − 25, c = 85 − 2b (≥ b − 25 while
// b ≤ 110/3), giving 20.5 + 0.2b: best at b = 110/3, a = c = 35/3.
// Imports 265/3, 190/3, 265/3 MW:
//   cost = 265,000/3 × 0.2 + 190,000/3 × 0.6 + 265,000/3 × 0.3 = 82,166.667.
TEST(HydroLpTest, RampLimitsSpreadTheRelease) {
  gen::HydroParams params = constant_head_plant();
  params.ramp_m3_per_s_per_h = 25.0;
  const DispatchProblem d = hydro_case(params, {20.0, 20.0, 20.0});
  const SizingResult r = solve_dispatch(d, SolveOptions{});
  ASSERT_EQ(r.status, SolveStatus::kOptimal) << r.message;
  const std::vector<double>& q = r.hydro.turbine_m3_per_s[0];
  EXPECT_NEAR(q[0], 35.0 / 3.0, 1e-9 * 12);
  EXPECT_NEAR(q[1], 110.0 / 3.0, 1e-9 * 37);
  EXPECT_NEAR(q[2], 35.0 / 3.0, 1e-9 * 12);
  const double want = 265000.0 / 3.0 * 0.2 + 190000.0 / 3.0 * 0.6 + 265000.0 / 3.0 * 0.3;
  EXPECT_NEAR(cost_of(d, r), want, 1e-9 * want);
  EXPECT_NEAR(want, 82166.666666666667, 1e-6);
}

// A full reservoir spills. 2 steps at 0.5 per kWh, the reservoir at its
// maximum (500 hm³) with an inflow of 100 m³/s, the generator rated at
// 25 MW (so 25 m³/s at 1 MW per m³/s, below the 80 m³/s turbine). The end
// volume may not fall below the start, which is the maximum: each step
// turbines 25 m³/s and spills 75 (the LP keeps the reservoir full rather
// than spill early: its tie-breaker). Imports 75 MW: cost 2 × 75,000 × 0.5
// = 75,000.
TEST(HydroLpTest, AFullReservoirSpillsWhatTheRatingCannotTurbine) {
  gen::HydroParams params = constant_head_plant();
  params.storage_max_hm3 = 500.0;
  params.level_table_storage_hm3 = {0.0, 500.0};
  params.rated_power_kw = 25000.0;
  DispatchProblem d = hydro_case(params, {100.0, 100.0});
  d.lp.grid_price_per_kwh = {0.5, 0.5};
  const SizingResult r = solve_dispatch(d, SolveOptions{});
  ASSERT_EQ(r.status, SolveStatus::kOptimal) << r.message;
  for (std::size_t t = 0; t < 2; ++t) {
    EXPECT_NEAR(r.hydro.turbine_m3_per_s[0][t], 25.0, 1e-9 * 25);
    EXPECT_NEAR(r.hydro.spill_m3_per_s[0][t], 75.0, 1e-9 * 75);
    EXPECT_NEAR(r.hydro.volume_hm3[0][t], 500.0, 1e-9 * 500);
  }
  EXPECT_NEAR(cost_of(d, r), 75000.0, 1e-9 * 75000);
}

// A cascade. Below the plant of the first case (inflow 20, release ≥ 10,
// at most 60 m³/s·h over the run) a second one, also 1 MW per m³/s, one
// step of travel below it, with no local inflow and no minimum release,
// holding at most 0.036 hm³ (10 m³/s·h), starting empty and ending at least
// empty. Its inflow: 20 at step 0 (the upper plant's first inflow, the
// engine's steady start), then u0, u1 (the upper release a step earlier;
// u2 leaves the run). Prices 0.2, 0.6, 0.3 per kWh, 100 MW load (hydro
// never exceeds it here, so every MWh saves an import).
// A m³/s of upper water is worth, through both plants: u0 0.2 + 0.6 (the
// lower plant turbines it at step 1) = 0.8, u1 0.6 + 0.3 = 0.9, u2 0.3. So
// u2 = 10 and u0 = 10 (their minimum), u1 = 40. The lower plant's 20 at
// step 0: 10 stored (its limit) for step 1 at 0.6, 10 turbined at step 0.
// Lower turbine l = (10, 10 + 10, 40), upper u = (10, 40, 10); hydro
// (20, 60, 50) MW, 130 MWh; imports (80, 40, 50) MW:
//   cost = 80,000 × 0.2 + 40,000 × 0.6 + 50,000 × 0.3 = 55,000.
TEST(HydroLpTest, CascadeTravelDelayCarriesTheUpperReleaseDown) {
  gen::HydroParams lower = constant_head_plant("lower");
  lower.min_release_m3_per_s = 0.0;
  lower.storage_max_hm3 = 10 * kHm3PerM3PerSHour;
  lower.storage_initial_hm3 = 0.0;
  lower.level_table_storage_hm3 = {0.0, lower.storage_max_hm3};
  lower.level_table_m = {kHeadM, kHeadM + 1e-9};
  DispatchProblem d = hydro_case(constant_head_plant(), {20.0, 20.0, 20.0});
  d.lp.hydro.plants.push_back(HydroLpPlant{
      .params = lower, .inflow_m3_per_s = {}, .delay_steps = 1, .first_inflow_m3_per_s = 20.0});
  linearise_at_start(d.lp.hydro, 3, 1.0);
  const SizingResult r = solve_dispatch(d, SolveOptions{});
  ASSERT_EQ(r.status, SolveStatus::kOptimal) << r.message;
  const std::vector<double> want_u = {10.0, 40.0, 10.0};
  const std::vector<double> want_l = {10.0, 20.0, 40.0};
  for (std::size_t t = 0; t < 3; ++t) {
    EXPECT_NEAR(r.hydro.turbine_m3_per_s[0][t], want_u[t], 1e-9 * 40) << t;
    EXPECT_NEAR(r.hydro.turbine_m3_per_s[1][t], want_l[t], 1e-9 * 40) << t;
    EXPECT_NEAR(r.hydro.spill_m3_per_s[1][t], 0.0, 1e-9) << t;
  }
  EXPECT_NEAR(r.hydro.volume_hm3[1][0], lower.storage_max_hm3, 1e-9);
  EXPECT_NEAR(r.hydro.hydro_kwh, 130000.0, 1e-9 * 130000);
  EXPECT_NEAR(cost_of(d, r), 55000.0, 1e-9 * 55000);
}

// Pumped storage arbitrage, as the battery case of dispatch_test.cc: a
// 10 MW load over 3 one-hour steps at 0.1, 0.5, 0.3 per kWh; pump up to
// 20 MW at 0.9, generate up to 5 MW at 0.8 (round trip 0.72), 0–10 MWh,
// starting empty and ending at least empty. A delivered MWh bought at step 0
// costs 100 / 0.72 = 138.9 per MWh < 300 < 500: fill it at step 0 (10 / 0.9
// = 11.111 MWh pumped), generate 5 MW at step 1 and the 3 MWh left (10 −
// 5/0.8 = 3.75 MWh stored × 0.8) at step 2.
//   cost = (10 + 11.111) × 100 + 5 × 500 + 7 × 300 = 6,711.111 (9,000 without).
TEST(HydroLpTest, PumpedStorageArbitrage) {
  DispatchProblem d;
  SizingProblem& p = d.lp;
  p.step_h = 1.0;
  p.load_kw = {10000, 10000, 10000};
  p.grid_price_per_kwh = {0.1, 0.5, 0.3};
  p.grid_carbon_kg_per_kwh = {0.5, 0.5, 0.5};
  p.allow_unserved = true;
  p.hydro.pumped.push_back(PumpedLpUnit{.name = "ps",
                                        .pump_max_kw = 20000,
                                        .turbine_max_kw = 5000,
                                        .pump_efficiency_frac = 0.9,
                                        .turbine_efficiency_frac = 0.8,
                                        .energy_min_kwh = 0,
                                        .energy_max_kwh = 10000,
                                        .energy_initial_kwh = 0});
  const SizingResult r = solve_dispatch(d, SolveOptions{});
  ASSERT_EQ(r.status, SolveStatus::kOptimal) << r.message;
  const double c0_kw = 10000.0 / 0.9;
  EXPECT_NEAR(r.hydro.pumped_charge_kw[0], c0_kw, 1e-9 * c0_kw);
  EXPECT_NEAR(r.hydro.pumped_discharge_kw[1], 5000.0, 1e-9 * 5000);
  EXPECT_NEAR(r.hydro.pumped_discharge_kw[2], 3000.0, 1e-9 * 3000);
  EXPECT_NEAR(cost_of(d, r), 6711.111111111111, 1e-9 * 6711.111);
  // Pooled with the batteries in the set-points (the engine's storage pool).
  const Result<dispatch::DispatchPlan> plan = plan_of(r);
  ASSERT_TRUE(plan.ok()) << plan.error();
  EXPECT_NEAR(plan.value().battery_charge_kw[0], c0_kw, 1e-9 * c0_kw);
  EXPECT_NEAR(plan.value().battery_discharge_kw[2], 3000.0, 1e-9 * 3000);
  EXPECT_TRUE(plan.value().hydro_kw.empty());
}

// The energy form of a pumped-storage plant from its reservoirs, at the
// default constant head of 400 m: e = ρ·g·H / 3.6e6 = 1.0896 kWh per m³.
// Upper 0.5–8 hm³ starting at 4, lower 0.5–10 starting at 6 (10 hm³ in the
// loop): the upper can reach 8 (the lower then holds 2 ≥ 0.5) and fall to
// 0.5 (lower 9.5 ≤ 10). So 0 to 7.5 hm³ × e, starting at 3.5 hm³ × e.
TEST(HydroLpTest, PumpedStorageEnergyFromItsReservoirs) {
  sim::Setup setup;
  setup.pumped_storage.push_back(gen::PumpedStorageParams{.name = "ps"});
  const HydroProblem h = hydro_problem(setup);
  ASSERT_EQ(h.pumped.size(), 1u);
  const double e_kwh_per_m3 = 1000.0 * 9.80665 * 400.0 / 3.6e6;
  EXPECT_NEAR(h.pumped[0].energy_min_kwh, 0.0, 1e-6);
  EXPECT_NEAR(h.pumped[0].energy_max_kwh, 7.5e6 * e_kwh_per_m3, 1e-9 * 8e6);
  EXPECT_NEAR(h.pumped[0].energy_initial_kwh, 3.5e6 * e_kwh_per_m3, 1e-9 * 4e6);
  EXPECT_DOUBLE_EQ(h.pumped[0].pump_max_kw, 300000.0);
  EXPECT_TRUE(h.plants.empty());
}

// Sizing with a hydro plant as it is (not sized): 2 one-hour steps of a
// 10 MW load, grid at 0.05 per kWh (50 per MWh of the run, × 4,380 runs a
// year = 219,000 per MWh-a-step a year), PV at 100 per kW a year with
// availability (1, 0); the constant-head plant (1 MW per m³/s) with 5 m³/s
// of inflow each step and no minimum release: 10 MWh over the run, to put
// in either step. A MW of PV (100,000 a year) saves 219,000 at step 0, so
// hydro serves step 1 alone (q = 0, 10 m³/s) and 10 MW of PV step 0: no
// imports, 1,000,000 a year. Both methods prove it (the capacity search's
// inner LPs carry the plant).
TEST(HydroLpTest, SizingKeepsTheHydroPlantAndProvesItsOptimum) {
  for (const SizingMethod method : {SizingMethod::kMonolithic, SizingMethod::kCapacitySearch}) {
    SizingProblem p = testing::two_step_pv_problem();
    gen::HydroParams h = constant_head_plant();
    h.min_release_m3_per_s = 0.0;
    p.hydro.plants.push_back(HydroLpPlant{.params = h, .inflow_m3_per_s = {5.0, 5.0}});
    linearise_at_start(p.hydro, 2, 1.0);
    SizingOptions o;
    o.method = method;
    const SizingResult r = solve_sizing(p, o);
    ASSERT_EQ(r.status, SolveStatus::kOptimal) << r.message;
    EXPECT_NEAR(r.objective_per_year, 1e6, 1e-9 * 1e6);
    EXPECT_NEAR(r.source_capacity_kw[0], 10000.0, 1e-9 * 10000);
    EXPECT_NEAR(r.grid_import_kwh, 0.0, 1e-6);
    EXPECT_NEAR(r.hydro.turbine_m3_per_s[0][1], 10.0, 1e-9 * 10);
    EXPECT_NEAR(r.hydro.hydro_kwh, 10000.0, 1e-9 * 10000);
  }
}

}  // namespace
}  // namespace shapan::optimize
