// The job scheduler's hook into the time loop (private to sim): what the
// plant offers the jobs before the dispatch, and what is accounted after it.
//
// Before the dispatch, the jobs are offered the clean power on site now
// beyond the online load: renewables + the most hydro can give + a share
// (storage_budget_frac) of the storage pool's discharge limit − the online
// facility load, on the IT side (÷ PUE), at least 0. Their facility power
// (IT × PUE) joins the offer's load, so that the dispatch sees one load.
// After the dispatch, the scheduler learns the step's clean share of the load,
// and the stranded clean power the jobs took up is counted: per step
// min(jobs' facility power, renewables + must-run hydro − online load −
// storage charge limit − export limit) when that surplus is > 0
// (docs/models/datacenter.md).
#pragma once

#include <algorithm>
#include <memory>

#include "shapan/dispatch/dispatch.h"
#include "shapan/load/scheduler.h"

namespace shapan::sim {

// The clean power the jobs are offered, IT side (kW, >= 0): see above.
// `offer` is the plant's offer before the jobs' load joins it.
double clean_it_for_jobs_kw(const dispatch::StepOffer& offer, double storage_budget_frac,
                            double pue);

// The stranded clean energy (kWh, >= 0) the jobs' load took up in a step:
// `offer` with the jobs' load in it, `online_load` the load without them.
double stranded_absorbed_kwh(const dispatch::StepOffer& offer, Power online_load);

class JobHook {
 public:
  // No scheduler: a hook that does nothing (a run without a workload).
  JobHook() = default;
  // `capacity_kw`: the IT power the jobs may reserve (> 0).
  JobHook(std::unique_ptr<load::Scheduler> scheduler, double capacity_kw,
          double storage_budget_frac);

  bool active() const { return scheduler_ != nullptr; }
  double capacity_kw() const { return capacity_kw_; }
  // Steps the scheduler on what `offer` leaves for the jobs, adds their
  // facility power to offer.load and returns their IT power (kW; 0 without
  // a scheduler). Requires: steps in order, one call per step.
  double step(dispatch::StepOffer& offer, double pue) {
    return scheduler_ ? step_scheduler(offer, pue) : 0.0;
  }
  // After the dispatch of the step: `green_to_load` is the clean power the
  // load got, `online_load` the load without the jobs.
  void account(const dispatch::StepOffer& offer, Power green_to_load, Power online_load,
               double pue) {
    if (scheduler_) account_scheduler(offer, green_to_load, online_load, pue);
  }
  double jobs_running() const {
    return scheduler_ ? static_cast<double>(scheduler_->jobs_running()) : 0.0;
  }
  // The last step's flexible jobs waiting (or paused) and jobs run under a
  // power cap (load::Scheduler); 0 without a scheduler.
  double jobs_waiting() const {
    return scheduler_ ? static_cast<double>(scheduler_->jobs_waiting()) : 0.0;
  }
  double jobs_capped() const {
    return scheduler_ ? static_cast<double>(scheduler_->jobs_capped()) : 0.0;
  }
  // The stranded clean energy the jobs took up so far (kWh).
  double absorbed_kwh() const { return absorbed_kwh_; }
  // The scheduler's record; `end` is the end of the run. Call once, last.
  load::JobReport report(Timestamp end) &&;

 private:
  // step() and account() with a scheduler (the checks stay inline in the loop).
  double step_scheduler(dispatch::StepOffer& offer, double pue);
  void account_scheduler(const dispatch::StepOffer& offer, Power green_to_load, Power online_load,
                         double pue);

  std::unique_ptr<load::Scheduler> scheduler_;
  double capacity_kw_ = 0.0;
  double storage_budget_frac_ = 0.0;
  double absorbed_kwh_ = 0.0;
};

// The step's arithmetic, inline: the time loop calls it every step.

inline double clean_it_for_jobs_kw(const dispatch::StepOffer& offer, double storage_budget_frac,
                                   double pue) {
  const Power clean = offer.renewables + offer.hydro_max +
                      offer.battery_max_discharge * storage_budget_frac - offer.load;
  return std::max(0.0, clean.in_kw()) / pue;
}

inline double stranded_absorbed_kwh(const dispatch::StepOffer& offer, Power online_load) {
  // What the plant could neither use for the online load, store nor export.
  const Power stranded = offer.renewables + offer.hydro_min - online_load -
                         offer.battery_max_charge - offer.grid_export_limit;
  const Power jobs_load = offer.load - online_load;
  if (!(stranded > kw(0.0))) return 0.0;
  return ((stranded < jobs_load ? stranded : jobs_load) * offer.dt).in_kwh();
}

inline double JobHook::step_scheduler(dispatch::StepOffer& offer, double pue) {
  const double jobs_it_kw = scheduler_->step(
      load::StepContext{.index = offer.step_index,
                        .start = offer.start,
                        .dt = offer.dt,
                        .capacity_kw = capacity_kw_,
                        .clean_it_kw = clean_it_for_jobs_kw(offer, storage_budget_frac_, pue)});
  offer.load += kw(jobs_it_kw * pue);
  return jobs_it_kw;
}

inline void JobHook::account_scheduler(const dispatch::StepOffer& offer, Power green_to_load,
                                       Power online_load, double pue) {
  scheduler_->account(pue, offer.load > kw(0.0) ? green_to_load / offer.load : 0.0);
  absorbed_kwh_ += stranded_absorbed_kwh(offer, online_load);
}

}  // namespace shapan::sim
