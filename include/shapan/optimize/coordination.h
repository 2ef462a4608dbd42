// The coordination bound (算电协同, docs/coordination.md): on a base with its
// plant fixed, the most hourly CFE that moving the flexible jobs within their
// windows can reach, against the jobs held where fcfs runs them; and each
// scheduler policy's CFE gain as a share of that bound.
//
// Both ends are dispatch LPs with objective kMaxCfe (the least grid energy to
// the load, every deadline met: the jobs' envelopes, flexible_jobs.h), the
// batteries dispatched optimally in both, so that their difference is what
// moving the jobs alone gives. Held: the load is the engine's fcfs run's
// (online + every job as fcfs ran it), no flexible columns. Moved: the
// flexible jobs are the LP's fluid. Hydro: the dispatch LP does not model it
// yet, so with BoundHydro::kFcfsSeries the hydro output of the engine's fcfs
// run is an exogenous clean source (curtailable, not movable); with kLp the
// scenario's hydro goes to dispatch_problem as is (once the LP models hydro).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "shapan/metrics/summary.h"
#include "shapan/optimize/options.h"
#include "shapan/optimize/solver.h"
#include "shapan/sim/simulation.h"

namespace shapan::optimize {

struct PolicyGain {
  std::string policy;
  double cfe_score = 0.0;       // the engine's hourly CFE with this policy
  double gain_points = 0.0;     // over fcfs, percentage points
  double share_of_bound = 0.0;  // gain / the bound's gain
};

struct CoordinationBound {
  SolveStatus status = SolveStatus::kError;
  std::string message;
  std::string hydro;               // "fcfs_series" or "lp"
  double held_cfe_lp_frac = 0.0;   // jobs where fcfs runs them (LP count, 1 − imports / load)
  double moved_cfe_lp_frac = 0.0;  // flexible jobs moved within their windows
  double held_grid_import_kwh = 0.0;
  double moved_grid_import_kwh = 0.0;
  double held_load_kwh = 0.0;
  double moved_load_kwh = 0.0;
  double gain_points = 0.0;     // moved − held, percentage points
  double unfinished_kwh = 0.0;  // flexible work the moved plan leaves undone
  double fcfs_cfe_score = 0.0;  // the engine's fcfs run
  std::vector<PolicyGain>
      policies;  // fcfs, green_following, forecast_threshold, power_capping, follow_plan
  double seconds = 0.0;
};

// Requires setup.workload. Runs the engine once per policy (and the moved
// plan under follow_plan with the rule-based dispatch) and two LPs. Throws
// InputError as dispatch_problem does (pumped storage, no data center).
CoordinationBound coordination_bound(const sim::Setup& setup, const metrics::CostBook& costs,
                                     const Options& options);

// optimize.json of --mode coordination_bound: status, message, mode, hydro,
// held and moved {cfe_lp_frac, grid_import_kwh, load_kwh}, gain_points,
// unfinished_kwh, fcfs_cfe_score, policies [{policy, cfe_score,
// gain_points, share_of_bound}], seconds.
nlohmann::json coordination_json(const CoordinationBound& b);

}  // namespace shapan::optimize
