#include "shapan/sweep/store.h"

#include <fmt/format.h>
#include <sqlite3.h>
#include <toml++/toml.h>

#include <stdexcept>

#include "shapan/core/error.h"

namespace shapan::sweep {
namespace {

// A prepared statement, finalised on scope exit.
class Statement {
 public:
  Statement(sqlite3* db, const std::string& sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt_, nullptr) != SQLITE_OK) {
      throw std::runtime_error(fmt::format("sweep store: {}: {}", sql, sqlite3_errmsg(db)));
    }
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  void bind(int i, std::int64_t v) { check(sqlite3_bind_int64(stmt_, i, v)); }
  void bind(int i, double v) { check(sqlite3_bind_double(stmt_, i, v)); }
  void bind(int i, const std::string& v) {
    check(sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT));
  }
  bool step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw std::runtime_error(fmt::format("sweep store: {}", sqlite3_errmsg(db_)));
  }
  void reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  sqlite3_stmt* get() const { return stmt_; }
  std::string text(int col) const {
    const auto* p = sqlite3_column_text(stmt_, col);
    return p ? std::string(reinterpret_cast<const char*>(p)) : std::string();
  }

 private:
  void check(int rc) const {
    if (rc != SQLITE_OK)
      throw std::runtime_error(fmt::format("sweep store: {}", sqlite3_errmsg(db_)));
  }
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

std::string quoted(const std::string& name) {
  std::string out = "\"";
  for (const char c : name) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

// An axis value (a TOML literal) bound as the SQLite value it stands for.
void bind_literal(Statement& st, int i, const std::string& literal) {
  if (literal == "true" || literal == "false") {
    st.bind(i, std::int64_t{literal == "true" ? 1 : 0});
    return;
  }
  try {
    const toml::table t = toml::parse("v = " + literal);
    const toml::node* v = t.get("v");
    if (const auto* s = v->as_string()) return st.bind(i, s->get());
    if (const auto* n = v->as_integer()) return st.bind(i, n->get());
    if (const auto* d = v->as_floating_point()) return st.bind(i, d->get());
  } catch (const toml::parse_error&) {
  }
  st.bind(i, literal);
}

const char* const kFixed[] = {"id", "status", "message", "elapsed_ms", "filter_pass"};

}  // namespace

SweepStore::SweepStore(const std::filesystem::path& file, const SweepDefinition& definition,
                       const std::string& hash, std::size_t count)
    : file_(file) {
  if (sqlite3_open_v2(file.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) !=
      SQLITE_OK) {
    const std::string why = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    throw std::runtime_error(
        fmt::format("{}: cannot open the sweep store: {}", file.string(), why));
  }
  try {
    open(definition, hash, count);
  } catch (...) {
    // The destructor does not run for a constructor that throws.
    sqlite3_close(db_);
    throw;
  }
}

void SweepStore::open(const SweepDefinition& definition, const std::string& hash,
                      std::size_t count) {
  sqlite3_busy_timeout(db_, 10000);
  exec("PRAGMA journal_mode=WAL");
  // A committed batch survives a killed process (not necessarily a power cut).
  exec("PRAGMA synchronous=NORMAL");
  exec("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
  std::string create =
      "CREATE TABLE IF NOT EXISTS configs (id INTEGER PRIMARY KEY, status TEXT NOT NULL, "
      "message TEXT NOT NULL DEFAULT '', elapsed_ms REAL NOT NULL DEFAULT 0, filter_pass INTEGER";
  for (const Axis& a : definition.axes) {
    create += fmt::format(", {}", quoted(a.key));
    axis_keys_.push_back(a.key);
  }
  exec(create + ")");
  {
    Statement st(db_, "SELECT value FROM meta WHERE key = 'definition_hash'");
    if (st.step() && st.text(0) != hash) {
      throw InputError(InputIssue{
          .source = file_.string(),
          .message = fmt::format("holds the results of another sweep (definition hash {}, this "
                                 "one {}); use another --out folder or delete it",
                                 st.text(0), hash)});
    }
  }
  exec(
      fmt::format("INSERT OR IGNORE INTO meta (key, value) VALUES ('definition_hash', '{}'), "
                  "('configurations', '{}')",
                  hash, count));
  Statement info(db_, "PRAGMA table_info(configs)");
  while (info.step()) columns_.insert(info.text(1));
}

SweepStore::~SweepStore() { sqlite3_close(db_); }

void SweepStore::exec(const std::string& sql) const {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    const std::string why = err ? err : "unknown error";
    sqlite3_free(err);
    throw std::runtime_error(fmt::format("{}: {}: {}", file_.string(), sql, why));
  }
}

std::set<std::int64_t> SweepStore::stored_ids() const {
  std::set<std::int64_t> ids;
  Statement st(db_, "SELECT id FROM configs");
  while (st.step()) ids.insert(sqlite3_column_int64(st.get(), 0));
  return ids;
}

void SweepStore::add_columns(const Row& row) {
  for (const auto& [key, value] : row.kpis) {
    if (columns_.insert(key).second) {
      exec(fmt::format("ALTER TABLE configs ADD COLUMN {} REAL", quoted(key)));
    }
  }
}

void SweepStore::store(std::span<const Row> rows) {
  exec("BEGIN IMMEDIATE");
  try {
    for (const Row& row : rows) {
      add_columns(row);
      std::string names = "id, status, message, elapsed_ms";
      std::string marks = "?, ?, ?, ?";
      for (const std::string& k : axis_keys_) {
        names += fmt::format(", {}", quoted(k));
        marks += ", ?";
      }
      for (const auto& kpi : row.kpis) {
        names += fmt::format(", {}", quoted(kpi.first));
        marks += ", ?";
      }
      Statement st(db_,
                   fmt::format("INSERT OR IGNORE INTO configs ({}) VALUES ({})", names, marks));
      int i = 1;
      st.bind(i++, row.id);
      st.bind(i++, status_name(row.status));
      st.bind(i++, row.message);
      st.bind(i++, row.elapsed_ms);
      for (const std::string& v : row.values) bind_literal(st, i++, v);
      for (const auto& kpi : row.kpis) st.bind(i++, kpi.second);
      st.step();
    }
    exec("COMMIT");
  } catch (...) {
    exec("ROLLBACK");
    throw;
  }
}

std::vector<StoredRow> SweepStore::rows() const {
  std::vector<StoredRow> out;
  Statement st(db_, "SELECT * FROM configs ORDER BY id");
  const int n = sqlite3_column_count(st.get());
  std::vector<std::string> names;
  std::vector<bool> is_kpi;
  for (int c = 0; c < n; ++c) {
    names.emplace_back(sqlite3_column_name(st.get(), c));
    bool kpi = std::find(std::begin(kFixed), std::end(kFixed), names.back()) == std::end(kFixed);
    kpi = kpi && std::find(axis_keys_.begin(), axis_keys_.end(), names.back()) == axis_keys_.end();
    is_kpi.push_back(kpi);
  }
  while (st.step()) {
    StoredRow r;
    r.id = sqlite3_column_int64(st.get(), 0);
    r.status = st.text(1);
    r.message = st.text(2);
    for (int c = 0; c < n; ++c) {
      if (is_kpi[c] && sqlite3_column_type(st.get(), c) != SQLITE_NULL) {
        r.kpis[names[c]] = sqlite3_column_double(st.get(), c);
      }
    }
    out.push_back(std::move(r));
  }
  return out;
}

void SweepStore::mark_filter(const std::vector<Condition>& filter) {
  const std::vector<StoredRow> all = rows();
  exec("BEGIN IMMEDIATE");
  try {
    Statement st(db_, "UPDATE configs SET filter_pass = ? WHERE id = ?");
    for (const StoredRow& r : all) {
      if (r.status != "done") continue;
      bool pass = true;
      for (const Condition& c : filter) {
        const auto it = r.kpis.find(c.kpi);
        pass = pass && it != r.kpis.end() && c.holds(it->second);
      }
      st.bind(1, std::int64_t{pass ? 1 : 0});
      st.bind(2, r.id);
      st.step();
      st.reset();
    }
    exec("COMMIT");
  } catch (...) {
    exec("ROLLBACK");
    throw;
  }
}

std::string SweepStore::integrity() const {
  Statement st(db_, "PRAGMA integrity_check");
  std::string out;
  while (st.step()) {
    if (!out.empty()) out += '\n';
    out += st.text(0);
  }
  return out;
}

}  // namespace shapan::sweep
