#include "shapan/sim/simulation.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "job_hook.h"
#include "ledger.h"
#include "plant.h"
#include "profiles.h"
#include "shapan/core/assert.h"
#include "shapan/core/error.h"
#include "shapan/sim/prepared.h"

namespace shapan::sim {
namespace {

// The jobs and their scheduler, on the IT capacity the online load leaves
// free at its peak (so that the two never exceed the data center together).
JobHook make_job_scheduler(const Setup& setup, const resource::WeatherSeries& weather,
                           const Profiles& profiles, const std::vector<load::Job>* unit_jobs) {
  if (!setup.workload) return {};
  if (!setup.datacenter) {
    throw InputError(InputIssue{.source = "workload",
                                .field = "workload",
                                .message = "jobs need a [datacenter] to run in"});
  }
  const double online_peak_kw =
      profiles.it_kw.empty() ? 0.0
                             : *std::max_element(profiles.it_kw.begin(), profiles.it_kw.end());
  const double capacity_kw = setup.datacenter->it_capacity_kw - online_peak_kw;
  if (capacity_kw <= 0.0) {
    throw InputError(InputIssue{
        .source = "workload",
        .field = "datacenter.it_capacity_kw",
        .message = fmt::format("the online load's peak ({:.1f} kW) leaves no IT capacity for jobs",
                               online_peak_kw)});
  }
  const std::size_t n = weather.size();
  const Timestamp start = weather.interval_start(0);
  SHAPAN_ASSERT(unit_jobs != nullptr, "prepare() makes the jobs of a setup with a workload");
  std::vector<load::Job> jobs = *unit_jobs;
  // make_jobs's powers are proportional to the capacity it is given.
  for (load::Job& job : jobs) {
    job.power_kw *= capacity_kw;
    job.gpu_kw *= capacity_kw;
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
  if (setup.scheduler.policy == load::SchedulerPolicy::kFollowPlan) {
    outlook.plan_it_kw = setup.job_plan_it_kw;
    outlook.plan_capped_it_kw = setup.job_plan_capped_it_kw;
  }
  return {load::make_scheduler(setup.scheduler, std::move(jobs), start, weather.step, outlook,
                               setup.workload->restart_cost_min * 60.0),
          capacity_kw, setup.scheduler.storage_budget_frac};
}

// A step's values that are not the applied flows or the plant's state.
struct StepExtras {
  double it_kw = 0.0;
  double jobs_it_kw = 0.0;
  double jobs_running = 0.0;
  double jobs_waiting = 0.0;
  double jobs_capped = 0.0;
  double inflow_m3_per_s = 0.0;
  double balance_error_kwh = 0.0;
  double battery_capacity_kwh = 0.0;  // the nameplate, for the capacity fraction
};

// One step's row of the loop's columns (step_schema.h).
inline StepRow make_row(const Plant& plant, const dispatch::StepOffer& offer,
                        const AppliedStep& applied, Duration dt, const StepExtras& x) {
  return StepRow{
      .hydro_kw = applied.hydro.in_kw(),
      .battery_charge_kw = applied.battery_charge.in_kw(),
      .battery_discharge_kw = applied.battery_discharge.in_kw(),
      .battery_soc_frac = plant.battery_soc_frac(),
      .battery_loss_kw = (applied.battery_loss / dt).in_kw(),
      .battery_aux_kw = applied.battery_aux.in_kw(),
      .battery_capacity_frac = x.battery_capacity_kwh > 0.0
                                   ? plant.battery_capacity_now_kwh() / x.battery_capacity_kwh
                                   : 1.0,
      .pumped_charge_kw = applied.pumped_charge.in_kw(),
      .pumped_discharge_kw = applied.pumped_discharge.in_kw(),
      .grid_import_kw = applied.grid_import.in_kw(),
      .grid_export_kw = applied.grid_export.in_kw(),
      .curtailed_kw = applied.curtailed.in_kw(),
      .datacenter_kw = offer.load.in_kw(),
      .it_kw = x.it_kw,
      .jobs_it_kw = x.jobs_it_kw,
      .jobs_running = x.jobs_running,
      .unserved_kw = applied.unserved.in_kw(),
      .green_to_load_kw = applied.green_to_load.in_kw(),
      .wind_solar_to_load_kw = applied.wind_solar_to_load.in_kw(),
      .wind_solar_to_grid_kw = applied.wind_solar_to_grid.in_kw(),
      .reservoir_storage_hm3 = plant.reservoir_storage_hm3(),
      .reservoir_level_m = plant.reservoir_level_m(),
      .hydro_inflow_m3_per_s = x.inflow_m3_per_s,
      .hydro_spill_m3_per_s = applied.spill.in_m3_per_s(),
      .hydro_spilled_kw = applied.hydro_spilled.in_kw(),
      .import_price_cny_per_kwh = offer.import_price.in_cny_per_kwh(),
      .grid_carbon_g_per_kwh = offer.grid_carbon_g_per_kwh,
      .balance_error_kwh = x.balance_error_kwh,
      .jobs_waiting = x.jobs_waiting,
      .jobs_capped = x.jobs_capped};
}

// After the last step: the weather-driven series (moved in, not copied step
// by step), the plant's end state and reports, and the jobs' record.
void finish_results(const resource::WeatherSeries& weather, const Plant& plant, Profiles& profiles,
                    JobHook& jobs, Results& results) {
  StepSeries& out = results.steps;
  const std::size_t n = weather.size();
  out.pv_kw = std::move(profiles.pv_kw);
  out.wind_kw = std::move(profiles.wind_kw);
  out.pue = std::move(profiles.pue);
  results.battery_stored_end_kwh = plant.battery_stored_kwh();
  results.reservoir_storage_end_hm3 = plant.reservoir_storage_hm3();
  results.battery_ageing = plant.battery_ageing();
  results.hydro_plants = plant.hydro_reports();
  results.pumped_stored_end_kwh = plant.pumped_stored_kwh();
  results.jobs_curtailment_absorbed_kwh = jobs.absorbed_kwh();
  if (jobs.active()) {
    results.jobs = std::move(jobs).report(weather.interval_start(0) +
                                          weather.step * static_cast<std::int64_t>(n));
  }
}

}  // namespace

std::size_t step_count(const Setup& setup) {
  SHAPAN_ASSERT(setup.weather != nullptr, "a Setup's weather is set (io sets it)");
  if (!setup.run_steps) return setup.weather->size();
  return resource::prepared_step_count(*setup.weather, setup.run_steps->start, setup.years,
                                       setup.run_steps->step);
}

Duration step_of(const Setup& setup) {
  SHAPAN_ASSERT(setup.weather != nullptr, "a Setup's weather is set (io sets it)");
  return setup.run_steps ? setup.run_steps->step : setup.weather->step;
}

Timestamp start_of(const Setup& setup) {
  SHAPAN_ASSERT(setup.weather != nullptr, "a Setup's weather is set (io sets it)");
  return setup.run_steps ? setup.run_steps->start : setup.weather->interval_start(0);
}

Results run(const Setup& setup, const ProgressFn& progress) {
  return run(setup, prepare(setup), progress);
}

Results run(const Setup& setup, const PreparedRun& prepared, const ProgressFn& progress) {
  SHAPAN_ASSERT(prepared.weather != nullptr, "prepare() lays the weather onto the run's steps");
  const resource::WeatherSeries& weather = *prepared.weather;
  const std::size_t n = weather.size();
  const Duration dt = weather.step;
  Profiles profiles = compute_profiles(prepared);
  Plant plant(setup, weather);

  auto strategy = dispatch::make_strategy(setup.strategy, setup.plan, setup.planner);
  Results results{.strategy = strategy->name(),
                  .step = dt,
                  .utc_offset_h = setup.site.utc_offset_h,
                  .steps = {},
                  .battery_capacity_kwh = plant.battery_capacity_kwh(),
                  .battery_stored_start_kwh = plant.battery_stored_kwh(),
                  .reservoir_storage_start_hm3 = plant.reservoir_storage_hm3()};
  results.pumped_stored_start_kwh = plant.pumped_stored_kwh();
  results.capacities = capacities_of(setup);
  results.years = setup.years;
  results.grid_accounting = grid_accounting_of(setup);
  StepSeries& out = results.steps;
  out.reserve(n);

  JobHook jobs = make_job_scheduler(setup, weather, profiles, prepared.unit_jobs.get());
  results.jobs_capacity_kw = jobs.capacity_kw();

  const std::size_t report_every = std::max<std::size_t>(1, n / 100);
  for (std::size_t i = 0; i < n; ++i) {
    const Timestamp t = weather.interval_start(i);
    const double inflow_m3_per_s = setup.hydro ? setup.hydro->inflow_m3_per_s[i] : 0.0;
    dispatch::StepOffer offer =
        plant.offer(i, t, kw(profiles.facility_kw[i]), kw(profiles.pv_kw[i] + profiles.wind_kw[i]),
                    m3_per_s(inflow_m3_per_s));
    const Power online_load = offer.load;
    const double jobs_it_kw = jobs.step(offer, profiles.pue[i]);
    const dispatch::StepDecision decision = strategy->decide(offer);
    const AppliedStep applied =
        plant.apply(offer, decision, m3_per_s(inflow_m3_per_s), weather.temp_air_c[i]);
    jobs.account(offer, applied.green_to_load, online_load, profiles.pue[i]);

    const StepLedger ledger{.dt = dt,
                            .pv = kw(profiles.pv_kw[i]),
                            .wind = kw(profiles.wind_kw[i]),
                            .applied = applied,
                            .load = offer.load};
    out.append(t, make_row(plant, offer, applied, dt,
                           StepExtras{.it_kw = profiles.it_kw[i] + jobs_it_kw,
                                      .jobs_it_kw = jobs_it_kw,
                                      .jobs_running = jobs.jobs_running(),
                                      .jobs_waiting = jobs.jobs_waiting(),
                                      .jobs_capped = jobs.jobs_capped(),
                                      .inflow_m3_per_s = inflow_m3_per_s,
                                      .balance_error_kwh = ledger.max_abs_residual_kwh(),
                                      .battery_capacity_kwh = results.battery_capacity_kwh}));
    if (progress && (i % report_every == 0 || i + 1 == n)) progress(i + 1, n);
  }
  finish_results(weather, plant, profiles, jobs, results);
  return results;
}

}  // namespace shapan::sim
