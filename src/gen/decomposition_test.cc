#include "shapan/gen/decomposition.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <vector>

#include "dirint_coefficients.h"
#include "shapan/gen/irradiance.h"
#include "shapan/gen/pv.h"

namespace shapan::gen {
namespace {

// Source: pvlib-python pvlib/tests/test_irradiance.py::test_disc_value
// (Tucson, 2014-06-24 12:00 and 18:00 MST; assert_allclose atol 1e-5 with
// its default rtol 1e-7): GHI 1038.62 /
// 254.53 W/m², zenith 10.567 / 72.469°. pvlib takes the day of year of the
// UTC instant: 19:00 UTC on day 175, and 01:00 UTC on 2014-06-25 = day 176
// for the 18:00 MST row (with day 175 that row is 0.09 W/m² off).
TEST(DecompositionTest, DiscPvlibValues) {
  struct Case {
    double pressure_pa;
    double dni[2], kt[2], am[2];
  };
  const Case cases[] = {
      {93193.0, {830.46567, 676.18340}, {0.79742, 0.63782}, {0.93505, 3.02102}},
      {-1.0, {868.72425, 680.73800}, {0.79742, 0.63782}, {1.01664, 3.28463}},  // pressure=None
      {101325.0, {868.72425, 680.73800}, {0.79742, 0.63782}, {1.01664, 3.28463}},
  };
  const double ghi[] = {1038.62, 254.53};
  const double zenith[] = {10.567, 72.469};
  const double day_utc[] = {175.0, 176.0};
  for (const Case& c : cases) {
    for (int i = 0; i < 2; ++i) {
      const DiscResult r = disc(ghi[i], zenith[i], day_utc[i], c.pressure_pa);
      EXPECT_NEAR(r.dni_w_per_m2, c.dni[i], 1e-5 + 1e-7 * c.dni[i]) << c.pressure_pa << " " << i;
      EXPECT_NEAR(r.kt, c.kt[i], 1e-5 + 1e-7 * c.kt[i]);
      EXPECT_NEAR(r.airmass, c.am[i], 1e-5 + 1e-7 * c.am[i]);
      // The diffuse part closes the balance GHI = DNI·cos z + DHI.
      EXPECT_NEAR(r.dhi_w_per_m2,
                  ghi[i] - r.dni_w_per_m2 * std::cos(zenith[i] * std::numbers::pi / 180.0), 1e-9);
    }
  }
}

// Source: test_irradiance.py::test_disc_overirradiance (GHI 3000 at zenith 0,
// 2016-07-19 = day 201; assert_frame_equal, rtol 1e-5): kt held at 1.
TEST(DecompositionTest, DiscOverirradiance) {
  const DiscResult r = disc(3000.0, 0.0, 201.0);
  EXPECT_NEAR(r.dni_w_per_m2, 872.544336, 872.5 * 1e-5);
  EXPECT_EQ(r.kt, 1.0);
  EXPECT_NEAR(r.airmass, 0.999493933, 1e-5);
}

// Source: test_irradiance.py::test_disc_min_cos_zenith_max_zenith (GHI 1 at
// zenith 89.99°, day 201; rtol 1e-5): each limit keeps the result sane.
TEST(DecompositionTest, DiscLimits) {
  struct Case {
    DiscOptions options;
    double dni, kt, am;
  };
  const Case cases[] = {
      {{}, 0.0, 1.16046346e-02, 12.0},
      {{.min_cos_zenith = 0.0}, 0.0, 1.0, 12.0},
      {{.max_zenith_deg = 100.0}, 0.0, 1.16046346e-02, 12.0},
      {{.min_cos_zenith = 0.0, .max_zenith_deg = 100.0}, 277.50185968, 1.0, 12.0},
      {{.min_cos_zenith = 0.0, .max_airmass = 100.0}, 0.0, 1.0, 36.39544757},
      {{.max_zenith_deg = 100.0, .max_airmass = 100.0},
       6.68577449e+03,
       1.16046346e-02,
       3.63954476e+01},
      {{.min_cos_zenith = 0.0, .max_zenith_deg = 100.0, .max_airmass = 100.0},
       7.21238390e+03,
       1.0,
       3.63954476e+01},
  };
  for (const Case& c : cases) {
    const DiscResult r = disc(1.0, 89.99, 201.0, 101325.0, c.options);
    EXPECT_NEAR(r.dni_w_per_m2, c.dni, 1e-5 * c.dni + 1e-9);
    EXPECT_NEAR(r.kt, c.kt, 1e-5 * c.kt);
    EXPECT_NEAR(r.airmass, c.am, 1e-5 * c.am);
  }
}

// Kasten (1966) air mass: 1/(cos z + 0.15·(93.885 − z)^−1.253); at z = 0
// that is 1/(1 + 0.15·93.885^−1.253) = 0.99949393 (the air mass pvlib
// reports for the over-irradiance case); NaN below the horizon.
TEST(DecompositionTest, Kasten1966Airmass) {
  EXPECT_NEAR(relative_airmass_kasten_1966(0.0), 0.999493933, 1e-9);
  EXPECT_TRUE(std::isnan(relative_airmass_kasten_1966(91.0)));
  EXPECT_GT(relative_airmass_kasten_1966(85.0), 10.0);
}

// Night and bad input: negative GHI or a sun below the horizon give DNI 0,
// and then DHI = GHI.
TEST(DecompositionTest, DiscNightAndNegative) {
  const DiscResult night = disc(5.0, 95.0, 100.0);
  EXPECT_EQ(night.dni_w_per_m2, 0.0);
  EXPECT_EQ(night.dhi_w_per_m2, 5.0);
  EXPECT_EQ(disc(-3.0, 30.0, 100.0).dni_w_per_m2, 0.0);
}

// The PV chain splits a GHI-only file with the chosen model. System: one
// hour 2024-06-24 04:00–05:00 UTC (midpoint 04:30, day 176 UTC), GHI 700,
// no DNI/DHI columns, true zenith 30°, pressure 90000 Pa. The chain must see
// exactly the DNI/DHI that disc() / erbs() give for those inputs: compare
// with a run on a file that carries them.
TEST(DecompositionTest, PvChainSplitsGhiOnlyFiles) {
  resource::WeatherSeries ghi_only;
  ghi_only.start = to_timestamp({.year = 2024, .month = 6, .day = 24, .hour = 4}, 0.0);
  ghi_only.location.utc_offset_h = 0.0;
  ghi_only.step = Duration::hours(1);
  ghi_only.ghi_w_per_m2 = {700.0};
  ghi_only.temp_air_c = {20.0};
  ghi_only.wind_speed_m_per_s = {2.0};
  ghi_only.pressure_pa = {90000.0};
  SunPosition sun;
  sun.zenith_deg = 29.99;
  sun.zenith_true_deg = 30.0;
  sun.azimuth_deg = 150.0;
  const std::vector<SunPosition> suns(1, sun);
  const double doy = 176.0;  // 2024 is a leap year: 24 June is day 176

  PvParams p;
  p.decomposition = DecompositionModel::kDisc;
  const PvSeries with_disc = simulate_pv(p, ghi_only, suns);
  p.decomposition = DecompositionModel::kErbs;
  const PvSeries with_erbs = simulate_pv(p, ghi_only, suns);

  const DiscResult d = disc(700.0, 30.0, doy, 90000.0);
  const BeamDiffuse e = erbs(700.0, 30.0, extraterrestrial_dni_spencer_w_per_m2(doy));
  resource::WeatherSeries full = ghi_only;
  full.dni_w_per_m2 = {d.dni_w_per_m2};
  full.dhi_w_per_m2 = {d.dhi_w_per_m2};
  p.decomposition = DecompositionModel::kNone;
  EXPECT_NEAR(with_disc.ac_kw[0], simulate_pv(p, full, suns).ac_kw[0], 1e-9);
  full.dni_w_per_m2 = {e.dni_w_per_m2};
  full.dhi_w_per_m2 = {e.dhi_w_per_m2};
  EXPECT_NEAR(with_erbs.ac_kw[0], simulate_pv(p, full, suns).ac_kw[0], 1e-9);
  EXPECT_GT(with_disc.ac_kw[0], 0.0);
  EXPECT_NE(with_disc.ac_kw[0], with_erbs.ac_kw[0]);
}

// Source: pvlib-python pvlib/tests/test_irradiance.py::test_dirint_coeffs:
// three entries of the table (0-based [kt'][zenith][Δkt'][w]).
TEST(DecompositionTest, DirintTableEntries) {
  EXPECT_EQ(detail::kDirintCoefficients[0][0][0][0], 0.385230);
  EXPECT_EQ(detail::kDirintCoefficients[0][1][2][1], 0.229970);
  EXPECT_EQ(detail::kDirintCoefficients[3][2][6][3], 1.032260);
}

// Source: test_irradiance.py::test_dirint_value, ::test_dirint_tdew and
// ::test_dirint_no_delta_kt (Tucson 2014-06-24 12:00 and 18:00 MST = UTC
// days 175 and 176; GHI 1038.62 / 254.53, zenith 10.567 / 72.469°, 93193 Pa;
// assert_almost_equal decimal 1: |Δ| < 0.15 W/m²).
TEST(DecompositionTest, DirintPvlibValues) {
  const std::vector<double> ghi = {1038.62, 254.53};
  const std::vector<double> zenith = {10.567, 72.469};
  const std::vector<double> day = {175.0, 176.0};
  const std::vector<double> pressure = {93193.0};
  const std::vector<double> plain = dirint_dni(ghi, zenith, day, pressure);
  EXPECT_NEAR(plain[0], 868.8, 0.15);
  EXPECT_NEAR(plain[1], 699.7, 0.15);
  const std::vector<double> dew = {10.0, 10.0};
  const std::vector<double> with_dew = dirint_dni(ghi, zenith, day, pressure, dew);
  EXPECT_NEAR(with_dew[0], 882.1, 0.15);
  EXPECT_NEAR(with_dew[1], 672.6, 0.15);
  const std::vector<double> no_delta =
      dirint_dni(ghi, zenith, day, pressure, {}, {.use_delta_kt_prime = false});
  EXPECT_NEAR(no_delta[0], 861.9, 0.15);
  EXPECT_NEAR(no_delta[1], 670.4, 0.15);
}

// Source: test_irradiance.py::test_dirint_nans: five steps 6 h apart from
// 2014-06-24 12:00 MST (UTC days 175, 176, 176, 176, 176), each with one NaN
// input (GHI, zenith, pressure, dew point) but the last → NaN ×4, 893.1.
TEST(DecompositionTest, DirintNans) {
  const std::vector<double> ghi = {NAN, 1038.62, 1038.62, 1038.62, 1038.62};
  const std::vector<double> zenith = {10.567, NAN, 10.567, 10.567, 10.567};
  const std::vector<double> day = {175.0, 176.0, 176.0, 176.0, 176.0};
  const std::vector<double> pressure = {93193.0, 93193.0, NAN, 93193.0, 93193.0};
  const std::vector<double> dew = {10.0, 10.0, 10.0, NAN, 10.0};
  const std::vector<double> out = dirint_dni(ghi, zenith, day, pressure, dew);
  for (int i = 0; i < 4; ++i) EXPECT_TRUE(std::isnan(out[i])) << i;
  EXPECT_NEAR(out[4], 893.1, 0.15);
}

// Source: test_irradiance.py::test_dirint_min_cos_zenith_max_zenith (GHI 0 /
// 1 at zenith 90 / 89.99°, 101325 Pa; check_less_precise: 3 decimals).
TEST(DecompositionTest, DirintLimits) {
  const std::vector<double> ghi = {0.0, 1.0};
  const std::vector<double> zenith = {90.0, 89.99};
  const std::vector<double> day = {175.0, 176.0};
  const std::vector<double> pressure = {101325.0};
  const auto run = [&](DiscOptions o) {
    return dirint_dni(ghi, zenith, day, pressure, {}, {.disc = o});
  };
  EXPECT_EQ(run({}), (std::vector<double>{0.0, 0.0}));
  EXPECT_EQ(run({.min_cos_zenith = 0.0}), (std::vector<double>{0.0, 0.0}));
  const std::vector<double> r90 = run({.min_cos_zenith = 0.0, .max_zenith_deg = 90.0});
  EXPECT_EQ(r90[0], 0.0);
  EXPECT_NEAR(r90[1], 144.264507, 5e-4);
  EXPECT_NEAR(run({.min_cos_zenith = 0.0, .max_zenith_deg = 100.0})[1], 144.264507, 5e-4);
}

}  // namespace
}  // namespace shapan::gen
