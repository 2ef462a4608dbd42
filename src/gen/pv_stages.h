// The stages of simulate_pv's chain (pv.h), one step at a time, each tested
// apart in pv_stages_test.cc against the model functions it calls: where the
// irradiance comes from, the plane's geometry, the sky diffuse transposition,
// the cover's IAM, the cell temperature and the run year's degradation.
// simulate_pv strings them together. (Private to gen.)
#pragma once

#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "shapan/core/time.h"
#include "shapan/gen/cell_temperature.h"
#include "shapan/gen/pv.h"
#include "shapan/gen/transposition.h"
#include "shapan/resource/weather.h"

namespace shapan::gen::detail {

// Albedo when neither the parameters nor the weather file give one.
inline constexpr double kDefaultAlbedoFrac = 0.2;

// A weather value as the chain reads it: a negative or NaN value is 0.
double value_or_zero(const std::vector<double>& v, std::size_t i);

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
  HorizontalIrradiance at(std::size_t i) const;

 private:
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
// file's value when in [0, 1), else kDefaultAlbedoFrac. `file_albedo_frac`
// < 0 when the file has none.
double pv_albedo_frac(double params_albedo_frac, double file_albedo_frac);

// The plane's and the sun's cosines at a step: fixed arrays at their tilt and
// azimuth (no inverse trigonometry), trackers by tracking.h.
class PvPlane {
 public:
  explicit PvPlane(const PvParams& params);
  // Requires: the sun above the horizon.
  PlaneSunCosines at(const SunPosition& sun) const;

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
  double at(Timestamp t);

 private:
  std::int64_t day_ = std::numeric_limits<std::int64_t>::min();
  double dni_extra_w_per_m2_ = 0.0;
};

// Sky diffuse irradiance on the plane by `model` (transposition.h); Perez with
// the Kasten–Young air mass at the apparent zenith.
double pv_sky_diffuse_w_per_m2(TranspositionModel model, const PlaneSunCosines& c,
                               double dhi_w_per_m2, double dni_w_per_m2, double dni_extra_w_per_m2,
                               double apparent_zenith_deg);

// The cover's incidence angle modifier of the beam by params.iam (pvwatts.h
// physical model, with the anti-reflective layer for premium modules, or
// ASHRAE, iam.h).
double pv_beam_iam(const PvParams& params, double cos_aoi);

// Cell temperature by params.cell_temperature, with the roof-mount parameter
// sets for kFixedRoofMount (pv.h); Fuentes carries its state from step to
// step (a step not taken holds it).
class PvCellTemperature {
 public:
  PvCellTemperature(const PvParams& params, Duration step);
  // Wind below 0 is read as 0.
  double step(double poa_w_per_m2, double temp_air_c, double wind_m_per_s);

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
  double at(Timestamp t);

 private:
  double keep_frac_;
  double offset_h_;
  CivilTime start_;
  int year_ = 0;
  Timestamp next_year_;
  double factor_ = 1.0;
};

}  // namespace shapan::gen::detail
