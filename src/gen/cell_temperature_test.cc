// Source of the expected values: pvlib-python tests/test_temperature.py (file
// commit 2f264065), /work/shared/reference/pv_functions.md PV-6, with pvlib's
// tolerances.
#include "shapan/gen/cell_temperature.h"

#include <gtest/gtest.h>

#include <cmath>

namespace shapan::gen {
namespace {

TEST(CellTemperatureTest, Sapm) {
  // open_rack_glass_glass: a −3.47, b −0.0594, ΔT 3; POA 900, air 20, wind 5.
  EXPECT_NEAR(sapm_cell_temp_c(900, 20, 5), 43.509, 43.509 * 1e-3);
  EXPECT_NEAR(sapm_module_temp_c(900, 20, 5), 40.809, 40.809 * 1e-3);
  const double poa[3] = {0, 500, 0};
  const double air[3] = {0, 10, 5};
  const double wind[3] = {10, 5, 0};
  const double cell[3] = {0, 23.06066166, 5};
  const double module[3] = {0, 21.56066166, 5};
  for (int i = 0; i < 3; ++i) {
    EXPECT_NEAR(sapm_cell_temp_c(poa[i], air[i], wind[i]), cell[i], 1e-3 * cell[i] + 1e-12);
    EXPECT_NEAR(sapm_module_temp_c(poa[i], air[i], wind[i]), module[i], 1e-3 * module[i] + 1e-12);
  }
  EXPECT_DOUBLE_EQ(sapm_cell_from_module_c(50, 900), 52.7);
}

TEST(CellTemperatureTest, Pvsyst) {
  EXPECT_NEAR(pvsyst_cell_temp_c(900, 20, 5), 45.137, 45.137 * 1e-3);
  EXPECT_NEAR(
      pvsyst_cell_temp_c(
          900, 20, 5,
          {.u_c_w_per_m2_k = 23.5, .u_v_w_per_m3_k_s = 6.25, .module_efficiency_frac = 0.1}),
      33.315, 33.315 * 1e-3);
  const double poa[3] = {0, 500, 0};
  const double air[3] = {0, 10, 5};
  const double wind[3] = {10, 5, 0};
  const double expected[3] = {0, 23.965517, 5};
  for (int i = 0; i < 3; ++i) {
    EXPECT_NEAR(pvsyst_cell_temp_c(poa[i], air[i], wind[i]), expected[i], 1e-6);
  }
}

TEST(CellTemperatureTest, Faiman) {
  EXPECT_NEAR(faiman_temp_c(900, 20, 5), 35.203, 1e-3);
  EXPECT_NEAR(faiman_temp_c(900, 20, 5, {.u0_w_per_m2_k = 22, .u1_w_per_m3_k_s = 6}), 37.308, 1e-3);
  const double poa[3] = {0, 500, 0};
  const double air[3] = {0, 10, 5};
  const double wind[3] = {10, 5, 0};
  const double expected[3] = {0, 18.446, 5};
  for (int i = 0; i < 3; ++i)
    EXPECT_NEAR(faiman_temp_c(poa[i], air[i], wind[i]), expected[i], 1e-3);
}

TEST(CellTemperatureTest, FuentesHourlySteps) {
  // noct_installed 45, POA 1000, air 20, wind 1 for three hours from the
  // model's initial state (20 °C, no sun) → 48.042, 51.845, 51.846 (3 decimals).
  const FuentesModel model({.noct_installed_c = 45.0});
  FuentesState s;
  const double expected[3] = {48.042, 51.845, 51.846};
  for (double e : expected) {
    s = model.step(s, 1000.0, 20.0, 1.0, Duration::hours(1));
    EXPECT_NEAR(s.module_temp_k - 273.15, e, 5e-4);
  }
}

// The solver's memory in the state (the step before's temperature for the
// first guess, the Newton convergence factor for the stop) changes how the
// fixed point is found, not where: each step of a morning at 1-minute steps
// (POA rising and falling with clouds, wind and air temperature varying)
// agrees within 1e-6 K with the same step solved from a state without it.
TEST(CellTemperatureTest, FuentesSolverMemoryDoesNotChangeTheResult) {
  const FuentesModel model({.noct_installed_c = 45.0});
  FuentesState s;
  for (int minute = 0; minute < 240; ++minute) {
    const double poa = 900.0 * std::sin(minute / 240.0 * 3.14159) * (minute % 37 < 5 ? 0.3 : 1.0);
    const double air_c = 5.0 + minute / 40.0;
    const double wind = 1.0 + 3.0 * ((minute * 7) % 11) / 10.0;
    const FuentesState fresh{.module_temp_k = s.module_temp_k,
                             .absorbed_w_per_m2 = s.absorbed_w_per_m2};
    const FuentesState carried = model.step(s, poa, air_c, wind, Duration::minutes(1));
    const FuentesState alone = model.step(fresh, poa, air_c, wind, Duration::minutes(1));
    ASSERT_NEAR(carried.module_temp_k, alone.module_temp_k, 1e-6) << minute;
    s = carried;
  }
  EXPECT_GT(s.newton_factor_per_k, 0.0);  // the memory was in use
}

TEST(CellTemperatureTest, FuentesRoofMountRunsHotterAndSlower) {
  // INOCT 49 °C also raises the thermal mass (Fuentes Table 3): after one
  // 1-minute step from 20 °C the roof module has warmed less, at steady state more.
  const FuentesModel rack({.noct_installed_c = 45.0});
  const FuentesModel roof({.noct_installed_c = 49.0});
  const FuentesState r1 = rack.step({}, 1000.0, 20.0, 1.0, Duration::minutes(1));
  const FuentesState f1 = roof.step({}, 1000.0, 20.0, 1.0, Duration::minutes(1));
  EXPECT_LT(f1.module_temp_k, r1.module_temp_k);
  FuentesState r = {}, f = {};
  for (int i = 0; i < 10; ++i) {
    r = rack.step(r, 1000.0, 20.0, 1.0, Duration::hours(1));
    f = roof.step(f, 1000.0, 20.0, 1.0, Duration::hours(1));
  }
  EXPECT_GT(f.module_temp_k, r.module_temp_k);
  EXPECT_GT(r.module_temp_k - 273.15, 45.0);  // above NOCT: 1000 W/m² > 800
}

}  // namespace
}  // namespace shapan::gen
