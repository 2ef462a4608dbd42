// Reads tests/scenarios/tolerances.toml and a case's case.toml. A mistake in
// either is a test failure with the file and key named, never a silent default.
#include <fmt/format.h>
#include <toml++/toml.h>

#include <stdexcept>
#include <string>

#include "golden.h"

namespace shapan::golden {
namespace {

[[noreturn]] void fail(const std::filesystem::path& file, const std::string& key,
                       const std::string& what) {
  throw std::runtime_error(fmt::format("{}: {}: {}", file.string(), key, what));
}

toml::table parse(const std::filesystem::path& file) {
  try {
    return toml::parse_file(file.string());
  } catch (const toml::parse_error& e) {
    throw std::runtime_error(fmt::format("{}:{}:{}: {}", file.string(), e.source().begin.line,
                                         e.source().begin.column, e.description()));
  }
}

double number_at(const toml::table& table, const std::filesystem::path& file,
                 const std::string& key) {
  const auto v = table.at_path(key).value<double>();
  if (!v || *v < 0.0) fail(file, key, "missing or not a number >= 0");
  return *v;
}

// A table of name = number pairs, e.g. [timeseries.bound].
std::map<std::string, double> numbers_in(const toml::table& root, const std::filesystem::path& file,
                                         const std::string& key) {
  std::map<std::string, double> out;
  const toml::table* table = root.at_path(key).as_table();
  if (table == nullptr) return out;
  for (const auto& [name, node] : *table) {
    const auto v = node.value<double>();
    if (!v || *v < 0.0) fail(file, fmt::format("{}.{}", key, name.str()), "not a number >= 0");
    out.emplace(std::string(name.str()), *v);
  }
  return out;
}

}  // namespace

Rules read_rules(const std::filesystem::path& tolerances_toml) {
  const toml::table root = parse(tolerances_toml);
  Rules rules;
  rules.summary.relative = number_at(root, tolerances_toml, "summary.relative");
  rules.summary.absolute = number_at(root, tolerances_toml, "summary.absolute");
  rules.summary_bound = numbers_in(root, tolerances_toml, "summary.bound");
  rules.timeseries_relative = number_at(root, tolerances_toml, "timeseries.relative");
  rules.column_bound = numbers_in(root, tolerances_toml, "timeseries.bound");
  if (const toml::array* text = root.at_path("timeseries.text_columns").as_array()) {
    for (const auto& item : *text) {
      const auto name = item.value<std::string>();
      if (!name) fail(tolerances_toml, "timeseries.text_columns", "must be an array of names");
      rules.text_columns.push_back(*name);
    }
  }
  for (const auto& [name, value] : numbers_in(root, tolerances_toml, "timeseries.decimals")) {
    const int decimals = static_cast<int>(value);
    if (decimals != value || decimals > 9) {
      fail(tolerances_toml, "timeseries.decimals." + name, "must be an integer 0..9");
    }
    if (rules.column_bound.count(name) != 0) {
      fail(tolerances_toml, "timeseries.decimals." + name, "is also in timeseries.bound");
    }
    rules.column_decimals.emplace(name, decimals);
  }
  return rules;
}

CaseSpec read_case(const std::filesystem::path& case_dir) {
  const std::filesystem::path file = case_dir / "case.toml";
  if (!std::filesystem::exists(file)) fail(file, "", "missing: every case has a case.toml");
  const toml::table root = parse(file);
  for (const auto& [key, node] : root) {
    const std::string k(key.str());
    if (k != "scenario" && k != "set" && k != "excerpt_first_row" && k != "excerpt_rows") {
      fail(file, k, "unknown key (scenario, set, excerpt_first_row, excerpt_rows)");
    }
  }
  CaseSpec spec;
  spec.dir = case_dir;
  spec.name = case_dir.filename().string();
  if (spec.name.empty()) spec.name = case_dir.parent_path().filename().string();
  const auto scenario = root["scenario"].value<std::string>();
  if (!scenario) fail(file, "scenario", "missing: the scenario file, relative to the case");
  spec.scenario = case_dir / *scenario;
  if (const toml::array* set = root["set"].as_array()) {
    for (const auto& item : *set) {
      const auto text = item.value<std::string>();
      if (!text) fail(file, "set", "must be an array of \"key=value\" strings");
      spec.overrides.push_back(*text);
    }
  }
  const auto first = root["excerpt_first_row"].value<std::int64_t>();
  const auto rows = root["excerpt_rows"].value<std::int64_t>();
  if (!first || *first < 0) fail(file, "excerpt_first_row", "missing or negative");
  if (!rows || *rows < 1 || *rows > 1000) fail(file, "excerpt_rows", "missing or not 1..1000");
  spec.excerpt_first_row = static_cast<std::size_t>(*first);
  spec.excerpt_rows = static_cast<std::size_t>(*rows);
  return spec;
}

}  // namespace shapan::golden
