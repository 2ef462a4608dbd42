// simulate_wind: the wind farm over a weather series, step by step (the
// order of windpowerlib's ModelChain: hub wind, hub temperature, density,
// turbine power; then Shapan's farm losses). The stages are in
// wind_stages.{h,cc}.
#include "shapan/core/check.h"
#include "shapan/gen/wind.h"
#include "wind_stages.h"

namespace shapan::gen {

WindSeries simulate_wind(const WindParams& params, const Site& site,
                         const resource::WeatherSeries& weather, WindDetail detail) {
  require_valid("wind", params.check());
  const double hub_m = params.effective_hub_height_m();
  const detail::WindMeasurements measured = detail::wind_measurements(params, weather);
  detail::HubWindSpeed hub_wind(params, measured, hub_m, weather);
  const detail::HubAirDensity density(params, measured, hub_m, site.elevation_m);
  const detail::TurbinePower turbine(params);
  detail::CutOutHysteresis hysteresis(params);
  const double farm_factor = detail::farm_factor(params);

  const std::size_t n = measured.steps;
  WindSeries out;
  const bool all_detail = detail == WindDetail::kAll;
  if (all_detail) {
    out.hub_wind_speed_m_per_s.resize(n);
    out.air_density_kg_per_m3.resize(n);
  }
  out.ac_kw.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double v = hub_wind.at(i);
    const double rho = density.at(i);
    double turbine_kw = turbine.kw(v, rho);
    if (params.cut_out_hysteresis && hysteresis.stopped(v)) turbine_kw = 0.0;
    if (all_detail) {
      out.hub_wind_speed_m_per_s[i] = v;
      out.air_density_kg_per_m3[i] = rho;
    }
    out.ac_kw[i] = turbine_kw * farm_factor;
  }
  return out;
}

}  // namespace shapan::gen
