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
#include "shapan/optimize/dispatch.h"
#include "shapan/optimize/report.h"
#include "shapan/optimize/scenario_input.h"
#include "shapan/optimize/sizing.h"

namespace shapan::cli {
namespace {

optimize::Mode parse_mode(const std::string& text, optimize::Mode fallback) {
  if (text.empty()) return fallback;
  if (text == "dispatch") return optimize::Mode::kDispatch;
  if (text == "mpc") return optimize::Mode::kMpc;
  if (text == "sizing") return optimize::Mode::kSizing;
  throw InputError(
      InputIssue{.source = "<command line>",
                 .field = "--mode",
                 .message = fmt::format("\"{}\": expected dispatch, mpc or sizing", text)});
}

int exit_code(optimize::SolveStatus status) {
  switch (status) {
    case optimize::SolveStatus::kOptimal:
      return 0;
    case optimize::SolveStatus::kInfeasible:
      return 3;
    case optimize::SolveStatus::kTimeLimitFeasible:
      return 4;
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

optimize::EngineFigures engine_figures(const optimize::SizingProblem& p,
                                       const sim::Results& results,
                                       const metrics::Summary& summary) {
  return optimize::EngineFigures{.outcome = optimize::evaluate(p, results),
                                 .cfe_score = summary.cfe_score,
                                 .emissions_t = summary.emissions_t,
                                 .balance_max_abs_error_kwh = summary.balance_max_abs_error_kwh};
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

// --mode dispatch: the plan (one LP), its replay through the engine (the
// run's files) and the rule-based run beside it (optimize.json).
int dispatch_command(const OptimizeOptions& options, const io::Scenario& scenario,
                     std::chrono::steady_clock::time_point start) {
  const optimize::DispatchProblem problem =
      optimize::dispatch_problem(scenario.setup, scenario.costs, scenario.optimize);
  optimize::SolveOptions solve;
  solve.time_limit_s = scenario.optimize.time_limit_s;
  const optimize::SizingResult plan = optimize::solve_dispatch(problem, solve);
  const std::filesystem::path out = make_out_dir(options.out_dir);
  std::optional<optimize::EngineFigures> replayed;
  std::optional<optimize::EngineFigures> rules;
  if (const Result<dispatch::DispatchPlan> set_points = optimize::plan_of(plan); set_points.ok()) {
    ProgressBar bar("replaying");
    // One prepared run for the replay and the rule-based run beside it.
    const sim::PreparedRun prepared = sim::prepare(scenario.setup);
    const sim::Results results = optimize::replay(
        scenario.setup, set_points.value(),
        [&bar, &options](std::size_t done, std::size_t total) {
          if (!options.quiet) bar.update(done, total);
        },
        &prepared);
    bar.finish();
    metrics::Summary summary = metrics::summarize(scenario.name, scenario.setup, results,
                                                  scenario.costs, scenario.direct_supply);
    summary.strategy = results.strategy;
    summary.warnings = scenario.warnings;
    metrics::write_timeseries_csv(out / "timeseries.csv", results);
    metrics::write_summary_json(out / "summary.json", summary);
    metrics::write_report_html(out / "report.html", summary, results);
    replayed = engine_figures(problem.lp, results, summary);
    const sim::Results rule_results = sim::run(scenario.setup, prepared);
    rules = engine_figures(problem.lp, rule_results,
                           metrics::summarize(scenario.name, scenario.setup, rule_results,
                                              scenario.costs, scenario.direct_supply));
  }
  nlohmann::json j =
      optimize::dispatch_json(problem.lp, plan, replayed ? &*replayed : nullptr,
                              rules ? &*rules : nullptr, scenario.costs.finance.currency);
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

}  // namespace

int optimize_command(const OptimizeOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  const io::Scenario scenario = io::load_scenario(options.scenario, options.overrides);
  for (const auto& w : scenario.warnings) std::fprintf(stderr, "warning: %s\n", w.c_str());
  const optimize::Mode mode = parse_mode(options.mode, scenario.optimize.mode);
  if (mode == optimize::Mode::kMpc) return mpc_command(options, scenario, start);
  if (mode == optimize::Mode::kDispatch) return dispatch_command(options, scenario, start);
  const optimize::SizingProblem problem =
      optimize::sizing_problem(scenario.setup, scenario.costs, scenario.optimize);
  const optimize::SizingOptions sizing = optimize::sizing_options(scenario.optimize);
  const optimize::SizingResult result = optimize::solve_sizing(problem, sizing);
  const std::string method =
      sizing.method == optimize::SizingMethod::kMonolithic ? "monolithic" : "capacity_search";
  nlohmann::json j =
      optimize::sizing_json(problem, result, method, scenario.costs.finance.currency);
  j["scenario"] = scenario.name;

  const std::filesystem::path out = make_out_dir(options.out_dir);
  j["solver"]["total_seconds"] = seconds_since(start);
  optimize::write_json(out / "optimize.json", j);
  if (result.status != optimize::SolveStatus::kOptimal) {
    std::fprintf(stderr, "%s: %s: %s\n", options.scenario.c_str(),
                 std::string(optimize::to_string(result.status)).c_str(), result.message.c_str());
  }
  if (!options.quiet) {
    print_summary(j, scenario.costs.finance.currency);
    std::printf("  results in %s/optimize.json\n", out.string().c_str());
  }
  return exit_code(result.status);
}

}  // namespace shapan::cli
