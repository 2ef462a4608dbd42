// The power_capping policy (scheduler.h): jobs start as under fcfs; when clean
// power is short, the cappable jobs' GPUs are capped, unless their slack is out.
#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include "scheduler_deadline_ordered.h"
#include "scheduler_policies.h"

namespace shapan::load::detail {
namespace {

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

std::unique_ptr<PolicyBase> make_power_capping(const SchedulerParams& params, std::vector<Job> jobs,
                                               Timestamp run_start, Duration dt) {
  return std::make_unique<PowerCapping>(params, std::move(jobs), run_start, dt);
}

}  // namespace shapan::load::detail
