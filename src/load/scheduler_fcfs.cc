// The FCFS policy: jobs start in arrival order as capacity allows (greedy: a
// job that does not fit does not block smaller ones), and its schedule on a
// constant capacity, green_following's calendar.
#include <algorithm>
#include <memory>
#include <span>
#include <string>
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

}  // namespace

std::unique_ptr<PolicyBase> make_fcfs(const SchedulerParams& params, std::vector<Job> jobs,
                                      Timestamp run_start, Duration dt) {
  return std::make_unique<Fcfs>(params, std::move(jobs), run_start, dt);
}

FcfsSchedule fcfs_schedule(std::span<const Job> jobs, Timestamp run_start, Duration dt,
                           double capacity_kw) {
  const std::size_t n = jobs.size();
  const auto dt_s = static_cast<double>(dt.in_seconds());
  FcfsSchedule out{.bookings = UnsetVector<Booking>(n), .by_start = UnsetVector<std::uint32_t>(n)};
  std::size_t started = 0;  // jobs in by_start
  std::size_t calendar_steps = 0;
  std::vector<std::uint32_t> waiting;  // admitted, not started, by arrival
  // Started jobs that run past their first step, by the step they end in
  // (a list per step through next_ending), as in PolicyBase.
  std::vector<std::uint32_t> first_ending;
  UnsetVector<std::uint32_t> next_ending(n);
  std::vector<std::uint32_t> ending;
  double running_kw = 0.0;  // PolicyBase's committed_kw_
  std::size_t running = 0;
  std::size_t next = 0;
  // The run lasts at least until the last arrival: room for that many steps
  // (growing from empty copies them over and over).
  if (n > 0) {
    const std::int64_t last_arrival_s = (jobs[n - 1].arrival - run_start).in_seconds();
    const auto steps =
        static_cast<std::size_t>(std::max<std::int64_t>(0, last_arrival_s) / dt.in_seconds()) + 2;
    out.first_start.reserve(steps + 1);
    out.edges.reserve(steps + 1);
  }
  auto mark_edge = [&out](std::size_t step) {
    if (out.edges.size() <= step) out.edges.resize(step + 1, 0);
    out.edges[step] = 1;
  };
  for (std::size_t i = 0; next < n || !waiting.empty() || running > 0; ++i) {
    const Timestamp start = run_start + dt * static_cast<std::int64_t>(i);
    const auto t0_s = static_cast<double>((start - run_start).in_seconds());
    const std::size_t running_before = running;
    const std::size_t started_before = started;
    out.first_start.push_back(static_cast<std::uint32_t>(started));
    double reserved_kw = running_kw;
    bool single_step_started = false;
    // Starts `j` if it fits in what is left of the capacity.
    auto try_start = [&](std::uint32_t j) {
      const Job& job = jobs[j];
      if (!(reserved_kw + job.power_kw <= capacity_kw + kEpsKw)) return false;
      reserved_kw += job.power_kw;
      Booking& b = out.bookings[j];
      b.start_step = static_cast<std::uint32_t>(i);
      out.by_start[started++] = j;
      const auto deadline_s = static_cast<double>((job.deadline - run_start).in_seconds());
      if (job.work_s <= dt_s) {
        b.steps = 1;
        b.fcfs_on_time = !(t0_s + job.work_s > deadline_s);
        single_step_started = true;
        return true;
      }
      // It occupies its first step, then runs what is left as committed (as
      // advance() does it).
      const std::size_t last = i + steps_to_finish(job.work_s - dt_s, dt_s);
      b.steps = static_cast<std::uint32_t>(last - i + 1);
      calendar_steps = std::max(calendar_steps, last + 1);
      mark_edge(last + 1);
      if (first_ending.size() <= last) first_ending.resize(last + 1, kNoJob);
      next_ending[j] = first_ending[last];
      first_ending[last] = j;
      ++running;
      running_kw += job.power_kw;
      return true;
    };
    // The jobs waiting from earlier steps, in arrival order, then those
    // arriving now (every job is admitted before the loop ends): the order
    // in which FCFS's pass over its admitted jobs meets them.
    std::size_t kept = 0;
    for (const std::uint32_t j : waiting) {
      if (!try_start(j)) waiting[kept++] = j;
    }
    waiting.resize(kept);
    for (; next < n && jobs[next].arrival <= start; ++next) {
      if (try_start(static_cast<std::uint32_t>(next))) continue;
      out.bookings[next].start_step = kNoStep;
      waiting.push_back(static_cast<std::uint32_t>(next));
    }
    if (started > started_before) mark_edge(i);
    if (single_step_started) {
      calendar_steps = std::max(calendar_steps, i + 1);
      mark_edge(i + 1);
    }
    if (i < first_ending.size() && first_ending[i] != kNoJob) {
      ending.clear();
      for (std::uint32_t j = first_ending[i]; j != kNoJob; j = next_ending[j]) ending.push_back(j);
      if (ending.size() > 1) std::sort(ending.begin(), ending.end());
      for (const std::uint32_t j : ending) {
        const Job& job = jobs[j];
        running_kw -= job.power_kw;
        // Ends in step i, committed from the step after its start.
        Booking& b = out.bookings[j];
        const std::uint32_t commit_step = b.start_step + 1;
        const double rem_s = (job.work_s - dt_s) - static_cast<double>(i - commit_step) * dt_s;
        const auto deadline_s = static_cast<double>((job.deadline - run_start).in_seconds());
        b.fcfs_on_time = !(t0_s + rem_s > deadline_s);
      }
      running -= ending.size();
    }
    if (running == 0) running_kw = 0.0;
    if (next == n && started == started_before && running_before == 0) break;
  }
  out.first_start.push_back(static_cast<std::uint32_t>(started));
  out.by_start.resize(started);
  out.edges.resize(calendar_steps + 1, 0);
  out.calendar_steps = calendar_steps;
  return out;
}

}  // namespace shapan::load::detail
