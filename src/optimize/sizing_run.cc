#include "shapan/optimize/sizing_run.h"

namespace shapan::optimize {
namespace {

bool has_capacities(const SizingResult& r) {
  return r.status == SolveStatus::kOptimal || r.status == SolveStatus::kTimeLimitFeasible;
}

}  // namespace

SizingRun size_scenario(const sim::Setup& setup, const SizingProblem& problem, int days,
                        const SizingOptions& options) {
  SizingRun out;
  if (days <= 0) {
    out.result = solve_sizing(problem, options);
    return out;
  }
  // The hydro as the engine runs it at the scenario's plant (the jobs as
  // the setup schedules them: fcfs when they are held).
  const SizingProblem held = problem.hydro.plants.empty()
                                 ? problem
                                 : hydro_held_at(problem, sim::run(setup).steps.hydro_kw);
  out.days = representative_days(held, static_cast<std::size_t>(days));
  out.on_days = solve_sizing(out.days->problem, options);
  out.result = out.on_days;
  if (has_capacities(out.on_days)) {
    // The plant sized on the days, over the full run: its plan and cost.
    out.result = solve_sizing(fixed_at(problem, out.on_days), options);
  }
  return out;
}

nlohmann::json days_json(const SizingRun& run) {
  if (!run.days) return nullptr;
  nlohmann::json j = {{"days", run.days->days.size()},
                      {"chosen_days", run.days->days},
                      {"weights_days", run.days->weights},
                      {"status", std::string(to_string(run.on_days.status))},
                      {"total_per_year", run.on_days.objective_per_year}};
  if (has_capacities(run.on_days) && has_capacities(run.result)) {
    j["full_run_total_per_year"] = run.result.objective_per_year;
    j["error_frac"] = run.on_days.objective_per_year / run.result.objective_per_year - 1.0;
  }
  return j;
}

}  // namespace shapan::optimize
