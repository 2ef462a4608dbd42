#include "shapan/sweep/definition.h"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <optional>
#include <string_view>

#include "shapan/core/error.h"

namespace shapan::sweep {
namespace {

// Reading with every problem located in SWEEP.toml.
class Reader {
 public:
  explicit Reader(std::string source) : source_(std::move(source)) {}

  void issue(const toml::node* at, std::string field, std::string message) {
    issues_.push_back(
        InputIssue{.source = source_,
                   .line = at != nullptr ? static_cast<int>(at->source().begin.line) : 0,
                   .column = at != nullptr ? static_cast<int>(at->source().begin.column) : 0,
                   .field = std::move(field),
                   .message = std::move(message)});
  }
  void unknown_keys(const toml::table& table, const std::string& prefix,
                    const std::vector<std::string>& known) {
    for (auto&& [key, node] : table) {
      if (std::find(known.begin(), known.end(), key.str()) == known.end()) {
        issue(&node, prefix + std::string(key.str()),
              fmt::format("unknown key (known: {})", fmt::join(known, ", ")));
      }
    }
  }
  std::optional<std::string> text(const toml::table& t, const char* key, const std::string& field) {
    const toml::node* n = t.get(key);
    if (n == nullptr) return std::nullopt;
    if (const auto* s = n->as_string()) return s->get();
    issue(n, field, "expected a string");
    return std::nullopt;
  }
  std::optional<double> number(const toml::node* n, const std::string& field) {
    if (n == nullptr) return std::nullopt;
    if (const auto v = n->value<double>(); v && (n->is_number())) return *v;
    issue(n, field, "expected a number");
    return std::nullopt;
  }
  std::vector<std::string> strings(const toml::table& t, const char* key,
                                   const std::string& field) {
    std::vector<std::string> out;
    const toml::node* n = t.get(key);
    if (n == nullptr) return out;
    const toml::array* a = n->as_array();
    if (a == nullptr) {
      issue(n, field, "expected an array of strings");
      return out;
    }
    for (const toml::node& item : *a) {
      if (const auto* s = item.as_string()) {
        out.push_back(s->get());
      } else {
        issue(&item, field, "expected a string");
      }
    }
    return out;
  }
  void finish() {
    if (!issues_.empty()) throw InputError(std::move(issues_));
  }
  const std::string& source() const { return source_; }

 private:
  std::string source_;
  std::vector<InputIssue> issues_;
};

// A TOML value of an axis list as the literal `--set` takes.
std::optional<std::string> literal(const toml::node& node) {
  if (const auto* d = node.as_floating_point()) return toml_float(d->get());
  if (const auto* i = node.as_integer()) return fmt::format("{}", i->get());
  if (const auto* b = node.as_boolean()) return std::string(b->get() ? "true" : "false");
  if (const auto* s = node.as_string()) return fmt::format("{:?}", s->get());
  return std::nullopt;
}

Axis read_axis(const toml::table& t, std::size_t index, Reader& r) {
  const std::string field = fmt::format("axis.{}", index);
  r.unknown_keys(t, field + ".", {"key", "values", "from", "to", "steps"});
  Axis axis;
  axis.line = static_cast<int>(t.source().begin.line);
  if (const auto key = r.text(t, "key", field + ".key")) {
    axis.key = *key;
    if (const toml::node* n = t.get("key")) axis.line = static_cast<int>(n->source().begin.line);
  } else if (t.get("key") == nullptr) {
    r.issue(&t, field, "an axis needs a key (a scenario key as for --set: pv.0.dc_capacity_kw)");
  }
  if (const toml::node* n = t.get("values")) {
    const toml::array* a = n->as_array();
    if (a == nullptr || a->empty()) {
      r.issue(n, field + ".values", "expected a non-empty array of values");
    } else {
      for (const toml::node& item : *a) {
        if (const auto v = literal(item)) {
          axis.values.push_back(*v);
        } else {
          r.issue(&item, field + ".values", "expected a number, string or boolean");
        }
      }
    }
    if (t.get("from") || t.get("to") || t.get("steps")) {
      r.issue(n, field, "give either values or from/to, not both");
    }
    return axis;
  }
  const auto from = r.number(t.get("from"), field + ".from");
  const auto to = r.number(t.get("to"), field + ".to");
  if (!from || !to) {
    if (t.get("from") == nullptr || t.get("to") == nullptr) {
      r.issue(&t, field, "an axis needs values = [...] or from and to (and steps for a grid)");
    }
    return axis;
  }
  axis.is_range = true;
  axis.from = *from;
  axis.to = *to;
  axis.integer = t.get("from")->is_integer() && t.get("to")->is_integer();
  if (const toml::node* n = t.get("steps")) {
    const auto steps = n->value<std::int64_t>();
    if (!n->is_integer() || !steps || *steps < 1 || *steps > 1000000) {
      r.issue(n, field + ".steps", "expected an integer from 1 to 1000000");
      return axis;
    }
    for (std::int64_t i = 0; i < *steps; ++i) {
      const double v = i == *steps - 1 && *steps > 1
                           ? *to
                           : *from + (*to - *from) * static_cast<double>(i) /
                                         static_cast<double>(std::max<std::int64_t>(*steps - 1, 1));
      axis.values.push_back(axis.integer ? fmt::format("{}", std::llround(v)) : toml_float(v));
    }
  }
  return axis;
}

std::optional<CompareOp> parse_op(const std::string& op) {
  if (op == "<") return CompareOp::kLess;
  if (op == "<=") return CompareOp::kLessEqual;
  if (op == ">") return CompareOp::kGreater;
  if (op == ">=") return CompareOp::kGreaterEqual;
  if (op == "==") return CompareOp::kEqual;
  if (op == "!=") return CompareOp::kNotEqual;
  return std::nullopt;
}

// One clause "KPI OP VALUE" (KPI of A-Z, a-z, 0-9, '_' and '.'; OP one of
// <= >= == != < >; VALUE without spaces), or nullopt.
struct Clause {
  std::string kpi;
  std::string op;
  std::string value;
};
std::optional<Clause> split_clause(std::string_view s) {
  const auto is_space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  const auto skip_spaces = [&](std::string_view v) {
    while (!v.empty() && is_space(v.front())) v.remove_prefix(1);
    return v;
  };
  s = skip_spaces(s);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  std::size_t n = 0;
  while (n < s.size() &&
         (std::isalnum(static_cast<unsigned char>(s[n])) != 0 || s[n] == '_' || s[n] == '.')) {
    ++n;
  }
  if (n == 0) return std::nullopt;
  Clause c{.kpi = std::string(s.substr(0, n)), .op = {}, .value = {}};
  s = skip_spaces(s.substr(n));
  for (const std::string_view op : {"<=", ">=", "==", "!=", "<", ">"}) {
    if (s.starts_with(op)) {
      c.op = std::string(op);
      break;
    }
  }
  if (c.op.empty()) return std::nullopt;
  s = skip_spaces(s.substr(c.op.size()));
  if (s.empty() || std::any_of(s.begin(), s.end(), is_space)) return std::nullopt;
  c.value = std::string(s);
  return c;
}

// "cfe_score >= 0.9 and cost.total_cny < 2e8".
std::vector<Condition> parse_filter(const std::string& text, const toml::node* at, Reader& r) {
  std::vector<Condition> out;
  std::size_t begin = 0;
  while (begin <= text.size()) {
    const std::size_t end = std::min(text.find(" and ", begin), text.size());
    const std::string clause = text.substr(begin, end - begin);
    char* parse_end = nullptr;
    const std::optional<Clause> m = split_clause(clause);
    if (!m) {
      r.issue(
          at, "pareto.filter",
          fmt::format("'{}': expected KPI OP NUMBER joined by 'and' (cfe_score >= 0.9)", clause));
      return {};
    }
    const std::string& number = m->value;
    const double value = std::strtod(number.c_str(), &parse_end);
    if (parse_end != number.c_str() + number.size()) {
      r.issue(at, "pareto.filter", fmt::format("'{}' is not a number", number));
      return {};
    }
    out.push_back(Condition{.kpi = m->kpi, .op = *parse_op(m->op), .value = value});
    begin = end + 5;
  }
  return out;
}

void read_pareto(const toml::table& t, SweepDefinition& d, Reader& r) {
  r.unknown_keys(t, "pareto.", {"objectives", "filter", "constraint", "levels"});
  for (const std::string& o : r.strings(t, "objectives", "pareto.objectives")) {
    const std::size_t space = o.find(' ');
    const std::string sense = o.substr(0, space);
    if (space == std::string::npos || (sense != "min" && sense != "max")) {
      r.issue(t.get("objectives"), "pareto.objectives",
              fmt::format("'{}': expected \"min KPI\" or \"max KPI\"", o));
      continue;
    }
    d.objectives.push_back(Objective{.kpi = o.substr(space + 1), .maximise = sense == "max"});
  }
  if (const auto f = r.text(t, "filter", "pareto.filter")) {
    d.filter_text = *f;
    d.filter = parse_filter(*f, t.get("filter"), r);
  }
  if (const auto c = r.text(t, "constraint", "pareto.constraint")) d.constraint_kpi = *c;
  if (const toml::node* n = t.get("levels")) {
    const toml::array* a = n->as_array();
    if (a == nullptr) r.issue(n, "pareto.levels", "expected an array of numbers");
    for (std::size_t i = 0; a != nullptr && i < a->size(); ++i) {
      if (const auto v = r.number(a->get(i), "pareto.levels")) d.constraint_levels.push_back(*v);
    }
  }
}

void read_sampling(const toml::table& t, SweepDefinition& d, Reader& r) {
  r.unknown_keys(t, "sampling.", {"method", "samples", "seed"});
  if (const auto m = r.text(t, "method", "sampling.method")) {
    if (*m == "grid") {
      d.method = SamplingMethod::kGrid;
    } else if (*m == "random") {
      d.method = SamplingMethod::kRandom;
    } else if (*m == "latin_hypercube") {
      d.method = SamplingMethod::kLatinHypercube;
    } else {
      r.issue(t.get("method"), "sampling.method",
              fmt::format("'{}': expected \"grid\", \"random\" or \"latin_hypercube\"", *m));
    }
  }
  if (const toml::node* n = t.get("samples")) {
    const auto v = n->value<std::int64_t>();
    if (!n->is_integer() || !v || *v < 1 || *v > 10000000) {
      r.issue(n, "sampling.samples", "expected an integer from 1 to 10000000");
    } else {
      d.samples = static_cast<int>(*v);
    }
  }
  if (const toml::node* n = t.get("seed")) {
    const auto v = n->value<std::int64_t>();
    if (!n->is_integer() || !v || *v < 0) {
      r.issue(n, "sampling.seed", "expected a non-negative integer");
    } else {
      d.seed = static_cast<std::uint64_t>(*v);
    }
  }
  if (d.method != SamplingMethod::kGrid && d.samples == 0) {
    r.issue(&t, "sampling.samples", "random and latin_hypercube sampling need samples = N");
  }
}

}  // namespace

bool Condition::holds(double v) const {
  switch (op) {
    case CompareOp::kLess:
      return v < value;
    case CompareOp::kLessEqual:
      return v <= value;
    case CompareOp::kGreater:
      return v > value;
    case CompareOp::kGreaterEqual:
      return v >= value;
    case CompareOp::kEqual:
      return v == value;
    case CompareOp::kNotEqual:
      return v != value;
  }
  return false;
}

std::string toml_float(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  std::string s = fmt::format("{}", value);
  if (s.find_first_of(".eE") == std::string::npos) s += ".0";
  return s;
}

SweepDefinition read_definition(const std::filesystem::path& file) {
  Reader r(file.string());
  toml::table root;
  try {
    root = toml::parse_file(file.string());
  } catch (const toml::parse_error& e) {
    const std::string what(e.description());
    throw InputError(InputIssue{.source = file.string(),
                                .line = static_cast<int>(e.source().begin.line),
                                .column = static_cast<int>(e.source().begin.column),
                                .message = fmt::format("not valid TOML: {}", what)});
  }
  SweepDefinition d;
  d.file = file;
  r.unknown_keys(root, "", {"base", "without", "batch", "axis", "sampling", "results", "pareto"});
  if (const auto base = r.text(root, "base", "base")) {
    d.base = file.parent_path() / *base;
    d.base_line = static_cast<int>(root.get("base")->source().begin.line);
  } else if (root.get("base") == nullptr) {
    r.issue(nullptr, "base", "a sweep needs base = \"SCENARIO.toml\"");
  }
  d.without = r.strings(root, "without", "without");
  if (const toml::node* n = root.get("batch")) {
    const auto v = n->value<std::int64_t>();
    if (!n->is_integer() || !v || *v < 1 || *v > 100000) {
      r.issue(n, "batch", "expected an integer from 1 to 100000");
    } else {
      d.batch = static_cast<int>(*v);
    }
  }
  const toml::array* axes = root.get("axis") ? root.get("axis")->as_array() : nullptr;
  if (root.get("axis") != nullptr && axes == nullptr) {
    r.issue(root.get("axis"), "axis", "expected [[axis]] tables");
  }
  for (std::size_t i = 0; axes != nullptr && i < axes->size(); ++i) {
    if (const toml::table* t = axes->get(i)->as_table()) {
      d.axes.push_back(read_axis(*t, i, r));
    } else {
      r.issue(axes->get(i), "axis", "expected [[axis]] tables");
    }
  }
  if (d.axes.empty() && root.get("axis") == nullptr) {
    r.issue(nullptr, "axis", "a sweep needs at least one [[axis]]");
  }
  if (const toml::table* t = root.get_as<toml::table>("sampling")) read_sampling(*t, d, r);
  if (d.method == SamplingMethod::kGrid) {
    for (std::size_t i = 0; i < d.axes.size(); ++i) {
      if (d.axes[i].values.empty() && d.axes[i].is_range) {
        r.issue(
            nullptr, fmt::format("axis.{}", i),
            fmt::format("line {}: a grid axis needs steps = N with from and to", d.axes[i].line));
      }
    }
  }
  if (const toml::table* t = root.get_as<toml::table>("results")) {
    r.unknown_keys(*t, "results.", {"keep"});
    d.keep = r.strings(*t, "keep", "results.keep");
  }
  if (const toml::table* t = root.get_as<toml::table>("pareto")) {
    d.pareto_line = static_cast<int>(t->source().begin.line);
    read_pareto(*t, d, r);
  }
  if (d.objectives.empty()) {
    d.objectives = {Objective{.kpi = "cost.total_cny", .maximise = false},
                    Objective{.kpi = "cfe_score", .maximise = true}};
  }
  if (d.constraint_kpi.empty()) d.constraint_kpi = d.objectives.back().kpi;
  r.finish();
  return d;
}

}  // namespace shapan::sweep
