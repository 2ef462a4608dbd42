// The NREL Solar Position Algorithm, step by step (Reda & Andreas 2003, rev.
// 2008, NREL/TP-560-34302). Each function names the report's equations.
#include <cmath>
#include <limits>
#include <numbers>
#include <span>

#include "spa_detail.h"
#include "spa_tables.h"

namespace shapan::gen::spa_detail {
namespace {

constexpr double kPi = std::numbers::pi;
constexpr double kSunRadiusDeg = 0.26667;  // A.2, h0' = −(sun radius + refraction)

double rad(double deg) { return deg * kPi / 180.0; }
double deg(double r) { return r * 180.0 / kPi; }

// Eq. 9–10: Σ A·cos(B + C·JME) for one table.
double sum_terms(std::span<const PeriodicTerm> terms, double jme) {
  double s = 0.0;
  for (const PeriodicTerm& t : terms) s += t.a * std::cos(t.b + t.c * jme);
  return s;
}

// Eq. 11: (X0 + X1·JME + X2·JME² + ...) / 1e8, Horner form.
template <std::size_t N>
double series(const std::array<std::span<const PeriodicTerm>, N>& tables, double jme) {
  double v = 0.0;
  for (std::size_t i = N; i-- > 0;) v = v * jme + sum_terms(tables[i], jme);
  return v / 1e8;
}

// Fractional part in [0, 1), as SPA's limit_zero2one.
double limit_zero2one(double v) {
  double f = v - std::floor(v);
  return f < 0.0 ? f + 1.0 : f;
}

// Reduce to [−180, 180].
double limit_degrees180pm(double d) {
  d = limit_degrees(d);
  return d > 180.0 ? d - 360.0 : d;
}

}  // namespace

double limit_degrees(double d) {
  double r = std::fmod(d, 360.0);
  return r < 0.0 ? r + 360.0 : r;
}

JulianTimes julian_times(double jd, double delta_t_s) {
  JulianTimes t;
  t.jd = jd;
  t.jc = (jd - 2451545.0) / 36525.0;      // eq. 5
  t.jde = jd + delta_t_s / 86400.0;       // eq. 6
  t.jce = (t.jde - 2451545.0) / 36525.0;  // eq. 7
  t.jme = t.jce / 10.0;                   // eq. 8
  return t;
}

double heliocentric_longitude_deg(double jme) { return limit_degrees(deg(series(kLTables, jme))); }
double heliocentric_latitude_deg(double jme) { return deg(series(kBTables, jme)); }
double earth_radius_vector_au(double jme) { return series(kRTables, jme); }

Nutation nutation(double jce) {
  Nutation n;
  const double j2 = jce * jce;
  const double j3 = j2 * jce;
  n.x[0] = 297.85036 + 445267.111480 * jce - 0.0019142 * j2 + j3 / 189474.0;  // eq. 15
  n.x[1] = 357.52772 + 35999.050340 * jce - 0.0001603 * j2 - j3 / 300000.0;   // eq. 16
  n.x[2] = 134.96298 + 477198.867398 * jce + 0.0086972 * j2 + j3 / 56250.0;   // eq. 17
  n.x[3] = 93.27191 + 483202.017538 * jce - 0.0036825 * j2 + j3 / 327270.0;   // eq. 18
  n.x[4] = 125.04452 - 1934.136261 * jce + 0.0020708 * j2 + j3 / 450000.0;    // eq. 19
  double psi = 0.0;
  double eps = 0.0;
  for (const NutationTerm& t : kNutation) {  // eq. 20–22
    double arg = 0.0;
    for (int j = 0; j < 5; ++j) arg += n.x[j] * t.y[j];
    arg = rad(arg);
    psi += (t.a + t.b * jce) * std::sin(arg);
    eps += (t.c + t.d * jce) * std::cos(arg);
  }
  n.delta_psi_deg = psi / 36000000.0;  // eq. 23: 0.0001" -> degrees
  n.delta_eps_deg = eps / 36000000.0;
  return n;
}

double mean_obliquity_arcsec(double jme) {
  // Eq. 24 with U = JME/10, Horner form.
  static constexpr double kC[] = {84381.448, -4680.93, -1.55, 1999.25, -51.38, -249.67,
                                  -39.05,    7.12,     27.87, 5.79,    2.45};
  const double u = jme / 10.0;
  double v = 0.0;
  for (std::size_t i = std::size(kC); i-- > 0;) v = v * u + kC[i];
  return v;
}

double mean_sidereal_time_deg(double jd, double jc) {
  // Eq. 28.
  return limit_degrees(280.46061837 + 360.98564736629 * (jd - 2451545.0) +
                       jc * jc * (0.000387933 - jc / 38710000.0));
}

double equation_of_time_min(double jme, double alpha_deg, double delta_psi_deg, double eps_deg) {
  // A.1: the sun's mean longitude M (A.2), then E = M − 0.0057183 − α + Δψ·cos ε,
  // brought into ±20 minutes (±5 degrees of a 360-degree day is far too much).
  const double m = limit_degrees(
      280.4664567 +
      jme * (360007.6982779 +
             jme * (0.03032028 +
                    jme * (1.0 / 49931.0 + jme * (-1.0 / 15300.0 + jme * (-1.0 / 2000000.0))))));
  double e = 4.0 * (m - 0.0057183 - alpha_deg + delta_psi_deg * std::cos(rad(eps_deg)));
  if (e < -20.0) e += 1440.0;
  if (e > 20.0) e -= 1440.0;
  return e;
}

Geocentric geocentric(double jd, double delta_t_s) {
  Geocentric g;
  g.t = julian_times(jd, delta_t_s);
  const double jme = g.t.jme;
  g.l_deg = heliocentric_longitude_deg(jme);
  g.b_deg = heliocentric_latitude_deg(jme);
  g.r_au = earth_radius_vector_au(jme);
  g.theta_deg = limit_degrees(g.l_deg + 180.0);  // eq. 13
  g.beta_deg = -g.b_deg;                         // eq. 14
  g.nut = nutation(g.t.jce);
  g.eps0_arcsec = mean_obliquity_arcsec(jme);
  g.eps_deg = g.eps0_arcsec / 3600.0 + g.nut.delta_eps_deg;            // eq. 25
  g.delta_tau_deg = -20.4898 / (3600.0 * g.r_au);                      // eq. 26
  g.lambda_deg = g.theta_deg + g.nut.delta_psi_deg + g.delta_tau_deg;  // eq. 27
  g.nu0_deg = mean_sidereal_time_deg(g.t.jd, g.t.jc);
  g.nu_deg = g.nu0_deg + g.nut.delta_psi_deg * std::cos(rad(g.eps_deg));  // eq. 29

  const double lam = rad(g.lambda_deg);
  const double eps = rad(g.eps_deg);
  const double beta = rad(g.beta_deg);
  // Eq. 30–31.
  g.alpha_deg = limit_degrees(deg(
      std::atan2(std::sin(lam) * std::cos(eps) - std::tan(beta) * std::sin(eps), std::cos(lam))));
  g.delta_deg = deg(
      std::asin(std::sin(beta) * std::cos(eps) + std::cos(beta) * std::sin(eps) * std::sin(lam)));
  g.xi_deg = 8.794 / (3600.0 * g.r_au);  // eq. 33
  g.eot_min = equation_of_time_min(jme, g.alpha_deg, g.nut.delta_psi_deg, g.eps_deg);
  return g;
}

Topocentric topocentric(const Observer& obs, double nu_deg, double alpha_deg, double delta_deg,
                        double xi_deg) {
  Topocentric p;
  p.h_deg = limit_degrees(nu_deg + obs.longitude_deg - alpha_deg);  // eq. 32
  const double phi = rad(obs.latitude_deg);
  const double h = rad(p.h_deg);
  const double xi = rad(xi_deg);
  const double delta = rad(delta_deg);
  // Eq. 34–36: observer's geocentric position (flattening 0.99664719).
  const double u = std::atan(0.99664719 * std::tan(phi));
  const double x = std::cos(u) + obs.elevation_m / 6378140.0 * std::cos(phi);
  const double y = 0.99664719 * std::sin(u) + obs.elevation_m / 6378140.0 * std::sin(phi);
  // Eq. 37–39.
  const double denom = std::cos(delta) - x * std::sin(xi) * std::cos(h);
  const double d_alpha = std::atan2(-x * std::sin(xi) * std::sin(h), denom);
  p.delta_alpha_deg = deg(d_alpha);
  p.alpha_prime_deg = alpha_deg + p.delta_alpha_deg;
  const double delta_p =
      std::atan2((std::sin(delta) - y * std::sin(xi)) * std::cos(d_alpha), denom);
  p.delta_prime_deg = deg(delta_p);
  p.h_prime_deg = p.h_deg - p.delta_alpha_deg;  // eq. 40
  const double hp = rad(p.h_prime_deg);
  // Eq. 41: elevation without refraction.
  p.e0_deg = deg(std::asin(std::sin(phi) * std::sin(delta_p) +
                           std::cos(phi) * std::cos(delta_p) * std::cos(hp)));
  // Eq. 42: refraction, applied only while the sun's upper limb can be above
  // the horizon (as NREL's spa.c does).
  p.delta_e_deg = 0.0;
  if (p.e0_deg >= -(kSunRadiusDeg + obs.atmos_refract_deg)) {
    p.delta_e_deg = (obs.pressure_hpa / 1010.0) * (283.0 / (273.0 + obs.temp_c)) * 1.02 /
                    (60.0 * std::tan(rad(p.e0_deg + 10.3 / (p.e0_deg + 5.11))));
  }
  p.e_deg = p.e0_deg + p.delta_e_deg;  // eq. 43
  p.zenith_deg = 90.0 - p.e_deg;       // eq. 44
  // Eq. 45–46.
  p.gamma_deg = limit_degrees(deg(
      std::atan2(std::sin(hp), std::cos(hp) * std::sin(phi) - std::tan(delta_p) * std::cos(phi))));
  p.azimuth_deg = limit_degrees(p.gamma_deg + 180.0);
  return p;
}

double incidence_deg(double zenith_deg, double gamma_deg, double slope_deg,
                     double azimuth_rotation_deg) {
  const double z = rad(zenith_deg);
  const double w = rad(slope_deg);
  return deg(
      std::acos(std::cos(z) * std::cos(w) +
                std::sin(w) * std::sin(z) * std::cos(rad(gamma_deg - azimuth_rotation_deg))));
}

namespace {

// A.2 eq. A.10–A.11: interpolate α or δ of days −1, 0, +1 at day fraction n.
// The |a| >= 2 fix-up reproduces spa.c (it handles the 360 -> 0 wrap of α).
double interpolate_three(const double v[3], double n) {
  double a = v[1] - v[0];
  double b = v[2] - v[1];
  if (std::fabs(a) >= 2.0) a = limit_zero2one(a);
  if (std::fabs(b) >= 2.0) b = limit_zero2one(b);
  return v[1] + n * (a + b + (b - a) * n) / 2.0;
}

}  // namespace

RiseTransitSet rise_transit_set(double jd0_ut, double latitude_deg, double longitude_deg,
                                double utc_offset_h, double delta_t_s, double atmos_refract_deg) {
  RiseTransitSet out;
  // A.2.1: apparent sidereal time at 0 h UT (with the caller's ΔT), then α, δ
  // at 0 h TT of the previous, same and next day (ΔT = 0 as in spa.c).
  const double nu = geocentric(jd0_ut, delta_t_s).nu_deg;
  double alpha[3];
  double delta[3];
  for (int i = 0; i < 3; ++i) {
    const Geocentric g = geocentric(jd0_ut + (i - 1), 0.0);
    alpha[i] = g.alpha_deg;
    delta[i] = g.delta_deg;
  }
  double m[3];                                     // transit, rise, set, as day fractions (UT)
  m[0] = (alpha[1] - longitude_deg - nu) / 360.0;  // A.2.3
  const double h0_prime = -(kSunRadiusDeg + atmos_refract_deg);
  const double phi = rad(latitude_deg);
  // A.2.4: local hour angle at rise/set.
  const double arg = (std::sin(rad(h0_prime)) - std::sin(phi) * std::sin(rad(delta[1]))) /
                     (std::cos(phi) * std::cos(rad(delta[1])));
  const double nan = std::numeric_limits<double>::quiet_NaN();
  auto local_hours = [&](double dayfrac) {
    return 24.0 * limit_zero2one(dayfrac + utc_offset_h / 24.0);
  };
  if (std::fabs(arg) > 1.0) {
    out.polar_day = arg < -1.0;
    out.polar_night = arg > 1.0;
    out.sunrise_h = nan;
    out.sunset_h = nan;
    // Transit still happens: use the approximate time, corrected below.
  }
  const double h0 = std::fabs(arg) <= 1.0 ? limit_degrees180pm(deg(std::acos(arg))) : 0.0;
  m[1] = limit_zero2one(m[0] - h0 / 360.0);  // A.2.5–A.2.6
  m[2] = limit_zero2one(m[0] + h0 / 360.0);
  m[0] = limit_zero2one(m[0]);
  double h_prime[3];
  double h_alt[3];
  double delta_prime[3];
  for (int i = 0; i < 3; ++i) {
    const double nu_i = nu + 360.985647 * m[i];   // A.2.8
    const double n = m[i] + delta_t_s / 86400.0;  // A.2.9
    const double alpha_i = interpolate_three(alpha, n);
    delta_prime[i] = interpolate_three(delta, n);
    h_prime[i] = limit_degrees180pm(nu_i + longitude_deg - alpha_i);  // A.2.11
    h_alt[i] =
        deg(std::asin(std::sin(phi) * std::sin(rad(delta_prime[i])) +  // A.2.12
                      std::cos(phi) * std::cos(rad(delta_prime[i])) * std::cos(rad(h_prime[i]))));
  }
  out.transit_h = local_hours(m[0] - h_prime[0] / 360.0);  // A.2.13
  if (std::fabs(arg) <= 1.0) {
    for (int i = 1; i < 3; ++i) {  // A.2.14–A.2.15
      const double frac =
          m[i] + (h_alt[i] - h0_prime) / (360.0 * std::cos(rad(delta_prime[i])) * std::cos(phi) *
                                          std::sin(rad(h_prime[i])));
      (i == 1 ? out.sunrise_h : out.sunset_h) = local_hours(frac);
    }
  }
  return out;
}

}  // namespace shapan::gen::spa_detail
