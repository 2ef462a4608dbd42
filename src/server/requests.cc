#include "shapan/server/requests.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <string_view>
#include <system_error>

namespace shapan::server {
namespace {

bool valid_key(const std::string& key) {
  if (key.empty() || key.front() == '.' || key.back() == '.') return false;
  if (key.find("..") != std::string::npos) return false;
  return std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
  });
}

bool has_control_chars(const std::string& s) {
  return std::any_of(s.begin(), s.end(),
                     [](char c) { return std::iscntrl(static_cast<unsigned char>(c)) != 0; });
}

// Levenshtein distance, for suggesting the field a client meant.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

// The fields of a run request; any other is refused by name.
void check_fields(const nlohmann::ordered_json& j) {
  constexpr std::array<std::string_view, 2> kFields = {"scenario", "overrides"};
  for (const auto& [key, value] : j.items()) {
    if (std::find(kFields.begin(), kFields.end(), key) != kFields.end()) continue;
    std::string message = fmt::format("unknown field \"{}\"", key.substr(0, 80));
    for (const std::string_view known : kFields) {
      if (edit_distance(key, known) <= 3) message += fmt::format(" (did you mean \"{}\"?)", known);
    }
    throw RequestError(400, message +
                                ": a run request has the fields \"scenario\" and "
                                "\"overrides\"");
  }
}

std::string value_text(const std::string& key, const nlohmann::ordered_json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number() || v.is_boolean()) return v.dump();
  throw RequestError(400, fmt::format("overrides: {}: the value must be a number, true/false or "
                                      "a string, not {}",
                                      key, v.dump()));
}

}  // namespace

std::vector<ScenarioEntry> list_scenarios(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::directory_iterator it(dir, ec);
  if (ec) {
    throw std::runtime_error(
        fmt::format("{}: cannot read the scenarios folder: {}", dir.string(), ec.message()));
  }
  std::vector<ScenarioEntry> out;
  for (const auto& entry : it) {
    if (entry.path().extension() == ".toml" && entry.is_regular_file(ec)) {
      out.push_back({.name = entry.path().stem().string(), .path = entry.path()});
    }
  }
  std::sort(out.begin(), out.end(),
            [](const ScenarioEntry& a, const ScenarioEntry& b) { return a.name < b.name; });
  return out;
}

ScenarioEntry find_scenario(const std::filesystem::path& dir, const std::string& name) {
  for (auto& s : list_scenarios(dir)) {
    if (s.name == name) return s;
  }
  throw RequestError(404, fmt::format("unknown scenario \"{}\": see GET /api/scenarios for the "
                                      "scenarios in {}",
                                      name.substr(0, 80), dir.string()));
}

RunRequest parse_run_request(const std::string& body, const RequestLimits& limits) {
  if (body.find_first_not_of(" \t\r\n") == std::string::npos) {
    throw RequestError(400,
                       "the body is empty: give a JSON object {\"scenario\": \"name\", "
                       "\"overrides\": {\"pv.0.dc_capacity_kw\": 250000}}");
  }
  nlohmann::ordered_json j;
  try {
    j = nlohmann::ordered_json::parse(body);
  } catch (const nlohmann::ordered_json::exception& e) {
    // parse_error, and out_of_range for a number beyond double's range (1e400).
    throw RequestError(400, fmt::format("the body is not valid JSON: {}", e.what()));
  }
  if (!j.is_object()) {
    throw RequestError(400,
                       "the body must be a JSON object: {\"scenario\": \"name\", "
                       "\"overrides\": {\"pv.0.dc_capacity_kw\": 250000}}");
  }
  check_fields(j);
  RunRequest r;
  if (!j.contains("scenario") || !j["scenario"].is_string()) {
    throw RequestError(400, "scenario: missing: give the scenario's name as a string");
  }
  r.scenario = j["scenario"].get<std::string>();

  std::vector<std::pair<std::string, std::string>> pairs;
  if (j.contains("overrides")) {
    const nlohmann::ordered_json& o = j["overrides"];
    if (o.is_object()) {
      for (const auto& [k, v] : o.items()) pairs.emplace_back(k, value_text(k, v));
    } else if (o.is_array()) {
      for (const auto& item : o) {
        const std::string s = item.is_string() ? item.get<std::string>() : std::string();
        const auto eq = s.find('=');
        if (eq == std::string::npos) {
          throw RequestError(
              400, fmt::format("overrides: {}: expected \"key=value\"", item.dump().substr(0, 80)));
        }
        pairs.emplace_back(s.substr(0, eq), s.substr(eq + 1));
      }
    } else if (!o.is_null()) {
      throw RequestError(400,
                         "overrides: must be an object {\"key\": value} or a list of "
                         "\"key=value\" strings");
    }
  }
  if (pairs.size() > limits.max_overrides) {
    throw RequestError(400, fmt::format("overrides: {} given, at most {} allowed", pairs.size(),
                                        limits.max_overrides));
  }
  for (const auto& [key, value] : pairs) {
    if (key.size() > limits.max_key_chars || !valid_key(key)) {
      throw RequestError(400, fmt::format("overrides: \"{}\": a key is a dotted name of a-z, 0-9 "
                                          "and _ (pv.0.dc_capacity_kw)",
                                          key.substr(0, 80)));
    }
    if (value.size() > limits.max_value_chars || has_control_chars(value)) {
      throw RequestError(400, fmt::format("overrides: {}: the value must be at most {} characters "
                                          "without control characters",
                                          key, limits.max_value_chars));
    }
    r.overrides.push_back(fmt::format("{}={}", key, value));
  }
  return r;
}

std::int64_t parse_run_id(const std::string& text) {
  std::int64_t id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) {
    throw RequestError(
        404, fmt::format("unknown run \"{}\": run ids are positive integers", text.substr(0, 40)));
  }
  return id;
}

std::size_t parse_query_count(std::string_view name, const std::string& text,
                              std::string_view what) {
  std::size_t v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) {
    throw RequestError(
        400, fmt::format("{}={}: expected {} (0, 1, ...)", name, text.substr(0, 40), what));
  }
  return v;
}

}  // namespace shapan::server
