// Wind turbines and farms: power curves from the turbine library, wind speed
// and air density at hub height, farm losses.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shapan/core/check.h"
#include "shapan/core/site.h"
#include "shapan/gen/wind_farm_efficiency.h"
#include "shapan/resource/weather.h"

namespace shapan::gen {

// Electrical power vs hub-height wind speed at standard air density
// (1.225 kg/m³), as turbine makers publish it. Between points the power is
// interpolated linearly; outside the table it is 0 (below cut-in, above
// cut-out).
struct PowerCurve {
  std::vector<double> wind_speed_m_per_s;  // strictly increasing, >= 0
  std::vector<double> power_kw;            // same length, >= 0

  // Issues (fields "curve.wind_speed_m_per_s.<i>", "curve.power_kw.<i>",
  // "curve"): fewer than 2 points, unequal lengths, speeds not strictly
  // increasing or negative, powers negative or not finite.
  std::vector<FieldIssue> check() const;
  bool operator==(const PowerCurve&) const = default;
};

struct Turbine {
  std::string name;  // "E-126/4200", "NREL-2020ATB-5.5MW-175"
  double rated_power_kw = 0.0;
  double rotor_diameter_m = 0.0;
  double hub_height_m = 0.0;  // the maker's default hub height, 0 if unknown
  PowerCurve curve;
  // Power coefficient vs wind speed, where the library has one (else empty).
  std::vector<double> cp_wind_speed_m_per_s;
  std::vector<double> cp;
  bool operator==(const Turbine&) const = default;
};

// The turbine library shipped with Shapan, built into the binary (no file is
// read at run time; data/wind/PROVENANCE.md gives the sources):
//  * the OpenEnergy database turbines bundled by windpowerlib that have a
//    power curve (67 types, named by oedb turbine_type, e.g. "E-126/4200",
//    "V126/3300", "SWT130/3600"), with their Cp curve where oedb has one; the
//    hub height is the first of the maker's listed heights;
//  * four NREL turbine-models curves: "NREL-2020ATB-5.5MW-175",
//    "IEA-3.4MW-130", "NREL-2019COE-2.6MW-121", "DOE-GE-1.5MW-77". The
//    DOE/GE curve is measured and has small negative powers and Cp below
//    cut-in (−4.9 to −5.8 kW at 1.0–2.4 m/s); they are clamped to 0.
// Built once on first use (thread-safe); sorted by name.
const std::vector<Turbine>& turbine_library();
// Exact, case-sensitive name match; nullopt when absent.
std::optional<Turbine> find_turbine(std::string_view name);

// How wind measured at the weather file's height(s) is carried to the hub.
// kLog and kHellman use the measurement height nearest the hub (as
// windpowerlib's ModelChain does); the two interpolations need wind at two
// or more heights (WeatherSeries::wind_height_m plus wind_levels) and use
// the two nearest the hub, extrapolating beyond the measured range.
enum class WindProfile { kLog, kHellman, kInterpolate, kInterpolateLogHeight };

// Air density at hub height (formulas in shapan/gen/wind_profile.h).
enum class AirDensityModel { kIdealGas, kBarometric };

// kPowerCurve: the power curve (optionally density-corrected and smoothed).
// kPowerCoefficient: P = ½ρAv³cp(v) from the turbine's Cp curve.
enum class WindPowerModel { kPowerCurve, kPowerCoefficient };

struct WindParams {
  std::string name;           // label in results
  Turbine turbine;            // resolved by io from `turbine` / a file / an inline curve
  int count = 1;              // turbines in the farm
  double hub_height_m = 0.0;  // 0 = the turbine's default
  WindProfile wind_profile = WindProfile::kLog;
  double roughness_length_m = 0.1;  // z0; 0.1 = farmland with few trees
  double obstacle_height_m = 0.0;   // displacement height is 0.7 x this
  double hellman_exponent = -1.0;   // < 0: 1/ln(h_hub/z0)
  // Wake losses (wind_farm_efficiency.h): kConstant applies
  // wake_loss_percent to the power; kDenaMean / kKnorrMean reduce the hub
  // wind by windpowerlib's wind efficiency curves; kPowerEfficiencyCurve
  // multiplies the power by wake_efficiency_curve at the hub wind. With a
  // curve, wake_loss_percent must stay 0 (no double counting).
  WakeModel wake_model = WakeModel::kConstant;
  double wake_loss_percent = 0.0;
  EfficiencyCurve wake_efficiency_curve;  // kPowerEfficiencyCurve only
  double availability_percent = 100.0;
  double electrical_loss_percent = 0.0;
  // IEC 61400-12-1 power-curve correction for air density (power-curve model
  // only). Off, the curve is used as published, whatever the density.
  bool density_correction = true;
  AirDensityModel density_model = AirDensityModel::kIdealGas;
  WindPowerModel power_model = WindPowerModel::kPowerCurve;
  // Heights above ground of the weather file's dry-bulb temperature and
  // pressure (wind_levels carry their own heights). Defaults: the usual 2 m
  // screen temperature and station pressure at the ground.
  double temp_air_height_m = 2.0;
  double pressure_height_m = 0.0;

  // Optional Nørgaard–Holttinen smoothing of the power curve, which spreads
  // the farm's turbines over a Gaussian of wind speeds with
  // σ = smoothing_sigma_base_m_per_s + smoothing_sigma_frac · v. Default off:
  // a single turbine sees one wind speed. Trade-off: on, a large farm's
  // output ramps more gently at cut-in, rated and cut-out; it also lowers
  // the peak slightly.
  bool smoothing = false;
  double smoothing_sigma_base_m_per_s = 0.6;
  double smoothing_sigma_frac = 0.2;

  // Optional cut-out hysteresis: after the hub wind exceeds cut_out_m_per_s
  // the farm stays off until the wind falls below restart_m_per_s. 0 means
  // the default: cut-out = the last curve speed with non-zero power, restart
  // = cut-out − 3 m/s. Default off (the curve alone decides).
  bool cut_out_hysteresis = false;
  double cut_out_m_per_s = 0.0;
  double restart_m_per_s = 0.0;

  // Output per kW of rated power, one value per simulation step (io reads it
  // from `availability_file`, as PyPSA's p_max_pu). When given, it replaces
  // the physical model and the turbine: the farm is turbine.rated_power_kw ×
  // count kW (io sets count 1 and the rating from `capacity_kw`), output =
  // rating × value, and check() looks only at the rating.
  std::vector<double> availability_per_kw;

  // Issues for: count >= 1; hub height 10..250 m or 0 (then the turbine's
  // own, which must be > 0); roughness 0.0001..5 m; obstacle >= 0 with
  // 0.7·obstacle < hub; hellman exponent < 0 (auto) or 0..1; losses and
  // availability 0..100 %; rated power > 0; rotor diameter > 0 for the Cp
  // model; a valid curve (Cp curve for the Cp model); temperature and
  // pressure heights >= 0; smoothing σ terms; hysteresis speeds; a valid
  // wake_efficiency_curve for kPowerEfficiencyCurve; wake_loss_percent 0
  // with any wake curve.
  std::vector<FieldIssue> check() const;
  double rated_power_kw() const { return turbine.rated_power_kw * count; }
  // hub_height_m, or the turbine's default when that is 0.
  double effective_hub_height_m() const {
    return hub_height_m > 0.0 ? hub_height_m : turbine.hub_height_m;
  }
  bool operator==(const WindParams&) const = default;
};

struct WindSeries {
  std::vector<double> hub_wind_speed_m_per_s;
  std::vector<double> air_density_kg_per_m3;
  std::vector<double> ac_kw;  // farm output after wake, availability, electrical losses
};

// Runs the farm over every step of `weather` at `site`. Per step: hub wind
// by params.wind_profile; hub temperature by the −6.5 K/km gradient from the
// measured temperature nearest the hub; pressure from the measurement
// nearest the hub (or, when the file has none, the standard atmosphere at
// site.elevation_m) carried to the hub at −1/8 hPa/m; density; one
// turbine's power (at the wake-reduced wind v·η(v) for kDenaMean /
// kKnorrMean); farm output = count · P · wake · availability ·
// (1 − electrical loss), wake = 1 − wake_loss_percent/100 (kConstant),
// η(v) (kPowerEfficiencyCurve) or 1. hub_wind_speed_m_per_s reports the
// free-stream hub wind, before wake reduction. Missing temperature (empty or NaN) falls back to the
// standard atmosphere at the site's elevation.
// Heights: the file's main wind is at weather.wind_height_m, its dry bulb at
// params.temp_air_height_m and its pressure at params.pressure_height_m; each
// WindLevel adds whichever of wind, temperature and pressure it carries at
// its own height (a level may carry temperature only). When a calibration set
// weather.turbine_wind, that is the only wind used (at its own height); the
// measured wind is then only for models other than turbines.
// Hub wind below 0 from extrapolation is clamped to 0; a non-finite hub wind
// gives 0 kW. Cut-out hysteresis state runs through the series in order.
// Thread-safe (no shared state; the turbine library is built once).
// Throws InputError when params fail check(), when the weather has no wind,
// or when an interpolating profile has wind at only one height.
// `detail`: kAcOnly leaves hub_wind_speed_m_per_s and air_density_kg_per_m3
// empty (a simulation needs only the AC output).
enum class WindDetail { kAll, kAcOnly };
WindSeries simulate_wind(const WindParams& params, const Site& site,
                         const resource::WeatherSeries& weather,
                         WindDetail detail = WindDetail::kAll);

}  // namespace shapan::gen
