// `shapan sweep SWEEP.toml --out DIR [--threads N]` (docs/sweep.md). Under
// mpirun (with SHAPAN_WITH_MPI), the ranks share the configurations.
#pragma once

#include <string>

namespace shapan::cli {

struct SweepOptions {
  std::string sweep_file;
  std::string out_dir = "sweep";
  int threads = 1;
  bool quiet = false;
};

int sweep_command(const SweepOptions& options);

}  // namespace shapan::cli
