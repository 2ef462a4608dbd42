// The stages of simulate_pv's chain (pv.h), one step at a time, each tested
// apart in pv_stages_test.cc against the model functions it calls: where the
// irradiance comes from, the plane's geometry, the sky diffuse transposition,
// the cover's IAM, the cell temperature and the run year's degradation.
// simulate_pv strings them together. What runs every step is inline here (a
// call per stage and step cost 4 % of simulate_pv, callgrind); the set-up
// and the rare branches are in pv_stages.cc. (Private to gen.)
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numbers>
#include <span>
#include <vector>

#include "shapan/core/assert.h"
#include "shapan/core/standard_conditions.h"
#include "shapan/core/time.h"
#include "shapan/gen/cell_temperature.h"
#include "shapan/gen/iam.h"
#include "shapan/gen/irradiance.h"
#include "shapan/gen/pv.h"
#include "shapan/gen/pvwatts.h"
#include "shapan/gen/tracking.h"
#include "shapan/gen/transposition.h"
#include "shapan/resource/weather.h"

namespace shapan::gen::detail {

inline constexpr double kPvDegToRad = std::numbers::pi / 180.0;

// A weather value as the chain reads it: a negative or NaN value is 0.
inline double value_or_zero(const std::vector<double>& v, std::size_t i) {
  const double x = v[i];
  return std::isnan(x) || x < 0.0 ? 0.0 : x;
}

struct HorizontalIrradiance {
  double ghi_w_per_m2 = 0.0;
  double dni_w_per_m2 = 0.0;
  double dhi_w_per_m2 = 0.0;
};

// GHI, DNI and DHI of each step from params.irradiance and
// params.decomposition (pv.h): the file's, the file's GHI split by Erbs,
// DISC or DIRINT (decomposition.h) at the true zenith on the UTC day, or the
// Ineichen–Perez clear sky (clear_sky.h) at the station's elevation.
class PvIrradianceSource {
 public:
  // Requires: `sun` and `weather` alive while this is used, sun.size() ==
  // weather.size(). DIRINT needs the whole series (Δkt' looks at the
  // neighbouring steps): it is worked out here.
  PvIrradianceSource(const PvParams& params, const resource::WeatherSeries& weather,
                     std::span<const SunPosition> sun);
  // Step `i`, whose sun is above the horizon.
  HorizontalIrradiance at(std::size_t i) const {
    if (clear_sky_) return clear_sky(i);
    const double ghi = value_or_zero(weather_.ghi_w_per_m2, i);
    if (decompose_) return decomposed(i, ghi);
    return {.ghi_w_per_m2 = ghi,
            .dni_w_per_m2 = value_or_zero(weather_.dni_w_per_m2, i),
            .dhi_w_per_m2 = value_or_zero(weather_.dhi_w_per_m2, i)};
  }

 private:
  HorizontalIrradiance clear_sky(std::size_t i) const;
  HorizontalIrradiance decomposed(std::size_t i, double ghi_w_per_m2) const;
  // Day of year (UTC) at the middle of step `i`.
  double utc_day_of_year(std::size_t i) const;

  const PvParams& params_;
  const resource::WeatherSeries& weather_;
  std::span<const SunPosition> sun_;
  bool clear_sky_;
  bool decompose_;
  bool has_pressure_;
  double site_altitude_m_;
  std::vector<double> dirint_dni_w_per_m2_;  // kDirint only
};

// The ground's albedo at a step: `params_albedo_frac` when >= 0, else the
// file's value when in [0, 1), else kDefaultAlbedoFrac (shapan/core/standard_conditions.h).
// `file_albedo_frac` < 0 when the file has none.
inline double pv_albedo_frac(double params_albedo_frac, double file_albedo_frac) {
  if (params_albedo_frac >= 0.0) return params_albedo_frac;
  return file_albedo_frac >= 0.0 && file_albedo_frac < 1.0 ? file_albedo_frac : kDefaultAlbedoFrac;
}

// A tracker's (or a fixed array's) orientation toward `sun` (tracking.h).
SurfaceOrientation pv_orientation(const PvParams& params, const SunPosition& sun);

// The plane's and the sun's cosines at a step: fixed arrays at their tilt and
// azimuth (no inverse trigonometry), trackers by tracking.h.
class PvPlane {
 public:
  explicit PvPlane(const PvParams& params);
  // Requires: the sun above the horizon.
  PlaneSunCosines at(const SunPosition& sun) const {
    const double z_rad = sun.zenith_deg * kPvDegToRad;
    PlaneSunCosines c{.cos_zenith = std::cos(z_rad), .zenith_rad = z_rad};
    if (fixed_) {
      c.cos_aoi =
          cos_aoi_from_cosines(cos_tilt_, sin_tilt_, c.cos_zenith, std::sin(z_rad),
                               std::cos((sun.azimuth_deg - params_.azimuth_deg) * kPvDegToRad));
      c.cos_tilt = cos_tilt_;
      c.sin_tilt = sin_tilt_;
    } else {
      const SurfaceOrientation o = pv_orientation(params_, sun);
      c.cos_aoi = o.cos_aoi;
      c.cos_tilt = std::cos(o.tilt_deg * kPvDegToRad);
      c.sin_tilt = std::sin(o.tilt_deg * kPvDegToRad);
    }
    return c;
  }

 private:
  const PvParams& params_;
  bool fixed_;
  double cos_tilt_;
  double sin_tilt_;
};

// Spencer's extraterrestrial DNI on the day of a step, worked out once per
// UTC day (it changes by < 0.04 % a day), from an approximate day of year.
class DailyDniExtra {
 public:
  double at(Timestamp t) {
    const std::int64_t day = t.unix_seconds() / 86400;
    if (day != day_) start_day(day, t);
    return dni_extra_w_per_m2_;
  }

 private:
  void start_day(std::int64_t day, Timestamp t);

  std::int64_t day_ = std::numeric_limits<std::int64_t>::min();
  double dni_extra_w_per_m2_ = 0.0;
};

// Sky diffuse irradiance on the plane by `model` (transposition.h); Perez with
// the Kasten–Young air mass at the apparent zenith.
inline double pv_sky_diffuse_w_per_m2(TranspositionModel model, const PlaneSunCosines& c,
                                      double dhi_w_per_m2, double dni_w_per_m2,
                                      double dni_extra_w_per_m2, double apparent_zenith_deg) {
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

// The cover's incidence angle modifier of the beam by params.iam (pvwatts.h
// physical model, with the anti-reflective layer for premium modules, or
// ASHRAE, iam.h).
inline double pv_beam_iam(const PvParams& params, double cos_aoi) {
  return params.iam == IamModel::kAshrae
             ? ashrae_iam_cos(cos_aoi, params.iam_ashrae_b0)
             : pvwatts_iam_cos(cos_aoi, params.module_type == ModuleType::kPremium);
}

// Roof-mount parameter sets of the steady-state cell temperature models:
// SAPM close-mount glass/glass (King et al. 2004, table 1) and PVsyst
// "insulated" (PVsyst help, thermal loss).
inline constexpr SapmTempParams kSapmCloseMount{.a = -2.98, .b = -0.0471, .delta_t_c = 1.0};
inline constexpr PvsystTempParams kPvsystInsulated{.u_c_w_per_m2_k = 15.0};

// Cell temperature by params.cell_temperature, with the roof-mount parameter
// sets for kFixedRoofMount (pv.h); Fuentes carries its state from step to
// step (a step not taken holds it).
class PvCellTemperature {
 public:
  PvCellTemperature(const PvParams& params, Duration step);
  // Wind below 0 is read as 0.
  double step(double poa_w_per_m2, double temp_air_c, double wind_m_per_s) {
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

 private:
  CellTemperatureModel model_;
  bool roof_;
  Duration step_;
  FuentesModel fuentes_;
  FuentesState state_;
};

// (1 − degradation)^k in year k of the run, the years counted from the
// weather's start's anniversaries in the site's standard time (29 February
// anniversaries fall on 28 February). Steps must be asked in time order.
class RunYearFactor {
 public:
  RunYearFactor(const resource::WeatherSeries& weather, double degradation_percent_per_year);
  double at(Timestamp t) {
    while (t >= next_year_) next_year();
    return factor_;
  }

 private:
  void next_year();

  double keep_frac_;
  double offset_h_;
  CivilTime start_;
  int year_ = 0;
  Timestamp next_year_;
  double factor_ = 1.0;
};

}  // namespace shapan::gen::detail
