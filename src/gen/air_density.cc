// Temperature, pressure and air density at hub height (windpowerlib
// temperature.py and density.py; standard atmosphere from ISO 2533:1975).
#include <cmath>

#include "shapan/core/standard_conditions.h"
#include "shapan/gen/wind_profile.h"

namespace shapan::gen {
namespace {

constexpr double kGasConstantDryAirJPerKgK = 287.058;
// windpowerlib's barometric-formula constants (density.py): note p0 is
// 101330 Pa there, not the ISA 101325 Pa; kept to reproduce its values.
constexpr double kBarometricRho0KgPerM3 = 1.225;
constexpr double kBarometricT0K = 288.15;
constexpr double kBarometricP0Pa = 101330.0;

}  // namespace

double temperature_at_height_k(double temperature_k, double data_height_m, double hub_height_m) {
  return temperature_k + kTemperatureGradientKPerM * (hub_height_m - data_height_m);
}

double pressure_at_height_pa(double pressure_pa, double pressure_height_m, double hub_height_m) {
  // −1/8 hPa per metre: the pressure gradient near sea level (Gasch & Twele
  // 2012, p. 99). At 3,000 m the true gradient is about −0.09 hPa/m, so over
  // a 100 m lift this overstates the drop by ~0.5 %; kept for parity with
  // windpowerlib.
  return pressure_pa + kPressureGradientPaPerM * (hub_height_m - pressure_height_m);
}

double standard_atmosphere_pressure_pa(double elevation_m) {
  // ISA troposphere: p = p0·(1 − L·z/T0)^(g·M/(R*·L)), L = 0.0065 K/m,
  // T0 = 288.15 K, exponent 5.25588.
  return kStandardPressurePa * std::pow(1.0 - 2.25577e-5 * elevation_m, 5.25588);
}

double standard_atmosphere_temperature_k(double elevation_m) {
  return 288.15 + kTemperatureGradientKPerM * elevation_m;
}

double barometric_density(double pressure_pa, double pressure_height_m, double hub_height_m,
                          double hub_temperature_k) {
  const double p_hub = pressure_at_height_pa(pressure_pa, pressure_height_m, hub_height_m);
  return p_hub * kBarometricRho0KgPerM3 * kBarometricT0K / (kBarometricP0Pa * hub_temperature_k);
}

double ideal_gas_density(double pressure_pa, double pressure_height_m, double hub_height_m,
                         double hub_temperature_k) {
  const double p_hub = pressure_at_height_pa(pressure_pa, pressure_height_m, hub_height_m);
  return p_hub / (kGasConstantDryAirJPerKgK * hub_temperature_k);
}

}  // namespace shapan::gen
