// Receding-horizon dispatch (model-predictive control, `shapan optimize
// --mode mpc`, docs/optimization.md "MPC"): at step 0 and every k steps the
// engine's state (the batteries' stored energy) is handed to a planner that
// solves the dispatch LP (optimize/dispatch.h) over the next H steps with
// forecasts of the renewables and the load, not cyclic: each battery starts
// from the engine's stored energy and should end the window with at least
// what it held at the start of the run. The engine follows the plan's first
// k steps (dispatch::RecedingPlanDispatch) and the planner is asked again.
// Units at this interface: kW, kWh, hours, money (the scenario's currency).
#pragma once

#include <cstddef>
#include <span>
#include <string>

#include "shapan/optimize/dispatch.h"
#include "shapan/optimize/options.h"

namespace shapan::optimize {

struct MpcStats {
  std::size_t horizon_steps = 0;
  std::size_t replan_steps = 0;
  std::size_t lp_solves = 0;
  // Windows whose LP found no plan (infeasible, time limit without a point,
  // solver error): their steps ran with no battery set-point (idle).
  std::size_t failed_windows = 0;
  std::string first_failure;  // the first such window's step and status
  long iterations = 0;
  double build_seconds = 0.0;  // forecasts and LP set-up, all windows
  double solve_seconds = 0.0;  // the solver, all windows
};

struct MpcRun {
  sim::Results results;  // the engine's run (strategy "receding_plan")
  MpcStats stats;
};

// Checks `options` against the run's step and returns (horizon, interval)
// in steps. Throws InputError naming the [optimize] key when the horizon or
// the interval is not a whole number of steps, the interval exceeds the
// horizon, persistence needs a day that is not a whole number of steps, or
// the problem has targets over the run (co2_cap_t, grid_share_max_frac,
// cfe_min_frac, green_share_min_frac: a window LP cannot share them out).
MpcStats mpc_steps(const DispatchProblem& run, const MpcOptions& options);

// Runs the engine on `setup` with re-planning; `run` is
// dispatch_problem(setup, ...) over the whole run (the actual series the
// forecasts are made from). `solve` applies to each window's LP.
// `prepared` as in replay().
MpcRun run_mpc(const sim::Setup& setup, const DispatchProblem& run, const MpcOptions& options,
               const SolveOptions& solve, const sim::ProgressFn& progress = {},
               const sim::PreparedRun* prepared = nullptr);

// One window's LP: the run's problem over steps [start, start + n) with the
// renewables' availability and the load as `options.forecast` sees them from
// `start`, each storage b starting from initial_kwh[b] and ending with at
// least end_min_kwh[b] (soft), not cyclic. Prices, export prices and grid
// carbon are the tariff's, known. Requires start + n <= the run's steps.
DispatchProblem window_problem(const DispatchProblem& run, std::size_t start, std::size_t n,
                               const MpcOptions& options, std::span<const double> initial_kwh,
                               std::span<const double> end_min_kwh);

}  // namespace shapan::optimize
