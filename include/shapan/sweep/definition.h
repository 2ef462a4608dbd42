// A sweep: a base scenario, axes of values for its keys, and what to make of
// the results. Read from SWEEP.toml; docs/sweep.md documents every key.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace shapan::sweep {

// One scenario key and the values it takes. Values are TOML literals, as
// `shapan run --set key=value` takes them ("200000.0", "30", "\"fcfs\"").
struct Axis {
  std::string key;  // dotted, array tables by index: pv.0.dc_capacity_kw
  int line = 0;     // in SWEEP.toml, for messages
  // Grid: the values in order (a list, or from..to in steps). Sampled
  // sweeps draw from `values` when it came as a list, else from [from, to].
  std::vector<std::string> values;
  bool is_range = false;
  double from = 0.0;
  double to = 0.0;
  bool integer = false;  // from and to were integers: values are integers
};

enum class SamplingMethod { kGrid, kRandom, kLatinHypercube };

// A Pareto objective: a summary KPI (flattened key, e.g. cost.total_cny) to
// minimise or maximise.
struct Objective {
  std::string kpi;
  bool maximise = false;
};

enum class CompareOp { kLess, kLessEqual, kGreater, kGreaterEqual, kEqual, kNotEqual };

// One clause of the filter: `kpi op value`; clauses are joined by "and".
struct Condition {
  std::string kpi;
  CompareOp op = CompareOp::kGreaterEqual;
  double value = 0.0;
  bool holds(double kpi_value) const;
};

struct SweepDefinition {
  std::filesystem::path file;  // SWEEP.toml as given
  std::filesystem::path base;  // the base scenario, resolved against file's folder
  int base_line = 0;
  std::vector<std::string> without;  // top-level sections of the base left out
  std::vector<Axis> axes;            // at least one
  SamplingMethod method = SamplingMethod::kGrid;
  int samples = 0;  // random / latin_hypercube: configurations
  std::uint64_t seed = 1;
  std::vector<std::string> keep;      // KPI patterns kept ('*' wildcard); empty: all
  std::vector<Objective> objectives;  // Pareto objectives (default: min cost, max CFE)
  std::string filter_text;            // as written; empty: every row passes
  std::vector<Condition> filter;
  std::string constraint_kpi;             // best-per-level table: the constrained KPI
  std::vector<double> constraint_levels;  // its levels (at least, for a maximised KPI)
  int batch = 0;                          // configurations per stored transaction; 0: automatic
  int pareto_line = 0;                    // [pareto] in SWEEP.toml (0: absent), for messages
};

// Reads SWEEP.toml. Throws InputError naming file:line:column for anything
// malformed: unknown keys, wrong types, an axis without values.
SweepDefinition read_definition(const std::filesystem::path& file);

// One configuration: its id (0-based, grid order with the first axis
// slowest, or sample order) and one value per axis.
struct Configuration {
  std::int64_t id = 0;
  std::vector<std::string> values;
};

// Every configuration of the sweep, deterministic for a given definition.
std::vector<Configuration> configurations(const SweepDefinition& definition);

// "key=value" overrides for one configuration.
std::vector<std::string> overrides(const SweepDefinition& definition, const Configuration& config);

// A 64-bit FNV-1a hash, as 16 hex digits, of what determines the results:
// the base scenario's text (without its left-out sections), the axes' keys
// and every configuration's values, and the kept KPIs. Objectives, filter
// and levels are not in it: they can change between runs of one sweep.
std::string definition_hash(const SweepDefinition& definition, const std::string& base_text,
                            const std::vector<Configuration>& configs);

// A float as a TOML literal that reads back as the same double and as a
// float ("200000.0", "0.1", "1e+20").
std::string toml_float(double value);

}  // namespace shapan::sweep
