// `shapan sweep`: runs every configuration of SWEEP.toml that DIR/sweep.sqlite
// does not hold yet, then writes DIR/pareto.csv and DIR/sweep.html.
// docs/sweep.md describes the file and the results.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "shapan/sweep/definition.h"
#include "shapan/sweep/evaluate.h"
#include "shapan/sweep/store.h"

namespace shapan::sweep {

// A sweep read and checked, ready to run.
struct PreparedSweep {
  Evaluator evaluator;
  std::vector<Configuration> configs;
  std::string hash;  // definition_hash()
};

// Reads SWEEP.toml and the base scenario and checks the axes
// (Evaluator::check_axes). Throws InputError (exit 2) before anything runs.
PreparedSweep prepare_sweep(const std::filesystem::path& sweep_file);

// Opens DIR/sweep.sqlite for the sweep, creating DIR.
SweepStore open_store(const PreparedSweep& sweep, const std::filesystem::path& out_dir);

// Configurations per stored batch: the definition's `batch`, else 16 per
// worker thread.
std::size_t batch_size(const SweepDefinition& definition, int threads);

// Marks the filter in the store and writes DIR/pareto.csv and DIR/sweep.html
// from the stored rows.
void write_outputs(const PreparedSweep& sweep, SweepStore& store,
                   const std::filesystem::path& out_dir);

struct SweepOutcome {
  std::size_t total = 0;    // configurations of the sweep
  std::size_t resumed = 0;  // already stored when this run began
  std::size_t ran = 0;      // run now
  std::size_t done = 0;     // stored as done, invalid, failed (all runs)
  std::size_t invalid = 0;
  std::size_t failed = 0;
  double seconds = 0.0;  // wall time of the runs
};

// The whole sweep on `threads` threads of this process. `progress` gets
// (configurations stored, total) at the start and after every batch.
SweepOutcome run_sweep(const std::filesystem::path& sweep_file,
                       const std::filesystem::path& out_dir, int threads,
                       const RowProgress& progress = {});

// Counts of the stored rows by status.
struct RowCounts {
  std::size_t stored = 0;
  std::size_t invalid = 0;
  std::size_t failed = 0;
};
RowCounts count_rows(const std::vector<StoredRow>& rows);

}  // namespace shapan::sweep
