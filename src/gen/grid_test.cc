#include "shapan/gen/grid.h"

#include <limits>

#include <gtest/gtest.h>

#include "shapan/core/error.h"

namespace shapan::gen {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

Timestamp beijing(int month, int day, int hour, int minute = 0) {
  return to_timestamp(
      CivilTime{.year = 2025, .month = month, .day = day, .hour = hour, .minute = minute}, 8.0);
}

// Price h = 0.1 + h/100, so the hour read is visible in the price.
std::vector<double> hourly_prices() {
  std::vector<double> p;
  for (int h = 0; h < 24; ++h) p.push_back(0.1 + h / 100.0);
  return p;
}

TEST(GridTest, DefaultsAreUnlimitedImportNoExportFlatPrice) {
  const Grid g(GridParams{});
  EXPECT_EQ(g.import_limit().in_kw(), kInf);
  EXPECT_EQ(g.export_limit().in_kw(), 0.0);
  EXPECT_DOUBLE_EQ(g.import_price(beijing(1, 1, 0), 8.0).in_cny_per_kwh(), 0.4);
  EXPECT_DOUBLE_EQ(g.import_price(beijing(7, 1, 19), 8.0).in_cny_per_kwh(), 0.4);
  EXPECT_DOUBLE_EQ(g.carbon_g_per_kwh(12345), 570.3);
}

TEST(GridTest, LimitsAndExportPriceInKw) {
  const Grid g(GridParams{.import_limit_kw = 20000.0,
                          .export_limit_kw = 5000.0,
                          .export_price_cny_per_kwh = 0.3598});
  EXPECT_DOUBLE_EQ(g.import_limit().in_mw(), 20.0);
  EXPECT_DOUBLE_EQ(g.export_limit().in_kw(), 5000.0);
  EXPECT_DOUBLE_EQ(g.export_price().in_cny_per_mwh(), 359.8);
}

// 24 prices read by the local hour: 19:30 Beijing time (11:30 UTC) is hour 19.
TEST(GridTest, TouPriceByLocalHour) {
  const Grid g(GridParams{.tou_price_cny_per_kwh = hourly_prices()});
  EXPECT_DOUBLE_EQ(g.import_price(beijing(3, 5, 0), 8.0).in_cny_per_kwh(), 0.10);
  EXPECT_DOUBLE_EQ(g.import_price(beijing(3, 5, 19, 30), 8.0).in_cny_per_kwh(), 0.29);
  EXPECT_DOUBLE_EQ(g.import_price(beijing(3, 5, 23, 45), 8.0).in_cny_per_kwh(), 0.33);
  // The same instant read in UTC is hour 11.
  EXPECT_DOUBLE_EQ(g.import_price(beijing(3, 5, 19, 30), 0.0).in_cny_per_kwh(), 0.21);
}

TEST(GridTest, CarbonSeriesTakesPrecedence) {
  const Grid g(GridParams{.carbon_intensity_g_per_kwh = 500.0,
                          .carbon_intensity_series_g_per_kwh = {100.0, 200.0, 0.0}});
  EXPECT_DOUBLE_EQ(g.carbon_g_per_kwh(0), 100.0);
  EXPECT_DOUBLE_EQ(g.carbon_g_per_kwh(1), 200.0);
  EXPECT_DOUBLE_EQ(g.carbon_g_per_kwh(2), 0.0);
}

TEST(GridTest, NegativeExportPriceIsAllowed) {
  EXPECT_TRUE(GridParams{.export_price_cny_per_kwh = -0.05}.check().empty());
  EXPECT_TRUE(GridParams{.export_limit_kw = kInf}.check().empty());
}

TEST(GridTest, DefaultsAreValid) { EXPECT_TRUE(GridParams{}.check().empty()); }

TEST(GridTest, CheckCatchesEachBadField) {
  const GridParams p{.import_limit_kw = -1.0,
                     .export_limit_kw = std::numeric_limits<double>::quiet_NaN(),
                     .tou_price_cny_per_kwh = {0.3, -0.2},
                     .export_price_cny_per_kwh = kInf,
                     .carbon_intensity_g_per_kwh = -10.0,
                     .carbon_intensity_series_g_per_kwh = {1.0, -2.0}};
  const std::vector<FieldIssue> expected = {
      {"import_limit_kw", "= -1: must be >= 0 (or infinite for no limit)"},
      {"export_limit_kw", "= nan: must be >= 0 (or infinite for no limit)"},
      {"tou_price_cny_per_kwh", "has 2 values: must have 1 (flat) or 24 (one per local hour)"},
      {"tou_price_cny_per_kwh.1", "= -0.2: must be >= 0"},
      {"export_price_cny_per_kwh", "= inf: must be a finite number"},
      {"carbon_intensity_g_per_kwh", "= -10: must be >= 0"},
      {"carbon_intensity_series_g_per_kwh.1", "= -2: must be >= 0"},
  };
  EXPECT_EQ(p.check(), expected);
}

TEST(GridTest, EmptyPriceListIsRefused) {
  const auto issues = GridParams{.tou_price_cny_per_kwh = {}}.check();
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].field, "tou_price_cny_per_kwh");
}

TEST(GridTest, ConstructorThrowsNamingTheField) {
  try {
    const Grid g(GridParams{.import_limit_kw = -5.0});
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(),
                 "<parameters>: grid.import_limit_kw: = -5: must be >= 0 (or infinite for no "
                 "limit)");
  }
}

}  // namespace
}  // namespace shapan::gen
