// shapan: the command-line front door. Parses arguments, calls io/sim/metrics,
// and maps errors to exit codes: 0 success, 2 bad input, 1 anything else.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <string>
#include <vector>

#include "commands.h"
#include "optimize_command.h"
#include "serve_command.h"
#include "shapan/core/error.h"
#include "shapan/io/sun_query.h"
#include "sweep_command.h"

namespace {

// "shapan frobnicate": names the unknown command and lists the commands
// (CLI11 alone says only "A subcommand is required"). False when argv[1] is
// a command or an option.
bool report_unknown_command(CLI::App& app, int argc, char** argv) {
  if (argc < 2 || argv[1][0] == '-') return false;
  const std::string given = argv[1];
  std::string names;
  bool known = false;
  for (const CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
    known = known || sub->get_name() == given;
    names += (names.empty() ? "" : ", ") + sub->get_name();
  }
  if (known) return false;
  std::fprintf(stderr, "shapan: unknown command \"%s\"; the commands are: %s (shapan --help)\n",
               given.c_str(), names.c_str());
  return true;
}

// "run": simulate a scenario and write its results. Its options go into `options`.
CLI::App* add_run_command(CLI::App& app, shapan::cli::RunOptions& options) {
  CLI::App* cmd = app.add_subcommand("run", "Simulate a scenario and write its results");
  cmd->add_option("scenario", options.scenario, "Scenario file (TOML)")->required();
  cmd->add_option("--out", options.out_dir, "Folder for summary.json and timeseries.csv")
      ->default_val("out");
  cmd->add_option("--set", options.overrides, "Override a field: a.b=v (pv.0.tilt_deg=30)");
  cmd->add_flag("--quiet", options.quiet, "Print nothing but errors");
  cmd->add_flag("--no-timeseries", options.no_timeseries,
                "Leave out timeseries.csv (less memory and disk for long runs)");
  return cmd;
}

// "validate": check a scenario without running it. Its options go into `options`.
CLI::App* add_validate_command(CLI::App& app, shapan::cli::RunOptions& options) {
  CLI::App* cmd = app.add_subcommand("validate", "Check a scenario without running it");
  cmd->add_option("scenario", options.scenario, "Scenario file (TOML)")->required();
  cmd->add_option("--set", options.overrides, "Override a field: a.b=v");
  return cmd;
}

// "sweep": every configuration of a sweep file. Its options go into `options`.
CLI::App* add_sweep_command(CLI::App& app, shapan::cli::SweepOptions& options) {
  CLI::App* cmd = app.add_subcommand(
      "sweep", "Run every configuration of a sweep (docs/sweep.md); resumes an interrupted one");
  cmd->add_option("sweep", options.sweep_file, "Sweep file (TOML)")->required();
  cmd->add_option("--out", options.out_dir, "Folder for sweep.sqlite, pareto.csv, sweep.html")
      ->capture_default_str();
  cmd->add_option("--threads", options.threads, "Worker threads (per MPI rank)")
      ->check(CLI::Range(1, 1024))
      ->capture_default_str();
  cmd->add_flag("--quiet", options.quiet, "Print nothing but errors");
  return cmd;
}

// "optimize": least-cost sizing or dispatch. Its options go into `options`.
CLI::App* add_optimize_command(CLI::App& app, shapan::cli::OptimizeOptions& options) {
  CLI::App* cmd = app.add_subcommand(
      "optimize",
      "Size or dispatch a scenario at least cost (COIN-OR Clp/Cbc); exit codes in "
      "docs/optimization.md");
  cmd->footer(
      "Modes: dispatch (perfect foresight over the run, replayed through the engine); mpc "
      "(re-planned every [optimize] replan_every_h over horizon_h hours on a forecast = "
      "\"perfect\", \"persistence\" or \"noisy\", run through the engine); sizing (least-cost "
      "capacities).");
  cmd->add_option("scenario", options.scenario, "Scenario file (TOML)")->required();
  cmd->add_option("--out", options.out_dir, "Folder for optimize.json")->default_val("out");
  cmd->add_option(
      "--mode", options.mode,
      "dispatch, mpc, sizing or coordination_bound (default: the scenario's [optimize] mode)");
  cmd->add_option("--set", options.overrides, "Override a field: a.b=v");
  cmd->add_flag("--quiet", options.quiet, "Print nothing but errors");
  return cmd;
}

// "serve": the web sandbox. Its options go into `options`.
CLI::App* add_serve_command(CLI::App& app, shapan::server::ServerOptions& options) {
  CLI::App* cmd = app.add_subcommand("serve", "Open the web sandbox: the front end and a JSON API");
  shapan::apps::add_serve_options(*cmd, options);
  return cmd;
}

// "sun": the sun position at a place and time. Its options go into `options`.
CLI::App* add_sun_command(CLI::App& app, shapan::io::SunQuery& options) {
  CLI::App* cmd = app.add_subcommand("sun", "Sun position at a place and time (NREL SPA), as JSON");
  cmd->add_option("--lat-deg", options.latitude_deg, "Latitude, north positive")->required();
  cmd->add_option("--lon-deg", options.longitude_deg, "Longitude, east positive")->required();
  cmd->add_option("--elevation-m", options.elevation_m, "Elevation above sea level")
      ->default_val(0.0);
  cmd->add_option("--time", options.time, "ISO 8601 time with offset, 2003-10-17T12:30:30-07:00")
      ->required();
  cmd->add_option("--pressure-hpa", options.pressure_hpa, "Pressure, for refraction")
      ->default_val(1013.25);
  cmd->add_option("--temp-c", options.temp_c, "Air temperature, for refraction")->default_val(12.0);
  cmd->add_option("--delta-t-s", options.delta_t_s, "TT - UT1 in seconds")->default_val(69.0);
  return cmd;
}

// The command line's work; main() turns what it throws into a message and an
// exit code.
int run_cli(int argc, char** argv) {
  CLI::App app{"Shapan (沙盘): a digital sandbox for clean-energy computing bases"};
  app.require_subcommand(1);

  shapan::cli::RunOptions run;
  CLI::App* run_cmd = add_run_command(app, run);
  shapan::cli::RunOptions validate;
  CLI::App* validate_cmd = add_validate_command(app, validate);
  shapan::cli::SweepOptions sweep;
  CLI::App* sweep_cmd = add_sweep_command(app, sweep);
  shapan::cli::OptimizeOptions optimize;
  CLI::App* optimize_cmd = add_optimize_command(app, optimize);
  shapan::server::ServerOptions serve;
  CLI::App* serve_cmd = add_serve_command(app, serve);
  shapan::io::SunQuery sun;
  CLI::App* sun_cmd = add_sun_command(app, sun);

  if (report_unknown_command(app, argc, argv)) return 2;
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }

  if (*run_cmd) return shapan::cli::run_command(run);
  if (*validate_cmd) return shapan::cli::validate_command(validate);
  if (*optimize_cmd) return shapan::cli::optimize_command(optimize);
  if (*sun_cmd) {
    std::printf("%s\n", shapan::io::sun_position_json(sun).dump(2).c_str());
    return 0;
  }
  if (*sweep_cmd) return shapan::cli::sweep_command(sweep);
  if (*serve_cmd) return shapan::apps::serve_command(serve);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run_cli(argc, argv);
  } catch (const shapan::InputError& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "shapan: %s\n", e.what());
    return 1;
  } catch (...) {
    std::fprintf(stderr, "shapan: unknown error\n");
    return 1;
  }
}
