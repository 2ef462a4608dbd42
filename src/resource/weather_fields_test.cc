#include "weather_fields.h"

#include <gtest/gtest.h>

#include <cmath>

#include "weather_test_util.h"

namespace shapan::resource::detail {
namespace {

using testing::error_of;

TEST(WeatherFieldsTest, ReadFieldAppliesMissingCodesRangeAndScale) {
  const CsvTable t = parse_csv("9999,500,-9900,10\n", "f.csv");
  const FieldSpec ghi{
      .name = "GHI", .unit = "W/m2", .lo = 0, .hi = 1500, .missing_at_or_above = 9999};
  EXPECT_TRUE(std::isnan(read_field(t, t.rows[0], 0, ghi)));
  EXPECT_DOUBLE_EQ(read_field(t, t.rows[0], 1, ghi), 500.0);
  const FieldSpec p{.name = "P",
                    .unit = "mbar",
                    .lo = -10000,
                    .hi = 2000,
                    .missing_at_or_below = -9900,
                    .scale = 100};
  EXPECT_TRUE(std::isnan(read_field(t, t.rows[0], 2, p)));
  EXPECT_DOUBLE_EQ(read_field(t, t.rows[0], 3, p), 1000.0);
}

TEST(WeatherFieldsTest, InsertFeb29CopiesFeb28) {
  WeatherSeries s = make_series("s", {}, 8760);
  for (std::size_t i = 0; i < 8760; ++i) s.ghi_w_per_m2[i] = static_cast<double>(i);
  insert_feb29(s);
  ASSERT_EQ(s.ghi_w_per_m2.size(), 8784u);
  EXPECT_EQ(s.ghi_w_per_m2[std::size_t{59} * 24], 58.0 * 24);  // 29 Feb 00:00 = 28 Feb 00:00
  EXPECT_EQ(s.ghi_w_per_m2[std::size_t{60} * 24], 59.0 * 24);  // 1 Mar 00:00 unchanged
  EXPECT_EQ(s.temp_air_c.size(), 8784u);
}

TEST(WeatherFieldsTest, LayOutYearPicksNominalYearForMixedYears) {
  const CsvTable t = parse_csv("x\n", "y.csv");
  std::vector<RowStamp> rows;
  CivilTime c{.year = 2001};
  for (int i = 0; i < 8760; ++i) {
    rows.push_back({.line = i + 1,
                    .year = c.month < 6 ? 1990 : 1985,
                    .month = c.month,
                    .day = c.day,
                    .hour = c.hour});
    c = to_civil(to_timestamp(c, 0.0) + Duration::hours(1), 0.0);
  }
  const YearLayout l = lay_out_year(t, rows, 0, 8760);
  EXPECT_EQ(l.year, kNominalYear);
  EXPECT_FALSE(l.insert_feb29);
  rows.push_back({.line = 8761, .year = 1985, .month = 1, .day = 1, .hour = 0});
  EXPECT_EQ(error_of([&] { lay_out_year(t, rows, 0, 8761); }),
            "y.csv:8761: more data rows than one year: expected 8760 hourly rows (1 January to "
            "31 December)");
}

}  // namespace
}  // namespace shapan::resource::detail
