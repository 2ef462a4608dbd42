// Sharing a total among units in proportion to each one's limit. (Private to sim.)
#pragma once

#include <algorithm>
#include <vector>

#include "shapan/core/units.h"

namespace shapan::sim {

// Unit k gets limits[k] times the returned fraction: total / Σ limits, at
// most 1 (0 when the limits sum to 0 or less).
inline double share_frac(Power total, const std::vector<Power>& limits) {
  Power sum;
  for (const Power p : limits) sum += p;
  if (sum <= kw(0.0)) return 0.0;
  return std::min(1.0, total / sum);
}

inline Power positive_part(Power p) { return p < kw(0.0) ? kw(0.0) : p; }
inline Power min_power(Power a, Power b) { return a < b ? a : b; }

}  // namespace shapan::sim
