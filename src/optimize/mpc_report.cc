#include "shapan/optimize/mpc_report.h"

namespace shapan::optimize {

std::string to_string(Forecast forecast) {
  switch (forecast) {
    case Forecast::kPerfect:
      return "perfect";
    case Forecast::kPersistence:
      return "persistence";
    case Forecast::kNoisy:
      return "noisy";
  }
  return "perfect";
}

nlohmann::json mpc_json(const MpcOptions& o, const MpcRun& run, const EngineFigures& mpc,
                        const EngineFigures& rule_based, const nlohmann::json& perfect_foresight,
                        const std::string& currency) {
  const MpcStats& s = run.stats;
  nlohmann::json j;
  j["status"] = s.failed_windows == 0 ? "optimal" : "error";
  j["message"] = s.failed_windows == 0
                     ? ""
                     : std::to_string(s.failed_windows) +
                           " window LPs found no plan (their steps ran with the batteries idle); "
                           "the first: " +
                           s.first_failure;
  j["mode"] = "mpc";
  j["method"] = "mpc";
  j["currency"] = currency;
  j["mpc"] = {
      {"forecast", to_string(o.forecast)},
      {"horizon_h", o.horizon_h},
      {"replan_every_h", o.replan_every_h},
      {"horizon_steps", s.horizon_steps},
      {"replan_steps", s.replan_steps},
      {"forecast_error_frac", o.forecast_error_frac},
      {"load_forecast_error_frac", o.load_forecast_error_frac},
      {"forecast_seed", o.forecast_seed},
      {"lp_solves", s.lp_solves},
      {"failed_windows", s.failed_windows},
      {"end_energy_min_kwh", run.results.battery_stored_start_kwh},
      {"reservoir_end", o.reservoir_end == ReservoirEnd::kRulesRun ? "rules_run" : "run_start"}};
  j["replay"] = engine_figures_json(mpc);
  j["rule_based"] = engine_figures_json(rule_based);
  nlohmann::json pf;
  for (const char* key : {"status", "message", "plan", "replay", "gap"}) {
    if (perfect_foresight.contains(key)) pf[key] = perfect_foresight[key];
  }
  j["perfect_foresight"] = pf;
  j["versus"] = {{"rule_based_cost", mpc.outcome.cost - rule_based.outcome.cost},
                 {"rule_based_cfe_points", 100.0 * (mpc.cfe_score - rule_based.cfe_score)}};
  if (pf.contains("replay")) {
    j["versus"]["perfect_foresight_cost"] = mpc.outcome.cost - pf["replay"]["cost"].get<double>();
    j["versus"]["perfect_foresight_cfe_points"] =
        100.0 * (mpc.cfe_score - pf["replay"]["cfe_score"].get<double>());
  }
  j["solver"] = {{"name", "COIN-OR Clp"},
                 {"lp_solves", s.lp_solves},
                 {"solver_calls", s.solver_calls},
                 {"iterations", s.iterations},
                 {"build_seconds", s.build_seconds},
                 {"solve_seconds", s.solve_seconds},
                 {"seconds_per_lp",
                  s.lp_solves > 0 ? s.solve_seconds / static_cast<double>(s.lp_solves) : 0.0}};
  return j;
}

}  // namespace shapan::optimize
