// Comparisons of a run with a case's expected/ files. Each difference becomes
// one line naming the key or column, the expected and the actual value, and
// how far apart they are against what the rules allow.
#include <fmt/format.h>

#include <charconv>
#include <cmath>

#include "golden.h"

namespace shapan::golden {
namespace {

using Json = nlohmann::json;
using Flat = std::map<std::string, Json>;

// "energy_kwh.pv", "hydro_plants[1].spill_hm3"; empty objects and arrays stay
// leaves so that a list that empties is a difference too.
void flatten(const Json& j, const std::string& path, Flat& out) {
  if (j.is_object() && !j.empty()) {
    for (const auto& [key, value] : j.items()) {
      flatten(value, path.empty() ? key : fmt::format("{}.{}", path, key), out);
    }
  } else if (j.is_array() && !j.empty()) {
    for (std::size_t i = 0; i < j.size(); ++i) flatten(j[i], fmt::format("{}[{}]", path, i), out);
  } else {
    out.emplace(path, j);
  }
}

// Replaces the leaves of bounded keys by "<= bound" (the expected file's form).
void write_bounds(Json& j, const std::string& path, const Rules& rules) {
  if (j.is_object()) {
    for (auto& [key, value] : j.items()) {
      write_bounds(value, path.empty() ? key : fmt::format("{}.{}", path, key), rules);
    }
  } else if (j.is_array()) {
    for (std::size_t i = 0; i < j.size(); ++i)
      write_bounds(j[i], fmt::format("{}[{}]", path, i), rules);
  } else if (const auto bound = rules.summary_bound.find(path);
             bound != rules.summary_bound.end()) {
    j = fmt::format("<= {:g}", bound->second);
  }
}

std::string compare_numbers(const std::string& key, double expected, double actual,
                            const Rules& rules) {
  const double diff = std::abs(actual - expected);
  const double allowed =
      rules.exact ? 0.0 : rules.summary.absolute + rules.summary.relative * std::abs(expected);
  if (diff <= allowed) return {};
  const double relative = expected != 0.0 ? diff / std::abs(expected) : HUGE_VAL;
  return fmt::format(
      "summary.json {}: expected {}, actual {} (difference {:.3g}, relative {:.3g}; allowed "
      "{:.3g})",
      key, expected, actual, diff, relative, allowed);
}

std::string compare_leaf(const std::string& key, const Json& expected, const Json& actual,
                         const Rules& rules) {
  if (expected.is_string() && rules.summary_bound.count(key) != 0) {
    const double bound = rules.summary_bound.at(key);
    if (actual.is_number() && std::abs(actual.get<double>()) <= bound) return {};
    return fmt::format("summary.json {}: expected |value| <= {:g}, actual {}", key, bound,
                       actual.dump());
  }
  const bool both_numbers = expected.is_number() && actual.is_number();
  if (both_numbers && (expected.is_number_float() || actual.is_number_float())) {
    return compare_numbers(key, expected.get<double>(), actual.get<double>(), rules);
  }
  if (expected == actual) return {};
  return fmt::format("summary.json {}: expected {}, actual {}", key, expected.dump(),
                     actual.dump());
}

std::optional<double> parse_number(const std::string& text) {
  double v = 0.0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return v;
}

// sum, min or max of a digest: the same text, or within the relative tolerance.
std::string digest_field(const char* field, const std::string& expected, const std::string& actual,
                         const Rules& rules) {
  if (expected == actual) return {};
  const auto e = parse_number(expected);
  const auto a = parse_number(actual);
  if (e && a && !rules.exact && std::abs(*a - *e) <= rules.timeseries_relative * std::abs(*e)) {
    return {};
  }
  if (e && a) return fmt::format("; {} {} -> {} ({:+.6g})", field, expected, actual, *a - *e);
  return fmt::format("; {} {} -> {}", field, expected, actual);
}

std::vector<std::string> split_cells(const std::string& line) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t comma = line.find(',', start);
    out.push_back(line.substr(start, comma == std::string::npos ? comma : comma - start));
    if (comma == std::string::npos) return out;
    start = comma + 1;
  }
}

// One excerpt cell: the same text, or numbers within the column's resolution
// (half a unit of its stated decimals) plus the relative tolerance.
bool cell_matches(const std::string& column, const std::string& expected, const std::string& actual,
                  const Rules& rules) {
  if (expected == actual) return true;
  if (rules.exact) return false;
  const auto decimals = rules.column_decimals.find(column);
  if (decimals == rules.column_decimals.end()) return false;
  const auto e = parse_number(expected);
  const auto a = parse_number(actual);
  if (!e || !a) return false;
  const double resolution = 0.5 * std::pow(10.0, -decimals->second);
  return std::abs(*a - *e) <= resolution + rules.timeseries_relative * std::abs(*e);
}

}  // namespace

std::string expected_summary_text(const nlohmann::json& summary, const Rules& rules) {
  Json sorted = summary;  // nlohmann::json keeps object keys sorted
  write_bounds(sorted, "", rules);
  return sorted.dump(2) + "\n";
}

std::vector<std::string> compare_summary(const nlohmann::json& expected,
                                         const nlohmann::json& actual, const Rules& rules) {
  Flat e;
  Flat a;
  flatten(expected, "", e);
  flatten(actual, "", a);
  std::vector<std::string> out;
  for (const auto& [key, value] : e) {
    const auto it = a.find(key);
    if (it == a.end()) {
      out.push_back(fmt::format("summary.json {}: missing (expected {})", key, value.dump()));
      continue;
    }
    std::string line = compare_leaf(key, value, it->second, rules);
    if (!line.empty()) out.push_back(std::move(line));
  }
  for (const auto& [key, value] : a) {
    if (e.count(key) == 0) {
      out.push_back(fmt::format("summary.json {}: new key, not in the expected file (actual {})",
                                key, value.dump()));
    }
  }
  return out;
}

std::vector<std::string> compare_digests(const std::vector<ColumnDigest>& expected,
                                         const std::vector<ColumnDigest>& actual,
                                         const Rules& rules) {
  std::vector<std::string> out;
  for (const ColumnDigest& e : expected) {
    const auto it = std::find_if(actual.begin(), actual.end(),
                                 [&e](const ColumnDigest& a) { return a.name == e.name; });
    if (it == actual.end()) {
      out.push_back(fmt::format("timeseries column {}: missing", e.name));
      continue;
    }
    const ColumnDigest& a = *it;
    std::string what;
    if (a.kind != e.kind) what += fmt::format("; kind {} -> {}", e.kind, a.kind);
    if (a.count != e.count) what += fmt::format("; count {} -> {}", e.count, a.count);
    const bool text = e.kind == "text";
    what += digest_field(text ? "first" : "min", e.min, a.min, rules);
    what += digest_field(text ? "last" : "max", e.max, a.max, rules);
    what += digest_field("sum", e.sum, a.sum, rules);
    if (a.hash != e.hash) {
      what +=
          fmt::format("; hash {} -> {} (values at {} decimals changed)", e.hash, a.hash, e.kind);
    }
    if (!what.empty())
      out.push_back(fmt::format("timeseries column {}: {}", e.name, what.substr(2)));
  }
  for (const ColumnDigest& a : actual) {
    const auto same = [&a](const ColumnDigest& e) { return e.name == a.name; };
    if (std::none_of(expected.begin(), expected.end(), same)) {
      out.push_back(
          fmt::format("timeseries column {}: new column, not in the expected digest", a.name));
    }
  }
  return out;
}

std::vector<std::string> compare_excerpt(const std::vector<std::string>& expected,
                                         const std::vector<std::string>& actual,
                                         std::size_t first_row, const Rules& rules) {
  constexpr std::size_t kMaxLines = 30;
  std::vector<std::string> out;
  if (expected.empty() || actual.empty() || expected.front() != actual.front()) {
    out.push_back(fmt::format("timeseries excerpt header: expected \"{}\", actual \"{}\"",
                              expected.empty() ? "" : expected.front(),
                              actual.empty() ? "" : actual.front()));
    return out;
  }
  if (expected.size() != actual.size()) {
    out.push_back(fmt::format("timeseries excerpt: expected {} rows, actual {}",
                              expected.size() - 1, actual.size() - 1));
  }
  const std::vector<std::string> header = split_cells(expected.front());
  std::size_t differences = 0;
  for (std::size_t r = 1; r < std::min(expected.size(), actual.size()); ++r) {
    const std::vector<std::string> e = split_cells(expected[r]);
    const std::vector<std::string> a = split_cells(actual[r]);
    for (std::size_t c = 0; c < header.size(); ++c) {
      const std::string& ec = c < e.size() ? e[c] : std::string();
      const std::string& ac = c < a.size() ? a[c] : std::string();
      if (cell_matches(header[c], ec, ac, rules)) continue;
      if (++differences <= kMaxLines) {
        out.push_back(fmt::format("timeseries row {} ({}) {}: expected {}, actual {}",
                                  first_row + r - 1, e.front(), header[c], ec, ac));
      }
    }
  }
  if (differences > kMaxLines) {
    out.push_back(fmt::format("timeseries excerpt: {} more cells differ", differences - kMaxLines));
  }
  return out;
}

}  // namespace shapan::golden
