// Wind speed, temperature and air density at hub height from measurements at
// other heights. The formulas follow windpowerlib (wind-python/windpowerlib,
// modules wind_speed, temperature, density and tools); docs/models/wind.md
// writes them out with their sources.
//
// Heights are metres above ground; wind speed m/s; temperature K unless the
// name says _c; pressure Pa; density kg/m³. All functions are pure and
// thread-safe.
#pragma once

#include <optional>
#include <span>
#include <string>

namespace shapan::gen {

// Logarithmic wind profile with displacement height d = 0.7·obstacle:
//   v_hub = v · ln((h_hub − d)/z0) / ln((h_data − d)/z0)
// Requires: z0 > 0, h_hub > d. Throws InputError (field "obstacle_height_m")
// when 0.7·obstacle_height_m >= data_height_m: the measurement would sit
// inside the displacement layer, where the law does not hold.
double log_wind_speed(double wind_speed_m_per_s, double data_height_m, double hub_height_m,
                      double roughness_length_m, double obstacle_height_m = 0.0);

// Hellman (power-law) profile: v_hub = v · (h_hub/h_data)^α, with α =
// `exponent` when given, else 1/ln(h_hub/z0) when the roughness is given,
// else 1/7 (neutral stability over open land).
double hellman_wind_speed(double wind_speed_m_per_s, double data_height_m, double hub_height_m,
                          std::optional<double> exponent, std::optional<double> roughness_length_m);

// Value at `target_height_m` from values measured at several heights, using
// the two heights nearest the target (extrapolating with the same two when
// the target is outside the measured range). kLinear is linear in height;
// kLogHeight is linear in ln(height) (windpowerlib tools
// linear_interpolation_extrapolation / logarithmic_interpolation_extrapolation).
// Requires: heights_m.size() == values.size() >= 2, heights distinct and > 0.
enum class HeightInterpolation { kLinear, kLogHeight };
double interpolate_in_height(std::span<const double> heights_m, std::span<const double> values,
                             double target_height_m, HeightInterpolation method);

// Dry adiabatic-ish standard gradient used by windpowerlib: −0.0065 K/m.
inline constexpr double kTemperatureGradientKPerM = -0.0065;

// Temperature at hub height by the linear gradient from the measurement height.
double temperature_at_height_k(double temperature_k, double data_height_m, double hub_height_m);

// Pressure gradient near the ground used by windpowerlib: −1/8 hPa per metre.
inline constexpr double kPressureGradientPaPerM = -12.5;

// Pressure carried from its measurement height to the hub: p + (−12.5 Pa/m)·Δh.
double pressure_at_height_pa(double pressure_pa, double pressure_height_m, double hub_height_m);

// Station pressure of the ICAO standard atmosphere at `elevation_m` above sea
// level (troposphere): p = 101325 · (1 − 2.25577e-5·z)^5.25588 Pa.
double standard_atmosphere_pressure_pa(double elevation_m);
// Temperature of the standard atmosphere: 288.15 K − 0.0065 K/m · z.
double standard_atmosphere_temperature_k(double elevation_m);

// windpowerlib's barometric density: ρ = p_hub·ρ0·T0/(p0·T_hub) with
// ρ0 = 1.225 kg/m³, T0 = 288.15 K, p0 = 101330 Pa, and p_hub from
// pressure_at_height_pa.
double barometric_density(double pressure_pa, double pressure_height_m, double hub_height_m,
                          double hub_temperature_k);
// Ideal gas: ρ = p_hub/(R·T_hub), R = 287.058 J/(kg·K) (dry air).
double ideal_gas_density(double pressure_pa, double pressure_height_m, double hub_height_m,
                         double hub_temperature_k);

// Standard air density at which power curves are published (IEC 61400-12-1).
inline constexpr double kStandardAirDensityKgPerM3 = 1.225;

}  // namespace shapan::gen
