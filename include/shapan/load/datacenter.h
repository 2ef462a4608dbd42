// The data center as a power consumer: IT load and facility overhead (PUE).
//
// Facility power = IT power × PUE(outdoor dry-bulb). The temperature model has
// three regimes (free cooling, partial, mechanical) with linear blending
// between them; docs/models/datacenter.md gives thresholds and sources.
//
// IT load of a step: the value for the local (site standard time) hour that
// contains the step's start, held over sub-hourly steps. A series is indexed
// by hour of the calendar year, (day_of_year − 1)·24 + hour, and repeats every
// year; an 8760-value series reuses 28 February for 29 February in leap years,
// and an 8784-value series skips its 29 February in common years.
// Altitude is not modelled (see the doc): give PUE values for the site.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "shapan/core/check.h"
#include "shapan/core/standard_conditions.h"
#include "shapan/core/time.h"
#include "shapan/resource/weather.h"

namespace shapan::load {

// kClimate: free cooling / partial / mechanical from dry-bulb and dew point,
// fan power corrected for air density, UPS and distribution losses
// (docs/models/datacenter.md).
enum class PueModel { kConstant, kTemperature, kClimate };

struct DatacenterParams {
  std::string name;
  double it_capacity_kw = 10000.0;  // IT power at full utilisation, >= 0
  // IT load as a fraction of capacity (each value in [0, 1]), in order of
  // precedence: a series (8760 or 8784 values, one per hour of the year,
  // repeating), a 24-hour daily profile (hour 0 = 00:00–01:00 site standard
  // time), or a constant. Empty vectors are unused.
  std::vector<double> it_load_series_frac;
  std::vector<double> it_load_profile_frac;
  double it_load_frac = 0.8;

  PueModel pue_model = PueModel::kTemperature;
  double pue = 1.2;                // kConstant; >= 1 (as every PUE here)
  double pue_free_cooling = 1.10;  // kTemperature: at or below free_cooling_max_temp_c
  double pue_mechanical = 1.40;    // kTemperature: at or above mechanical_min_temp_c
  // Outdoor dry-bulb thresholds; free_cooling_max_temp_c < mechanical_min_temp_c.
  double free_cooling_max_temp_c = 10.0;
  double mechanical_min_temp_c = 25.0;

  // kClimate (uses the two thresholds above, and these):
  //   PUE = (1 + fans·(ρ0/ρ)² + share·compressors + other) / (η_ups · η_dist)
  // share = 0 in free cooling (T <= free_cooling_max_temp_c and dew point <=
  // dew_point_max_c), 1 at or above mechanical_min_temp_c or above the dew
  // point limit, linear in T between. ρ/ρ0 = (p/p0)·(288.15/(T+273.15)),
  // p0 = kStandardPressurePa (101325 Pa).
  double fan_overhead_frac = 0.04;         // fans and pumps at sea-level density, of IT
  double compressor_overhead_frac = 0.25;  // chillers at full mechanical cooling, of IT
  double other_overhead_frac = 0.02;       // lighting, security, offices, of IT
  double ups_efficiency_frac = 0.97;
  double distribution_efficiency_frac = 0.99;
  double dew_point_max_c = 15.0;  // ASHRAE recommended upper dew point
  bool altitude_fan_correction = true;
  // kClimate, for a weather series without the column: the dew point taken
  // (default: dry air, so that only the dry-bulb thresholds decide; in
  // [-50, 40] °C) and the pressure taken (default: sea level, which leaves
  // the fans uncorrected; > 0 Pa). Series read by resource have both (it
  // fills a missing pressure from the site's elevation and a missing dew
  // point from the humidity): these serve series built in code.
  double missing_dew_point_c = kDryAirDewPointC;
  double missing_pressure_pa = kStandardPressurePa;

  std::vector<FieldIssue> check() const;
  bool operator==(const DatacenterParams&) const = default;
};

// IT load fraction for the step starting at `t` (see the rule above).
// Requires: params.check() is empty.
double it_load_frac_at(const DatacenterParams& params, Timestamp t, double utc_offset_h);
// The same for a step starting at `local`, site standard time.
double it_load_frac_at(const DatacenterParams& params, const CivilTime& local);

// PUE at outdoor dry-bulb `temp_air_c`: the constant, or the three-regime
// temperature model (linear between the two thresholds).
// Requires: params.check() is empty.
double pue_at(const DatacenterParams& params, double temp_air_c);

// kClimate PUE for one step's outdoor air. Requires: params.check() is empty.
double pue_climate(const DatacenterParams& params, double temp_air_c, double temp_dew_c,
                   double pressure_pa);
// True when the air allows full free cooling (kClimate thresholds).
bool free_cooling(const DatacenterParams& params, double temp_air_c, double temp_dew_c);

struct DatacenterSeries {
  std::vector<double> it_kw;
  std::vector<double> pue;
  std::vector<double> facility_kw;  // it_kw × pue: what the plant must supply
};

// IT and facility power for every step of `weather` (its start, step and
// temperatures) in a site at `utc_offset_h`. Throws InputError when
// params.check() finds problems, or when the temperature model is chosen and
// weather.temp_air_c does not have weather.size() values.
DatacenterSeries simulate_datacenter(const DatacenterParams& params,
                                     const resource::WeatherSeries& weather, double utc_offset_h);

}  // namespace shapan::load
