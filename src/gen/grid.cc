#include "shapan/gen/grid.h"

#include <cmath>
#include <cstddef>
#include <utility>

#include <fmt/format.h>

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
  return c.issues();
}

Grid::Grid(GridParams params) : params_(std::move(params)) {
  require_valid("grid", params_.check());
}

Price Grid::import_price(Timestamp t, double utc_offset_h) const {
  const auto& prices = params_.tou_price_cny_per_kwh;
  if (prices.size() == 1) return cny_per_kwh(prices.front());
  // The price of the hour the step starts in; a sub-hourly step never spans
  // two tariff hours when steps divide the hour.
  const int hour = to_civil(t, utc_offset_h).hour;
  return cny_per_kwh(prices[static_cast<std::size_t>(hour)]);
}

double Grid::carbon_g_per_kwh(std::size_t step_index) const {
  const auto& series = params_.carbon_intensity_series_g_per_kwh;
  if (series.empty()) return params_.carbon_intensity_g_per_kwh;
  SHAPAN_ASSERT(step_index < series.size(), "carbon series shorter than the run");
  return series[step_index];
}

}  // namespace shapan::gen
