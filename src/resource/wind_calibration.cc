// Wind calibration: linear scaling to a long-term figure, and
// measure-correlate-predict against a concurrent measurement.
#include "shapan/resource/wind_calibration.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <span>
#include <string>

#include "shapan/core/assert.h"
#include "shapan/core/check.h"
#include "shapan/core/error.h"

namespace shapan::resource {
namespace {

constexpr double kDryAirGasConstant_j_per_kg_k = 287.05;
constexpr double kZeroCelsiusK = 273.15;

// The file's wind nearest `height_m`: its speeds, directions and height.
struct WindAt {
  std::span<const double> speed_m_per_s;
  std::span<const double> direction_deg;
  double height_m = 0.0;
};

WindAt nearest_wind(const WeatherSeries& s, double height_m) {
  WindAt best{s.wind_speed_m_per_s, s.wind_direction_deg, s.wind_height_m};
  for (const WindLevel& level : s.wind_levels) {
    if (std::abs(level.height_m - height_m) < std::abs(best.height_m - height_m)) {
      best = {level.wind_speed_m_per_s, level.wind_direction_deg, level.height_m};
    }
  }
  return best;
}

double mean_of(std::span<const double> v) {
  if (v.empty()) return 0.0;
  return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
}

// The series with `speed` at `height_m` as its wind for turbines; the
// measured wind (main and levels) is kept for everything else.
WindCalibration with_wind(const WeatherSeries& s, const WindAt& from, std::vector<double> speed,
                          double height_m) {
  WindCalibration out;
  out.series = s;
  out.from_height_m = from.height_m;
  out.mean_before_m_per_s = mean_of(from.speed_m_per_s);
  out.mean_after_m_per_s = mean_of(speed);
  out.power_density_after_w_per_m2 = mean_power_density_w_per_m2(speed, air_density_kg_per_m3(s));
  out.series.turbine_wind =
      WindLevel{.height_m = height_m,
                .wind_speed_m_per_s = std::move(speed),
                .wind_direction_deg = {from.direction_deg.begin(), from.direction_deg.end()},
                .temp_air_c = {},
                .pressure_pa = {}};
  return out;
}

}  // namespace

std::vector<double> air_density_kg_per_m3(const WeatherSeries& s) {
  std::vector<double> rho(s.size());
  for (std::size_t i = 0; i < rho.size(); ++i) {
    rho[i] = s.pressure_pa[i] / (kDryAirGasConstant_j_per_kg_k * (s.temp_air_c[i] + kZeroCelsiusK));
  }
  return rho;
}

double mean_power_density_w_per_m2(const std::vector<double>& speed_m_per_s,
                                   const std::vector<double>& density_kg_per_m3) {
  SHAPAN_ASSERT(speed_m_per_s.size() == density_kg_per_m3.size(), "one density per speed");
  if (speed_m_per_s.empty()) return 0.0;
  double sum = 0.0;
  for (std::size_t i = 0; i < speed_m_per_s.size(); ++i) {
    const double v = speed_m_per_s[i];
    sum += 0.5 * density_kg_per_m3[i] * v * v * v;
  }
  return sum / static_cast<double>(speed_m_per_s.size());
}

WindCalibration scale_to_long_term(const WeatherSeries& s, const LongTermWind& target) {
  const WindAt from = nearest_wind(s, target.height_m);
  const std::vector<double> speed(from.speed_m_per_s.begin(), from.speed_m_per_s.end());
  double factor = 1.0;
  double have = 0.0;
  double want = 0.0;
  if (target.mean_speed_m_per_s) {
    have = mean_of(speed);
    want = *target.mean_speed_m_per_s;
    factor = want / have;
  } else if (target.power_density_w_per_m2 && target.weibull_k) {
    // The mean speed of the Weibull distribution with that power density.
    const double k = *target.weibull_k;
    const std::vector<double> rho = air_density_kg_per_m3(s);
    const double rho_mean = mean_of(rho);
    const double c =
        std::cbrt(2.0 * *target.power_density_w_per_m2 / (rho_mean * std::tgamma(1.0 + 3.0 / k)));
    have = mean_of(speed);
    want = c * std::tgamma(1.0 + 1.0 / k);
    factor = want / have;
  } else if (target.power_density_w_per_m2) {
    have = mean_power_density_w_per_m2(speed, air_density_kg_per_m3(s));
    want = *target.power_density_w_per_m2;
    factor = std::cbrt(want / have);
  }
  if (!(want > 0.0) || !(have > 0.0)) {
    throw_input_error(
        s.source, 0, 0, "wind calibration",
        fmt::format("cannot scale: the file's wind at {} m gives {} and the target "
                    "is {}; both must be > 0",
                    format_number(from.height_m), format_number(have), format_number(want)));
  }
  std::vector<double> scaled(speed.size());
  std::transform(speed.begin(), speed.end(), scaled.begin(),
                 [factor](double v) { return factor * v; });
  WindCalibration out = with_wind(s, from, std::move(scaled), target.height_m);
  out.factor = factor;
  return out;
}

WindCalibration measure_correlate_predict(const WeatherSeries& s, const ConcurrentWind& ref,
                                          McpMethod method, const std::string& ref_source) {
  const WindAt from = nearest_wind(s, ref.height_m);
  const std::size_t n = ref.step.size();
  if (n < kMinConcurrentHours || ref.speed_m_per_s.size() != n) {
    throw_input_error(ref_source, 0, 0, "wind reference",
                      fmt::format("{} hours concurrent with {}; measure-correlate-predict needs "
                                  "at least {} (one week)",
                                  n, s.source, kMinConcurrentHours));
  }
  double sx = 0.0;
  double sy = 0.0;
  for (std::size_t k = 0; k < n; ++k) {
    SHAPAN_ASSERT(ref.step[k] < from.speed_m_per_s.size(), "concurrent step inside the series");
    sx += from.speed_m_per_s[ref.step[k]];
    sy += ref.speed_m_per_s[k];
  }
  const double mx = sx / static_cast<double>(n);
  const double my = sy / static_cast<double>(n);
  double sxx = 0.0;
  double syy = 0.0;
  double sxy = 0.0;
  for (std::size_t k = 0; k < n; ++k) {
    const double dx = from.speed_m_per_s[ref.step[k]] - mx;
    const double dy = ref.speed_m_per_s[k] - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  if (!(sxx > 0.0)) {
    throw_input_error(ref_source, 0, 0, "wind reference",
                      fmt::format("the wind of {} does not vary over the {} concurrent hours: "
                                  "nothing to correlate",
                                  s.source, n));
  }
  const double slope = method == McpMethod::kVarianceRatio ? std::sqrt(syy / sxx) : sxy / sxx;
  const double intercept = my - slope * mx;
  std::vector<double> predicted(from.speed_m_per_s.size());
  std::transform(from.speed_m_per_s.begin(), from.speed_m_per_s.end(), predicted.begin(),
                 [&](double x) { return std::max(0.0, intercept + slope * x); });
  WindCalibration out = with_wind(s, from, std::move(predicted), ref.height_m);
  out.slope = slope;
  out.intercept_m_per_s = intercept;
  out.concurrent_hours = n;
  return out;
}

}  // namespace shapan::resource
