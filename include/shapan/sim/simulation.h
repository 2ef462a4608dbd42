// The deterministic time loop: turns a fully typed setup into per-step flows.
//
// Variable sources (PV, wind) and the data center's online demand depend only
// on the weather, so they are computed first as whole series; the loop then
// steps the stateful components (batteries, reservoir) under the dispatch
// strategy and checks the energy ledger at every step. With a workload, the
// job scheduler (load) decides each step's job load first, from the clean
// power the plant offers; dispatch then sees online + job demand as one load.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "shapan/core/site.h"
#include "shapan/dispatch/dispatch.h"
#include "shapan/gen/battery.h"
#include "shapan/gen/grid.h"
#include "shapan/gen/hydro.h"
#include "shapan/gen/pumped_storage.h"
#include "shapan/gen/pv.h"
#include "shapan/gen/wind.h"
#include "shapan/load/datacenter.h"
#include "shapan/load/jobs.h"
#include "shapan/load/scheduler.h"
#include "shapan/resource/weather.h"
#include "shapan/sim/capacities.h"
#include "shapan/sim/step_schema.h"

namespace shapan::sim {

struct HydroSetup {
  gen::HydroParams params;
  std::vector<double> inflow_m3_per_s;  // one value per simulation step
  // For a plant in hydro_cascade: the water time from the plant above, hours
  // (>= 0; rounded to whole steps, at least one). inflow_m3_per_s is then the
  // local inflow between the two dams.
  double travel_delay_h = 0.0;
};

// The run's steps when the weather is laid onto them: from `start` (UTC) at
// `step`, for Setup::years years (resource::prepare_for_simulation).
struct RunSteps {
  Timestamp start;
  Duration step = Duration::hours(1);
  bool operator==(const RunSteps&) const = default;
};

// Everything a run needs, already read and checked (io builds it): plain
// configuration. What a run derives from it (the weather on the run's steps,
// sun positions, PV and wind output, jobs) is sim::prepare's (prepared.h),
// not kept here.
struct Setup {
  Site site;
  // The weather as read ([weather]), shared read-only: copies of a Setup
  // share it, and prepare() keys what it derives from it by this copy. With
  // `run_steps`, a file's series (hourly, on its own year) that prepare() lays
  // onto the run's steps; without, already one row per step of the run (a
  // series built in code).
  std::shared_ptr<const resource::WeatherSeries> weather;
  // Further weather sources ([weather.sources.NAME]), as read like `weather`
  // and laid onto the same steps. pv_weather_source[i] is the index here of
  // PV array i's source, wind_weather_source[i] of wind farm i's; -1, or no
  // entry, means `weather`. Air density, PUE and battery temperature always
  // use `weather`.
  std::vector<std::shared_ptr<const resource::WeatherSeries>> weather_sources;
  std::vector<int> pv_weather_source;
  std::vector<int> wind_weather_source;
  std::optional<RunSteps> run_steps;
  int years = 1;
  std::vector<gen::PvParams> pv;
  std::vector<gen::WindParams> wind;
  std::optional<HydroSetup> hydro;
  // Plants below `hydro` on the same river, upstream first: each one's inflow
  // is the release (turbine + spill) of the one above, delayed, plus its local
  // inflow. Requires `hydro`.
  std::vector<HydroSetup> hydro_cascade;
  std::vector<gen::BatteryParams> batteries;
  std::vector<gen::PumpedStorageParams> pumped_storage;  // pooled with the batteries in dispatch
  std::optional<gen::GridParams> grid;                   // absent: an islanded base
  std::optional<load::DatacenterParams> datacenter;
  // Jobs on the data center's IT capacity left above the online load's peak,
  // run by the scheduler (docs/models/datacenter.md). Needs a data center;
  // absent: the data center's load is the precomputed series alone.
  std::optional<load::WorkloadParams> workload;
  load::SchedulerParams scheduler;
  dispatch::StrategyKind strategy = dispatch::StrategyKind::kRuleBased;
  dispatch::DispatchPlan plan;        // set-points for StrategyKind::kFollowPlan
  dispatch::RecedingPlanner planner;  // re-planning for StrategyKind::kRecedingPlan
  // The flexible jobs' planned IT power per step (full-speed work rate, kW)
  // and its capped part, for scheduler policy kFollowPlan (load/scheduler.h).
  std::vector<double> job_plan_it_kw;
  std::vector<double> job_plan_capped_it_kw;
};

// The run's steps without laying the weather onto them (for checks before a
// run): their number, length and the first one's start. Requires:
// setup.weather is set.
std::size_t step_count(const Setup& setup);
Duration step_of(const Setup& setup);
Timestamp start_of(const Setup& setup);

// One hydro plant over the run ([hydro] first, then the cascade).
struct HydroPlantReport {
  std::string name;
  double energy_kwh = 0.0;  // delivered to the base
  double turbined_hm3 = 0.0;
  double spill_hm3 = 0.0;
  // The spill's energy equivalent at the head of each step (to the base's
  // share): clean energy lost, beside curtailment.
  double spill_energy_kwh = 0.0;
  double evaporation_hm3 = 0.0;
  double storage_start_hm3 = 0.0;
  double storage_end_hm3 = 0.0;
  double storage_max_hm3 = 0.0;  // full: above it the spillway runs (HydroParams)
};

// Ageing of one battery over the run (docs/models/battery.md).
struct BatteryAgeingReport {
  std::string name;
  std::string chemistry;
  double nameplate_kwh = 0.0;
  double capacity_end_frac = 1.0;  // remaining capacity / nameplate at the end
  int replacements = 0;            // replacements at end of life during the run
  double cycle_damage = 0.0;       // Xu et al. damage since the last replacement
  double calendar_damage = 0.0;
  int augmentations = 0;       // end-of-life augmentations during the run
  double augmented_kwh = 0.0;  // nameplate kWh of the modules they added
};

struct Results {
  std::string strategy;
  Duration step;
  double utc_offset_h = 0.0;
  StepSeries steps;                   // step_schema.h
  double battery_capacity_kwh = 0.0;  // all batteries, nameplate
  double battery_stored_start_kwh = 0.0;
  double battery_stored_end_kwh = 0.0;
  double reservoir_storage_start_hm3 = 0.0;
  double reservoir_storage_end_hm3 = 0.0;
  std::vector<BatteryAgeingReport> battery_ageing;
  std::vector<HydroPlantReport> hydro_plants;
  double pumped_stored_start_kwh = 0.0;
  double pumped_stored_end_kwh = 0.0;
  // With a workload: every job and its outcome, the jobs' IT capacity, and
  // the clean surplus the plant could neither store nor export that jobs used
  // (per step: min(jobs' facility power, renewables + must-run hydro − online
  // load − battery charge limit − export limit)).
  std::optional<load::JobReport> jobs;
  double jobs_capacity_kw = 0.0;
  double jobs_curtailment_absorbed_kwh = 0.0;
  // The nameplate capacities the run was computed with (capacities_of(setup)).
  PlantCapacities capacities;
  // The run's length in years (Setup::years) and its grid's accounting terms
  // (grid_accounting_of(setup); nullopt when islanded), for the summary.
  int years = 1;
  std::optional<GridAccounting> grid_accounting;
};

// Called with (steps done, steps in all) now and then; may be empty.
using ProgressFn = std::function<void(std::size_t, std::size_t)>;

// Runs the setup: prepare(setup) (prepared.h), then the time loop. Throws
// InputError if a component's parameters are invalid, or a workload has no
// data center or no IT capacity above the online load. To share the prepared
// inputs between runs, call prepare() once (through a PreparedStore) and the
// run() of prepared.h.
Results run(const Setup& setup, const ProgressFn& progress = {});

}  // namespace shapan::sim
