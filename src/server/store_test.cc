#include "shapan/server/store.h"

#include <gtest/gtest.h>
#include <unistd.h>

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
