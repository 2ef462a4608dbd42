#include "shapan/load/scheduler.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <iterator>
#include <memory>
#include <new>
#include <span>
#include <utility>

#include "rng.h"
#include "shapan/core/assert.h"

namespace shapan::load {
namespace {

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
std::size_t steps_to_finish(double work_s, double dt_s) {
  if (work_s <= dt_s) return 1;
  auto m = static_cast<std::size_t>(std::ceil(work_s / dt_s));
  // The quotient's rounding may put ceil one off at an exact multiple.
  if (work_s - static_cast<double>(m - 1) * dt_s > dt_s) ++m;
  if (m > 1 && work_s - static_cast<double>(m - 2) * dt_s <= dt_s) --m;
  return m;
}

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
  PolicyBase(const SchedulerParams& params, std::vector<Job> jobs, Timestamp run_start, Duration dt)
      : params_(params),
        jobs_(std::move(jobs)),
        run_start_(run_start),
        dt_s_(static_cast<double>(dt.in_seconds())),
        run_(jobs_.size()),
        outcomes_(jobs_.size()) {
    for (std::size_t j = 1; j < jobs_.size(); ++j) {
      SHAPAN_ASSERT(jobs_[j - 1].arrival <= jobs_[j].arrival, "jobs sorted by arrival");
    }
    pue_dt_sum_s_.push_back(0.0);
    green_dt_sum_s_.push_back(0.0);
  }

  void set_restart_cost_s(double s) { restart_s_ = s; }

  double step(const StepContext& ctx) final {
    now_s_ = static_cast<double>(ctx.start.unix_seconds());
    // Admit every job that has arrived by the step's start.
    while (next_ < jobs_.size() && jobs_[next_].arrival <= ctx.start) {
      JobRun& r = run_[next_];
      r.work_left_s = jobs_[next_].work_s;
      r.owed_s = 0.0;
      r.state = State::kWaiting;
      r.chosen = false;
      active_.push_back(static_cast<std::uint32_t>(next_));
      if (flexible(static_cast<std::uint32_t>(next_))) {
        on_admit_flexible(static_cast<std::uint32_t>(next_), ctx);
      } else {
        ++inflexible_waiting_;
      }
      ++next_;
    }
    // Committed jobs run at full power; nothing is chosen yet (advance()
    // cleared the last step's choices).
    reserved_kw_ = committed_kw_;
    running_kw_ = committed_kw_;
    capacity_kw_ = ctx.capacity_kw;
    plan(ctx);
    max_excess_kw_ = std::max(max_excess_kw_, reserved_kw_ - ctx.capacity_kw);
    return advance(ctx);
  }

  void account(double pue, double clean_frac) final {
    for (const auto& [j, it_kwh] : ran_) {
      outcomes_[j].energy_kwh += it_kwh * pue;
      outcomes_[j].green_kwh += it_kwh * pue * clean_frac;
    }
    pue_dt_sum_s_.push_back(pue_dt_sum_s_.back() + dt_s_ * pue);
    green_dt_sum_s_.push_back(green_dt_sum_s_.back() + dt_s_ * pue * clean_frac);
  }

  std::size_t jobs_running() const final { return jobs_running_; }

  JobReport report(Timestamp end) && final {
    // Unfinished jobs past their deadline missed it: those in the policy's
    // hands, those never admitted, and committed ones (below). Committed
    // jobs' energy comes from the running sums over their steps.
    for (const std::uint32_t j : active_) mark_if_late(j, end);
    for (std::size_t j = next_; j < jobs_.size(); ++j) mark_if_late(j, end);
    const std::size_t steps_done = pue_dt_sum_s_.size() - 1;
    for (const std::uint32_t j : committed_) {
      JobOutcome& o = outcomes_[j];
      mark_if_late(j, end);
      const std::size_t a = run_[j].commit_step;
      double pue_s = 0.0;
      double green_s = 0.0;
      if (run_[j].state == State::kDone) {
        const std::size_t f = run_[j].finish_step;
        const double rem_s = finish_rem_s(j);
        pue_s = pue_dt_sum_s_[f] - pue_dt_sum_s_[a];
        green_s = green_dt_sum_s_[f] - green_dt_sum_s_[a];
        if (f < steps_done) {
          const double share = rem_s / dt_s_;
          pue_s += share * (pue_dt_sum_s_[f + 1] - pue_dt_sum_s_[f]);
          green_s += share * (green_dt_sum_s_[f + 1] - green_dt_sum_s_[f]);
        }
      } else if (a < steps_done) {
        pue_s = pue_dt_sum_s_[steps_done] - pue_dt_sum_s_[a];
        green_s = green_dt_sum_s_[steps_done] - green_dt_sum_s_[a];
        o.work_done_s += static_cast<double>(steps_done - a) * dt_s_;
      }
      o.energy_kwh += jobs_[j].power_kw * pue_s / 3600.0;
      o.green_kwh += jobs_[j].power_kw * green_s / 3600.0;
    }
    return JobReport{.policy = name(),
                     .jobs = std::move(jobs_),
                     .outcomes = std::move(outcomes_),
                     .max_reserved_over_capacity_kw = std::max(0.0, max_excess_kw_)};
  }

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
  // An unfinished job past its deadline at the run's end missed it.
  void mark_if_late(std::size_t j, Timestamp end) {
    if (outcomes_[j].finish_s < 0.0 && end > jobs_[j].deadline) outcomes_[j].deadline_missed = true;
  }

  // What committed job `j` uses of the step it ends in (work_left_s is the
  // work from its commitment on).
  double finish_rem_s(std::size_t j) const {
    return run_[j].work_left_s -
           static_cast<double>(run_[j].finish_step - run_[j].commit_step) * dt_s_;
  }

  double advance(const StepContext& ctx) {
    ran_.clear();
    double it_kwh = 0.0;
    const double t0_s = static_cast<double>((ctx.start - run_start_).in_seconds());
    const bool pauses = pauses_interruptible();
    const std::size_t committed_before = committed_count_;
    // Jobs committed in earlier steps run all of this one (those ending in it
    // give back what they do not use, below).
    it_kwh += committed_kw_ * dt_s_ / 3600.0;
    // Jobs committed or done this step leave active_ (kept in order). When
    // nothing pauses and no job was chosen, every job in active_ waits on
    // unchanged: the pass is skipped (at fine steps most steps start none).
    bool any_left = false;
    if (pauses || chosen_count_ > 0) {
      std::size_t kept = 0;
      const std::size_t n_active = active_.size();
      for (std::size_t k = 0; k < n_active; ++k) {
        const std::uint32_t j = active_[k];
        const Job& job = jobs_[j];
        JobRun& r = run_[j];
        JobOutcome& o = outcomes_[j];
        if (!r.chosen) {
          if (r.state == State::kRunning) {
            SHAPAN_ASSERT(job.kind == JobKind::kInterruptible, "only interruptible jobs pause");
            r.state = State::kPaused;
            ++o.interruptions;
          }
          active_[kept++] = j;
          continue;
        }
        r.chosen = false;
        if (r.state == State::kWaiting) {
          o.start_s = t0_s;
          if (job.kind == JobKind::kInflexible) --inflexible_waiting_;
          if (r.work_left_s <= dt_s_ && r.cap == 1.0) {
            // Ends in its first step at full speed (nothing is owed before a
            // first start): what the general case below computes (speed 1,
            // all of work_left_s used), for the many jobs shorter than a step.
            const double used_s = r.work_left_s;
            r.work_left_s = 0.0;
            r.state = State::kDone;
            finish(j, t0_s + used_s);
            o.work_done_s += used_s;
            const double kwh = power_at(j, r.cap) * used_s / 3600.0;
            it_kwh += kwh;
            ran_.emplace_back(j, kwh);
            continue;
          }
        } else if (r.state == State::kPaused) {
          r.owed_s += restart_s_;
        }
        r.state = State::kRunning;
        const double speed = r.cap < 1.0 ? capped_speed_frac(r.cap) : 1.0;
        const double to_finish_s = (r.owed_s + r.work_left_s) / speed;
        const double used_s = std::min(dt_s_, to_finish_s);
        double progress_s = used_s * speed;
        const double paid = std::min(r.owed_s, progress_s);
        r.owed_s -= paid;
        progress_s -= paid;
        if (to_finish_s <= dt_s_) {
          progress_s = r.work_left_s;
          r.owed_s = 0.0;
          r.state = State::kDone;
          finish(j, t0_s + to_finish_s);
        }
        r.work_left_s -= progress_s;
        o.work_done_s += progress_s;
        const double kwh = power_at(j, r.cap) * used_s / 3600.0;
        it_kwh += kwh;
        ran_.emplace_back(j, kwh);
        if (r.state == State::kRunning && (!pauses || job.kind != JobKind::kInterruptible)) {
          commit(j, ctx.index + 1);
        }
        if (r.state == State::kRunning) active_[kept++] = j;
      }
      any_left = kept < active_.size();
      active_.resize(kept);
    }
    chosen_count_ = 0;
    jobs_running_ = ran_.size() + committed_before;
    // Committed jobs ending in this step, in job order (the order fixes the
    // rounding of the sums).
    if (ctx.index < finishing_first_.size() && finishing_first_[ctx.index] != kNoJob) {
      finishing_.clear();
      for (std::uint32_t j = finishing_first_[ctx.index]; j != kNoJob; j = run_[j].next_finishing) {
        finishing_.push_back(j);
      }
      if (finishing_.size() > 1) std::sort(finishing_.begin(), finishing_.end());
      for (const std::uint32_t j : finishing_) {
        const double rem_s = finish_rem_s(j);
        it_kwh -= jobs_[j].power_kw * (dt_s_ - rem_s) / 3600.0;
        committed_kw_ -= jobs_[j].power_kw;
        outcomes_[j].work_done_s = jobs_[j].work_s;
        run_[j].state = State::kDone;
        finish(j, t0_s + rem_s);
      }
      committed_count_ -= finishing_.size();
    }
    // Sums of many additions and removals: exact zero when nothing runs.
    if (committed_count_ == 0) committed_kw_ = 0.0;
    if (any_left) after_leaving();
    return it_kwh / (dt_s_ / 3600.0);
  }
  // Called after a step in which jobs left active_ (committed or done).
  virtual void after_leaving() {}

  void finish(std::uint32_t j, double finish_s) {
    JobOutcome& o = outcomes_[j];
    o.finish_s = finish_s;
    o.deadline_missed =
        o.finish_s > static_cast<double>((jobs_[j].deadline - run_start_).in_seconds());
  }

  // `j` ran this step and will run at full power from step `from` to its end.
  void commit(std::uint32_t j, std::size_t from) {
    // Restart work still owed is paid at full speed like the work itself.
    run_[j].work_left_s += run_[j].owed_s;
    run_[j].owed_s = 0.0;
    run_[j].state = State::kCommitted;
    run_[j].commit_step = static_cast<std::uint32_t>(from);
    const std::size_t last = from + steps_to_finish(run_[j].work_left_s, dt_s_) - 1;
    run_[j].finish_step = static_cast<std::uint32_t>(last);
    if (finishing_first_.size() <= last) finishing_first_.resize(last + 1, kNoJob);
    run_[j].next_finishing = finishing_first_[last];
    finishing_first_[last] = j;
    ++committed_count_;
    committed_kw_ += jobs_[j].power_kw;
    committed_.push_back(j);
  }

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
  double max_excess_kw_ = 0.0;
};

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

// Flexible jobs kept in deadline order (earliest first), for EDF passes.
class DeadlineOrdered : public PolicyBase {
 public:
  using PolicyBase::PolicyBase;

 protected:
  void on_admit_flexible(std::uint32_t j, const StepContext& /*ctx*/) override {
    // A job arriving now mostly has the latest deadline (on the default
    // scenario it goes on average one place before the end): insert it from
    // the back, as insertion sort does.
    by_deadline_.push_back(j);
    auto pos = by_deadline_.end() - 1;
    for (; pos != by_deadline_.begin() && earlier_deadline(j, *(pos - 1)); --pos) *pos = *(pos - 1);
    *pos = j;
  }
  // Earliest deadline first, ties by job number: a strict total order, so
  // merging two lists sorted by it gives what sorting their union gives.
  bool earlier_deadline(std::uint32_t a, std::uint32_t b) const {
    return jobs_[a].deadline < jobs_[b].deadline ||
           (jobs_[a].deadline == jobs_[b].deadline && a < b);
  }
  // Jobs out of slack run first, earliest deadline first, as capacity allows.
  // A job is out of slack when waiting one more step would leave it less
  // than the margin, alone or together with the flexible jobs due before it:
  // a processor-demand test with capacity as a fluid, where the energy of
  // the waiting jobs due by each deadline must fit in the capacity free now
  // times the time left before that deadline (minus the margin). When it
  // does not, every job up to that deadline runs now.
  void start_urgent() {
    const double free_kw = capacity_kw_ - reserved_kw_;
    const double margin_s = params_.slack_margin_h * 3600.0;
    double demand_kwh = 0.0;
    std::size_t must = 0;
    for (std::size_t k = 0; k < by_deadline_.size(); ++k) {
      const std::uint32_t j = by_deadline_[k];
      if (!choosable(j)) continue;
      demand_kwh += jobs_[j].power_kw * need_s(j) / 3600.0;
      const double left_s =
          static_cast<double>(jobs_[j].deadline.unix_seconds()) - now_s() - dt_s() - margin_s;
      if (demand_kwh > free_kw * std::max(0.0, left_s) / 3600.0) must = k + 1;
    }
    for (std::size_t k = 0; k < by_deadline_.size(); ++k) {
      const std::uint32_t j = by_deadline_[k];
      if (choosable(j) && (k < must || urgent(j)) && fits(j)) run(j);
    }
  }

  std::vector<std::uint32_t> by_deadline_;  // admitted flexible jobs in the policy's hands

 private:
  void after_leaving() override {
    std::erase_if(by_deadline_, [this](std::uint32_t j) { return committed_or_done(j); });
  }
};

// A job's place in green_following's calendar. Trivial, so that a vector of
// them can be left unset (UnsetVector): fcfs_schedule() sets each job's.
struct Booking {
  std::uint32_t start_step;  // first step booked (kNoStep: never starts)
  std::uint32_t steps;       // steps occupied (set when start_step is)
  bool fcfs_on_time;         // FCFS ends the job by its deadline (idem)
};

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
// larger than the capacity). The test
// SchedulerPropertyTest.GreenFollowingWithoutCleanPowerKeepsFcfsStarts checks the two
// against each other.
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

class ForecastThreshold final : public DeadlineOrdered {
 public:
  ForecastThreshold(const SchedulerParams& params, std::vector<Job> jobs, Timestamp run_start,
                    Duration dt, const CleanOutlook& outlook)
      : DeadlineOrdered(params, std::move(jobs), run_start, dt),
        planned_start_(jobs_.size(), 0),
        threshold_(jobs_.size(), 0.0) {
    // Forecast of the clean power left for jobs, IT side: renewables with a
    // seeded error drawn once per hour, minus the inflexible load.
    const std::size_t n = outlook.renewables_kw.size();
    SHAPAN_ASSERT(outlook.online_facility_kw.size() == n && outlook.pue.size() == n,
                  "one outlook value per step");
    Rng rng(params.seed ^ 0x5EEDF0CA57ULL);
    forecast_.resize(n);
    prefix_.assign(n + 1, 0.0);
    const auto steps_per_hour = static_cast<std::size_t>(std::max(1.0, 3600.0 / dt_s()));
    double error = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      if (i % steps_per_hour == 0) error = params.forecast_error_frac * rng.normal();
      const double renewables = std::max(0.0, outlook.renewables_kw[i] * (1.0 + error));
      forecast_[i] = (renewables - outlook.online_facility_kw[i]) / std::max(1.0, outlook.pue[i]);
      prefix_[i + 1] = prefix_[i] + forecast_[i];
    }
  }
  std::string name() const override { return "forecast_threshold"; }

 private:
  bool pauses_interruptible() const override { return true; }

  void on_admit_flexible(std::uint32_t j, const StepContext& ctx) override {
    DeadlineOrdered::on_admit_flexible(j, ctx);
    const std::size_t n = forecast_.size();
    if (n == 0) return;
    const std::size_t s0 = std::min(ctx.index, n - 1);
    const auto steps = static_cast<std::size_t>(std::ceil(jobs_[j].work_s / dt_s()));
    // Latest step at which starting still meets the deadline with the margin.
    const double slack_s = static_cast<double>(jobs_[j].deadline.unix_seconds()) - now_s() -
                           jobs_[j].work_s - params_.slack_margin_h * 3600.0;
    const std::size_t last =
        std::min(n - 1, s0 + static_cast<std::size_t>(std::max(0.0, slack_s / dt_s())));
    if (jobs_[j].kind == JobKind::kDeferrable) {
      // The start whose next `steps` steps have the most forecast clean power.
      std::size_t best = s0;
      double best_sum = -1e300;
      for (std::size_t s = s0; s <= last; ++s) {
        const double sum = prefix_[std::min(n, s + steps)] - prefix_[s];
        if (sum > best_sum + 1e-9) {
          best_sum = sum;
          best = s;
        }
      }
      planned_start_[j] = best;
    } else {
      // Interruptible: the N best steps of the window set the threshold.
      const std::size_t end = std::min(n, last + steps);
      window_.assign(forecast_.begin() + static_cast<std::ptrdiff_t>(s0),
                     forecast_.begin() + static_cast<std::ptrdiff_t>(end));
      const std::size_t k = std::min(steps, window_.size()) - 1;
      std::nth_element(window_.begin(), window_.begin() + static_cast<std::ptrdiff_t>(k),
                       window_.end(), std::greater<>());
      threshold_[j] = window_[k];
    }
  }

  void plan(const StepContext& ctx) override {
    start_inflexible();
    start_urgent();
    const std::size_t i = std::min(ctx.index, forecast_.empty() ? 0 : forecast_.size() - 1);
    for (const std::uint32_t j : by_deadline_) {
      if (!choosable(j) || !fits(j)) continue;
      const bool planned = jobs_[j].kind == JobKind::kDeferrable
                               ? planned_start_[j] <= ctx.index
                               : !forecast_.empty() && forecast_[i] >= threshold_[j];
      if (planned) run(j);
    }
  }

  std::vector<double> forecast_;
  std::vector<double> prefix_;
  std::vector<std::size_t> planned_start_;
  std::vector<double> threshold_;
  std::vector<double> window_;
};

class PowerCapping final : public DeadlineOrdered {
 public:
  using DeadlineOrdered::DeadlineOrdered;
  std::string name() const override { return "power_capping"; }

 private:
  bool pauses_interruptible() const override { return true; }

  void plan(const StepContext& ctx) override {
    // Every job as fcfs: running ones keep their place, then arrival order.
    for (const std::uint32_t j : active_) {
      if (running(j)) run(j);
    }
    for (const std::uint32_t j : active_) {
      if (choosable(j) && fits(j)) run(j);
    }
    // Cap the cappable jobs with slack, all to one level, as far as needed to
    // bring the jobs' power down to the clean power (and no lower than the
    // minimum cap).
    double cappable_gpu_kw = 0.0;
    cappable_.clear();
    for (const std::uint32_t j : active_) {
      if (jobs_[j].power_cappable && choosable(j) && !urgent(j)) {
        cappable_.push_back(j);
        cappable_gpu_kw += jobs_[j].gpu_kw;
      }
    }
    const double excess_kw = running_kw_ - ctx.clean_it_kw;
    if (excess_kw <= 0.0 || cappable_gpu_kw <= 0.0) return;
    const double cut_kw = std::min(excess_kw, cappable_gpu_kw * (1.0 - params_.min_power_cap_frac));
    const double cap = 1.0 - cut_kw / cappable_gpu_kw;
    for (const std::uint32_t j : cappable_) recap(j, cap);
  }
  void recap(std::uint32_t j, double cap) {
    // run() took the job uncapped; lower its power to the cap.
    if (!chosen(j)) return;
    running_kw_ -= jobs_[j].gpu_kw * (1.0 - cap);
    set_cap(j, cap);
  }

  std::vector<std::uint32_t> cappable_;
};

}  // namespace

std::string policy_name(SchedulerPolicy policy) {
  switch (policy) {
    case SchedulerPolicy::kFcfs:
      return "fcfs";
    case SchedulerPolicy::kGreenFollowing:
      return "green_following";
    case SchedulerPolicy::kForecastThreshold:
      return "forecast_threshold";
    case SchedulerPolicy::kPowerCapping:
      return "power_capping";
  }
  return "fcfs";
}

std::vector<FieldIssue> SchedulerParams::check() const {
  return FieldChecker()
      .in_range("storage_budget_frac", storage_budget_frac, 0.0, 1.0)
      .in_range("slack_margin_h", slack_margin_h, 0.0, 168.0)
      .in_range("forecast_error_frac", forecast_error_frac, 0.0, 2.0)
      .in_range("min_power_cap_frac", min_power_cap_frac, 0.6, 1.0)
      .issues();
}

std::unique_ptr<Scheduler> make_scheduler(const SchedulerParams& params, std::vector<Job> jobs,
                                          Timestamp run_start, Duration dt,
                                          const CleanOutlook& outlook, double restart_cost_s) {
  require_valid("scheduler", params.check());
  std::unique_ptr<PolicyBase> s;
  switch (params.policy) {
    case SchedulerPolicy::kFcfs:
      s = std::make_unique<Fcfs>(params, std::move(jobs), run_start, dt);
      break;
    case SchedulerPolicy::kGreenFollowing:
      s = std::make_unique<GreenFollowing>(params, std::move(jobs), run_start, dt);
      break;
    case SchedulerPolicy::kForecastThreshold:
      s = std::make_unique<ForecastThreshold>(params, std::move(jobs), run_start, dt, outlook);
      break;
    case SchedulerPolicy::kPowerCapping:
      s = std::make_unique<PowerCapping>(params, std::move(jobs), run_start, dt);
      break;
  }
  s->set_restart_cost_s(restart_cost_s);
  return s;
}

}  // namespace shapan::load
