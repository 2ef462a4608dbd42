#include "optimize_command.h"

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <optional>

#include "optimize_mpc.h"
#include "progress_bar.h"
#include "shapan/core/error.h"
#include "shapan/io/scenario.h"
#include "shapan/metrics/report_html.h"
#include "shapan/metrics/summary.h"
#include "shapan/metrics/writers.h"
#include "shapan/optimize/coordination.h"
#include "shapan/optimize/dispatch.h"
#include "shapan/optimize/report.h"
#include "shapan/optimize/representative_days.h"
#include "shapan/optimize/scenario_input.h"
#include "shapan/optimize/sized_plant.h"
#include "shapan/optimize/sizing.h"
#include "shapan/optimize/sizing_run.h"
#include "shapan/optimize/whole_jobs.h"

namespace shapan::cli {
namespace {

optimize::Mode parse_mode(const std::string& text, optimize::Mode fallback) {
  if (text.empty()) return fallback;
  if (text == "dispatch") return optimize::Mode::kDispatch;
  if (text == "mpc") return optimize::Mode::kMpc;
  if (text == "sizing") return optimize::Mode::kSizing;
  if (text == "coordination_bound") return optimize::Mode::kCoordinationBound;
  throw InputError(InputIssue{
      .source = "<command line>",
      .field = "--mode",
      .message =
          fmt::format("\"{}\": expected dispatch, mpc, sizing or coordination_bound", text)});
}

int exit_code(optimize::SolveStatus status) {
  switch (status) {
    case optimize::SolveStatus::kOptimal:
      return 0;
    case optimize::SolveStatus::kInfeasible:
      return 3;
    case optimize::SolveStatus::kTimeLimitFeasible:
      return 4;
    case optimize::SolveStatus::kCancelled:
      return 6;
    case optimize::SolveStatus::kTimeLimitNoSolution:
    case optimize::SolveStatus::kUnbounded:
    case optimize::SolveStatus::kError:
      break;
  }
  return 5;
}

void print_summary(const nlohmann::json& j, const std::string& currency) {
  std::printf("  status: %s\n", j["status"].get<std::string>().c_str());
  if (j.contains("objective")) {
    std::printf("  total cost: %.2f %s/yr (capital %.2f, grid energy %.2f)\n",
                j["objective"]["total_per_year"].get<double>(), currency.c_str(),
                j["objective"]["capital_per_year"].get<double>(),
                j["objective"]["grid_energy_per_year"].get<double>());
    for (const auto& c : j["capacities"]) {
      if (c.contains("capacity_kw")) {
        std::printf("  %-24s %14.3f kW\n", c["name"].get<std::string>().c_str(),
                    c["capacity_kw"].get<double>());
      } else {
        std::printf("  %-24s %14.3f kW  %14.3f kWh\n", c["name"].get<std::string>().c_str(),
                    c["power_kw"].get<double>(), c["energy_kwh"].get<double>());
      }
    }
  }
  for (const auto& b : j["binding_constraints"]) {
    std::printf("  binding: %s (limit %g %s), shadow price %.4f %s %s\n",
                b["name"].get<std::string>().c_str(), b["limit"].get<double>(),
                b["limit_unit"].get<std::string>().c_str(), b["shadow_price"].get<double>(),
                currency.c_str(), b["shadow_price_unit"].get<std::string>().c_str());
  }
}

std::filesystem::path make_out_dir(const std::string& dir) {
  std::filesystem::path out(dir);
  std::error_code ec;
  std::filesystem::create_directories(out, ec);
  if (ec) {
    throw std::runtime_error(
        fmt::format("{}: cannot create the folder: {}", out.string(), ec.message()));
  }
  return out;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void print_dispatch(const nlohmann::json& j, const std::string& currency) {
  std::printf("  status: %s\n", j["status"].get<std::string>().c_str());
  if (!j.contains("replay")) return;
  const auto line = [&](const char* what, const nlohmann::json& o, const char* cfe_key) {
    std::printf("  %-11s cost %16.2f %s  CO2 %12.1f t  CFE %.4f\n", what, o["cost"].get<double>(),
                currency.c_str(), o["co2_t"].get<double>(), o[cfe_key].get<double>());
  };
  line("plan", j["plan"], "cfe_lp_frac");
  line("replay", j["replay"], "cfe_score");
  line("rule-based", j["rule_based"], "cfe_score");
  std::printf("  gap (replay - plan): %.2f %s (%.4f %%), CFE %+.3f points\n",
              j["gap"]["cost"].get<double>(), currency.c_str(),
              100.0 * j["gap"]["cost_frac"].get<double>(), j["gap"]["cfe_points"].get<double>());
}

void print_curve(const nlohmann::json& j, const std::string& currency) {
  if (j.contains("sized_plant") && j["sized_plant"].contains("replay")) {
    const nlohmann::json& r = j["sized_plant"];
    std::printf("  sized plant through the engine: %.2f %s/yr, CFE %.4f (rule-based: %.2f, %.4f)\n",
                r["replay"]["cost_per_year"].get<double>(), currency.c_str(),
                r["replay"]["cfe_score"].get<double>(),
                r["rule_based"]["cost_per_year"].get<double>(),
                r["rule_based"]["cfe_score"].get<double>());
  }
  if (!j.contains("cfe_curve")) return;
  std::printf("  cost-CFE curve (target: cost %s/yr, CFE reached, cost per tCO2 avoided)\n",
              currency.c_str());
  for (const auto& c : j["cfe_curve"]) {
    const std::string target = c["cfe_target_frac"].is_null()
                                   ? "none"
                                   : fmt::format("{:.3f}", c["cfe_target_frac"].get<double>());
    if (!c.contains("total_per_year")) {
      std::printf("    %-6s %s\n", target.c_str(), c["status"].get<std::string>().c_str());
      continue;
    }
    std::printf("    %-6s %16.2f  %.4f  %10.2f\n", target.c_str(),
                c["total_per_year"].get<double>(), c["cfe_lp_frac"].get<double>(),
                c["cost_per_t_co2_avoided"].get<double>());
  }
}

// --mode dispatch: the plan (one LP), its replay through the engine (the
// run's files) and the rule-based run beside it (optimize.json).
int dispatch_command(const OptimizeOptions& options, const io::Scenario& scenario,
                     std::chrono::steady_clock::time_point start) {
  // One store for the LP's inputs and the engine's runs: the weather is laid once.
  sim::PreparedStore store;
  const optimize::DispatchProblem fluid_problem =
      optimize::dispatch_problem(scenario.setup, scenario.costs, scenario.optimize, &store);
  optimize::SolveOptions solve;
  solve.time_limit_s = scenario.optimize.time_limit_s;
  const optimize::SizingResult fluid = optimize::solve_dispatch(fluid_problem, solve);
  // One prepared run for the jobs' schedules, the replay and the rule-based run.
  const sim::PreparedRun prepared = sim::prepare(scenario.setup, &store);
  const optimize::WholeJobsDispatch whole =
      optimize::make_jobs_whole(scenario.setup, fluid_problem, fluid, solve, prepared);
  const optimize::DispatchProblem& problem = whole.problem;
  const optimize::SizingResult& plan = whole.plan;
  const std::filesystem::path out = make_out_dir(options.out_dir);
  std::optional<optimize::EngineFigures> replayed;
  std::optional<optimize::EngineFigures> rules;
  if (const Result<dispatch::DispatchPlan> set_points = optimize::plan_of(plan); set_points.ok()) {
    ProgressBar bar("replaying");
    const sim::Results results = optimize::replay(
        whole.setup, set_points.value(),
        [&bar, &options](std::size_t done, std::size_t total) {
          if (!options.quiet) bar.update(done, total);
        },
        &prepared);
    bar.finish();
    metrics::Summary summary =
        metrics::summarize(scenario.name, results, scenario.costs, scenario.direct_supply);
    summary.strategy = results.strategy;
    summary.warnings = scenario.warnings;
    metrics::write_timeseries_csv(out / "timeseries.csv", results);
    metrics::write_summary_json(out / "summary.json", summary);
    metrics::write_report_html(out / "report.html", summary, results);
    replayed = optimize::engine_figures(problem.lp, results, summary);
    const sim::Results rule_results = sim::run(scenario.setup, prepared);
    rules = optimize::engine_figures(
        problem.lp, rule_results,
        metrics::summarize(scenario.name, rule_results, scenario.costs, scenario.direct_supply));
  }
  nlohmann::json j =
      optimize::dispatch_json(problem.lp, plan, replayed ? &*replayed : nullptr,
                              rules ? &*rules : nullptr, scenario.costs.finance.currency);
  if (!whole.scheduler.empty())
    j["jobs"] = optimize::whole_jobs_json(fluid_problem.lp, fluid, whole);
  j["scenario"] = scenario.name;
  j["solver"]["total_seconds"] = seconds_since(start);
  optimize::write_json(out / "optimize.json", j);
  if (plan.status != optimize::SolveStatus::kOptimal) {
    std::fprintf(stderr, "%s: %s: %s\n", options.scenario.c_str(),
                 std::string(optimize::to_string(plan.status)).c_str(), plan.message.c_str());
  }
  if (!options.quiet) {
    print_dispatch(j, scenario.costs.finance.currency);
    std::printf("  results in %s/ (optimize.json, summary.json, timeseries.csv, report.html)\n",
                out.string().c_str());
  }
  return exit_code(plan.status);
}

bool has_capacities(const optimize::SizingResult& r) {
  return r.status == optimize::SolveStatus::kOptimal ||
         r.status == optimize::SolveStatus::kTimeLimitFeasible;
}

// What the sized plant's replay follows: the sizing plan's set-points; or,
// when the plan moved the jobs as a fluid, the sized plant dispatched again
// as `--mode dispatch` does it, with the jobs made whole
// (optimize/whole_jobs.h): a plan the engine can follow. (Re-planning for
// hydro's head, which sizing linearises once, was tried: on the default
// base on 24 days the cost-optimal dispatch left the target's CFE further
// behind, 0.9535 against the sizing plan's replay 0.9549.)
struct SizedReplay {
  Result<dispatch::DispatchPlan> set_points;
  sim::Setup setup;
  std::string scheduler;  // of the whole schedule; empty: the sizing plan's
};

SizedReplay sized_replay(const io::Scenario& scenario, const optimize::SizedPlant& sized,
                         const optimize::SizingResult& result, const sim::PreparedRun& prepared,
                         sim::PreparedStore* store) {
  const bool fluid_jobs = !result.flexible_jobs.work_it_kw.empty() && sized.setup.workload;
  if (!fluid_jobs) {
    return {.set_points = optimize::plan_of(result), .setup = sized.setup};
  }
  optimize::SolveOptions solve;
  solve.time_limit_s = scenario.optimize.time_limit_s;
  const optimize::DispatchProblem as_built =
      optimize::dispatch_problem(sized.setup, sized.costs, scenario.optimize, store);
  const optimize::SizingResult fluid = optimize::solve_dispatch(as_built, solve);
  const optimize::WholeJobsDispatch whole =
      optimize::make_jobs_whole(sized.setup, as_built, fluid, solve, prepared);
  return {.set_points = optimize::plan_of(whole.plan),
          .setup = whole.setup,
          .scheduler = whole.scheduler};
}

// The sized plant through the engine: following the plan (the run's files)
// and under the rules (optimize.json); the report gains the sizing section.
nlohmann::json run_sized_plant(const OptimizeOptions& options, const io::Scenario& scenario,
                               const optimize::SizingProblem& problem,
                               const optimize::SizingResult& result,
                               const std::vector<optimize::CfeCurvePoint>& curve,
                               const std::filesystem::path& out, sim::PreparedStore* store) {
  const optimize::SizedPlant sized =
      optimize::sized_plant(scenario.setup, scenario.costs, problem, result);
  for (const std::string& note : sized.notes) std::fprintf(stderr, "note: %s\n", note.c_str());
  const sim::PreparedRun prepared = sim::prepare(sized.setup, store);
  const SizedReplay how = sized_replay(scenario, sized, result, prepared, store);
  if (!how.set_points.ok()) return {{"message", how.set_points.error()}};
  ProgressBar bar("replaying the sized plant");
  const sim::Results results = optimize::replay(
      how.setup, how.set_points.value(),
      [&bar, &options](std::size_t done, std::size_t total) {
        if (!options.quiet) bar.update(done, total);
      },
      &prepared);
  bar.finish();
  metrics::Summary summary =
      metrics::summarize(scenario.name, results, sized.costs, scenario.direct_supply);
  summary.strategy = results.strategy;
  summary.warnings = scenario.warnings;
  const optimize::EngineFigures replayed = optimize::engine_figures(problem, results, summary);
  const sim::Results rule_results = sim::run(sized.setup, prepared);
  const optimize::EngineFigures rules = optimize::engine_figures(
      problem, rule_results,
      metrics::summarize(scenario.name, rule_results, sized.costs, scenario.direct_supply));
  const metrics::PlanningReport planning = optimize::planning_report(
      problem, result, curve, &replayed, &rules, sized.notes, scenario.costs.finance.currency);
  metrics::write_timeseries_csv(out / "timeseries.csv", results);
  metrics::write_summary_json(out / "summary.json", summary);
  metrics::write_report_html(out / "report.html", summary, results, &planning);
  nlohmann::json j =
      optimize::sized_runs_json(result, optimize::years_per_run(problem), replayed, &rules);
  j["notes"] = sized.notes;
  if (!how.scheduler.empty()) j["jobs_scheduler"] = how.scheduler;
  return j;
}

// --mode sizing: the least-cost plant (optimize.json), its cost–CFE curve
// when [optimize] cfe_curve_frac asks for one, and the sized plant's runs.
int sizing_command(const OptimizeOptions& options, const io::Scenario& scenario,
                   std::chrono::steady_clock::time_point start) {
  sim::PreparedStore store;  // the weather laid once for the LP and the sized plant's runs
  const optimize::SizingProblem problem =
      optimize::sizing_problem(scenario.setup, scenario.costs, scenario.optimize, &store);
  optimize::SizingOptions sizing = optimize::sizing_options(scenario.optimize);
  // The capacity search's progress (its proven gap) on stderr, as `shapan run`'s bar.
  ProgressBar bar("sizing");
  optimize::SolveControl control([&bar, &options](const optimize::SolveProgress& p) {
    if (!options.quiet) bar.update(static_cast<std::size_t>(p.fraction * 1000.0), 1000);
  });
  sizing.solve.control = &control;
  const optimize::SizingRun run = optimize::size_scenario(
      scenario.setup, problem, scenario.optimize.representative_days, sizing);
  const optimize::SizingResult& result = run.result;
  const optimize::SizingProblem& solved = run.days ? run.days->problem : problem;
  bar.finish();
  sizing.solve.control = nullptr;  // the curve's solves draw no bar
  const std::string method =
      sizing.method == optimize::SizingMethod::kMonolithic ? "monolithic" : "capacity_search";
  const std::string& currency = scenario.costs.finance.currency;
  nlohmann::json j = optimize::sizing_json(problem, result, method, currency);
  j["scenario"] = scenario.name;
  if (j.contains("notes")) {
    for (const auto& note : j["notes"]) {
      std::fprintf(stderr, "note: %s\n", note.get<std::string>().c_str());
    }
  }
  if (run.days) j["representative_days"] = optimize::days_json(run);
  std::vector<optimize::CfeCurvePoint> curve;
  if (!scenario.optimize.cfe_curve_frac.empty()) {
    curve = optimize::cfe_curve(solved, sizing, scenario.optimize.cfe_curve_frac);
    j["cfe_curve"] = optimize::cfe_curve_json(solved, curve);
  }
  const std::filesystem::path out = make_out_dir(options.out_dir);
  if (has_capacities(result)) {
    j["sized_plant"] = run_sized_plant(options, scenario, problem, result, curve, out, &store);
  }
  j["solver"]["total_seconds"] = seconds_since(start);
  optimize::write_json(out / "optimize.json", j);
  if (result.status != optimize::SolveStatus::kOptimal) {
    std::fprintf(stderr, "%s: %s: %s\n", options.scenario.c_str(),
                 std::string(optimize::to_string(result.status)).c_str(), result.message.c_str());
  }
  if (!options.quiet) {
    print_summary(j, currency);
    print_curve(j, currency);
    std::printf("  results in %s/ (optimize.json%s)\n", out.string().c_str(),
                j.contains("sized_plant") ? ", summary.json, timeseries.csv, report.html" : "");
  }
  return exit_code(result.status);
}

// --mode coordination_bound: the most CFE moving the flexible jobs can give,
// and each policy's share of it (optimize.json; docs/coordination.md).
int bound_command(const OptimizeOptions& options, const io::Scenario& scenario) {
  if (!scenario.setup.workload) {
    throw InputError(InputIssue{.source = options.scenario,
                                .field = "workload",
                                .message = "the coordination bound needs a [workload]"});
  }
  const optimize::CoordinationBound b =
      optimize::coordination_bound(scenario.setup, scenario.costs, scenario.optimize);
  nlohmann::json j = optimize::coordination_json(b);
  j["scenario"] = scenario.name;
  const std::filesystem::path out = make_out_dir(options.out_dir);
  optimize::write_json(out / "optimize.json", j);
  if (b.status != optimize::SolveStatus::kOptimal) {
    std::fprintf(stderr, "%s: %s: %s\n", options.scenario.c_str(),
                 std::string(optimize::to_string(b.status)).c_str(), b.message.c_str());
  } else if (!options.quiet) {
    std::printf("  hydro: %s\n  CFE (LP count): jobs held %.4f, moved %.4f: bound +%.3f points\n",
                b.hydro.c_str(), b.held_cfe_lp_frac, b.moved_cfe_lp_frac, b.gain_points);
    for (const optimize::PolicyGain& g : b.policies) {
      std::printf("  %-20s cfe_score %.4f  gain %+.3f points  %5.1f %% of the bound\n",
                  g.policy.c_str(), g.cfe_score, g.gain_points, 100.0 * g.share_of_bound);
    }
    std::printf("  results in %s/optimize.json\n", out.string().c_str());
  }
  return exit_code(b.status);
}

}  // namespace

int optimize_command(const OptimizeOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  io::Scenario scenario = io::load_scenario(options.scenario, options.overrides);
  optimize::apply_job_mode(scenario.optimize, scenario.setup);
  for (const auto& w : scenario.warnings) std::fprintf(stderr, "warning: %s\n", w.c_str());
  const optimize::Mode mode = parse_mode(options.mode, scenario.optimize.mode);
  if (mode == optimize::Mode::kMpc) return mpc_command(options, scenario, start);
  if (mode == optimize::Mode::kDispatch) return dispatch_command(options, scenario, start);
  if (mode == optimize::Mode::kCoordinationBound) return bound_command(options, scenario);
  return sizing_command(options, scenario, start);
}

}  // namespace shapan::cli
