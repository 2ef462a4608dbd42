#include "job_hook.h"

#include <utility>

namespace shapan::sim {

JobHook::JobHook(std::unique_ptr<load::Scheduler> scheduler, double capacity_kw,
                 double storage_budget_frac)
    : scheduler_(std::move(scheduler)),
      capacity_kw_(capacity_kw),
      storage_budget_frac_(storage_budget_frac) {}

load::JobReport JobHook::report(Timestamp end) && { return std::move(*scheduler_).report(end); }

}  // namespace shapan::sim
