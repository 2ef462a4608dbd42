// The PVWatts v5 chain over a weather series (see pv.h for the order of steps).
#include "shapan/gen/pv.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <numbers>

#include "shapan/core/assert.h"
#include "shapan/gen/cell_temperature.h"
#include "shapan/gen/decomposition.h"
#include "shapan/gen/iam.h"
#include "shapan/gen/irradiance.h"
#include "shapan/gen/pvwatts.h"
#include "shapan/gen/tracking.h"
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
  for (FieldIssue issue : cost.check()) {
    issue.field = "cost." + issue.field;
    issues.push_back(std::move(issue));
  }
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

namespace {

constexpr double kDegToRad = std::numbers::pi / 180.0;

// Roof-mount parameter sets of the steady-state cell temperature models:
// SAPM close-mount glass/glass (King et al. 2004, table 1) and PVsyst
// "insulated" (PVsyst help, thermal loss).
constexpr SapmTempParams kSapmCloseMount{.a = -2.98, .b = -0.0471, .delta_t_c = 1.0};
constexpr PvsystTempParams kPvsystInsulated{.u_c_w_per_m2_k = 15.0};

double value_or_zero(const std::vector<double>& v, std::size_t i) {
  const double x = v[i];
  return std::isnan(x) || x < 0.0 ? 0.0 : x;
}

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

SurfaceOrientation orient(const PvParams& p, const SunPosition& sun) {
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

PvSeries simulate_pv(const PvParams& params, const resource::WeatherSeries& weather,
                     std::span<const SunPosition> sun, PvDetail detail) {
  require_valid(params.name.empty() ? "pv" : params.name, params.check());
  SHAPAN_ASSERT(sun.size() == weather.size(), "one sun position per weather step");
  const bool clear_sky = params.irradiance == IrradianceSource::kClearSky;
  const bool decompose = !clear_sky && params.decomposition != DecompositionModel::kNone;
  const double site_altitude_m =
      std::isfinite(weather.location.elevation_m) ? weather.location.elevation_m : 0.0;
  SHAPAN_ASSERT((decompose || clear_sky ||
                 (weather.dni_w_per_m2.size() == weather.size() &&
                  weather.dhi_w_per_m2.size() == weather.size())) &&

                    weather.temp_air_c.size() == weather.size() &&
                    weather.wind_speed_m_per_s.size() == weather.size(),
                "WeatherSeries columns all have size() entries");
  const std::size_t n = weather.size();
  PvSeries out;
  const bool all_detail = detail == PvDetail::kAll;
  if (all_detail) {
    out.poa_w_per_m2.assign(n, 0.0);
    out.cell_temp_c.assign(n, 0.0);
    out.dc_kw.assign(n, 0.0);
  }
  out.ac_kw.assign(n, 0.0);

  const FuentesModel thermal({.noct_installed_c = noct_installed_c(params.array_type)});
  FuentesState thermal_state;
  const double gamma = temperature_coefficient_per_c(params.module_type);
  const bool ar_glass = params.module_type == ModuleType::kPremium;
  const double loss_keep = 1.0 - params.losses_percent / 100.0;
  const double degradation_keep = 1.0 - params.degradation_percent_per_year / 100.0;
  const double ac_rating_kw = params.ac_capacity_kw();
  const double eta_nominal = params.inverter_efficiency_percent / 100.0;
  const double inverter_pdc0_kw = ac_rating_kw / eta_nominal;
  const bool has_file_albedo = weather.albedo_frac.size() == n;
  const bool has_pressure = weather.pressure_pa.size() == n;
  // DIRINT needs the whole series (Δkt' looks at the neighbouring steps).
  std::vector<double> dirint;
  if (decompose && params.decomposition == DecompositionModel::kDirint) {
    std::vector<double> ghi(n), zenith(n), day(n), pressure(n, 101325.0), dew;
    for (std::size_t i = 0; i < n; ++i) {
      ghi[i] = value_or_zero(weather.ghi_w_per_m2, i);
      zenith[i] = sun[i].zenith_true_deg;
      const CivilTime utc = to_civil(
          weather.interval_start(i) + Duration::seconds(weather.step.in_seconds() / 2), 0.0);
      day[i] = day_of_year(utc.year, utc.month, utc.day);
      if (has_pressure && weather.pressure_pa[i] > 0.0) pressure[i] = weather.pressure_pa[i];
    }
    if (weather.temp_dew_c.size() == n &&
        std::all_of(weather.temp_dew_c.begin(), weather.temp_dew_c.end(),
                    [](double t) { return std::isfinite(t); })) {
      dew = weather.temp_dew_c;
    }
    dirint = dirint_dni(ghi, zenith, day, pressure, dew,
                        {.use_delta_kt_prime = weather.step.in_seconds() < 5400});
  }
  const bool roof = params.array_type == ArrayType::kFixedRoofMount;
  const bool fixed = params.array_type == ArrayType::kFixedOpenRack ||
                     params.array_type == ArrayType::kFixedRoofMount;
  const double cos_tilt = std::cos(params.tilt_deg * kDegToRad);
  const double sin_tilt = std::sin(params.tilt_deg * kDegToRad);
  std::int64_t dni_extra_day = std::numeric_limits<std::int64_t>::min();
  double dni_extra = kSolarConstantWPerM2;

  const double offset_h =
      std::isnan(weather.location.utc_offset_h) ? 0.0 : weather.location.utc_offset_h;
  const CivilTime start_civil = to_civil(weather.start, offset_h);
  int year_k = 0;
  Timestamp next_year = anniversary(start_civil, offset_h, 1);
  double year_factor = 1.0;

  for (std::size_t i = 0; i < n; ++i) {
    const Timestamp t = weather.interval_start(i);
    while (t >= next_year) {
      ++year_k;
      year_factor = std::pow(degradation_keep, year_k);
      next_year = anniversary(start_civil, offset_h, year_k + 1);
    }
    const SunPosition& s = sun[i];
    const double temp_air_c = weather.temp_air_c[i];
    if (!(s.zenith_deg < 90.0)) {
      if (all_detail) out.cell_temp_c[i] = temp_air_c;
      continue;
    }
    double ghi = clear_sky ? 0.0 : value_or_zero(weather.ghi_w_per_m2, i);
    double dni = 0.0;
    double dhi = 0.0;
    if (clear_sky) {
      // pvlib's Location.get_clearsky(model="ineichen"): E0 by Spencer, air
      // mass Kasten–Young × p(altitude)/p0, TL of the (UTC) day.
      const CivilTime utc = to_civil(t + Duration::seconds(weather.step.in_seconds() / 2), 0.0);
      const double doy = day_of_year(utc.year, utc.month, utc.day);
      const ClearSky cs =
          clear_sky_ineichen(s.zenith_deg, site_altitude_m, params.linke_turbidity.on_day(doy),
                             extraterrestrial_dni_spencer_w_per_m2(doy));
      ghi = cs.ghi_w_per_m2;
      dni = cs.dni_w_per_m2;
      dhi = cs.dhi_w_per_m2;
    } else if (!decompose) {
      dni = value_or_zero(weather.dni_w_per_m2, i);
      dhi = value_or_zero(weather.dhi_w_per_m2, i);
    } else {
      // GHI-only files: split GHI at the true zenith, on the UTC day as pvlib
      // does (decomposition.h).
      const CivilTime utc = to_civil(t + Duration::seconds(weather.step.in_seconds() / 2), 0.0);
      const double doy = day_of_year(utc.year, utc.month, utc.day);
      if (params.decomposition == DecompositionModel::kDirint) {
        const double d = dirint[i];
        dni = std::isfinite(d) ? d : 0.0;
        dhi = ghi - dni * std::cos(s.zenith_true_deg * kDegToRad);
      } else if (params.decomposition == DecompositionModel::kErbs) {
        const BeamDiffuse split =
            erbs(ghi, s.zenith_true_deg, extraterrestrial_dni_spencer_w_per_m2(doy));
        dni = split.dni_w_per_m2;
        dhi = split.dhi_w_per_m2;
      } else {
        double p_pa = 101325.0;  // also for NaN or missing pressure
        if (has_pressure && weather.pressure_pa[i] > 0.0) p_pa = weather.pressure_pa[i];
        const DiscResult split = disc(ghi, s.zenith_true_deg, doy, p_pa);
        dni = split.dni_w_per_m2;
        dhi = split.dhi_w_per_m2;
      }
      dni = std::max(dni, 0.0);
      dhi = std::max(dhi, 0.0);
    }
    double albedo = params.albedo;
    if (albedo < 0.0) {
      const double a = has_file_albedo ? weather.albedo_frac[i] : -1.0;
      albedo = a >= 0.0 && a < 1.0 ? a : 0.2;
    }

    // Geometry as cosines, computed once per step. Fixed arrays need no
    // inverse trigonometry at all.
    const double z_rad = s.zenith_deg * kDegToRad;
    PlaneSunCosines c{.cos_zenith = std::cos(z_rad), .zenith_rad = z_rad};
    if (fixed) {
      c.cos_aoi = std::clamp(
          cos_tilt * c.cos_zenith + sin_tilt * std::sin(z_rad) *
                                        std::cos((s.azimuth_deg - params.azimuth_deg) * kDegToRad),
          -1.0, 1.0);
      c.cos_tilt = cos_tilt;
      c.sin_tilt = sin_tilt;
    } else {
      const SurfaceOrientation o = orient(params, s);
      c.cos_aoi = o.cos_aoi;
      c.cos_tilt = std::cos(o.tilt_deg * kDegToRad);
      c.sin_tilt = std::sin(o.tilt_deg * kDegToRad);
    }
    const double beam = dni * std::max(c.cos_aoi, 0.0);
    if (params.transposition != TranspositionModel::kIsotropic) {
      // The extraterrestrial irradiance changes by < 0.04 % a day: once a day.
      const std::int64_t day = t.unix_seconds() / 86400;
      if (day != dni_extra_day) {
        dni_extra_day = day;
        dni_extra = extraterrestrial_dni_spencer_w_per_m2(approx_day_of_year(t));
      }
    }
    double sky = 0.0;
    switch (params.transposition) {
      case TranspositionModel::kIsotropic:
        sky = dhi * (1.0 + c.cos_tilt) / 2.0;
        break;
      case TranspositionModel::kHayDavies:
        sky = hay_davies_sky(c, dhi, dni, dni_extra).total_w_per_m2;
        break;
      case TranspositionModel::kPerez:
        sky = perez_sky(c, dhi, dni, dni_extra,
                        relative_airmass_kasten_young_cos(s.zenith_deg, c.cos_zenith))
                  .total_w_per_m2;
        break;
    }
    const double ground = ghi * albedo * (1.0 - c.cos_tilt) / 2.0;
    const double poa = beam + sky + ground;
    const double iam = params.iam == IamModel::kAshrae
                           ? ashrae_iam_cos(c.cos_aoi, params.iam_ashrae_b0)
                           : pvwatts_iam_cos(c.cos_aoi, ar_glass);
    const double tpoa = std::max(poa - (1.0 - iam) * beam, 0.0);

    const double wind = std::max(weather.wind_speed_m_per_s[i], 0.0);
    double cell_c = 0.0;
    switch (params.cell_temperature) {
      case CellTemperatureModel::kFuentes:
        thermal_state = thermal.step(thermal_state, poa, temp_air_c, wind, weather.step);
        cell_c = thermal_state.module_temp_k - 273.15;
        break;
      case CellTemperatureModel::kSapm:
        cell_c = sapm_cell_temp_c(poa, temp_air_c, wind, roof ? kSapmCloseMount : SapmTempParams{});
        break;
      case CellTemperatureModel::kPvsyst:
        cell_c =
            pvsyst_cell_temp_c(poa, temp_air_c, wind, roof ? kPvsystInsulated : PvsystTempParams{});
        break;
      case CellTemperatureModel::kFaiman:
        cell_c = faiman_temp_c(poa, temp_air_c, wind);
        break;
    }
    const double dc =
        pvwatts_dc_kw(tpoa, cell_c, params.dc_capacity_kw, gamma) * loss_keep * year_factor;
    if (all_detail) {
      out.poa_w_per_m2[i] = poa;
      out.cell_temp_c[i] = cell_c;
      out.dc_kw[i] = dc;
    }
    out.ac_kw[i] = pvwatts_inverter_ac_kw(dc, inverter_pdc0_kw, eta_nominal);
  }
  return out;
}

}  // namespace shapan::gen
