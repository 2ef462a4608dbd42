// Turbine power from a power curve or a power-coefficient curve, the IEC
// 61400-12-1 air-density correction, Nørgaard–Holttinen smoothing, and
// reading a custom curve from a CSV file. Pure functions, thread-safe.
#pragma once

#include <filesystem>
#include <span>
#include <vector>

#include "shapan/core/files.h"
#include "shapan/gen/wind.h"

namespace shapan::gen {

// Power (kW) at `wind_speed_m_per_s` by linear interpolation in the curve;
// 0 below the first and above the last tabulated speed (windpowerlib's
// np.interp(..., left=0, right=0)).
double power_curve_kw(const PowerCurve& curve, double wind_speed_m_per_s);

// Exponent p(v) of the IEC 61400-12-1 density correction as windpowerlib
// applies it: 1/3 for v <= 7.5 m/s, v/15 − 1/6 between, 2/3 for v >= 12.5.
double density_correction_exponent(double curve_wind_speed_m_per_s);

// Power (kW) with the density correction: every curve speed v_std moves to
// v_site = v_std·(1.225/ρ)^p(v_std), the powers stay, then the site speed is
// looked up in the shifted curve (0 outside it). Requires: ρ > 0.
double density_corrected_power_kw(const PowerCurve& curve, double wind_speed_m_per_s,
                                  double air_density_kg_per_m3);

// density_corrected_power_kw() for many steps of one curve, as the wind farm
// simulation needs it: the exponents p(v_std) are computed once, and per step
// the factors (1.225/ρ)^p cost one cube root (p = 1/3 below 7.5 m/s, and its
// square for p = 2/3 above 12.5 m/s) plus one logarithm and one exponential
// per bracketing point between 7.5 and 12.5 m/s. The bracket is guessed from
// a table of the unshifted speeds and confirmed on the two or three shifted
// speeds around it (it is the one a binary search on the shifted speeds
// finds). Same result as density_corrected_power_kw() to rounding (~1e-15
// relative).
// Immutable after construction: thread-safe.
class DensityCorrectedCurve {
 public:
  explicit DensityCorrectedCurve(PowerCurve curve);
  // Requires: air_density_kg_per_m3 > 0.
  double power_kw(double wind_speed_m_per_s, double air_density_kg_per_m3) const;

 private:
  // The last point below the final one whose speed is <= speed_m_per_s (0
  // below the first): the bracket of linear interpolation at that speed.
  std::size_t bracket_below(double speed_m_per_s) const;

  PowerCurve curve_;
  std::vector<double> exponent_;  // p(v_std) per curve point
  // bracket_below() at the start of each cell of 1/cells_per_m_per_s_ m/s
  // from 0 (empty for a curve of fewer than two points).
  std::vector<std::size_t> bracket_of_cell_;
  double cells_per_m_per_s_ = 0.0;
};

// Power (kW) from a power-coefficient curve: P = ½·ρ·(π·D²/4)·v³·cp(v), with
// cp interpolated linearly and 0 outside the table.
double power_coefficient_kw(std::span<const double> cp_wind_speed_m_per_s,
                            std::span<const double> cp, double rotor_diameter_m,
                            double wind_speed_m_per_s, double air_density_kg_per_m3);

// Multi-turbine (smoothed) power curve after Nørgaard & Holttinen (2004),
// "A multi-turbine power curve approach", Proc. Nordic Wind Power
// Conference, Chalmers: the curve is convolved with a Gaussian of the wind
// speed spread over the farm, σ(v) = sigma_base_m_per_s + sigma_frac·v
// (0.6 m/s + 0.2·v is Staffell & Pfenninger's 2016 fit, Energy 114:1224).
// The returned curve is on a 0.5 m/s grid from 0 to the last speed + 15 m/s
// (windpowerlib's smooth_power_curve grid and ±15 m/s range); the integral is
// summed in 0.1 m/s steps. σ <= 0 leaves the curve unsmoothed at that speed.
PowerCurve smooth_power_curve(const PowerCurve& curve, double sigma_base_m_per_s,
                              double sigma_frac);

// Reads a custom curve from a CSV file with header columns wind_speed_m_per_s
// and power_kw (any order, other columns ignored). Throws InputError naming
// file:line:column for a missing column or a bad number, and file + field for
// a curve that fails PowerCurve::check().
PowerCurve read_power_curve_csv(const std::filesystem::path& path,
                                const Files& files = local_files());

}  // namespace shapan::gen
