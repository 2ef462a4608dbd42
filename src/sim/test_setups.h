// Small hand-checkable setups shared by the sim and metrics tests.
#pragma once

#include <memory>
#include <utility>
#include <vector>

#include "shapan/sim/simulation.h"

namespace shapan::sim::testing {

// Weather with the given hub-height wind speeds (one per hour, at 10 m),
// no sun, 10 °C, sea-level pressure, starting 2025-01-01T00:00Z.
inline resource::WeatherSeries windy_weather(const std::vector<double>& wind_m_per_s) {
  resource::WeatherSeries w;
  const std::size_t n = wind_m_per_s.size();
  w.source = "test";
  w.start = Timestamp::from_unix_seconds(1735689600);
  w.step = Duration::hours(1);
  w.ghi_w_per_m2.assign(n, 0.0);
  w.dni_w_per_m2.assign(n, 0.0);
  w.dhi_w_per_m2.assign(n, 0.0);
  w.temp_air_c.assign(n, 10.0);
  w.temp_dew_c.assign(n, 0.0);
  w.relative_humidity_percent.assign(n, 50.0);
  w.pressure_pa.assign(n, 101325.0);
  w.wind_speed_m_per_s = wind_m_per_s;
  w.wind_direction_deg.assign(n, 180.0);
  w.albedo_frac.assign(n, 0.2);
  w.wind_height_m = 10.0;
  return w;
}

// `w` as a Setup's weather (already one row per step of the run: no
// run_steps).
inline std::shared_ptr<const resource::WeatherSeries> per_step(resource::WeatherSeries w) {
  return std::make_shared<const resource::WeatherSeries>(std::move(w));
}

// A farm whose output is exactly 1000 kW at any wind speed from 5 to 25 m/s
// (flat curve, hub at the measurement height, no density correction, no losses).
inline gen::WindParams flat_1000_kw_farm() {
  gen::WindParams p;
  p.name = "flat";
  p.turbine.name = "flat";
  p.turbine.rated_power_kw = 1000.0;
  p.turbine.hub_height_m = 10.0;
  p.turbine.curve.wind_speed_m_per_s = {0.0, 4.999, 5.0, 25.0};
  p.turbine.curve.power_kw = {0.0, 0.0, 1000.0, 1000.0};
  p.hub_height_m = 10.0;
  p.density_correction = false;
  return p;
}

inline load::DatacenterParams constant_datacenter(double it_kw) {
  load::DatacenterParams d;
  d.name = "dc";
  d.it_capacity_kw = it_kw;
  d.it_load_frac = 1.0;
  d.pue_model = load::PueModel::kConstant;
  d.pue = 1.0;
  return d;
}

// A reservoir of 10 hm³ between levels 100 and 110 m over a 50 m tailwater,
// 50 m³/s of turbines rated 20 MW, 2 m³/s ecological minimum.
inline gen::HydroParams small_reservoir(double storage_initial_hm3) {
  gen::HydroParams h;
  h.rated_power_kw = 20000.0;
  h.max_turbine_flow_m3_per_s = 50.0;
  h.min_release_m3_per_s = 2.0;
  h.storage_min_hm3 = 0.0;
  h.storage_max_hm3 = 10.0;
  h.storage_initial_hm3 = storage_initial_hm3;
  h.level_table_storage_hm3 = {0.0, 10.0};
  h.level_table_m = {100.0, 110.0};
  h.tailwater_level_m = 50.0;
  h.turbine_efficiency_frac = 0.9;
  return h;
}

}  // namespace shapan::sim::testing
