// Scenarios: the TOML file a user writes, turned into a typed, checked setup.
//
// io is the only place where strings become typed configuration (STYLE.md
// §2). docs/scenario.md documents every section and key.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "shapan/metrics/summary.h"
#include "shapan/optimize/options.h"
#include "shapan/sim/simulation.h"

namespace shapan::io {

struct Scenario {
  std::string name;            // [site] name, or the file's stem
  std::filesystem::path path;  // the scenario file
  sim::Setup setup;            // weather, inflow and series already read
  metrics::FinanceParams finance;
  optimize::Options optimize;  // [optimize]; used by `shapan optimize`
};

// Reads `path`, applies `overrides` ("a.b=v", array tables by index:
// "pv.0.tilt_deg=30"), checks every field and reads the files it names.
// Throws InputError listing every problem found (file:line:column, field,
// what was expected, what was found).
Scenario load_scenario(const std::filesystem::path& path,
                       const std::vector<std::string>& overrides = {});

// The same, from TOML text already in memory (for the server and tests);
// `source` names it in messages and `base_dir` anchors relative paths.
Scenario load_scenario_text(const std::string& text, const std::string& source,
                            const std::filesystem::path& base_dir,
                            const std::vector<std::string>& overrides = {});

}  // namespace shapan::io
