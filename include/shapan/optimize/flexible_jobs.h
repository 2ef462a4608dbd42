// The data center's job workload in the optimiser's LP (docs/optimization.md,
// "Flexible compute"). Inflexible jobs are data: their IT power, as run on
// arrival, joins the load. Flexible jobs (deferrable and interruptible) are
// far too many for a column each over a year (66,213 on the default base),
// so they are aggregated into one fluid: a flexible IT work rate per step
// within the jobs' capacity left by the inflexible ones, whose cumulative
// work lies between two envelopes summed over the jobs: the most each job
// can have done by the end of a step (full speed from its first possible
// start) and the least (what it must have done to finish by its deadline at
// full speed from then on). Power capping of the cappable interruptible jobs
// is a second work rate that costs less energy per unit of work and more
// capacity (the engine's slowdown curve, load::capped_speed_frac).
//
// Units: kW and kWh (IT side) here; MW and MWh inside the LP.
#pragma once

#include <vector>

namespace shapan::resource {
struct WeatherSeries;
}
namespace shapan::sim {
struct Setup;
}

namespace shapan::optimize {

struct FlexibleJobs {
  std::vector<double> pue;         // per step: facility power per kW of IT
  std::vector<double> free_it_kw;  // per step: jobs' IT capacity left by the inflexible jobs
  // Per step: the power of the flexible jobs whose window (first possible
  // start to deadline) covers it, as a step mean: no job runs above its power.
  std::vector<double> window_it_kw;
  // Per step: the power of the deferrable jobs that must be running then,
  // as a step mean: a job that runs unpaused from no earlier than its first
  // possible start s to no later than its latest finish d (deadline − the
  // schedulers' slack margin) runs through [d − w, s + w] wherever it starts
  // (its compulsory part, Lahrichi 1982).
  std::vector<double> must_run_it_kw;
  // Cumulative full-speed work (IT kWh at full power) by the end of each step:
  std::vector<double> arrived_kwh;           // at most (each job from its first possible start)
  std::vector<double> due_kwh;               // at least (each job finishing by its deadline)
  std::vector<double> cappable_arrived_kwh;  // at most, power-cappable interruptible jobs only
  // The same two envelopes over the deferrable jobs alone (empty: one class):
  // the deferrable and the interruptible work each keep their own, so that
  // one class's work cannot stand in for the other's deadlines.
  std::vector<double> deferrable_arrived_kwh;
  std::vector<double> deferrable_due_kwh;
  double capped_power_frac = 1.0;  // ρ: IT power per kW of full-speed work rate at the lowest cap
  double capped_speed_frac = 1.0;  // s: work rate per kW of reserved capacity at the lowest cap
  bool empty() const { return pue.empty(); }
};

// The LP's plan for the flexible jobs.
struct FlexiblePlan {
  std::vector<double> work_it_kw;         // per step: f_t + h_t, full-speed work rate (kW)
  std::vector<double> capped_work_it_kw;  // per step: h_t, the part run capped
  double it_kwh = 0.0;                    // Σ (f_t + ρ h_t) Δ
  double facility_kwh = 0.0;              // Σ PUE_t (f_t + ρ h_t) Δ
  double unfinished_kwh = 0.0;            // arrived work left undone at the end (full-speed kWh)
};

// A workload's series on the run's steps (setup.weather), as the engine makes
// its jobs (sim::prepare, the jobs' capacity above the online load's peak).
struct WorkloadSeries {
  double capacity_kw = 0.0;                // the jobs' IT capacity
  std::vector<double> online_facility_kw;  // the data center's online load × PUE
  std::vector<double> inflexible_it_kw;    // inflexible jobs run on arrival (step means)
  FlexibleJobs flexible;
};

// `run_weather`: setup's weather on the run's steps (sim::prepare_weather).
// Requires: setup.workload and setup.datacenter. Throws InputError when the
// online load leaves the jobs no capacity (as sim::run does).
WorkloadSeries workload_series(const sim::Setup& setup, const resource::WeatherSeries& run_weather);

}  // namespace shapan::optimize
