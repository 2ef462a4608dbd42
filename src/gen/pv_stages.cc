// The stages of simulate_pv's chain (see pv_stages.h).
#include "pv_stages.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include "shapan/core/assert.h"
#include "shapan/gen/clear_sky.h"
#include "shapan/gen/decomposition.h"
#include "shapan/gen/iam.h"
#include "shapan/gen/irradiance.h"
#include "shapan/gen/pvwatts.h"
#include "shapan/gen/tracking.h"

namespace shapan::gen::detail {
namespace {

constexpr double kDegToRad = std::numbers::pi / 180.0;
// Used by DISC and DIRINT for a missing, NaN or non-positive pressure.
constexpr double kStandardPressurePa = 101325.0;

// Roof-mount parameter sets of the steady-state cell temperature models:
// SAPM close-mount glass/glass (King et al. 2004, table 1) and PVsyst
// "insulated" (PVsyst help, thermal loss).
constexpr SapmTempParams kSapmCloseMount{.a = -2.98, .b = -0.0471, .delta_t_c = 1.0};
constexpr PvsystTempParams kPvsystInsulated{.u_c_w_per_m2_k = 15.0};

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

SurfaceOrientation tracker_orientation(const PvParams& p, const SunPosition& sun) {
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

}  // namespace

double value_or_zero(const std::vector<double>& v, std::size_t i) {
  const double x = v[i];
  return std::isnan(x) || x < 0.0 ? 0.0 : x;
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

double PvIrradianceSource::utc_day_of_year(std::size_t i) const {
  const CivilTime utc =
      to_civil(weather_.interval_start(i) + Duration::seconds(weather_.step.in_seconds() / 2), 0.0);
  return day_of_year(utc.year, utc.month, utc.day);
}

HorizontalIrradiance PvIrradianceSource::at(std::size_t i) const {
  if (clear_sky_) {
    // pvlib's Location.get_clearsky(model="ineichen"): E0 by Spencer, air
    // mass Kasten–Young × p(altitude)/p0, TL of the (UTC) day.
    const double doy = utc_day_of_year(i);
    const ClearSky cs = clear_sky_ineichen(sun_[i].zenith_deg, site_altitude_m_,
                                           params_.linke_turbidity.on_day(doy),
                                           extraterrestrial_dni_spencer_w_per_m2(doy));
    return {.ghi_w_per_m2 = cs.ghi_w_per_m2,
            .dni_w_per_m2 = cs.dni_w_per_m2,
            .dhi_w_per_m2 = cs.dhi_w_per_m2};
  }
  const double ghi = value_or_zero(weather_.ghi_w_per_m2, i);
  if (decompose_) return decomposed(i, ghi);
  return {.ghi_w_per_m2 = ghi,
          .dni_w_per_m2 = value_or_zero(weather_.dni_w_per_m2, i),
          .dhi_w_per_m2 = value_or_zero(weather_.dhi_w_per_m2, i)};
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
    dhi = ghi_w_per_m2 - dni * std::cos(zenith_true_deg * kDegToRad);
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

double pv_albedo_frac(double params_albedo_frac, double file_albedo_frac) {
  if (params_albedo_frac >= 0.0) return params_albedo_frac;
  return file_albedo_frac >= 0.0 && file_albedo_frac < 1.0 ? file_albedo_frac : kDefaultAlbedoFrac;
}

PvPlane::PvPlane(const PvParams& params)
    : params_(params),
      fixed_(params.array_type == ArrayType::kFixedOpenRack ||
             params.array_type == ArrayType::kFixedRoofMount),
      cos_tilt_(std::cos(params.tilt_deg * kDegToRad)),
      sin_tilt_(std::sin(params.tilt_deg * kDegToRad)) {}

PlaneSunCosines PvPlane::at(const SunPosition& sun) const {
  const double z_rad = sun.zenith_deg * kDegToRad;
  PlaneSunCosines c{.cos_zenith = std::cos(z_rad), .zenith_rad = z_rad};
  if (fixed_) {
    c.cos_aoi = cos_aoi_from_cosines(cos_tilt_, sin_tilt_, c.cos_zenith, std::sin(z_rad),
                                     std::cos((sun.azimuth_deg - params_.azimuth_deg) * kDegToRad));
    c.cos_tilt = cos_tilt_;
    c.sin_tilt = sin_tilt_;
  } else {
    const SurfaceOrientation o = tracker_orientation(params_, sun);
    c.cos_aoi = o.cos_aoi;
    c.cos_tilt = std::cos(o.tilt_deg * kDegToRad);
    c.sin_tilt = std::sin(o.tilt_deg * kDegToRad);
  }
  return c;
}

double DailyDniExtra::at(Timestamp t) {
  const std::int64_t day = t.unix_seconds() / 86400;
  if (day != day_) {
    day_ = day;
    dni_extra_w_per_m2_ = extraterrestrial_dni_spencer_w_per_m2(approx_day_of_year(t));
  }
  return dni_extra_w_per_m2_;
}

double pv_sky_diffuse_w_per_m2(TranspositionModel model, const PlaneSunCosines& c,
                               double dhi_w_per_m2, double dni_w_per_m2, double dni_extra_w_per_m2,
                               double apparent_zenith_deg) {
  switch (model) {
    case TranspositionModel::kIsotropic:
      return isotropic_sky_w_per_m2(c, dhi_w_per_m2);
    case TranspositionModel::kHayDavies:
      return hay_davies_sky(c, dhi_w_per_m2, dni_w_per_m2, dni_extra_w_per_m2).total_w_per_m2;
    case TranspositionModel::kPerez:
      return perez_sky(c, dhi_w_per_m2, dni_w_per_m2, dni_extra_w_per_m2,
                       relative_airmass_kasten_young_cos(apparent_zenith_deg, c.cos_zenith))
          .total_w_per_m2;
  }
  SHAPAN_ASSERT(false, "unknown TranspositionModel");
}

double pv_beam_iam(const PvParams& params, double cos_aoi) {
  return params.iam == IamModel::kAshrae
             ? ashrae_iam_cos(cos_aoi, params.iam_ashrae_b0)
             : pvwatts_iam_cos(cos_aoi, params.module_type == ModuleType::kPremium);
}

PvCellTemperature::PvCellTemperature(const PvParams& params, Duration step)
    : model_(params.cell_temperature),
      roof_(params.array_type == ArrayType::kFixedRoofMount),
      step_(step),
      fuentes_({.noct_installed_c = noct_installed_c(params.array_type)}) {}

double PvCellTemperature::step(double poa_w_per_m2, double temp_air_c, double wind_m_per_s) {
  const double wind = std::max(wind_m_per_s, 0.0);
  switch (model_) {
    case CellTemperatureModel::kFuentes:
      state_ = fuentes_.step(state_, poa_w_per_m2, temp_air_c, wind, step_);
      return state_.module_temp_k - 273.15;
    case CellTemperatureModel::kSapm:
      return sapm_cell_temp_c(poa_w_per_m2, temp_air_c, wind,
                              roof_ ? kSapmCloseMount : SapmTempParams{});
    case CellTemperatureModel::kPvsyst:
      return pvsyst_cell_temp_c(poa_w_per_m2, temp_air_c, wind,
                                roof_ ? kPvsystInsulated : PvsystTempParams{});
    case CellTemperatureModel::kFaiman:
      return faiman_temp_c(poa_w_per_m2, temp_air_c, wind);
  }
  SHAPAN_ASSERT(false, "unknown CellTemperatureModel");
}

RunYearFactor::RunYearFactor(const resource::WeatherSeries& weather,
                             double degradation_percent_per_year)
    : keep_frac_(1.0 - degradation_percent_per_year / 100.0),
      offset_h_(std::isnan(weather.location.utc_offset_h) ? 0.0 : weather.location.utc_offset_h),
      start_(to_civil(weather.start, offset_h_)),
      next_year_(anniversary(start_, offset_h_, 1)) {}

double RunYearFactor::at(Timestamp t) {
  while (t >= next_year_) {
    ++year_;
    factor_ = std::pow(keep_frac_, year_);
    next_year_ = anniversary(start_, offset_h_, year_ + 1);
  }
  return factor_;
}

}  // namespace shapan::gen::detail
