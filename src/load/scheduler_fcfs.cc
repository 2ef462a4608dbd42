// The FCFS policy: jobs start in arrival order as capacity allows (greedy: a
// job that does not fit does not block smaller ones), and its schedule on a
// constant capacity, green_following's calendar.
#include <algorithm>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "scheduler_policies.h"

namespace shapan::load::detail {
namespace {

class Fcfs final : public PolicyBase {
 public:
  using PolicyBase::PolicyBase;
  std::string name() const override { return "fcfs"; }

 private:
  bool pauses_interruptible() const override { return false; }
  void plan(const StepContext& /*ctx*/) override {
    // Waiting jobs in arrival order (started ones are committed and keep
    // their place).
    for (const std::uint32_t j : active_) {
      if (fits(j)) run(j);
    }
  }
};

// The calendar of bookings that the fcfs policy ran in `steps` steps: the
// jobs grouped by start step (in job order within a step, the order in which
// fcfs starts them), the edges of the booked spans, and the calendar's length.
FcfsSchedule calendar_of(UnsetVector<Booking> bookings, std::size_t steps) {
  FcfsSchedule out{.bookings = std::move(bookings)};
  out.first_start.assign(steps + 1, 0);
  std::size_t started = 0;
  for (const Booking& b : out.bookings) {
    if (b.start_step == kNoStep) continue;
    ++out.first_start[b.start_step + 1];
    ++started;
    out.calendar_steps = std::max<std::size_t>(out.calendar_steps, b.start_step + b.steps);
  }
  for (std::size_t i = 0; i < steps; ++i) out.first_start[i + 1] += out.first_start[i];
  out.by_start = UnsetVector<std::uint32_t>(started);
  std::vector<std::uint32_t> place(out.first_start.begin(), out.first_start.end() - 1);
  out.edges.assign(out.calendar_steps + 1, 0);
  for (std::uint32_t j = 0; j < out.bookings.size(); ++j) {
    const Booking& b = out.bookings[j];
    if (b.start_step == kNoStep) continue;
    out.by_start[place[b.start_step]++] = j;
    out.edges[b.start_step] = 1;
    out.edges[b.start_step + b.steps] = 1;
  }
  return out;
}

// The loop of fcfs_schedule(): FCFS's starts and ends, step by step.
class FcfsCalendar {
 public:
  FcfsCalendar(std::span<const Job> jobs, Timestamp run_start, Duration dt, double capacity_kw)
      : jobs_(jobs),
        run_start_(run_start),
        dt_(dt),
        dt_s_(static_cast<double>(dt.in_seconds())),
        capacity_kw_(capacity_kw),
        out_{.bookings = UnsetVector<Booking>(jobs.size()),
             .by_start = UnsetVector<std::uint32_t>(jobs.size())},
        next_ending_(jobs.size()) {
    // The run lasts at least until the last arrival: room for that many steps
    // (growing from empty copies them over and over).
    if (!jobs.empty()) {
      const std::int64_t last_arrival_s = (jobs.back().arrival - run_start).in_seconds();
      const auto steps =
          static_cast<std::size_t>(std::max<std::int64_t>(0, last_arrival_s) / dt.in_seconds()) + 2;
      out_.first_start.reserve(steps + 1);
      out_.edges.reserve(steps + 1);
    }
  }

  FcfsSchedule run() && {
    const std::size_t n = jobs_.size();
    for (std::size_t i = 0; next_ < n || !waiting_.empty() || running_ > 0; ++i) {
      if (!step(i)) break;
    }
    out_.first_start.push_back(static_cast<std::uint32_t>(started_));
    out_.by_start.resize(started_);
    out_.edges.resize(calendar_steps_ + 1, 0);
    out_.calendar_steps = calendar_steps_;
    return std::move(out_);
  }

 private:
  // Step `i`; false when it was the last (every job admitted, none started
  // in it, none running into it).
  bool step(std::size_t i) {
    const Timestamp start = run_start_ + dt_ * static_cast<std::int64_t>(i);
    const auto t0_s = static_cast<double>((start - run_start_).in_seconds());
    const std::size_t running_before = running_;
    const std::size_t started_before = started_;
    out_.first_start.push_back(static_cast<std::uint32_t>(started_));
    reserved_kw_ = running_kw_;
    single_step_started_ = false;
    // The jobs waiting from earlier steps, in arrival order, then those
    // arriving now (every job is admitted before the loop ends): the order
    // in which FCFS's pass over its admitted jobs meets them.
    std::size_t kept = 0;
    for (const std::uint32_t j : waiting_) {
      if (!try_start(j, i, t0_s)) waiting_[kept++] = j;
    }
    waiting_.resize(kept);
    for (; next_ < jobs_.size() && jobs_[next_].arrival <= start; ++next_) {
      if (try_start(static_cast<std::uint32_t>(next_), i, t0_s)) continue;
      out_.bookings[next_].start_step = kNoStep;
      waiting_.push_back(static_cast<std::uint32_t>(next_));
    }
    if (started_ > started_before) mark_edge(i);
    if (single_step_started_) {
      calendar_steps_ = std::max(calendar_steps_, i + 1);
      mark_edge(i + 1);
    }
    end_jobs(i, t0_s);
    if (running_ == 0) running_kw_ = 0.0;
    return !(next_ == jobs_.size() && started_ == started_before && running_before == 0);
  }

  // Starts `j` at step `i` if it fits in what is left of the capacity.
  bool try_start(std::uint32_t j, std::size_t i, double t0_s) {
    const Job& job = jobs_[j];
    if (!(reserved_kw_ + job.power_kw <= capacity_kw_ + kEpsKw)) return false;
    reserved_kw_ += job.power_kw;
    Booking& b = out_.bookings[j];
    b.start_step = static_cast<std::uint32_t>(i);
    out_.by_start[started_++] = j;
    const auto deadline_s = static_cast<double>((job.deadline - run_start_).in_seconds());
    if (job.work_s <= dt_s_) {
      b.steps = 1;
      b.fcfs_on_time = !(t0_s + job.work_s > deadline_s);
      single_step_started_ = true;
      return true;
    }
    // It occupies its first step, then runs what is left as committed (as
    // advance() does it).
    const std::size_t last = i + steps_to_finish(job.work_s - dt_s_, dt_s_);
    b.steps = static_cast<std::uint32_t>(last - i + 1);
    calendar_steps_ = std::max(calendar_steps_, last + 1);
    mark_edge(last + 1);
    if (first_ending_.size() <= last) first_ending_.resize(last + 1, kNoJob);
    next_ending_[j] = first_ending_[last];
    first_ending_[last] = j;
    ++running_;
    running_kw_ += job.power_kw;
    return true;
  }

  // The started jobs that end in step `i`, in job order (as PolicyBase ends
  // its committed jobs, which fixes the rounding of running_kw_).
  void end_jobs(std::size_t i, double t0_s) {
    if (i >= first_ending_.size() || first_ending_[i] == kNoJob) return;
    ending_.clear();
    for (std::uint32_t j = first_ending_[i]; j != kNoJob; j = next_ending_[j]) {
      ending_.push_back(j);
    }
    if (ending_.size() > 1) std::sort(ending_.begin(), ending_.end());
    for (const std::uint32_t j : ending_) {
      const Job& job = jobs_[j];
      running_kw_ -= job.power_kw;
      // Ends in step i, committed from the step after its start.
      Booking& b = out_.bookings[j];
      const std::uint32_t commit_step = b.start_step + 1;
      const double rem_s = (job.work_s - dt_s_) - static_cast<double>(i - commit_step) * dt_s_;
      const auto deadline_s = static_cast<double>((job.deadline - run_start_).in_seconds());
      b.fcfs_on_time = !(t0_s + rem_s > deadline_s);
    }
    running_ -= ending_.size();
  }

  void mark_edge(std::size_t step) {
    if (out_.edges.size() <= step) out_.edges.resize(step + 1, 0);
    out_.edges[step] = 1;
  }

  std::span<const Job> jobs_;
  Timestamp run_start_;
  Duration dt_;
  double dt_s_;
  double capacity_kw_;
  FcfsSchedule out_;
  std::size_t started_ = 0;  // jobs in out_.by_start
  std::size_t calendar_steps_ = 0;
  std::vector<std::uint32_t> waiting_;  // admitted, not started, by arrival
  // Started jobs that run past their first step, by the step they end in
  // (a list per step through next_ending_), as in PolicyBase.
  std::vector<std::uint32_t> first_ending_;
  UnsetVector<std::uint32_t> next_ending_;
  std::vector<std::uint32_t> ending_;
  double running_kw_ = 0.0;  // PolicyBase's committed_kw_
  std::size_t running_ = 0;
  std::size_t next_ = 0;              // next job to admit
  double reserved_kw_ = 0.0;          // this step's
  bool single_step_started_ = false;  // this step
};

}  // namespace

std::unique_ptr<PolicyBase> make_fcfs(const SchedulerParams& params, std::vector<Job> jobs,
                                      Timestamp run_start, Duration dt) {
  return std::make_unique<Fcfs>(params, std::move(jobs), run_start, dt);
}

FcfsSchedule fcfs_schedule(std::span<const Job> jobs, Timestamp run_start, Duration dt,
                           double capacity_kw) {
  return FcfsCalendar(jobs, run_start, dt, capacity_kw).run();
}

FcfsSchedule fcfs_policy_schedule(const SchedulerParams& params, std::vector<Job> jobs,
                                  Timestamp run_start, Duration dt, double capacity_kw) {
  Fcfs fcfs(params, std::move(jobs), run_start, dt);
  // Until every job is done, or what is left can never start (a job larger
  // than the capacity): a step in which nothing ran after every job arrived.
  std::size_t steps = 0;
  while (!fcfs.idle()) {
    fcfs.step(StepContext{.index = steps,
                          .start = run_start + dt * static_cast<std::int64_t>(steps),
                          .dt = dt,
                          .capacity_kw = capacity_kw,
                          .clean_it_kw = 0.0});
    ++steps;
    if (fcfs.stalled()) break;
  }
  return calendar_of(fcfs.bookings(), steps);
}

}  // namespace shapan::load::detail
