#include "forecast.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace shapan::optimize::forecast {
namespace {

// splitmix64 (Steele, Lea and Flood 2014, "Fast splittable pseudorandom
// number generators", OOPSLA): one well-mixed 64-bit value per input.
std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30U)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27U)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31U);
}

// A uniform number in (0, 1): the top 53 bits, offset by half a unit.
double uniform_open(std::uint64_t bits) {
  return (static_cast<double>(bits >> 11U) + 0.5) * 0x1.0p-53;
}

std::size_t persistence_index(std::size_t tau, std::size_t now, std::size_t day) {
  const std::size_t lead = tau - now;
  const std::size_t days_back = std::max<std::size_t>(1, (lead + day - 1) / day);
  const std::size_t back = days_back * day;
  // Before the run: the first day's own hour.
  return back <= tau ? tau - back : tau % day;
}

}  // namespace

double standard_normal(std::uint64_t seed, std::uint64_t stream, std::uint64_t index) {
  const std::uint64_t key = splitmix64(splitmix64(seed) ^ splitmix64(stream + 1) ^ (index << 1U));
  const double u1 = uniform_open(splitmix64(key));
  const double u2 = uniform_open(splitmix64(key + 1));
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

std::vector<double> series(std::span<const double> actual, std::size_t now, std::size_t n,
                           const Model& model, std::uint64_t stream) {
  std::vector<double> out(actual.begin() + static_cast<std::ptrdiff_t>(now),
                          actual.begin() + static_cast<std::ptrdiff_t>(now + n));
  switch (model.kind) {
    case Forecast::kPerfect:
      break;
    case Forecast::kPersistence:
      for (std::size_t l = 1; l < n; ++l) {
        out[l] = actual[persistence_index(now + l, now, model.steps_per_day)];
      }
      break;
    case Forecast::kNoisy: {
      const double step_sigma = model.error_frac_at_24h * std::sqrt(model.step_h / 24.0);
      // One stream per (series, re-plan step): the same errors whatever
      // else was forecast before.
      const std::uint64_t draw_stream = stream * 0x100000001b3ULL + now;
      double error = 0.0;
      for (std::size_t l = 1; l < n; ++l) {
        error += step_sigma * standard_normal(model.seed, draw_stream, l);
        out[l] = std::clamp(out[l] * (1.0 + error), 0.0, model.max_value);
      }
      break;
    }
  }
  return out;
}

}  // namespace shapan::optimize::forecast
