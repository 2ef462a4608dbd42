// Sun position for the simulation, on top of the SPA steps in spa.cc.
#include "shapan/gen/solar_position.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "spa_detail.h"

namespace shapan::gen {
namespace {

using spa_detail::Geocentric;
using spa_detail::Observer;

Observer make_observer(const Site& site, const SpaOptions& options) {
  Observer obs;
  obs.latitude_deg = site.latitude_deg;
  obs.longitude_deg = site.longitude_deg;
  obs.elevation_m = site.elevation_m;
  // Standard atmosphere (ISO 2533) when no pressure is given.
  obs.pressure_hpa = std::isnan(options.pressure_hpa)
                         ? 1013.25 * std::pow(1.0 - 2.25577e-5 * site.elevation_m, 5.25588)
                         : options.pressure_hpa;
  obs.temp_c = options.temp_c;
  obs.atmos_refract_deg = options.atmos_refract_deg;
  return obs;
}

double jd_ut1(Timestamp t, const SpaOptions& options) {
  return t.julian_day() + options.delta_ut1_s / 86400.0;
}

// The terms that solar_positions() interpolates between grid nodes.
struct SlowTerms {
  double alpha_deg;    // geocentric right ascension
  double delta_deg;    // geocentric declination
  double nu_corr_deg;  // Δψ·cos ε (apparent minus mean sidereal time)
  double xi_deg;       // equatorial horizontal parallax
  double eot_min;      // equation of time
};

SlowTerms slow_terms(const Geocentric& g) {
  return {g.alpha_deg, g.delta_deg, g.nu_deg - g.nu0_deg, g.xi_deg, g.eot_min};
}

SunPosition finish(const Observer& obs, double nu_deg, const SlowTerms& s) {
  const spa_detail::Topocentric p =
      spa_detail::topocentric(obs, nu_deg, s.alpha_deg, s.delta_deg, s.xi_deg);
  SunPosition out;
  out.zenith_deg = p.zenith_deg;
  out.zenith_true_deg = 90.0 - p.e0_deg;
  out.azimuth_deg = p.azimuth_deg;
  out.declination_deg = s.delta_deg;
  out.equation_of_time_min = s.eot_min;
  return out;
}

// Grid spacing for interpolation. Linear interpolation over h errs by about
// h²/8 times the second derivative; measured over whole years (1-minute
// steps, two sites) the worst zenith/azimuth/declination error is 1.5e-5° with
// a 3-hour grid and ~2e-6° with this 1-hour one, well inside the 1e-4° contract.
constexpr std::int64_t kGridSeconds = 3600;

}  // namespace

SunPosition solar_position(const Site& site, Timestamp t, const SpaOptions& options) {
  const Observer obs = make_observer(site, options);
  const Geocentric g = spa_detail::geocentric(jd_ut1(t, options), options.delta_t_s);
  return finish(obs, g.nu_deg, slow_terms(g));
}

std::vector<SunPosition> solar_positions(const Site& site, std::span<const Timestamp> times,
                                         const SpaOptions& options) {
  std::vector<SunPosition> out;
  out.reserve(times.size());
  if (times.empty()) return out;
  const Observer obs = make_observer(site, options);
  const auto [lo, hi] = std::minmax_element(times.begin(), times.end());
  auto floor_div = [](std::int64_t a, std::int64_t b) {
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
  };
  const std::int64_t first_node = floor_div(lo->unix_seconds(), kGridSeconds);
  const std::int64_t last_node = floor_div(hi->unix_seconds(), kGridSeconds) + 1;
  const std::int64_t node_count = last_node - first_node + 1;
  // Sparse instants (few times over a long span): exact SPA is cheaper.
  if (node_count > 4 * static_cast<std::int64_t>(times.size()) + 16) {
    for (Timestamp t : times) out.push_back(solar_position(site, t, options));
    return out;
  }
  std::vector<SlowTerms> nodes(static_cast<std::size_t>(node_count));
  std::vector<bool> done(nodes.size(), false);
  auto node = [&](std::int64_t k) -> const SlowTerms& {
    const auto i = static_cast<std::size_t>(k - first_node);
    if (!done[i]) {
      const Timestamp tk = Timestamp::from_unix_seconds(k * kGridSeconds);
      nodes[i] = slow_terms(spa_detail::geocentric(jd_ut1(tk, options), options.delta_t_s));
      done[i] = true;
    }
    return nodes[i];
  };
  for (Timestamp t : times) {
    const std::int64_t k = floor_div(t.unix_seconds(), kGridSeconds);
    const SlowTerms& a = node(k);
    const SlowTerms& b = node(k + 1);
    const double f = static_cast<double>(t.unix_seconds() - k * kGridSeconds) /
                     static_cast<double>(kGridSeconds);
    double alpha_b = b.alpha_deg;  // unwrap 360 -> 0
    if (alpha_b - a.alpha_deg > 180.0) alpha_b -= 360.0;
    if (alpha_b - a.alpha_deg < -180.0) alpha_b += 360.0;
    auto lerp = [f](double x, double y) { return x + f * (y - x); };
    SlowTerms s{spa_detail::limit_degrees(lerp(a.alpha_deg, alpha_b)),
                lerp(a.delta_deg, b.delta_deg), lerp(a.nu_corr_deg, b.nu_corr_deg),
                lerp(a.xi_deg, b.xi_deg), lerp(a.eot_min, b.eot_min)};
    // Mean sidereal time is exact and cheap; only its nutation part is interpolated.
    const double jd = jd_ut1(t, options);
    const double nu =
        spa_detail::mean_sidereal_time_deg(jd, (jd - 2451545.0) / 36525.0) + s.nu_corr_deg;
    out.push_back(finish(obs, nu, s));
  }
  return out;
}

SunTimes sun_times(const Site& site, Timestamp day, const SpaOptions& options) {
  const CivilTime local = to_civil(day, site.utc_offset_h);
  const CivilTime date{.year = local.year, .month = local.month, .day = local.day};
  const double jd0 = to_timestamp(date, 0.0).julian_day();
  const spa_detail::RiseTransitSet r =
      spa_detail::rise_transit_set(jd0, site.latitude_deg, site.longitude_deg, site.utc_offset_h,
                                   options.delta_t_s, options.atmos_refract_deg);
  const Timestamp midnight = to_timestamp(date, site.utc_offset_h);
  auto at = [&](double hours) {
    return midnight + Duration::seconds(static_cast<std::int64_t>(std::llround(hours * 3600.0)));
  };
  SunTimes out;
  out.transit = at(r.transit_h);
  out.polar_day = r.polar_day;
  out.polar_night = r.polar_night;
  if (r.polar_day || r.polar_night) {
    out.sunrise = out.transit;
    out.sunset = out.transit;
  } else {
    out.sunrise = at(r.sunrise_h);
    out.sunset = at(r.sunset_h);
  }
  return out;
}

}  // namespace shapan::gen
