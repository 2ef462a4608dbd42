#include "shapan/gen/clear_sky.h"

#include <gtest/gtest.h>

#include <cmath>

#include "shapan/gen/irradiance.h"
#include "shapan/gen/pv.h"

namespace shapan::gen {
namespace {

// assert_allclose's default: rtol 1e-7 (pvlib's tests use it unless stated).
void expect_close(double actual, double expected, double rtol = 1e-7) {
  EXPECT_NEAR(actual, expected, rtol * std::abs(expected) + 1e-9);
}

// Source: pvlib-python pvlib/tests/test_clearsky.py::test_ineichen_scalar_input:
// apparent zenith 10°, absolute air mass 1, TL 3, altitude 0, E0 1364.
TEST(ClearSkyTest, IneichenScalar) {
  const ClearSky cs = ineichen_perez(10.0, 1.0, 3.0);
  expect_close(cs.ghi_w_per_m2, 1038.159219);
  expect_close(cs.dni_w_per_m2, 942.2081860378344);
  expect_close(cs.dhi_w_per_m2, 110.26529293612793);
}

// Source: test_clearsky.py::test_ineichen_series (Tucson 2014-06-24, every
// 3 h; air mass NaN at night), with and without the Perez enhancement
// (test_ineichen_series_perez_enhancement). assert_frame_equal: rtol 1e-5.
TEST(ClearSkyTest, IneichenSeries) {
  const double zenith[] = {124.0390863, 113.38779941, 82.85457044,  46.0467599,  10.56413562,
                           34.86074109, 72.41687122,  105.69538659, 124.05614124};
  const double am[] = {NAN,        NAN,        6.97935524, 1.32355476, 0.93527685,
                       1.12008114, 3.01614096, NAN,        NAN};
  const double expected[9][3] = {{0, 0, 0},
                                 {0, 0, 0},
                                 {65.49426624, 321.16092181, 25.54562017},
                                 {704.6968125, 888.90147035, 87.73601277},
                                 {1044.1230677, 953.24925854, 107.03109696},
                                 {853.02065704, 922.06124712, 96.42909484},
                                 {251.99427693, 655.44925241, 53.9901349},
                                 {0, 0, 0},
                                 {0, 0, 0}};
  const double enhanced[9][3] = {{0, 0, 0},
                                 {0, 0, 0},
                                 {91.1249279, 321.16092171, 51.17628184},
                                 {716.46580547, 888.9014706, 99.50500553},
                                 {1053.42066073, 953.24925905, 116.3286895},
                                 {863.54692748, 922.06124652, 106.9553658},
                                 {271.06382275, 655.44925213, 73.05968076},
                                 {0, 0, 0},
                                 {0, 0, 0}};
  for (int i = 0; i < 9; ++i) {
    const ClearSky cs = ineichen_perez(zenith[i], am[i], 3.0);
    expect_close(cs.ghi_w_per_m2, expected[i][0], 1e-5);
    expect_close(cs.dni_w_per_m2, expected[i][1], 1e-5);
    expect_close(cs.dhi_w_per_m2, expected[i][2], 1e-5);
    const ClearSky pe = ineichen_perez(zenith[i], am[i], 3.0, 0.0, 1364.0, true);
    expect_close(pe.ghi_w_per_m2, enhanced[i][0], 1e-5);
    expect_close(pe.dni_w_per_m2, enhanced[i][1], 1e-5);
    expect_close(pe.dhi_w_per_m2, enhanced[i][2], 1e-5);
  }
}

// Source: test_clearsky.py::test_ineichen_arrays: meshgrid of apparent zenith
// {0, 40, 80}, absolute air mass {1, 5.5, 10}, TL {2, 3, 4} (rtol 1e-7).
// Index order [am][zenith][tl].
TEST(ClearSkyTest, IneichenArrays) {
  const double ghi[3][3][3] = {{{1095.77074798, 1054.17449885, 1014.15727338},
                                {839.40909243, 807.54451692, 776.88954373},
                                {190.27859353, 183.05548067, 176.10656239}},
                               {{773.49041181, 625.19479557, 505.33080493},
                                {592.52803177, 478.92699901, 387.10585505},
                                {134.31520045, 108.56393694, 87.74977339}},
                               {{545.9968869, 370.78162375, 251.79449885},
                                {418.25788117, 284.03520249, 192.88577665},
                                {94.81136442, 64.38555328, 43.72365587}}};
  const double dni[3][3] = {{1014.38807396, 942.20818604, 861.11344424},
                            {687.61305142, 419.14891162, 255.50098235},
                            {458.62196014, 186.46177428, 75.80970012}};
  const double dhi[3][3][3] = {{{81.38267402, 111.96631281, 153.04382915},
                                {62.3427452, 85.77117175, 117.23837487},
                                {14.13195304, 19.44274618, 26.57578203}},
                               {{85.87736039, 206.04588395, 249.82982258},
                                {65.78587472, 157.84030442, 191.38074731},
                                {14.91244713, 35.77949226, 43.38249342}},
                               {{87.37492676, 184.31984947, 175.98479873},
                                {66.93307711, 141.19719644, 134.81217714},
                                {15.17249681, 32.00680597, 30.5594396}}};
  const double zeniths[] = {0.0, 40.0, 80.0};
  const double ams[] = {1.0, 5.5, 10.0};
  const double tls[] = {2.0, 3.0, 4.0};
  for (int a = 0; a < 3; ++a) {
    for (int z = 0; z < 3; ++z) {
      for (int t = 0; t < 3; ++t) {
        const ClearSky cs = ineichen_perez(zeniths[z], ams[a], tls[t]);
        expect_close(cs.ghi_w_per_m2, ghi[a][z][t]);
        expect_close(cs.dni_w_per_m2, dni[a][t]);
        expect_close(cs.dhi_w_per_m2, dhi[a][z][t]);
      }
    }
  }
}

// Source: test_clearsky.py::test_ineichen_dni_extra (E0 = 1370) and
// ::test_ineichen_altitude (2000 m; E0 1364), rtol 1e-5.
TEST(ClearSkyTest, IneichenDniExtraAndAltitude) {
  const ClearSky e = ineichen_perez(10.0, 1.0, 3.0, 0.0, 1370.0);
  expect_close(e.ghi_w_per_m2, 1042.72590228, 1e-5);
  expect_close(e.dni_w_per_m2, 946.35279683, 1e-5);
  expect_close(e.dhi_w_per_m2, 110.75033088, 1e-5);
  const ClearSky h = ineichen_perez(10.0, 1.0, 3.0, 2000.0);
  expect_close(h.ghi_w_per_m2, 1134.24312405, 1e-5);
  expect_close(h.dni_w_per_m2, 994.95377835, 1e-5);
  expect_close(h.dhi_w_per_m2, 154.40492924, 1e-5);
}

// Source: test_clearsky.py::test_ineichen_nans: a NaN zenith, turbidity or
// E0 gives NaN in all three; the last row (10°, AM 1, TL 3, E0 1370) is
// finite.
TEST(ClearSkyTest, IneichenNans) {
  const ClearSky z = ineichen_perez(NAN, 1.0, 3.0, 0.0, 1370.0);
  const ClearSky t = ineichen_perez(10.0, 1.0, NAN, 0.0, 1370.0);
  const ClearSky e = ineichen_perez(10.0, 1.0, 3.0, 0.0, NAN);
  for (const ClearSky& cs : {z, t, e}) {
    EXPECT_TRUE(std::isnan(cs.ghi_w_per_m2));
    EXPECT_TRUE(std::isnan(cs.dni_w_per_m2));
    EXPECT_TRUE(std::isnan(cs.dhi_w_per_m2));
  }
  expect_close(ineichen_perez(10.0, 1.0, 3.0, 0.0, 1370.0).ghi_w_per_m2, 1042.72590228);
}

// The site form builds the absolute air mass from Kasten–Young and the
// pressure at altitude, as pvlib's Location.get_clearsky does. At sea level
// alt2pres gives 101325 Pa to 0.01 % (pvlib test_atmosphere.py::test_alt2pres:
// alt2pres(0) ≈ 101325, within its 1 Pa tolerance), so the result equals
// ineichen_perez with the relative air mass. At 3000 m the air mass shrinks
// by p/p0 ≈ 0.69 and GHI rises.
TEST(ClearSkyTest, SiteFormUsesKastenYoungAndPressure) {
  EXPECT_NEAR(altitude_to_pressure_pa(0.0), 101325.0, 1.0);
  EXPECT_NEAR(altitude_to_pressure_pa(3000.0) / 101325.0, 0.692, 0.002);
  const double z = 30.0;
  const ClearSky sea = clear_sky_ineichen(z, 0.0, 3.0);
  const ClearSky direct = ineichen_perez(
      z, relative_airmass_kasten_young(z) * altitude_to_pressure_pa(0.0) / 101325.0, 3.0);
  EXPECT_DOUBLE_EQ(sea.ghi_w_per_m2, direct.ghi_w_per_m2);
  EXPECT_DOUBLE_EQ(sea.dni_w_per_m2, direct.dni_w_per_m2);
  const ClearSky high = clear_sky_ineichen(z, 3000.0, 3.0);
  EXPECT_GT(high.ghi_w_per_m2, sea.ghi_w_per_m2 * 1.05);
  EXPECT_GT(high.dni_w_per_m2, sea.dni_w_per_m2 * 1.05);
  const ClearSky night = clear_sky_ineichen(95.0, 0.0, 3.0);
  EXPECT_EQ(night.ghi_w_per_m2, 0.0);
  EXPECT_EQ(night.dni_w_per_m2, 0.0);
  EXPECT_EQ(night.dhi_w_per_m2, 0.0);
  // Closure: GHI = DNI·cos z + DHI.
  EXPECT_NEAR(sea.ghi_w_per_m2,
              sea.dni_w_per_m2 * std::cos(z * std::numbers::pi / 180.0) + sea.dhi_w_per_m2, 1e-9);
}

TEST(ClearSkyTest, MonthlyTurbidityInterpolates) {
  LinkeTurbidity constant;
  EXPECT_EQ(constant.on_day(200.0), 3.0);
  EXPECT_TRUE(constant.check().empty());
  LinkeTurbidity monthly{.monthly = {2, 2, 3, 3, 4, 4, 4, 4, 3, 3, 2, 6}};
  EXPECT_TRUE(monthly.check().empty());
  EXPECT_DOUBLE_EQ(monthly.on_day(15.5), 2.0);   // mid-January
  EXPECT_DOUBLE_EQ(monthly.on_day(166.0), 4.0);  // mid-June
  // Halfway between mid-February (45, 2) and mid-March (74.5, 3).
  EXPECT_DOUBLE_EQ(monthly.on_day(59.75), 2.5);
  // Across the year's end: mid-December (349.5, 6) to mid-January (15.5 + 365, 2).
  EXPECT_DOUBLE_EQ(monthly.on_day(365.0 + 0.5 - 0.0), 6.0 + (2.0 - 6.0) * 16.0 / 31.0);
  EXPECT_DOUBLE_EQ(monthly.on_day(1.0), 6.0 + (2.0 - 6.0) * 16.5 / 31.0);
  LinkeTurbidity bad{.constant = 0.5, .monthly = {3, 3}};
  const auto issues = bad.check();
  ASSERT_EQ(issues.size(), 2u);
  EXPECT_EQ(issues[0].field, "linke_turbidity");
  EXPECT_EQ(issues[1].field, "linke_turbidity_monthly");
  EXPECT_EQ(issues[1].message, "has 2 values: give 12 (January to December)");
}

// The PV chain on clear-sky irradiance. System: a horizontal array with the
// isotropic sky (POA = DNI·cos z + DHI = GHI), a file whose GHI (123) must
// be ignored and without DNI/DHI, station elevation 2000 m, 2024-06-24 04:00–05:00 UTC (day 176),
// apparent zenith 30°. POA must equal clear_sky_ineichen at that altitude
// with E0 = Spencer(176) and TL of the day: the constant, or the monthly
// values (June 4, July 6: day 176 lies 10/30.5 of the way from mid-June).
TEST(ClearSkyTest, PvChainRunsOnClearSky) {
  resource::WeatherSeries w;
  w.start = to_timestamp({.year = 2024, .month = 6, .day = 24, .hour = 4}, 0.0);
  w.location.utc_offset_h = 0.0;
  w.location.elevation_m = 2000.0;
  w.step = Duration::hours(1);
  w.ghi_w_per_m2 = {123.0};  // sets the length; its value is not used
  w.temp_air_c = {20.0};
  w.wind_speed_m_per_s = {2.0};
  SunPosition sun;
  sun.zenith_deg = 30.0;
  sun.zenith_true_deg = 30.01;
  sun.azimuth_deg = 120.0;
  const std::vector<SunPosition> suns(1, sun);
  PvParams p{.tilt_deg = 0.0, .transposition = TranspositionModel::kIsotropic};
  p.irradiance = IrradianceSource::kClearSky;
  p.linke_turbidity.constant = 2.5;
  const double e0 = extraterrestrial_dni_spencer_w_per_m2(176.0);
  EXPECT_NEAR(simulate_pv(p, w, suns).poa_w_per_m2[0],
              clear_sky_ineichen(30.0, 2000.0, 2.5, e0).ghi_w_per_m2, 1e-9);
  p.linke_turbidity.monthly = {2, 2, 3, 3, 4, 4, 6, 4, 3, 3, 2, 2};
  const double tl = 4.0 + 2.0 * (176.0 - 166.0) / 30.5;
  EXPECT_NEAR(p.linke_turbidity.on_day(176.0), tl, 1e-12);
  EXPECT_NEAR(simulate_pv(p, w, suns).poa_w_per_m2[0],
              clear_sky_ineichen(30.0, 2000.0, tl, e0).ghi_w_per_m2, 1e-9);
  p.linke_turbidity.monthly = {3.0};
  const auto issues = p.check();
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].field, "linke_turbidity_monthly");
}

}  // namespace
}  // namespace shapan::gen
