// The grid tie (grid_tie.cc): limits, the tariff of every step in site
// standard time, and the carbon intensity per step.
#include "grid_tie.h"

#include <gtest/gtest.h>

#include <vector>

namespace shapan::sim {
namespace {

// `n` steps of `step` from 2025-01-01T00:00Z (only the times matter here).
resource::WeatherSeries steps_from_new_year_utc(std::size_t n, Duration step) {
  resource::WeatherSeries w;
  w.start = Timestamp::from_unix_seconds(1735689600);
  w.step = step;
  w.temp_air_c.assign(n, 10.0);
  w.ghi_w_per_m2.assign(n, 0.0);
  return w;
}

// A TOU tariff of 24 prices, hour h costing h / 100 CNY/kWh, at a site 8 h
// ahead of UTC: 00:00Z is 08:00 local, so step i (hourly) costs (8 + i) / 100
// until local midnight, then starts again from 0.
TEST(GridTieTest, PricesEachStepByItsLocalHour) {
  gen::GridParams p{.import_limit_kw = 500.0, .export_limit_kw = 200.0};
  p.tou_price_cny_per_kwh.clear();
  for (int h = 0; h < 24; ++h) p.tou_price_cny_per_kwh.push_back(h / 100.0);
  const GridTie grid(p, steps_from_new_year_utc(30, Duration::hours(1)), 8.0);
  EXPECT_DOUBLE_EQ(grid.terms(0).import_price.in_cny_per_kwh(), 0.08);
  EXPECT_DOUBLE_EQ(grid.terms(15).import_price.in_cny_per_kwh(), 0.23);
  EXPECT_DOUBLE_EQ(grid.terms(16).import_price.in_cny_per_kwh(), 0.0);  // 00:00 local
  EXPECT_DOUBLE_EQ(grid.terms(29).import_price.in_cny_per_kwh(), 0.13);
  EXPECT_DOUBLE_EQ(grid.terms(3).import_limit.in_kw(), 500.0);
  EXPECT_DOUBLE_EQ(grid.terms(3).export_limit.in_kw(), 200.0);
}

// 15-minute steps keep the hour's price for all four steps of the hour.
TEST(GridTieTest, SubHourlyStepsKeepTheHoursPrice) {
  gen::GridParams p;
  p.tou_price_cny_per_kwh.clear();
  for (int h = 0; h < 24; ++h) p.tou_price_cny_per_kwh.push_back(h / 100.0);
  const GridTie grid(p, steps_from_new_year_utc(8, Duration::minutes(15)), 0.0);
  for (std::size_t i = 0; i < 4; ++i) EXPECT_EQ(grid.terms(i).import_price.in_cny_per_kwh(), 0.0);
  for (std::size_t i = 4; i < 8; ++i) {
    EXPECT_DOUBLE_EQ(grid.terms(i).import_price.in_cny_per_kwh(), 0.01);
  }
}

// A carbon-intensity series gives each step its own value.
TEST(GridTieTest, CarbonIntensityFollowsItsSeries) {
  gen::GridParams p;
  p.carbon_intensity_series_g_per_kwh = {500.0, 400.0, 300.0};
  const GridTie grid(p, steps_from_new_year_utc(3, Duration::hours(1)), 0.0);
  EXPECT_EQ(grid.terms(0).carbon_g_per_kwh, 500.0);
  EXPECT_EQ(grid.terms(2).carbon_g_per_kwh, 300.0);
}

}  // namespace
}  // namespace shapan::sim
