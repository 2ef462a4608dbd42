#include "profiles.h"

#include <utility>

#include "shapan/core/assert.h"
#include "shapan/gen/solar_position.h"

namespace shapan::sim {
namespace {

// Adds `part` into `total`; the first part is taken as it is (empty total).
void add_into(std::vector<double>& total, std::vector<double>&& part) {
  if (total.empty()) {
    total = std::move(part);
    return;
  }
  for (std::size_t i = 0; i < total.size(); ++i) total[i] += part[i];
}

const resource::WeatherSeries& pick(const Setup& setup, const std::vector<int>& index,
                                    std::size_t i) {
  if (i >= index.size() || index[i] < 0) return setup.weather;
  const auto k = static_cast<std::size_t>(index[i]);
  SHAPAN_ASSERT(k < setup.weather_sources.size(), "a weather source index inside weather_sources");
  SHAPAN_ASSERT(setup.weather_sources[k].size() == setup.weather.size(),
                "every weather source prepared like Setup::weather");
  return setup.weather_sources[k];
}

}  // namespace

const resource::WeatherSeries& pv_weather(const Setup& setup, std::size_t i) {
  return pick(setup, setup.pv_weather_source, i);
}

const resource::WeatherSeries& wind_weather(const Setup& setup, std::size_t i) {
  return pick(setup, setup.wind_weather_source, i);
}

Profiles compute_profiles(const Setup& setup) {
  const resource::WeatherSeries& w = setup.weather;
  const std::size_t n = w.size();
  Profiles p;
  if (!setup.pv.empty()) {
    // Positions at each interval's midpoint represent the interval's mean.
    // io computes them once per loaded scenario (Setup::sun), so repeated
    // runs reuse them; else they are computed here, once for all arrays.
    // SAM's timing (sunlit part of the sunrise/sunset intervals) likewise,
    // only for the arrays that ask for it.
    std::vector<gen::SunPosition> midpoint;
    std::vector<gen::SunPosition> sunlit;
    // Every source has the same steps, so the sun positions of `w` serve all.
    for (std::size_t a = 0; a < setup.pv.size(); ++a) {
      const gen::PvParams& array = setup.pv[a];
      if (!array.availability_per_kw.empty()) {
        // A per-unit series replaces the physical model (io checks its length).
        std::vector<double> kw(array.availability_per_kw);
        for (double& v : kw) v *= array.dc_capacity_kw;
        add_into(p.pv_kw, std::move(kw));
        continue;
      }
      const bool sam = array.sun_timing == gen::SunTiming::kSunlitMidpoint;
      if (sam && sunlit.empty()) {
        sunlit = gen::sun_at_intervals(setup.site, w, gen::SunTiming::kSunlitMidpoint);
      }
      if (!sam && setup.sun.size() != n && midpoint.empty()) {
        midpoint = gen::sun_at_interval_midpoints(setup.site, w);
      }
      const auto& at = sam ? sunlit : (setup.sun.size() == n ? setup.sun : midpoint);
      add_into(p.pv_kw,
               gen::simulate_pv(array, pv_weather(setup, a), at, gen::PvDetail::kAcOnly).ac_kw);
    }
  }
  for (std::size_t f = 0; f < setup.wind.size(); ++f) {
    const gen::WindParams& farm = setup.wind[f];
    if (!farm.availability_per_kw.empty()) {
      // A per-unit series replaces the physical model (io checks its length).
      std::vector<double> kw(farm.availability_per_kw);
      for (double& v : kw) v *= farm.rated_power_kw();
      add_into(p.wind_kw, std::move(kw));
      continue;
    }
    add_into(p.wind_kw,
             gen::simulate_wind(farm, setup.site, wind_weather(setup, f), gen::WindDetail::kAcOnly)
                 .ac_kw);
  }
  if (setup.datacenter) {
    load::DatacenterSeries dc =
        load::simulate_datacenter(*setup.datacenter, w, setup.site.utc_offset_h);
    p.facility_kw = std::move(dc.facility_kw);
    p.it_kw = std::move(dc.it_kw);
    p.pue = std::move(dc.pue);
  }
  // Absent components: zero series.
  for (std::vector<double>* v : {&p.pv_kw, &p.wind_kw, &p.facility_kw, &p.it_kw, &p.pue}) {
    if (v->empty()) v->assign(n, 0.0);
  }
  return p;
}

}  // namespace shapan::sim
