#include "toml_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>

namespace shapan::io {
namespace {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0u : 1u)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

}  // namespace

std::optional<std::string> closest_match(std::string_view word,
                                         const std::vector<std::string>& candidates) {
  // A key written without its unit suffix ("tilt" for "tilt_deg") is that key,
  // however near another key is by edit distance ("iam").
  for (const auto& c : candidates) {
    if (!word.empty() && c.size() > word.size() + 1 && c.compare(0, word.size(), word) == 0 &&
        c[word.size()] == '_') {
      return c;
    }
  }
  std::optional<std::string> best;
  std::size_t best_distance = std::max<std::size_t>(3, word.size() / 3) + 1;
  for (const auto& c : candidates) {
    const std::size_t d = edit_distance(word, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

std::string describe(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string:
      return fmt::format("\"{}\" (a string)", *node.value<std::string>());
    case toml::node_type::integer:
      return fmt::format("{} (an integer)", *node.value<std::int64_t>());
    case toml::node_type::floating_point:
      return fmt::format("{} (a number)", *node.value<double>());
    case toml::node_type::boolean:
      return fmt::format("{} (a boolean)", *node.value<bool>() ? "true" : "false");
    case toml::node_type::array:
      return "an array";
    case toml::node_type::table:
      return "a table";
    default:
      return "a date or time";
  }
}

TableReader::TableReader(const toml::table& table, std::string prefix, ReadContext& ctx)
    : table_(table), prefix_(std::move(prefix)), ctx_(ctx) {}

bool TableReader::has(std::string_view key) const { return table_.contains(key); }

std::vector<const toml::table*> TableReader::tables(std::string_view key) {
  known_.insert(std::string(key));
  std::vector<const toml::table*> out;
  const toml::node* node = table_.get(key);
  if (node == nullptr) return out;
  if (const toml::table* t = node->as_table()) {
    out.push_back(t);
  } else if (const toml::array* array = node->as_array()) {
    for (const auto& item : *array) {
      if (const toml::table* item_table = item.as_table()) {
        out.push_back(item_table);
      } else {
        add_issue(key, &item,
                  expected_message("tables ([[" + prefix_ + "." + std::string(key) + "]])", item));
      }
    }
  } else {
    add_issue(key, node,
              expected_message("tables ([[" + prefix_ + "." + std::string(key) + "]])", *node));
  }
  return out;
}

void TableReader::add_issue(std::string_view key, const toml::node* node, std::string message) {
  const std::string field = prefix_.empty() ? std::string(key) : prefix_ + "." + std::string(key);
  const auto over = ctx_.overrides.find(field);
  if (over != ctx_.overrides.end()) {
    ctx_.issues.push_back(
        InputIssue{.source = "<command line>",
                   .field = field,
                   .message = fmt::format("{} (from {})", message, over->second)});
    return;
  }
  const toml::source_region where = node != nullptr ? node->source() : table_.source();
  ctx_.issues.push_back(InputIssue{.source = ctx_.source,
                                   .line = static_cast<int>(where.begin.line),
                                   .column = static_cast<int>(where.begin.column),
                                   .field = field,
                                   .message = std::move(message)});
}

void TableReader::add_issue(std::string_view key, std::string message) {
  add_issue(key, table_.get(key), std::move(message));
}

std::string TableReader::expected_message(std::string_view expected, const toml::node& found) {
  return fmt::format("expected {}, found {}", expected, describe(found));
}

std::string TableReader::join_quoted(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "\"" : ", \"") + n + "\"";
  return out;
}

std::string TableReader::unknown_choice_message(const std::string& found,
                                                const std::vector<std::string>& names) {
  std::string message = fmt::format("\"{}\" is not one of {}", found, join_quoted(names));
  if (const auto guess = closest_match(found, names)) {
    message += fmt::format(" (did you mean \"{}\"?)", *guess);
  }
  return message;
}

std::optional<double> TableReader::optional_number(std::string_view key) {
  known_.insert(std::string(key));
  const toml::node* node = table_.get(key);
  if (node == nullptr) return std::nullopt;
  if (node->is_integer() || node->is_floating_point()) {
    const double v = *node->value<double>();
    if (!std::isfinite(v)) {
      add_issue(key, node, fmt::format("= {}: expected a finite number", v));
      return std::nullopt;
    }
    return v;
  }
  add_issue(key, node, expected_message("a number", *node));
  return std::nullopt;
}

double TableReader::number(std::string_view key, double fallback) {
  return optional_number(key).value_or(fallback);
}

double TableReader::number_or_infinity(std::string_view key, double fallback) {
  const toml::node* node = table_.get(key);
  if (node != nullptr && node->is_floating_point()) {
    const double v = *node->value<double>();
    if (!std::isfinite(v)) {
      known_.insert(std::string(key));
      if (v > 0.0) return v;
      add_issue(key, node, fmt::format("= {}: expected a number, or inf for no limit", v));
      return fallback;
    }
  }
  return number(key, fallback);
}

int TableReader::integer(std::string_view key, int fallback) {
  known_.insert(std::string(key));
  const toml::node* node = table_.get(key);
  if (node == nullptr) return fallback;
  if (node->is_integer()) {
    const std::int64_t v = *node->value<std::int64_t>();
    if (v >= -1000000000 && v <= 1000000000) return static_cast<int>(v);
    add_issue(key, node, fmt::format("= {}: out of range", v));
    return fallback;
  }
  add_issue(key, node, expected_message("a whole number", *node));
  return fallback;
}

bool TableReader::boolean(std::string_view key, bool fallback) {
  known_.insert(std::string(key));
  const toml::node* node = table_.get(key);
  if (node == nullptr) return fallback;
  if (const auto b = node->value_exact<bool>()) return *b;
  add_issue(key, node, expected_message("true or false", *node));
  return fallback;
}

std::string TableReader::text(std::string_view key, std::string fallback) {
  known_.insert(std::string(key));
  const toml::node* node = table_.get(key);
  if (node == nullptr) return fallback;
  if (const auto s = node->value_exact<std::string>()) {
    // A NUL or an escape sequence in a name would cut or garble the console's
    // table, the report and the files written from it.
    const auto control = std::find_if(s->begin(), s->end(), [](char c) {
      return std::iscntrl(static_cast<unsigned char>(c)) != 0;
    });
    if (control == s->end()) return *s;
    add_issue(key, node,
              fmt::format("must not contain control characters (U+{:04X})",
                          static_cast<unsigned char>(*control)));
    return fallback;
  }
  add_issue(key, node, expected_message("a string", *node));
  return fallback;
}

std::string TableReader::date_text(std::string_view key, std::string fallback) {
  const toml::node* node = table_.get(key);
  if (node != nullptr) {
    if (const auto d = node->value_exact<toml::date>()) {
      known_.insert(std::string(key));
      return fmt::format("{:04d}-{:02d}-{:02d}", d->year, d->month, d->day);
    }
  }
  return text(key, std::move(fallback));
}

std::vector<double> TableReader::numbers(std::string_view key, std::vector<double> fallback) {
  known_.insert(std::string(key));
  const toml::node* node = table_.get(key);
  if (node == nullptr) return fallback;
  if (node->is_integer() || node->is_floating_point()) return {*node->value<double>()};
  const toml::array* array = node->as_array();
  if (array == nullptr) {
    add_issue(key, node, expected_message("an array of numbers", *node));
    return fallback;
  }
  std::vector<double> out;
  out.reserve(array->size());
  for (std::size_t i = 0; i < array->size(); ++i) {
    const toml::node& item = *array->get(i);
    if (!(item.is_integer() || item.is_floating_point())) {
      add_issue(key, &item, fmt::format("element {}: {}", i, expected_message("a number", item)));
      return fallback;
    }
    out.push_back(*item.value<double>());
  }
  return out;
}

std::optional<std::filesystem::path> TableReader::file(std::string_view key) {
  const std::string name = text(key, "");
  if (name.empty()) return std::nullopt;
  std::filesystem::path p(name);
  if (p.is_relative()) p = ctx_.base_dir / p;
  p = p.lexically_normal();
  // The policy first: a refused path is not even looked at.
  if (const auto why = ctx_.files->refusal(p)) {
    add_issue(key, table_.get(key), fmt::format("file \"{}\" {}", name, *why));
    return std::nullopt;
  }
  const FileKind kind = ctx_.files->kind(p);
  if (kind == FileKind::kMissing) {
    add_issue(key, table_.get(key),
              fmt::format("file \"{}\" not found (looked for {})", name, p.string()));
    return std::nullopt;
  }
  if (const auto message = not_a_file_message(kind)) {
    add_issue(key, table_.get(key), fmt::format("file \"{}\" {} ({})", name, *message, p.string()));
    return std::nullopt;
  }
  return p;
}

void TableReader::report(const std::vector<FieldIssue>& issues) {
  for (const auto& issue : issues) {
    // A field like "curve.2" or "cost.capex_cny_per_kw" is located at its first part.
    const std::string key = issue.field.substr(0, issue.field.find('.'));
    const toml::node* node = table_.get(key);
    const std::string field = prefix_.empty() ? issue.field : prefix_ + "." + issue.field;
    const auto over = ctx_.overrides.find(prefix_.empty() ? key : prefix_ + "." + key);
    if (over != ctx_.overrides.end()) {
      ctx_.issues.push_back(
          InputIssue{.source = "<command line>",
                     .field = field,
                     .message = fmt::format("{} (from {})", issue.message, over->second)});
      continue;
    }
    const toml::source_region where = node != nullptr ? node->source() : table_.source();
    ctx_.issues.push_back(InputIssue{.source = ctx_.source,
                                     .line = static_cast<int>(where.begin.line),
                                     .column = static_cast<int>(where.begin.column),
                                     .field = field,
                                     .message = issue.message});
  }
}

void TableReader::known_elsewhere(std::initializer_list<std::string_view> keys) {
  for (const std::string_view key : keys) known_.insert(std::string(key));
}

void TableReader::finish() {
  const std::vector<std::string> names(known_.begin(), known_.end());
  for (auto&& [key, node] : table_) {
    const std::string k(key.str());
    if (known_.contains(k)) continue;
    std::string message = "unknown key";
    if (const auto guess = closest_match(k, names)) {
      message += fmt::format(" (did you mean \"{}\"?)", *guess);
    }
    const std::string field = prefix_.empty() ? k : prefix_ + "." + k;
    if (ctx_.overrides.contains(field)) {
      add_issue(k, &node, message);
      continue;
    }
    ctx_.issues.push_back(InputIssue{.source = ctx_.source,
                                     .line = static_cast<int>(key.source().begin.line),
                                     .column = static_cast<int>(key.source().begin.column),
                                     .field = field,
                                     .message = message});
  }
}

}  // namespace shapan::io
