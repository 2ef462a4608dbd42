// Golden scenarios (tests/scenarios/<case>/): each case runs `shapan run` on a
// scenario with its --set overrides and compares what it writes with the
// case's expected/ files, with the tolerances of tests/scenarios/tolerances.toml.
// tests/scenarios/README.md describes the cases, the files and the rules.
//
// The comparer talks to Shapan only through the command line and its output
// files (summary.json, timeseries.csv), so that changes inside the library do
// not touch it; it needs only toml++, nlohmann-json and fmt.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace shapan::golden {

// How numbers may differ (tests/scenarios/tolerances.toml). A number matches
// when |actual - expected| <= absolute + relative * |expected|; with
// `exact`, only when equal.
struct Tolerance {
  double relative = 0.0;
  double absolute = 0.0;
};

struct Rules {
  Tolerance summary;
  // summary.json keys (flattened, "energy_kwh.pv") checked as an upper bound
  // on |value| (round-off noise such as the ledger's largest error) instead
  // of a value. The expected file holds "<= bound".
  std::map<std::string, double> summary_bound;
  double timeseries_relative = 0.0;
  // Per timeseries.csv column: the decimals of its digest (sum, min, max and
  // the hash are of values rounded to them), or a bound on |value|.
  std::map<std::string, int> column_decimals;
  std::map<std::string, double> column_bound;
  std::vector<std::string> text_columns;  // compared as text: count, first, last, hash
  bool exact = false;  // --exact: every number equal, every excerpt cell byte-identical
};

// A case folder's case.toml: the scenario (relative to the folder), its
// overrides, and the rows of timeseries.csv kept in full as an excerpt.
struct CaseSpec {
  std::filesystem::path dir;
  std::string name;
  std::filesystem::path scenario;
  std::vector<std::string> overrides;
  std::size_t excerpt_first_row = 0;  // 0-based data row
  std::size_t excerpt_rows = 24;
};

Rules read_rules(const std::filesystem::path& tolerances_toml);
CaseSpec read_case(const std::filesystem::path& case_dir);

// One column of timeseries.csv, summarised. Numeric columns: count, and sum,
// min, max of the written values, each formatted with the column's decimals,
// and a 64-bit FNV-1a hash of the values rounded to those decimals (as
// integers, so -0 and 0 agree). The time column ("time_local"): count, its
// first and last value (in min and max) and a hash of its text. Bounded
// columns: count only (every value must be within the bound).
struct ColumnDigest {
  std::string name;
  std::string kind;  // "text", "bound", or the decimals ("3")
  std::size_t count = 0;
  std::string sum;
  std::string min;
  std::string max;
  std::string hash;
};

// What the comparer reads from a run's timeseries.csv in one pass.
struct TimeseriesScan {
  std::vector<ColumnDigest> digests;
  std::vector<std::string> excerpt;   // header, then the excerpt's rows (bounded columns left out)
  std::vector<std::string> problems;  // unparsable cells, unknown columns, bounds exceeded
};

TimeseriesScan scan_timeseries(const std::filesystem::path& csv, const Rules& rules,
                               std::size_t excerpt_first_row, std::size_t excerpt_rows);

std::string digests_to_csv(const std::vector<ColumnDigest>& digests);
std::vector<ColumnDigest> digests_from_csv(const std::string& text);

// The summary as written to expected/summary.json: keys sorted, bounded keys
// replaced by "<= bound", two-space indent, trailing newline.
std::string expected_summary_text(const nlohmann::json& summary, const Rules& rules);

// Each function returns one readable line per difference (empty: the same).
std::vector<std::string> compare_summary(const nlohmann::json& expected,
                                         const nlohmann::json& actual, const Rules& rules);
std::vector<std::string> compare_digests(const std::vector<ColumnDigest>& expected,
                                         const std::vector<ColumnDigest>& actual,
                                         const Rules& rules);
std::vector<std::string> compare_excerpt(const std::vector<std::string>& expected,
                                         const std::vector<std::string>& actual,
                                         std::size_t first_row, const Rules& rules);

// Runs `shapan run <scenario> --out <out_dir> --quiet --set ...`; returns its
// exit status, 128 + the signal if one ended it (a sanitizer's abort), or -1
// if it could not be started. Its stderr goes to ours.
int run_shapan(const std::filesystem::path& shapan, const CaseSpec& spec,
               const std::filesystem::path& out_dir);

}  // namespace shapan::golden
