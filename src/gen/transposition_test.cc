// Source of every expected value: pvlib-python tests/test_irradiance.py (file
// commit ba508836dd9076ebe5e418dea77d4cc8aa31787a), as collected in
// /work/shared/reference/pv_functions.md PV-5. Fixture: 2014-06-24 at 00, 06,
// 12, 18 h US/Arizona, lat 32.2, lon −111; surface tilt 40°, azimuth 180°;
// dni_extra 1321.1655834833093; models use the apparent zenith.
#include "shapan/gen/transposition.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

namespace shapan::gen {
namespace {

constexpr double kDniExtra = 1321.1655834833093;

struct Row {
  double ghi, dni, dhi, apparent_zenith, azimuth, airmass;
};
// Row 0 (sun below the horizon) is left out of the models that need a sun;
// its expected values are all 0.
constexpr Row kRows[4] = {
    {0, 0, 0, 124.0390863, 352.69550699, NAN},
    {79.73860422, 316.1949056, 40.46149818, 82.85457044, 66.71410338, 7.58831596},
    {1042.48031487, 939.95469881, 118.45831879, 10.56413562, 144.76567754, 1.01688136},
    {257.20751138, 646.22886049, 62.03376265, 72.41687122, 287.04104128, 3.27930443},
};

PlaneAndSun plane(const Row& r) {
  return {.surface_tilt_deg = 40.0,
          .surface_azimuth_deg = 180.0,
          .sun_zenith_deg = r.apparent_zenith,
          .sun_azimuth_deg = r.azimuth};
}

TEST(TranspositionTest, Isotropic) {
  const double expected[4] = {0, 35.728402, 104.601328, 54.777191};
  for (int i = 0; i < 4; ++i) {
    EXPECT_NEAR(isotropic_sky_w_per_m2(40.0, kRows[i].dhi), expected[i], 1e-4) << i;
  }
  EXPECT_NEAR(isotropic_sky_w_per_m2(40.0, 100.0), 88.30222215594891, 88.3 * 1e-7);
}

TEST(TranspositionTest, HayDavies) {
  const double total[4] = {0, 27.1775, 102.9949, 33.1909};
  const double iso[4] = {0, 27.1775, 30.1818, 27.9837};
  const double circ[4] = {0, 0, 72.8130, 5.2071};
  for (int i = 0; i < 4; ++i) {
    const SkyDiffuse d = hay_davies_sky(plane(kRows[i]), kRows[i].dhi, kRows[i].dni, kDniExtra);
    EXPECT_NEAR(d.total_w_per_m2, total[i], 1e-4) << i;
    EXPECT_NEAR(d.isotropic_w_per_m2, iso[i], 1e-4) << i;
    EXPECT_NEAR(d.circumsolar_w_per_m2, circ[i], 1e-4) << i;
  }
}

TEST(TranspositionTest, PerezFixtureWithMissingDni) {
  // Row 2's DNI set to NaN: that row is NaN, the others keep their values
  // (pvlib tolerance ~1e-2).
  const double total[4] = {0, 31.46046871, NAN, 45.45539877};
  const double iso[4] = {0, 26.84138589, NAN, 31.72696071};
  const double circ[4] = {0, 0, NAN, 4.47966439};
  const double horizon[4] = {0, 4.62212181, NAN, 9.25316454};
  for (int i = 0; i < 4; ++i) {
    const double dni = i == 2 ? NAN : kRows[i].dni;
    const SkyDiffuse d = perez_sky(plane(kRows[i]), kRows[i].dhi, dni, kDniExtra, kRows[i].airmass);
    if (i == 2) {
      EXPECT_TRUE(std::isnan(d.total_w_per_m2));
      continue;
    }
    EXPECT_NEAR(d.total_w_per_m2, total[i], 1e-2) << i;
    EXPECT_NEAR(d.isotropic_w_per_m2, iso[i], 1e-2) << i;
    EXPECT_NEAR(d.circumsolar_w_per_m2, circ[i], 1e-2) << i;
    EXPECT_NEAR(d.horizon_w_per_m2, horizon[i], 1e-2) << i;
  }
}

TEST(TranspositionTest, PerezScalar) {
  // Tilt 40, az 180, DHI 118.45831879, DNI 939.95469881, zenith 10.56413562,
  // azimuth 144.76567754, AM 1.01688136 → 109.084332 (rtol 1e-7).
  const SkyDiffuse d =
      perez_sky(plane(kRows[2]), kRows[2].dhi, kRows[2].dni, kDniExtra, kRows[2].airmass);
  EXPECT_NEAR(d.total_w_per_m2, 109.084332, 109.084332 * 1e-7);
}

TEST(TranspositionTest, PerezNegativeHorizon) {
  // Goodwin Creek 2019-01-01 11:30–15:30 US/Central, tilt 34, az 180,
  // dni_extra 1414 (tolerance ~1e-2). The horizon band may be negative; the
  // parts add up to the total.
  struct Case {
    double dni, dhi, zen, az, am, total, iso, circ, horizon;
  };
  const Case cases[] = {
      {158, 249, 57.746951, 171.003315, 1.869315, 281.410185, 166.785419, 113.548755, 1.076010},
      {19, 165, 57.564205, 187.346924, 1.859981, 152.20879, 142.24475, 16.09757, -6.13353},
      {1, 136, 60.813841, 202.974357, 2.044429, 123.867898, 119.173875, 9.956174, -5.262151},
      {0, 93, 66.989435, 216.725599, 2.544943, 82.836412, 83.525150, 3.142467, -3.831230},
      {0, 50, 75.353368, 228.317233, 3.900136, 43.517015, 45.725931, 0, -2.208923},
  };
  for (const Case& c : cases) {
    const PlaneAndSun g{.surface_tilt_deg = 34.0,
                        .surface_azimuth_deg = 180.0,
                        .sun_zenith_deg = c.zen,
                        .sun_azimuth_deg = c.az};
    const SkyDiffuse d = perez_sky(g, c.dhi, c.dni, 1414.0, c.am);
    EXPECT_NEAR(d.total_w_per_m2, c.total, 1e-2) << c.dhi;
    EXPECT_NEAR(d.isotropic_w_per_m2, c.iso, 1e-2) << c.dhi;
    EXPECT_NEAR(d.circumsolar_w_per_m2, c.circ, 1e-2) << c.dhi;
    EXPECT_NEAR(d.horizon_w_per_m2, c.horizon, 1e-2) << c.dhi;
    EXPECT_NEAR(d.isotropic_w_per_m2 + d.circumsolar_w_per_m2 + d.horizon_w_per_m2,
                d.total_w_per_m2, 1e-9);
  }
}

TEST(TranspositionTest, GroundReflected) {
  EXPECT_NEAR(ground_reflected_w_per_m2(40.0, 900.0, 0.25), 26.32000014911496, 1e-9);
  EXPECT_NEAR(ground_reflected_w_per_m2(45.0, 1000.0, 0.2), 29.289321881345245, 1e-9);
  // Fixture GHI with "sand" (albedo 0.4).
  const double expected[4] = {0, 3.731058, 48.778813, 12.035025};
  for (int i = 0; i < 4; ++i) {
    EXPECT_NEAR(ground_reflected_w_per_m2(40.0, kRows[i].ghi, 0.4), expected[i], 1e-6) << i;
  }
}

// The cosine forms give what the degree forms give (simulate_pv's inner loop
// uses them).
TEST(TranspositionTest, IsotropicAndGroundFromThePlanesCosines) {
  const PlaneSunCosines c{.cos_tilt = std::cos(40.0 * std::numbers::pi / 180.0)};
  EXPECT_EQ(isotropic_sky_w_per_m2(c, 100.0), isotropic_sky_w_per_m2(40.0, 100.0));
  EXPECT_NEAR(isotropic_sky_w_per_m2(c, 100.0), 88.30222215594891, 88.3 * 1e-7);
  EXPECT_EQ(ground_reflected_w_per_m2(c, 900.0, 0.25),
            ground_reflected_w_per_m2(40.0, 900.0, 0.25));
  EXPECT_NEAR(ground_reflected_w_per_m2(c, 900.0, 0.25), 26.32000014911496, 1e-9);
}

}  // namespace
}  // namespace shapan::gen
