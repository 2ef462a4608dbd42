// The data center as a power consumer: IT load and facility overhead (PUE).
//
// Facility power = IT power × PUE(outdoor dry-bulb). The temperature model has
// three regimes (free cooling, partial, mechanical) with linear blending
// between them; docs/models/datacenter.md gives thresholds and sources.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "shapan/core/check.h"
#include "shapan/core/time.h"
#include "shapan/resource/weather.h"

namespace shapan::load {

enum class PueModel { kConstant, kTemperature };

struct DatacenterParams {
  std::string name;
  double it_capacity_kw = 10000.0;  // IT power at full utilisation
  // IT load as a fraction of capacity, in order of precedence: a series (one
  // value per hour of the year, repeating), a 24-hour daily profile (hour 0 =
  // 00:00–01:00 site standard time), or a constant.
  std::vector<double> it_load_series_frac;
  std::vector<double> it_load_profile_frac;
  double it_load_frac = 0.8;

  PueModel pue_model = PueModel::kTemperature;
  double pue = 1.2;                         // kConstant
  double pue_free_cooling = 1.10;           // kTemperature: at or below free_cooling_max_temp_c
  double pue_mechanical = 1.40;             // kTemperature: at or above mechanical_min_temp_c
  double free_cooling_max_temp_c = 10.0;
  double mechanical_min_temp_c = 25.0;

  std::vector<FieldIssue> check() const;
};

struct DatacenterSeries {
  std::vector<double> it_kw;
  std::vector<double> pue;
  std::vector<double> facility_kw;  // it_kw × pue: what the plant must supply
};

// IT and facility power for every step of `weather` (its start, step and
// temperatures) in a site at `utc_offset_h`.
DatacenterSeries simulate_datacenter(const DatacenterParams& params,
                                     const resource::WeatherSeries& weather, double utc_offset_h);

}  // namespace shapan::load
