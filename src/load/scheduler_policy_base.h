// The bookkeeping every scheduler policy shares (PolicyBase), and the small
// types the policies use. (Private to load; each policy in its own
// scheduler_<policy>.cc, built by make_scheduler in scheduler.cc.)
#pragma once

#include <cstdint>
#include <memory>
#include <new>
#include <string>
#include <utility>
#include <vector>

#include "shapan/load/scheduler.h"

namespace shapan::load::detail {

// kCommitted: started, and runs at full power to its end without the policy
// looking at it again (its finish step is known).
enum class State : std::uint8_t { kWaiting, kRunning, kPaused, kCommitted, kDone };

constexpr double kEpsKw = 1e-9;

// An allocator that default-initialises: a vector<T, DefaultInit<T>>(n) of
// a trivial T leaves its elements unset, for per-job arrays whose every
// element read is written first (zeroing them costs a pass over the memory).
template <typename T>
struct DefaultInit : std::allocator<T> {
  template <typename U>
  struct rebind {  // NOLINT(readability-identifier-naming): the allocator interface's name
    using other = DefaultInit<U>;
  };
  template <typename U>
  void construct(U* p) {
    ::new (static_cast<void*>(p)) U;
  }
  template <typename U, typename... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};
template <typename T>
using UnsetVector = std::vector<T, DefaultInit<T>>;
constexpr std::uint32_t kNoStep = UINT32_MAX;
constexpr std::uint32_t kNoJob = UINT32_MAX;

// Steps a job with `work_s` left needs when it runs at full speed from a
// step's start: it finishes in the last one, which it uses for
// work_s − (steps − 1)·dt. Exact for whole seconds.
std::size_t steps_to_finish(double work_s, double dt_s);

// The steps a job runs in, for a policy that runs jobs without pauses
// (PolicyBase::bookings()), and green_following's calendar. Trivial, so that
// a vector of them can be left unset (UnsetVector).
struct Booking {
  std::uint32_t start_step;  // first step booked (kNoStep: never starts)
  std::uint32_t steps;       // steps occupied (set when start_step is)
  bool fcfs_on_time;         // ends by its deadline as FCFS runs it (idem)
};

// Bookkeeping shared by every policy: arrivals, the capacity check, running
// and pausing, work and energy. A policy only chooses, in plan(), which of the
// admitted jobs run this step (run()) and at what GPU cap.
//
// Speed: a started job the policy can no longer pause (inflexible and
// deferrable jobs; every job under a policy that never pauses) is committed:
// its finish step is computed once, it leaves the per-step lists, and its
// power, energy and green energy are carried as sums (energy per job from
// running sums of the steps' PUE and clean share, at report time). The cost
// of a step is then the waiting and pausable jobs, not all running ones.
class PolicyBase : public Scheduler {
 public:
  PolicyBase(const SchedulerParams& params, std::vector<Job> jobs, Timestamp run_start,
             Duration dt);

  void set_restart_cost_s(double s) { restart_s_ = s; }

  double step(const StepContext& ctx) final;
  void account(double pue, double clean_frac) final;
  std::size_t jobs_running() const final { return jobs_running_; }
  std::size_t jobs_waiting() const final { return flexible_waiting_; }
  std::size_t jobs_capped() const final { return jobs_capped_; }
  JobReport report(Timestamp end) && final;

  // Every job admitted, none waiting or paused, none running: later steps
  // change nothing.
  bool idle() const { return next_ == jobs_.size() && active_.empty() && committed_count_ == 0; }
  // Every job admitted by the last step, and none of them ran in it.
  bool stalled() const { return next_ == jobs_.size() && jobs_running_ == 0; }
  // Where each job ran, for a policy that never pauses (it runs every started
  // job at full power from its start to its end): its first step, the number
  // of steps, and whether it ended by its deadline; start_step kNoStep for a
  // job never started. Call after the steps, once every started job is done.
  UnsetVector<Booking> bookings() const;

 protected:
  // A flexible job `j` has just been admitted (inflexible ones only wait).
  virtual void on_admit_flexible(std::uint32_t /*j*/, const StepContext& /*ctx*/) {}
  virtual void plan(const StepContext& ctx) = 0;
  // Does the policy ever pause a running interruptible job? If not, started
  // jobs of every kind are committed.
  virtual bool pauses_interruptible() const = 0;

  bool fits(std::uint32_t j) const {
    return reserved_kw_ + jobs_[j].power_kw <= capacity_kw_ + kEpsKw;
  }
  // Marks `j` to run this step with its GPUs at `cap` of board power.
  // Requires: `j` in active_ (advance() clears the mark there).
  void run(std::uint32_t j, double cap = 1.0) {
    if (run_[j].chosen) return;
    run_[j].chosen = true;
    ++chosen_count_;
    run_[j].cap = cap;
    reserved_kw_ += jobs_[j].power_kw;
    running_kw_ += power_at(j, cap);
  }
  double power_at(std::uint32_t j, double cap) const {
    return jobs_[j].power_kw - jobs_[j].gpu_kw * (1.0 - cap);
  }
  bool flexible(std::uint32_t j) const { return jobs_[j].kind != JobKind::kInflexible; }
  bool running(std::uint32_t j) const { return run_[j].state == State::kRunning; }
  bool waiting(std::uint32_t j) const { return run_[j].state == State::kWaiting; }
  bool committed_or_done(std::uint32_t j) const {
    return run_[j].state == State::kCommitted || run_[j].state == State::kDone;
  }
  bool chosen(std::uint32_t j) const { return run_[j].chosen; }
  void set_cap(std::uint32_t j, double cap) { run_[j].cap = cap; }
  // May the policy choose whether `j` runs? (Waiting, paused, or running and
  // pausable; committed and done jobs are not in the policy's hands.)
  bool choosable(std::uint32_t j) const {
    return run_[j].state == State::kWaiting || run_[j].state == State::kPaused ||
           run_[j].state == State::kRunning;
  }
  // Run time still needed at full speed, with any restart to pay.
  double need_s(std::uint32_t j) const {
    return run_[j].work_left_s + run_[j].owed_s +
           (run_[j].state == State::kPaused ? restart_s_ : 0.0);
  }
  double dt_s() const { return dt_s_; }
  double now_s() const { return now_s_; }
  // Would waiting one more step leave less than the margin before the deadline?
  bool urgent(std::uint32_t j) const {
    const double latest_start_s = static_cast<double>(jobs_[j].deadline.unix_seconds()) -
                                  need_s(j) - params_.slack_margin_h * 3600.0;
    return now_s_ + dt_s_ > latest_start_s;
  }
  // Inflexible jobs in arrival order, as capacity allows.
  void start_inflexible() {
    if (inflexible_waiting_ == 0) return;
    for (const std::uint32_t j : active_) {
      if (!flexible(j) && choosable(j) && fits(j)) run(j);
    }
  }

  const SchedulerParams params_;
  std::vector<Job> jobs_;
  std::vector<std::uint32_t> active_;  // admitted, neither committed nor done, by arrival
  double reserved_kw_ = 0.0;           // uncapped power of the jobs chosen so far
  double running_kw_ = 0.0;            // their actual power
  double capacity_kw_ = 0.0;
  std::size_t inflexible_waiting_ = 0;  // admitted inflexible jobs not started yet

 private:
  // Admits every job that has arrived by the step's start.
  [[gnu::always_inline]] void admit(const StepContext& ctx);
  // An unfinished job past its deadline at the run's end missed it.
  void mark_if_late(std::size_t j, Timestamp end) {
    if (outcomes_[j].finish_s < 0.0 && end > jobs_[j].deadline) outcomes_[j].deadline_missed = true;
  }
  // Adds committed job `j`'s energy over the steps it ran in (of `steps_done`).
  void add_committed_energy(std::uint32_t j, std::size_t steps_done);

  // What committed job `j` uses of the step it ends in (work_left_s is the
  // work from its commitment on).
  double finish_rem_s(std::size_t j) const {
    return run_[j].work_left_s -
           static_cast<double>(run_[j].finish_step - run_[j].commit_step) * dt_s_;
  }

  // Runs the chosen jobs and pauses the others for the step; returns the
  // step's IT energy (kWh).
  [[gnu::always_inline]] double advance(const StepContext& ctx);
  // The pass over active_: runs the chosen jobs, pauses unchosen running
  // ones, and keeps in active_ those still in the policy's hands; adds their
  // IT energy to `it_kwh`. Returns whether any job left active_.
  [[gnu::always_inline]] bool run_active(const StepContext& ctx, double t0_s, double& it_kwh);
  // Runs chosen job `j` for the step from `t0_s`; returns its IT energy (kWh).
  [[gnu::always_inline]] double run_chosen(std::uint32_t j, double t0_s);
  // Ends the committed jobs whose last step is this one; subtracts from
  // `it_kwh` what they do not use of it.
  [[gnu::always_inline]] void end_committed(const StepContext& ctx, double t0_s, double& it_kwh);
  // Called after a step in which jobs left active_ (committed or done).
  virtual void after_leaving() {}

  void finish(std::uint32_t j, double finish_s) {
    JobOutcome& o = outcomes_[j];
    o.finish_s = finish_s;
    o.deadline_missed =
        o.finish_s > static_cast<double>((jobs_[j].deadline - run_start_).in_seconds());
  }

  // `j` ran this step and will run at full power from step `from` to its end.
  void commit(std::uint32_t j, std::size_t from);

  Timestamp run_start_;
  double dt_s_;
  double restart_s_ = 0.0;
  double now_s_ = 0.0;    // step start, Unix seconds
  std::size_t next_ = 0;  // next job to admit
  // A job's changing state, kept together (one cache line or less per job).
  // Trivial, so that run_ can be left unset until a job's admission sets
  // the first four fields; each of the others is set before it is read
  // (cap by run(), the steps and the link by commit()). Nothing looks at a
  // job before its admission.
  struct JobRun {
    double work_left_s;  // work at full speed still to do (at commit: from then)
    double owed_s;       // restart work owed before progress resumes
    State state;
    // Runs this step. A bool, not a uint8_t: stores to a character type may
    // alias anything, which makes the compiler reload every vector's data.
    bool chosen;
    double cap;                    // GPU cap this step
    std::uint32_t commit_step;     // first step run as committed
    std::uint32_t finish_step;     // step a committed job ends in
    std::uint32_t next_finishing;  // next committed job ending in that step (kNoJob: none)
  };
  UnsetVector<JobRun> run_;
  std::vector<JobOutcome> outcomes_;
  std::vector<std::pair<std::uint32_t, double>> ran_;  // this step: job, IT kWh
  std::size_t chosen_count_ = 0;                       // jobs run() this step
  // Committed jobs by the step they end in, a bucket per step (pushing and
  // taking out are O(1), where a heap costs log n): the first job of each
  // step's list here, the rest linked through JobRun::next_finishing.
  std::vector<std::uint32_t> finishing_first_;
  std::size_t committed_count_ = 0;       // committed and not done
  std::vector<std::uint32_t> committed_;  // every job committed, done or not
  std::vector<std::uint32_t> finishing_;  // this step's, in job order
  double committed_kw_ =
      0.0;  // power of the jobs committed in earlier steps (and this one's, at its end)
  // Running sums over the accounted steps of dt·PUE and dt·PUE·clean share (s).
  std::vector<double> pue_dt_sum_s_;
  std::vector<double> green_dt_sum_s_;
  std::size_t jobs_running_ = 0;
  // Admitted flexible jobs waiting to start or paused (jobs_waiting()); the
  // jobs run under a cap in the last step (jobs_capped()).
  std::size_t flexible_waiting_ = 0;
  std::size_t jobs_capped_ = 0;
  double max_excess_kw_ = 0.0;
};

}  // namespace shapan::load::detail
