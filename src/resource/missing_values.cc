#include "missing_values.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>

#include "shapan/core/error.h"
#include "shapan/core/standard_conditions.h"
#include "weather_fields.h"

namespace shapan::resource::detail {
namespace {

constexpr double kMagnusA = 17.625;
constexpr double kMagnusB_c = 243.04;
constexpr double kDefaultRelativeHumidityPercent = 50.0;

bool all_missing(const std::vector<double>& v) {
  return std::all_of(v.begin(), v.end(), [](double x) { return std::isnan(x); });
}

void require(std::vector<double>& v, const std::string& source, const std::string& field) {
  if (!fill_gaps(v)) {
    throw_input_error(source, 0, 0, field,
                      "missing in every row (the file gives no valid value for it)");
  }
}

std::size_t count_missing(const std::vector<double>& v) {
  return static_cast<std::size_t>(
      std::count_if(v.begin(), v.end(), [](double x) { return std::isnan(x); }));
}

// Counts what the file left missing, before anything is filled.
WeatherGaps count_gaps(const WeatherSeries& s) {
  WeatherGaps g;
  g.irradiance_values =
      count_missing(s.ghi_w_per_m2) + count_missing(s.dni_w_per_m2) + count_missing(s.dhi_w_per_m2);
  g.temperature_values = count_missing(s.temp_air_c);
  g.wind_speed_values = count_missing(s.wind_speed_m_per_s);
  std::size_t run = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const bool missing = std::isnan(s.ghi_w_per_m2[i]) ||
                         (i < s.temp_air_c.size() && std::isnan(s.temp_air_c[i])) ||
                         (i < s.wind_speed_m_per_s.size() && std::isnan(s.wind_speed_m_per_s[i]));
    run = missing ? run + 1 : 0;
    g.longest_run = std::max(g.longest_run, run);
  }
  return g;
}

}  // namespace

bool fill_gaps(std::vector<double>& v) {
  std::size_t prev = v.size();  // index of the last valid value seen, or size()
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (std::isnan(v[i])) continue;
    if (prev == v.size()) {
      std::fill(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(i), v[i]);
    } else if (i > prev + 1) {
      const double span = static_cast<double>(i - prev);
      for (std::size_t k = prev + 1; k < i; ++k) {
        const double w = static_cast<double>(k - prev) / span;
        v[k] = v[prev] * (1.0 - w) + v[i] * w;
      }
    }
    prev = i;
  }
  if (prev == v.size()) return v.empty();
  std::fill(v.begin() + static_cast<std::ptrdiff_t>(prev) + 1, v.end(), v[prev]);
  return true;
}

double standard_pressure_pa(double elevation_m) {
  if (std::isnan(elevation_m)) return kStandardPressurePa;
  return kStandardPressurePa * std::pow(1.0 - 2.25577e-5 * elevation_m, 5.25588);
}

double relative_humidity_percent(double temp_c, double dew_c) {
  const double rh = 100.0 * std::exp(kMagnusA * dew_c / (kMagnusB_c + dew_c) -
                                     kMagnusA * temp_c / (kMagnusB_c + temp_c));
  return std::clamp(rh, 0.0, 100.0);
}

double dew_point_c(double temp_c, double rh_percent) {
  const double gamma =
      std::log(std::max(rh_percent, 0.1) / 100.0) + kMagnusA * temp_c / (kMagnusB_c + temp_c);
  return kMagnusB_c * gamma / (kMagnusA - gamma);
}

void finish_series(WeatherSeries& s) {
  s.gaps = count_gaps(s);
  // Quantities without which no model can run: no default would be honest.
  require(s.ghi_w_per_m2, s.source, "ghi_w_per_m2");
  require(s.dni_w_per_m2, s.source, "dni_w_per_m2");
  require(s.dhi_w_per_m2, s.source, "dhi_w_per_m2");
  require(s.temp_air_c, s.source, "temp_air_c");
  require(s.wind_speed_m_per_s, s.source, "wind_speed_m_per_s");

  // Wind direction only matters for reporting; 0 (from north) when absent.
  if (!fill_gaps(s.wind_direction_deg))
    std::fill(s.wind_direction_deg.begin(), s.wind_direction_deg.end(), 0.0);
  if (!fill_gaps(s.albedo_frac)) {
    std::fill(s.albedo_frac.begin(), s.albedo_frac.end(), kDefaultAlbedoFrac);
  }
  if (!fill_gaps(s.pressure_pa)) {
    std::fill(s.pressure_pa.begin(), s.pressure_pa.end(),
              standard_pressure_pa(s.location.elevation_m));
  }

  // Humidity: each of RH and dew point is filled from its own valid values;
  // one missing throughout is derived from the other; both missing gives RH 50 %.
  const bool has_rh = !all_missing(s.relative_humidity_percent);
  const bool has_dew = !all_missing(s.temp_dew_c);
  fill_gaps(s.relative_humidity_percent);
  fill_gaps(s.temp_dew_c);
  if (!has_rh && !has_dew) {
    std::fill(s.relative_humidity_percent.begin(), s.relative_humidity_percent.end(),
              kDefaultRelativeHumidityPercent);
  }
  for (std::size_t i = 0; i < s.size(); ++i) {
    // Readers accept up to 120 % (supersaturated readings in real files); the
    // air cannot hold more than saturation, so the series keeps <= 100 %.
    s.relative_humidity_percent[i] = std::min(s.relative_humidity_percent[i], 100.0);
    if (!has_rh && has_dew) {
      s.relative_humidity_percent[i] = relative_humidity_percent(s.temp_air_c[i], s.temp_dew_c[i]);
    }
    if (!has_dew) {
      s.temp_dew_c[i] = dew_point_c(s.temp_air_c[i], s.relative_humidity_percent[i]);
    }
  }

  for (WindLevel& level : s.wind_levels) {
    require(level.wind_speed_m_per_s, s.source,
            fmt::format("wind_levels.{}m.wind_speed_m_per_s", level.height_m));
    if (!fill_gaps(level.wind_direction_deg)) {
      std::fill(level.wind_direction_deg.begin(), level.wind_direction_deg.end(), 0.0);
    }
    if (!level.temp_air_c.empty() && !fill_gaps(level.temp_air_c)) level.temp_air_c.clear();
    if (!level.pressure_pa.empty() && !fill_gaps(level.pressure_pa)) level.pressure_pa.clear();
  }
}

}  // namespace shapan::resource::detail
