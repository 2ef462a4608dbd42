#include "shapan/gen/grid.h"

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <cstddef>
#include <string>
#include <utility>

#include "shapan/core/assert.h"

namespace shapan::gen {
namespace {

constexpr std::size_t kHoursPerDay = 24;

// A limit may be +infinity (no limit), unlike the finite fields FieldChecker
// expects; NaN and negative values are still refused.
void check_limit(FieldChecker& c, std::string_view field, double value_kw) {
  c.expect(value_kw >= 0.0, field,
           fmt::format("= {}: must be >= 0 (or infinite for no limit)", format_number(value_kw)));
}

}  // namespace

std::vector<FieldIssue> GridParams::check() const {
  FieldChecker c;
  check_limit(c, "import_limit_kw", import_limit_kw);
  check_limit(c, "export_limit_kw", export_limit_kw);
  c.expect(tou_price_cny_per_kwh.size() == 1 || tou_price_cny_per_kwh.size() == kHoursPerDay,
           "tou_price_cny_per_kwh",
           fmt::format("has {} values: must have 1 (flat) or 24 (one per local hour)",
                       tou_price_cny_per_kwh.size()));
  for (std::size_t h = 0; h < tou_price_cny_per_kwh.size(); ++h) {
    c.at_least(fmt::format("tou_price_cny_per_kwh.{}", h), tou_price_cny_per_kwh[h], 0.0);
  }
  c.expect(std::isfinite(export_price_cny_per_kwh), "export_price_cny_per_kwh",
           fmt::format("= {}: must be a finite number", format_number(export_price_cny_per_kwh)));
  c.at_least("carbon_intensity_g_per_kwh", carbon_intensity_g_per_kwh, 0.0);
  for (std::size_t i = 0; i < carbon_intensity_series_g_per_kwh.size(); ++i) {
    c.at_least(fmt::format("carbon_intensity_series_g_per_kwh.{}", i),
               carbon_intensity_series_g_per_kwh[i], 0.0);
  }
  std::array<int, 13> season_of{};  // month -> 1 + season index, 0 = none
  for (std::size_t k = 0; k < tou_seasons.size(); ++k) {
    const Season& season = tou_seasons[k];
    const std::string at = fmt::format("tou_season.{}.", k);
    c.expect(!season.months.empty(), at + "months", "missing: give the season's months (1..12)");
    for (std::size_t m = 0; m < season.months.size(); ++m) {
      const int month = season.months[m];
      if (month < 1 || month > 12) {
        c.expect(false, fmt::format("{}months.{}", at, m),
                 fmt::format("= {}: must be a month, 1..12", month));
      } else if (season_of[static_cast<std::size_t>(month)] != 0) {
        c.expect(false, fmt::format("{}months.{}", at, m),
                 fmt::format("= {}: month already in tou_season.{}", month,
                             season_of[static_cast<std::size_t>(month)] - 1));
      } else {
        season_of[static_cast<std::size_t>(month)] = static_cast<int>(k) + 1;
      }
    }
    c.expect(
        season.price_cny_per_kwh.size() == 1 || season.price_cny_per_kwh.size() == kHoursPerDay,
        at + "tou_price_cny_per_kwh",
        fmt::format("has {} values: must have 1 (flat) or 24 (one per local hour)",
                    season.price_cny_per_kwh.size()));
    for (std::size_t h = 0; h < season.price_cny_per_kwh.size(); ++h) {
      c.at_least(fmt::format("{}tou_price_cny_per_kwh.{}", at, h), season.price_cny_per_kwh[h],
                 0.0);
    }
  }
  c.at_least("demand_charge_cny_per_kw_month", demand_charge_cny_per_kw_month, 0.0)
      .in_range("green_certificate_frac", green_certificate_frac, 0.0, 1.0);
  return c.issues();
}

Grid::Grid(GridParams params) : params_(std::move(params)) {
  require_valid("grid", params_.check());
  season_of_month_.fill(-1);
  for (std::size_t k = 0; k < params_.tou_seasons.size(); ++k) {
    for (const int month : params_.tou_seasons[k].months) {
      season_of_month_[static_cast<std::size_t>(month - 1)] = static_cast<int>(k);
    }
  }
}

Price Grid::import_price(Timestamp t, double utc_offset_h) const {
  if (params_.tou_seasons.empty() && params_.tou_price_cny_per_kwh.size() == 1) {
    return cny_per_kwh(params_.tou_price_cny_per_kwh.front());
  }
  return import_price(to_civil(t, utc_offset_h));
}

Price Grid::import_price(const CivilTime& local) const {
  // The price of the local month and hour the step starts in; a sub-hourly
  // step never spans two tariff hours when steps divide the hour.
  const int season = season_of_month_[static_cast<std::size_t>(local.month - 1)];
  const std::vector<double>& prices =
      season < 0 ? params_.tou_price_cny_per_kwh
                 : params_.tou_seasons[static_cast<std::size_t>(season)].price_cny_per_kwh;
  if (prices.size() == 1) return cny_per_kwh(prices.front());
  return cny_per_kwh(prices[static_cast<std::size_t>(local.hour)]);
}

double Grid::carbon_g_per_kwh(std::size_t step_index) const {
  const auto& series = params_.carbon_intensity_series_g_per_kwh;
  if (series.empty()) return params_.carbon_intensity_g_per_kwh;
  SHAPAN_ASSERT(step_index < series.size(), "carbon series shorter than the run");
  return series[step_index];
}

}  // namespace shapan::gen
