// The golden comparer's own tests: each difference it must catch, the
// message it prints, and the differences it must let pass (tolerances).
#include "golden.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

namespace shapan::golden {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

Rules test_rules() {
  Rules r;
  r.summary = {.relative = 1e-9, .absolute = 1e-9};
  r.summary_bound = {{"balance_max_abs_error_kwh", 1e-6}};
  r.timeseries_relative = 1e-9;
  r.column_decimals = {{"pv_kw", 3}, {"soc_frac", 6}};
  r.column_bound = {{"balance_error_kwh", 1e-6}};
  r.text_columns = {"time_local"};
  return r;
}

// A CSV file with the given text, removed when the object goes.
class CsvFile {
 public:
  explicit CsvFile(const std::string& text) {
    static int n = 0;
    path_ =
        std::filesystem::temp_directory_path() /
        ("shapan_golden_test_" + std::to_string(::getpid()) + "_" + std::to_string(++n) + ".csv");
    std::ofstream(path_) << text;
  }
  CsvFile(const CsvFile&) = delete;
  CsvFile& operator=(const CsvFile&) = delete;
  ~CsvFile() {
    std::error_code ec;
    std::filesystem::remove(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

TimeseriesScan scan(const std::string& text, std::size_t first_row, std::size_t rows) {
  return scan_timeseries(CsvFile(text).path(), test_rules(), first_row, rows);
}

const char* const kCsv =
    "time_local,pv_kw,soc_frac,balance_error_kwh\n"
    "2025-01-01T00:00:00+08:00,0.0000,0.500000,1.2e-12\n"
    "2025-01-01T01:00:00+08:00,1.2344,0.510000,-3.4e-13\n"
    "2025-01-01T02:00:00+08:00,100.5000,0.520000,0\n";

TEST(GoldenDigestTest, SumsMinMaxAtTheColumnsDecimals) {
  // pv_kw: 0 + 1.2344 + 100.5 = 101.7344, written with 3 decimals.
  const TimeseriesScan s = scan(kCsv, 1, 1);
  EXPECT_THAT(s.problems, IsEmpty());
  ASSERT_THAT(s.digests, SizeIs(4));
  const ColumnDigest& pv = s.digests[1];
  EXPECT_EQ(pv.kind, "3");
  EXPECT_EQ(pv.count, 3u);
  EXPECT_EQ(pv.sum, "101.734");
  EXPECT_EQ(pv.min, "0.000");
  EXPECT_EQ(pv.max, "100.500");
  EXPECT_THAT(pv.hash, SizeIs(16));
  const ColumnDigest& time = s.digests[0];
  EXPECT_EQ(time.kind, "text");
  EXPECT_EQ(time.min, "2025-01-01T00:00:00+08:00");
  EXPECT_EQ(time.max, "2025-01-01T02:00:00+08:00");
  EXPECT_EQ(s.digests[3].kind, "bound");
  EXPECT_EQ(s.digests[3].sum, "");
  // The excerpt: header and data row 1, without the bounded (noise) column.
  EXPECT_THAT(s.excerpt, ElementsAre("time_local,pv_kw,soc_frac",
                                     "2025-01-01T01:00:00+08:00,1.2344,0.510000"));
}

TEST(GoldenDigestTest, HashSeesChangesAtTheResolutionOnly) {
  const std::string base = scan(kCsv, 0, 1).digests[1].hash;
  // 1.2344 -> 1.2343 rounds to 1.234 either way: below the 3-decimal resolution.
  std::string below(kCsv);
  below.replace(below.find("1.2344"), 6, "1.2343");
  EXPECT_EQ(scan(below, 0, 1).digests[1].hash, base);
  // 1.2344 -> 1.2354: one unit at 3 decimals.
  std::string at(kCsv);
  at.replace(at.find("1.2344"), 6, "1.2354");
  EXPECT_NE(scan(at, 0, 1).digests[1].hash, base);
  // Two values swapped: same sum, min and max, another hash (a time shift).
  const std::string swapped =
      "time_local,pv_kw,soc_frac,balance_error_kwh\n"
      "2025-01-01T00:00:00+08:00,1.2344,0.500000,0\n"
      "2025-01-01T01:00:00+08:00,0.0000,0.510000,0\n"
      "2025-01-01T02:00:00+08:00,100.5000,0.520000,0\n";
  const ColumnDigest s = scan(swapped, 0, 1).digests[1];
  EXPECT_EQ(s.sum, "101.734");
  EXPECT_NE(s.hash, base);
}

TEST(GoldenDigestTest, ProblemsNameTheColumnAndRow) {
  const std::string text =
      "time_local,pv_kw,new_kw,balance_error_kwh\n"
      "2025-01-01T00:00:00+08:00,x,1,0.002\n";
  const TimeseriesScan s = scan(text, 0, 1);
  EXPECT_THAT(s.problems, ElementsAre(HasSubstr("column new_kw: no decimals stated"),
                                      "timeseries row 0 column pv_kw: \"x\" is not a finite number",
                                      HasSubstr("column balance_error_kwh: 1 of 1 values beyond "
                                                "the bound |value| <= 1e-06; the largest, 0.002, "
                                                "at row 0")));
}

TEST(GoldenDigestTest, ExcerptBeyondTheEndIsAProblem) {
  const TimeseriesScan s = scan(kCsv, 2, 5);
  EXPECT_THAT(s.problems, ElementsAre(HasSubstr("timeseries has 3 rows: the excerpt (rows 2..6)")));
}

TEST(GoldenDigestTest, DigestFileRoundTrips) {
  const std::vector<ColumnDigest> d = scan(kCsv, 0, 1).digests;
  const std::string text = digests_to_csv(d);
  EXPECT_THAT(text, HasSubstr("\npv_kw,3,3,101.734,0.000,100.500,"));
  EXPECT_EQ(digests_to_csv(digests_from_csv(text)), text);
  EXPECT_THROW(digests_from_csv("name,count\n"), std::runtime_error);
}

TEST(GoldenSummaryTest, ExpectedTextIsSortedWithBounds) {
  const nlohmann::json s = nlohmann::json::parse(
      R"({"zeta": 1, "alpha": {"b": 2.5, "a": true}, "balance_max_abs_error_kwh": 3e-11})");
  EXPECT_EQ(expected_summary_text(s, test_rules()),
            "{\n  \"alpha\": {\n    \"a\": true,\n    \"b\": 2.5\n  },\n"
            "  \"balance_max_abs_error_kwh\": \"<= 1e-06\",\n  \"zeta\": 1\n}\n");
}

TEST(GoldenSummaryTest, WithinTheRelativeToleranceMatches) {
  const auto e = nlohmann::json::parse(R"({"energy_kwh": {"pv": 1000000.0}})");
  const auto a = nlohmann::json::parse(R"({"energy_kwh": {"pv": 1000000.0005}})");
  EXPECT_THAT(compare_summary(e, a, test_rules()), IsEmpty());  // 5e-10 relative
  Rules exact = test_rules();
  exact.exact = true;
  EXPECT_THAT(compare_summary(e, a, exact), SizeIs(1));
}

TEST(GoldenSummaryTest, EachDifferenceIsOneReadableLine) {
  const auto e = nlohmann::json::parse(
      R"({"energy_kwh": {"pv": 1000.0}, "steps": 8760, "scenario": "a", "gone": 1.0,
          "hydro_plants": [{"spill_hm3": 0.0}], "balance_max_abs_error_kwh": "<= 1e-06"})");
  const auto a = nlohmann::json::parse(
      R"({"energy_kwh": {"pv": 1001.0}, "steps": 8761, "scenario": "b", "added": 2,
          "hydro_plants": [{"spill_hm3": 0.0}], "balance_max_abs_error_kwh": 0.5})");
  EXPECT_THAT(compare_summary(e, a, test_rules()),
              ElementsAre("summary.json balance_max_abs_error_kwh: expected |value| <= 1e-06, "
                          "actual 0.5",
                          "summary.json energy_kwh.pv: expected 1000, actual 1001 (difference 1, "
                          "relative 0.001; allowed 1e-06)",
                          "summary.json gone: missing (expected 1.0)",
                          "summary.json scenario: expected \"a\", actual \"b\"",
                          "summary.json steps: expected 8760, actual 8761",
                          "summary.json added: new key, not in the expected file (actual 2)"));
}

TEST(GoldenDigestCompareTest, NamesTheColumnAndWhatMoved) {
  std::vector<ColumnDigest> e = scan(kCsv, 0, 1).digests;
  std::vector<ColumnDigest> a = e;
  EXPECT_THAT(compare_digests(e, a, test_rules()), IsEmpty());
  a[1].sum = "101.744";
  a[1].hash = "0000000000000001";
  a.pop_back();
  EXPECT_THAT(compare_digests(e, a, test_rules()),
              ElementsAre("timeseries column pv_kw: sum 101.734 -> 101.744 (+0.01); hash " +
                              e[1].hash + " -> 0000000000000001 (values at 3 decimals changed)",
                          "timeseries column balance_error_kwh: missing"));
}

TEST(GoldenExcerptTest, CellsWithinHalfAUnitOfTheDecimalsMatch) {
  const std::vector<std::string> e = {"time_local,pv_kw", "2025-01-01T00:00:00+08:00,1.2344"};
  EXPECT_THAT(
      compare_excerpt(e, {"time_local,pv_kw", "2025-01-01T00:00:00+08:00,1.2348"}, 7, test_rules()),
      IsEmpty());  // 0.0004 < 0.0005
  EXPECT_THAT(
      compare_excerpt(e, {"time_local,pv_kw", "2025-01-01T01:00:00+08:00,1.2364"}, 7, test_rules()),
      ElementsAre("timeseries row 7 (2025-01-01T00:00:00+08:00) time_local: expected "
                  "2025-01-01T00:00:00+08:00, actual 2025-01-01T01:00:00+08:00",
                  "timeseries row 7 (2025-01-01T00:00:00+08:00) pv_kw: expected 1.2344, "
                  "actual 1.2364"));
  EXPECT_THAT(compare_excerpt(e, {"time_local,wind_kw"}, 7, test_rules()),
              ElementsAre(HasSubstr("timeseries excerpt header: expected \"time_local,pv_kw\"")));
}

}  // namespace
}  // namespace shapan::golden
