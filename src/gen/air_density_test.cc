// Reference values: windpowerlib tests/test_temperature.py, test_density.py
// and test_modelchain.py (WD-2 in /work/shared/reference/wind_functions.md),
// and the ICAO/ISO 2533 standard atmosphere.
#include <gtest/gtest.h>

#include <vector>

#include "shapan/gen/wind_profile.h"

namespace shapan::gen {
namespace {

// Source: windpowerlib test_temperature.py::test_linear_gradient: 267/268 K
// at 2 m, −0.0065 K/m, hub 100 m.
TEST(AirDensityTest, LinearTemperatureGradientMatchesWindpowerlib) {
  EXPECT_NEAR(temperature_at_height_k(267.0, 2.0, 100.0), 266.363, 1e-9);
  EXPECT_NEAR(temperature_at_height_k(268.0, 2.0, 100.0), 267.363, 1e-9);
}

// Source: windpowerlib test_density.py::test_barometric and ::test_ideal_gas:
// pressure 101125/101000 Pa at 0 m, hub 100 m, hub temperature 267/268 K.
TEST(AirDensityTest, BarometricDensityMatchesWindpowerlib) {
  EXPECT_NEAR(barometric_density(101125.0, 0.0, 100.0, 267.0), 1.30305336, 1e-8);
  EXPECT_NEAR(barometric_density(101000.0, 0.0, 100.0, 268.0), 1.29656645, 1e-8);
}

TEST(AirDensityTest, IdealGasDensityMatchesWindpowerlib) {
  EXPECT_NEAR(ideal_gas_density(101125.0, 0.0, 100.0, 267.0), 1.30309439, 1e-8);
  EXPECT_NEAR(ideal_gas_density(101000.0, 0.0, 100.0, 268.0), 1.29660728, 1e-8);
}

// Source: windpowerlib test_modelchain.py (temperature and density
// sub-steps): 267/266 K at 10 m is the height nearest a 100 m hub.
TEST(AirDensityTest, ModelChainHubTemperatureAndDensityMatchWindpowerlib) {
  const double t1 = temperature_at_height_k(267.0, 10.0, 100.0);
  const double t2 = temperature_at_height_k(266.0, 10.0, 100.0);
  EXPECT_NEAR(t1, 266.415, 1e-9);
  EXPECT_NEAR(t2, 265.415, 1e-9);
  // windpowerlib lists these to 5 decimals.
  EXPECT_NEAR(barometric_density(101125.0, 0.0, 100.0, t1), 1.30591, 5e-6);
  EXPECT_NEAR(barometric_density(101000.0, 0.0, 100.0, t2), 1.30919, 5e-6);
  EXPECT_NEAR(ideal_gas_density(101125.0, 0.0, 100.0, t1), 1.30595575725, 1e-9);
  EXPECT_NEAR(ideal_gas_density(101000.0, 0.0, 100.0, t2), 1.30923554056, 1e-9);
}

// Source: windpowerlib test_modelchain.py: temperature interpolated linearly
// between 2 m (267/268 K) and 10 m (267/266 K) to 100 m, and density
// interpolated between 10 m and 150 m.
TEST(AirDensityTest, ModelChainInterpolatedTemperatureAndDensityMatchWindpowerlib) {
  const std::vector<double> t_heights = {2.0, 10.0};
  EXPECT_NEAR(interpolate_in_height(t_heights, std::vector<double>{267.0, 267.0}, 100.0,
                                    HeightInterpolation::kLinear),
              267.0, 1e-9);
  EXPECT_NEAR(interpolate_in_height(t_heights, std::vector<double>{268.0, 266.0}, 100.0,
                                    HeightInterpolation::kLinear),
              243.5, 1e-9);
  const std::vector<double> rho_heights = {10.0, 150.0};
  EXPECT_NEAR(interpolate_in_height(rho_heights, std::vector<double>{1.30591, 1.30305}, 100.0,
                                    HeightInterpolation::kLinear),
              1.304071, 1e-6);
  EXPECT_NEAR(interpolate_in_height(rho_heights, std::vector<double>{1.29940, 1.29657}, 100.0,
                                    HeightInterpolation::kLinear),
              1.297581, 1e-6);
}

// Source: ICAO standard atmosphere (ISO 2533:1975) tables: 101325 Pa and
// 288.15 K at sea level; 70121 Pa, 268.65 K and 0.9093 kg/m³ at 3,000 m.
TEST(AirDensityTest, StandardAtmosphereMatchesIsaTable) {
  EXPECT_NEAR(standard_atmosphere_pressure_pa(0.0), 101325.0, 1e-9);
  EXPECT_NEAR(standard_atmosphere_temperature_k(3000.0), 268.65, 1e-9);
  EXPECT_NEAR(standard_atmosphere_pressure_pa(3000.0), 70121.0, 70121.0 * 1e-3);
  const double rho = ideal_gas_density(standard_atmosphere_pressure_pa(3000.0), 0.0, 0.0,
                                       standard_atmosphere_temperature_k(3000.0));
  EXPECT_NEAR(rho, 0.9093, 0.9093 * 1e-3);
}

// Analytic: −1/8 hPa per metre, so 80 m up is 1000 Pa less.
TEST(AirDensityTest, PressureGradientIsOneEighthHectopascalPerMetre) {
  EXPECT_DOUBLE_EQ(pressure_at_height_pa(100000.0, 0.0, 80.0), 99000.0);
  EXPECT_DOUBLE_EQ(pressure_at_height_pa(100000.0, 80.0, 80.0), 100000.0);
}

}  // namespace
}  // namespace shapan::gen
