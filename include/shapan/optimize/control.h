// Progress and cancellation of a solve (issue 15 item 7): a small object the
// caller owns and passes in SolveOptions::control, so that a long solve
// (the capacity search's LPs, one large Clp solve) can say how far it is and
// can be stopped from another thread.
//
// Progress: the solve calls the callback with its phase ("dispatch_lp",
// "capacity_search"), a fraction done in [0, 1] that never decreases within
// one solve, and for the capacity search the relative optimality gap
// (best cost - bound) / |best cost| proven so far (NaN where there is none).
// The callback runs on the solving thread; it must be quick and must not
// throw.
//
// Cancel: cancel() may be called from any thread at any time. The capacity
// search checks it before each LP and Clp checks it every simplex iteration
// (ClpEventHandler in coin_clp.cc); a cancelled solve returns
// SolveStatus::kCancelled with a message saying where it stopped, never an
// exception, and keeps no partial point.
//
// Thread-safety: cancel() and cancelled() from any thread; report() from the
// solving thread only.
#pragma once

#include <atomic>
#include <cmath>
#include <functional>
#include <string>
#include <utility>

namespace shapan::optimize {

struct SolveProgress {
  std::string phase;      // "dispatch_lp", "capacity_search", ...
  double fraction = 0.0;  // of this phase, in [0, 1], non-decreasing
  double gap_frac = NAN;  // relative optimality gap proven so far (capacity search)
  long lp_solves = 0;     // LPs solved so far in this phase
  std::string message;    // one line for people ("LP 7: best 8.02e7, bound 7.9e7")
};

class SolveControl {
 public:
  using ProgressFn = std::function<void(const SolveProgress&)>;

  SolveControl() = default;
  explicit SolveControl(ProgressFn progress) : progress_(std::move(progress)) {}
  SolveControl(const SolveControl&) = delete;
  SolveControl& operator=(const SolveControl&) = delete;

  void cancel() { cancelled_.store(true, std::memory_order_relaxed); }
  bool cancelled() const { return cancelled_.load(std::memory_order_relaxed); }

  // Calls the progress callback (if any) with `p`, its fraction clamped to
  // [0, 1] and raised to the last reported one of the same phase.
  void report(SolveProgress p) {
    if (!progress_) return;
    if (p.phase != last_phase_) {
      last_phase_ = p.phase;
      last_fraction_ = 0.0;
    }
    p.fraction = std::fmax(last_fraction_, std::fmin(1.0, std::fmax(0.0, p.fraction)));
    last_fraction_ = p.fraction;
    progress_(p);
  }

 private:
  std::atomic<bool> cancelled_{false};
  ProgressFn progress_;
  std::string last_phase_;
  double last_fraction_ = 0.0;
};

}  // namespace shapan::optimize
