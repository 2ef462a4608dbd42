// Table lookups shared by the gen models (private to gen).
#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

namespace shapan::gen::detail {

// Linear interpolation of ys over strictly increasing xs, clamped at both
// ends (the end values hold outside the table).
// Requires: xs.size() == ys.size() >= 1.
inline double interpolate_clamped(const std::vector<double>& xs, const std::vector<double>& ys,
                                  double x) {
  if (x <= xs.front()) return ys.front();
  if (x >= xs.back()) return ys.back();
  // xs.front() < x < xs.back(): the first point above x is one of xs[1..n-1],
  // and the last if none before it is (a two-point table needs no search).
  const auto upper = std::upper_bound(xs.begin() + 1, xs.end() - 1, x);
  const auto i = static_cast<std::size_t>(upper - xs.begin());
  const double w = (x - xs[i - 1]) / (xs[i] - xs[i - 1]);
  return ys[i - 1] + w * (ys[i] - ys[i - 1]);
}

}  // namespace shapan::gen::detail
