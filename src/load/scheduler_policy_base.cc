// PolicyBase: the bookkeeping every scheduler policy shares (see
// scheduler_policy_base.h).
#include "scheduler_policy_base.h"

#include <algorithm>
#include <cmath>

#include "shapan/core/assert.h"

// The per-step helpers of step() are `inline` (run_chosen, called once per
// job run, always_inline): used in this file only, and not inlined they made
// a scheduler's step a fifth more costly (callgrind, bench_jobs
// BM_YearFiveMinuteFcfs: 39.3 M instructions in step() against 31.0 M before
// the split; 31.8 M inlined).
namespace shapan::load::detail {

std::size_t steps_to_finish(double work_s, double dt_s) {
  if (work_s <= dt_s) return 1;
  auto m = static_cast<std::size_t>(std::ceil(work_s / dt_s));
  // The quotient's rounding may put ceil one off at an exact multiple.
  if (work_s - static_cast<double>(m - 1) * dt_s > dt_s) ++m;
  if (m > 1 && work_s - static_cast<double>(m - 2) * dt_s <= dt_s) --m;
  return m;
}

PolicyBase::PolicyBase(const SchedulerParams& params, std::vector<Job> jobs, Timestamp run_start,
                       Duration dt)
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

double PolicyBase::step(const StepContext& ctx) {
  now_s_ = static_cast<double>(ctx.start.unix_seconds());
  admit(ctx);
  // Committed jobs run at full power; nothing is chosen yet (advance()
  // cleared the last step's choices).
  reserved_kw_ = committed_kw_;
  running_kw_ = committed_kw_;
  capacity_kw_ = ctx.capacity_kw;
  plan(ctx);
  max_excess_kw_ = std::max(max_excess_kw_, reserved_kw_ - ctx.capacity_kw);
  return advance(ctx);
}

inline void PolicyBase::admit(const StepContext& ctx) {
  while (next_ < jobs_.size() && jobs_[next_].arrival <= ctx.start) {
    JobRun& r = run_[next_];
    r.work_left_s = jobs_[next_].work_s;
    r.owed_s = 0.0;
    r.state = State::kWaiting;
    r.chosen = false;
    active_.push_back(static_cast<std::uint32_t>(next_));
    if (flexible(static_cast<std::uint32_t>(next_))) {
      ++flexible_waiting_;
      on_admit_flexible(static_cast<std::uint32_t>(next_), ctx);
    } else {
      ++inflexible_waiting_;
    }
    ++next_;
  }
}

void PolicyBase::account(double pue, double clean_frac) {
  for (const auto& [j, it_kwh] : ran_) {
    outcomes_[j].energy_kwh += it_kwh * pue;
    outcomes_[j].green_kwh += it_kwh * pue * clean_frac;
  }
  pue_dt_sum_s_.push_back(pue_dt_sum_s_.back() + dt_s_ * pue);
  green_dt_sum_s_.push_back(green_dt_sum_s_.back() + dt_s_ * pue * clean_frac);
}

JobReport PolicyBase::report(Timestamp end) && {
  // Unfinished jobs past their deadline missed it: those in the policy's
  // hands, those never admitted, and committed ones (below). Committed
  // jobs' energy comes from the running sums over their steps.
  for (const std::uint32_t j : active_) mark_if_late(j, end);
  for (std::size_t j = next_; j < jobs_.size(); ++j) mark_if_late(j, end);
  const std::size_t steps_done = pue_dt_sum_s_.size() - 1;
  for (const std::uint32_t j : committed_) {
    mark_if_late(j, end);
    add_committed_energy(j, steps_done);
  }
  return JobReport{.policy = name(),
                   .jobs = std::move(jobs_),
                   .outcomes = std::move(outcomes_),
                   .max_reserved_over_capacity_kw = std::max(0.0, max_excess_kw_)};
}

void PolicyBase::add_committed_energy(std::uint32_t j, std::size_t steps_done) {
  JobOutcome& o = outcomes_[j];
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

UnsetVector<Booking> PolicyBase::bookings() const {
  SHAPAN_ASSERT(!pauses_interruptible(), "bookings() of a policy that never pauses");
  UnsetVector<Booking> out(jobs_.size());
  for (std::size_t j = 0; j < jobs_.size(); ++j) {
    const JobOutcome& o = outcomes_[j];
    Booking& b = out[j];
    if (o.start_s < 0.0) {
      b.start_step = kNoStep;
      continue;
    }
    SHAPAN_ASSERT(o.finish_s >= 0.0, "bookings() after every started job is done");
    // start_s is a whole number of steps (the start of one), so the quotient is exact.
    b.start_step = static_cast<std::uint32_t>(o.start_s / dt_s_);
    b.steps = 1;  // a job done in its first step is never committed
    b.fcfs_on_time = !o.deadline_missed;
  }
  for (const std::uint32_t j : committed_) {
    out[j].steps = run_[j].finish_step - out[j].start_step + 1;
  }
  return out;
}

inline double PolicyBase::advance(const StepContext& ctx) {
  ran_.clear();
  double it_kwh = 0.0;
  const double t0_s = static_cast<double>((ctx.start - run_start_).in_seconds());
  const std::size_t committed_before = committed_count_;
  // Jobs committed in earlier steps run all of this one (those ending in it
  // give back what they do not use, below).
  it_kwh += committed_kw_ * dt_s_ / 3600.0;
  // When nothing pauses and no job was chosen, every job in active_ waits on
  // unchanged: the pass is skipped (at fine steps most steps start none).
  bool any_left = false;
  jobs_capped_ = 0;
  if (pauses_interruptible() || chosen_count_ > 0) any_left = run_active(ctx, t0_s, it_kwh);
  chosen_count_ = 0;
  jobs_running_ = ran_.size() + committed_before;
  end_committed(ctx, t0_s, it_kwh);
  // Sums of many additions and removals: exact zero when nothing runs.
  if (committed_count_ == 0) committed_kw_ = 0.0;
  if (any_left) after_leaving();
  return it_kwh / (dt_s_ / 3600.0);
}

inline bool PolicyBase::run_active(const StepContext& ctx, double t0_s, double& it_kwh) {
  const bool pauses = pauses_interruptible();
  // Jobs committed or done this step leave active_ (kept in order).
  std::size_t kept = 0;
  const std::size_t n_active = active_.size();
  for (std::size_t k = 0; k < n_active; ++k) {
    const std::uint32_t j = active_[k];
    JobRun& r = run_[j];
    if (!r.chosen) {
      if (r.state == State::kRunning) {
        SHAPAN_ASSERT(jobs_[j].kind == JobKind::kInterruptible, "only interruptible jobs pause");
        r.state = State::kPaused;
        ++outcomes_[j].interruptions;
        ++flexible_waiting_;
      }
      active_[kept++] = j;
      continue;
    }
    it_kwh += run_chosen(j, t0_s);
    if (r.state == State::kRunning && (!pauses || jobs_[j].kind != JobKind::kInterruptible)) {
      commit(j, ctx.index + 1);
    }
    if (r.state == State::kRunning) active_[kept++] = j;
  }
  const bool any_left = kept < active_.size();
  active_.resize(kept);
  return any_left;
}

inline double PolicyBase::run_chosen(std::uint32_t j, double t0_s) {
  const Job& job = jobs_[j];
  JobRun& r = run_[j];
  JobOutcome& o = outcomes_[j];
  r.chosen = false;
  if (r.state == State::kWaiting) {
    o.start_s = t0_s;
    if (job.kind == JobKind::kInflexible) {
      --inflexible_waiting_;
    } else {
      --flexible_waiting_;
    }
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
      ran_.emplace_back(j, kwh);
      return kwh;
    }
  } else if (r.state == State::kPaused) {
    r.owed_s += restart_s_;
    --flexible_waiting_;
  }
  r.state = State::kRunning;
  double speed = 1.0;
  if (r.cap < 1.0) {
    speed = capped_speed_frac(r.cap);
    ++jobs_capped_;
  }
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
  ran_.emplace_back(j, kwh);
  return kwh;
}

inline void PolicyBase::end_committed(const StepContext& ctx, double t0_s, double& it_kwh) {
  // Committed jobs ending in this step, in job order (the order fixes the
  // rounding of the sums).
  if (ctx.index >= finishing_first_.size() || finishing_first_[ctx.index] == kNoJob) return;
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

inline void PolicyBase::commit(std::uint32_t j, std::size_t from) {
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

}  // namespace shapan::load::detail
