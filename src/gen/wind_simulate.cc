// simulate_wind: the wind farm over a weather series, step by step (the
// order of windpowerlib's ModelChain: hub wind, hub temperature, density,
// turbine power; then Shapan's farm losses).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <span>
#include <vector>

#include "shapan/core/check.h"
#include "shapan/core/error.h"
#include "shapan/gen/power_curve.h"
#include "shapan/gen/wind.h"
#include "shapan/gen/wind_farm_efficiency.h"
#include "shapan/gen/wind_profile.h"

namespace shapan::gen {
namespace {

constexpr double kZeroCelsiusK = 273.15;

// One measured series and the height it was measured at.
struct Measured {
  double height_m = 0.0;
  std::span<const double> values;
};

// The measurement nearest the hub; on a tie the first one listed.
const Measured* nearest(const std::vector<Measured>& candidates, double hub_m) {
  const Measured* best = nullptr;
  for (const auto& m : candidates) {
    if (!best || std::abs(m.height_m - hub_m) < std::abs(best->height_m - hub_m)) best = &m;
  }
  return best;
}

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

}  // namespace

WindSeries simulate_wind(const WindParams& params, const Site& site,
                         const resource::WeatherSeries& weather, WindDetail detail) {
  require_valid("wind", params.check());
  const double hub_m = params.effective_hub_height_m();

  // Wind at every height the file has; a level at the main height repeats it.
  std::vector<Measured> wind;
  if (!weather.wind_speed_m_per_s.empty()) {
    wind.push_back({weather.wind_height_m, weather.wind_speed_m_per_s});
  }
  std::vector<Measured> temperature;
  if (!weather.temp_air_c.empty()) {
    temperature.push_back({params.temp_air_height_m, weather.temp_air_c});
  }
  std::vector<Measured> pressure;
  if (!weather.pressure_pa.empty()) {
    pressure.push_back({params.pressure_height_m, weather.pressure_pa});
  }
  for (const auto& level : weather.wind_levels) {
    const bool repeated = std::any_of(
        wind.begin(), wind.end(), [&](const Measured& m) { return m.height_m == level.height_m; });
    if (!level.wind_speed_m_per_s.empty() && !repeated) {
      wind.push_back({level.height_m, level.wind_speed_m_per_s});
    }
    if (!level.temp_air_c.empty()) temperature.push_back({level.height_m, level.temp_air_c});
    if (!level.pressure_pa.empty()) pressure.push_back({level.height_m, level.pressure_pa});
  }
  if (wind.empty()) {
    throw_input_error(weather.source, 0, 0, "wind_speed_m_per_s",
                      "the weather has no wind speed: the wind model needs it");
  }
  const bool interpolate = params.wind_profile == WindProfile::kInterpolate ||
                           params.wind_profile == WindProfile::kInterpolateLogHeight;
  if (interpolate && wind.size() < 2) {
    throw_input_error(weather.source, 0, 0, "wind_profile",
                      fmt::format("interpolation needs wind at two or more heights; the weather "
                                  "has it at {} m only",
                                  format_number(wind.front().height_m)));
  }
  const std::size_t n = wind.front().values.size();
  for (const auto& m : wind) require_length(weather, "wind_speed_m_per_s", m.values.size(), n);
  for (const auto& m : temperature) require_length(weather, "temp_air_c", m.values.size(), n);
  for (const auto& m : pressure) require_length(weather, "pressure_pa", m.values.size(), n);

  const Measured* wind_near = nearest(wind, hub_m);
  const Measured* temp_near = nearest(temperature, hub_m);
  const Measured* pressure_near = nearest(pressure, hub_m);
  if (params.wind_profile == WindProfile::kLog &&
      0.7 * params.obstacle_height_m >= wind_near->height_m) {
    throw_input_error(
        weather.source, 0, 0, "obstacle_height_m",
        fmt::format("= {}: 0.7 x obstacle height must be below the wind measurement height {} m "
                    "for the logarithmic profile",
                    format_number(params.obstacle_height_m), format_number(wind_near->height_m)));
  }
  std::vector<double> wind_heights;
  wind_heights.reserve(wind.size());
  for (const auto& m : wind) wind_heights.push_back(m.height_m);
  std::vector<double> wind_values(wind.size());
  const auto method = params.wind_profile == WindProfile::kInterpolate
                          ? HeightInterpolation::kLinear
                          : HeightInterpolation::kLogHeight;

  // Used when the file lacks a value: the standard atmosphere at the site.
  const double site_pressure_pa = standard_atmosphere_pressure_pa(site.elevation_m);
  const double site_temperature_k = standard_atmosphere_temperature_k(site.elevation_m);

  const PowerCurve curve =
      params.smoothing
          ? smooth_power_curve(params.turbine.curve, params.smoothing_sigma_base_m_per_s,
                               params.smoothing_sigma_frac)
          : params.turbine.curve;
  // The density-corrected lookup with its exponents precomputed (per step it
  // needs a cube root instead of a pow() at every probed curve point).
  const DensityCorrectedCurve corrected(curve);
  // The logarithmic profile scales the measured wind by a constant factor.
  const double log_profile_factor =
      params.wind_profile == WindProfile::kLog
          ? log_wind_speed(1.0, wind_near->height_m, hub_m, params.roughness_length_m,
                           params.obstacle_height_m)
          : 0.0;
  const double cut_out = params.cut_out_m_per_s > 0.0 ? params.cut_out_m_per_s
                                                      : last_producing_speed(params.turbine.curve);
  const double restart = params.restart_m_per_s > 0.0 ? params.restart_m_per_s : cut_out - 3.0;
  bool stopped = false;

  // Wake: a flat loss in farm_factor, or a curve per step below.
  const double wake_keep =
      params.wake_model == WakeModel::kConstant ? 1.0 - params.wake_loss_percent / 100.0 : 1.0;
  const EfficiencyCurve* wind_reduction = nullptr;
  if (params.wake_model == WakeModel::kDenaMean) wind_reduction = &dena_mean_efficiency_curve();
  if (params.wake_model == WakeModel::kKnorrMean) wind_reduction = &knorr_mean_efficiency_curve();
  const double farm_factor = params.count * wake_keep * (params.availability_percent / 100.0) *
                             (1.0 - params.electrical_loss_percent / 100.0);
  const std::optional<double> hellman_exponent =
      params.hellman_exponent >= 0.0 ? std::optional<double>(params.hellman_exponent)
                                     : std::nullopt;
  // The Hellman profile, too, scales the measured wind by a constant,
  // (h_hub/h_data)^α: worked out once here instead of a log and a pow() per
  // step (the factor is 1·(h_hub/h_data)^α, so each product is unchanged).
  const double hellman_factor =
      params.wind_profile == WindProfile::kHellman
          ? hellman_wind_speed(1.0, wind_near->height_m, hub_m, hellman_exponent,
                               params.roughness_length_m)
          : 0.0;

  WindSeries out;
  const bool all_detail = detail == WindDetail::kAll;
  if (all_detail) {
    out.hub_wind_speed_m_per_s.resize(n);
    out.air_density_kg_per_m3.resize(n);
  }
  out.ac_kw.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    double v = 0.0;
    switch (params.wind_profile) {
      case WindProfile::kLog:
        v = wind_near->values[i] * log_profile_factor;
        break;
      case WindProfile::kHellman:
        v = wind_near->values[i] * hellman_factor;
        break;
      case WindProfile::kInterpolate:
      case WindProfile::kInterpolateLogHeight:
        for (std::size_t k = 0; k < wind.size(); ++k) wind_values[k] = wind[k].values[i];
        // Extrapolation can dip below zero under strong shear; wind speed cannot.
        v = std::max(0.0, interpolate_in_height(wind_heights, wind_values, hub_m, method));
        break;
    }

    double t_k = site_temperature_k;
    double t_height_m = 0.0;
    if (temp_near && std::isfinite(temp_near->values[i])) {
      t_k = temp_near->values[i] + kZeroCelsiusK;
      t_height_m = temp_near->height_m;
    }
    const double hub_t_k = temperature_at_height_k(t_k, t_height_m, hub_m);
    double p_pa = site_pressure_pa;
    double p_height_m = 0.0;
    if (pressure_near && std::isfinite(pressure_near->values[i])) {
      p_pa = pressure_near->values[i];
      p_height_m = pressure_near->height_m;
    }
    const double rho = params.density_model == AirDensityModel::kIdealGas
                           ? ideal_gas_density(p_pa, p_height_m, hub_m, hub_t_k)
                           : barometric_density(p_pa, p_height_m, hub_m, hub_t_k);

    // The turbines of a farm with a wind efficiency curve see the reduced
    // wind v·η(v) (windpowerlib's reduce_wind_speed, applied before the
    // power curve as its TurbineClusterModelChain does).
    const double v_turbine = wind_reduction ? reduced_wind_speed_m_per_s(*wind_reduction, v) : v;
    double turbine_kw = 0.0;
    if (std::isfinite(v_turbine)) {
      if (params.power_model == WindPowerModel::kPowerCoefficient) {
        turbine_kw = power_coefficient_kw(params.turbine.cp_wind_speed_m_per_s, params.turbine.cp,
                                          params.turbine.rotor_diameter_m, v_turbine, rho);
      } else if (params.density_correction) {
        turbine_kw = corrected.power_kw(v_turbine, rho);
      } else {
        turbine_kw = power_curve_kw(curve, v_turbine);
      }
      if (params.wake_model == WakeModel::kPowerEfficiencyCurve) {
        turbine_kw *= efficiency_at(params.wake_efficiency_curve, v);
      }
    }
    if (params.cut_out_hysteresis) {
      if (v > cut_out) {
        stopped = true;
      } else if (stopped && v < restart) {
        stopped = false;
      }
      if (stopped) turbine_kw = 0.0;
    }
    if (all_detail) {
      out.hub_wind_speed_m_per_s[i] = v;
      out.air_density_kg_per_m3[i] = rho;
    }
    out.ac_kw[i] = turbine_kw * farm_factor;
  }
  return out;
}

}  // namespace shapan::gen
