#include "shapan/sim/simulation.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "ledger.h"
#include "plant.h"
#include "profiles.h"
#include "shapan/core/assert.h"
#include "shapan/core/error.h"
#include "shapan/sim/prepared.h"

namespace shapan::sim {
namespace {

// The per-step columns the loop appends to (the weather-driven ones are
// moved in after it).
void reserve_all(StepSeries& s, std::size_t n) {
  for (auto* v : {&s.hydro_kw,
                  &s.battery_charge_kw,
                  &s.battery_discharge_kw,
                  &s.battery_soc_frac,
                  &s.battery_loss_kw,
                  &s.grid_import_kw,
                  &s.grid_export_kw,
                  &s.curtailed_kw,
                  &s.datacenter_kw,
                  &s.it_kw,
                  &s.jobs_it_kw,
                  &s.jobs_running,
                  &s.unserved_kw,
                  &s.green_to_load_kw,
                  &s.wind_solar_to_load_kw,
                  &s.wind_solar_to_grid_kw,
                  &s.battery_to_load_kw,
                  &s.grid_to_battery_kw,
                  &s.reservoir_storage_hm3,
                  &s.reservoir_level_m,
                  &s.hydro_spill_m3_per_s,
                  &s.hydro_spilled_kw,
                  &s.hydro_inflow_m3_per_s,
                  &s.import_price_cny_per_kwh,
                  &s.grid_carbon_g_per_kwh,
                  &s.balance_error_kwh,
                  &s.pumped_charge_kw,
                  &s.pumped_discharge_kw,
                  &s.battery_aux_kw,
                  &s.battery_capacity_frac}) {
    v->reserve(n);
  }
  s.start.reserve(n);
}

// The jobs and their scheduler, on the IT capacity the online load leaves
// free at its peak (so that the two never exceed the data center together).
struct Jobs {
  std::unique_ptr<load::Scheduler> scheduler;
  double capacity_kw = 0.0;
};

Jobs make_job_scheduler(const Setup& setup, const Profiles& profiles,
                        const std::vector<load::Job>* unit_jobs) {
  Jobs out;
  if (!setup.workload) return out;
  if (!setup.datacenter) {
    throw InputError(InputIssue{.source = "workload",
                                .field = "workload",
                                .message = "jobs need a [datacenter] to run in"});
  }
  const double online_peak_kw =
      profiles.it_kw.empty() ? 0.0
                             : *std::max_element(profiles.it_kw.begin(), profiles.it_kw.end());
  out.capacity_kw = setup.datacenter->it_capacity_kw - online_peak_kw;
  if (out.capacity_kw <= 0.0) {
    throw InputError(InputIssue{
        .source = "workload",
        .field = "datacenter.it_capacity_kw",
        .message = fmt::format("the online load's peak ({:.1f} kW) leaves no IT capacity for jobs",
                               online_peak_kw)});
  }
  const std::size_t n = setup.weather.size();
  const Timestamp start = setup.weather.interval_start(0);
  SHAPAN_ASSERT(unit_jobs != nullptr, "prepare() makes the jobs of a setup with a workload");
  std::vector<load::Job> jobs = *unit_jobs;
  // make_jobs's powers are proportional to the capacity it is given.
  for (load::Job& job : jobs) {
    job.power_kw *= out.capacity_kw;
    job.gpu_kw *= out.capacity_kw;
  }
  load::CleanOutlook outlook;
  if (setup.scheduler.policy == load::SchedulerPolicy::kForecastThreshold) {
    outlook.renewables_kw.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      outlook.renewables_kw[i] = profiles.pv_kw[i] + profiles.wind_kw[i];
    }
    outlook.online_facility_kw = profiles.facility_kw;
    outlook.pue = profiles.pue;
  }
  out.scheduler = load::make_scheduler(setup.scheduler, std::move(jobs), start, setup.weather.step,
                                       outlook, setup.workload->restart_cost_min * 60.0);
  return out;
}

// Steps the job scheduler, if any, on the clean power the plant has on site
// now (with a share of the batteries' limit) beyond the online load; adds the
// jobs' facility power to offer.load and returns their IT power (kW).
inline double step_jobs(Jobs& jobs, const Setup& setup, double pue, std::size_t i, Timestamp t,
                        Duration dt, dispatch::StepOffer& offer) {
  if (!jobs.scheduler) return 0.0;
  const Power clean = offer.renewables + offer.hydro_max +
                      offer.battery_max_discharge * setup.scheduler.storage_budget_frac -
                      offer.load;
  const double jobs_it_kw =
      jobs.scheduler->step(load::StepContext{.index = i,
                                             .start = t,
                                             .dt = dt,
                                             .capacity_kw = jobs.capacity_kw,
                                             .clean_it_kw = std::max(0.0, clean.in_kw()) / pue});
  offer.load += kw(jobs_it_kw * pue);
  return jobs_it_kw;
}

// After the dispatch: tells the scheduler the step's clean share and adds to
// absorbed_kwh the stranded clean energy the jobs' load took up.
inline void account_jobs(Jobs& jobs, const dispatch::StepOffer& offer, const AppliedStep& applied,
                         Power online_load, double pue, Duration dt, double& absorbed_kwh) {
  if (!jobs.scheduler) return;
  jobs.scheduler->account(pue, offer.load > kw(0.0) ? applied.green_to_load / offer.load : 0.0);
  const Power stranded = offer.renewables + offer.hydro_min - online_load -
                         offer.battery_max_charge - offer.grid_export_limit;
  const Power jobs_load = offer.load - online_load;
  if (stranded > kw(0.0)) {
    absorbed_kwh += ((stranded < jobs_load ? stranded : jobs_load) * dt).in_kwh();
  }
}

// A step's values that are not the applied flows or the plant's state.
struct StepExtras {
  Timestamp start;
  double it_kw = 0.0;
  double jobs_it_kw = 0.0;
  double jobs_running = 0.0;
  double inflow_m3_per_s = 0.0;
  double balance_error_kwh = 0.0;
  double battery_capacity_kwh = 0.0;  // the nameplate, for the capacity fraction
};

// Appends one step's row to the per-step columns (reserved by reserve_all).
inline void append_step(StepSeries& out, const Plant& plant, const dispatch::StepOffer& offer,
                        const AppliedStep& applied, Duration dt, const StepExtras& x) {
  out.start.push_back(x.start);
  out.hydro_kw.push_back(applied.hydro.in_kw());
  out.battery_charge_kw.push_back(applied.battery_charge.in_kw());
  out.battery_discharge_kw.push_back(applied.battery_discharge.in_kw());
  out.battery_soc_frac.push_back(plant.battery_soc_frac());
  out.battery_loss_kw.push_back((applied.battery_loss / dt).in_kw());
  out.grid_import_kw.push_back(applied.grid_import.in_kw());
  out.grid_export_kw.push_back(applied.grid_export.in_kw());
  out.curtailed_kw.push_back(applied.curtailed.in_kw());
  out.datacenter_kw.push_back(offer.load.in_kw());
  out.it_kw.push_back(x.it_kw);
  out.jobs_it_kw.push_back(x.jobs_it_kw);
  out.jobs_running.push_back(x.jobs_running);
  out.unserved_kw.push_back(applied.unserved.in_kw());
  out.green_to_load_kw.push_back(applied.green_to_load.in_kw());
  out.wind_solar_to_load_kw.push_back(applied.wind_solar_to_load.in_kw());
  out.wind_solar_to_grid_kw.push_back(applied.wind_solar_to_grid.in_kw());
  out.battery_to_load_kw.push_back(applied.battery_to_load.in_kw());
  out.grid_to_battery_kw.push_back(applied.grid_to_battery.in_kw());
  out.reservoir_storage_hm3.push_back(plant.reservoir_storage_hm3());
  out.reservoir_level_m.push_back(plant.reservoir_level_m());
  out.hydro_spill_m3_per_s.push_back(applied.spill.in_m3_per_s());
  out.hydro_spilled_kw.push_back(applied.hydro_spilled.in_kw());
  out.hydro_inflow_m3_per_s.push_back(x.inflow_m3_per_s);
  out.import_price_cny_per_kwh.push_back(offer.import_price.in_cny_per_kwh());
  out.grid_carbon_g_per_kwh.push_back(offer.grid_carbon_g_per_kwh);
  out.balance_error_kwh.push_back(x.balance_error_kwh);
  out.pumped_charge_kw.push_back(applied.pumped_charge.in_kw());
  out.pumped_discharge_kw.push_back(applied.pumped_discharge.in_kw());
  out.battery_aux_kw.push_back(applied.battery_aux.in_kw());
  out.battery_capacity_frac.push_back(
      x.battery_capacity_kwh > 0.0 ? plant.battery_capacity_now_kwh() / x.battery_capacity_kwh
                                   : 1.0);
}

// After the last step: the weather-driven series (moved in, not copied step
// by step), the plant's end state and reports, and the jobs' record.
void finish_results(const Setup& setup, const Plant& plant, Profiles& profiles, Jobs& jobs,
                    Results& results) {
  StepSeries& out = results.steps;
  const std::size_t n = setup.weather.size();
  out.pv_kw = std::move(profiles.pv_kw);
  out.wind_kw = std::move(profiles.wind_kw);
  out.pue = std::move(profiles.pue);
  results.battery_stored_end_kwh = plant.battery_stored_kwh();
  results.reservoir_storage_end_hm3 = plant.reservoir_storage_hm3();
  results.battery_ageing = plant.battery_ageing();
  results.hydro_plants = plant.hydro_reports();
  results.pumped_stored_end_kwh = plant.pumped_stored_kwh();
  if (jobs.scheduler) {
    results.jobs = std::move(*jobs.scheduler)
                       .report(setup.weather.interval_start(0) +
                               setup.weather.step * static_cast<std::int64_t>(n));
  }
}

}  // namespace

Results run(const Setup& setup, const ProgressFn& progress) {
  return run(setup, prepare(setup), progress);
}

Results run(const Setup& setup, const PreparedRun& prepared, const ProgressFn& progress) {
  const std::size_t n = setup.weather.size();
  const Duration dt = setup.weather.step;
  Profiles profiles = compute_profiles(setup, prepared);
  Plant plant(setup);

  auto strategy = dispatch::make_strategy(setup.strategy, setup.plan);
  Results results{.strategy = strategy->name(),
                  .step = dt,
                  .utc_offset_h = setup.site.utc_offset_h,
                  .steps = {},
                  .battery_capacity_kwh = plant.battery_capacity_kwh(),
                  .battery_stored_start_kwh = plant.battery_stored_kwh(),
                  .reservoir_storage_start_hm3 = plant.reservoir_storage_hm3()};
  results.pumped_stored_start_kwh = plant.pumped_stored_kwh();
  results.capacities = capacities_of(setup);
  StepSeries& out = results.steps;
  reserve_all(out, n);

  Jobs jobs = make_job_scheduler(setup, profiles, prepared.unit_jobs.get());
  results.jobs_capacity_kw = jobs.capacity_kw;

  const std::size_t report_every = std::max<std::size_t>(1, n / 100);
  for (std::size_t i = 0; i < n; ++i) {
    const Timestamp t = setup.weather.interval_start(i);
    const double inflow_m3_per_s = setup.hydro ? setup.hydro->inflow_m3_per_s[i] : 0.0;
    dispatch::StepOffer offer =
        plant.offer(i, t, kw(profiles.facility_kw[i]), kw(profiles.pv_kw[i] + profiles.wind_kw[i]),
                    m3_per_s(inflow_m3_per_s));
    const Power online_load = offer.load;
    const double jobs_it_kw = step_jobs(jobs, setup, profiles.pue[i], i, t, dt, offer);
    const dispatch::StepDecision decision = strategy->decide(offer);
    const AppliedStep applied =
        plant.apply(offer, decision, m3_per_s(inflow_m3_per_s), setup.weather.temp_air_c[i]);
    account_jobs(jobs, offer, applied, online_load, profiles.pue[i], dt,
                 results.jobs_curtailment_absorbed_kwh);

    const StepLedger ledger{.dt = dt,
                            .pv = kw(profiles.pv_kw[i]),
                            .wind = kw(profiles.wind_kw[i]),
                            .applied = applied,
                            .load = offer.load};
    append_step(
        out, plant, offer, applied, dt,
        StepExtras{.start = t,
                   .it_kw = profiles.it_kw[i] + jobs_it_kw,
                   .jobs_it_kw = jobs_it_kw,
                   .jobs_running =
                       jobs.scheduler ? static_cast<double>(jobs.scheduler->jobs_running()) : 0.0,
                   .inflow_m3_per_s = inflow_m3_per_s,
                   .balance_error_kwh = ledger.max_abs_residual_kwh(),
                   .battery_capacity_kwh = results.battery_capacity_kwh});
    if (progress && (i % report_every == 0 || i + 1 == n)) progress(i + 1, n);
  }
  finish_results(setup, plant, profiles, jobs, results);
  return results;
}

}  // namespace shapan::sim
