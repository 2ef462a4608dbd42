#include "shapan/gen/iam.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "shapan/gen/cell_temperature.h"
#include "shapan/gen/pv.h"
#include "shapan/gen/pvwatts.h"

namespace shapan::gen {
namespace {

// Source: pvlib-python pvlib/tests/test_iam.py::test_ashrae (b = 0.05;
// assert_allclose default rtol 1e-7). θ = ±90, 89 give 0 (clipped), NaN stays NaN.
TEST(IamTest, AshraePvlibValues) {
  struct Case {
    double aoi, iam;
  };
  const Case cases[] = {{-90.0, 0.0}, {-67.5, 0.9193437}, {-45.0, 0.97928932}, {-22.5, 0.99588039},
                        {0.0, 1.0},   {22.5, 0.99588039}, {45.0, 0.97928932},  {67.5, 0.9193437},
                        {89.0, 0.0},  {90.0, 0.0}};
  for (const Case& c : cases) {
    EXPECT_NEAR(ashrae_iam(c.aoi, 0.05), c.iam, 1e-7 * c.iam + 1e-12) << "aoi " << c.aoi;
  }
  EXPECT_TRUE(std::isnan(ashrae_iam(NAN)));
  // Default b0 is pvlib's 0.05 (test_ashrae_scalar: −45° → 0.97928932).
  EXPECT_NEAR(ashrae_iam(-45.0), 0.97928932, 1e-7);
}

// The cosine form agrees with the angle form, and the zero crossing is at
// acos(b0/(1 + b0)): 1 − b0(1/c − 1) = 0 ⇔ c = b0/(1 + b0).
TEST(IamTest, AshraeCosineFormAndZeroCrossing) {
  for (double aoi = 0.0; aoi < 90.0; aoi += 0.5) {
    EXPECT_NEAR(ashrae_iam_cos(std::cos(aoi * std::numbers::pi / 180.0), 0.05),
                ashrae_iam(aoi, 0.05), 1e-12);
  }
  const double zero_deg = std::acos(0.05 / 1.05) * 180.0 / std::numbers::pi;
  EXPECT_NEAR(zero_deg, 87.27, 0.01);
  EXPECT_GT(ashrae_iam(zero_deg - 0.01), 0.0);
  EXPECT_EQ(ashrae_iam(zero_deg + 0.01), 0.0);
  EXPECT_EQ(ashrae_iam_cos(-0.5), 0.0);          // sun behind the plane
  EXPECT_DOUBLE_EQ(ashrae_iam(60.0, 0.1), 0.9);  // 1 − 0.1·(2 − 1)
}

// Source: pvlib-python pvlib/tests/test_iam.py::test_physical (n 1.526,
// L 0.002, K 4; rtol 1e-7).
TEST(IamTest, PhysicalPvlibValues) {
  struct Case {
    double aoi, iam;
  };
  const Case cases[] = {{-90.0, 0.0},        {-67.5, 0.8893998}, {-45.0, 0.98797788},
                        {-22.5, 0.99926198}, {0.0, 1.0},         {22.5, 0.99926198},
                        {45.0, 0.98797788},  {67.5, 0.8893998},  {90.0, 0.0}};
  for (const Case& c : cases) {
    EXPECT_NEAR(physical_iam(c.aoi, 1.526, 4.0, 0.002), c.iam, 1e-7 * c.iam + 1e-12)
        << "aoi " << c.aoi;
  }
  EXPECT_TRUE(std::isnan(physical_iam(NAN)));
}

// PVWatts' cover model (normalised at 1°, θ held in 1..89°) and pvlib's
// physical model (normalised at 0°) describe the same glass: they agree to
// < 1e-6 up to 80°.
TEST(IamTest, PhysicalMatchesPvwattsCover) {
  for (double aoi = 1.0; aoi <= 80.0; aoi += 1.0) {
    EXPECT_NEAR(physical_iam(aoi), pvwatts_iam(aoi), 1e-6) << "aoi " << aoi;
  }
}

// The PV chain's IAM is selectable; the default stays PVWatts' physical
// cover. System: horizontal array, isotropic sky, sun at zenith 60° (aoi
// 60°), DNI 800, DHI 100, GHI 500, SAPM cell temperature (no state). The
// transmitted POA is POA − (1 − IAM)·beam with beam = 800·cos 60° = 400, so
// the DC ratio of the two runs is the ratio of transmitted POA times the
// temperature factors (SAPM uses the untransmitted POA: equal cells).
TEST(IamTest, PvChainUsesTheChosenIam) {
  resource::WeatherSeries w;
  w.start = to_timestamp({.year = 2024, .month = 1, .day = 1}, 0.0);
  w.location.utc_offset_h = 0.0;
  w.step = Duration::hours(1);
  w.ghi_w_per_m2 = {500.0};
  w.dni_w_per_m2 = {800.0};
  w.dhi_w_per_m2 = {100.0};
  w.temp_air_c = {20.0};
  w.wind_speed_m_per_s = {1.0};
  SunPosition sun;
  sun.zenith_deg = 60.0;
  sun.zenith_true_deg = 60.0;
  sun.azimuth_deg = 180.0;
  const std::vector<SunPosition> suns(1, sun);
  PvParams p{.tilt_deg = 0.0,
             .transposition = TranspositionModel::kIsotropic,
             .cell_temperature = CellTemperatureModel::kSapm};
  EXPECT_EQ(p.iam, IamModel::kPhysical);
  const PvSeries physical = simulate_pv(p, w, suns);
  p.iam = IamModel::kAshrae;
  const PvSeries ashrae = simulate_pv(p, w, suns);
  p.iam_ashrae_b0 = 0.1;
  const PvSeries ashrae_b01 = simulate_pv(p, w, suns);
  const double poa = 400.0 + 100.0;
  EXPECT_NEAR(physical.poa_w_per_m2[0], poa, 1e-9);
  EXPECT_EQ(physical.cell_temp_c[0], ashrae.cell_temp_c[0]);
  const double tpoa_physical = poa - (1.0 - pvwatts_iam(60.0)) * 400.0;
  const double tpoa_ashrae = poa - (1.0 - 0.95) * 400.0;     // 1 − 0.05·(2 − 1)
  const double tpoa_ashrae_b01 = poa - (1.0 - 0.9) * 400.0;  // 1 − 0.1·(2 − 1)
  EXPECT_NEAR(ashrae.dc_kw[0] / physical.dc_kw[0], tpoa_ashrae / tpoa_physical, 1e-12);
  EXPECT_NEAR(ashrae_b01.dc_kw[0] / physical.dc_kw[0], tpoa_ashrae_b01 / tpoa_physical, 1e-12);
}

TEST(IamTest, PvParamsCheckHoldsAshraeB0) {
  PvParams p;
  p.iam_ashrae_b0 = 1.5;
  const auto issues = p.check();
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].field, "iam_ashrae_b0");
}

}  // namespace
}  // namespace shapan::gen
