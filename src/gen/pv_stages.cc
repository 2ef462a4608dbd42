// The stages of simulate_pv's chain (see pv_stages.h).
#include "pv_stages.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include "shapan/core/assert.h"
#include "shapan/core/standard_conditions.h"
#include "shapan/gen/clear_sky.h"
#include "shapan/gen/decomposition.h"
#include "shapan/gen/iam.h"
#include "shapan/gen/irradiance.h"
#include "shapan/gen/pvwatts.h"
#include "shapan/gen/tracking.h"

namespace shapan::gen::detail {
namespace {

// Day of year with fraction, from a Timestamp: days since 2000-01-01 modulo the
// mean Gregorian year. Off by at most a day from the calendar date, which moves
// the Spencer distance factor by < 0.05 %.
double approx_day_of_year(Timestamp t) {
  const double days = static_cast<double>(t.unix_seconds() - 946684800) / 86400.0;
  double d = std::fmod(days, 365.2425);
  if (d < 0.0) d += 365.2425;
  return d + 1.0;
}

// Start of year k+1 of the run: the k+1-th anniversary of `start` in the
// site's standard time (29 February anniversaries fall on 28 February).
Timestamp anniversary(const CivilTime& start, double utc_offset_h, int k) {
  CivilTime c = start;
  c.year += k;
  c.day = std::min(c.day, days_in_month(c.year, c.month));
  return to_timestamp(c, utc_offset_h);
}

}  // namespace

SurfaceOrientation pv_orientation(const PvParams& p, const SunPosition& sun) {
  switch (p.array_type) {
    case ArrayType::kFixedOpenRack:
    case ArrayType::kFixedRoofMount:
      return fixed_orientation(p.tilt_deg, p.azimuth_deg, sun.zenith_deg, sun.azimuth_deg);
    case ArrayType::kSingleAxis:
    case ArrayType::kSingleAxisBacktracking:
      return single_axis_orientation(
          {.axis_tilt_deg = p.tilt_deg,
           .axis_azimuth_deg = p.azimuth_deg,
           .max_rotation_deg = p.max_rotation_deg,
           .backtrack = p.array_type == ArrayType::kSingleAxisBacktracking,
           .gcr = p.gcr},
          sun.zenith_deg, sun.azimuth_deg);
    case ArrayType::kTwoAxis:
      return two_axis_orientation(sun.zenith_deg, sun.azimuth_deg);
  }
  SHAPAN_ASSERT(false, "unknown ArrayType");
}

PvIrradianceSource::PvIrradianceSource(const PvParams& params,
                                       const resource::WeatherSeries& weather,
                                       std::span<const SunPosition> sun)
    : params_(params),
      weather_(weather),
      sun_(sun),
      clear_sky_(params.irradiance == IrradianceSource::kClearSky),
      decompose_(!clear_sky_ && params.decomposition != DecompositionModel::kNone),
      has_pressure_(weather.pressure_pa.size() == weather.size()),
      site_altitude_m_(std::isfinite(weather.location.elevation_m) ? weather.location.elevation_m
                                                                   : 0.0) {
  if (!decompose_ || params.decomposition != DecompositionModel::kDirint) return;
  const std::size_t n = weather.size();
  std::vector<double> ghi(n), zenith(n), day(n), pressure(n, kStandardPressurePa), dew;
  for (std::size_t i = 0; i < n; ++i) {
    ghi[i] = value_or_zero(weather.ghi_w_per_m2, i);
    zenith[i] = sun[i].zenith_true_deg;
    day[i] = utc_day_of_year(i);
    if (has_pressure_ && weather.pressure_pa[i] > 0.0) pressure[i] = weather.pressure_pa[i];
  }
  if (weather.temp_dew_c.size() == n &&
      std::all_of(weather.temp_dew_c.begin(), weather.temp_dew_c.end(),
                  [](double t) { return std::isfinite(t); })) {
    dew = weather.temp_dew_c;
  }
  dirint_dni_w_per_m2_ = dirint_dni(ghi, zenith, day, pressure, dew,
                                    {.use_delta_kt_prime = weather.step.in_seconds() < 5400});
}

HorizontalIrradiance PvIrradianceSource::clear_sky(std::size_t i) const {
  // pvlib's Location.get_clearsky(model="ineichen"): E0 by Spencer, air
  // mass Kasten–Young × p(altitude)/p0, TL of the (UTC) day.
  const double doy = utc_day_of_year(i);
  const ClearSky cs =
      clear_sky_ineichen(sun_[i].zenith_deg, site_altitude_m_, params_.linke_turbidity.on_day(doy),
                         extraterrestrial_dni_spencer_w_per_m2(doy));
  return {.ghi_w_per_m2 = cs.ghi_w_per_m2,
          .dni_w_per_m2 = cs.dni_w_per_m2,
          .dhi_w_per_m2 = cs.dhi_w_per_m2};
}

double PvIrradianceSource::utc_day_of_year(std::size_t i) const {
  const CivilTime utc =
      to_civil(weather_.interval_start(i) + Duration::seconds(weather_.step.in_seconds() / 2), 0.0);
  return day_of_year(utc.year, utc.month, utc.day);
}

HorizontalIrradiance PvIrradianceSource::decomposed(std::size_t i, double ghi_w_per_m2) const {
  // GHI-only files: split GHI at the true zenith, on the UTC day as pvlib
  // does (decomposition.h).
  const double zenith_true_deg = sun_[i].zenith_true_deg;
  double dni = 0.0;
  double dhi = 0.0;
  if (params_.decomposition == DecompositionModel::kDirint) {
    const double d = dirint_dni_w_per_m2_[i];
    dni = std::isfinite(d) ? d : 0.0;
    dhi = ghi_w_per_m2 - dni * std::cos(zenith_true_deg * kPvDegToRad);
  } else if (params_.decomposition == DecompositionModel::kErbs) {
    const BeamDiffuse split = erbs(ghi_w_per_m2, zenith_true_deg,
                                   extraterrestrial_dni_spencer_w_per_m2(utc_day_of_year(i)));
    dni = split.dni_w_per_m2;
    dhi = split.dhi_w_per_m2;
  } else {
    double p_pa = kStandardPressurePa;
    if (has_pressure_ && weather_.pressure_pa[i] > 0.0) p_pa = weather_.pressure_pa[i];
    const DiscResult split = disc(ghi_w_per_m2, zenith_true_deg, utc_day_of_year(i), p_pa);
    dni = split.dni_w_per_m2;
    dhi = split.dhi_w_per_m2;
  }
  return {.ghi_w_per_m2 = ghi_w_per_m2,
          .dni_w_per_m2 = std::max(dni, 0.0),
          .dhi_w_per_m2 = std::max(dhi, 0.0)};
}

PvPlane::PvPlane(const PvParams& params)
    : params_(params),
      fixed_(params.array_type == ArrayType::kFixedOpenRack ||
             params.array_type == ArrayType::kFixedRoofMount),
      cos_tilt_(std::cos(params.tilt_deg * kPvDegToRad)),
      sin_tilt_(std::sin(params.tilt_deg * kPvDegToRad)) {}

void DailyDniExtra::start_day(std::int64_t day, Timestamp t) {
  day_ = day;
  dni_extra_w_per_m2_ = extraterrestrial_dni_spencer_w_per_m2(approx_day_of_year(t));
}

PvCellTemperature::PvCellTemperature(const PvParams& params, Duration step)
    : model_(params.cell_temperature),
      roof_(params.array_type == ArrayType::kFixedRoofMount),
      step_(step),
      fuentes_({.noct_installed_c = noct_installed_c(params.array_type)}) {}

RunYearFactor::RunYearFactor(const resource::WeatherSeries& weather,
                             double degradation_percent_per_year)
    : keep_frac_(1.0 - degradation_percent_per_year / 100.0),
      offset_h_(std::isnan(weather.location.utc_offset_h) ? 0.0 : weather.location.utc_offset_h),
      start_(to_civil(weather.start, offset_h_)),
      next_year_(anniversary(start_, offset_h_, 1)) {}

void RunYearFactor::next_year() {
  ++year_;
  factor_ = std::pow(keep_frac_, year_);
  next_year_ = anniversary(start_, offset_h_, year_ + 1);
}

}  // namespace shapan::gen::detail
