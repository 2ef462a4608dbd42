#include "interpolation.h"

#include <cmath>

#include "shapan/core/assert.h"

namespace shapan::resource::detail {
namespace {

// Shortest signed angular difference b - a, in (-180, 180].
double angle_delta(double a, double b) {
  double d = std::fmod(b - a, 360.0);
  if (d > 180.0) d -= 360.0;
  if (d <= -180.0) d += 360.0;
  return d;
}

}  // namespace

std::vector<double> interpolate_midpoints(std::span<const double> y,
                                          std::span<const std::size_t> counts, bool degrees) {
  SHAPAN_ASSERT(y.size() == counts.size(), "one count per interval");
  std::size_t total = 0;
  for (std::size_t c : counts) total += c;
  std::vector<double> out;
  out.reserve(total);
  // Positions are measured in sub-steps of the interval at hand; the line from
  // midpoint k to midpoint k+1 is parameterised by distance, so intervals of
  // different lengths (months) are handled.
  for (std::size_t k = 0; k < y.size(); ++k) {
    const double ck = static_cast<double>(counts[k]);
    for (std::size_t s = 0; s < counts[k]; ++s) {
      const double x = static_cast<double>(s) + 0.5;  // sub-step centre within interval k
      const double mid = ck / 2.0;
      std::size_t other = k;
      double dist = 0.0;  // distance between the two midpoints
      double w = 0.0;     // weight of the other interval
      if (x < mid && k > 0) {
        other = k - 1;
        dist = mid + static_cast<double>(counts[k - 1]) / 2.0;
        w = (mid - x) / dist;
      } else if (x > mid && k + 1 < y.size()) {
        other = k + 1;
        dist = mid + static_cast<double>(counts[k + 1]) / 2.0;
        w = (x - mid) / dist;
      }
      if (degrees) {
        double v = y[k] + w * angle_delta(y[k], y[other]);
        v = std::fmod(v, 360.0);
        if (v < 0.0) v += 360.0;
        // -1e-15 + 360 rounds to 360.0: keep the result in [0, 360).
        out.push_back(v >= 360.0 ? 0.0 : v);
      } else {
        out.push_back(y[k] * (1.0 - w) + y[other] * w);
      }
    }
  }
  return out;
}

std::vector<double> interpolate_mean_preserving(std::span<const double> y,
                                                std::span<const std::size_t> counts,
                                                bool non_negative) {
  std::vector<double> out = interpolate_midpoints(y, counts);
  std::size_t begin = 0;
  for (std::size_t k = 0; k < y.size(); ++k) {
    const std::size_t n = counts[k];
    if (n == 0) continue;
    double* v = out.data() + begin;
    begin += n;
    if (non_negative && y[k] <= 0.0) {
      // Night stays exactly zero.
      for (std::size_t s = 0; s < n; ++s) v[s] = 0.0;
      continue;
    }
    double sum = 0.0;
    for (std::size_t s = 0; s < n; ++s) sum += v[s];
    const double target = y[k] * static_cast<double>(n);
    const double shift = (target - sum) / static_cast<double>(n);
    bool clamped = false;
    for (std::size_t s = 0; s < n; ++s) {
      v[s] += shift;
      if (non_negative && v[s] < 0.0) {
        v[s] = 0.0;
        clamped = true;
      }
    }
    if (clamped) {
      // Clamping only raised values, so the sum is now >= target > 0: scaling
      // down restores the mean and keeps every value >= 0.
      sum = 0.0;
      for (std::size_t s = 0; s < n; ++s) sum += v[s];
      for (std::size_t s = 0; s < n; ++s) v[s] *= target / sum;
    }
  }
  return out;
}

}  // namespace shapan::resource::detail
