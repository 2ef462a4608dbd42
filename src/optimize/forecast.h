// Forecasts for receding-horizon dispatch (private to optimize; the models
// and their sources are in docs/optimization.md, "MPC"). A forecast made at
// step `now` covers steps now .. now + n − 1; step `now` itself is observed
// (the engine's offer shows it), so every model returns it exactly.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "shapan/optimize/options.h"

namespace shapan::optimize::forecast {

struct Model {
  Forecast kind = Forecast::kPerfect;
  std::size_t steps_per_day = 24;  // >= 1 (persistence looks back whole days)
  double step_h = 1.0;
  // kNoisy: σ of the relative error 24 h ahead; 0 gives the actual series.
  double error_frac_at_24h = 0.0;
  std::uint64_t seed = 1;
  // kNoisy: forecasts are clipped to [0, max_value] (e.g. the series'
  // largest value, the plant's availability at full output).
  double max_value = std::numeric_limits<double>::infinity();
};

// The forecast of `actual` made at `now` for n steps (n <= actual.size() −
// now), >= 0 wherever the actual series is; `stream` tells series apart
// (each forecast series and re-plan step draws its own errors, so a seed
// gives the same forecasts whatever the order of the calls):
//   kPerfect:     f_τ = a_τ
//   kPersistence: f_τ = a_{τ − mD}, D steps a day, m >= 1 the fewest whole
//                 days back to a step at or before `now`; where that step
//                 is before the run (the run's first day) the first day's
//                 own value a_{(τ − mD) mod D} stands in
//   kNoisy:       f_τ = clip(a_τ (1 + ε_ℓ), 0, max_value), ℓ = τ − now, ε_0 = 0,
//                 ε_ℓ = ε_{ℓ−1} + σ √(Δ/24 h) z_ℓ, z_ℓ standard normal:
//                 std(ε_ℓ) = σ √(ℓ Δ / 24 h)
std::vector<double> series(std::span<const double> actual, std::size_t now, std::size_t n,
                           const Model& model, std::uint64_t stream);

// A standard normal draw from (seed, stream, index), the same on every
// platform (splitmix64 and Box–Muller, not <random>'s distributions, whose
// algorithms the standard leaves to the library).
double standard_normal(std::uint64_t seed, std::uint64_t stream, std::uint64_t index);

}  // namespace shapan::optimize::forecast
