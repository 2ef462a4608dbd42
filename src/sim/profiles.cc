#include "profiles.h"

#include "shapan/gen/solar_position.h"

namespace shapan::sim {
namespace {

void add_into(std::vector<double>& total, const std::vector<double>& part) {
  for (std::size_t i = 0; i < total.size(); ++i) total[i] += part[i];
}

}  // namespace

Profiles compute_profiles(const Setup& setup) {
  const resource::WeatherSeries& w = setup.weather;
  const std::size_t n = w.size();
  Profiles p{.pv_kw = std::vector<double>(n, 0.0),
             .wind_kw = std::vector<double>(n, 0.0),
             .facility_kw = std::vector<double>(n, 0.0),
             .it_kw = std::vector<double>(n, 0.0),
             .pue = std::vector<double>(n, 0.0)};
  if (!setup.pv.empty()) {
    // Positions at each interval's midpoint represent the interval's mean.
    std::vector<Timestamp> midpoints(n);
    const Duration half = Duration::seconds(w.step.in_seconds() / 2);
    for (std::size_t i = 0; i < n; ++i) midpoints[i] = w.interval_start(i) + half;
    const std::vector<gen::SunPosition> sun = gen::solar_positions(setup.site, midpoints);
    // SAM's timing (sunlit part of the sunrise/sunset intervals) only for the
    // arrays that ask for it, computed once for all of them.
    std::vector<gen::SunPosition> sunlit;
    for (const auto& array : setup.pv) {
      if (array.sun_timing == gen::SunTiming::kSunlitMidpoint && sunlit.empty()) {
        sunlit = gen::sun_at_intervals(setup.site, w, gen::SunTiming::kSunlitMidpoint);
      }
      const auto& at = array.sun_timing == gen::SunTiming::kSunlitMidpoint ? sunlit : sun;
      add_into(p.pv_kw, gen::simulate_pv(array, w, at).ac_kw);
    }
  }
  for (const auto& farm : setup.wind) {
    add_into(p.wind_kw, gen::simulate_wind(farm, setup.site, w).ac_kw);
  }
  if (setup.datacenter) {
    load::DatacenterSeries dc =
        load::simulate_datacenter(*setup.datacenter, w, setup.site.utc_offset_h);
    p.facility_kw = std::move(dc.facility_kw);
    p.it_kw = std::move(dc.it_kw);
    p.pue = std::move(dc.pue);
  }
  return p;
}

}  // namespace shapan::sim
