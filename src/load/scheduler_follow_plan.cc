// The follow_plan policy (scheduler.h): the flexible jobs follow a plan of
// their IT power per step (the optimiser's, docs/optimization.md, "Flexible
// compute"), within the rules every policy keeps.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "scheduler_deadline_ordered.h"
#include "scheduler_policies.h"

namespace shapan::load::detail {
namespace {

// Each flexible job is placed on the plan when it arrives, as
// forecast_threshold places it on a forecast: a deferrable job starts at the
// step whose next `work` steps have the most planned power; an interruptible
// one runs in the steps where the plan is at or above the value of the N-th
// best step of its window (N = its steps of work). (A first version took
// jobs earliest deadline first while their power stayed nearest each step's
// plan: on the Golmud example with a synthetic workload its replay reached a
// CFE of 0.8897 against 0.8907 with this one, and 17.9 % of the coordination
// bound on the default base against 27.3 %; docs/optimization.md.)
class FollowPlan final : public DeadlineOrdered {
 public:
  FollowPlan(const SchedulerParams& params, std::vector<Job> jobs, Timestamp run_start, Duration dt,
             const CleanOutlook& outlook)
      : DeadlineOrdered(params, std::move(jobs), run_start, dt),
        plan_kw_(outlook.plan_it_kw),
        capped_kw_(outlook.plan_capped_it_kw),
        // Without a plan for it, a job runs only once out of slack.
        planned_start_(jobs_.size(), std::numeric_limits<std::size_t>::max()),
        threshold_(jobs_.size(), std::numeric_limits<double>::infinity()) {
    prefix_.assign(plan_kw_.size() + 1, 0.0);
    for (std::size_t i = 0; i < plan_kw_.size(); ++i) prefix_[i + 1] = prefix_[i] + plan_kw_[i];
  }
  std::string name() const override { return "follow_plan"; }

 private:
  bool pauses_interruptible() const override { return true; }

  static double at(const std::vector<double>& v, std::size_t i) {
    return i < v.size() ? v[i] : 0.0;
  }

  void on_admit_flexible(std::uint32_t j, const StepContext& ctx) override {
    DeadlineOrdered::on_admit_flexible(j, ctx);
    const std::size_t n = plan_kw_.size();
    if (ctx.index >= n) return;
    const std::size_t s0 = ctx.index;
    const auto steps =
        std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(jobs_[j].work_s / dt_s())));
    // The latest start that still meets the deadline with the margin.
    const double slack_s = static_cast<double>(jobs_[j].deadline.unix_seconds()) - now_s() -
                           jobs_[j].work_s - params_.slack_margin_h * 3600.0;
    const std::size_t last =
        std::min(n - 1, s0 + static_cast<std::size_t>(std::max(0.0, slack_s / dt_s())));
    if (jobs_[j].kind == JobKind::kDeferrable) {
      std::size_t best = s0;
      double best_sum = -1.0;
      for (std::size_t s = s0; s <= last; ++s) {
        const double sum = prefix_[std::min(n, s + steps)] - prefix_[s];
        if (sum > best_sum + 1e-9) {
          best_sum = sum;
          best = s;
        }
      }
      planned_start_[j] = best;
      return;
    }
    const std::size_t end = std::min(n, last + steps);
    window_.assign(plan_kw_.begin() + static_cast<std::ptrdiff_t>(s0),
                   plan_kw_.begin() + static_cast<std::ptrdiff_t>(end));
    const std::size_t k = std::min(steps, window_.size()) - 1;
    std::nth_element(window_.begin(), window_.begin() + static_cast<std::ptrdiff_t>(k),
                     window_.end(), std::greater<>());
    threshold_[j] = window_[k];
  }

  void plan(const StepContext& ctx) override {
    start_inflexible();
    start_urgent();
    const double plan_kw = at(plan_kw_, ctx.index);
    for (const std::uint32_t j : by_deadline_) {
      if (!choosable(j) || chosen(j) || !fits(j)) continue;
      const bool planned = jobs_[j].kind == JobKind::kDeferrable
                               ? planned_start_[j] <= ctx.index
                               : plan_kw > kEpsKw && plan_kw >= threshold_[j];
      if (planned) run(j);
    }
    cap_to_plan(at(capped_kw_, ctx.index));
  }

  // Caps the chosen cappable interruptible jobs with slack to the lowest cap,
  // earliest deadline first, while their full-speed work rate stays nearest
  // the plan's capped part (a job counts when it brings it nearer).
  void cap_to_plan(double capped_plan_kw) {
    if (capped_plan_kw <= kEpsKw) return;
    const double cap = params_.min_power_cap_frac;
    const double speed = capped_speed_frac(cap);
    double capped_kw = 0.0;
    for (const std::uint32_t j : by_deadline_) {
      const Job& job = jobs_[j];
      if (!chosen(j) || !job.power_cappable || job.kind != JobKind::kInterruptible || urgent(j)) {
        continue;
      }
      if (capped_kw + 0.5 * job.power_kw * speed > capped_plan_kw + kEpsKw) continue;
      running_kw_ -= job.gpu_kw * (1.0 - cap);
      set_cap(j, cap);
      capped_kw += job.power_kw * speed;
    }
  }

  std::vector<double> plan_kw_;
  std::vector<double> capped_kw_;
  std::vector<double> prefix_;              // running sums of plan_kw_
  std::vector<std::size_t> planned_start_;  // deferrable jobs
  std::vector<double> threshold_;           // interruptible jobs
  std::vector<double> window_;              // scratch
};

}  // namespace

std::unique_ptr<PolicyBase> make_follow_plan(const SchedulerParams& params, std::vector<Job> jobs,
                                             Timestamp run_start, Duration dt,
                                             const CleanOutlook& outlook) {
  return std::make_unique<FollowPlan>(params, std::move(jobs), run_start, dt, outlook);
}

}  // namespace shapan::load::detail
