// Receding-horizon dispatch (model-predictive control, `shapan optimize
// --mode mpc`, docs/optimization.md "MPC"): at step 0 and every k steps the
// engine's state (the batteries' and pumped storage's stored energy,
// [hydro]'s reservoir and turbine flow) is handed to a planner that solves
// the dispatch LP (optimize/dispatch.h) over the next H steps with
// forecasts of the renewables and the load, not cyclic: each battery starts
// from the engine's stored energy and should end the window with at least
// what it held at the start of the run; the reservoir ends at or above a
// guide (mpc_problem()). The engine follows the plan's first
// k steps (dispatch::RecedingPlanDispatch) and the planner is asked again.
// Units at this interface: kW, kWh, hours, money (the scenario's currency).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "shapan/optimize/dispatch.h"
#include "shapan/optimize/options.h"

namespace shapan::optimize {

struct MpcStats {
  std::size_t horizon_steps = 0;
  std::size_t replan_steps = 0;
  std::size_t lp_solves = 0;  // windows planned
  // Solver calls over all windows: with hydro, a window's LP is re-solved
  // for the head (successive linearisation), so this exceeds lp_solves.
  std::size_t solver_calls = 0;
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

// The run's problem as MPC plans it, given `rules`, the engine's run of the
// same setup under its rules (sim::run), docs/optimization.md "MPC":
//  - with a workload, the jobs stay under their scheduler policy in the MPC
//    run (the window LPs do not move them): they leave the LP, and load_kw
//    becomes the facility load the rules run had with them (the series the
//    forecasts are made from: an approximation, as the policy's load moves
//    with what the plan does);
//  - with [hydro] and ReservoirEnd::kRulesRun, the rules run's reservoir
//    storage becomes the guide the windows end on
//    (DispatchProblem::reservoir_guide_hm3), so that the run ends with at
//    least the water the rules leave (as far as the must-run release
//    allows); kRunStart: no guide (each window ends with at least the run's
//    start volume, as perfect foresight's plan does).
// Requires rules.steps to cover the run's steps.
DispatchProblem mpc_problem(const DispatchProblem& run, const sim::Results& rules,
                            ReservoirEnd reservoir_end = ReservoirEnd::kRulesRun);

// Checks `options` against the run's step and returns (horizon, interval)
// in steps. Throws InputError naming the [optimize] key when the horizon or
// the interval is not a whole number of steps, the interval exceeds the
// horizon, persistence needs a day that is not a whole number of steps, or
// the problem has targets over the run (co2_cap_t, grid_share_max_frac,
// cfe_min_frac, green_share_min_frac: a window LP cannot share them out),
// a hydro cascade (its water in transit is not carried into a window), or
// flexible jobs (mpc_problem() takes them out).
MpcStats mpc_steps(const DispatchProblem& run, const MpcOptions& options);

// Runs the engine on `setup` with re-planning; `run` is
// dispatch_problem(setup, ...) over the whole run (the actual series the
// forecasts are made from). `solve` applies to each window's LP.
// `prepared` as in replay().
MpcRun run_mpc(const sim::Setup& setup, const DispatchProblem& run, const MpcOptions& options,
               const SolveOptions& solve, const sim::ProgressFn& progress = {},
               const sim::PreparedRun* prepared = nullptr);

// The engine's state a window starts from (dispatch::StepOffer's), and
// what each battery must end the window with.
struct WindowStart {
  std::vector<double> battery_kwh;          // per storage of the LP
  std::vector<double> battery_end_min_kwh;  // per storage (soft)
  double pumped_kwh = 0.0;                  // all pumped-storage units
  double hydro_storage_hm3 = 0.0;           // [hydro]'s reservoir
  double hydro_turbine_m3_per_s = 0.0;      // [hydro]'s flow the step before
};

// One window's LP: the run's problem over steps [start, start + n) with the
// renewables' availability and the load as `options.forecast` sees them from
// `start`, each storage starting from `at` and each battery ending with at
// least its battery_end_min_kwh (soft), not cyclic; pumped storage (shared
// by energy) ends with at least its start; [hydro] starts from `at`'s volume
// and flow, relinearised from there, its inflow known, and ends at or above
// the guide at the window's last step (or the run's start volume without
// one), as far as the must-run release allows.
// Prices, export prices and grid carbon are the tariff's, known. Requires
// start + n <= the run's steps.
DispatchProblem window_problem(const DispatchProblem& run, std::size_t start, std::size_t n,
                               const MpcOptions& options, const WindowStart& at);

}  // namespace shapan::optimize
