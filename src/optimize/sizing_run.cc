#include "shapan/optimize/sizing_run.h"

namespace shapan::optimize {
namespace {

bool has_capacities(const SizingResult& r) {
  return r.status == SolveStatus::kOptimal || r.status == SolveStatus::kTimeLimitFeasible;
}

// The problem ready for representative days: one [hydro] plant with its
// days anchored to an engine run of the scenario's plant, a cascade held at
// that run's hydro output (the jobs as the setup schedules them: fcfs when
// they are held).
SizingProblem days_ready(const sim::Setup& setup, const SizingProblem& problem) {
  if (problem.hydro.plants.empty()) return problem;
  const sim::Results run = sim::run(setup);
  if (problem.hydro.plants.size() == 1 && problem.hydro.pumped.empty()) {
    return anchor_days_at(problem, run.steps.reservoir_storage_hm3);
  }
  return hydro_held_at(problem, run.steps.hydro_kw);
}

}  // namespace

SizingRun size_scenario(const sim::Setup& setup, const SizingProblem& problem, int days,
                        const SizingOptions& options) {
  SizingRun out;
  if (days <= 0) {
    out.result = solve_sizing(problem, options);
    return out;
  }
  out.days = representative_days(days_ready(setup, problem), static_cast<std::size_t>(days));
  out.on_days = solve_sizing(out.days->problem, options);
  out.result = out.on_days;
  if (has_capacities(out.on_days)) {
    // The plant sized on the days, over the full run: its plan and cost.
    out.result = solve_sizing(fixed_at(problem, out.on_days), options);
    // The capacities were chosen on the days: what bound that choice (a
    // target's shadow price, a capacity limit) is the days' solve's; the
    // full run's capacity bounds are only the capacities held fixed.
    if (out.result.status == SolveStatus::kOptimal) out.result.binding = out.on_days.binding;
  }
  return out;
}

nlohmann::json days_json(const SizingRun& run) {
  if (!run.days) return nullptr;
  nlohmann::json j = {
      {"days", run.days->days.size()},     {"chosen_days", run.days->days},
      {"weights_days", run.days->weights}, {"status", std::string(to_string(run.on_days.status))},
      {"message", run.on_days.message},    {"total_per_year", run.on_days.objective_per_year}};
  if (has_capacities(run.on_days) && has_capacities(run.result)) {
    j["full_run_total_per_year"] = run.result.objective_per_year;
    j["error_frac"] = run.on_days.objective_per_year / run.result.objective_per_year - 1.0;
  }
  return j;
}

}  // namespace shapan::optimize
