#include "shapan/load/datacenter.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstddef>

#include "shapan/core/error.h"

namespace shapan::load {
namespace {

constexpr std::size_t kHoursPerDay = 24;
constexpr std::size_t kHoursCommonYear = 8760;
constexpr std::size_t kHoursLeapYear = 8784;
constexpr int kFeb29DayOfYear = 60;

void check_fracs(FieldChecker& c, const std::string& field, const std::vector<double>& values) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    // Name the element only when it fails: series have 8760 values.
    if (!(values[i] >= 0.0 && values[i] <= 1.0)) {
      c.in_range(fmt::format("{}.{}", field, i), values[i], 0.0, 1.0);
    }
  }
}

// Index into an hour-of-year series for a local civil time. Days after
// 28 February shift by one when the series and the year disagree on 29 February.
std::size_t hour_of_year_index(const CivilTime& civil, std::size_t series_size) {
  int day = day_of_year(civil.year, civil.month, civil.day);
  const bool leap = is_leap_year(civil.year);
  if (leap && series_size == kHoursCommonYear && day >= kFeb29DayOfYear) --day;
  if (!leap && series_size == kHoursLeapYear && day >= kFeb29DayOfYear) ++day;
  return static_cast<std::size_t>(day - 1) * kHoursPerDay + static_cast<std::size_t>(civil.hour);
}

}  // namespace

std::vector<FieldIssue> DatacenterParams::check() const {
  FieldChecker c;
  c.at_least("it_capacity_kw", it_capacity_kw, 0.0)
      .in_range("it_load_frac", it_load_frac, 0.0, 1.0)
      .expect(it_load_series_frac.empty() || it_load_series_frac.size() == kHoursCommonYear ||
                  it_load_series_frac.size() == kHoursLeapYear,
              "it_load_series_frac",
              fmt::format("has {} values: must have 8760 or 8784 (one per hour of the year)",
                          it_load_series_frac.size()))
      .expect(it_load_profile_frac.empty() || it_load_profile_frac.size() == kHoursPerDay,
              "it_load_profile_frac",
              fmt::format("has {} values: must have 24 (one per hour of the day)",
                          it_load_profile_frac.size()));
  check_fracs(c, "it_load_series_frac", it_load_series_frac);
  check_fracs(c, "it_load_profile_frac", it_load_profile_frac);
  c.at_least("pue", pue, 1.0)
      .at_least("pue_free_cooling", pue_free_cooling, 1.0)
      .at_least("pue_mechanical", pue_mechanical, 1.0)
      .expect(!(pue_mechanical < pue_free_cooling), "pue_mechanical",
              fmt::format("= {}: must be >= pue_free_cooling ({})", format_number(pue_mechanical),
                          format_number(pue_free_cooling)))
      .in_range("fan_overhead_frac", fan_overhead_frac, 0.0, 1.0)
      .in_range("compressor_overhead_frac", compressor_overhead_frac, 0.0, 2.0)
      .in_range("other_overhead_frac", other_overhead_frac, 0.0, 1.0)
      .in_range("ups_efficiency_frac", ups_efficiency_frac, 0.5, 1.0)
      .in_range("distribution_efficiency_frac", distribution_efficiency_frac, 0.5, 1.0)
      .in_range("dew_point_max_c", dew_point_max_c, -50.0, 40.0)
      .in_range("missing_dew_point_c", missing_dew_point_c, -50.0, 40.0)
      .above("missing_pressure_pa", missing_pressure_pa, 0.0)
      .in_range("free_cooling_max_temp_c", free_cooling_max_temp_c, -50.0, 60.0)
      .in_range("mechanical_min_temp_c", mechanical_min_temp_c, -50.0, 60.0)
      .expect(!(free_cooling_max_temp_c >= mechanical_min_temp_c), "free_cooling_max_temp_c",
              fmt::format("= {}: must be < mechanical_min_temp_c ({})",
                          format_number(free_cooling_max_temp_c),
                          format_number(mechanical_min_temp_c)));
  return c.issues();
}

double it_load_frac_at(const DatacenterParams& params, Timestamp t, double utc_offset_h) {
  if (params.it_load_series_frac.empty() && params.it_load_profile_frac.empty()) {
    return params.it_load_frac;
  }
  return it_load_frac_at(params, to_civil(t, utc_offset_h));
}

double it_load_frac_at(const DatacenterParams& params, const CivilTime& civil) {
  if (params.it_load_series_frac.empty() && params.it_load_profile_frac.empty()) {
    return params.it_load_frac;
  }
  if (!params.it_load_series_frac.empty()) {
    return params.it_load_series_frac[hour_of_year_index(civil, params.it_load_series_frac.size())];
  }
  return params.it_load_profile_frac[static_cast<std::size_t>(civil.hour)];
}

double pue_at(const DatacenterParams& params, double temp_air_c) {
  if (params.pue_model == PueModel::kConstant) return params.pue;
  // Linear blend between full economiser operation and full mechanical
  // cooling: the share of the heat removed by chillers grows roughly in
  // proportion to how far the outdoor air is above the economiser limit.
  const double span_c = params.mechanical_min_temp_c - params.free_cooling_max_temp_c;
  const double share = std::clamp((temp_air_c - params.free_cooling_max_temp_c) / span_c, 0.0, 1.0);
  return params.pue_free_cooling + share * (params.pue_mechanical - params.pue_free_cooling);
}

bool free_cooling(const DatacenterParams& params, double temp_air_c, double temp_dew_c) {
  return temp_air_c <= params.free_cooling_max_temp_c && temp_dew_c <= params.dew_point_max_c;
}

double pue_climate(const DatacenterParams& params, double temp_air_c, double temp_dew_c,
                   double pressure_pa) {
  // Share of the heat the compressors remove: none while outside air alone
  // cools, all once it is too warm or too humid for the economiser.
  double share = std::clamp((temp_air_c - params.free_cooling_max_temp_c) /
                                (params.mechanical_min_temp_c - params.free_cooling_max_temp_c),
                            0.0, 1.0);
  if (temp_dew_c > params.dew_point_max_c) share = 1.0;
  // Same heat at the same temperature rise needs volume flow ∝ 1/ρ, and fan
  // power ∝ Δp·V̇ ∝ ρ·V̇³ ∝ 1/ρ² (fan affinity laws).
  double fan = params.fan_overhead_frac;
  if (params.altitude_fan_correction && pressure_pa > 0.0) {
    const double density_ratio =
        (pressure_pa / kStandardPressurePa) * (288.15 / (temp_air_c + 273.15));
    fan /= density_ratio * density_ratio;
  }
  return (1.0 + fan + share * params.compressor_overhead_frac + params.other_overhead_frac) /
         (params.ups_efficiency_frac * params.distribution_efficiency_frac);
}

DatacenterSeries simulate_datacenter(const DatacenterParams& params,
                                     const resource::WeatherSeries& weather, double utc_offset_h) {
  require_valid("datacenter", params.check());
  const std::size_t n = weather.size();
  if (params.pue_model != PueModel::kConstant && weather.temp_air_c.size() != n) {
    throw_input_error(weather.source, 0, 0, "temp_air_c",
                      fmt::format("has {} values for {} steps: the temperature PUE model needs "
                                  "one dry-bulb temperature per step",
                                  weather.temp_air_c.size(), n));
  }
  DatacenterSeries out;
  out.it_kw.reserve(n);
  out.pue.reserve(n);
  out.facility_kw.reserve(n);
  CivilClock clock(utc_offset_h);
  double it_frac = 0.0;  // changes by local hour (hour-of-year series or daily profile)
  for (std::size_t i = 0; i < n; ++i) {
    const Timestamp t = weather.interval_start(i);
    if (clock.enter_local_hour(t)) it_frac = it_load_frac_at(params, clock.local_hour());
    const double it_kw = params.it_capacity_kw * it_frac;
    double pue = params.pue;
    if (params.pue_model == PueModel::kTemperature) {
      const double temp_c = weather.temp_air_c[i];
      if (!std::isfinite(temp_c)) {
        throw_input_error(weather.source, 0, 0, fmt::format("temp_air_c.{}", i),
                          fmt::format("= {}: must be a finite temperature", format_number(temp_c)));
      }
      pue = pue_at(params, temp_c);
    }
    if (params.pue_model == PueModel::kClimate) {
      const double temp_c = weather.temp_air_c[i];
      const double dew_c =
          i < weather.temp_dew_c.size() ? weather.temp_dew_c[i] : params.missing_dew_point_c;
      const double p_pa =
          i < weather.pressure_pa.size() ? weather.pressure_pa[i] : params.missing_pressure_pa;
      if (!std::isfinite(temp_c) || !std::isfinite(dew_c) || !std::isfinite(p_pa)) {
        throw_input_error(weather.source, 0, 0, fmt::format("temp_air_c.{}", i),
                          "temperature, dew point and pressure must be finite");
      }
      pue = pue_climate(params, temp_c, dew_c, p_pa);
    }
    out.it_kw.push_back(it_kw);
    out.pue.push_back(pue);
    out.facility_kw.push_back(it_kw * pue);
  }
  return out;
}

}  // namespace shapan::load
