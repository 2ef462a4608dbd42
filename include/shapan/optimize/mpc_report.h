// optimize.json of --mode mpc (docs/optimization.md, "MPC"):
//   status ("optimal" when every window's LP found a plan, else the first
//     failed window's status), message, mode = "mpc", method = "mpc",
//     currency
//   mpc: {forecast, horizon_h, replan_every_h, horizon_steps, replan_steps,
//     forecast_error_frac, load_forecast_error_frac, forecast_seed,
//     lp_solves, failed_windows, end_energy_min_kwh}
//   replay: the MPC run through the engine (engine_figures_json)
//   rule_based: the rule-based run (engine_figures_json)
//   perfect_foresight: {status, plan, replay, gap} as --mode dispatch writes
//     them (the cyclic LP over the whole run and its replay)
//   versus: {rule_based_cost (MPC − rules), perfect_foresight_cost (MPC −
//     perfect foresight's replay), and each's cfe_points}
//   solver: {name, lp_solves, iterations, build_seconds, solve_seconds,
//     seconds_per_lp}
// Money in `currency` over the run, under the dispatch objective.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "shapan/optimize/mpc.h"
#include "shapan/optimize/report.h"

namespace shapan::optimize {

// "perfect", "persistence", "noisy".
std::string to_string(Forecast forecast);

// `perfect_foresight` is dispatch_json of the perfect-foresight solve (its
// replay inside); `mpc` the MPC run's figures.
nlohmann::json mpc_json(const MpcOptions& options, const MpcRun& run, const EngineFigures& mpc,
                        const EngineFigures& rule_based, const nlohmann::json& perfect_foresight,
                        const std::string& currency);

}  // namespace shapan::optimize
