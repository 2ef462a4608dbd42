// Checking what a client sends before anything runs: which scenarios exist,
// and whether a run request's overrides are acceptable.
//
// Everything here throws RequestError (HTTP status + message) for a bad
// request; nothing here touches the network, so it is tested directly.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace shapan::server {

class RequestError : public std::runtime_error {
 public:
  RequestError(int status, const std::string& message)
      : std::runtime_error(message), status_(status) {}
  int status() const { return status_; }

 private:
  int status_;
};

struct ScenarioEntry {
  std::string name;  // the file's stem: the id clients use
  std::filesystem::path path;
};

// The *.toml files directly inside `dir`, sorted by name. Throws
// std::runtime_error when `dir` is not a readable folder.
std::vector<ScenarioEntry> list_scenarios(const std::filesystem::path& dir);

// The entry called `name`; RequestError 404 when there is none. Only names
// from the listing are accepted, so a name can never reach another folder.
ScenarioEntry find_scenario(const std::filesystem::path& dir, const std::string& name);

struct RunRequest {
  std::string scenario;
  std::vector<std::string> overrides;  // "key=value"
};

// Limits on what one request may ask for.
struct RequestLimits {
  std::size_t max_overrides = 64;
  std::size_t max_key_chars = 128;
  std::size_t max_value_chars = 1024;
};

// Parses a POST /api/runs body:
//   {"scenario": "qinghai_base", "overrides": {"pv.0.dc_capacity_kw": 250000}}
// (overrides may also be a list of "key=value" strings; other fields are
// refused by name). Keys are dotted
// names of [a-z0-9_]; values are numbers, booleans or strings without control
// characters. Throws RequestError 400 with the offending key and value
// otherwise. File paths are not judged here (an override can name a file in
// many shapes: a key, an inline table, a whole table): the server reads
// every file through a RestrictedFiles (shapan/core/files.h), which refuses
// any path outside its scenarios and data folders.
RunRequest parse_run_request(const std::string& body, const RequestLimits& limits = {});

// A run id (the {id} of /api/runs/{id}, the a and b of /api/compare): a
// positive decimal integer. RequestError 404 otherwise (no run has that id).
std::int64_t parse_run_id(const std::string& text);

// The value `text` of query parameter `name` (limit, wait_ms, from, to): a
// whole number >= 0. RequestError 400 naming the parameter and `what` it
// counts ("a step index", "a number of runs") otherwise.
std::size_t parse_query_count(std::string_view name, const std::string& text,
                              std::string_view what);

}  // namespace shapan::server
