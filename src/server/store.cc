#include "shapan/server/store.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstring>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace shapan::server {
namespace {

// A prepared statement, finalised on scope exit.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK) {
      throw std::runtime_error(fmt::format("run store: {}: {}", sql, sqlite3_errmsg(db)));
    }
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int i, std::int64_t v) {
    check(sqlite3_bind_int64(stmt_, i, v));
    return *this;
  }
  Statement& bind(int i, double v) {
    check(sqlite3_bind_double(stmt_, i, v));
    return *this;
  }
  Statement& bind(int i, const std::string& v) {
    check(sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT));
    return *this;
  }
  Statement& bind_blob(int i, const void* data, std::size_t bytes) {
    check(sqlite3_bind_blob64(stmt_, i, data, bytes, SQLITE_TRANSIENT));
    return *this;
  }
  // True while rows come; false when done. Throws on errors.
  bool step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw std::runtime_error(fmt::format("run store: {}", sqlite3_errmsg(db_)));
  }
  std::int64_t int64(int col) const { return sqlite3_column_int64(stmt_, col); }
  double real(int col) const { return sqlite3_column_double(stmt_, col); }
  std::string text(int col) const {
    const auto* p = sqlite3_column_text(stmt_, col);
    return p ? std::string(reinterpret_cast<const char*>(p),
                           static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col)))
             : std::string();
  }
  std::pair<const void*, std::size_t> blob(int col) const {
    return {sqlite3_column_blob(stmt_, col),
            static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))};
  }

 private:
  void check(int rc) const {
    if (rc != SQLITE_OK)
      throw std::runtime_error(fmt::format("run store: {}", sqlite3_errmsg(db_)));
  }
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

RunStatus parse_status(const std::string& s) {
  if (s == "running") return RunStatus::kRunning;
  if (s == "done") return RunStatus::kDone;
  if (s == "failed") return RunStatus::kFailed;
  return RunStatus::kQueued;
}

constexpr const char* kColumns =
    "id, scenario, overrides, status, error, created_utc, elapsed_ms, summary, facts, "
    "request_key";

RunRecord read_record(const Statement& st) {
  RunRecord r;
  r.id = st.int64(0);
  r.scenario = st.text(1);
  const auto overrides = nlohmann::json::parse(st.text(2), nullptr, false);
  if (overrides.is_array()) {
    for (const auto& o : overrides) {
      if (o.is_string()) r.overrides.push_back(o.get<std::string>());
    }
  }
  r.status = parse_status(st.text(3));
  r.error = st.text(4);
  r.created_utc = st.text(5);
  r.elapsed_ms = st.real(6);
  r.summary_json = st.text(7);
  r.facts_json = st.text(8);
  r.request_key = st.text(9);
  return r;
}

}  // namespace

std::string status_name(RunStatus status) {
  switch (status) {
    case RunStatus::kQueued:
      return "queued";
    case RunStatus::kRunning:
      return "running";
    case RunStatus::kDone:
      return "done";
    case RunStatus::kFailed:
      return "failed";
  }
  return "queued";
}

RunStore::RunStore(const std::filesystem::path& file, std::size_t max_runs) : max_runs_(max_runs) {
  if (sqlite3_open_v2(file.c_str(), &db_,
                      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                      nullptr) != SQLITE_OK) {
    const std::string why = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    throw std::runtime_error(fmt::format("{}: cannot open the run store: {}", file.string(), why));
  }
  sqlite3_busy_timeout(db_, 5000);
  // WAL keeps readers (the HTTP threads) from waiting on a finishing run.
  exec("PRAGMA journal_mode=WAL");
  exec("PRAGMA synchronous=NORMAL");
  exec(
      "CREATE TABLE IF NOT EXISTS runs ("
      " id INTEGER PRIMARY KEY AUTOINCREMENT,"
      " scenario TEXT NOT NULL,"
      " overrides TEXT NOT NULL,"
      " status TEXT NOT NULL,"
      " error TEXT NOT NULL DEFAULT '',"
      " created_utc TEXT NOT NULL,"
      " elapsed_ms REAL NOT NULL DEFAULT 0,"
      " summary TEXT NOT NULL DEFAULT '',"
      " facts TEXT NOT NULL DEFAULT '')");
  exec(
      "CREATE TABLE IF NOT EXISTS series ("
      " run_id INTEGER NOT NULL REFERENCES runs(id),"
      " position INTEGER NOT NULL,"
      " name TEXT NOT NULL,"
      " data BLOB NOT NULL,"
      " PRIMARY KEY (run_id, position))");
  add_missing_columns();
  exec("CREATE INDEX IF NOT EXISTS runs_by_key ON runs (request_key)");
  {
    Statement st(db_, "SELECT coalesce(max(last_read), 0) FROM runs");
    st.step();
    read_clock_ = st.int64(0);
  }
  std::lock_guard lock(mu_);
  exec("BEGIN IMMEDIATE");
  try {
    evict_beyond_bound();
    exec("COMMIT");
  } catch (...) {
    exec("ROLLBACK");
    throw;
  }
}

// Stores written before issue 17 lack the key and the read clock.
void RunStore::add_missing_columns() {
  const auto has = [this](const char* column) {
    Statement st(db_, "SELECT count(*) FROM pragma_table_info('runs') WHERE name = ?");
    st.bind(1, std::string(column));
    st.step();
    return st.int64(0) > 0;
  };
  if (!has("request_key")) exec("ALTER TABLE runs ADD COLUMN request_key TEXT NOT NULL DEFAULT ''");
  if (!has("last_read")) {
    exec("ALTER TABLE runs ADD COLUMN last_read INTEGER NOT NULL DEFAULT 0");
    exec("UPDATE runs SET last_read = id");  // oldest first, as far as is known
  }
}

void RunStore::touch(std::int64_t id) {
  if (id == last_touched_) return;
  Statement st(db_, "UPDATE runs SET last_read = ? WHERE id = ?");
  st.bind(1, read_clock_ + 1).bind(2, id);
  st.step();
  if (sqlite3_changes(db_) > 0) {
    ++read_clock_;
    last_touched_ = id;
  }
}

void RunStore::evict_beyond_bound() {
  if (max_runs_ == 0) return;
  std::int64_t excess = 0;
  {
    Statement st(db_, "SELECT count(*) FROM runs");
    st.step();
    excess = st.int64(0) - static_cast<std::int64_t>(max_runs_);
  }
  if (excess <= 0) return;
  std::vector<std::int64_t> victims;
  {
    Statement st(db_,
                 "SELECT id FROM runs WHERE status IN ('done', 'failed') "
                 "ORDER BY last_read, id LIMIT ?");
    st.bind(1, excess);
    while (st.step()) victims.push_back(st.int64(0));
  }
  for (const std::int64_t id : victims) {
    for (const char* sql :
         {"DELETE FROM series WHERE run_id = ?", "DELETE FROM runs WHERE id = ?"}) {
      Statement st(db_, sql);
      st.bind(1, id);
      st.step();
    }
  }
}

RunStore::~RunStore() { sqlite3_close(db_); }

void RunStore::exec(const char* sql) const {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    const std::string why = err ? err : "unknown error";
    sqlite3_free(err);
    throw std::runtime_error(fmt::format("run store: {}: {}", sql, why));
  }
}

std::int64_t RunStore::create(const std::string& scenario,
                              const std::vector<std::string>& overrides,
                              const std::string& request_key) {
  std::lock_guard lock(mu_);
  exec("BEGIN IMMEDIATE");
  try {
    Statement st(db_,
                 "INSERT INTO runs (scenario, overrides, status, created_utc, request_key, "
                 "last_read) VALUES (?, ?, 'queued', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?, ?)");
    st.bind(1, scenario)
        .bind(2, nlohmann::json(overrides).dump())
        .bind(3, request_key)
        .bind(4, ++read_clock_);
    st.step();
    const std::int64_t id = sqlite3_last_insert_rowid(db_);
    last_touched_ = id;
    evict_beyond_bound();
    exec("COMMIT");
    return id;
  } catch (...) {
    exec("ROLLBACK");
    throw;
  }
}

std::optional<RunRecord> RunStore::find_by_key(const std::string& request_key) {
  if (request_key.empty()) return std::nullopt;
  std::lock_guard lock(mu_);
  std::optional<RunRecord> found;
  {
    Statement st(db_, fmt::format("SELECT {} FROM runs WHERE request_key = ? AND status IN "
                                  "('queued', 'running', 'done') ORDER BY id DESC LIMIT 1",
                                  kColumns)
                          .c_str());
    st.bind(1, request_key);
    if (st.step()) found = read_record(st);
  }
  if (found) touch(found->id);
  return found;
}

void RunStore::set_request_key(std::int64_t id, const std::string& request_key) {
  std::lock_guard lock(mu_);
  Statement st(db_, "UPDATE runs SET request_key = ? WHERE id = ?");
  st.bind(1, request_key).bind(2, id);
  st.step();
}

void RunStore::mark_read(std::int64_t id) {
  std::lock_guard lock(mu_);
  touch(id);
}

std::size_t RunStore::size() const {
  std::lock_guard lock(mu_);
  Statement st(db_, "SELECT count(*) FROM runs");
  st.step();
  return static_cast<std::size_t>(st.int64(0));
}

void RunStore::mark_running(std::int64_t id) {
  std::lock_guard lock(mu_);
  Statement st(db_, "UPDATE runs SET status = 'running' WHERE id = ?");
  st.bind(1, id);
  st.step();
}

void RunStore::finish(std::int64_t id, const std::string& summary_json,
                      const std::string& facts_json, const std::vector<SeriesColumn>& series,
                      double elapsed_ms) {
  std::lock_guard lock(mu_);
  exec("BEGIN");
  try {
    {
      Statement del(db_, "DELETE FROM series WHERE run_id = ?");
      del.bind(1, id);
      del.step();
    }
    std::vector<float> buffer;
    for (std::size_t c = 0; c < series.size(); ++c) {
      buffer.assign(series[c].values.begin(), series[c].values.end());
      Statement st(db_, "INSERT INTO series (run_id, position, name, data) VALUES (?, ?, ?, ?)");
      st.bind(1, id)
          .bind(2, static_cast<std::int64_t>(c))
          .bind(3, series[c].name)
          .bind_blob(4, buffer.data(), buffer.size() * sizeof(float));
      st.step();
    }
    Statement st(db_,
                 "UPDATE runs SET status = 'done', error = '', summary = ?, facts = ?, "
                 "elapsed_ms = ? WHERE id = ?");
    st.bind(1, summary_json).bind(2, facts_json).bind(3, elapsed_ms).bind(4, id);
    st.step();
    exec("COMMIT");
  } catch (...) {
    exec("ROLLBACK");
    throw;
  }
}

void RunStore::fail(std::int64_t id, const std::string& message) {
  std::lock_guard lock(mu_);
  Statement st(db_, "UPDATE runs SET status = 'failed', error = ? WHERE id = ?");
  st.bind(1, message).bind(2, id);
  st.step();
}

std::optional<RunRecord> RunStore::get(std::int64_t id) const {
  std::lock_guard lock(mu_);
  Statement st(db_, fmt::format("SELECT {} FROM runs WHERE id = ?", kColumns).c_str());
  st.bind(1, id);
  if (!st.step()) return std::nullopt;
  return read_record(st);
}

std::vector<RunRecord> RunStore::list(int limit) const {
  std::lock_guard lock(mu_);
  Statement st(db_, fmt::format("SELECT {} FROM runs ORDER BY id DESC LIMIT ?", kColumns).c_str());
  st.bind(1, static_cast<std::int64_t>(limit));
  std::vector<RunRecord> out;
  while (st.step()) {
    out.push_back(read_record(st));
    out.back().summary_json.clear();
  }
  return out;
}

std::vector<RunRecord> RunStore::unfinished() const {
  std::lock_guard lock(mu_);
  Statement st(
      db_,
      fmt::format("SELECT {} FROM runs WHERE status IN ('queued', 'running') ORDER BY id", kColumns)
          .c_str());
  std::vector<RunRecord> out;
  while (st.step()) out.push_back(read_record(st));
  return out;
}

std::vector<SeriesColumn> RunStore::series(std::int64_t id, std::size_t from,
                                           std::size_t to) const {
  std::lock_guard lock(mu_);
  Statement st(db_, "SELECT name, data FROM series WHERE run_id = ? ORDER BY position");
  st.bind(1, id);
  std::vector<SeriesColumn> out;
  while (st.step()) {
    SeriesColumn col{.name = st.text(0), .values = {}};
    const auto [data, bytes] = st.blob(1);
    const std::size_t n = bytes / sizeof(float);
    const std::size_t lo = std::min(from, n);
    const std::size_t hi = std::clamp(to, lo, n);
    std::vector<float> values(hi - lo);
    if (hi > lo) {
      std::memcpy(values.data(), static_cast<const float*>(data) + lo, (hi - lo) * sizeof(float));
    }
    col.values.assign(values.begin(), values.end());
    out.push_back(std::move(col));
  }
  return out;
}

}  // namespace shapan::server
