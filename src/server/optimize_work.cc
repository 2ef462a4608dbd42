// Running one optimiser job (optimize_jobs.h): the LP, its replay through
// the engine, and the runs stored for the sand table.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <optional>

#include "optimize_jobs.h"
#include "shapan/core/error.h"
#include "shapan/metrics/summary.h"
#include "shapan/metrics/writers.h"
#include "shapan/optimize/dispatch.h"
#include "shapan/optimize/report.h"
#include "shapan/optimize/scenario_input.h"
#include "shapan/optimize/sizing.h"
#include "shapan/optimize/sizing_run.h"
#include "shapan/optimize/whole_jobs.h"
#include "shapan/server/runner.h"
#include "shapan/sim/prepared.h"

namespace shapan::server {
namespace {

using Json = nlohmann::ordered_json;
using Job = OptimizeJobs::Job;

// How a stage ended: go on, or the job has ended (failed or cancelled).
enum class Next { kGoOn, kEnded };

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

optimize::SolveOptions solve_options(Job& job, const io::Scenario& s, const OptimizeLimits& l) {
  optimize::SolveOptions o;
  o.time_limit_s = std::min(s.optimize.time_limit_s, l.max_solve_s);
  o.control = &job.control;
  return o;
}

metrics::Summary summary_of(const io::Scenario& s, const sim::Results& results) {
  metrics::Summary summary = metrics::summarize(s.name, results, s.costs, s.direct_supply);
  summary.strategy = results.strategy;
  summary.warnings = s.warnings;
  return summary;
}

// Stores a finished run; `optimize` (when not null) joins its facts.
std::int64_t store_run(RunStore& store, const io::Scenario& s, const sim::Results& results,
                       const std::vector<std::string>& overrides, const std::string& key,
                       const Json& optimize, double elapsed_ms) {
  const std::int64_t id = store.create(s.name, overrides, key);
  Json facts = Json::parse(run_facts_json(s.name, results));
  if (!optimize.is_null()) facts["optimize"] = optimize;
  store.finish(id, metrics::to_json(summary_of(s, results)).dump(), facts.dump(),
               series_columns(results), elapsed_ms);
  return id;
}

// The stored rule-based run with this scenario's key (the page's current
// run), or a new one: `rule` when given (already run), else run now.
std::int64_t rule_run(RunStore& store, const LoadedScenario& ls,
                      const std::vector<std::string>& overrides, const sim::Results* rule,
                      std::chrono::steady_clock::time_point start) {
  if (const auto same = store.find_by_key(ls.key); same && same->status == RunStatus::kDone) {
    return same->id;
  }
  std::optional<sim::Results> own;
  if (rule == nullptr) rule = &own.emplace(sim::run(ls.scenario.setup));
  return store_run(store, ls.scenario, *rule, overrides, ls.key, nullptr,
                   1000.0 * seconds_since(start));
}

// The dispatch LP of `ls`, its replay (stored with `replay_overrides`) and
// the rule-based figures beside it. Fills job.run_id and `out` (dispatch_json).
Next optimise_dispatch(Job& job, RunStore& store, const LoadedScenario& ls,
                       const std::vector<std::string>& replay_overrides, double from, double to,
                       const OptimizeLimits& limits, Json& out, sim::Results& rule_results) {
  const io::Scenario& s = ls.scenario;
  const auto start = std::chrono::steady_clock::now();
  const double mid = from + 0.4 * (to - from);
  job.stage("dispatch_lp", from, mid);
  sim::PreparedStore parts;  // the LP's inputs and the replay lay the weather once
  const optimize::DispatchProblem fluid_problem =
      optimize::dispatch_problem(s.setup, s.costs, s.optimize, &parts);
  const optimize::SolveOptions solve = solve_options(job, s, limits);
  const optimize::SizingResult fluid = optimize::solve_dispatch(fluid_problem, solve);
  const std::string& currency = s.costs.finance.currency;
  if (fluid.status == optimize::SolveStatus::kCancelled) {
    job.end("cancelled", fluid.message);
    return Next::kEnded;
  }
  // The flexible jobs made whole (whole_jobs.h): one prepared run serves the
  // schedules' runs, the replay and the rule-based run.
  const sim::PreparedRun prepared = sim::prepare(s.setup, &parts);
  const optimize::WholeJobsDispatch whole =
      optimize::make_jobs_whole(s.setup, fluid_problem, fluid, solve, prepared);
  const optimize::DispatchProblem& problem = whole.problem;
  const optimize::SizingResult& plan = whole.plan;
  if (plan.status == optimize::SolveStatus::kCancelled) {
    job.end("cancelled", plan.message);
    return Next::kEnded;
  }
  const Result<dispatch::DispatchPlan> set_points = optimize::plan_of(plan);
  if (!set_points.ok()) {
    out = optimize::dispatch_json(problem.lp, plan, nullptr, nullptr, currency);
    job.end("failed", set_points.error());
    return Next::kEnded;
  }
  job.stage("replay", mid, to);
  const sim::Results results = optimize::replay(
      whole.setup, set_points.value(),
      [&job](std::size_t done, std::size_t total) {
        job.stage_fraction(0.8 * static_cast<double>(done) / static_cast<double>(total));
      },
      &prepared);
  rule_results = sim::run(s.setup, prepared);
  const optimize::EngineFigures replayed =
      optimize::engine_figures(problem.lp, results, summary_of(s, results));
  const optimize::EngineFigures rules =
      optimize::engine_figures(problem.lp, rule_results, summary_of(s, rule_results));
  out = optimize::dispatch_json(problem.lp, plan, &replayed, &rules, currency);
  if (!whole.scheduler.empty())
    out["jobs"] = optimize::whole_jobs_json(fluid_problem.lp, fluid, whole);
  out["scenario"] = s.name;
  out["solver"]["total_seconds"] = seconds_since(start);
  job.run_id =
      store_run(store, s, results, replay_overrides, "", out, 1000.0 * seconds_since(start));
  return Next::kGoOn;
}

// The sized capacities as overrides: PV kW DC; wind in whole turbines of
// the scenario's model (nearest, at least one); battery power (both ways)
// and energy (at least 1 kW and 1 kWh: the engine needs a battery it can
// build).
std::vector<std::string> sized_overrides(const io::Scenario& s,
                                         const optimize::SizingProblem& problem,
                                         const optimize::SizingResult& r) {
  std::vector<std::string> out;
  std::size_t pv = 0;
  std::size_t wind = 0;
  for (std::size_t k = 0; k < problem.sources.size(); ++k) {
    const double kw = r.source_capacity_kw[k];
    if (problem.sources[k].kind == "pv") {
      out.push_back(fmt::format("pv.{}.dc_capacity_kw={:.3f}", pv++, std::max(kw, 1.0)));
    } else {
      const double turbine_kw = s.setup.wind[wind].turbine.rated_power_kw;
      const long count = std::max(1L, std::lround(kw / turbine_kw));
      out.push_back(fmt::format("wind.{}.count={}", wind++, count));
    }
  }
  for (std::size_t b = 0; b < problem.storages.size(); ++b) {
    const double kw = std::max(r.storage_power_kw[b], 1.0);
    out.push_back(
        fmt::format("battery.{}.energy_kwh={:.3f}", b, std::max(r.storage_energy_kwh[b], 1.0)));
    out.push_back(fmt::format("battery.{}.max_charge_kw={:.3f}", b, kw));
    out.push_back(fmt::format("battery.{}.max_discharge_kw={:.3f}", b, kw));
  }
  return out;
}

void run_dispatch_job(Job& job, RunStore& store, const OptimizeLimits& limits) {
  const auto start = std::chrono::steady_clock::now();
  std::vector<std::string> overrides = job.request.run.overrides;
  overrides.emplace_back("optimize.mode=dispatch");
  Json out;
  sim::Results rule;
  const Next next =
      optimise_dispatch(job, store, job.loaded, overrides, 0.0, 0.95, limits, out, rule);
  {
    const std::lock_guard lock(job.mu);
    job.optimize = out;
  }
  if (next == Next::kEnded) return;
  job.stage("storing", 0.95, 1.0);
  job.rule_run_id = rule_run(store, job.loaded, job.request.run.overrides, &rule, start);
  job.end("done");
}

void run_sizing_job(Job& job, RunStore& store, const ScenarioLoader& load,
                    const OptimizeLimits& limits) {
  const auto start = std::chrono::steady_clock::now();
  const io::Scenario& s = job.loaded.scenario;
  job.stage("capacity_search", 0.0, 0.7);
  const optimize::SizingProblem problem = optimize::sizing_problem(s.setup, s.costs, s.optimize);
  optimize::SizingOptions options = optimize::sizing_options(s.optimize);
  options.solve = solve_options(job, s, limits);
  const optimize::SizingRun run =
      optimize::size_scenario(s.setup, problem, s.optimize.representative_days, options);
  const optimize::SizingResult& r = run.result;
  const std::string method =
      options.method == optimize::SizingMethod::kMonolithic ? "monolithic" : "capacity_search";
  Json sized = optimize::sizing_json(problem, r, method, s.costs.finance.currency);
  if (run.days) sized["representative_days"] = optimize::days_json(run);
  sized["scenario"] = s.name;
  sized["solver"]["total_seconds"] = seconds_since(start);
  const auto publish = [&] {
    const std::lock_guard lock(job.mu);
    job.optimize = sized;
  };
  if (r.status == optimize::SolveStatus::kCancelled) {
    publish();
    return job.end("cancelled", r.message);
  }
  if (r.status != optimize::SolveStatus::kOptimal &&
      r.status != optimize::SolveStatus::kTimeLimitFeasible) {
    publish();
    return job.end("failed", fmt::format("{}: {}", optimize::to_string(r.status), r.message));
  }
  // The sized plant, loaded again through the same checks, its dispatch
  // optimised and replayed: the year the sand table plays.
  std::vector<std::string> overrides = job.request.run.overrides;
  const std::vector<std::string> sizes = sized_overrides(s, problem, r);
  overrides.insert(overrides.end(), sizes.begin(), sizes.end());
  sized["sized_overrides"] = sizes;
  // Jobs held in the sizing (representative days) stay held in its year.
  if (!s.optimize.move_jobs) overrides.emplace_back("optimize.move_jobs=false");
  const LoadedScenario plant = load(job.request.run.scenario, overrides);
  overrides.emplace_back("optimize.mode=sizing");
  Json dispatch_out;
  sim::Results rule;
  const Next next =
      optimise_dispatch(job, store, plant, overrides, 0.7, 0.95, limits, dispatch_out, rule);
  sized["dispatch"] = dispatch_out;
  publish();
  if (next == Next::kEnded) return;
  // The rule-based run beside it: the scenario with the page's overrides
  // only (the target and bounds change nothing in a rule-based run), so
  // that the page's own run is found by its key.
  job.stage("rule_based", 0.95, 1.0);
  const LoadedScenario rules = load(job.request.run.scenario, job.request.run.overrides);
  job.rule_run_id = rule_run(store, rules, job.request.run.overrides, nullptr, start);
  job.end("done");
}

}  // namespace

void execute_optimize_job(Job& job, RunStore& store, const ScenarioLoader& load,
                          const OptimizeLimits& limits) {
  // A failing job must never take the server down: every error ends as the
  // job's message (an InputError: what the LP does not model, say hydro).
  try {
    {
      const std::lock_guard lock(job.mu);
      if (job.status != "queued") return;  // cancelled while queued
      job.status = "running";
    }
    if (job.control.cancelled()) return job.end("cancelled", "cancelled before it started");
    if (job.request.kind == OptimizeKind::kSizing) {
      run_sizing_job(job, store, load, limits);
    } else {
      run_dispatch_job(job, store, limits);
    }
  } catch (const InputError& e) {
    job.end("failed", e.what());
  } catch (const std::exception& e) {
    job.end("failed", fmt::format("internal error: {}", e.what()));
  }
}

}  // namespace shapan::server
