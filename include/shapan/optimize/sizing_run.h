// A scenario's sizing over its full run, or on representative days with
// the capacities found then checked over the full run (docs/optimization.md,
// "Representative days"): one path for the CLI and the server.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>

#include "shapan/optimize/representative_days.h"
#include "shapan/optimize/sizing.h"
#include "shapan/sim/simulation.h"

namespace shapan::optimize {

struct SizingRun {
  // Over the full run: the optimum, or (on days) the full run's dispatch
  // and cost at the capacities chosen on the days.
  SizingResult result;
  std::optional<RepresentativeDays> days;  // set when sized on days
  SizingResult on_days;                    // the days' own solve (days set)
};

// days == 0: solve_sizing(problem, options). days > 0: sized on that many
// representative days; a [hydro] plant and its cascade are held at the
// output of an engine run of `setup` (hydro_held_at); the capacities found
// are then fixed and the full run solved with the hydro in the LP, so
// `result` is the full run's. Throws InputError (field named) for what
// representative days refuse (moving jobs, pumped storage).
SizingRun size_scenario(const sim::Setup& setup, const SizingProblem& problem, int days,
                        const SizingOptions& options);

// optimize.json `representative_days`: the days, their weights, the cost
// on the days, the full run's cost at their capacities and the relative
// error; null when the run was sized in full.
nlohmann::json days_json(const SizingRun& run);

}  // namespace shapan::optimize
