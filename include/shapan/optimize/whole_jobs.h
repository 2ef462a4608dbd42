// Dispatch with the flexible jobs run whole (docs/optimization.md, "The
// jobs made whole"). The dispatch LP holds the flexible jobs as a fluid
// (optimize/flexible_jobs.h): a job may pause and split across hours where
// the engine runs a deferrable job in one piece once started. The fluid's
// plan is a bound; the plan the engine follows is made in a second step:
// each whole schedule the engine can run — the fluid plan's jobs placed by
// the follow_plan scheduler, and the jobs where fcfs runs them — is held as
// the facility load (neither scheduler looks at the plant, so the load is
// the same whatever the batteries and hydro do), the plant is re-planned
// around it, and the cheaper plan stands. Its CFE as the LP counts it is
// then the count of a load the engine runs, and moving the jobs is never
// worse than holding them.
#pragma once

#include <string>
#include <vector>

#include "shapan/optimize/dispatch.h"
#include "shapan/sim/prepared.h"
#include "shapan/sim/simulation.h"

namespace shapan::optimize {

// One whole schedule with the plant planned around it.
struct JobsSchedule {
  std::string scheduler;    // "follow_plan" or "fcfs"
  SizingResult plan;        // the dispatch LP with the schedule's facility load held
  DispatchOutcome outcome;  // the plan under the dispatch objective (evaluate())
};

struct WholeJobsDispatch {
  DispatchProblem problem;  // the chosen schedule's: its load held, no fluid
  SizingResult plan;        // the chosen schedule's plan
  sim::Setup setup;         // for the replay: its scheduler runs the chosen schedule
  std::string scheduler;    // the chosen schedule's; empty: no flexible jobs (all as given)
  std::vector<JobsSchedule> schedules;  // every schedule tried, follow_plan first
};

// With flexible jobs in `fluid` (the plan of `problem`, kOptimal or
// kTimeLimitFeasible): the schedules above, re-planned with `solve`, the
// cheaper by the dispatch objective chosen (a schedule whose LP found no
// point is not). Without flexible jobs, or when no schedule has a plan:
// `problem`, `fluid` and `setup` as given, `scheduler` empty. `prepared`:
// sim::prepare of `setup` (it serves every engine run here).
WholeJobsDispatch make_jobs_whole(const sim::Setup& setup, const DispatchProblem& problem,
                                  const SizingResult& fluid, const SolveOptions& solve,
                                  const sim::PreparedRun& prepared);

}  // namespace shapan::optimize
