// Dispatch LP (capacities fixed) on a case worked out by hand.
#include "shapan/optimize/dispatch.h"

#include <gtest/gtest.h>

namespace shapan::optimize {
namespace {

// Battery arbitrage over 3 one-hour steps, cyclic state of charge.
// Load 10 MW every step, no plant, grid prices 0.1, 0.5, 0.3 per kWh (100,
// 500, 300 per MWh), unlimited import. Battery: 10 MWh, charge up to 20 MW,
// discharge up to 5 MW, η_c = 0.9, η_d = 0.8 (round trip 0.72), no
// self-discharge, SOC in [0, 10] MWh.
// A delivered MWh bought at step 0 costs 100 / 0.72 = 138.9 < 300 < 500, so
// the battery delivers all it can in steps 1 and 2, the dearer first: 5 MW at
// step 1 (its limit) and then what is left. It can store at most 10 MWh,
// which delivers 10 × 0.8 = 8 MWh: 5 at step 1, 3 at step 2. Charging it
// full at step 0 takes 10 / 0.9 = 11.1111 MWh. (Charging at step 2 for step
// 1 would pay 300 / 0.72 = 416.7 < 500 but needs room the full battery does
// not have, and charging at step 2 beside a discharge only wastes.)
// SOC: 10 after step 0, 10 − 5 / 0.8 = 3.75 after step 1, 3.75 − 3 / 0.8 = 0
// after step 2 (= the start, cyclic).
// Cost: (10 + 11.1111) × 100 + (10 − 5) × 500 + (10 − 3) × 300
//     = 2111.111 + 2500 + 2100 = 6711.111 per run (9000 without the battery).
TEST(DispatchTest, BatteryArbitrageByHand) {
  DispatchProblem d;
  SizingProblem& p = d.lp;
  p.step_h = 1.0;
  p.load_kw = {10000, 10000, 10000};
  p.grid_price_per_kwh = {0.1, 0.5, 0.3};
  p.grid_carbon_kg_per_kwh = {0.5, 0.5, 0.5};
  p.allow_unserved = true;
  p.storages.push_back(SizedStorage{.name = "b",
                                    .power_min_kw = 20000,
                                    .power_max_kw = 20000,
                                    .energy_min_kwh = 10000,
                                    .energy_max_kwh = 10000,
                                    .charge_efficiency_frac = 0.9,
                                    .discharge_efficiency_frac = 0.8});
  d.charge_limit_kw = {20000};
  d.discharge_limit_kw = {5000};
  const SizingResult r = solve_dispatch(d, SolveOptions{});
  ASSERT_EQ(r.status, SolveStatus::kOptimal) << r.message;
  const double c0_kw = 10000.0 / 0.9;
  EXPECT_NEAR(r.storage_charge_kw[0][0], c0_kw, 1e-9 * c0_kw);
  EXPECT_NEAR(r.storage_charge_kw[0][1], 0.0, 1e-9);
  EXPECT_NEAR(r.storage_charge_kw[0][2], 0.0, 1e-9);
  EXPECT_NEAR(r.storage_discharge_kw[0][0], 0.0, 1e-9);
  EXPECT_NEAR(r.storage_discharge_kw[0][1], 5000.0, 1e-9 * 5000);
  EXPECT_NEAR(r.storage_discharge_kw[0][2], 3000.0, 1e-9 * 3000);
  const DispatchOutcome o = evaluate(p, r.grid_import_kw, r.grid_export_kw, r.unserved_kw);
  const double want = (10000.0 + c0_kw) * 0.1 + 5000.0 * 0.5 + 7000.0 * 0.3;
  EXPECT_NEAR(o.cost, want, 1e-9 * want);
  EXPECT_NEAR(o.cost, 6711.111111111111, 1e-9 * want);
  EXPECT_DOUBLE_EQ(o.unserved_kwh, 0.0);
  // The LP's own objective is per year: 8,760 / 3 runs.
  EXPECT_NEAR(r.grid_energy_cost_per_year, want * 2920.0, 1e-9 * want * 2920.0);
  // The plan the engine follows: the same set-points.
  const Result<dispatch::DispatchPlan> plan = plan_of(r);
  ASSERT_TRUE(plan.ok()) << plan.error();
  EXPECT_NEAR(plan.value().battery_charge_kw[0], c0_kw, 1e-9 * c0_kw);
  EXPECT_NEAR(plan.value().battery_discharge_kw[1], 5000.0, 1e-9 * 5000);
  EXPECT_NEAR(plan.value().battery_discharge_kw[2], 3000.0, 1e-9 * 3000);

  // A carbon price of 1,000 per t adds 0.5 per kWh to every import price
  // (0.6, 1.0, 0.8): 0.6 / 0.72 = 0.833 still beats 1.0 at step 1 but not 0.8
  // at step 2, so only step 1's 5 MWh is bought ahead: 5 / 0.8 / 0.9 =
  // 6.9444 MWh at step 0.
  p.carbon_price_per_t = 1000.0;
  const SizingResult rc = solve_dispatch(d, SolveOptions{});
  ASSERT_EQ(rc.status, SolveStatus::kOptimal) << rc.message;
  const double c0c_kw = 5000.0 / 0.8 / 0.9;
  EXPECT_NEAR(rc.storage_charge_kw[0][0], c0c_kw, 1e-9 * c0c_kw);
  EXPECT_NEAR(rc.storage_discharge_kw[0][1], 5000.0, 1e-9 * 5000);
  EXPECT_NEAR(rc.storage_discharge_kw[0][2], 0.0, 1e-9);
  const DispatchOutcome oc = evaluate(p, rc.grid_import_kw, rc.grid_export_kw, rc.unserved_kw);
  const double want_c = (10000.0 + c0c_kw) * 0.6 + 5000.0 * 1.0 + 10000.0 * 0.8;
  EXPECT_NEAR(oc.cost, want_c, 1e-9 * want_c);

  // Faded to 80 % of nameplate (SizedStorage::capacity_frac_per_step, the
  // engine's ageing), without the carbon price: the battery holds at most
  // 8 MWh, which delivers 6.4 MWh: 5 at step 1 and 1.4 at step 2; charging
  // it takes 8 / 0.9 = 8.8889 MWh at step 0.
  p.carbon_price_per_t = 0.0;
  p.storages[0].capacity_frac_per_step = {0.8, 0.8, 0.8};
  const SizingResult rf = solve_dispatch(d, SolveOptions{});
  ASSERT_EQ(rf.status, SolveStatus::kOptimal) << rf.message;
  const double c0f_kw = 8000.0 / 0.9;
  EXPECT_NEAR(rf.storage_charge_kw[0][0], c0f_kw, 1e-9 * c0f_kw);
  EXPECT_NEAR(rf.storage_discharge_kw[0][1], 5000.0, 1e-9 * 5000);
  EXPECT_NEAR(rf.storage_discharge_kw[0][2], 1400.0, 1e-9 * 1400);
  const DispatchOutcome of = evaluate(p, rf.grid_import_kw, rf.grid_export_kw, rf.unserved_kw);
  const double want_f = (10000.0 + c0f_kw) * 0.1 + 5000.0 * 0.5 + 8600.0 * 0.3;
  EXPECT_NEAR(of.cost, want_f, 1e-9 * want_f);
}

// An infeasible dispatch is an expected outcome, not an exception: a 10 MW
// load, no plant, no storage, no unserved load allowed and an import limit
// of 5 MW cannot balance. The status says infeasible and plan_of gives no
// plan but the reason.
TEST(DispatchTest, InfeasibleDispatchGivesNoPlanButTheReason) {
  DispatchProblem d;
  SizingProblem& p = d.lp;
  p.step_h = 1.0;
  p.load_kw = {10000};
  p.grid_price_per_kwh = {0.1};
  p.grid_carbon_kg_per_kwh = {0.5};
  p.grid_import_limit_kw = 5000;
  const SizingResult r = solve_dispatch(d, SolveOptions{});
  EXPECT_EQ(r.status, SolveStatus::kInfeasible) << r.message;
  const Result<dispatch::DispatchPlan> plan = plan_of(r);
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.error().rfind("no plan: the dispatch LP is infeasible", 0), 0u) << plan.error();
}

// Surplus PV with export at 0.2 and a battery that is full of nothing to do:
// 1 step of 20 MW PV availability against a 5 MW load, export limit 10 MW:
// 10 MW exported (revenue 2,000), 5 MW curtailed, cost −2,000.
TEST(DispatchTest, ExportsUpToItsLimitThenCurtails) {
  DispatchProblem d;
  SizingProblem& p = d.lp;
  p.load_kw = {5000};
  p.grid_price_per_kwh = {0.4};
  p.grid_carbon_kg_per_kwh = {0.5};
  p.sources.push_back(SizedSource{.name = "pv",
                                  .kind = "pv",
                                  .availability_per_kw = {0.5},
                                  .capacity_min_kw = 40000,
                                  .capacity_max_kw = 40000});
  p.grid_export_limit_kw = 10000;
  p.grid_export_price_per_kwh = {0.2};
  p.allow_unserved = true;
  const SizingResult r = solve_dispatch(d, SolveOptions{});
  ASSERT_EQ(r.status, SolveStatus::kOptimal) << r.message;
  EXPECT_NEAR(r.grid_export_kw[0], 10000.0, 1e-9 * 10000);
  EXPECT_NEAR(r.grid_import_kw[0], 0.0, 1e-9);
  EXPECT_NEAR(r.curtailed_kwh, 5000.0, 1e-9 * 5000);
  const DispatchOutcome o = evaluate(p, r.grid_import_kw, r.grid_export_kw, r.unserved_kw);
  EXPECT_NEAR(o.cost, -2000.0, 1e-9 * 2000);
}

}  // namespace
}  // namespace shapan::optimize
