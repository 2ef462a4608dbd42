// A PV array with its inverters, PVWatts-style (NREL PVWatts Version 5
// Manual, Dobos 2014, NREL/TP-6A20-62641), computed for a whole weather series.
//
// Chain per step: sun position -> angle of incidence -> plane-of-array
// irradiance (transposition) -> cell temperature -> DC power with temperature
// coefficient and system losses -> inverter efficiency curve with clipping at
// the AC rating. All powers are AC at the inverter output unless named _dc_.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "shapan/core/check.h"
#include "shapan/core/cost.h"
#include "shapan/core/site.h"
#include "shapan/gen/solar_position.h"
#include "shapan/resource/weather.h"

namespace shapan::gen {

enum class ArrayType { kFixedOpenRack, kFixedRoofMount, kSingleAxis, kSingleAxisBacktracking, kTwoAxis };
enum class ModuleType { kStandard, kPremium, kThinFilm };
enum class TranspositionModel { kIsotropic, kHayDavies, kPerez };

struct PvParams {
  std::string name;                 // label in results
  double dc_capacity_kw = 1000.0;   // nameplate DC at STC
  double dc_ac_ratio = 1.2;         // DC nameplate / inverter AC rating
  double tilt_deg = 20.0;           // 0 = horizontal; ignored by two-axis trackers
  double azimuth_deg = 180.0;       // clockwise from north, 180 = south
  ArrayType array_type = ArrayType::kFixedOpenRack;
  ModuleType module_type = ModuleType::kStandard;
  double losses_percent = 14.08;    // PVWatts total system losses
  double inverter_efficiency_percent = 96.0;  // PVWatts nominal inverter efficiency
  double gcr = 0.4;                 // ground coverage ratio (trackers, backtracking)
  double max_rotation_deg = 45.0;   // single-axis tracker limit
  double albedo = -1.0;             // ground reflectance 0..1; < 0: weather file's, else 0.2
  TranspositionModel transposition = TranspositionModel::kPerez;
  double degradation_percent_per_year = 0.5;  // output falls by this each year of the run
  CostParams cost;

  std::vector<FieldIssue> check() const;
  double ac_capacity_kw() const { return dc_capacity_kw / dc_ac_ratio; }
};

struct PvSeries {
  std::vector<double> poa_w_per_m2;  // plane-of-array irradiance
  std::vector<double> cell_temp_c;
  std::vector<double> dc_kw;         // after losses, before the inverter
  std::vector<double> ac_kw;         // inverter output, >= 0
};

// Runs the chain over every step of `weather`. `sun` holds the positions at
// each interval's midpoint (solar_positions of interval_start(i) + step/2).
// Requires: sun.size() == weather.size().
PvSeries simulate_pv(const PvParams& params, const resource::WeatherSeries& weather,
                     std::span<const SunPosition> sun);

}  // namespace shapan::gen
