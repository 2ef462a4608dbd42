// Daily inflow: the CAMELS-US record of USGS gauge 01022500 (data/hydro, see
// PROVENANCE.md), unit conversion and the two day mappings.
#include "shapan/resource/daily_inflow.h"

#include <gtest/gtest.h>

#include "shapan/core/error.h"

namespace shapan::resource {
namespace {

constexpr double kM3PerFt3 = 0.028316846592;

// First lines of the file: 2000-01-01 255 ft³/s, 01-02 272, 01-03 337.
TEST(DailyInflowTest, ReadsCamelsAndConverts) {
  const DailyInflowSeries s = read_camels_daily("data/hydro/camels_01022500_streamflow_qc.txt");
  ASSERT_EQ(s.days.size(), 1096u);  // 2000-01-01 to 2002-12-31
  EXPECT_EQ(s.days[0].year, 2000);
  EXPECT_NEAR(s.days[0].flow_m3_per_s, 255.0 * kM3PerFt3, 1e-12);
  EXPECT_NEAR(s.days[2].flow_m3_per_s, 337.0 * kM3PerFt3, 1e-12);
}

// Hourly steps from 2025-01-01 (UTC+8) read 2001 onwards with first_year:
// the first 24 steps carry 2001-01-01's flow, the next 24 2001-01-02's.
TEST(DailyInflowTest, ConstantWithinEachDayFromTheChosenYear) {
  const DailyInflowSeries s =
      parse_camels_daily("g 2001 01 01 100.0 A\ng 2001 01 02 200.0 A\ng 2001 01 03 300.0 A\n", "t");
  const Timestamp start = to_timestamp(CivilTime{.year = 2025, .month = 1, .day = 1}, 8.0);
  // The record lacks the rest of the year: the run (one year) must be refused.
  EXPECT_THROW(daily_inflow_per_step_m3_per_s(s, start, 1, Duration::hours(1), 8.0, 2001),
               InputError);
  // Climatology needs every calendar day too.
  EXPECT_THROW(daily_inflow_per_step_m3_per_s(s, start, 1, Duration::hours(1), 8.0, std::nullopt),
               InputError);
  const DailyInflowSeries full = read_camels_daily("data/hydro/camels_01022500_streamflow_qc.txt");
  const auto q = daily_inflow_per_step_m3_per_s(full, start, 2, Duration::hours(1), 8.0, 2001);
  ASSERT_EQ(q.size(), 2u * 8760u);
  EXPECT_DOUBLE_EQ(q[0], q[23]);
  EXPECT_NE(q[23], q[24]);
  EXPECT_DOUBLE_EQ(q[8760], full.days[731].flow_m3_per_s);  // 2002-01-01
  // Climatology: 1 January is the mean of 2000, 2001 and 2002's.
  const auto clim =
      daily_inflow_per_step_m3_per_s(full, start, 1, Duration::hours(1), 8.0, std::nullopt);
  EXPECT_NEAR(
      clim[0],
      (full.days[0].flow_m3_per_s + full.days[366].flow_m3_per_s + full.days[731].flow_m3_per_s) /
          3.0,
      1e-12);
}

TEST(DailyInflowTest, BadLinesAreLocated) {
  try {
    parse_camels_daily("g 2001 01 01 100.0 A\ng 2001 02 30 5 A\n", "f.txt");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.issues()[0].to_string(), "f.txt:2: date: 2001-02-30 is not a date");
  }
  try {
    parse_camels_daily("g 2001 01 01 -999.0 M\n", "f.txt");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.issues()[0].to_string(),
              "f.txt:1: discharge: missing (-999): fill the gap before using the record");
  }
}

}  // namespace
}  // namespace shapan::resource
