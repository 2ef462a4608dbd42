// The forecast_threshold policy (scheduler.h), after Wiesner et al., "Let's
// Wait Awhile" (Middleware 2021): flexible jobs planned on a forecast of clean power.
#include <algorithm>
#include <cmath>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "rng.h"
#include "scheduler_deadline_ordered.h"
#include "scheduler_policies.h"
#include "shapan/core/assert.h"

namespace shapan::load::detail {
namespace {

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

}  // namespace

std::unique_ptr<PolicyBase> make_forecast_threshold(const SchedulerParams& params,
                                                    std::vector<Job> jobs, Timestamp run_start,
                                                    Duration dt, const CleanOutlook& outlook) {
  return std::make_unique<ForecastThreshold>(params, std::move(jobs), run_start, dt, outlook);
}

}  // namespace shapan::load::detail
