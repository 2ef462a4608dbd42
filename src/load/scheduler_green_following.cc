// The green_following policy (scheduler.h): FCFS's schedule as a reservation
// calendar, within which flexible jobs move to clean power.
#include <algorithm>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "scheduler_deadline_ordered.h"
#include "scheduler_policies.h"
#include "shapan/core/assert.h"

namespace shapan::load::detail {
namespace {

// green_following keeps FCFS's schedule as a reservation calendar and only
// moves flexible jobs within it, which is how it keeps its promise: every job
// ends no later than under FCFS, or (a job FCFS finishes in time) still in
// time.
//
// Before the first step it runs FCFS on the same jobs and capacity (FCFS's
// choices do not depend on the plant) and books each job's steps at FCFS's
// start: the calendar's booked power never exceeds the capacity. Then, each
// step: inflexible jobs start at their booked step; a flexible job whose
// booked start is now starts if clean power covers it, or else moves one step
// later, if the calendar has room for it in the step it gains at the end and
// it would still finish slack_margin_h before its deadline (jobs FCFS
// finishes late never move later); with clean power left over, waiting
// flexible jobs booked later start now (earliest deadline first) if the
// calendar has room for them in the steps they move into. Every move keeps the
// booked power within the capacity, and jobs run exactly in their booked
// steps (no pauses), so the capacity holds. The calendar needs the whole
// run's jobs in advance, as a simulation has them; an operator would keep
// the same calendar of reservations as jobs arrive.
class GreenFollowing final : public DeadlineOrdered {
 public:
  GreenFollowing(const SchedulerParams& params, std::vector<Job> jobs, Timestamp run_start,
                 Duration dt)
      : DeadlineOrdered(params, std::move(jobs), run_start, dt), run_start_(run_start), dt_(dt) {}
  std::string name() const override { return "green_following"; }

 private:
  bool pauses_interruptible() const override { return false; }

  void book(const StepContext& ctx) {
    booked_capacity_kw_ = ctx.capacity_kw;
    // Bookings at FCFS's starts; a job FCFS never starts is never booked.
    FcfsSchedule fcfs = fcfs_schedule(jobs_, run_start_, dt_, ctx.capacity_kw);
    bookings_ = std::move(fcfs.bookings);
    by_fcfs_start_ = std::move(fcfs.by_start);
    first_fcfs_start_ = std::move(fcfs.first_start);
    const std::size_t calendar_steps = fcfs.calendar_steps;
    // A step's booked power is the sum, in job order, of the powers of the
    // jobs booked over it; room() compares it with the capacity, so it must
    // be that sum bit for bit (another order rounds differently). The steps
    // between two consecutive edges of bookings (a job's first step, the step
    // after its last) are covered by the same jobs and get the same sum, so
    // it is summed once per such span rather than once per step: at 1-minute
    // steps a job covers hundreds of steps but only a few spans.
    // span_of[k]: first the edges (fcfs_schedule() marks them), then the
    // span of step k (the number of edges at or before it).
    std::vector<std::uint32_t> span_of = std::move(fcfs.edges);
    std::uint32_t spans = 0;
    for (std::uint32_t& s : span_of) {
      spans += s;
      s = spans;
    }
    std::vector<double> span_kw(spans + 1, 0.0);
    for (std::uint32_t j = 0; j < jobs_.size(); ++j) {
      const Booking& b = bookings_[j];
      if (b.start_step == kNoStep) continue;
      const double p = jobs_[j].power_kw;
      const std::size_t first = span_of[b.start_step];
      const std::size_t end = span_of[b.start_step + b.steps];  // the span after its last
      for (std::size_t s = first; s < end; ++s) span_kw[s] += p;
    }
    booked_kw_.resize(calendar_steps);
    for (std::size_t k = 0; k < calendar_steps; ++k) booked_kw_[k] = span_kw[span_of[k]];
  }
  // Is `j` booked to start after step `i`? (No for a job never booked.)
  bool booked_after(std::uint32_t j, std::size_t i) const {
    return bookings_[j].start_step != kNoStep && bookings_[j].start_step > i;
  }

  void add_booking(std::size_t from, std::size_t count, double power_kw) {
    if (booked_kw_.size() < from + count) booked_kw_.resize(from + count, 0.0);
    for (std::size_t k = from; k < from + count; ++k) booked_kw_[k] += power_kw;
  }
  double booked_at(std::size_t step) const {
    return step < booked_kw_.size() ? booked_kw_[step] : 0.0;
  }
  bool room(std::size_t step, double power_kw) const {
    return booked_at(step) + power_kw <= booked_capacity_kw_ + kEpsKw;
  }

  // Moves `j`'s booking from `step` to `step + 1`, if allowed.
  bool defer(std::uint32_t j, std::size_t step) {
    if (!bookings_[j].fcfs_on_time) return false;
    const double finish_s = now_s() + dt_s() + jobs_[j].work_s;
    const double latest_s =
        static_cast<double>(jobs_[j].deadline.unix_seconds()) - params_.slack_margin_h * 3600.0;
    if (finish_s > latest_s) return false;
    const std::size_t gained = step + bookings_[j].steps;  // the step it gains at the end
    const double p = jobs_[j].power_kw;
    if (!room(gained, p)) return false;
    booked_kw_[step] -= p;
    add_booking(gained, 1, p);
    bookings_[j].start_step = static_cast<std::uint32_t>(step + 1);
    deferred_.push_back(j);
    return true;
  }

  // Moves `j`'s booking forward to start at `step`, if the calendar has room.
  bool pull(std::uint32_t j, std::size_t step) {
    const std::size_t from = bookings_[j].start_step;
    const std::size_t m = bookings_[j].steps;
    const double p = jobs_[j].power_kw;
    for (std::size_t k = step; k < std::min(from, step + m); ++k) {
      if (!room(k, p)) return false;
    }
    for (std::size_t k = from; k < from + m; ++k) booked_kw_[k] -= p;
    add_booking(step, m, p);
    bookings_[j].start_step = static_cast<std::uint32_t>(step);
    return true;
  }

  void plan(const StepContext& ctx) override {
    if (!booked_) {
      book(ctx);
      booked_ = true;
    }
    SHAPAN_ASSERT(ctx.capacity_kw == booked_capacity_kw_,
                  "green_following books FCFS's schedule on a constant capacity");
    const std::size_t i = ctx.index;
    // Jobs booked to start now: inflexible ones start (in FCFS order, before
    // any flexible job, which fixes the order of the power sums); flexible
    // ones in deadline order start on clean power or move one step later.
    // (A job FCFS starts now that is not waiting was pulled earlier.)
    newly_due_.clear();
    if (i + 1 < first_fcfs_start_.size()) {
      for (std::size_t k = first_fcfs_start_[i]; k < first_fcfs_start_[i + 1]; ++k) {
        const std::uint32_t j = by_fcfs_start_[k];
        if (!waiting(j)) continue;
        if (flexible(j)) {
          newly_due_.push_back(j);
        } else {
          run(j);
        }
      }
    }
    // The jobs moved here last step are still waiting and booked now: each
    // was short of clean power, and the early-start pass after it had less
    // (the budget only shrinks), so it could not start one. They are in
    // deadline order, moved in the order of last step's due list. Merging the
    // few newly due jobs into them costs one pass, where sorting the lot cost
    // n log n each step; at fine steps many jobs wait through the night so.
    if (newly_due_.size() > 1) {
      std::sort(newly_due_.begin(), newly_due_.end(),
                [this](std::uint32_t a, std::uint32_t b) { return earlier_deadline(a, b); });
    }
    due_.clear();
    if (newly_due_.empty()) {
      due_.swap(deferred_);
    } else {
      std::merge(deferred_.begin(), deferred_.end(), newly_due_.begin(), newly_due_.end(),
                 std::back_inserter(due_),
                 [this](std::uint32_t a, std::uint32_t b) { return earlier_deadline(a, b); });
    }
    deferred_.clear();
    double budget_kw = ctx.clean_it_kw - running_kw_;
    for (const std::uint32_t j : due_) {
      SHAPAN_ASSERT(waiting(j) && bookings_[j].start_step == i,
                    "a due job waits and is booked now");
      if (jobs_[j].power_kw <= budget_kw + kEpsKw || !defer(j, i)) {
        run(j);
        budget_kw -= jobs_[j].power_kw;
      }
    }
    // Clean power left: start waiting flexible jobs early.
    for (const std::uint32_t j : by_deadline_) {
      if (budget_kw <= kEpsKw) break;
      if (!waiting(j) || chosen(j) || !booked_after(j, i)) continue;
      if (jobs_[j].power_kw > budget_kw + kEpsKw || !pull(j, i)) continue;
      run(j);
      budget_kw -= jobs_[j].power_kw;
    }
  }

  Timestamp run_start_;
  Duration dt_;
  bool booked_ = false;
  double booked_capacity_kw_ = 0.0;
  UnsetVector<Booking> bookings_;  // per job, from FCFS's schedule (book()), then moved
  std::vector<double> booked_kw_;  // booked power per step
  // Jobs by FCFS start step; those FCFS starts at step i are
  // by_fcfs_start_[first_fcfs_start_[i]] up to by_fcfs_start_[first_fcfs_start_[i + 1]].
  UnsetVector<std::uint32_t> by_fcfs_start_;
  std::vector<std::uint32_t> first_fcfs_start_;
  std::vector<std::uint32_t> deferred_;   // moved at this step to the next one, by deadline
  std::vector<std::uint32_t> newly_due_;  // this step's from by_fcfs_start_, flexible
  std::vector<std::uint32_t> due_;        // this step's flexible jobs booked now, by deadline
};

}  // namespace

std::unique_ptr<PolicyBase> make_green_following(const SchedulerParams& params,
                                                 std::vector<Job> jobs, Timestamp run_start,
                                                 Duration dt) {
  return std::make_unique<GreenFollowing>(params, std::move(jobs), run_start, dt);
}

}  // namespace shapan::load::detail
