#include "commands.h"

#include <fmt/format.h>

#include <cstdio>
#include <filesystem>

#include "output_folder.h"
#include "progress_bar.h"
#include "shapan/core/error.h"
#include "shapan/io/scenario.h"
#include "shapan/metrics/report_html.h"
#include "shapan/metrics/summary.h"
#include "shapan/metrics/writers.h"
#include "shapan/sim/prepared.h"
#include "shapan/sim/simulation.h"

namespace shapan::cli {
namespace {

// Input warnings and calibration notes go to stderr, so that stdout keeps
// only the results (and --quiet silences neither).
void print_warnings(const io::Scenario& scenario) {
  for (const auto& w : scenario.warnings) std::fprintf(stderr, "warning: %s\n", w.c_str());
  for (const auto& n : scenario.notes) std::fprintf(stderr, "note: %s\n", n.c_str());
}

// The last lines of `shapan run`: the sandbox is this same binary.
void print_how_to_open_the_sandbox() {
  std::error_code ec;
  std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) self = "shapan";
  std::printf(
      "  open the sandbox (数字沙盘): %s serve, then http://127.0.0.1:8080/ in a browser\n"
      "  (from any folder; ?lang=en for English; Ctrl-C stops it)\n",
      self.string().c_str());
}

// Refuses (InputError, exit 2) a run whose files would not fit on the disk of
// `out`, before it simulates (io::load_scenario has refused one too large for
// the memory).
void check_disk(const io::Scenario& scenario, const std::filesystem::path& out, bool timeseries) {
  const io::RunShape shape =
      io::shape_of(scenario.setup, sim::step_count(scenario.setup), timeseries);
  const auto refusal = io::disk_refusal(io::estimate_run_size(shape), shape,
                                        io::this_machine().free_disk_bytes(out), out);
  if (refusal) throw InputError(InputIssue{.source = out.string(), .message = *refusal});
}

}  // namespace

int run_command(const RunOptions& options) {
  const bool timeseries = !options.no_timeseries;
  // One store for the load's weather check and the run (io::load_scenario).
  sim::PreparedStore store;
  const io::Scenario scenario = io::load_scenario(
      options.scenario, options.overrides, local_files(), {.timeseries = timeseries}, &store);
  check_disk(scenario, options.out_dir, timeseries);
  print_warnings(scenario);
  ProgressBar bar("simulating");
  // --quiet prints nothing but errors: no progress bar either.
  const sim::Results results = sim::run(scenario.setup, sim::prepare(scenario.setup, &store),
                                        [&bar, &options](std::size_t done, std::size_t total) {
                                          if (!options.quiet) bar.update(done, total);
                                        });
  bar.finish();
  metrics::Summary summary =
      metrics::summarize(scenario.name, results, scenario.costs, scenario.direct_supply);
  summary.warnings = scenario.warnings;

  // Written aside and put in place at once: DIR holds the older run or this
  // one, never a mix (output_folder.h).
  const std::filesystem::path out(options.out_dir);
  OutputFolder folder(out, {"timeseries.csv", "report.html", "summary.json"});
  if (timeseries) metrics::write_timeseries_csv(folder.staging() / "timeseries.csv", results);
  metrics::write_report_html(folder.staging() / "report.html", summary, results);
  metrics::write_summary_json(folder.staging() / "summary.json", summary);
  folder.commit();
  if (!options.quiet) {
    std::fputs(metrics::format_kpi_table(summary).c_str(), stdout);
    std::printf("  results in %s/ (summary.json, %sreport.html)\n", out.string().c_str(),
                timeseries ? "timeseries.csv, " : "");
    print_how_to_open_the_sandbox();
  }
  return 0;
}

int validate_command(const RunOptions& options) {
  const io::Scenario scenario = io::load_scenario(options.scenario, options.overrides);
  print_warnings(scenario);
  std::printf("%s: valid (%zu steps of %g min; %zu PV, %zu wind, %s hydro, %zu battery)\n",
              options.scenario.c_str(), sim::step_count(scenario.setup),
              sim::step_of(scenario.setup).in_minutes(), scenario.setup.pv.size(),
              scenario.setup.wind.size(), scenario.setup.hydro ? "with" : "no",
              scenario.setup.batteries.size());
  return 0;
}

}  // namespace shapan::cli
