#include "shapan/load/scheduler.h"

#include <algorithm>
#include <cmath>
#include <functional>

#include "rng.h"
#include "shapan/core/assert.h"

namespace shapan::load {
namespace {

enum class State : std::uint8_t { kPending, kWaiting, kRunning, kPaused, kDone };

constexpr double kEpsKw = 1e-9;

// Bookkeeping shared by every policy: arrivals, the capacity check, running
// and pausing, work and energy. A policy only chooses, in plan(), which of the
// admitted jobs run this step (run()) and at what GPU cap.
class PolicyBase : public Scheduler {
 public:
  PolicyBase(const SchedulerParams& params, std::vector<Job> jobs, Timestamp run_start, Duration dt)
      : params_(params),
        jobs_(std::move(jobs)),
        run_start_(run_start),
        dt_s_(static_cast<double>(dt.in_seconds())),
        restart_s_(0.0),
        state_(jobs_.size(), State::kPending),
        work_left_s_(jobs_.size()),
        owed_s_(jobs_.size(), 0.0),
        cap_(jobs_.size(), 1.0),
        run_now_(jobs_.size(), 0),
        outcomes_(jobs_.size()) {
    for (std::size_t j = 0; j < jobs_.size(); ++j) {
      SHAPAN_ASSERT(j == 0 || jobs_[j - 1].arrival <= jobs_[j].arrival, "jobs sorted by arrival");
      work_left_s_[j] = jobs_[j].work_s;
    }
  }

  void set_restart_cost_s(double s) { restart_s_ = s; }

  double step(const StepContext& ctx) final {
    now_s_ = static_cast<double>(ctx.start.unix_seconds());
    // Admit every job that has arrived by the step's start.
    while (next_ < jobs_.size() && jobs_[next_].arrival <= ctx.start) {
      state_[next_] = State::kWaiting;
      if (!flexible(static_cast<std::uint32_t>(next_))) ++inflexible_waiting_;
      active_.push_back(static_cast<std::uint32_t>(next_));
      on_admit(static_cast<std::uint32_t>(next_), ctx);
      ++next_;
    }
    reserved_kw_ = 0.0;
    running_kw_ = 0.0;
    capacity_kw_ = ctx.capacity_kw;
    // Started jobs that may not pause keep running.
    for (const std::uint32_t j : active_) {
      run_now_[j] = 0;
      cap_[j] = 1.0;
      if (state_[j] == State::kRunning && jobs_[j].kind != JobKind::kInterruptible) run(j);
    }
    plan(ctx);
    max_excess_kw_ = std::max(max_excess_kw_, reserved_kw_ - ctx.capacity_kw);
    return advance(ctx);
  }

  void account(double pue, double clean_frac) final {
    for (const auto& [j, it_kwh] : ran_) {
      outcomes_[j].energy_kwh += it_kwh * pue;
      outcomes_[j].green_kwh += it_kwh * pue * clean_frac;
    }
  }

  JobReport report(Timestamp end) const final {
    JobReport r{.policy = name(),
                .jobs = jobs_,
                .outcomes = outcomes_,
                .max_reserved_over_capacity_kw = std::max(0.0, max_excess_kw_)};
    for (std::size_t j = 0; j < jobs_.size(); ++j) {
      JobOutcome& o = r.outcomes[j];
      if (o.finish_s < 0.0 && end > jobs_[j].deadline) o.deadline_missed = true;
    }
    return r;
  }

 protected:
  virtual void on_admit(std::uint32_t /*job*/, const StepContext& /*ctx*/) {}
  virtual void plan(const StepContext& ctx) = 0;

  bool fits(std::uint32_t j) const {
    return reserved_kw_ + jobs_[j].power_kw <= capacity_kw_ + kEpsKw;
  }
  // Marks `j` to run this step with its GPUs at `cap` of board power.
  void run(std::uint32_t j, double cap = 1.0) {
    if (run_now_[j]) return;
    run_now_[j] = 1;
    cap_[j] = cap;
    reserved_kw_ += jobs_[j].power_kw;
    running_kw_ += power_at(j, cap);
  }
  double power_at(std::uint32_t j, double cap) const {
    return jobs_[j].power_kw - jobs_[j].gpu_kw * (1.0 - cap);
  }
  bool flexible(std::uint32_t j) const { return jobs_[j].kind != JobKind::kInflexible; }
  bool running(std::uint32_t j) const { return state_[j] == State::kRunning; }
  bool done(std::uint32_t j) const { return state_[j] == State::kDone; }
  bool chosen(std::uint32_t j) const { return run_now_[j] != 0; }
  void set_cap(std::uint32_t j, double cap) { cap_[j] = cap; }
  // May the policy choose whether `j` runs? (Not: done, or started and unpausable.)
  bool choosable(std::uint32_t j) const {
    return state_[j] == State::kWaiting || state_[j] == State::kPaused ||
           (state_[j] == State::kRunning && jobs_[j].kind == JobKind::kInterruptible);
  }
  // Run time still needed at full speed, with any restart to pay.
  double need_s(std::uint32_t j) const {
    return work_left_s_[j] + owed_s_[j] + (state_[j] == State::kPaused ? restart_s_ : 0.0);
  }
  double dt_s() const { return dt_s_; }
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
  std::vector<std::uint32_t> active_;  // admitted, not done, in arrival order
  double reserved_kw_ = 0.0;           // uncapped power of the jobs chosen so far
  double running_kw_ = 0.0;            // their actual power
  double capacity_kw_ = 0.0;
  double now_s_ = 0.0;  // step start, Unix seconds
  std::size_t inflexible_waiting_ = 0;  // admitted inflexible jobs not started yet

 private:
  double advance(const StepContext& ctx) {
    ran_.clear();
    double it_kwh = 0.0;
    const double t0_s = static_cast<double>((ctx.start - run_start_).in_seconds());
    for (const std::uint32_t j : active_) {
      JobOutcome& o = outcomes_[j];
      if (!run_now_[j]) {
        if (state_[j] == State::kRunning) {
          SHAPAN_ASSERT(jobs_[j].kind == JobKind::kInterruptible, "only interruptible jobs pause");
          state_[j] = State::kPaused;
          ++o.interruptions;
        }
        continue;
      }
      if (state_[j] == State::kPaused) owed_s_[j] += restart_s_;
      if (state_[j] == State::kWaiting && !flexible(j)) --inflexible_waiting_;
      if (o.start_s < 0.0) o.start_s = t0_s;
      state_[j] = State::kRunning;
      const double speed = cap_[j] < 1.0 ? capped_speed_frac(cap_[j]) : 1.0;
      const double to_finish_s = (owed_s_[j] + work_left_s_[j]) / speed;
      const double used_s = std::min(dt_s_, to_finish_s);
      double progress_s = used_s * speed;
      const double paid = std::min(owed_s_[j], progress_s);
      owed_s_[j] -= paid;
      progress_s -= paid;
      if (to_finish_s <= dt_s_) {
        progress_s = work_left_s_[j];
        owed_s_[j] = 0.0;
        state_[j] = State::kDone;
        o.finish_s = t0_s + to_finish_s;
        o.deadline_missed =
            o.finish_s > static_cast<double>((jobs_[j].deadline - run_start_).in_seconds());
      }
      work_left_s_[j] -= progress_s;
      o.work_done_s += progress_s;
      const double kwh = power_at(j, cap_[j]) * used_s / 3600.0;
      it_kwh += kwh;
      ran_.emplace_back(j, kwh);
    }
    std::erase_if(active_, [this](std::uint32_t j) { return state_[j] == State::kDone; });
    after_advance();
    return it_kwh / (dt_s_ / 3600.0);
  }
  virtual void after_advance() {}

  Timestamp run_start_;
  double dt_s_;
  double restart_s_;
  std::size_t next_ = 0;  // next job to admit
  std::vector<State> state_;
  std::vector<double> work_left_s_;  // work at full speed still to do
  std::vector<double> owed_s_;       // restart work owed before progress resumes
  std::vector<double> cap_;
  std::vector<std::uint8_t> run_now_;
  std::vector<JobOutcome> outcomes_;
  std::vector<std::pair<std::uint32_t, double>> ran_;  // this step: job, IT kWh
  double max_excess_kw_ = 0.0;
};

class Fcfs final : public PolicyBase {
 public:
  using PolicyBase::PolicyBase;
  std::string name() const override { return "fcfs"; }

 private:
  void plan(const StepContext& /*ctx*/) override {
    // Running jobs keep their place; then waiting ones in arrival order.
    for (const std::uint32_t j : active_) {
      if (running(j)) run(j);
    }
    for (const std::uint32_t j : active_) {
      if (choosable(j) && fits(j)) run(j);
    }
  }
};

// Flexible jobs kept in deadline order (earliest first), for EDF passes.
class DeadlineOrdered : public PolicyBase {
 public:
  using PolicyBase::PolicyBase;

 protected:
  void on_admit(std::uint32_t j, const StepContext& ctx) override {
    if (!flexible(j)) return;
    const auto pos = std::upper_bound(by_deadline_.begin(), by_deadline_.end(), j,
                                      [this](std::uint32_t a, std::uint32_t b) {
                                        return jobs_[a].deadline < jobs_[b].deadline ||
                                               (jobs_[a].deadline == jobs_[b].deadline && a < b);
                                      });
    by_deadline_.insert(pos, j);
    on_admit_flexible(j, ctx);
  }
  virtual void on_admit_flexible(std::uint32_t /*j*/, const StepContext& /*ctx*/) {}
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
          static_cast<double>(jobs_[j].deadline.unix_seconds()) - now_s_ - dt_s() - margin_s;
      if (demand_kwh > free_kw * std::max(0.0, left_s) / 3600.0) must = k + 1;
    }
    for (std::size_t k = 0; k < by_deadline_.size(); ++k) {
      const std::uint32_t j = by_deadline_[k];
      if (choosable(j) && (k < must || urgent(j)) && fits(j)) run(j);
    }
  }

  std::vector<std::uint32_t> by_deadline_;

 private:
  void after_advance() override {
    std::erase_if(by_deadline_, [this](std::uint32_t j) { return done(j); });
  }
};

class GreenFollowing final : public DeadlineOrdered {
 public:
  using DeadlineOrdered::DeadlineOrdered;
  std::string name() const override { return "green_following"; }

 private:
  void plan(const StepContext& ctx) override {
    start_inflexible();
    start_urgent();
    // Congested: the admitted jobs would fill the capacity anyway, so
    // deferring would only push work into a later queue. Run earliest
    // deadline first as capacity allows.
    double admitted_kw = 0.0;
    for (const std::uint32_t j : active_) admitted_kw += jobs_[j].power_kw;
    if (admitted_kw > params_.congestion_frac * ctx.capacity_kw) {
      for (const std::uint32_t j : by_deadline_) {
        if (choosable(j) && fits(j)) run(j);
      }
      return;
    }
    // The rest, earliest deadline first, while clean power covers them.
    double budget_kw = ctx.clean_it_kw - running_kw_;
    for (const std::uint32_t j : by_deadline_) {
      if (budget_kw <= 0.0) break;
      if (!choosable(j) || !fits(j) || jobs_[j].power_kw > budget_kw + kEpsKw) continue;
      run(j);
      budget_kw -= jobs_[j].power_kw;
    }
  }
};

class ForecastThreshold final : public DeadlineOrdered {
 public:
  ForecastThreshold(const SchedulerParams& params, std::vector<Job> jobs, Timestamp run_start,
                    Duration dt, const CleanOutlook& outlook)
      : DeadlineOrdered(params, std::move(jobs), run_start, dt),
        dt_s_(static_cast<double>(dt.in_seconds())),
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
    const auto steps_per_hour = static_cast<std::size_t>(std::max(1.0, 3600.0 / dt_s_));
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
  void on_admit_flexible(std::uint32_t j, const StepContext& ctx) override {
    const std::size_t n = forecast_.size();
    if (n == 0) return;
    const std::size_t s0 = std::min(ctx.index, n - 1);
    const auto steps = static_cast<std::size_t>(std::ceil(jobs_[j].work_s / dt_s_));
    // Latest step at which starting still meets the deadline with the margin.
    const double slack_s = static_cast<double>(jobs_[j].deadline.unix_seconds()) - now_s_ -
                           jobs_[j].work_s - params_.slack_margin_h * 3600.0;
    const std::size_t last =
        std::min(n - 1, s0 + static_cast<std::size_t>(std::max(0.0, slack_s / dt_s_)));
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

  double dt_s_;
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
      .in_range("congestion_frac", congestion_frac, 0.0, 1.0)
      .issues();
}

std::unique_ptr<Scheduler> make_scheduler(const SchedulerParams& params, std::vector<Job> jobs,
                                          Timestamp run_start, Duration dt, CleanOutlook outlook,
                                          double restart_cost_s) {
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
