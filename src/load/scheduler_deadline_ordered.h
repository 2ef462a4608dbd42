// DeadlineOrdered: a PolicyBase that keeps the flexible jobs in deadline
// order for earliest-deadline-first passes (green_following,
// forecast_threshold, power_capping). (Private to load.)
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "scheduler_policy_base.h"

namespace shapan::load::detail {

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

}  // namespace shapan::load::detail
