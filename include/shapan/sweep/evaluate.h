// Running the configurations of a sweep: each one a full simulation through
// the same engine as `shapan run` (io::load_scenario_text with the
// configuration's overrides, sim::run, metrics::summarize), so that its KPIs
// are exactly those `shapan run BASE --set key=value ...` writes to
// summary.json. What does not change between configurations is read or
// computed once and shared by all threads: the base file's text; the files
// it names and the resampled weather (io::LoadCache); and the prepared run's
// parts, each keyed by exactly the settings it depends on (sun positions, PV
// planes, wind output, the data center's demand, jobs: sim::PreparedStore,
// shapan/sim/prepared.h).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "shapan/io/load_cache.h"
#include "shapan/metrics/summary.h"
#include "shapan/sim/prepared.h"
#include "shapan/sweep/definition.h"

namespace shapan::sweep {

enum class RowStatus { kDone, kInvalid, kFailed };
std::string status_name(RowStatus status);

// The outcome of one configuration.
struct Row {
  std::int64_t id = 0;
  std::vector<std::string> values;  // one TOML literal per axis
  RowStatus status = RowStatus::kDone;
  std::string message;  // invalid / failed: why
  // Done: every kept summary KPI, flattened ("cost.total_cny",
  // "hydro_plants.0.energy_kwh"), in summary.json's order.
  std::vector<std::pair<std::string, double>> kpis;
  double elapsed_ms = 0.0;  // load + simulate + summarise
};

// Every number of the summary as (flattened key, value), in summary.json's
// order; booleans as 0/1; texts left out. Only keys matching one of `keep`
// ('*' matches any run of characters) when `keep` is not empty.
std::vector<std::pair<std::string, double>> flatten_kpis(const metrics::Summary& summary,
                                                         const std::vector<std::string>& keep);

// True when `text` matches `pattern`, where '*' matches any run of characters.
bool glob_match(const std::string& pattern, const std::string& text);

class Evaluator {
 public:
  // Reads the base scenario's text once, with the sections listed in
  // `without` blanked line for line (so that messages keep their lines).
  // Throws InputError when the base cannot be read or a left-out section is
  // not a plain [section] of it.
  explicit Evaluator(SweepDefinition definition);

  const SweepDefinition& definition() const { return definition_; }
  const std::string& base_text() const { return base_text_; }

  // Loads the base as it is, then with each axis's first and last value (the
  // ends of its range for sampled axes). Throws InputError naming
  // SWEEP.toml:line and the axis when the base is invalid, an axis names an
  // unknown key or a value has the wrong type for it. A value merely out of
  // its range is not an error here: its configurations are stored invalid.
  void check_axes() const;

  // Runs the base once and checks that every KPI the objectives, filter and
  // constraint name is one of its summary's (and kept by `keep`). Throws
  // InputError naming SWEEP.toml and [pareto]'s line otherwise, so that a
  // misspelt KPI does not silently leave the front empty.
  void check_kpis() const;

  // Runs one configuration. Thread-safe. Never throws for the
  // configuration's sake: bad values give kInvalid, anything else kFailed.
  Row evaluate(const Configuration& config) const;

 private:
  SweepDefinition definition_;
  std::string base_text_;
  // Shared by copies of the evaluator and all their threads.
  std::shared_ptr<io::LoadCache> cache_ = std::make_shared<io::LoadCache>();
  std::shared_ptr<sim::PreparedStore> prepared_ = std::make_shared<sim::PreparedStore>();
};

// Called as configurations finish: (done, total). From one thread at a time.
using RowProgress = std::function<void(std::size_t, std::size_t)>;

// Runs `configs` on `threads` worker threads sharing `evaluator`; rows in
// the order of `configs`. The rows do not depend on the number of threads.
std::vector<Row> evaluate_all(const Evaluator& evaluator, std::span<const Configuration> configs,
                              int threads, const RowProgress& progress = {});

}  // namespace shapan::sweep
