// Dispatch with perfect foresight: the plant as built (capacities fixed at
// the scenario's values), run at least cost over the whole run, and the plan
// replayed through the engine (docs/optimization.md, "Dispatch").
//
// The LP is the sizing LP (optimize/sizing.h) with every capacity fixed: the
// capacities become bounds of the balance rows and of the storage columns,
// exactly as in the capacity search's inner LP, plus grid export (a column
// per step, priced at the export tariff), a carbon price on imports and
// unserved load in every step priced at kUnservedPenaltyPerKwh. Units at this
// interface: kW, kWh, money (the scenario's currency), t CO2.
#pragma once

#include <string>
#include <vector>

#include "shapan/core/result.h"
#include "shapan/metrics/summary.h"
#include "shapan/optimize/options.h"
#include "shapan/optimize/sizing.h"
#include "shapan/sim/prepared.h"
#include "shapan/sim/simulation.h"

namespace shapan::optimize {

// Penalty on unserved load in the dispatch objective, money per kWh (the
// LP's kTargetPenalty of 1e6 per MWh): far above any energy price, so the
// load is served whenever the plant and the grid can.
inline constexpr double kUnservedPenaltyPerKwh = 1000.0;

struct DispatchProblem {
  SizingProblem lp;  // capacities fixed (min = max), capital costs 0
  // Per storage: the scenario's own charge and discharge limits (the sizing
  // LP has one power per battery).
  std::vector<double> charge_limit_kw;
  std::vector<double> discharge_limit_kw;
  // MPC only (optimize/mpc.h, mpc_problem()): [hydro]'s storage at the end
  // of each step (hm³) that a window ending there aims to end at or above.
  // Empty: each window aims at the run's start volume.
  std::vector<double> reservoir_guide_hm3;
};

// A dispatch's cost over the run under the dispatch objective:
//   Σ_t Δ (p_t g_t + π e_t g_t − x_t q_t) + penalty × unserved
// with π the carbon price per t and q_t the export price.
struct DispatchOutcome {
  double cost = 0.0;
  double energy_cost = 0.0;     // imports at the tariff
  double export_revenue = 0.0;  // exports at the export price
  double carbon_cost = 0.0;     // carbon price × emissions
  double unserved_cost = 0.0;   // kUnservedPenaltyPerKwh × unserved energy
  double demand_cost = 0.0;     // Σ billing months' peak import × the demand charge
  double load_kwh = 0.0;
  double grid_import_kwh = 0.0;
  double grid_export_kwh = 0.0;
  double unserved_kwh = 0.0;
  double co2_t = 0.0;
};

// The scenario's dispatch problem: hydro, its cascade and pumped storage
// (optimize/hydro_lp.h) and a workload's jobs (flexible_jobs.h) included.
// Throws InputError naming the section when the scenario has no data center.
// options.objective kMaxCfe prices imports at 1 per kWh and nothing else (the
// least grid energy).
// The carbon price comes from `costs` (its capital costs do not count: the
// capacities are fixed). `store`: as for sizing_problem.
DispatchProblem dispatch_problem(const sim::Setup& setup, const metrics::CostBook& costs,
                                 const Options& options, sim::PreparedStore* store = nullptr);

// Solves the dispatch LP (one Clp solve; with hydro, up to
// kMaxLinearisations warm re-solves of the successive linearisation). The
// result's series are the plan; its capacities are the scenario's.
SizingResult solve_dispatch(const DispatchProblem& problem, const SolveOptions& options);

// The plan's set-points (all batteries and pumped storage together; hydro
// in all and per plant) for the engine, when the
// solve found a point (kOptimal, or kTimeLimitFeasible: the best point so
// far); else a Failure naming the status and the solver's words (an
// infeasible or unbounded LP, a time limit before any point: expected
// outcomes, STYLE.md section 5).
Result<dispatch::DispatchPlan> plan_of(const SizingResult& result);

// Runs the engine on `setup` following `plan` (StrategyKind::kFollowPlan),
// on `prepared` (sim::prepare of `setup`; the strategy and plan are not part
// of it) when given, so that the replay and a rule-based run of the same
// setup share one prepared run; else it prepares. With `jobs` (the plan's
// flexible jobs, SizingResult::flexible_jobs) and a workload, the jobs run
// under the follow_plan scheduler on that plan.
sim::Results replay(const sim::Setup& setup, const dispatch::DispatchPlan& plan,
                    const sim::ProgressFn& progress = {},
                    const sim::PreparedRun* prepared = nullptr, const FlexiblePlan* jobs = nullptr);

// The outcome of a plan (its LP series) or of an engine run, under the
// dispatch objective with the problem's prices.
DispatchOutcome evaluate(const SizingProblem& p, const std::vector<double>& import_kw,
                         const std::vector<double>& export_kw,
                         const std::vector<double>& unserved_kw);
DispatchOutcome evaluate(const SizingProblem& p, const sim::Results& results);

}  // namespace shapan::optimize
