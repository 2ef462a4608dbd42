// The PVWatts v5 chain over a weather series (see pv.h for the order of steps).
#include "shapan/gen/pv.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numbers>

#include "pv_stages.h"
#include "shapan/core/assert.h"
#include "shapan/gen/irradiance.h"
#include "shapan/gen/pvwatts.h"
#include "shapan/gen/transposition.h"

namespace shapan::gen {

std::vector<FieldIssue> PvParams::check() const {
  FieldChecker c;
  c.above("dc_capacity_kw", dc_capacity_kw, 0.0)
      .in_range("dc_ac_ratio", dc_ac_ratio, 0.5, 3.0)
      .in_range("tilt_deg", tilt_deg, 0.0, 90.0)
      .in_range("azimuth_deg", azimuth_deg, 0.0, 360.0)
      .in_range("losses_percent", losses_percent, 0.0, 99.0)
      .in_range("inverter_efficiency_percent", inverter_efficiency_percent, 50.0, 99.5)
      .in_range("gcr", gcr, 0.01, 0.99)
      .in_range("max_rotation_deg", max_rotation_deg, 0.0, 90.0)
      .expect(
          albedo == -1.0 || (albedo >= 0.0 && albedo <= 1.0), "albedo",
          "= " + format_number(albedo) + ": must be -1 (from the weather file) or between 0 and 1")
      .in_range("degradation_percent_per_year", degradation_percent_per_year, 0.0, 10.0)
      .in_range("iam_ashrae_b0", iam_ashrae_b0, 0.0, 1.0);
  std::vector<FieldIssue> issues = c.issues();
  for (FieldIssue issue : linke_turbidity.check()) issues.push_back(std::move(issue));
  return issues;
}

double temperature_coefficient_per_c(ModuleType type) {
  switch (type) {
    case ModuleType::kStandard:
      return -0.0047;
    case ModuleType::kPremium:
      return -0.0035;
    case ModuleType::kThinFilm:
      return -0.0020;
  }
  return -0.0047;
}

double noct_installed_c(ArrayType type) { return type == ArrayType::kFixedRoofMount ? 49.0 : 45.0; }

std::vector<Timestamp> interval_sun_times(const Site& site, const resource::WeatherSeries& weather,
                                          SunTiming timing, const SpaOptions& options) {
  std::vector<Timestamp> out;
  out.reserve(weather.size());
  const Duration half = Duration::seconds(weather.step.in_seconds() / 2);
  // sun_times() of the local day, cached: one SPA rise/set per day. SAM's
  // solarpos (Michalsky 1988) puts sunrise and sunset where the sun's centre
  // crosses the geometric horizon, without refraction: h0' = 0, i.e. an
  // atmos_refract of minus the sun's radius in SPA A.2.
  SpaOptions geometric = options;
  geometric.atmos_refract_deg = -0.26667;
  std::int64_t cached_day = std::numeric_limits<std::int64_t>::min();
  SunTimes day_times;
  const auto offset_s = static_cast<std::int64_t>(std::llround(site.utc_offset_h * 3600.0));
  for (std::size_t i = 0; i < weather.size(); ++i) {
    const Timestamp t0 = weather.interval_start(i);
    const Timestamp t1 = t0 + weather.step;
    Timestamp at = t0 + half;
    if (timing == SunTiming::kSunlitMidpoint) {
      const std::int64_t local_s = t0.unix_seconds() + offset_s;
      const std::int64_t day = local_s / 86400 - (local_s % 86400 < 0 ? 1 : 0);
      if (day != cached_day) {
        cached_day = day;
        day_times = sun_times(site, t0, geometric);
      }
      if (!day_times.polar_day && !day_times.polar_night) {
        const bool rise_inside = t0 < day_times.sunrise && day_times.sunrise < t1;
        const bool set_inside = t0 < day_times.sunset && day_times.sunset < t1;
        if (rise_inside && !set_inside) {
          at = day_times.sunrise + Duration::seconds((t1 - day_times.sunrise).in_seconds() / 2);
        } else if (set_inside && !rise_inside) {
          at = t0 + Duration::seconds((day_times.sunset - t0).in_seconds() / 2);
        }
      }
    }
    out.push_back(at);
  }
  return out;
}

std::vector<SunPosition> sun_at_intervals(const Site& site, const resource::WeatherSeries& weather,
                                          SunTiming timing, const SpaOptions& options) {
  const std::vector<Timestamp> times = interval_sun_times(site, weather, timing, options);
  return solar_positions(site, times, options);
}

std::vector<Timestamp> interval_midpoints(const resource::WeatherSeries& weather) {
  return interval_sun_times(Site{}, weather, SunTiming::kMidpoint);
}

std::vector<SunPosition> sun_at_interval_midpoints(const Site& site,
                                                   const resource::WeatherSeries& weather,
                                                   const SpaOptions& options) {
  return sun_at_intervals(site, weather, SunTiming::kMidpoint, options);
}

PvParams pv_plane_key(PvParams params) {
  const PvParams defaults;
  params.name.clear();
  params.dc_capacity_kw = defaults.dc_capacity_kw;
  params.dc_ac_ratio = defaults.dc_ac_ratio;
  params.losses_percent = defaults.losses_percent;
  params.inverter_efficiency_percent = defaults.inverter_efficiency_percent;
  params.availability_per_kw.clear();
  return params;
}

PvPlaneSeries simulate_pv_plane(const PvParams& params, const resource::WeatherSeries& weather,
                                std::span<const SunPosition> sun) {
  require_valid(params.name.empty() ? "pv" : params.name, params.check());
  SHAPAN_ASSERT(sun.size() == weather.size(), "one sun position per weather step");
  const std::size_t n = weather.size();
  // DNI and DHI come from the file unless decomposed or clear-sky.
  const bool file_beam = params.irradiance == IrradianceSource::kFile &&
                         params.decomposition == DecompositionModel::kNone;
  SHAPAN_ASSERT(
      (!file_beam || (weather.dni_w_per_m2.size() == n && weather.dhi_w_per_m2.size() == n)) &&
          weather.temp_air_c.size() == n && weather.wind_speed_m_per_s.size() == n,
      "WeatherSeries columns all have size() entries");
  PvPlaneSeries out;
  out.poa_w_per_m2.assign(n, 0.0);
  out.transmitted_poa_w_per_m2.assign(n, 0.0);
  out.cell_temp_c.assign(n, 0.0);
  out.year_keep_frac.assign(n, 0.0);
  out.sun_up.assign(n, 0);

  const detail::PvIrradianceSource source(params, weather, sun);
  const detail::PvPlane plane(params);
  detail::DailyDniExtra dni_extra;
  detail::PvCellTemperature cell_temperature(params, weather.step);
  detail::RunYearFactor year_factor(weather, params.degradation_percent_per_year);
  const bool has_file_albedo = weather.albedo_frac.size() == n;

  for (std::size_t i = 0; i < n; ++i) {
    const Timestamp t = weather.interval_start(i);
    out.year_keep_frac[i] = year_factor.at(t);
    const SunPosition& s = sun[i];
    const double temp_air_c = weather.temp_air_c[i];
    if (!(s.zenith_deg < 90.0)) {
      out.cell_temp_c[i] = temp_air_c;
      continue;
    }
    out.sun_up[i] = 1;
    const detail::HorizontalIrradiance h = source.at(i);
    const double albedo =
        detail::pv_albedo_frac(params.albedo, has_file_albedo ? weather.albedo_frac[i] : -1.0);
    const PlaneSunCosines c = plane.at(s);
    const double beam = h.dni_w_per_m2 * std::max(c.cos_aoi, 0.0);
    const double extra = params.transposition == TranspositionModel::kIsotropic
                             ? kSolarConstantWPerM2  // not used
                             : dni_extra.at(t);
    const double sky = detail::pv_sky_diffuse_w_per_m2(params.transposition, c, h.dhi_w_per_m2,
                                                       h.dni_w_per_m2, extra, s.zenith_deg);
    const double ground = ground_reflected_w_per_m2(c, h.ghi_w_per_m2, albedo);
    const double poa = beam + sky + ground;
    out.poa_w_per_m2[i] = poa;
    out.transmitted_poa_w_per_m2[i] =
        transmitted_poa_w_per_m2(poa, beam, detail::pv_beam_iam(params, c.cos_aoi));
    out.cell_temp_c[i] = cell_temperature.step(poa, temp_air_c, weather.wind_speed_m_per_s[i]);
  }
  return out;
}

PvSeries pv_output(const PvParams& params, const PvPlaneSeries& plane, PvDetail detail) {
  require_valid(params.name.empty() ? "pv" : params.name, params.check());
  const std::size_t n = plane.sun_up.size();
  PvSeries out;
  const bool all_detail = detail == PvDetail::kAll;
  if (all_detail) {
    out.poa_w_per_m2 = plane.poa_w_per_m2;
    out.cell_temp_c = plane.cell_temp_c;
    out.dc_kw.assign(n, 0.0);
  }
  out.ac_kw.assign(n, 0.0);
  const double gamma = temperature_coefficient_per_c(params.module_type);
  const double loss_keep = 1.0 - params.losses_percent / 100.0;
  const double eta_nominal = params.inverter_efficiency_percent / 100.0;
  const double inverter_pdc0_kw = params.ac_capacity_kw() / eta_nominal;
  for (std::size_t i = 0; i < n; ++i) {
    if (plane.sun_up[i] == 0) continue;
    const double dc = pvwatts_dc_kw(plane.transmitted_poa_w_per_m2[i], plane.cell_temp_c[i],
                                    params.dc_capacity_kw, gamma) *
                      loss_keep * plane.year_keep_frac[i];
    if (all_detail) out.dc_kw[i] = dc;
    out.ac_kw[i] = pvwatts_inverter_ac_kw(dc, inverter_pdc0_kw, eta_nominal);
  }
  return out;
}

PvSeries simulate_pv(const PvParams& params, const resource::WeatherSeries& weather,
                     std::span<const SunPosition> sun, PvDetail detail) {
  return pv_output(params, simulate_pv_plane(params, weather, sun), detail);
}

}  // namespace shapan::gen
