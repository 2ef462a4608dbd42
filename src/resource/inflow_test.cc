#include "shapan/resource/inflow.h"

#include <gtest/gtest.h>

#include <numeric>

#include "weather_test_util.h"

namespace shapan::resource {
namespace {

using testing::error_of;

const MonthlyInflowSeries& tangnaihai() {
  static const MonthlyInflowSeries kSeries =
      read_monthly_inflow("data/hydro/yellow_river_tangnaihai_guide_monthly_1957_2018.csv");
  return kSeries;
}

TEST(InflowTest, ReadsTangnaihai) {
  const auto& s = tangnaihai();
  ASSERT_EQ(s.months.size(), 744u);  // 1957-01 .. 2018-12
  EXPECT_EQ(s.months.front().year, 1957);
  EXPECT_EQ(s.months.back().month, 12);
  EXPECT_DOUBLE_EQ(s.months.front().flow_m3_per_s, 122.0131421744325);
}

// January and July means over the 62 years, computed from the file's column.
TEST(InflowTest, ClimatologyIsTheMeanOverAllYears) {
  const auto m = typical_monthly_flow_m3_per_s(tangnaihai());
  EXPECT_NEAR(m[0], 170.48827802828842, 1e-9);
  EXPECT_NEAR(m[6], 1310.7676899063479, 1e-9);
  const auto y2000 = monthly_flow_of_year_m3_per_s(tangnaihai(), 2000);
  EXPECT_DOUBLE_EQ(y2000[0], 170.32258064516128);
  EXPECT_DOUBLE_EQ(y2000[1], 156.72413793103448);
}

// Hourly and 15-minute steps over 2027..2028 (leap): the mean over each
// calendar month's steps is that month's flow, to 1e-9 relative.
TEST(InflowTest, PerStepSeriesKeepsEveryMonthMean) {
  const auto monthly = typical_monthly_flow_m3_per_s(tangnaihai());
  for (int minutes : {60, 15}) {
    const Duration step = Duration::minutes(minutes);
    const Timestamp start = to_timestamp({.year = 2027}, 8.0);
    const auto v = inflow_per_step_m3_per_s(monthly, start, 2, step, 8.0);
    ASSERT_EQ(v.size(), (365u + 366u) * 24u * 60u / static_cast<unsigned>(minutes));
    std::size_t k = 0;
    for (int year : {2027, 2028}) {
      for (int month = 1; month <= 12; ++month) {
        const std::size_t n = static_cast<std::size_t>(days_in_month(year, month)) * 24 * 60 /
                              static_cast<std::size_t>(minutes);
        const double mean = std::accumulate(v.begin() + static_cast<std::ptrdiff_t>(k),
                                            v.begin() + static_cast<std::ptrdiff_t>(k + n), 0.0) /
                            static_cast<double>(n);
        EXPECT_NEAR(mean, monthly[static_cast<std::size_t>(month - 1)],
                    1e-9 * monthly[static_cast<std::size_t>(month - 1)])
            << year << "-" << month;
        k += n;
      }
    }
    for (double x : v) ASSERT_GE(x, 0.0);
  }
}

// The climatology rises from the winter low to the July peak, so 10 April
// sits below 10 May; with `year` the year's own months are used instead.
TEST(InflowTest, ShapeFollowsTheMidMonthLineAndYearArgument) {
  const Timestamp start = to_timestamp({.year = 2026}, 8.0);
  const auto clim = inflow_per_step_m3_per_s(tangnaihai(), start, 1, Duration::hours(1), 8.0);
  ASSERT_EQ(clim.size(), 8760u);
  EXPECT_LT(clim[std::size_t{24} * 100], clim[std::size_t{24} * 130]);
  const auto y2000 =
      inflow_per_step_m3_per_s(tangnaihai(), start, 1, Duration::hours(1), 8.0, 2000);
  constexpr int kJanuaryHours = 31 * 24;
  const double jan =
      std::accumulate(y2000.begin(), y2000.begin() + kJanuaryHours, 0.0) / kJanuaryHours;
  EXPECT_NEAR(jan, 170.32258064516128, 1e-9);
}

TEST(InflowBadInputTest, MissingYearAndBadRows) {
  EXPECT_EQ(error_of([] { monthly_flow_of_year_m3_per_s(tangnaihai(), 2020); }),
            "data/hydro/yellow_river_tangnaihai_guide_monthly_1957_2018.csv: upreach_flow: year "
            "2020 has 0 of 12 months; the file covers 1957 to 2018");
  EXPECT_EQ(error_of([] {
              parse_monthly_inflow("date,upreach_flow\n1957-01-31,100\n1957-03-31,90\n", "q.csv");
            }),
            "q.csv:3:1: date = 1957-03-31: expected the next month, 1957-02");
  EXPECT_EQ(error_of([] { parse_monthly_inflow("date,upreach_flow\n1957-01-31,-4\n", "q.csv"); }),
            "q.csv:2:2: upreach_flow = -4 m3/s: must be between 0 and 1000000 m3/s");
  EXPECT_EQ(error_of([] { parse_monthly_inflow("date,flow\n1957-01-31,4\n", "q.csv"); }),
            "q.csv:1: expected a header with the columns 'date' and 'upreach_flow'");
  EXPECT_EQ(error_of([] { parse_monthly_inflow("date,upreach_flow\n1957-13-31,4\n", "q.csv"); }),
            "q.csv:2:1: date: expected a date YYYY-MM-DD, found '1957-13-31'");
}

}  // namespace
}  // namespace shapan::resource
