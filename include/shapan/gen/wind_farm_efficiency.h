// Wake losses in a wind farm as a function of wind speed: windpowerlib's
// wind efficiency curves (dena, Knorr) that reduce the wind the farm sees,
// and a wind-farm power efficiency curve that scales its power.
//
// Units: wind speed m/s at hub height, efficiency as a fraction 0..1.
// Thread-safety: pure functions; the built-in curves are constants.
#pragma once

#include <string>
#include <vector>

#include "shapan/core/check.h"

namespace shapan::gen {

// How a farm loses energy to the wakes of its own turbines.
//   kConstant: P × (1 − wake_loss_percent/100) (PVWatts-style flat loss).
//   kDenaMean, kKnorrMean: windpowerlib's wind efficiency curves
//     (wake_losses.reduce_wind_speed): the hub wind is reduced to
//     v·η(v) before the power curve is read. dena_mean averages 12 German
//     farms (Kohler et al. 2010, dena-Netzstudie II, p. 101); knorr_mean over
//     2000 German farms (Knorr 2016, Diss. Univ. Kassel, p. 124).
//   kPowerEfficiencyCurve: windpowerlib's "wind_farm_efficiency" with a curve
//     (power_curves.wake_losses_to_power_curve): the farm's power at hub wind
//     v is multiplied by η(v) from a user-given curve.
enum class WakeModel { kConstant, kDenaMean, kKnorrMean, kPowerEfficiencyCurve };

// Efficiency vs wind speed, interpolated linearly and held at the end values
// outside the table (numpy.interp, as windpowerlib uses it).
struct EfficiencyCurve {
  std::vector<double> wind_speed_m_per_s;  // non-decreasing, >= 0
  std::vector<double> efficiency_frac;     // same length, each 0..1

  // Issues (fields "<prefix>_wind_speed_m_per_s.<i>", "<prefix>_frac.<i>",
  // "<prefix>"): fewer than 2 points, unequal lengths, speeds negative or
  // decreasing, efficiencies outside 0..1 or not finite.
  std::vector<FieldIssue> check(const std::string& prefix = "wake_efficiency") const;
  bool operator==(const EfficiencyCurve&) const = default;
};

// η(v); NaN in, NaN out. Requires: the curve passes check().
double efficiency_at(const EfficiencyCurve& curve, double wind_speed_m_per_s);

// The built-in curves (0..25 m/s), from windpowerlib's data folder
// (wind-python/windpowerlib windpowerlib/data/wind_efficiency_curves_dena.csv
// at 36771a56, ..._knorr.csv at 59876cc9; MIT licence).
const EfficiencyCurve& dena_mean_efficiency_curve();
const EfficiencyCurve& knorr_mean_efficiency_curve();

// windpowerlib's reduce_wind_speed: v·η(v).
double reduced_wind_speed_m_per_s(const EfficiencyCurve& curve, double wind_speed_m_per_s);

}  // namespace shapan::gen
