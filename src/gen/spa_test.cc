// Every intermediate of the NREL SPA worked example.
//
// Source: Reda & Andreas, NREL/TP-560-34302 (rev. 2008), Appendix A.5, with the
// full-precision intermediates asserted by pvlib-python tests/test_spa.py
// (commit 86a367b3), as collected in /work/shared/reference/solar_position.md
// (SP-1). Inputs: 2003-10-17 12:30:30 MST (19:30:30 UTC), ΔUT1 = 0, ΔT = 67 s,
// lat 39.742476, lon −105.1786, elevation 1830.14 m, 820 hPa, 11 °C,
// slope 30°, azimuth rotation −10°, atmospheric refraction 0.5667°.
#include <gtest/gtest.h>

#include "shapan/core/time.h"
#include "spa_detail.h"

namespace shapan::gen::spa_detail {
namespace {

constexpr double kLat = 39.742476;
constexpr double kLon = -105.1786;
constexpr double kAngleTol = 1e-6;  // the reference's decimals allow this

double example_jd() {
  return to_timestamp(
             {.year = 2003, .month = 10, .day = 17, .hour = 19, .minute = 30, .second = 30}, 0.0)
      .julian_day();
}

Observer example_observer() {
  return {.latitude_deg = kLat,
          .longitude_deg = kLon,
          .elevation_m = 1830.14,
          .pressure_hpa = 820.0,
          .temp_c = 11.0,
          .atmos_refract_deg = 0.5667};
}

TEST(SpaTest, JulianTimes) {
  const JulianTimes t = julian_times(example_jd(), 67.0);
  EXPECT_NEAR(t.jd, 2452930.312847, 1e-6);
  // pvlib derives JC, JCE, JME from JD rounded to 2452930.312847 (the exact
  // JD of 19:30:30 is 2452930.3128472222); 2.2e-7 day = 6e-12 century.
  EXPECT_NEAR(t.jc, 0.0379277986858, 1e-11);
  EXPECT_NEAR(t.jde, 2452930.313623, 1e-6);
  EXPECT_NEAR(t.jce, 0.037927819916852, 1e-11);
  EXPECT_NEAR(t.jme, 0.003792781991685, 1e-12);
}

TEST(SpaTest, HeliocentricTerms) {
  const double jme = julian_times(example_jd(), 67.0).jme;
  EXPECT_NEAR(heliocentric_longitude_deg(jme), 24.0182616917, 1e-8);
  EXPECT_NEAR(heliocentric_latitude_deg(jme), -0.0001011219, 1e-10);
  EXPECT_NEAR(earth_radius_vector_au(jme), 0.9965422974, 1e-10);
}

TEST(SpaTest, NutationArguments) {
  const Nutation n = nutation(julian_times(example_jd(), 67.0).jce);
  EXPECT_NEAR(n.x[0], 17185.861179, 1e-6);
  EXPECT_NEAR(n.x[1], 1722.893218, 1e-6);
  EXPECT_NEAR(n.x[2], 18234.075703, 1e-6);
  EXPECT_NEAR(n.x[3], 18420.071012, 1e-6);
  EXPECT_NEAR(n.x[4], 51.686951, 1e-6);
  EXPECT_NEAR(n.delta_psi_deg, -0.00399840, 1e-8);
  EXPECT_NEAR(n.delta_eps_deg, 0.00166657, 1e-8);
}

TEST(SpaTest, GeocentricSun) {
  const Geocentric g = geocentric(example_jd(), 67.0);
  EXPECT_NEAR(g.theta_deg, 204.0182616917, 1e-8);
  EXPECT_NEAR(g.beta_deg, 0.0001011219, 1e-10);
  EXPECT_NEAR(g.eps0_arcsec, 84379.672625, 1e-6);
  EXPECT_NEAR(g.eps_deg, 23.440465, kAngleTol);
  EXPECT_NEAR(g.delta_tau_deg, -0.005711, kAngleTol);
  EXPECT_NEAR(g.lambda_deg, 204.0085519281, 1e-8);
  EXPECT_NEAR(g.nu0_deg, 318.515579, kAngleTol);
  EXPECT_NEAR(g.nu_deg, 318.511910, kAngleTol);
  EXPECT_NEAR(g.alpha_deg, 202.227408, kAngleTol);
  EXPECT_NEAR(g.delta_deg, -9.31434, 1e-5);
  EXPECT_NEAR(g.xi_deg, 0.002451, kAngleTol);
  EXPECT_NEAR(g.eot_min, 14.64, 0.005);  // pvlib asserts 2 decimals
}

TEST(SpaTest, TopocentricSun) {
  const Geocentric g = geocentric(example_jd(), 67.0);
  const Topocentric p =
      topocentric(example_observer(), g.nu_deg, g.alpha_deg, g.delta_deg, g.xi_deg);
  EXPECT_NEAR(p.h_deg, 11.105902, kAngleTol);
  EXPECT_NEAR(p.delta_alpha_deg, -0.000369, kAngleTol);
  EXPECT_NEAR(p.alpha_prime_deg, 202.22704, 1e-5);
  EXPECT_NEAR(p.delta_prime_deg, -9.316179, kAngleTol);
  EXPECT_NEAR(p.h_prime_deg, 11.10627, 1e-5);
  EXPECT_NEAR(p.e0_deg, 39.872046, kAngleTol);
  EXPECT_NEAR(p.delta_e_deg, 0.016332, kAngleTol);
  EXPECT_NEAR(p.e_deg, 39.888378, kAngleTol);
  EXPECT_NEAR(p.gamma_deg, 14.340241, kAngleTol);
  // The headline results, against the full-precision C# port's print-out.
  EXPECT_NEAR(p.zenith_deg, 50.1116220240297, 1e-6);
  EXPECT_NEAR(p.azimuth_deg, 194.340240510192, 1e-6);
  EXPECT_NEAR(incidence_deg(p.zenith_deg, p.gamma_deg, 30.0, -10.0), 25.1870002003532, 1e-6);
}

TEST(SpaTest, RefractionOnlyAboveTheHorizonLimit) {
  // Below −(0.26667 + 0.5667)° SPA applies no refraction: e = e0.
  const Geocentric g = geocentric(example_jd() + 0.5, 67.0);  // local midnight
  const Topocentric p =
      topocentric(example_observer(), g.nu_deg, g.alpha_deg, g.delta_deg, g.xi_deg);
  ASSERT_LT(p.e0_deg, -1.0);
  EXPECT_EQ(p.delta_e_deg, 0.0);
  EXPECT_EQ(p.e_deg, p.e0_deg);
}

TEST(SpaTest, SunriseSunsetOfTheExample) {
  // Report A.5: sunrise 06:12:43, sunset 17:20:19 local (MST, UTC−7).
  const double jd0 = to_timestamp({.year = 2003, .month = 10, .day = 17}, 0.0).julian_day();
  const RiseTransitSet r = rise_transit_set(jd0, kLat, kLon, -7.0, 67.0, 0.5667);
  EXPECT_NEAR(r.sunrise_h * 3600.0, 6 * 3600 + 12 * 60 + 43, 1.0);
  EXPECT_NEAR(r.sunset_h * 3600.0, 17 * 3600 + 20 * 60 + 19, 1.0);
  EXPECT_FALSE(r.polar_day);
  EXPECT_FALSE(r.polar_night);
}

TEST(SpaTest, PolarDayAndNight) {
  // At 80° N the sun never sets at the June solstice and never rises at the
  // December one (declination ±23.4° > 90 − 80 + 0.83).
  const double june = to_timestamp({.year = 2024, .month = 6, .day = 21}, 0.0).julian_day();
  const double dec = to_timestamp({.year = 2024, .month = 12, .day = 21}, 0.0).julian_day();
  EXPECT_TRUE(rise_transit_set(june, 80.0, 15.0, 1.0, 69.0, 0.5667).polar_day);
  EXPECT_TRUE(rise_transit_set(dec, 80.0, 15.0, 1.0, 69.0, 0.5667).polar_night);
}

}  // namespace
}  // namespace shapan::gen::spa_detail
