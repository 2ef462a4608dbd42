#include "shapan/resource/series.h"

#include <gtest/gtest.h>

#include "weather_test_util.h"

namespace shapan::resource {
namespace {

using testing::error_of;

// CAISO 2023, stamped in UTC; California standard time is UTC-8, so the row
// "2023-01-01 08:00:00" is local midnight (hour 0) and the first row (UTC
// midnight) is 31 Dec 16:00 local, hour 8752.
TEST(HourlySeriesTest, ReadsCarbonIntensityByLocalHour) {
  const HourlyYear y = read_hourly_series("data/grid/US-CAL-CISO_2023_hourly_carbon_intensity.csv",
                                          {.value_column = "Carbon Intensity gCO₂eq/kWh (direct)",
                                           .time_column = "Datetime (UTC)",
                                           .time_utc_offset_h = 0.0,
                                           .site_utc_offset_h = -8.0});
  ASSERT_EQ(y.values.size(), 8760u);
  EXPECT_DOUBLE_EQ(y.values[0], 225.39);
  EXPECT_DOUBLE_EQ(y.values[8752], 238.69);
  EXPECT_DOUBLE_EQ(y.values[8751], 243.22);
}

// Alibaba CPU profile: no timestamps, 8904 rows; the first 8760 are the year.
TEST(HourlySeriesTest, ReadsUntimedProfileByRowOrder) {
  const HourlyYear y = read_hourly_series("data/workload/greendcc_Alibaba_CPU_Data_Hourly_1.csv",
                                          {.value_column = "cpu_load"});
  ASSERT_EQ(y.values.size(), 8760u);
  EXPECT_DOUBLE_EQ(y.values[0], 0.3809444444444444);
  EXPECT_DOUBLE_EQ(y.values[8759], 0.3654722222222222);
}

// Two years from 2027 at 15 minutes: each hour's value is held over its four
// steps, 2028's 29 Feb repeats 28 Feb, and 2028 otherwise repeats 2027.
TEST(HourlySeriesTest, MapsOntoStepsRepeatingYears) {
  HourlyYear y{.source = "mem", .column = "v", .values = std::vector<double>(8760)};
  for (std::size_t h = 0; h < 8760; ++h) y.values[h] = static_cast<double>(h);
  const auto v =
      hourly_to_steps(y, to_timestamp({.year = 2027}, 8.0), 2, Duration::minutes(15), 8.0);
  ASSERT_EQ(v.size(), (8760u + 8784u) * 4u);
  EXPECT_EQ(v[4 * 10 + 3], 10.0);
  constexpr std::size_t kStepsPerHour = 4;
  const std::size_t y2028 = 8760 * kStepsPerHour;
  // 29 Feb 05:00 = 28 Feb 05:00, and 1 March 05:00.
  EXPECT_EQ(v[y2028 + kStepsPerHour * (59 * 24 + 5)], 58.0 * 24 + 5);
  EXPECT_EQ(v[y2028 + kStepsPerHour * (60 * 24 + 5)], 59.0 * 24 + 5);
  EXPECT_EQ(v.back(), 8759.0);
}

TEST(HourlySeriesBadInputTest, ReportsWhereAndWhat) {
  EXPECT_EQ(
      error_of([] { parse_hourly_series(",cpu\n1,0.5\n", "w.csv", {.value_column = "load"}); }),
      "w.csv:1: no column 'load' in the header");
  EXPECT_EQ(
      error_of([] { parse_hourly_series(",load\n1,0.5\n", "w.csv", {.value_column = "load"}); }),
      "w.csv:2: the file ends after 1 data rows; expected at least 8760 (one value per hour "
      "of the year)");
  EXPECT_EQ(error_of([] {
              parse_hourly_series("t,v\n2023-01-01 00:00:00,1\n2023-01-01 00:30:00,2\n", "c.csv",
                                  {.value_column = "v", .time_column = "t"});
            }),
            "c.csv:3:1: t: '2023-01-01 00:30:00' falls in the same hour of the year as line 2; "
            "expected one row per hour of one year");
  EXPECT_EQ(error_of([] {
              parse_hourly_series("t,v\nyesterday,1\n", "c.csv",
                                  {.value_column = "v", .time_column = "t"});
            }),
            "c.csv:2:1: t: expected a timestamp like 2023-01-01 00:00:00, found 'yesterday'");
  EXPECT_EQ(error_of([] {
              parse_hourly_series("t,v\n2023-01-01 00:00:00,abc\n", "c.csv",
                                  {.value_column = "v", .time_column = "t"});
            }),
            "c.csv:2:2: v: expected a number, found 'abc'");
  EXPECT_EQ(error_of([] {
              parse_hourly_series("t,v\n2023-01-01 00:00:00,1\n", "c.csv",
                                  {.value_column = "v", .time_column = "t"});
            }),
            "c.csv:2: no row for hour 1 of the year (day 1, 01:00 site standard time); expected "
            "one row per hour of one year");
}

}  // namespace
}  // namespace shapan::resource
