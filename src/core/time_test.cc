#include "shapan/core/time.h"

#include <gtest/gtest.h>

#include <utility>

namespace shapan {
namespace {

TEST(TimeTest, UnixEpochIsJulianDay2440587_5) {
  EXPECT_DOUBLE_EQ(Timestamp::from_unix_seconds(0).julian_day(), 2440587.5);
}

// NREL SPA report (Reda & Andreas, NREL/TP-560-34302), Table A5.1: 2003-10-17
// 12:30:30 at UTC-7 has JD 2452930.312847.
TEST(TimeTest, SpaExampleJulianDay) {
  const Timestamp t = to_timestamp(
      {.year = 2003, .month = 10, .day = 17, .hour = 12, .minute = 30, .second = 30}, -7.0);
  EXPECT_NEAR(t.julian_day(), 2452930.312847, 1e-6);
}

TEST(TimeTest, CivilRoundTripAcrossOffsets) {
  const CivilTime c{.year = 2024, .month = 2, .day = 29, .hour = 23, .minute = 59, .second = 7};
  for (const double offset_h : {-7.0, 0.0, 5.5, 8.0}) {
    EXPECT_EQ(to_civil(to_timestamp(c, offset_h), offset_h), c) << offset_h;
  }
  // 2024-01-01T00:00+08:00 is 2023-12-31T16:00Z.
  const CivilTime utc = to_civil(to_timestamp({.year = 2024}, 8.0), 0.0);
  EXPECT_EQ(utc, (CivilTime{.year = 2023, .month = 12, .day = 31, .hour = 16}));
}

// An offset is rounded to whole seconds, halves away from zero (as
// std::llround): +0.5 s is 1 s, -0.5 s is -1 s, 0.49 s is 0 s.
TEST(TimeTest, OffsetRoundsToTheNearestSecondHalfAwayFromZero) {
  const CivilTime epoch{};
  for (const auto& [offset_s, want_s] :
       {std::pair{0.5, 1}, std::pair{-0.5, -1}, std::pair{1.5, 2}, std::pair{-1.5, -2},
        std::pair{0.49, 0}, std::pair{-0.49, 0}, std::pair{2.5, 3}}) {
    // Local midnight at `offset` east of UTC is `offset` before UTC midnight.
    EXPECT_EQ(to_timestamp(epoch, offset_s / 3600.0).unix_seconds(), -want_s) << offset_s;
  }
}

// The clock gives to_civil's answer for steps in order (15 minutes over
// three years from before the epoch, across 29 February 2024) and for
// instants out of order, in zones east and west of UTC.
TEST(TimeTest, CivilClockMatchesToCivil) {
  for (const double offset_h : {8.0, -3.5, 0.0}) {
    CivilClock clock(offset_h);
    const Timestamp start = to_timestamp(CivilTime{.year = 1969, .month = 12, .day = 31}, 0.0);
    for (std::int64_t k = 0; k < std::int64_t{3} * 366 * 96; k += 7) {
      const Timestamp t = start + Duration::minutes(15) * k;
      ASSERT_EQ(clock.at(t), to_civil(t, offset_h)) << k;
    }
    for (const std::int64_t s : {1709164800LL, -86401LL, 1709251199LL, 0LL, 1735689600LL}) {
      const Timestamp t = Timestamp::from_unix_seconds(s);
      EXPECT_EQ(clock.at(t), to_civil(t, offset_h)) << s;
    }
  }
}

// enter_local_hour(t) over a year (2024, a leap year, from before its first
// local midnight) at 1-, 5- and 60-minute steps, and at 7-minute steps, which
// do not divide the hour: it reports a new hour exactly when to_civil's date
// or hour differs from the last step's, and local_hour() is to_civil's
// answer with minute and second 0, in zones of whole and fractional hours.
TEST(TimeTest, CivilClockEntersEachLocalHour) {
  for (const double offset_h : {0.0, 8.0, 5.75, -3.5}) {
    for (const std::int64_t step_min : {1, 5, 7, 60}) {
      CivilClock clock(offset_h);
      const Timestamp start = to_timestamp(CivilTime{.year = 2023, .month = 12, .day = 31}, 0.0);
      CivilTime last{.year = 0};
      for (std::int64_t k = 0; k < std::int64_t{366} * 24 * 60 / step_min; ++k) {
        const Timestamp t = start + Duration::minutes(step_min) * k;
        CivilTime now = to_civil(t, offset_h);
        now.minute = 0;
        now.second = 0;
        ASSERT_EQ(clock.enter_local_hour(t), now != last)
            << offset_h << " " << step_min << " " << k;
        ASSERT_EQ(clock.local_hour(), now) << offset_h << " " << step_min << " " << k;
        last = now;
      }
    }
  }
}

// Out of order, and across the epoch and days far apart, local_hour() is
// still to_civil's date and hour; a repeated instant is not a new hour.
TEST(TimeTest, CivilClockEntersLocalHoursOutOfOrder) {
  for (const double offset_h : {0.0, 8.0, 5.75, -3.5}) {
    CivilClock clock(offset_h);
    for (const std::int64_t s : {1709164800LL, -86401LL, -1LL, 0LL, 1709251199LL, 1735689600LL,
                                 1709251199LL - 3600, 3599LL, 1LL}) {
      const Timestamp t = Timestamp::from_unix_seconds(s);
      CivilTime want = to_civil(t, offset_h);
      want.minute = 0;
      want.second = 0;
      clock.enter_local_hour(t);
      EXPECT_EQ(clock.local_hour(), want) << offset_h << " " << s;
      EXPECT_FALSE(clock.enter_local_hour(t)) << offset_h << " " << s;
      EXPECT_EQ(clock.at(t), to_civil(t, offset_h)) << offset_h << " " << s;
      EXPECT_EQ(clock.local_hour(), want) << offset_h << " " << s;
    }
  }
}

TEST(TimeTest, LeapYearsAndDayOfYear) {
  EXPECT_TRUE(is_leap_year(2000));
  EXPECT_FALSE(is_leap_year(1900));
  EXPECT_TRUE(is_leap_year(2024));
  EXPECT_EQ(days_in_month(2023, 2), 28);
  EXPECT_EQ(days_in_month(2024, 2), 29);
  EXPECT_EQ(day_of_year(2023, 12, 31), 365);
  EXPECT_EQ(day_of_year(2024, 3, 1), 61);
}

// Every date of 1899–2101 (leap rules of 1900, 2000 and 2100 included): the
// day of the year is the days since 1 January, counted on the calendar.
TEST(TimeTest, DayOfYearCountsDaysSinceFirstOfJanuary) {
  for (int year = 1899; year <= 2101; ++year) {
    const Timestamp first = to_timestamp(CivilTime{.year = year, .month = 1, .day = 1}, 0.0);
    for (int month = 1; month <= 12; ++month) {
      for (int day = 1; day <= days_in_month(year, month); ++day) {
        const Timestamp t = to_timestamp(CivilTime{.year = year, .month = month, .day = day}, 0.0);
        ASSERT_EQ(day_of_year(year, month, day), (t - first).in_seconds() / 86400 + 1)
            << year << "-" << month << "-" << day;
      }
    }
  }
}

TEST(TimeTest, ParsesAndFormatsIso8601) {
  const auto t = parse_iso8601("2003-10-17T12:30:30-07:00", 0.0);
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(format_iso8601(*t, 0.0), "2003-10-17T19:30:30+00:00");
  EXPECT_EQ(format_iso8601(*t, -7.0), "2003-10-17T12:30:30-07:00");
  const auto local = parse_iso8601("2024-01-01", 8.0);
  ASSERT_TRUE(local.has_value());
  EXPECT_EQ(format_iso8601(*local, 8.0), "2024-01-01T00:00:00+08:00");
  EXPECT_EQ(parse_iso8601("2024-01-01T10:00Z", 8.0)->unix_seconds(), 1704103200);
}

TEST(TimeTest, RejectsMalformedIso8601) {
  for (const char* bad : {"", "2024", "2024-13-01", "2024-02-30", "2024-01-01T25:00",
                          "2024-01-01T10:00+8", "2024-01-01X", "yesterday"}) {
    EXPECT_FALSE(parse_iso8601(bad, 0.0).has_value()) << bad;
  }
}

}  // namespace
}  // namespace shapan
