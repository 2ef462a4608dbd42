// The run store: every run the server was asked for, kept in one SQLite file
// so that a restart loses nothing (issue 5).
//
// A run is created `queued` with its scenario name and overrides, becomes
// `running`, and ends `done` (summary, run facts and per-step series stored)
// or `failed` (with the message). Series are kept as one float32 BLOB per
// column; their times are implied by the run's start and step.
//
// Thread-safety: every member function may be called from any thread; calls
// are serialised on one connection.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

struct sqlite3;

namespace shapan::server {

enum class RunStatus { kQueued, kRunning, kDone, kFailed };

std::string status_name(RunStatus status);

struct RunRecord {
  std::int64_t id = 0;
  std::string scenario;                // scenario name (file stem in the scenarios folder)
  std::vector<std::string> overrides;  // "key=value", as given
  RunStatus status = RunStatus::kQueued;
  std::string error;         // failed runs: what went wrong
  std::string created_utc;   // ISO 8601, UTC
  double elapsed_ms = 0.0;   // load + simulate + summarise, done runs only
  std::string summary_json;  // metrics::to_json of the summary; empty until done
  std::string facts_json;    // run facts the front end needs (start, step, capacities)
};

// Per-step columns of a run. Values are float32 in storage, so about 7
// significant digits survive.
struct SeriesColumn {
  std::string name;  // unit in the name: pv_kw, battery_soc_frac, ...
  std::vector<double> values;
};

class RunStore {
 public:
  // Opens (creating if needed) the store at `file`; ":memory:" keeps it in
  // memory. Throws std::runtime_error naming the file when SQLite refuses.
  explicit RunStore(const std::filesystem::path& file);
  ~RunStore();
  RunStore(const RunStore&) = delete;
  RunStore& operator=(const RunStore&) = delete;

  std::int64_t create(const std::string& scenario, const std::vector<std::string>& overrides);
  void mark_running(std::int64_t id);
  void finish(std::int64_t id, const std::string& summary_json, const std::string& facts_json,
              const std::vector<SeriesColumn>& series, double elapsed_ms);
  void fail(std::int64_t id, const std::string& message);

  std::optional<RunRecord> get(std::int64_t id) const;
  // Newest first, at most `limit` runs, without summaries' series.
  std::vector<RunRecord> list(int limit) const;
  // Runs left queued or running (by a server that stopped), oldest first.
  std::vector<RunRecord> unfinished() const;
  // Steps [from, to) of every column (clamped to the run's length); empty
  // when the run has no series.
  std::vector<SeriesColumn> series(std::int64_t id, std::size_t from, std::size_t to) const;

 private:
  void exec(const char* sql) const;

  mutable std::mutex mu_;
  sqlite3* db_ = nullptr;
};

}  // namespace shapan::server
