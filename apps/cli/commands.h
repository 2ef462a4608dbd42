// The CLI's subcommands. Each returns the process exit code; bad input
// propagates as InputError to main, which prints it and exits 2.
#pragma once

#include <string>
#include <vector>

namespace shapan::cli {

struct RunOptions {
  std::string scenario;
  std::string out_dir;
  std::vector<std::string> overrides;
  bool quiet = false;
  bool no_timeseries = false;  // run: leave out timeseries.csv (smaller, for long runs)
};

int run_command(const RunOptions& options);
int validate_command(const RunOptions& options);

}  // namespace shapan::cli
