// Reading typed fields out of a parsed TOML scenario, collecting every
// problem with its location. (Private to io.)
//
// Each TableReader reads one table (a section, or one element of an array of
// tables). It remembers which keys it read, so that finish() can report the
// unknown ones, each with the closest known key as a suggestion.
#pragma once

#include <toml++/toml.h>

#include <filesystem>
#include <initializer_list>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "shapan/core/check.h"
#include "shapan/core/error.h"
#include "shapan/core/files.h"

namespace shapan::io {

// Where the scenario came from and what has gone wrong so far.
struct ReadContext {
  std::string source;                            // the scenario file, as given
  std::filesystem::path base_dir;                // relative paths resolve against this
  std::map<std::string, std::string> overrides;  // dotted key -> "--set key=value" text
  std::vector<InputIssue> issues;
  const Files* files = &local_files();  // every file the scenario names is read through this
};

// The closest of `candidates` to `word` by edit distance, if any is close enough.
std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates);

class TableReader {
 public:
  // `prefix` names the table in messages ("site", "pv.0").
  TableReader(const toml::table& table, std::string prefix, ReadContext& ctx);

  double number(std::string_view key, double fallback);
  // A number that may also be +infinity (TOML `inf`), for limits where
  // infinity means "unconstrained"; -inf and nan are issues.
  double number_or_infinity(std::string_view key, double fallback);
  std::optional<double> optional_number(std::string_view key);
  int integer(std::string_view key, int fallback);
  bool boolean(std::string_view key, bool fallback);
  std::string text(std::string_view key, std::string fallback);
  // A date as text "YYYY-MM-DD": a TOML date (start = 2025-01-01) or a string.
  std::string date_text(std::string_view key, std::string fallback);
  // An array of numbers (a single number reads as a one-element array).
  std::vector<double> numbers(std::string_view key, std::vector<double> fallback);
  // A path, resolved against the scenario's folder. Adds an issue (naming the
  // path as given, nothing read from it) when the context's Files refuses
  // it, or it is missing, a folder or not a regular file.
  std::optional<std::filesystem::path> file(std::string_view key);
  bool has(std::string_view key) const;
  // The tables of an array of tables under `key` ([[grid.tou_season]]); a
  // single table counts as one. Adds an issue for anything else.
  std::vector<const toml::table*> tables(std::string_view key);

  // One of a fixed set of names.
  template <class E>
  E choice(std::string_view key, std::initializer_list<std::pair<std::string_view, E>> options,
           E fallback) {
    known_.insert(std::string(key));
    const toml::node* node = table_.get(key);
    if (node == nullptr) return fallback;
    std::vector<std::string> names;
    for (const auto& option : options) names.emplace_back(option.first);
    if (const auto s = node->value<std::string>()) {
      for (const auto& option : options) {
        if (*s == option.first) return option.second;
      }
      add_issue(key, node, unknown_choice_message(*s, names));
    } else {
      add_issue(key, node, expected_message("one of " + join_quoted(names), *node));
    }
    return fallback;
  }

  // Turns a model's field issues into located scenario issues.
  void report(const std::vector<FieldIssue>& issues);
  // Adds an issue at `key` (or at the table when the key is absent).
  void add_issue(std::string_view key, std::string message);
  // Reports every key that no read asked for.
  void finish();
  // Keys of this table that another reader reads (the cost book's keys in a
  // unit's section): finish() does not report them as unknown.
  void known_elsewhere(std::initializer_list<std::string_view> keys);

  const std::string& prefix() const { return prefix_; }
  ReadContext& context() { return ctx_; }

 private:
  void add_issue(std::string_view key, const toml::node* node, std::string message);
  static std::string expected_message(std::string_view expected, const toml::node& found);
  static std::string unknown_choice_message(const std::string& found,
                                            const std::vector<std::string>& names);
  static std::string join_quoted(const std::vector<std::string>& names);

  const toml::table& table_;
  std::string prefix_;
  ReadContext& ctx_;
  std::set<std::string> known_;
};

// Describes a TOML value for messages: `"abc" (a string)`, `12 (an integer)`.
std::string describe(const toml::node& node);

}  // namespace shapan::io
