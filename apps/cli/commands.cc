#include "commands.h"

#include <fmt/format.h>

#include <cstdio>
#include <filesystem>

#include "progress_bar.h"
#include "shapan/io/scenario.h"
#include "shapan/metrics/report_html.h"
#include "shapan/metrics/summary.h"
#include "shapan/metrics/writers.h"
#include "shapan/sim/simulation.h"

namespace shapan::cli {
namespace {

// Input warnings and calibration notes go to stderr, so that stdout keeps
// only the results (and --quiet silences neither).
void print_warnings(const io::Scenario& scenario) {
  for (const auto& w : scenario.warnings) std::fprintf(stderr, "warning: %s\n", w.c_str());
  for (const auto& n : scenario.notes) std::fprintf(stderr, "note: %s\n", n.c_str());
}

// Writes the run's files into `out`. The older run's are removed first,
// summary.json (what says a run is complete) before the others, and the new
// summary.json is written last: a run killed or failing part-way leaves only
// new files, without summary.json, never a mix with an older run's (issue 17).
// Each file is renamed into place whole (write_file_atomically).
void replace_outputs(const std::filesystem::path& out, const metrics::Summary& summary,
                     const sim::Results& results) {
  for (const char* name : {"summary.json", "timeseries.csv", "report.html"}) {
    std::error_code ec;
    std::filesystem::remove(out / name, ec);
    if (ec) {
      throw std::runtime_error(fmt::format("{}: cannot replace the older run's file: {}",
                                           (out / name).string(), ec.message()));
    }
  }
  metrics::write_timeseries_csv(out / "timeseries.csv", results);
  metrics::write_report_html(out / "report.html", summary, results);
  metrics::write_summary_json(out / "summary.json", summary);
}

}  // namespace

int run_command(const RunOptions& options) {
  const io::Scenario scenario = io::load_scenario(options.scenario, options.overrides);
  print_warnings(scenario);
  ProgressBar bar("simulating");
  // --quiet prints nothing but errors: no progress bar either.
  const sim::Results results =
      sim::run(scenario.setup, [&bar, &options](std::size_t done, std::size_t total) {
        if (!options.quiet) bar.update(done, total);
      });
  bar.finish();
  metrics::Summary summary = metrics::summarize(scenario.name, scenario.setup, results,
                                                scenario.costs, scenario.direct_supply);
  summary.warnings = scenario.warnings;

  const std::filesystem::path out(options.out_dir);
  std::error_code ec;
  std::filesystem::create_directories(out, ec);
  if (ec) {
    throw std::runtime_error(
        fmt::format("{}: cannot create the folder: {}", out.string(), ec.message()));
  }
  replace_outputs(out, summary, results);
  if (!options.quiet) {
    std::fputs(metrics::format_kpi_table(summary).c_str(), stdout);
    std::printf("  results in %s/ (summary.json, timeseries.csv, report.html)\n",
                out.string().c_str());
  }
  return 0;
}

int validate_command(const RunOptions& options) {
  const io::Scenario scenario = io::load_scenario(options.scenario, options.overrides);
  print_warnings(scenario);
  std::printf("%s: valid (%zu steps of %g min; %zu PV, %zu wind, %s hydro, %zu battery)\n",
              options.scenario.c_str(), scenario.setup.weather.size(),
              scenario.setup.weather.step.in_minutes(), scenario.setup.pv.size(),
              scenario.setup.wind.size(), scenario.setup.hydro ? "with" : "no",
              scenario.setup.batteries.size());
  return 0;
}

}  // namespace shapan::cli
