// A PV array with its inverters, PVWatts-style (NREL PVWatts Version 5
// Manual, Dobos 2014, NREL/TP-6A20-62641), computed for a whole weather series.
//
// Chain per step: sun position -> angle of incidence -> plane-of-array
// irradiance (transposition) -> cell temperature -> DC power with temperature
// coefficient and system losses -> inverter efficiency curve with clipping at
// the AC rating. All powers are AC at the inverter output unless named _dc_.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "shapan/core/check.h"
#include "shapan/core/site.h"
#include "shapan/gen/clear_sky.h"
#include "shapan/gen/solar_position.h"
#include "shapan/resource/weather.h"

namespace shapan::gen {

enum class ArrayType {
  kFixedOpenRack,
  kFixedRoofMount,
  kSingleAxis,
  kSingleAxisBacktracking,
  kTwoAxis
};
enum class ModuleType { kStandard, kPremium, kThinFilm };
enum class TranspositionModel { kIsotropic, kHayDavies, kPerez };
// Cell temperature model (cell_temperature.h). kFuentes is PVWatts v5's. The
// steady-state models use open-rack parameter sets, and for kFixedRoofMount
// their close-mount / insulated ones: SAPM glass/glass open rack (a −3.47,
// b −0.0594, ΔT 3) or close mount (−2.98, −0.0471, 1); PVsyst free-standing
// U_c 29 or insulated 15 W/m²K; Faiman U0 25, U1 6.84 (no roof variant).
enum class CellTemperatureModel { kFuentes, kSapm, kPvsyst, kFaiman };

// Where in each interval the sun is evaluated.
//   kMidpoint: interval_start(i) + step/2 (the weather value is the interval mean).
//   kSunlitMidpoint: as SAM/PVWatts do, the interval that contains sunrise
//     (sunset) uses the middle of its sunlit part, (sunrise + end)/2
//     ((start + sunset)/2), so that such an interval keeps its light; other
//     intervals use the midpoint. Sunrise/sunset as SAM's solarpos has them:
//     the sun's centre on the geometric horizon, no refraction (SPA A.2 with
//     h0' = 0).
enum class SunTiming { kMidpoint, kSunlitMidpoint };

// Incidence angle modifier of the module cover, applied to the plane's beam
// irradiance (iam.h, pvwatts.h).
//   kPhysical: PVWatts v5's Fresnel + Bouguer glass (pvwatts_iam_cos), with
//     the anti-reflective layer for kPremium modules. PVWatts' own; default.
//   kAshrae: 1 − b0·(1/cos θ − 1), b0 = PvParams::iam_ashrae_b0 (ashrae_iam_cos).
enum class IamModel { kPhysical, kAshrae };

// Where the chain gets beam (DNI) and diffuse (DHI) irradiance.
//   kNone: from the weather file (default).
//   kErbs, kDisc, kDirint: split from the file's GHI (irradiance.h,
//     decomposition.h), for files that carry GHI only. All use the true
//     zenith; DISC and DIRINT use the file's pressure when it has one (else
//     101325 Pa) and the UTC day; DIRINT also the file's dew point when it has
//     one at every step, and the neighbouring steps' clearness (Δkt') for
//     steps < 1.5 h.
enum class DecompositionModel { kNone, kErbs, kDisc, kDirint };

// Where the chain's irradiance comes from.
//   kFile: the weather file (default), optionally decomposed (above).
//   kClearSky: Ineichen–Perez clear sky (clear_sky.h) at the file's station
//     elevation with PvParams::linke_turbidity, E0 from Spencer's series, on
//     the apparent zenith: a cloudless year for QA and upper-bound studies.
//     Temperature and wind still come from the file.
enum class IrradianceSource { kFile, kClearSky };

// Open rack / roof mount differ only in the installed NOCT of the Fuentes cell
// temperature model (45 / 49 °C); trackers are open rack. Single-axis arrays
// turn about an axis tilted tilt_deg toward azimuth_deg (180 = N-S axis);
// kSingleAxisBacktracking backtracks with gcr; kSingleAxis tracks truly and,
// unlike PVWatts, applies no self-shading derate (not modelled). Module types set the
// temperature coefficient (−0.47, −0.35, −0.20 %/°C) and, for kPremium, an
// anti-reflective cover (PVWatts v5 manual, table 2).
struct PvParams {
  std::string name;                // label in results
  double dc_capacity_kw = 1000.0;  // nameplate DC at STC
  double dc_ac_ratio = 1.2;        // DC nameplate / inverter AC rating
  double tilt_deg = 20.0;          // 0 = horizontal; ignored by two-axis trackers
  double azimuth_deg = 180.0;      // clockwise from north, 180 = south
  ArrayType array_type = ArrayType::kFixedOpenRack;
  ModuleType module_type = ModuleType::kStandard;
  double losses_percent = 14.08;              // PVWatts total system losses
  double inverter_efficiency_percent = 96.0;  // PVWatts nominal inverter efficiency
  double gcr = 0.4;                           // ground coverage ratio (trackers, backtracking)
  double max_rotation_deg = 45.0;             // single-axis tracker limit
  double albedo = -1.0;  // ground reflectance 0..1; < 0: weather file's, else kDefaultAlbedoFrac
  TranspositionModel transposition = TranspositionModel::kPerez;
  CellTemperatureModel cell_temperature = CellTemperatureModel::kFuentes;
  DecompositionModel decomposition = DecompositionModel::kNone;
  IrradianceSource irradiance = IrradianceSource::kFile;
  LinkeTurbidity linke_turbidity;  // kClearSky only; default constant 3
  IamModel iam = IamModel::kPhysical;
  double iam_ashrae_b0 = 0.05;  // ASHRAE coefficient (kAshrae only), 0..1
  // Where the sun is evaluated in each interval. simulate_pv takes the sun
  // positions as given; the simulation computes them with this timing.
  SunTiming sun_timing = SunTiming::kMidpoint;
  double degradation_percent_per_year = 0.5;  // output falls by this each year of the run
  // AC output per kW of DC capacity, one value per simulation step (io reads
  // it from `availability_file`, as PyPSA's p_max_pu). When given, it
  // replaces the physical model: output = dc_capacity_kw × value.
  std::vector<double> availability_per_kw;

  // Each field in its range: tilt 0..90, azimuth 0..360, dc_capacity > 0,
  // dc_ac_ratio 0.5..3, losses 0..99, inverter efficiency 50..99.5, gcr
  // 0.01..0.99, max rotation 0..90, albedo −1 or 0..1, degradation 0..10,
  // iam_ashrae_b0 0..1, linke_turbidity (1..10, 0 or 12 monthly values).
  // (Costs are not physics: metrics::CostBook.)
  std::vector<FieldIssue> check() const;
  double ac_capacity_kw() const { return dc_capacity_kw / dc_ac_ratio; }
  bool operator==(const PvParams&) const = default;
};

// PVWatts temperature coefficient of power, 1/°C.
double temperature_coefficient_per_c(ModuleType type);
// Installed NOCT of the Fuentes model for the array type, °C.
double noct_installed_c(ArrayType type);

// The instants at which the sun is evaluated for every interval of `weather`,
// and the sun there: what simulate_pv expects as `sun`.
std::vector<Timestamp> interval_sun_times(const Site& site, const resource::WeatherSeries& weather,
                                          SunTiming timing = SunTiming::kMidpoint,
                                          const SpaOptions& options = {});
std::vector<SunPosition> sun_at_intervals(const Site& site, const resource::WeatherSeries& weather,
                                          SunTiming timing = SunTiming::kMidpoint,
                                          const SpaOptions& options = {});
// Shorthands for SunTiming::kMidpoint.
std::vector<Timestamp> interval_midpoints(const resource::WeatherSeries& weather);
std::vector<SunPosition> sun_at_interval_midpoints(const Site& site,
                                                   const resource::WeatherSeries& weather,
                                                   const SpaOptions& options = {});

struct PvSeries {
  std::vector<double> poa_w_per_m2;  // plane-of-array irradiance
  std::vector<double> cell_temp_c;
  std::vector<double> dc_kw;  // after losses, before the inverter
  std::vector<double> ac_kw;  // inverter output, >= 0
};

// Runs the chain over every step of `weather`. `sun` holds the positions at
// each interval's midpoint (solar_positions of interval_start(i) + step/2).
// Per step, as PVWatts v5 does it: when the apparent zenith is >= 90° all
// outputs are 0 and cell_temp_c = air temperature (the Fuentes state is held);
// else surface orientation (fixed / tracker), beam = DNI·max(cos θ, 0), sky
// diffuse by params.transposition (Perez uses Kasten–Young air mass and the
// Spencer extraterrestrial irradiance), ground-reflected with the albedo
// (params.albedo, else the file's when in 0..1, else kDefaultAlbedoFrac = 0.2 of
// shapan/core/standard_conditions.h), the cover IAM
// (params.iam) on the beam, cell temperature (Fuentes by default) from the untransmitted POA (wind
// < 0 read as 0), DC with γ, × (1 − losses) × (1 − degradation)^k in year k of the run
// (k counted from weather.start's anniversaries, site standard time), then the
// PVWatts inverter curve clipped at ac_capacity_kw(). DHI/DNI/GHI come from the
// file (or DNI/DHI from GHI by params.decomposition); a negative or NaN value
// is read as 0.
// Requires: sun.size() == weather.size(); params.check() empty (throws InputError);
// the GHI column always (it sets the length), DNI and DHI columns unless
// params.decomposition decomposes or params.irradiance is kClearSky.
// `detail`: kAcOnly leaves poa_w_per_m2, cell_temp_c and dc_kw empty (a
// simulation needs only the AC output; at 1-minute steps the three would be
// 12 MB a year to fill and throw away).
enum class PvDetail { kAll, kAcOnly };
PvSeries simulate_pv(const PvParams& params, const resource::WeatherSeries& weather,
                     std::span<const SunPosition> sun, PvDetail detail = PvDetail::kAll);

// simulate_pv in two stages, so that arrays that differ only in size, losses
// or inverter share the costly first one (sim::prepare does). The first,
// simulate_pv_plane, is everything up to the DC model: sun up or down, POA
// and transmitted POA (W/m², 0 when the sun is down), cell temperature (the
// air's when the sun is down) and the run year's degradation factor. It does
// not read the fields pv_plane_key() resets. The second, pv_output, applies
// the PVWatts DC model with dc_capacity_kw, losses_percent and the inverter
// (ac_capacity_kw() clips: the AC output does not scale with the size, so it
// is recomputed for each size rather than scaled). pv_output(p,
// simulate_pv_plane(p, w, sun), d) == simulate_pv(p, w, sun, d) bit for bit.
struct PvPlaneSeries {
  std::vector<double> poa_w_per_m2;
  std::vector<double> transmitted_poa_w_per_m2;
  std::vector<double> cell_temp_c;
  std::vector<double> year_keep_frac;  // (1 − degradation)^k in year k of the run
  std::vector<std::uint8_t> sun_up;    // 1 where the apparent zenith is < 90°
};
PvPlaneSeries simulate_pv_plane(const PvParams& params, const resource::WeatherSeries& weather,
                                std::span<const SunPosition> sun);
// Requires: plane from simulate_pv_plane of an array with the same
// pv_plane_key(); params.check() empty (throws InputError).
PvSeries pv_output(const PvParams& params, const PvPlaneSeries& plane,
                   PvDetail detail = PvDetail::kAll);
// `params` with the fields the plane does not depend on (name, DC capacity,
// DC/AC ratio, losses, inverter efficiency, availability) set to their
// defaults: two arrays with equal keys have the same plane.
PvParams pv_plane_key(PvParams params);

}  // namespace shapan::gen
