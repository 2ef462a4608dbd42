// Internal steps of the NREL SPA (Reda & Andreas, NREL/TP-560-34302), exposed
// so that tests can check every intermediate of the report's worked example.
// Equation numbers refer to section 3 of the report. Angles in degrees.
#pragma once

namespace shapan::gen::spa_detail {

struct JulianTimes {
  double jd = 0.0;   // Julian day (UT)
  double jc = 0.0;   // Julian century (UT)
  double jde = 0.0;  // Julian ephemeris day (TT)
  double jce = 0.0;  // Julian ephemeris century
  double jme = 0.0;  // Julian ephemeris millennium
};
// jd already includes UT1−UTC; delta_t_s = TT − UT1.
JulianTimes julian_times(double jd, double delta_t_s);

// Eq. 9–12: heliocentric longitude L and latitude B (degrees, L in [0, 360)),
// radius vector R (AU).
double heliocentric_longitude_deg(double jme);
double heliocentric_latitude_deg(double jme);
double earth_radius_vector_au(double jme);

struct Nutation {
  double x[5] = {};            // X0..X4 (eq. 15–19), degrees
  double delta_psi_deg = 0.0;  // nutation in longitude
  double delta_eps_deg = 0.0;  // nutation in obliquity
};
Nutation nutation(double jce);

// Eq. 24: mean obliquity of the ecliptic, arc seconds.
double mean_obliquity_arcsec(double jme);

// Everything that does not depend on where the observer is (section 3.1–3.9):
// slowly varying, so solar_positions() may interpolate it in time.
struct Geocentric {
  JulianTimes t;
  double l_deg = 0.0;      // heliocentric longitude L
  double b_deg = 0.0;      // heliocentric latitude B
  double r_au = 0.0;       // Earth radius vector R
  double theta_deg = 0.0;  // geocentric longitude Θ
  double beta_deg = 0.0;   // geocentric latitude β
  Nutation nut;
  double eps0_arcsec = 0.0;    // mean obliquity ε0
  double eps_deg = 0.0;        // true obliquity ε
  double delta_tau_deg = 0.0;  // aberration correction Δτ
  double lambda_deg = 0.0;     // apparent sun longitude λ
  double nu0_deg = 0.0;        // mean sidereal time at Greenwich ν0
  double nu_deg = 0.0;         // apparent sidereal time at Greenwich ν
  double alpha_deg = 0.0;      // geocentric right ascension α, [0, 360)
  double delta_deg = 0.0;      // geocentric declination δ
  double xi_deg = 0.0;         // equatorial horizontal parallax ξ
  double eot_min = 0.0;        // equation of time (A.1)
};
Geocentric geocentric(double jd, double delta_t_s);

// Eq. 13: mean sidereal time at Greenwich, degrees in [0, 360).
double mean_sidereal_time_deg(double jd, double jc);
// A.1: equation of time in minutes from JME, α, Δψ and ε.
double equation_of_time_min(double jme, double alpha_deg, double delta_psi_deg, double eps_deg);

struct Observer {
  double latitude_deg = 0.0;
  double longitude_deg = 0.0;
  double elevation_m = 0.0;
  double pressure_hpa = 1013.25;
  double temp_c = 12.0;
  double atmos_refract_deg = 0.5667;
};

// Section 3.10–3.14: the observer's view of the geocentric sun.
struct Topocentric {
  double h_deg = 0.0;            // observer local hour angle H, [0, 360)
  double delta_alpha_deg = 0.0;  // parallax in right ascension Δα
  double alpha_prime_deg = 0.0;  // topocentric right ascension α'
  double delta_prime_deg = 0.0;  // topocentric declination δ'
  double h_prime_deg = 0.0;      // topocentric local hour angle H'
  double e0_deg = 0.0;           // elevation without refraction
  double delta_e_deg = 0.0;      // refraction correction Δe
  double e_deg = 0.0;            // apparent elevation
  double zenith_deg = 0.0;       // apparent zenith θ = 90 − e
  double gamma_deg = 0.0;        // astronomers' azimuth Γ (from south, westward)
  double azimuth_deg = 0.0;      // Φ = Γ + 180, clockwise from north, [0, 360)
};
Topocentric topocentric(const Observer& obs, double nu_deg, double alpha_deg, double delta_deg,
                        double xi_deg);

// Eq. 47 (section 3.15): incidence angle on a surface of slope ω and azimuth
// rotation γ (SPA convention: from south, east negative).
double incidence_deg(double zenith_deg, double gamma_deg, double slope_deg,
                     double azimuth_rotation_deg);

// Appendix A.2 results, as fractions of the day in local standard time
// (hours = 24 · fraction); NaN rise/set when the sun never crosses h0'.
struct RiseTransitSet {
  double sunrise_h = 0.0;
  double transit_h = 0.0;
  double sunset_h = 0.0;
  bool polar_day = false;
  bool polar_night = false;
};
// `jd0_ut` is the Julian day of 0 h UT of the local calendar date.
RiseTransitSet rise_transit_set(double jd0_ut, double latitude_deg, double longitude_deg,
                                double utc_offset_h, double delta_t_s, double atmos_refract_deg);

// Reduce to [0, 360).
double limit_degrees(double deg);

}  // namespace shapan::gen::spa_detail
