#include "shapan/sweep/store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "shapan/core/error.h"

namespace shapan::sweep {
namespace {

using testing::ElementsAre;
using testing::HasSubstr;

struct TempFile {
  std::filesystem::path path =
      std::filesystem::temp_directory_path() /
      ("shapan_store_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
       ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".sqlite");
  TempFile() { remove(); }
  ~TempFile() { remove(); }
  void remove() const {
    for (const char* suffix : {"", "-wal", "-shm"}) {
      std::filesystem::remove(path.string() + suffix);
    }
  }
};

SweepDefinition definition() {
  SweepDefinition d;
  d.axes = {Axis{.key = "pv.0.dc_capacity_kw"}, Axis{.key = "scheduler.policy"}};
  return d;
}

Row done(std::int64_t id, double cfe) {
  return Row{.id = id,
             .values = {"1.5", "\"fcfs\""},
             .status = RowStatus::kDone,
             .message = "",
             .kpis = {{"cfe_score", cfe}, {"cost.total_cny", 10.0 * static_cast<double>(id)}},
             .elapsed_ms = 1.0};
}

// Storing a row twice keeps the first (INSERT OR IGNORE by id): a resumed
// sweep that ran a configuration again never duplicates it.
TEST(SweepStoreTest, RowsSurviveReopeningAndAreNeverDuplicated) {
  const TempFile f;
  {
    SweepStore s(f.path, definition(), "hash1", 3);
    const std::vector<Row> batch = {done(0, 0.5), done(2, 0.7)};
    s.store(batch);
  }
  SweepStore s(f.path, definition(), "hash1", 3);
  EXPECT_THAT(s.stored_ids(), ElementsAre(0, 2));
  Row invalid{.id = 1,
              .values = {"2.0", "\"x\""},
              .status = RowStatus::kInvalid,
              .message = "bad value",
              .kpis = {},
              .elapsed_ms = 0.5};
  const std::vector<Row> batch = {done(2, 0.9), invalid};
  s.store(batch);
  const std::vector<StoredRow> rows = s.rows();
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[2].kpis.at("cfe_score"), 0.7);
  EXPECT_EQ(rows[1].status, "invalid");
  EXPECT_EQ(rows[1].message, "bad value");
  EXPECT_TRUE(rows[1].kpis.empty());
  EXPECT_EQ(s.integrity(), "ok");
}

TEST(SweepStoreTest, AnotherSweepInTheSameFileIsRefused) {
  const TempFile f;
  { SweepStore s(f.path, definition(), "hash1", 3); }
  try {
    SweepStore s(f.path, definition(), "hash2", 3);
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_THAT(e.what(), HasSubstr("holds the results of another sweep"));
  }
}

TEST(SweepStoreTest, FilterMarksRowsWithoutDroppingThem) {
  const TempFile f;
  SweepStore s(f.path, definition(), "h", 2);
  const std::vector<Row> batch = {done(0, 0.5), done(1, 0.95)};
  s.store(batch);
  s.mark_filter({Condition{.kpi = "cfe_score", .op = CompareOp::kGreaterEqual, .value = 0.9}});
  EXPECT_EQ(s.rows().size(), 2u);
}

}  // namespace
}  // namespace shapan::sweep
