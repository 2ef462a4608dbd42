#include "optimize_mpc.h"

#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "progress_bar.h"
#include "shapan/metrics/report_html.h"
#include "shapan/metrics/summary.h"
#include "shapan/metrics/writers.h"
#include "shapan/optimize/dispatch.h"
#include "shapan/optimize/mpc.h"
#include "shapan/optimize/mpc_report.h"
#include "shapan/optimize/report.h"
#include "shapan/optimize/whole_jobs.h"

namespace shapan::cli {
namespace {

std::filesystem::path out_dir(const std::string& dir) {
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

// The perfect-foresight plan and its replay (the flexible jobs made whole,
// optimize/whole_jobs.h), as --mode dispatch writes them, with its wall time.
nlohmann::json perfect_foresight(const io::Scenario& scenario,
                                 const optimize::DispatchProblem& problem,
                                 const optimize::SolveOptions& solve,
                                 const sim::PreparedRun& prepared) {
  const auto start = std::chrono::steady_clock::now();
  const optimize::SizingResult fluid = optimize::solve_dispatch(problem, solve);
  const optimize::WholeJobsDispatch whole =
      optimize::make_jobs_whole(scenario.setup, problem, fluid, solve, prepared);
  const Result<dispatch::DispatchPlan> set_points = optimize::plan_of(whole.plan);
  if (!set_points.ok()) {
    return optimize::dispatch_json(whole.problem.lp, whole.plan, nullptr, nullptr,
                                   scenario.costs.finance.currency);
  }
  const sim::Results results = optimize::replay(whole.setup, set_points.value(), {}, &prepared);
  const optimize::EngineFigures replayed = optimize::engine_figures(
      whole.problem.lp, results,
      metrics::summarize(scenario.name, results, scenario.costs, scenario.direct_supply));
  nlohmann::json j = optimize::dispatch_json(whole.problem.lp, whole.plan, &replayed, nullptr,
                                             scenario.costs.finance.currency);
  if (!whole.scheduler.empty()) j["jobs"] = optimize::whole_jobs_json(problem.lp, fluid, whole);
  j["replay"]["wall_seconds"] = seconds_since(start);
  return j;
}

void print_mpc(const nlohmann::json& j, const std::string& currency) {
  std::printf("  status: %s (%s forecast, %g h horizon, re-plan every %g h, %zu LPs)\n",
              j["status"].get<std::string>().c_str(),
              j["mpc"]["forecast"].get<std::string>().c_str(), j["mpc"]["horizon_h"].get<double>(),
              j["mpc"]["replan_every_h"].get<double>(), j["mpc"]["lp_solves"].get<std::size_t>());
  const auto line = [&](const char* what, const nlohmann::json& o) {
    std::printf("  %-18s cost %16.2f %s  CO2 %12.1f t  CFE %.4f\n", what, o["cost"].get<double>(),
                currency.c_str(), o["co2_t"].get<double>(), o["cfe_score"].get<double>());
  };
  line("mpc", j["replay"]);
  line("rule-based", j["rule_based"]);
  if (j["perfect_foresight"].contains("replay")) {
    line("perfect foresight", j["perfect_foresight"]["replay"]);
  }
}

}  // namespace

int mpc_command(const OptimizeOptions& options, const io::Scenario& scenario,
                std::chrono::steady_clock::time_point start) {
  sim::PreparedStore store;  // the weather laid once for the LP and the runs
  const optimize::DispatchProblem problem =
      optimize::dispatch_problem(scenario.setup, scenario.costs, scenario.optimize, &store);
  const optimize::MpcOptions& mpc_options = scenario.optimize.mpc;
  // The rule-based run first: the jobs' load and the reservoir's guide for
  // the windows (optimize::mpc_problem()), and the table's first row.
  const sim::PreparedRun prepared = sim::prepare(scenario.setup, &store);
  auto clock = std::chrono::steady_clock::now();
  const sim::Results rule_results = sim::run(scenario.setup, prepared);
  const double rules_seconds = seconds_since(clock);
  const optimize::DispatchProblem planned =
      optimize::mpc_problem(problem, rule_results, mpc_options.reservoir_end);
  (void)optimize::mpc_steps(planned, mpc_options);  // bad horizons exit 2 before any output
  optimize::SolveOptions solve;
  solve.time_limit_s = scenario.optimize.time_limit_s;
  const std::filesystem::path out = out_dir(options.out_dir);
  ProgressBar bar("mpc");
  clock = std::chrono::steady_clock::now();
  const optimize::MpcRun run = optimize::run_mpc(
      scenario.setup, planned, mpc_options, solve,
      [&bar, &options](std::size_t done, std::size_t total) {
        if (!options.quiet) bar.update(done, total);
      },
      &prepared);
  bar.finish();
  const double mpc_seconds = seconds_since(clock);
  metrics::Summary summary =
      metrics::summarize(scenario.name, run.results, scenario.costs, scenario.direct_supply);
  summary.strategy = run.results.strategy;
  summary.warnings = scenario.warnings;
  metrics::write_timeseries_csv(out / "timeseries.csv", run.results);
  metrics::write_summary_json(out / "summary.json", summary);
  metrics::write_report_html(out / "report.html", summary, run.results);
  const optimize::EngineFigures mpc = optimize::engine_figures(problem.lp, run.results, summary);
  const optimize::EngineFigures rules = optimize::engine_figures(
      problem.lp, rule_results,
      metrics::summarize(scenario.name, rule_results, scenario.costs, scenario.direct_supply));
  nlohmann::json j = optimize::mpc_json(mpc_options, run, mpc, rules,
                                        perfect_foresight(scenario, problem, solve, prepared),
                                        scenario.costs.finance.currency);
  j["scenario"] = scenario.name;
  j["replay"]["wall_seconds"] = mpc_seconds;
  j["rule_based"]["wall_seconds"] = rules_seconds;
  if (scenario.setup.hydro) j["reservoir_start_hm3"] = run.results.reservoir_storage_start_hm3;
  j["solver"]["total_seconds"] =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  optimize::write_json(out / "optimize.json", j);
  if (run.stats.failed_windows > 0) {
    std::fprintf(stderr, "%s: %s\n", options.scenario.c_str(),
                 j["message"].get<std::string>().c_str());
  }
  if (!options.quiet) {
    print_mpc(j, scenario.costs.finance.currency);
    std::printf("  results in %s/ (optimize.json, summary.json, timeseries.csv, report.html)\n",
                out.string().c_str());
  }
  return run.stats.failed_windows == 0 ? 0 : 5;
}

}  // namespace shapan::cli
