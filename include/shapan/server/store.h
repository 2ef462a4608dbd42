// The run store: every run the server was asked for, kept in one SQLite file
// so that a restart loses nothing (issue 5).
//
// A run is created `queued` with its scenario name and overrides, becomes
// `running`, and ends `done` (summary, run facts and per-step series stored)
// or `failed` (with the message). Series are kept as one float32 BLOB per
// column; their times are implied by the run's start and step.
//
// Reuse and bounds (issue 17): a run may carry its request's key (the
// SHA-256 of the build, the scenario, the overrides and the bytes of every
// file it read; content_hash.h), so that an identical request finds it
// (find_by_key). The store keeps at most `max_runs` runs: creating one
// beyond that deletes finished (done or failed) runs, the least recently
// read first; runs queued or running are never deleted, so the store may
// hold more while they are. "Read" is being created, found by key, or
// marked read (the API does so when it serves a run's summary, series or
// comparison; listing runs is not reading them).
//
// Crashes: every change is one SQLite transaction in WAL mode, so a process
// killed at any moment leaves the file whole (PRAGMA integrity_check ok);
// the runs it left queued or running are found by unfinished().
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
  std::string request_key;   // content_hash.h's run_request_key; empty when not known
};

// Per-step columns of a run. Values are float32 in storage, so about 7
// significant digits survive.
struct SeriesColumn {
  std::string name;  // unit in the name: pv_kw, battery_soc_frac, ...
  std::vector<double> values;
};

class RunStore {
 public:
  // Opens (creating if needed, and adding the columns an older store lacks)
  // the store at `file`; ":memory:" keeps it in memory. `max_runs`: the
  // bound above (0: none); a smaller bound than the file holds evicts at
  // once. Throws std::runtime_error naming the file when SQLite refuses.
  explicit RunStore(const std::filesystem::path& file, std::size_t max_runs = 0);
  ~RunStore();
  RunStore(const RunStore&) = delete;
  RunStore& operator=(const RunStore&) = delete;

  // A new queued run (read now); evicts beyond the bound, in the same transaction.
  std::int64_t create(const std::string& scenario, const std::vector<std::string>& overrides,
                      const std::string& request_key = {});
  // The newest run with this key that is queued, running or done (failed
  // runs are not reused), marked read; nullopt when there is none.
  std::optional<RunRecord> find_by_key(const std::string& request_key);
  void set_request_key(std::int64_t id, const std::string& request_key);
  // Counts as reading run `id` (for eviction); unknown ids are ignored.
  void mark_read(std::int64_t id);
  std::size_t size() const;
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
  void add_missing_columns();
  void evict_beyond_bound();    // requires mu_ held
  void touch(std::int64_t id);  // requires mu_ held

  const std::size_t max_runs_;
  mutable std::mutex mu_;
  sqlite3* db_ = nullptr;
  std::int64_t read_clock_ = 0;    // the newest last_read given out
  std::int64_t last_touched_ = 0;  // the run read last: reading it again changes nothing
};

}  // namespace shapan::server
