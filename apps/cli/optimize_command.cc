#include "optimize_command.h"

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <filesystem>

#include "shapan/core/error.h"
#include "shapan/io/scenario.h"
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

}  // namespace

int optimize_command(const OptimizeOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  const io::Scenario scenario = io::load_scenario(options.scenario, options.overrides);
  const optimize::Mode mode = parse_mode(options.mode, scenario.optimize.mode);
  if (mode != optimize::Mode::kSizing) {
    throw InputError(
        InputIssue{.source = options.scenario,
                   .field = "optimize.mode",
                   .message = "dispatch and mpc are not implemented yet: use mode = \"sizing\" "
                              "(or --mode sizing)"});
  }
  const optimize::SizingProblem problem =
      optimize::sizing_problem(scenario.setup, scenario.finance, scenario.optimize);
  const optimize::SizingOptions sizing = optimize::sizing_options(scenario.optimize);
  const optimize::SizingResult result = optimize::solve_sizing(problem, sizing);
  const std::string method =
      sizing.method == optimize::SizingMethod::kMonolithic ? "monolithic" : "capacity_search";
  nlohmann::json j = optimize::sizing_json(problem, result, method, scenario.finance.currency);
  j["scenario"] = scenario.name;

  const std::filesystem::path out(options.out_dir);
  std::error_code ec;
  std::filesystem::create_directories(out, ec);
  if (ec) {
    throw std::runtime_error(
        fmt::format("{}: cannot create the folder: {}", out.string(), ec.message()));
  }
  j["solver"]["total_seconds"] =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  optimize::write_json(out / "optimize.json", j);
  if (result.status != optimize::SolveStatus::kOptimal) {
    std::fprintf(stderr, "%s: %s: %s\n", options.scenario.c_str(),
                 std::string(optimize::to_string(result.status)).c_str(), result.message.c_str());
  }
  if (!options.quiet) {
    print_summary(j, scenario.finance.currency);
    std::printf("  results in %s/optimize.json\n", out.string().c_str());
  }
  return exit_code(result.status);
}

}  // namespace shapan::cli
