// Turbine power from curves (windpowerlib power_output.py and
// power_curves.py), and custom curves read from CSV files.
#include "shapan/gen/power_curve.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>
#include <utility>
#include <vector>

#include "shapan/core/csv.h"
#include "shapan/core/error.h"
#include "shapan/gen/wind_profile.h"

namespace shapan::gen {
namespace {

// np.interp(x, xs, ys, left=0, right=0), where xs[k] = speed_at(k) is
// increasing in k: binary search, so that speed_at may compute the abscissa
// on the fly (the density-shifted curve) without building an array.
template <class SpeedAt>
double interp_zero_outside(std::size_t n, SpeedAt speed_at, std::span<const double> ys, double x) {
  if (n == 0 || x < speed_at(0) || x > speed_at(n - 1)) return 0.0;
  std::size_t lo = 0;
  std::size_t hi = n - 1;
  while (hi - lo > 1) {
    const std::size_t mid = (lo + hi) / 2;
    if (speed_at(mid) <= x) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  const double x0 = speed_at(lo);
  const double x1 = speed_at(hi);
  if (x1 == x0) return ys[hi];
  return ys[lo] + (ys[hi] - ys[lo]) * (x - x0) / (x1 - x0);
}

// The density correction's exponent is 1/3 up to this standard-density speed
// and 2/3 from the next, rising linearly between (IEC 61400-12-1, Svenningsen).
constexpr double kCubeRootUpToMPerS = 7.5;
constexpr double kTwoThirdsFromMPerS = 12.5;

double interp_table(std::span<const double> xs, std::span<const double> ys, double x) {
  return interp_zero_outside(
      xs.size(), [&](std::size_t k) { return xs[k]; }, ys, x);
}

}  // namespace

double power_curve_kw(const PowerCurve& curve, double wind_speed_m_per_s) {
  return interp_table(curve.wind_speed_m_per_s, curve.power_kw, wind_speed_m_per_s);
}

double density_correction_exponent(double curve_wind_speed_m_per_s) {
  // IEC 61400-12-1 corrects pitch-regulated curves with p = 1/3 (power ∝ ρv³
  // below rated); Svenningsen (EMD WindPRO, 2010) proposed letting p rise to
  // 2/3 around rated, which windpowerlib adopts.
  const double v = curve_wind_speed_m_per_s;
  if (v <= kCubeRootUpToMPerS) return 1.0 / 3.0;
  if (v >= kTwoThirdsFromMPerS) return 2.0 / 3.0;
  return v / 15.0 - 1.0 / 6.0;
}

double density_corrected_power_kw(const PowerCurve& curve, double wind_speed_m_per_s,
                                  double air_density_kg_per_m3) {
  const double ratio = kStandardAirDensityKgPerM3 / air_density_kg_per_m3;
  const auto& speeds = curve.wind_speed_m_per_s;
  // Shifted speeds stay increasing for any realistic density (0.5–1.6 kg/m³):
  // d/dv [v·c^p(v)] = c^p·(1 + v·ln c·p'(v)) > 0 while |ln c| < 1.2.
  auto shifted = [&](std::size_t k) {
    return speeds[k] * std::pow(ratio, density_correction_exponent(speeds[k]));
  };
  return interp_zero_outside(speeds.size(), shifted, curve.power_kw, wind_speed_m_per_s);
}

DensityCorrectedCurve::DensityCorrectedCurve(PowerCurve curve) : curve_(std::move(curve)) {
  exponent_.reserve(curve_.wind_speed_m_per_s.size());
  for (const double v : curve_.wind_speed_m_per_s) {
    exponent_.push_back(density_correction_exponent(v));
  }
  // The brackets by cells of unshifted speed, for power_kw's first guess.
  // Cells no wider than the closest two speeds hold at most one speed each,
  // so a guess is at most one point off; at most 4096 cells.
  const std::vector<double>& speeds = curve_.wind_speed_m_per_s;
  const std::size_t n = speeds.size();
  if (n < 2) return;
  double min_gap_m_per_s = speeds[1] - speeds[0];
  for (std::size_t k = 2; k < n; ++k) {
    min_gap_m_per_s = std::min(min_gap_m_per_s, speeds[k] - speeds[k - 1]);
  }
  if (!(min_gap_m_per_s > 0.0) || !std::isfinite(speeds.back())) return;
  const double cell_m_per_s = std::max(min_gap_m_per_s, speeds.back() / 4096.0);
  cells_per_m_per_s_ = 1.0 / cell_m_per_s;
  const auto cells = static_cast<std::size_t>(speeds.back() * cells_per_m_per_s_) + 1;
  bracket_of_cell_.reserve(cells);
  for (std::size_t c = 0; c < cells; ++c) {
    bracket_of_cell_.push_back(bracket_below(static_cast<double>(c) * cell_m_per_s));
  }
}

std::size_t DensityCorrectedCurve::bracket_below(double speed_m_per_s) const {
  const std::vector<double>& speeds = curve_.wind_speed_m_per_s;
  const auto above = std::upper_bound(speeds.begin(), speeds.end(), speed_m_per_s);
  const auto first_above = static_cast<std::size_t>(above - speeds.begin());
  return std::clamp<std::size_t>(first_above, 1, speeds.size() - 1) - 1;
}

double DensityCorrectedCurve::power_kw(double wind_speed_m_per_s,
                                       double air_density_kg_per_m3) const {
  const double ratio = kStandardAirDensityKgPerM3 / air_density_kg_per_m3;
  // ratio^(1/3) as exp(ln(ratio)/3): within a few ulp of std::cbrt, at a
  // third of its cost, and the logarithm also serves the probed points
  // between 7.5 and 12.5 m/s, where the exponent varies.
  const double log_ratio = std::log(ratio);
  const double c13 = std::exp(log_ratio / 3.0);  // ratio^(1/3)
  const double c23 = c13 * c13;                  // ratio^(2/3)
  const auto& speeds = curve_.wind_speed_m_per_s;
  auto shifted = [&](std::size_t k) {
    const double p = exponent_[k];
    if (p == 1.0 / 3.0) return speeds[k] * c13;
    if (p == 2.0 / 3.0) return speeds[k] * c23;
    return speeds[k] * std::exp(p * log_ratio);
  };
  const std::size_t n = speeds.size();
  // Outside the density range where the shifted speeds are known to rise
  // (see density_corrected_power_kw), or on a curve without its table (not
  // strictly increasing), the binary search of the reference.
  if (bracket_of_cell_.empty() || !(std::abs(log_ratio) < 1.2)) {
    return interp_zero_outside(n, shifted, curve_.power_kw, wind_speed_m_per_s);
  }
  const double v = wind_speed_m_per_s;
  if (v < shifted(0) || v > shifted(n - 1)) return 0.0;
  // The bracket [lo, lo + 1]: lo the last point below n - 1 whose shifted
  // speed is <= v, which is what a binary search over the (rising) shifted
  // speeds ends on. Guessed from the table of unshifted speeds at the factor
  // of the curve's part v falls in, then walked to on the shifted speeds: a
  // step computes two or three of them instead of one per halving.
  const double factor = v <= kCubeRootUpToMPerS * c13    ? c13
                        : v >= kTwoThirdsFromMPerS * c23 ? c23
                                                         : 0.5 * (c13 + c23);
  const double cell = v / factor * cells_per_m_per_s_;
  std::size_t lo = cell < static_cast<double>(bracket_of_cell_.size())
                       ? bracket_of_cell_[static_cast<std::size_t>(cell)]
                       : bracket_below(v / factor);
  double x0 = shifted(lo);
  double x1 = shifted(lo + 1);
  while (x0 > v) {  // shifted(0) <= v ends it
    --lo;
    x1 = x0;
    x0 = shifted(lo);
  }
  while (lo + 2 < n && x1 <= v) {
    ++lo;
    x0 = x1;
    x1 = shifted(lo + 1);
  }
  const std::span<const double> ys = curve_.power_kw;
  if (x1 == x0) return ys[lo + 1];
  return ys[lo] + (ys[lo + 1] - ys[lo]) * (v - x0) / (x1 - x0);
}

double power_coefficient_kw(std::span<const double> cp_wind_speed_m_per_s,
                            std::span<const double> cp, double rotor_diameter_m,
                            double wind_speed_m_per_s, double air_density_kg_per_m3) {
  const double area_m2 = std::numbers::pi * rotor_diameter_m * rotor_diameter_m / 4.0;
  const double v = wind_speed_m_per_s;
  const double cp_v = interp_table(cp_wind_speed_m_per_s, cp, v);
  return 0.5 * air_density_kg_per_m3 * area_m2 * v * v * v * cp_v / 1000.0;
}

PowerCurve smooth_power_curve(const PowerCurve& curve, double sigma_base_m_per_s,
                              double sigma_frac) {
  // P_smooth(v) = ∫ P(u)·φ(v − u; σ(v)) du over u in v ± 15 m/s, by the
  // rectangle rule with a 0.1 m/s step (windpowerlib sums 0.5 m/s blocks;
  // the finer step keeps the integral within 0.1 % of the exact one).
  constexpr double kGridStep = 0.5;
  constexpr double kRange = 15.0;
  constexpr double kIntegrationStep = 0.1;
  const double last = curve.wind_speed_m_per_s.empty() ? 0.0 : curve.wind_speed_m_per_s.back();
  PowerCurve out;
  const int points = static_cast<int>(std::ceil((last + kRange) / kGridStep)) + 1;
  const int half_block = static_cast<int>(std::lround(kRange / kIntegrationStep));
  for (int i = 0; i < points; ++i) {
    const double v = i * kGridStep;
    const double sigma = sigma_base_m_per_s + sigma_frac * v;
    double p = 0.0;
    if (sigma <= 0.0) {
      p = power_curve_kw(curve, v);
    } else {
      const double norm = kIntegrationStep / (sigma * std::sqrt(2.0 * std::numbers::pi));
      for (int k = -half_block; k <= half_block; ++k) {
        const double du = k * kIntegrationStep;
        p += power_curve_kw(curve, v + du) * norm * std::exp(-0.5 * du * du / (sigma * sigma));
      }
    }
    out.wind_speed_m_per_s.push_back(v);
    out.power_kw.push_back(p);
  }
  return out;
}

// Physical upper bounds of a custom curve's rows (issue 17: every size has a
// finite bound; without one, 1e308 kW overflowed the interpolation). The
// largest turbines built are about 26 MW (MingYang MySE 18.X-20MW class);
// weather readers refuse wind above 100 m/s.
constexpr double kMaxTurbinePowerKw = 100000.0;
constexpr double kMaxCurveSpeedMPerS = 100.0;

PowerCurve read_power_curve_csv(const std::filesystem::path& path, const Files& files) {
  const CsvTable table = read_csv(path, ',', files);
  if (table.rows.empty()) {
    throw_input_error(table.source, 0, 0, "",
                      "empty file: expected a header with columns "
                      "wind_speed_m_per_s and power_kw");
  }
  const CsvRow& header = table.rows.front();
  const auto v_col = find_column(header, "wind_speed_m_per_s");
  const auto p_col = find_column(header, "power_kw");
  if (!v_col || !p_col) {
    throw_input_error(table.source, header.line, 0, v_col ? "power_kw" : "wind_speed_m_per_s",
                      "column missing: a power curve needs header columns wind_speed_m_per_s "
                      "and power_kw");
  }
  PowerCurve curve;
  std::vector<InputIssue> issues;
  for (std::size_t i = 1; i < table.rows.size(); ++i) {
    const CsvRow& row = table.rows[i];
    const double v = cell_double(table, row, *v_col, "wind_speed_m_per_s");
    const double p = cell_double(table, row, *p_col, "power_kw");
    if (v < 0.0) {
      issues.push_back({table.source, row.line, static_cast<int>(*v_col) + 1, "wind_speed_m_per_s",
                        fmt::format("= {}: must be >= 0", v)});
    }
    if (v > kMaxCurveSpeedMPerS) {
      issues.push_back({table.source, row.line, static_cast<int>(*v_col) + 1, "wind_speed_m_per_s",
                        fmt::format("= {}: must be <= {} m/s", v, kMaxCurveSpeedMPerS)});
    }
    if (p > kMaxTurbinePowerKw) {
      issues.push_back(
          {table.source, row.line, static_cast<int>(*p_col) + 1, "power_kw",
           fmt::format("= {}: must be <= {} kW (one turbine)", p, kMaxTurbinePowerKw)});
    }
    if (!curve.wind_speed_m_per_s.empty() && v <= curve.wind_speed_m_per_s.back()) {
      issues.push_back({table.source, row.line, static_cast<int>(*v_col) + 1, "wind_speed_m_per_s",
                        fmt::format("= {}: must be greater than the previous row's {}", v,
                                    curve.wind_speed_m_per_s.back())});
    }
    if (p < 0.0) {
      issues.push_back({table.source, row.line, static_cast<int>(*p_col) + 1, "power_kw",
                        fmt::format("= {}: must be >= 0", p)});
    }
    curve.wind_speed_m_per_s.push_back(v);
    curve.power_kw.push_back(p);
  }
  if (curve.wind_speed_m_per_s.size() < 2) {
    issues.push_back({table.source, 0, 0, "",
                      fmt::format("{} data rows: a power curve needs at least 2 points",
                                  curve.wind_speed_m_per_s.size())});
  }
  if (!issues.empty()) throw InputError(std::move(issues));
  return curve;
}

}  // namespace shapan::gen
