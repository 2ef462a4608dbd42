#include "shapan/gen/rainflow.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "shapan/core/assert.h"

namespace shapan::gen {
namespace {

RainflowCycle make_cycle(double a, std::size_t ia, double b, std::size_t ib, double count) {
  return RainflowCycle{.range = std::abs(b - a),
                       .mean = 0.5 * (a + b),
                       .count = count,
                       .start_index = ia,
                       .end_index = ib};
}

}  // namespace

void RainflowCounter::push(double value, std::vector<RainflowCycle>& closed) {
  SHAPAN_ASSERT(std::isfinite(value), "rainflow sample must be finite");
  const std::size_t index = next_index_++;
  if (stack_.empty() && !has_last_) {
    stack_.push_back(Point{value, index});  // the first point is always kept
    return;
  }
  const Point ref = has_last_ ? last_ : stack_.back();
  const double d = value - ref.value;
  if (d == 0.0) return;  // a flat run is one point: keep its first sample
  const int dir = d > 0.0 ? 1 : -1;
  if (!has_last_) {
    has_last_ = true;
  } else if (dir != direction_) {
    // The candidate was a turning point: it becomes a confirmed reversal.
    stack_.push_back(last_);
    settle(stack_, closed);
  }
  last_ = Point{value, index};
  direction_ = dir;
}

void RainflowCounter::settle(std::vector<Point>& stack, std::vector<RainflowCycle>& closed) {
  // ASTM E1049 §5.4.4: X = latest range, Y = previous range; count Y while X >= Y.
  while (stack.size() >= 3) {
    const std::size_t n = stack.size();
    const double x = std::abs(stack[n - 1].value - stack[n - 2].value);
    const double y = std::abs(stack[n - 2].value - stack[n - 3].value);
    if (x < y) break;
    const Point a = stack[n - 3];
    const Point b = stack[n - 2];
    if (n == 3) {
      // Y contains the starting point: half a cycle, drop the starting point.
      closed.push_back(make_cycle(a.value, a.index, b.value, b.index, 0.5));
      stack.erase(stack.begin());
    } else {
      closed.push_back(make_cycle(a.value, a.index, b.value, b.index, 1.0));
      stack.erase(stack.end() - 3, stack.end() - 1);
    }
  }
}

std::vector<RainflowCycle> RainflowCounter::residue() const { return residue_cycles(); }

const std::vector<RainflowCycle>& RainflowCounter::residue_cycles() const {
  std::vector<RainflowCycle>& out = residue_scratch_;
  out.clear();
  // The history as if it ended now, in the scratch stack (no allocation once
  // it has grown to the residue's size).
  std::vector<Point>& end = end_scratch_;
  end.assign(stack_.begin(), stack_.end());
  if (has_last_) {
    end.push_back(last_);  // the last point is a reversal
    settle(end, out);
  }
  for (std::size_t k = 1; k < end.size(); ++k) {
    const Point a = end[k - 1];
    const Point b = end[k];
    out.push_back(make_cycle(a.value, a.index, b.value, b.index, 0.5));
  }
  return out;
}

void RainflowCounter::reset() { *this = RainflowCounter(); }

std::vector<std::size_t> reversal_indices(std::span<const double> series) {
  std::vector<std::size_t> out;
  if (series.empty()) return out;
  out.push_back(0);
  int direction = 0;
  std::size_t candidate = 0;
  bool has_candidate = false;
  for (std::size_t i = 1; i < series.size(); ++i) {
    const double ref = has_candidate ? series[candidate] : series[out.back()];
    const double d = series[i] - ref;
    if (d == 0.0) continue;
    const int dir = d > 0.0 ? 1 : -1;
    if (has_candidate && dir != direction) out.push_back(candidate);
    has_candidate = true;
    candidate = i;
    direction = dir;
  }
  if (has_candidate) out.push_back(candidate);
  return out;
}

std::vector<RainflowCycle> extract_cycles(std::span<const double> series) {
  RainflowCounter counter;
  std::vector<RainflowCycle> cycles;
  for (const double v : series) counter.push(v, cycles);
  const std::vector<RainflowCycle> rest = counter.residue();
  cycles.insert(cycles.end(), rest.begin(), rest.end());
  return cycles;
}

std::vector<std::pair<double, double>> count_cycles(std::span<const double> series) {
  std::map<double, double> by_range;
  for (const RainflowCycle& c : extract_cycles(series)) by_range[c.range] += c.count;
  return {by_range.begin(), by_range.end()};
}

}  // namespace shapan::gen
