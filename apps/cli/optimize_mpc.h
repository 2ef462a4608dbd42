// `shapan optimize --mode mpc` (docs/optimization.md, "MPC"): receding-horizon
// dispatch through the engine, beside the rule-based run and the
// perfect-foresight plan. Writes optimize.json, summary.json, timeseries.csv
// and report.html (the MPC run's, as --mode dispatch writes its replay's).
#pragma once

#include <chrono>

#include "optimize_command.h"
#include "shapan/io/scenario.h"

namespace shapan::cli {

// Returns the exit code: 0 when every window's LP found a plan, 5 when some
// did not (their steps ran with the batteries idle; optimize.json says
// which). Bad input (the horizon, a component the dispatch LP does not model)
// throws InputError (exit 2).
int mpc_command(const OptimizeOptions& options, const io::Scenario& scenario,
                std::chrono::steady_clock::time_point start);

}  // namespace shapan::cli
