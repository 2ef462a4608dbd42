// prepare_for_simulation: lays a file's year onto the simulation's years and
// steps (docs/weather.md, "Typical years" and "Sub-hourly steps").
#include <cmath>
#include <vector>

#include "calendar.h"
#include "interpolation.h"
#include "missing_values.h"
#include "shapan/core/assert.h"
#include "shapan/resource/weather.h"

namespace shapan::resource {
namespace {

enum class Kind { kIrradiance, kLinear, kAngle };

// Maps each hour of the simulation to the file index holding the same local
// month, day and hour (29 Feb -> 28 Feb).
class TypicalYearMap {
 public:
  TypicalYearMap(const WeatherSeries& file, Timestamp start, std::size_t hours) {
    const double offset_h = file.location.utc_offset_h;
    // file_index_[hour of common year] = index in the file (the first row for
    // that hour; a file's 29 Feb is not used, simulated leap days copy 28 Feb).
    std::vector<double> file_index(8760, std::nan(""));
    for (std::size_t i = 0; i < file.size(); ++i) {
      const auto hoy = detail::hour_of_common_year(to_civil(file.interval_start(i), offset_h));
      if (hoy && std::isnan(file_index[*hoy])) file_index[*hoy] = static_cast<double>(i);
    }
    // A file that does not cover every hour (it always does after the readers'
    // checks, but a series built in code may not) takes the nearest rows.
    const bool any = detail::fill_gaps(file_index);
    SHAPAN_ASSERT(any, "prepare_for_simulation needs a non-empty file series");
    sim_to_file_.resize(hours);
    for (std::size_t j = 0; j < hours; ++j) {
      const int hoy = detail::typical_hour_of_year(
          start + Duration::hours(static_cast<std::int64_t>(j)), offset_h);
      sim_to_file_[j] =
          static_cast<std::size_t>(std::lround(file_index[static_cast<std::size_t>(hoy)]));
    }
  }

  // The file's hourly values laid on the simulation, then spread over `per_hour`
  // steps, trimmed to `steps`.
  std::vector<double> lay(const std::vector<double>& file_values, std::size_t per_hour,
                          std::size_t steps, Kind kind) const {
    if (file_values.empty()) return {};
    std::vector<double> hourly(sim_to_file_.size());
    for (std::size_t j = 0; j < hourly.size(); ++j) hourly[j] = file_values[sim_to_file_[j]];
    std::vector<double> out;
    if (per_hour == 1) {
      out = std::move(hourly);
    } else {
      const std::vector<std::size_t> counts(hourly.size(), per_hour);
      switch (kind) {
        case Kind::kIrradiance:
          out = detail::interpolate_mean_preserving(hourly, counts, true);
          break;
        case Kind::kLinear:
          out = detail::interpolate_midpoints(hourly, counts);
          break;
        case Kind::kAngle:
          out = detail::interpolate_midpoints(hourly, counts, true);
          break;
      }
    }
    out.resize(steps);
    return out;
  }

 private:
  std::vector<std::size_t> sim_to_file_;
};

}  // namespace

std::size_t prepared_step_count(const WeatherSeries& file_series, Timestamp start, int years,
                                Duration step) {
  detail::check_simulation_span(years, step);
  return detail::simulation_step_count(start, years, step, file_series.location.utc_offset_h);
}

WeatherSeries prepare_for_simulation(const WeatherSeries& file_series, Timestamp start, int years,
                                     Duration step) {
  detail::check_simulation_span(years, step);
  SHAPAN_ASSERT(file_series.step == Duration::hours(1), "file series must be hourly");
  const std::size_t steps = prepared_step_count(file_series, start, years, step);
  const auto per_hour = static_cast<std::size_t>(3600 / step.in_seconds());
  const std::size_t hours = (steps + per_hour - 1) / per_hour;
  const TypicalYearMap map(file_series, start, hours);

  WeatherSeries out;
  out.source = file_series.source;
  out.location = file_series.location;
  out.start = start;
  out.step = step;
  out.wind_height_m = file_series.wind_height_m;
  const auto& f = file_series;
  out.ghi_w_per_m2 = map.lay(f.ghi_w_per_m2, per_hour, steps, Kind::kIrradiance);
  out.dni_w_per_m2 = map.lay(f.dni_w_per_m2, per_hour, steps, Kind::kIrradiance);
  out.dhi_w_per_m2 = map.lay(f.dhi_w_per_m2, per_hour, steps, Kind::kIrradiance);
  out.temp_air_c = map.lay(f.temp_air_c, per_hour, steps, Kind::kLinear);
  out.temp_dew_c = map.lay(f.temp_dew_c, per_hour, steps, Kind::kLinear);
  out.relative_humidity_percent =
      map.lay(f.relative_humidity_percent, per_hour, steps, Kind::kLinear);
  out.pressure_pa = map.lay(f.pressure_pa, per_hour, steps, Kind::kLinear);
  out.wind_speed_m_per_s = map.lay(f.wind_speed_m_per_s, per_hour, steps, Kind::kLinear);
  out.wind_direction_deg = map.lay(f.wind_direction_deg, per_hour, steps, Kind::kAngle);
  out.albedo_frac = map.lay(f.albedo_frac, per_hour, steps, Kind::kLinear);
  const auto lay_level = [&](const WindLevel& level) {
    return WindLevel{
        .height_m = level.height_m,
        .wind_speed_m_per_s = map.lay(level.wind_speed_m_per_s, per_hour, steps, Kind::kLinear),
        .wind_direction_deg = map.lay(level.wind_direction_deg, per_hour, steps, Kind::kAngle),
        .temp_air_c = map.lay(level.temp_air_c, per_hour, steps, Kind::kLinear),
        .pressure_pa = map.lay(level.pressure_pa, per_hour, steps, Kind::kLinear)};
  };
  out.wind_levels.reserve(f.wind_levels.size());
  for (const WindLevel& level : f.wind_levels) out.wind_levels.push_back(lay_level(level));
  if (f.turbine_wind) out.turbine_wind = lay_level(*f.turbine_wind);
  return out;
}

}  // namespace shapan::resource
