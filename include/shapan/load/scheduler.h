// Job schedulers: which jobs run in each step, and how hard.
//
// The simulator calls step() once per step, in time order, before dispatch.
// It says how much IT power the jobs may use at most (their capacity) and how
// much clean power the plant has for them (on-site renewables + hydro
// headroom + a share of what the batteries can give, minus the inflexible
// load, converted to the IT side through the PUE). The scheduler answers with
// the jobs' IT power for the step, the step mean; after dispatch the
// simulator reports which share of the step's load was clean (account()), so
// that each job's green energy is known.
//
// Rules every policy keeps (tested): a job starts no earlier than the start of
// the first step beginning at or after its arrival; the reserved power of the
// running jobs (uncapped power) never exceeds the capacity; inflexible and
// started deferrable jobs never pause; each job's work is done exactly once,
// or the job is reported unfinished at the end. A job finishing late is
// counted as a deadline miss but still runs to the end.
//
// Policies ([scheduler] policy):
//   fcfs               jobs start in arrival order as capacity allows (greedy:
//                      a job that does not fit does not block smaller ones).
//   green_following    keeps FCFS's schedule as a reservation calendar (FCFS
//                      run on the same jobs and capacity before the first
//                      step) and moves flexible jobs within it: a job booked
//                      to start now starts if clean power covers it, else
//                      moves one step later while the calendar has room and
//                      it still ends slack_margin_h before its deadline;
//                      spare clean power starts waiting jobs early where the
//                      calendar has room. Every job thus ends no later than
//                      under FCFS, or in time where FCFS is in time: it never
//                      misses a deadline FCFS meets. Runs jobs without pauses.
//   forecast_threshold after Wiesner et al., "Let's Wait Awhile" (Middleware
//                      2021): at arrival, a flexible job looks at a forecast of
//                      clean power over its window (the actual series with a
//                      seeded error) and plans: a deferrable job starts at the
//                      step whose next `work` has the most forecast clean
//                      power; an interruptible one runs in steps whose
//                      forecast is at or above its threshold, the value of
//                      the N-th best step of its window (N = steps of work).
//   power_capping      jobs start as fcfs; when clean power is short, the
//                      power-cappable jobs' GPUs are capped (60–100 % of
//                      board power), slowing them, unless their slack is out.
//   follow_plan        follows a plan of the flexible jobs' IT power per step
//                      (CleanOutlook::plan_it_kw, from `shapan optimize`):
//                      jobs out of slack run first (as forecast_threshold);
//                      each flexible job is placed on the plan at arrival as
//                      forecast_threshold places it on a forecast (a
//                      deferrable job starts where its run has the most
//                      planned power; an interruptible one runs where the
//                      plan reaches its threshold and pauses elsewhere);
//                      cappable interruptible jobs are capped to
//                      min_power_cap_frac as far as the plan's capped part
//                      (plan_capped_it_kw) goes.
// Requires (green_following): the same capacity at every step.
// Thread-safety: none; one scheduler per run.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "shapan/core/check.h"
#include "shapan/core/time.h"
#include "shapan/load/jobs.h"

namespace shapan::load {

enum class SchedulerPolicy {
  kFcfs,
  kGreenFollowing,
  kForecastThreshold,
  kPowerCapping,
  kFollowPlan,
};

std::string policy_name(SchedulerPolicy policy);

struct SchedulerParams {
  SchedulerPolicy policy = SchedulerPolicy::kFcfs;
  // Share (0..1) of the batteries' discharge limit counted as clean power
  // available to flexible jobs. 0: only what renewables and hydro give now.
  double storage_budget_frac = 0.5;
  // A flexible job runs regardless of clean power once waiting one more step
  // would leave it less than this margin before its deadline (hours).
  double slack_margin_h = 2.0;
  // forecast_threshold: forecast = actual renewables × (1 + error), error
  // normal with this standard deviation (fraction), drawn per hour (seeded).
  double forecast_error_frac = 0.1;
  // power_capping: lowest cap, fraction of GPU board power (0.6..1).
  double min_power_cap_frac = 0.6;
  std::uint64_t seed = 1;

  std::vector<FieldIssue> check() const;
};

// What the simulator knows about a step before deciding it. Powers in kW.
struct StepContext {
  std::size_t index = 0;  // step number from 0
  Timestamp start;
  Duration dt;
  double capacity_kw = 0.0;  // IT power the jobs may reserve, >= 0
  double clean_it_kw = 0.0;  // clean power available to jobs, IT side, >= 0
};

// Per-step forecast inputs for forecast_threshold (one value per step; other
// policies ignore them): the renewables' actual output, the inflexible
// facility load, and the PUE. Forecasts add the seeded error to renewables.
struct CleanOutlook {
  std::vector<double> renewables_kw;
  std::vector<double> online_facility_kw;
  std::vector<double> pue;
  // follow_plan: the flexible jobs' planned IT power per step at full speed
  // (their work rate, kW), and the part of it planned to run capped; a step
  // past the end of the plan has a plan of 0 (only jobs out of slack run).
  std::vector<double> plan_it_kw;
  std::vector<double> plan_capped_it_kw;
};

// One job's outcome.
struct JobOutcome {
  double start_s = -1.0;     // first start, seconds since the run's start (-1: never)
  double finish_s = -1.0;    // -1: unfinished at the end of the run
  double work_done_s = 0.0;  // at full speed (restart costs excluded)
  double energy_kwh = 0.0;   // facility energy (IT × PUE)
  double green_kwh = 0.0;    // its clean part
  int interruptions = 0;
  bool deadline_missed = false;  // finished after the deadline, or unfinished past it
};

struct JobReport {
  std::string policy;
  std::vector<Job> jobs;
  std::vector<JobOutcome> outcomes;            // one per job
  double max_reserved_over_capacity_kw = 0.0;  // largest excess (0 when capacity held)
};

class Scheduler {
 public:
  virtual ~Scheduler() = default;
  virtual std::string name() const = 0;
  // Decides and advances one step; returns the jobs' mean IT power (kW).
  // Requires: steps in order, one call per step.
  virtual double step(const StepContext& ctx) = 0;
  // After dispatch: the step's PUE and the clean share (0..1) of its load.
  virtual void account(double pue, double clean_frac) = 0;
  // Jobs that ran in the last step (all or part of it).
  virtual std::size_t jobs_running() const = 0;
  // The outcome of every job; `end` is the end of the run. Hands over the
  // scheduler's record: call once, last (std::move(*scheduler).report(end)).
  virtual JobReport report(Timestamp end) && = 0;
};

// `jobs` sorted by arrival (make_jobs); `run_start` is the start of step 0;
// `restart_cost_s` is the work added at each resume of an interruptible job.
// Throws InputError when params.check() finds problems. forecast_threshold
// needs one outlook value per step; other policies ignore the outlook.
std::unique_ptr<Scheduler> make_scheduler(const SchedulerParams& params, std::vector<Job> jobs,
                                          Timestamp run_start, Duration dt,
                                          const CleanOutlook& outlook, double restart_cost_s);

}  // namespace shapan::load
