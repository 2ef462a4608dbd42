// The stages of simulate_wind (see wind_stages.h).
#include "wind_stages.h"

#include <fmt/format.h>

#include <optional>
#include <string>
#include <string_view>

#include "shapan/core/check.h"
#include "shapan/core/error.h"

namespace shapan::gen::detail {
namespace {

void require_length(const resource::WeatherSeries& weather, std::string_view field, std::size_t got,
                    std::size_t want) {
  if (got != want) {
    throw_input_error(weather.source, 0, 0, std::string(field),
                      fmt::format("has {} values, the wind series has {}: every series used by "
                                  "the wind model needs one value per step",
                                  got, want));
  }
}

// The last speed at which the curve delivers power: the default cut-out.
double last_producing_speed(const PowerCurve& curve) {
  for (std::size_t i = curve.power_kw.size(); i-- > 0;) {
    if (curve.power_kw[i] > 0.0) return curve.wind_speed_m_per_s[i];
  }
  return 0.0;
}

bool interpolates(WindProfile profile) {
  return profile == WindProfile::kInterpolate || profile == WindProfile::kInterpolateLogHeight;
}

}  // namespace

const Measured* nearest(const std::vector<Measured>& candidates, double hub_m) {
  const Measured* best = nullptr;
  for (const auto& m : candidates) {
    if (!best || std::abs(m.height_m - hub_m) < std::abs(best->height_m - hub_m)) best = &m;
  }
  return best;
}

WindMeasurements wind_measurements(const WindParams& params,
                                   const resource::WeatherSeries& weather) {
  WindMeasurements m;
  // A calibrated wind is the turbines' wind, alone: the measured speeds it
  // was made from (and any other heights) must not pull the profile back.
  const auto& turbine = weather.turbine_wind;
  if (turbine && !turbine->wind_speed_m_per_s.empty()) {
    m.wind.push_back({turbine->height_m, turbine->wind_speed_m_per_s});
  } else if (!weather.wind_speed_m_per_s.empty()) {
    m.wind.push_back({weather.wind_height_m, weather.wind_speed_m_per_s});
  }
  if (!weather.temp_air_c.empty()) {
    m.temperature.push_back({params.temp_air_height_m, weather.temp_air_c});
  }
  if (!weather.pressure_pa.empty()) {
    m.pressure.push_back({params.pressure_height_m, weather.pressure_pa});
  }
  for (const auto& level : weather.wind_levels) {
    const bool repeated = std::any_of(m.wind.begin(), m.wind.end(), [&](const Measured& w) {
      return w.height_m == level.height_m;
    });
    if (!turbine && !level.wind_speed_m_per_s.empty() && !repeated) {
      m.wind.push_back({level.height_m, level.wind_speed_m_per_s});
    }
    if (!level.temp_air_c.empty()) m.temperature.push_back({level.height_m, level.temp_air_c});
    if (!level.pressure_pa.empty()) m.pressure.push_back({level.height_m, level.pressure_pa});
  }
  if (m.wind.empty()) {
    throw_input_error(weather.source, 0, 0, "wind_speed_m_per_s",
                      "the weather has no wind speed: the wind model needs it");
  }
  if (interpolates(params.wind_profile) && m.wind.size() < 2) {
    throw_input_error(weather.source, 0, 0, "wind_profile",
                      fmt::format("interpolation needs wind at two or more heights; the weather "
                                  "has it at {} m only",
                                  format_number(m.wind.front().height_m)));
  }
  m.steps = m.wind.front().values.size();
  for (const auto& w : m.wind)
    require_length(weather, "wind_speed_m_per_s", w.values.size(), m.steps);
  for (const auto& t : m.temperature)
    require_length(weather, "temp_air_c", t.values.size(), m.steps);
  for (const auto& p : m.pressure) require_length(weather, "pressure_pa", p.values.size(), m.steps);
  return m;
}

HubWindSpeed::HubWindSpeed(const WindParams& params, const WindMeasurements& m, double hub_m,
                           const resource::WeatherSeries& weather)
    : wind_(m.wind),
      near_(nearest(m.wind, hub_m)),
      hub_m_(hub_m),
      interpolate_(interpolates(params.wind_profile)) {
  if (params.wind_profile == WindProfile::kLog &&
      0.7 * params.obstacle_height_m >= near_->height_m) {
    throw_input_error(
        weather.source, 0, 0, "obstacle_height_m",
        fmt::format("= {}: 0.7 x obstacle height must be below the wind measurement height {} m "
                    "for the logarithmic profile",
                    format_number(params.obstacle_height_m), format_number(near_->height_m)));
  }
  switch (params.wind_profile) {
    case WindProfile::kLog:
      factor_ = log_wind_speed(1.0, near_->height_m, hub_m, params.roughness_length_m,
                               params.obstacle_height_m);
      break;
    case WindProfile::kHellman:
      factor_ = hellman_wind_speed(1.0, near_->height_m, hub_m,
                                   params.hellman_exponent >= 0.0
                                       ? std::optional<double>(params.hellman_exponent)
                                       : std::nullopt,
                                   params.roughness_length_m);
      break;
    case WindProfile::kInterpolate:
    case WindProfile::kInterpolateLogHeight:
      method_ = params.wind_profile == WindProfile::kInterpolate ? HeightInterpolation::kLinear
                                                                 : HeightInterpolation::kLogHeight;
      heights_m_.reserve(m.wind.size());
      for (const auto& w : m.wind) heights_m_.push_back(w.height_m);
      values_.resize(m.wind.size());
      break;
  }
}

HubAirDensity::HubAirDensity(const WindParams& params, const WindMeasurements& m, double hub_m,
                             double site_elevation_m)
    : temperature_(nearest(m.temperature, hub_m)),
      pressure_(nearest(m.pressure, hub_m)),
      hub_m_(hub_m),
      ideal_gas_(params.density_model == AirDensityModel::kIdealGas),
      site_pressure_pa_(standard_atmosphere_pressure_pa(site_elevation_m)),
      site_temperature_k_(standard_atmosphere_temperature_k(site_elevation_m)) {}

TurbinePower::TurbinePower(const WindParams& params)
    : params_(params),
      curve_(params.smoothing
                 ? smooth_power_curve(params.turbine.curve, params.smoothing_sigma_base_m_per_s,
                                      params.smoothing_sigma_frac)
                 : params.turbine.curve),
      corrected_(curve_) {
  if (params.wake_model == WakeModel::kDenaMean) wind_reduction_ = &dena_mean_efficiency_curve();
  if (params.wake_model == WakeModel::kKnorrMean) wind_reduction_ = &knorr_mean_efficiency_curve();
}

CutOutHysteresis::CutOutHysteresis(const WindParams& params)
    : cut_out_m_per_s_(params.cut_out_m_per_s > 0.0 ? params.cut_out_m_per_s
                                                    : last_producing_speed(params.turbine.curve)),
      restart_m_per_s_(params.restart_m_per_s > 0.0 ? params.restart_m_per_s
                                                    : cut_out_m_per_s_ - 3.0) {}

double farm_factor(const WindParams& params) {
  const double wake_keep =
      params.wake_model == WakeModel::kConstant ? 1.0 - params.wake_loss_percent / 100.0 : 1.0;
  return params.count * wake_keep * (params.availability_percent / 100.0) *
         (1.0 - params.electrical_loss_percent / 100.0);
}

}  // namespace shapan::gen::detail
