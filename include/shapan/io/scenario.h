// Scenarios: the TOML file a user writes, turned into a typed, checked setup.
//
// io is the only place where strings become typed configuration (STYLE.md
// §2). docs/scenario.md documents every section and key.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "shapan/core/files.h"
#include "shapan/io/load_cache.h"
#include "shapan/io/run_size.h"
#include "shapan/metrics/summary.h"
#include "shapan/optimize/options.h"
#include "shapan/sim/prepared.h"
#include "shapan/sim/simulation.h"

namespace shapan::io {

struct Scenario {
  std::string name;            // [site] name, or the file's stem
  std::filesystem::path path;  // the scenario file
  sim::Setup setup;            // weather, inflow and series already read
  // What the plant costs to own, [finance] (discount rate, currency) and the
  // accounting's prices: the cost keys of every section, kept apart from the
  // physics in `setup` (metrics/cost_book.h).
  metrics::CostBook costs;
  metrics::DirectSupplyParams direct_supply;  // [direct_supply]
  // Weather quality warnings (docs/weather.md §10): the scenario is valid and
  // runs, but a figure looks wrong; each names the figure and the remedy.
  std::vector<std::string> warnings;
  // What the wind calibrations did, one line per calibrated weather source.
  std::vector<std::string> notes;
  optimize::Options optimize;  // [optimize]; used by `shapan optimize`
};

// Reads `path`, applies `overrides` ("a.b=v", array tables by index:
// "pv.0.tilt_deg=30"), checks every field and reads the files it names.
// Throws InputError listing every problem found (file:line:column, field,
// what was expected, what was found).
//
// Every file (the scenario itself and those it names) is read through
// `files`: the CLI reads any path (local_files()); the server passes a
// RestrictedFiles that allows only its scenarios and data folders, so that
// no scenario or override can make it open anything else.
//
// Before the weather is laid onto the run's steps, the run's peak memory is
// estimated and a run larger than `limits.machine` can hold is refused with
// an InputError giving the estimate and how to reduce it (run_size.h).
//
// With `prepared` (the store the caller will prepare the run through), the
// weather check's sun positions on a file whose rows are the run's steps are
// the run's own (sim::prepare_sun), computed once for both.
Scenario load_scenario(const std::filesystem::path& path,
                       const std::vector<std::string>& overrides = {},
                       const Files& files = local_files(), const RunLimits& limits = {},
                       sim::PreparedStore* prepared = nullptr);

// The same, from TOML text already in memory (for the server and tests);
// `source` names it in messages and `base_dir` anchors relative paths.
// With a `cache`, the files, the parsed TOML and the
// weather check's irradiance closure come from it when an earlier load
// through it made them (load_cache.h); the result is the same.
Scenario load_scenario_text(const std::string& text, const std::string& source,
                            const std::filesystem::path& base_dir,
                            const std::vector<std::string>& overrides = {},
                            LoadCache* cache = nullptr, const Files& files = local_files(),
                            const RunLimits& limits = {});

}  // namespace shapan::io
