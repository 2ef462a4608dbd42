// The follow_plan policy (scheduler.h): the flexible jobs follow a plan of
// their IT power per step (the optimiser's, docs/optimization.md, "Flexible
// compute"), within the rules every policy keeps.
#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "scheduler_deadline_ordered.h"
#include "scheduler_policies.h"

namespace shapan::load::detail {
namespace {

class FollowPlan final : public DeadlineOrdered {
 public:
  FollowPlan(const SchedulerParams& params, std::vector<Job> jobs, Timestamp run_start, Duration dt,
             const CleanOutlook& outlook)
      : DeadlineOrdered(params, std::move(jobs), run_start, dt),
        plan_kw_(outlook.plan_it_kw),
        capped_kw_(outlook.plan_capped_it_kw) {}
  std::string name() const override { return "follow_plan"; }

 private:
  bool pauses_interruptible() const override { return true; }

  static double at(const std::vector<double>& v, std::size_t i) {
    return i < v.size() ? v[i] : 0.0;
  }

  void plan(const StepContext& ctx) override {
    // Deferrable jobs started earlier that ended before this step.
    if (ctx.index < release_kw_.size()) committed_flex_kw_ -= release_kw_[ctx.index];
    if (committed_flex_kw_ < kEpsKw) committed_flex_kw_ = 0.0;
    start_inflexible();
    start_urgent();
    // (Carrying the plan's energy not yet run into the next steps the plan
    // gives power to was tried: on the Golmud example with a synthetic
    // workload it lowered the replay's CFE by 1.1 points, since the long
    // deferrable jobs that run through unplanned steps put the count ahead
    // of the plan and then hold back the jobs of the next planned steps.)
    const double plan_kw = at(plan_kw_, ctx.index);
    double flex_kw = committed_flex_kw_;
    for (const std::uint32_t j : by_deadline_) {
      if (chosen(j)) flex_kw += jobs_[j].power_kw;
    }
    // Running interruptible jobs first (a pause costs a restart), then the
    // waiting and paused ones, each pass earliest deadline first. A job is
    // taken when it brings the flexible power nearer the plan than leaving
    // it out: flex + power − plan <= plan − flex.
    for (const bool running_pass : {true, false}) {
      for (const std::uint32_t j : by_deadline_) {
        if (!choosable(j) || chosen(j) || running(j) != running_pass) continue;
        if (flex_kw + 0.5 * jobs_[j].power_kw > plan_kw + kEpsKw || !fits(j)) continue;
        run(j);
        flex_kw += jobs_[j].power_kw;
      }
    }
    book_deferrable_starts(ctx.index);
    cap_to_plan(at(capped_kw_, ctx.index));
  }

  // A deferrable job starting now runs unpaused at full power to its end
  // (PolicyBase commits it after its first step): its power counts until the
  // step after the one it ends in.
  void book_deferrable_starts(std::size_t i) {
    for (const std::uint32_t j : by_deadline_) {
      if (!chosen(j) || !waiting(j) || jobs_[j].kind != JobKind::kDeferrable) continue;
      const double work_s = jobs_[j].work_s;
      const std::size_t steps = work_s <= dt_s() ? 1 : 1 + steps_to_finish(work_s - dt_s(), dt_s());
      if (steps == 1) continue;  // done within this step
      const std::size_t end = i + steps;
      if (release_kw_.size() <= end) release_kw_.resize(end + 1, 0.0);
      release_kw_[end] += jobs_[j].power_kw;
      committed_flex_kw_ += jobs_[j].power_kw;
    }
  }

  // Caps the chosen cappable interruptible jobs with slack to the lowest cap,
  // earliest deadline first, while their full-speed power stays within the
  // plan's capped part (a job counts when it brings it nearer, as above).
  void cap_to_plan(double capped_plan_kw) {
    if (capped_plan_kw <= kEpsKw) return;
    const double cap = params_.min_power_cap_frac;
    double capped_kw = 0.0;
    for (const std::uint32_t j : by_deadline_) {
      const Job& job = jobs_[j];
      if (!chosen(j) || !job.power_cappable || job.kind != JobKind::kInterruptible || urgent(j)) {
        continue;
      }
      if (capped_kw + 0.5 * job.power_kw > capped_plan_kw + kEpsKw) continue;
      running_kw_ -= job.gpu_kw * (1.0 - cap);
      set_cap(j, cap);
      capped_kw += job.power_kw;
    }
  }

  std::vector<double> plan_kw_;
  std::vector<double> capped_kw_;
  std::vector<double> release_kw_;  // per step: power of started deferrable jobs ending before it
  double committed_flex_kw_ = 0.0;  // started deferrable jobs still running
};

}  // namespace

std::unique_ptr<PolicyBase> make_follow_plan(const SchedulerParams& params, std::vector<Job> jobs,
                                             Timestamp run_start, Duration dt,
                                             const CleanOutlook& outlook) {
  return std::make_unique<FollowPlan>(params, std::move(jobs), run_start, dt, outlook);
}

}  // namespace shapan::load::detail
