// Rainflow cycle counting (ASTM E1049-85, reapproved 2017, §5.4.4).
//
// Used to count the charge–discharge cycles in a battery's state-of-charge
// trace for cycle ageing (docs/models/battery.md), but works on any series.
//
// Conventions (those of the standard and of the `rainflow` Python package):
// - The series is first reduced to reversals (turning points). The first and
//   last points are kept; a run of equal values is one point.
// - Three-point rule: with X the latest range and Y the one before it, when
//   X >= Y the range Y is counted: as a half cycle if it contains the first
//   point of the remaining history, else as a full cycle (its two points are
//   removed).
// - When the history ends, every range left (the residue) is a half cycle.
// - range = |peak − valley|, mean = (peak + valley) / 2.
//
// RainflowCounter does the same counting one sample at a time, so that a
// simulation can age its batteries as it goes: closed full cycles are
// reported as soon as the three-point rule closes them; residue() gives the
// half cycles of what is still open without consuming it. Feeding a whole
// series and taking the closed cycles plus residue() gives exactly
// extract_cycles() (tested).
// Thread-safety: RainflowCounter is a plain value; no shared state, but its
// const residue() and residue_cycles() use scratch storage of the counter:
// not from two threads on one counter at once.
#pragma once

#include <cstddef>
#include <span>
#include <utility>
#include <vector>

namespace shapan::gen {

struct RainflowCycle {
  double range = 0.0;
  double mean = 0.0;
  double count = 0.0;           // 1.0 full cycle, 0.5 half cycle
  std::size_t start_index = 0;  // sample index of the cycle's first reversal
  std::size_t end_index = 0;    // sample index of its second reversal

  bool operator==(const RainflowCycle&) const = default;
};

// Sample indices of the reversals of `series` (first and last point kept,
// flat runs collapsed to their first sample).
std::vector<std::size_t> reversal_indices(std::span<const double> series);

// Every cycle of `series`, in extraction order (closed cycles as the rule
// closes them, then the residue from oldest to newest).
std::vector<RainflowCycle> extract_cycles(std::span<const double> series);

// Total count per distinct range, sorted by range: (range, count).
std::vector<std::pair<double, double>> count_cycles(std::span<const double> series);

class RainflowCounter {
 public:
  // Adds the next sample. Full cycles closed by it are appended to `closed`
  // (which is not cleared). Half cycles of the history's start are also
  // reported there, as the standard counts them at once.
  // Requires: value finite.
  void push(double value, std::vector<RainflowCycle>& closed);
  // Half cycles of the open ranges, including the last sample as a reversal.
  std::vector<RainflowCycle> residue() const;
  // The same in storage of the counter, valid until the next call: without
  // allocation once that storage has grown to the residue's size.
  const std::vector<RainflowCycle>& residue_cycles() const;
  // Drops all history (a fresh count, e.g. after a battery replacement).
  void reset();
  std::size_t samples() const { return next_index_; }

 private:
  struct Point {
    double value;
    std::size_t index;
  };
  // Runs the three-point rule on a reversal stack.
  static void settle(std::vector<Point>& stack, std::vector<RainflowCycle>& closed);

  std::vector<Point> stack_;  // confirmed reversals not yet counted
  // residue_cycles()'s storage: its copy of stack_, and the cycles.
  mutable std::vector<Point> end_scratch_;
  mutable std::vector<RainflowCycle> residue_scratch_;
  bool has_last_ = false;
  Point last_{0.0, 0};  // latest sample, a reversal candidate
  int direction_ = 0;   // sign of (last − previous reversal); 0 before any move
  std::size_t next_index_ = 0;
};

}  // namespace shapan::gen
