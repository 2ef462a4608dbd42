#include "job_hook.h"

#include <algorithm>
#include <utility>

namespace shapan::sim {

double clean_it_for_jobs_kw(const dispatch::StepOffer& offer, double storage_budget_frac,
                            double pue) {
  const Power clean = offer.renewables + offer.hydro_max +
                      offer.battery_max_discharge * storage_budget_frac - offer.load;
  return std::max(0.0, clean.in_kw()) / pue;
}

double stranded_absorbed_kwh(const dispatch::StepOffer& offer, Power online_load) {
  // What the plant could neither use for the online load, store nor export.
  const Power stranded = offer.renewables + offer.hydro_min - online_load -
                         offer.battery_max_charge - offer.grid_export_limit;
  const Power jobs_load = offer.load - online_load;
  if (!(stranded > kw(0.0))) return 0.0;
  return ((stranded < jobs_load ? stranded : jobs_load) * offer.dt).in_kwh();
}

JobHook::JobHook(std::unique_ptr<load::Scheduler> scheduler, double capacity_kw,
                 double storage_budget_frac)
    : scheduler_(std::move(scheduler)),
      capacity_kw_(capacity_kw),
      storage_budget_frac_(storage_budget_frac) {}

double JobHook::step_scheduler(dispatch::StepOffer& offer, double pue) {
  const double jobs_it_kw = scheduler_->step(
      load::StepContext{.index = offer.step_index,
                        .start = offer.start,
                        .dt = offer.dt,
                        .capacity_kw = capacity_kw_,
                        .clean_it_kw = clean_it_for_jobs_kw(offer, storage_budget_frac_, pue)});
  offer.load += kw(jobs_it_kw * pue);
  return jobs_it_kw;
}

void JobHook::account_scheduler(const dispatch::StepOffer& offer, Power green_to_load,
                                Power online_load, double pue) {
  scheduler_->account(pue, offer.load > kw(0.0) ? green_to_load / offer.load : 0.0);
  absorbed_kwh_ += stranded_absorbed_kwh(offer, online_load);
}

load::JobReport JobHook::report(Timestamp end) && { return std::move(*scheduler_).report(end); }

}  // namespace shapan::sim
