// Wind turbines and farms: power curves from the turbine library, wind speed
// and air density at hub height, farm losses.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shapan/core/check.h"
#include "shapan/core/cost.h"
#include "shapan/core/site.h"
#include "shapan/resource/weather.h"

namespace shapan::gen {

// Electrical power vs hub-height wind speed at standard air density
// (1.225 kg/m³), as turbine makers publish it.
struct PowerCurve {
  std::vector<double> wind_speed_m_per_s;  // strictly increasing
  std::vector<double> power_kw;            // same length, >= 0

  std::vector<FieldIssue> check() const;
};

struct Turbine {
  std::string name;              // "E-126/4200", "NREL-5.5MW-175"
  double rated_power_kw = 0.0;
  double rotor_diameter_m = 0.0;
  double hub_height_m = 0.0;     // the maker's default hub height, 0 if unknown
  PowerCurve curve;
  // Power coefficient vs wind speed, where the library has one (else empty).
  std::vector<double> cp_wind_speed_m_per_s;
  std::vector<double> cp;
};

// The turbine library shipped with Shapan (OpenEnergy database turbines as
// bundled by windpowerlib, and NREL reference turbines); built into the binary.
const std::vector<Turbine>& turbine_library();
std::optional<Turbine> find_turbine(std::string_view name);

enum class WindProfile { kLog, kHellman, kInterpolate };

struct WindParams {
  std::string name;                 // label in results
  Turbine turbine;                  // resolved by io from `turbine` / a file / an inline curve
  int count = 1;                    // turbines in the farm
  double hub_height_m = 0.0;        // 0 = the turbine's default
  WindProfile wind_profile = WindProfile::kLog;
  double roughness_length_m = 0.1;  // z0; 0.1 = farmland with few trees
  double obstacle_height_m = 0.0;   // displacement height is 0.7 x this
  double hellman_exponent = -1.0;   // < 0: 1/ln(h_hub/z0)
  double wake_loss_percent = 0.0;
  double availability_percent = 100.0;
  double electrical_loss_percent = 0.0;
  bool density_correction = true;   // IEC 61400-12-1 power-curve correction
  CostParams cost;

  std::vector<FieldIssue> check() const;
  double rated_power_kw() const { return turbine.rated_power_kw * count; }
};

struct WindSeries {
  std::vector<double> hub_wind_speed_m_per_s;
  std::vector<double> air_density_kg_per_m3;
  std::vector<double> ac_kw;  // farm output after wake, availability, electrical losses
};

// Runs the farm over every step of `weather` at `site` (elevation used when
// the file has no pressure).
WindSeries simulate_wind(const WindParams& params, const Site& site,
                         const resource::WeatherSeries& weather);

}  // namespace shapan::gen
