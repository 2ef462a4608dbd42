#include "sweep_command.h"

#include <fmt/format.h>

#include <cstdio>

#include "progress_bar.h"
#include "shapan/core/memory.h"
#include "shapan/sweep/sweep.h"
#ifdef SHAPAN_WITH_MPI
#include "sweep_mpi.h"
#endif

namespace shapan::cli {

int sweep_command(const SweepOptions& options) {
  // Thousands of runs in one process: keep their freed memory for the next
  // one instead of faulting it in again (shapan/core/memory.h).
  (void)keep_freed_memory_for_reuse();
#ifdef SHAPAN_WITH_MPI
  if (launched_by_mpirun()) return sweep_mpi_command(options);
#endif
  ProgressBar bar("sweeping", "configurations");
  const sweep::SweepOutcome outcome =
      sweep::run_sweep(options.sweep_file, options.out_dir, options.threads,
                       [&bar, &options](std::size_t done, std::size_t total) {
                         if (!options.quiet) bar.update(done, total);
                       });
  bar.finish();
  if (!options.quiet) {
    std::printf(
        "%zu configurations: %zu stored before, %zu run now in %.1f s (%.1f per second); "
        "%zu invalid, %zu failed\n  results in %s/ (sweep.sqlite, pareto.csv, sweep.html)\n",
        outcome.total, outcome.resumed, outcome.ran, outcome.seconds,
        outcome.seconds > 0 ? static_cast<double>(outcome.ran) / outcome.seconds : 0.0,
        outcome.invalid, outcome.failed, options.out_dir.c_str());
  }
  return 0;
}

}  // namespace shapan::cli
