// Wind calibration: a weather file's wind speeds brought to a long-term
// reference before a wind farm uses them (docs/models/wind.md, "Calibrating
// the wind").
//
// Both methods produce wind at ONE stated height, kept as the series' wind for
// turbines (WeatherSeries::turbine_wind: speeds and directions at that height;
// the farm carries it to its hub with its profile). The measured wind
// (wind_speed_m_per_s at wind_height_m, wind_levels) is left as it was, for PV
// cell temperature and everything else that is not a turbine; so are
// temperature and pressure. The input wind is the file's measurement nearest
// the stated height (never an earlier calibration's).
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "shapan/resource/weather.h"

namespace shapan::resource {

// A long-term resource figure at a height: a mean wind speed, or a mean wind
// power density (1/2 rho v^3 averaged over the year). Exactly one is set.
struct LongTermWind {
  double height_m = 100.0;
  std::optional<double> mean_speed_m_per_s;
  std::optional<double> power_density_w_per_m2;
  // With a power density: read it as that of a Weibull distribution with this
  // shape k at the series' mean air density rho, and scale to its mean speed,
  // c = (2 P / (rho Γ(1 + 3/k)))^(1/3), mean = c Γ(1 + 1/k). Absent: scale so
  // that the series' own mean(1/2 rho v^3) equals P.
  std::optional<double> weibull_k;
};

struct WindCalibration {
  WeatherSeries series;  // the input series with turbine_wind set
  double factor = 1.0;   // long-term scaling: v' = factor * v (1 for MCP)
  double slope = 1.0;    // MCP: v' = max(0, intercept + slope * v)
  double intercept_m_per_s = 0.0;
  double from_height_m = 0.0;  // height of the file's wind that was used
  double mean_before_m_per_s = 0.0;
  double mean_after_m_per_s = 0.0;
  double power_density_after_w_per_m2 = 0.0;
  std::size_t concurrent_hours = 0;  // MCP: pairs used
};

// Air density of each step, kg/m^3: the ideal gas law for dry air,
// rho = p / (287.05 J/(kg K) * T), from the series' station pressure and dry
// bulb temperature.
std::vector<double> air_density_kg_per_m3(const WeatherSeries& series);

// Mean wind power density of speeds v with densities rho: mean(1/2 rho v^3), W/m^2.
double mean_power_density_w_per_m2(const std::vector<double>& speed_m_per_s,
                                   const std::vector<double>& density_kg_per_m3);

// Linear scaling to a long-term figure: v'(t) = s v(t) with one factor s for
// the whole series, s = target mean / series mean, or, for a power density,
// s = (target / mean(1/2 rho v^3))^(1/3). The time structure and the shape of
// the speed distribution are kept: a Weibull(k, c) series becomes
// Weibull(k, s c). Requires a target > 0 and a series with some wind
// (InputError naming `series.source` otherwise).
WindCalibration scale_to_long_term(const WeatherSeries& series, const LongTermWind& target);

enum class McpMethod {
  kVarianceRatio,     // slope = sd(y) / sd(x), mean preserved (default)
  kLinearRegression,  // least squares of y on x
};

// A measured series concurrent with the weather file: pairs of (step index in
// the series, speed measured at height_m).
struct ConcurrentWind {
  double height_m = 100.0;
  std::vector<std::size_t> step;
  std::vector<double> speed_m_per_s;
};

inline constexpr std::size_t kMinConcurrentHours = 168;

// Measure-correlate-predict (Rogers, Rogers & Manwell 2005, J. Wind Eng. Ind.
// Aerodyn. 93: 243-264): fits y = a + b x between the measured speeds y and
// the series' speeds x over the concurrent steps, then predicts every step,
// v' = max(0, a + b x). Requires at least kMinConcurrentHours pairs, indices
// inside the series and a series whose concurrent speeds vary (InputError
// naming `reference_source` otherwise).
WindCalibration measure_correlate_predict(const WeatherSeries& series,
                                          const ConcurrentWind& reference, McpMethod method,
                                          const std::string& reference_source);

}  // namespace shapan::resource
