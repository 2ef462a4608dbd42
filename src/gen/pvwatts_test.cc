#include "shapan/gen/pvwatts.h"

#include <gtest/gtest.h>

#include <cmath>

namespace shapan::gen {
namespace {

// Source: pvlib-python tests/test_pvsystem.py (snapshot 6382338a), PV-4 of
// /work/shared/reference/pv_functions.md, rtol 1e-7:
// G 900, T 30, pdc0 100, γ −0.003 → 88.65.
TEST(PvwattsTest, DcPower) {
  EXPECT_NEAR(pvwatts_dc_kw(900, 30, 100, -0.003), 88.65, 88.65 * 1e-7);
  EXPECT_TRUE(std::isnan(pvwatts_dc_kw(NAN, 30, 100, -0.003)));
  EXPECT_TRUE(std::isnan(pvwatts_dc_kw(900, NAN, 100, -0.003)));
}

// Source: pvlib-python tests/test_inverter.py (commit 1eafae0e), PV-4, rtol 1e-7.
TEST(PvwattsTest, InverterCurve) {
  EXPECT_NEAR(pvwatts_inverter_ac_kw(90, 100, 0.95), 85.58556604752516, 85.6 * 1e-7);
  EXPECT_EQ(pvwatts_inverter_ac_kw(0, 100, 0.96), 0.0);
  EXPECT_EQ(pvwatts_inverter_ac_kw(0.001, 1, 0.96), 0.0);  // negative η clipped to 0
  EXPECT_NEAR(pvwatts_inverter_ac_kw(50, 100, 0.95), 47.60843624, 47.6 * 1e-7);
  EXPECT_NEAR(pvwatts_inverter_ac_kw(100, 100, 0.95), 95.0, 95.0 * 1e-7);
  EXPECT_TRUE(std::isnan(pvwatts_inverter_ac_kw(NAN, 100, 0.95)));
  // Clipping: above rating the output is P_ac0 = η_nom·P_dc0.
  EXPECT_DOUBLE_EQ(pvwatts_inverter_ac_kw(150, 100, 0.96), 96.0);
}

// Source: PV-4 losses, pvlib pvwatts_losses defaults → 14.075660688264469 %;
// with age = 1 → 14.934904 %.
TEST(PvwattsTest, CombinedLosses) {
  EXPECT_NEAR(total_losses_percent({}), 14.075660688264469, 1e-12);
  EXPECT_NEAR(total_losses_percent({.age_percent = 1.0}), 14.934904, 1e-6);
  EXPECT_DOUBLE_EQ(total_losses_percent({.soiling_percent = 0,
                                         .shading_percent = 0,
                                         .mismatch_percent = 0,
                                         .wiring_percent = 0,
                                         .connections_percent = 0,
                                         .light_induced_degradation_percent = 0,
                                         .nameplate_rating_percent = 0,
                                         .availability_percent = 0}),
                   0.0);
}

// PVWatts v5 cover model (manual NREL/TP-6A20-62641, Angle of Incidence).
// Expected values worked out from the equation: at 60°, θr =
// asin(sin 60°/1.526) = 34.5770°, Fresnel transmittance 0.906537 and Bouguer
// factor exp(−0.008/cos θr) = 0.990331; at 1°: 0.956638 × 0.992031. Ratio:
// 0.906537·0.990331 / (0.956638·0.992031) = 0.946003.
TEST(PvwattsTest, CoverIamStandardGlass) {
  EXPECT_NEAR(pvwatts_iam(1.0), 1.0, 1e-15);
  EXPECT_NEAR(pvwatts_iam(0.0), 1.0, 1e-15);  // held at 1°
  EXPECT_NEAR(pvwatts_iam(60.0), 0.9460034107670925, 1e-12);
  // Monotone decreasing, and near 0 at grazing incidence (held at 89°).
  double last = 1.0;
  for (double a = 5; a <= 89; a += 5) {
    const double v = pvwatts_iam(a);
    EXPECT_LT(v, last) << a;
    last = v;
  }
  EXPECT_LT(pvwatts_iam(89.0), 0.1);
  EXPECT_EQ(pvwatts_iam(95.0), pvwatts_iam(89.0));
}

TEST(PvwattsTest, ArCoatingLosesLessAtHighIncidence) {
  EXPECT_NEAR(pvwatts_iam(1.0, true), 1.0, 1e-15);
  EXPECT_GT(pvwatts_iam(70.0, true), pvwatts_iam(70.0, false));
}

TEST(PvwattsTest, TransmittedPoaReducesBeamOnly) {
  // POA 800 of which beam 600 at 60°: 800 − (1 − 0.946003)·600 = 767.60.
  EXPECT_NEAR(pvwatts_transmitted_poa_w_per_m2(800, 600, 60), 800 - (1 - pvwatts_iam(60)) * 600,
              1e-12);
  EXPECT_NEAR(pvwatts_transmitted_poa_w_per_m2(800, 600, 60), 767.60, 0.01);
  EXPECT_EQ(pvwatts_transmitted_poa_w_per_m2(200, 0, 85), 200.0);
  // With the IAM given (any cover model): the same sum, never below 0.
  EXPECT_NEAR(transmitted_poa_w_per_m2(800, 600, 0.9), 800 - 0.1 * 600, 1e-12);
  EXPECT_EQ(transmitted_poa_w_per_m2(100, 600, 0.5), 0.0);
}

}  // namespace
}  // namespace shapan::gen
