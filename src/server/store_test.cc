#include "shapan/server/store.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

namespace shapan::server {
namespace {

// A run goes queued -> running -> done; its summary, facts and series come
// back as stored (float32: 7 significant digits), and windows are clamped.
TEST(RunStoreTest, StoresARunAndItsSeries) {
  RunStore store(":memory:");
  const std::int64_t id = store.create("qinghai_base", {"pv.0.dc_capacity_kw=1000"});
  EXPECT_EQ(store.get(id)->status, RunStatus::kQueued);
  store.mark_running(id);
  EXPECT_EQ(store.get(id)->status, RunStatus::kRunning);
  store.finish(id, R"({"green_share":0.5})", R"({"steps":4})",
               {{.name = "pv_kw", .values = {1.0, 2.0, 3.0, 4.0}},
                {.name = "wind_kw", .values = {0.5, 0.25, 0.125, 1e6}}},
               12.5);
  const auto r = store.get(id);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, RunStatus::kDone);
  EXPECT_EQ(r->scenario, "qinghai_base");
  EXPECT_EQ(r->overrides, std::vector<std::string>{"pv.0.dc_capacity_kw=1000"});
  EXPECT_EQ(r->summary_json, R"({"green_share":0.5})");
  EXPECT_DOUBLE_EQ(r->elapsed_ms, 12.5);

  const auto window = store.series(id, 1, 3);
  ASSERT_EQ(window.size(), 2u);
  EXPECT_EQ(window[0].name, "pv_kw");
  EXPECT_EQ(window[0].values, (std::vector<double>{2.0, 3.0}));
  EXPECT_EQ(window[1].values, (std::vector<double>{0.25, 0.125}));
  EXPECT_EQ(store.series(id, 3, 100)[1].values, std::vector<double>{1e6});
  EXPECT_TRUE(store.series(id, 9, 100)[0].values.empty());
}

TEST(RunStoreTest, UnknownRunIsEmpty) {
  RunStore store(":memory:");
  EXPECT_FALSE(store.get(42));
  EXPECT_TRUE(store.series(42, 0, 10).empty());
}

// What a stopped server left queued or running is found by the next one;
// done and failed runs are not.
TEST(RunStoreTest, KeepsRunsAcrossReopening) {
  const auto file = std::filesystem::temp_directory_path() /
                    ("shapan_store_test_" + std::to_string(::getpid()) + ".db");
  std::filesystem::remove(file);
  std::int64_t queued = 0;
  std::int64_t failed = 0;
  {
    RunStore store(file);
    queued = store.create("a", {});
    failed = store.create("b", {"x=1"});
    store.fail(failed, "bad");
  }
  {
    RunStore store(file);
    const auto left = store.unfinished();
    ASSERT_EQ(left.size(), 1u);
    EXPECT_EQ(left[0].id, queued);
    EXPECT_EQ(store.get(failed)->error, "bad");
    EXPECT_EQ(store.list(10).size(), 2u);
    EXPECT_EQ(store.list(10).front().id, failed);  // newest first
  }
  std::filesystem::remove(file);
  std::filesystem::remove(file.string() + "-wal");
  std::filesystem::remove(file.string() + "-shm");
}

// Bounded to 3 runs: the least recently read finished run goes first;
// runs queued or running are never deleted (the store holds more while they
// are); a smaller bound at reopening evicts at once.
TEST(RunStoreTest, EvictsTheLeastRecentlyReadFinishedRunFirst) {
  RunStore store(":memory:", 3);
  const auto done = [&store](const std::string& name) {
    const std::int64_t id = store.create(name, {}, "key-" + name);
    store.finish(id, "{}", "{}", {{.name = "pv_kw", .values = {1.0}}}, 1.0);
    return id;
  };
  const std::int64_t a = done("a");
  const std::int64_t b = done("b");
  const std::int64_t c = done("c");
  store.mark_read(a);                // read order now: b, c, a
  const std::int64_t d = done("d");  // evicts b
  EXPECT_FALSE(store.get(b));
  EXPECT_TRUE(store.series(b, 0, 1).empty());
  EXPECT_TRUE(store.get(a) && store.get(c) && store.get(d));
  ASSERT_TRUE(store.find_by_key("key-c"));  // a read: order a, d, c
  const std::int64_t e = done("e");         // evicts a
  EXPECT_FALSE(store.get(a));
  EXPECT_TRUE(store.get(c) && store.get(d) && store.get(e));
  EXPECT_EQ(store.size(), 3u);
  // Three runs in progress: nothing finished is left to evict beyond them.
  const std::int64_t q1 = store.create("q1", {});
  const std::int64_t q2 = store.create("q2", {});
  store.mark_running(q2);
  const std::int64_t q3 = store.create("q3", {});
  const std::int64_t q4 = store.create("q4", {});
  EXPECT_EQ(store.size(), 4u);
  for (const std::int64_t q : {q1, q2, q3, q4}) EXPECT_TRUE(store.get(q)) << q;
  store.fail(q1, "x");
  (void)store.create("q5", {});  // q1, failed and least recently read, goes
  EXPECT_FALSE(store.get(q1));
}

// find_by_key: the newest queued, running or done run with the key, never a
// failed one, and no run for the empty key.
TEST(RunStoreTest, FindsRunsByKey) {
  RunStore store(":memory:");
  const std::int64_t failed = store.create("a", {}, "k");
  store.fail(failed, "bad");
  EXPECT_FALSE(store.find_by_key("k"));
  const std::int64_t queued = store.create("a", {}, "k");
  EXPECT_EQ(store.find_by_key("k")->id, queued);
  EXPECT_EQ(store.find_by_key("k")->request_key, "k");
  store.finish(queued, "{}", "{}", {}, 1.0);
  EXPECT_EQ(store.find_by_key("k")->status, RunStatus::kDone);
  EXPECT_FALSE(store.find_by_key("other"));
  (void)store.create("b", {});
  EXPECT_FALSE(store.find_by_key(""));
}

// A store written before issue 17 (no request_key or last_read columns)
// opens, gains the columns, and evicts its oldest runs first.
TEST(RunStoreTest, OpensAnOlderStoreAndBoundsIt) {
  const auto file = std::filesystem::temp_directory_path() /
                    ("shapan_store_old_" + std::to_string(::getpid()) + ".db");
  std::filesystem::remove(file);
  const std::string sql =
      "CREATE TABLE runs (id INTEGER PRIMARY KEY AUTOINCREMENT, scenario TEXT NOT NULL, "
      "overrides TEXT NOT NULL, status TEXT NOT NULL, error TEXT NOT NULL DEFAULT '', "
      "created_utc TEXT NOT NULL, elapsed_ms REAL NOT NULL DEFAULT 0, summary TEXT NOT NULL "
      "DEFAULT '', facts TEXT NOT NULL DEFAULT ''); "
      "INSERT INTO runs (scenario, overrides, status, created_utc) VALUES "
      "('a', '[]', 'done', 'x'), ('b', '[]', 'done', 'x'), ('c', '[]', 'done', 'x');";
  ASSERT_EQ(std::system(("sqlite3 " + file.string() + " \"" + sql + "\"").c_str()), 0);
  {
    RunStore store(file, 2);
    EXPECT_EQ(store.size(), 2u);
    EXPECT_FALSE(store.get(1));
    EXPECT_EQ(store.get(2)->scenario, "b");
    EXPECT_EQ(store.get(3)->request_key, "");
  }
  std::filesystem::remove(file);
  std::filesystem::remove(file.string() + "-wal");
  std::filesystem::remove(file.string() + "-shm");
}

TEST(RunStoreTest, UnwritableFileIsAClearError) {
  try {
    RunStore store("/nonexistent-folder/x/shapan.db");
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent-folder/x/shapan.db: cannot open the run "
                                         "store"),
              std::string::npos)
        << e.what();
  }
}

}  // namespace
}  // namespace shapan::server
