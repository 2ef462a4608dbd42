// DIR/sweep.sqlite: one row per configuration of a sweep, kept so that a
// sweep killed at any moment resumes where it stopped.
//
// Table `configs`: id (the configuration's, primary key), status (done,
// invalid, failed), message, elapsed_ms, filter_pass (1/0 for done rows,
// after the last run), one column per axis (named by its key; numbers as
// REAL or INTEGER, strings as TEXT) and one REAL column per summary KPI
// (flattened key, added as first seen). Table `meta`: the definition's hash
// and the number of configurations. The file is in WAL mode; rows are
// written one transaction per batch with INSERT OR IGNORE keyed by id, so a
// kill loses at most the batch in flight and a rerun never duplicates a row.
//
// Thread-safety: one thread at a time.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "shapan/sweep/evaluate.h"

struct sqlite3;

namespace shapan::sweep {

// A stored row, read back: status, message and KPIs by key.
struct StoredRow {
  std::int64_t id = 0;
  std::string status;
  std::string message;
  std::map<std::string, double> kpis;
};

class SweepStore {
 public:
  // Opens or creates `file` for the sweep whose definition hash is `hash`.
  // Throws InputError naming the file when it holds another sweep, and
  // std::runtime_error when SQLite refuses.
  SweepStore(const std::filesystem::path& file, const SweepDefinition& definition,
             const std::string& hash, std::size_t count);
  ~SweepStore();
  SweepStore(const SweepStore&) = delete;
  SweepStore& operator=(const SweepStore&) = delete;

  // Ids of the configurations already stored.
  std::set<std::int64_t> stored_ids() const;
  // Stores `rows` in one transaction; a row whose id is stored is ignored.
  void store(std::span<const Row> rows);
  // Every stored row, by id.
  std::vector<StoredRow> rows() const;
  // Sets filter_pass of every done row: 1 when every condition holds.
  void mark_filter(const std::vector<Condition>& filter);
  // PRAGMA integrity_check's answer ("ok" when sound).
  std::string integrity() const;

 private:
  // Sets the file up (WAL, tables) and checks the definition hash.
  void open(const SweepDefinition& definition, const std::string& hash, std::size_t count);
  void exec(const std::string& sql) const;
  void add_columns(const Row& row);

  sqlite3* db_ = nullptr;
  std::filesystem::path file_;
  std::vector<std::string> axis_keys_;
  std::set<std::string> columns_;
};

}  // namespace shapan::sweep
