// The stages of simulate_wind (wind.h), in the order of windpowerlib's
// ModelChain: the weather's measurements, the wind at hub height
// (wind_profile.h), the air density there (air_density.h), one turbine's
// power (power_curve.h, wind_farm_efficiency.h), the cut-out hysteresis and
// the farm's losses. Each is tested apart in wind_stages_test.cc against the
// model functions it calls. What runs every step is inline here (as in
// pv_stages.h); the set-up is in wind_stages.cc. (Private to gen.)
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <span>
#include <vector>

#include "shapan/gen/power_curve.h"
#include "shapan/gen/wind.h"
#include "shapan/gen/wind_farm_efficiency.h"
#include "shapan/gen/wind_profile.h"
#include "shapan/resource/weather.h"

namespace shapan::gen::detail {

// One measured series and the height it was measured at.
struct Measured {
  double height_m = 0.0;
  std::span<const double> values;
};

// What the weather file measures, at every height it has: the main columns
// (wind at weather.wind_height_m, temperature at params.temp_air_height_m,
// pressure at params.pressure_height_m) and weather.wind_levels (a level at
// the main wind height repeats it and is left out). A calibrated series
// (weather.turbine_wind set) gives its calibrated wind as the only wind; the
// levels' temperatures and pressures still count.
struct WindMeasurements {
  std::vector<Measured> wind;  // never empty
  std::vector<Measured> temperature;
  std::vector<Measured> pressure;
  std::size_t steps = 0;  // values in every series
};

// Throws InputError (at weather.source) when the weather has no wind speed,
// when an interpolating profile has wind at one height only, or when a series
// has another length than the first wind series.
WindMeasurements wind_measurements(const WindParams& params,
                                   const resource::WeatherSeries& weather);

// The measurement nearest `hub_m`; on a tie the first one listed; nullptr
// when there is none.
const Measured* nearest(const std::vector<Measured>& candidates, double hub_m);

// The wind at hub height by params.wind_profile: the logarithmic and Hellman
// profiles scale the wind measured nearest the hub by a constant (worked out
// once: the factor is the profile of 1 m/s, so each product is what the
// profile of the measured wind gives); interpolation goes through every
// height, and is held at 0 or above (extrapolation can dip below zero under
// strong shear; wind speed cannot).
class HubWindSpeed {
 public:
  // Throws InputError when the logarithmic profile's obstacle reaches the
  // measurement height (0.7 × obstacle height >= it). Requires: `m` alive
  // while this is used.
  HubWindSpeed(const WindParams& params, const WindMeasurements& m, double hub_m,
               const resource::WeatherSeries& weather);
  double at(std::size_t i) {
    if (!interpolate_) return near_->values[i] * factor_;
    for (std::size_t k = 0; k < wind_.size(); ++k) values_[k] = wind_[k].values[i];
    return std::max(0.0, interpolate_in_height(heights_m_, values_, hub_m_, method_));
  }

 private:
  const std::vector<Measured>& wind_;
  const Measured* near_;
  double hub_m_;
  bool interpolate_;
  double factor_ = 0.0;  // log / Hellman: the hub wind of 1 m/s measured
  HeightInterpolation method_ = HeightInterpolation::kLogHeight;
  std::vector<double> heights_m_;
  std::vector<double> values_;  // one step's, interpolation only
};

// Air density at hub height by params.density_model, from the temperature
// and pressure measured nearest the hub, or, where there is none or it is
// NaN, the standard atmosphere at the site's elevation (taken at the ground).
class HubAirDensity {
 public:
  HubAirDensity(const WindParams& params, const WindMeasurements& m, double hub_m,
                double site_elevation_m);
  double at(std::size_t i) const {
    double t_k = site_temperature_k_;
    double t_height_m = 0.0;
    if (temperature_ && std::isfinite(temperature_->values[i])) {
      t_k = temperature_->values[i] + kZeroCelsiusK;
      t_height_m = temperature_->height_m;
    }
    const double hub_t_k = temperature_at_height_k(t_k, t_height_m, hub_m_);
    double p_pa = site_pressure_pa_;
    double p_height_m = 0.0;
    if (pressure_ && std::isfinite(pressure_->values[i])) {
      p_pa = pressure_->values[i];
      p_height_m = pressure_->height_m;
    }
    return ideal_gas_ ? ideal_gas_density(p_pa, p_height_m, hub_m_, hub_t_k)
                      : barometric_density(p_pa, p_height_m, hub_m_, hub_t_k);
  }

 private:
  static constexpr double kZeroCelsiusK = 273.15;
  const Measured* temperature_;
  const Measured* pressure_;
  double hub_m_;
  bool ideal_gas_;
  double site_pressure_pa_;
  double site_temperature_k_;
};

// One turbine's power at the hub wind and density: the power curve (smoothed
// when params.smoothing, density-corrected when params.density_correction)
// or the power coefficient model; a wind efficiency curve (kDenaMean,
// kKnorrMean) reduces the wind the turbine sees (windpowerlib's
// reduce_wind_speed, before the power curve as its TurbineClusterModelChain
// does), a power efficiency curve (kPowerEfficiencyCurve) scales the power at
// the hub wind. 0 when the wind is not finite.
class TurbinePower {
 public:
  explicit TurbinePower(const WindParams& params);
  double kw(double hub_wind_m_per_s, double density_kg_per_m3) const {
    const double v = wind_reduction_ != nullptr
                         ? reduced_wind_speed_m_per_s(*wind_reduction_, hub_wind_m_per_s)
                         : hub_wind_m_per_s;
    if (!std::isfinite(v)) return 0.0;
    double kw = 0.0;
    if (params_.power_model == WindPowerModel::kPowerCoefficient) {
      kw = power_coefficient_kw(params_.turbine.cp_wind_speed_m_per_s, params_.turbine.cp,
                                params_.turbine.rotor_diameter_m, v, density_kg_per_m3);
    } else if (params_.density_correction) {
      kw = corrected_.power_kw(v, density_kg_per_m3);
    } else {
      kw = power_curve_kw(curve_, v);
    }
    if (params_.wake_model == WakeModel::kPowerEfficiencyCurve) {
      kw *= efficiency_at(params_.wake_efficiency_curve, hub_wind_m_per_s);
    }
    return kw;
  }

 private:
  const WindParams& params_;
  PowerCurve curve_;
  // The density-corrected lookup with its exponents precomputed (per step it
  // needs a cube root instead of a pow() at every probed curve point).
  DensityCorrectedCurve corrected_;
  const EfficiencyCurve* wind_reduction_ = nullptr;
};

// Cut-out hysteresis: after the hub wind exceeds the cut-out speed the farm
// stays off until the wind falls below the restart speed. Defaults (0 in
// params): cut-out at the last curve speed with power, restart 3 m/s below.
class CutOutHysteresis {
 public:
  explicit CutOutHysteresis(const WindParams& params);
  // Takes the step's hub wind; is the farm off in it?
  bool stopped(double hub_wind_m_per_s) {
    if (hub_wind_m_per_s > cut_out_m_per_s_) {
      stopped_ = true;
    } else if (stopped_ && hub_wind_m_per_s < restart_m_per_s_) {
      stopped_ = false;
    }
    return stopped_;
  }
  double cut_out_m_per_s() const { return cut_out_m_per_s_; }
  double restart_m_per_s() const { return restart_m_per_s_; }

 private:
  double cut_out_m_per_s_;
  double restart_m_per_s_;
  bool stopped_ = false;
};

// The farm's output per turbine output: count × (1 − constant wake loss) ×
// availability × (1 − electrical losses).
double farm_factor(const WindParams& params);

}  // namespace shapan::gen::detail
