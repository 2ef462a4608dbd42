// The scheduler policies, one file each (scheduler_<policy>.cc); make_scheduler
// (scheduler.cc) builds the one the parameters name. (Private to load.)
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "scheduler_policy_base.h"

namespace shapan::load::detail {

std::unique_ptr<PolicyBase> make_fcfs(const SchedulerParams& params, std::vector<Job> jobs,
                                      Timestamp run_start, Duration dt);
std::unique_ptr<PolicyBase> make_green_following(const SchedulerParams& params,
                                                 std::vector<Job> jobs, Timestamp run_start,
                                                 Duration dt);
std::unique_ptr<PolicyBase> make_forecast_threshold(const SchedulerParams& params,
                                                    std::vector<Job> jobs, Timestamp run_start,
                                                    Duration dt, const CleanOutlook& outlook);
std::unique_ptr<PolicyBase> make_power_capping(const SchedulerParams& params, std::vector<Job> jobs,
                                               Timestamp run_start, Duration dt);
std::unique_ptr<PolicyBase> make_follow_plan(const SchedulerParams& params, std::vector<Job> jobs,
                                             Timestamp run_start, Duration dt,
                                             const CleanOutlook& outlook);

// FCFS's schedule on a constant capacity, for green_following's calendar.
struct FcfsSchedule {
  UnsetVector<Booking> bookings;  // per job, at FCFS's start
  // Started jobs by start step, then job; those starting at step i are
  // by_start[first_start[i]] up to by_start[first_start[i + 1]].
  UnsetVector<std::uint32_t> by_start;
  std::vector<std::uint32_t> first_start;
  // 1 at each step where a booking begins or the step after one ends (the
  // edges of the calendar's spans, see GreenFollowing::book()), else 0;
  // calendar_steps + 1 entries.
  std::vector<std::uint32_t> edges;
  std::size_t calendar_steps = 0;  // steps up to the end of the last job
};

// The choices the Fcfs policy makes, step by step, with the same arithmetic
// (the same sums in the same order, so the same float results), but none of
// its bookkeeping of power, energy and state: a job starts when it fits in
// what the jobs started before leave of the capacity, and runs to its end.
// Runs until every job is done, or what is left can never start (a job
// larger than the capacity). A second copy of FCFS's arithmetic, kept
// because running the policy itself costs too much (issue 14 item 5: at
// hourly steps it made the default scenario's sim::run 19 % slower,
// docs/benchmarks.md); the test FcfsCalendarIsTheFcfsPolicysSchedule holds
// it to fcfs_policy_schedule() on random job sets.
FcfsSchedule fcfs_schedule(std::span<const Job> jobs, Timestamp run_start, Duration dt,
                           double capacity_kw);

// The schedule of the fcfs policy itself, run on `jobs` (sorted by arrival)
// at `capacity_kw` in every step, step by step until every job is done or
// what is left can never start: the reference for fcfs_schedule().
FcfsSchedule fcfs_policy_schedule(const SchedulerParams& params, std::vector<Job> jobs,
                                  Timestamp run_start, Duration dt, double capacity_kw);

}  // namespace shapan::load::detail
