#include "calendar.h"

#include <gtest/gtest.h>

#include "weather_test_util.h"

namespace shapan::resource::detail {
namespace {

using testing::error_of;

TEST(CalendarTest, StepCountCoversWholeYearsIncludingLeapDays) {
  const Timestamp start = to_timestamp({.year = 2027}, 8.0);
  // 2027 (365 d) + 2028 (366 d) + 2029 (365 d) = 1096 days.
  EXPECT_EQ(simulation_step_count(start, 3, Duration::hours(1), 8.0), 1096u * 24);
  EXPECT_EQ(simulation_step_count(start, 1, Duration::minutes(15), 8.0), 365u * 96);
}

TEST(CalendarTest, TypicalHourOfYearMapsFeb29ToFeb28) {
  EXPECT_EQ(
      typical_hour_of_year(to_timestamp({.year = 2028, .month = 1, .day = 1, .hour = 5}, 8.0), 8.0),
      5);
  EXPECT_EQ(typical_hour_of_year(
                to_timestamp({.year = 2028, .month = 2, .day = 29, .hour = 3}, 0.0), 0.0),
            58 * 24 + 3);
  EXPECT_EQ(typical_hour_of_year(
                to_timestamp({.year = 2028, .month = 12, .day = 31, .hour = 23}, 0.0), 0.0),
            8759);
}

TEST(CalendarTest, BadSpanIsAnInputError) {
  EXPECT_EQ(error_of([] { check_simulation_span(0, Duration::hours(1)); }),
            "<parameters>: years = 0: must be >= 1");
  EXPECT_EQ(error_of([] { check_simulation_span(1, Duration::minutes(7)); }),
            "<parameters>: step = 420 s: must divide one hour (for example 60, 300, 900, 1800 "
            "or 3600 s)");
}

}  // namespace
}  // namespace shapan::resource::detail
