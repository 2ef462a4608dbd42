#include "overrides.h"

#include <fmt/format.h>

namespace shapan::io {
namespace {

std::vector<std::string> split_key(const std::string& key) {
  std::vector<std::string> parts;
  std::size_t begin = 0;
  while (true) {
    const std::size_t dot = key.find('.', begin);
    parts.push_back(key.substr(begin, dot - begin));
    if (dot == std::string::npos) break;
    begin = dot + 1;
  }
  return parts;
}

bool is_index(const std::string& s) {
  return !s.empty() && s.size() < 7 && s.find_first_not_of("0123456789") == std::string::npos;
}

// The override's value as a TOML node; text that is not TOML is a string.
toml::table parse_value(const std::string& value) {
  try {
    toml::table t = toml::parse("v = " + value);
    return t;
  } catch (const toml::parse_error&) {
    toml::table t;
    t.insert("v", value);
    return t;
  }
}

}  // namespace

std::map<std::string, std::string> apply_overrides(toml::table& root,
                                                   const std::vector<std::string>& overrides,
                                                   std::vector<InputIssue>& issues) {
  std::map<std::string, std::string> applied;
  for (const std::string& text : overrides) {
    const auto fail = [&](std::string field, std::string message) {
      issues.push_back(InputIssue{.source = "<command line>",
                                  .field = std::move(field),
                                  .message = fmt::format("--set {}: {}", text, message)});
    };
    const std::size_t eq = text.find('=');
    if (eq == std::string::npos || eq == 0) {
      fail("", "expected key=value, e.g. pv.0.tilt_deg=30");
      continue;
    }
    const std::string key = text.substr(0, eq);
    const std::vector<std::string> parts = split_key(key);
    toml::table* table = &root;
    bool ok = true;
    std::string walked;
    for (std::size_t i = 0; i + 1 < parts.size() && ok; ++i) {
      const std::string& part = parts[i];
      walked += (walked.empty() ? "" : ".") + part;
      if (part.empty()) {
        fail(key, "empty part in the key");
        ok = false;
      } else if (toml::node* node = table->get(part); node == nullptr) {
        if (i + 2 < parts.size() && is_index(parts[i + 1])) {
          fail(key, fmt::format("the scenario has no [[{}]]", walked));
          ok = false;
        } else {
          table = table->insert(part, toml::table{}).first->second.as_table();
        }
      } else if (toml::array* array = node->as_array()) {
        const std::string& index = parts[++i];
        if (!is_index(index) || std::stoul(index) >= array->size()) {
          fail(key, fmt::format("{} has {} entries; index '{}' is not one of 0..{}", walked,
                                array->size(), index, array->size() == 0 ? 0 : array->size() - 1));
          ok = false;
        } else {
          walked += "." + index;
          table = array->get(std::stoul(index))->as_table();
          if (table == nullptr) {
            fail(key, fmt::format("{} is not a table", walked));
            ok = false;
          }
        }
      } else if (toml::table* sub = node->as_table()) {
        table = sub;
      } else {
        fail(key, fmt::format("{} is a value, not a table", walked));
        ok = false;
      }
    }
    if (!ok) continue;
    if (parts.back().empty()) {
      fail(key, "empty part in the key");
      continue;
    }
    toml::table value = parse_value(text.substr(eq + 1));
    table->insert_or_assign(parts.back(), std::move(*value.get("v")));
    applied[key] = "--set " + text;
  }
  return applied;
}

}  // namespace shapan::io
