#include "shapan/gen/grid.h"

#include <gtest/gtest.h>

#include <limits>

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
  p.reserve(24);
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
  const Grid g(GridParams{
      .import_limit_kw = 20000.0, .export_limit_kw = 5000.0, .export_price_cny_per_kwh = 0.3598});
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
                 "<parameters>: grid.import_limit_kw = -5 kW: must be >= 0 (or infinite for no "
                 "limit)");
  }
}

}  // namespace
}  // namespace shapan::gen

namespace shapan::gen {
namespace {

// Seasonal TOU in the shape of a provincial schedule: a summer table for
// July–August with a critical peak at 20:00, flat 0.5 in every other month.
TEST(GridSeasonTest, SeasonTableAppliesInItsMonthsOnly) {
  std::vector<double> summer(24, 0.3);
  summer[20] = 1.2;
  GridParams p;
  p.tou_price_cny_per_kwh = {0.5};
  p.tou_seasons = {GridParams::Season{.months = {7, 8}, .price_cny_per_kwh = summer}};
  const Grid g(p);
  EXPECT_DOUBLE_EQ(g.import_price(beijing(7, 15, 20), 8.0).in_cny_per_kwh(), 1.2);
  EXPECT_DOUBLE_EQ(g.import_price(beijing(8, 31, 3), 8.0).in_cny_per_kwh(), 0.3);
  EXPECT_DOUBLE_EQ(g.import_price(beijing(9, 1, 20), 8.0).in_cny_per_kwh(), 0.5);
  // 2025-06-30T23:30 UTC is July 1st 07:30 in Beijing: the local month counts.
  const Timestamp utc =
      to_timestamp(CivilTime{.year = 2025, .month = 6, .day = 30, .hour = 23, .minute = 30}, 0.0);
  EXPECT_DOUBLE_EQ(g.import_price(utc, 8.0).in_cny_per_kwh(), 0.3);
}

TEST(GridSeasonTest, CheckCatchesBadSeasons) {
  GridParams p;
  p.tou_seasons = {GridParams::Season{.months = {6, 13}, .price_cny_per_kwh = {0.3, 0.4}},
                   GridParams::Season{.months = {6}, .price_cny_per_kwh = {0.3}}};
  p.green_certificate_frac = 1.5;
  const auto issues = p.check();
  std::vector<std::string> fields;
  fields.reserve(issues.size());
  for (const auto& i : issues) fields.push_back(i.field + ": " + i.message);
  EXPECT_EQ(fields, (std::vector<std::string>{
                        "tou_season.0.months.1: = 13: must be a month, 1..12",
                        "tou_season.0.tou_price_cny_per_kwh: has 2 values: must have 1 (flat) or "
                        "24 (one per local hour)",
                        "tou_season.1.months.0: = 6: month already in tou_season.0",
                        "green_certificate_frac: = 1.5: must be between 0 and 1"}));
}

}  // namespace
}  // namespace shapan::gen
