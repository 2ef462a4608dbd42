#include "shapan/sweep/evaluate.h"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string_view>
#include <thread>

#include "shapan/core/error.h"
#include "shapan/io/scenario.h"
#include "shapan/metrics/writers.h"
#include "shapan/sim/prepared.h"
#include "shapan/sim/simulation.h"

namespace shapan::sweep {
namespace {

void flatten(const nlohmann::ordered_json& j, const std::string& prefix,
             const std::vector<std::string>& keep,
             std::vector<std::pair<std::string, double>>& out) {
  if (j.is_object()) {
    for (const auto& [key, value] : j.items()) {
      std::string child = prefix;
      if (!child.empty()) child += '.';
      child += key;
      flatten(value, child, keep, out);
    }
  } else if (j.is_array()) {
    for (std::size_t i = 0; i < j.size(); ++i) {
      flatten(j[i], fmt::format("{}.{}", prefix, i), keep, out);
    }
  } else if (j.is_number() || j.is_boolean()) {
    const bool kept = keep.empty() || std::any_of(keep.begin(), keep.end(), [&](const auto& p) {
                        return glob_match(p, prefix);
                      });
    if (kept)
      out.emplace_back(prefix, j.is_boolean() ? (j.get<bool>() ? 1.0 : 0.0) : j.get<double>());
  }
}

std::string read_file(const std::filesystem::path& path, const std::string& who) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw InputError(
        InputIssue{.source = who, .message = fmt::format("cannot open {}", path.string())});
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The table name of a "[name]" or "[[name]]" header line (spaces around the
// name and a trailing comment allowed), else empty.
std::string header_name(std::string_view line) {
  const auto trim = [](std::string_view v) {
    while (!v.empty() && std::isspace(static_cast<unsigned char>(v.front())) != 0) {
      v.remove_prefix(1);
    }
    while (!v.empty() && std::isspace(static_cast<unsigned char>(v.back())) != 0)
      v.remove_suffix(1);
    return v;
  };
  std::string_view s = trim(line);
  if (!s.starts_with('[')) return {};
  s = trim(s.substr(0, s.find('#')));  // a name has no '#': what follows is a comment
  if (!s.ends_with(']')) return {};
  s.remove_prefix(s.starts_with("[[") ? 2 : 1);
  s.remove_suffix(s.ends_with("]]") ? 2 : 1);
  s = trim(s);
  const bool ok = !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '.' || c == '-';
  });
  return ok ? std::string(s) : std::string();
}

// The base's text with each [section] of `without` (and its [section.sub]
// tables) replaced by empty lines, so that every other line keeps its number.
std::string blank_sections(const std::string& text, const SweepDefinition& d) {
  if (d.without.empty()) return text;
  std::istringstream in(text);
  std::string out;
  std::string line;
  bool blanking = false;
  while (std::getline(in, line)) {
    if (const std::string name = header_name(line); !name.empty()) {
      const std::string top = name.substr(0, name.find('.'));
      blanking = std::find(d.without.begin(), d.without.end(), top) != d.without.end();
    }
    out += blanking ? "\n" : line + "\n";
  }
  toml::table check;
  try {
    check = toml::parse(out, d.base.string());
  } catch (const toml::parse_error&) {
    return out;  // io reports the base's syntax error with its line
  }
  for (const std::string& s : d.without) {
    if (check.contains(s)) {
      throw InputError(InputIssue{.source = d.file.string(),
                                  .field = "without",
                                  .message = fmt::format("cannot leave out [{}] of {}: it is not "
                                                         "written as a [{}] section",
                                                         s, d.base.string(), s)});
    }
  }
  return out;
}

// True when an io issue says that an override names no key of the scenario
// or has the wrong type for it (rather than a value out of its range).
bool is_axis_error(const InputIssue& issue, const std::string& key) {
  // apply_overrides' own complaints: no such array element or table.
  if (issue.source == "<command line>" && issue.message.rfind("--set ", 0) == 0) return true;
  const bool about_axis = issue.message.find("--set " + key + "=") != std::string::npos ||
                          issue.field == key || key.rfind(issue.field + ".", 0) == 0;
  if (!about_axis) return false;
  const std::string& m = issue.message;
  return m.rfind("expected ", 0) == 0 || m.find("unknown") != std::string::npos ||
         m.find("is not one of") != std::string::npos;
}

}  // namespace

std::string status_name(RowStatus status) {
  switch (status) {
    case RowStatus::kDone:
      return "done";
    case RowStatus::kInvalid:
      return "invalid";
    case RowStatus::kFailed:
      return "failed";
  }
  return "failed";
}

bool glob_match(const std::string& pattern, const std::string& text) {
  // Iterative matching with one backtrack point for the last '*'.
  std::size_t p = 0, t = 0, star = std::string::npos, mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (p < pattern.size() && pattern[p] == text[t]) {
      ++p;
      ++t;
    } else if (star != std::string::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

std::vector<std::pair<std::string, double>> flatten_kpis(const metrics::Summary& summary,
                                                         const std::vector<std::string>& keep) {
  std::vector<std::pair<std::string, double>> out;
  out.reserve(96);
  flatten(metrics::to_json(summary), "", keep, out);
  return out;
}

Evaluator::Evaluator(SweepDefinition definition) : definition_(std::move(definition)) {
  base_text_ = blank_sections(read_file(definition_.base, definition_.file.string()), definition_);
}

void Evaluator::check_axes() const {
  const std::string source = definition_.base.string();
  const std::filesystem::path dir =
      definition_.base.has_parent_path() ? definition_.base.parent_path() : ".";
  (void)io::load_scenario_text(base_text_, source, dir, {}, cache_.get());
  std::vector<InputIssue> issues;
  for (const Axis& axis : definition_.axes) {
    std::vector<std::string> ends = axis.values;
    if (axis.is_range)
      ends = {axis.integer ? fmt::format("{}", std::llround(axis.from)) : toml_float(axis.from),
              axis.integer ? fmt::format("{}", std::llround(axis.to)) : toml_float(axis.to)};
    for (const std::string& value : {ends.front(), ends.back()}) {
      try {
        (void)io::load_scenario_text(base_text_, source, dir, {axis.key + "=" + value},
                                     cache_.get());
      } catch (const InputError& e) {
        for (const InputIssue& issue : e.issues()) {
          if (!is_axis_error(issue, axis.key)) continue;
          issues.push_back(
              InputIssue{.source = definition_.file.string(),
                         .line = axis.line,
                         .field = axis.key,
                         .message = fmt::format("= {}: {}", value, issue.to_string())});
        }
      }
      if (!issues.empty()) break;
    }
  }
  if (!issues.empty()) throw InputError(std::move(issues));
}

void Evaluator::check_kpis() const {
  const SweepDefinition& d = definition_;
  std::vector<std::string> named;
  for (const Objective& o : d.objectives) named.push_back(o.kpi);
  for (const Condition& c : d.filter) named.push_back(c.kpi);
  named.push_back(d.constraint_kpi);
  const Row base = evaluate(Configuration{.id = -1, .values = {}});
  if (base.status != RowStatus::kDone) return;  // check_axes reported the base's problems
  std::vector<InputIssue> issues;
  for (const std::string& kpi : named) {
    const bool known = std::any_of(base.kpis.begin(), base.kpis.end(),
                                   [&](const auto& k) { return k.first == kpi; });
    if (known) continue;
    issues.push_back(InputIssue{
        .source = d.file.string(),
        .line = d.pareto_line,
        .field = "pareto",
        .message = fmt::format("'{}' is not a KPI of the base's summary{} (flattened keys as in "
                               "summary.json: cfe_score, cost.total_cny, energy_kwh.pv, ...)",
                               kpi, d.keep.empty() ? "" : " kept by results.keep")});
  }
  if (!issues.empty()) throw InputError(std::move(issues));
}

Row Evaluator::evaluate(const Configuration& config) const {
  const auto started = std::chrono::steady_clock::now();
  Row row{.id = config.id, .values = config.values};
  const std::filesystem::path dir =
      definition_.base.has_parent_path() ? definition_.base.parent_path() : ".";
  try {
    const io::Scenario s = io::load_scenario_text(base_text_, definition_.base.string(), dir,
                                                  overrides(definition_, config), cache_.get());
    const sim::Results results = sim::run(s.setup, sim::prepare(s.setup, prepared_.get()));
    row.kpis = flatten_kpis(metrics::summarize(s.name, results, s.costs), definition_.keep);
  } catch (const InputError& e) {
    row.status = RowStatus::kInvalid;
    row.message = e.what();
  } catch (const std::exception& e) {
    row.status = RowStatus::kFailed;
    row.message = e.what();
  }
  row.elapsed_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  return row;
}

std::vector<Row> evaluate_all(const Evaluator& evaluator, std::span<const Configuration> configs,
                              int threads, const RowProgress& progress) {
  std::vector<Row> rows(configs.size());
  std::atomic<std::size_t> next{0};
  std::mutex progress_mu;
  std::size_t done = 0;
  const auto work = [&] {
    for (std::size_t i = next++; i < configs.size(); i = next++) {
      rows[i] = evaluator.evaluate(configs[i]);
      if (progress) {
        std::lock_guard lock(progress_mu);
        progress(++done, configs.size());
      }
    }
  };
  const auto n = static_cast<std::size_t>(std::max(1, threads));
  std::vector<std::thread> pool;
  pool.reserve(n - 1);
  for (std::size_t t = 1; t < std::min(n, configs.size()); ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
  return rows;
}

}  // namespace shapan::sweep
