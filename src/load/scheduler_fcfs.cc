// The FCFS policy: jobs start in arrival order as capacity allows (greedy: a
// job that does not fit does not block smaller ones), and its schedule on a
// constant capacity, green_following's calendar.
#include <algorithm>
#include <cstdint>
#include <memory>
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

}  // namespace

std::unique_ptr<PolicyBase> make_fcfs(const SchedulerParams& params, std::vector<Job> jobs,
                                      Timestamp run_start, Duration dt) {
  return std::make_unique<Fcfs>(params, std::move(jobs), run_start, dt);
}

FcfsSchedule fcfs_schedule(const SchedulerParams& params, std::vector<Job> jobs,
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
