// From a loaded scenario (the engine's setup, its cost book and [optimize]
// options) to the numbers the sizing LP needs.
//
// Availability per kW: a [[pv]] or [[wind]] with availability_file uses that
// series; otherwise the engine's own model is run once (gen::simulate_pv,
// gen::simulate_wind on the scenario's weather) and its AC output divided by
// the component's capacity (PV output is proportional to DC capacity, wind to
// the number of turbines). The load is the data center's facility power
// (load::simulate_datacenter: IT × PUE from the weather). Annual costs from
// the cost book (metrics::cost_per_kw_year): capex × capital recovery factor
// (discount rate, lifetime) + fixed O&M + capex given per year. Export: the
// [grid]'s export_limit_kw (> 0) at export_price_cny_per_kwh each step, for
// sizing and dispatch alike. docs/optimization.md lists what is left out
// (battery curves and ageing, ...).
#pragma once

#include "shapan/metrics/summary.h"
#include "shapan/optimize/options.h"
#include "shapan/optimize/sizing.h"
#include "shapan/sim/prepared.h"
#include "shapan/sim/simulation.h"

namespace shapan::optimize {

// Throws InputError (field named) when the scenario cannot be sized: no
// data center (no load). Hydro and pumped storage enter as built (not
// sized), linearised once at the initial volumes (optimize/hydro_lp.h).
// The weather on the run's steps comes from sim::prepare_weather, through
// `store` when not null (so that the replay's prepare() reuses it).
SizingProblem sizing_problem(const sim::Setup& setup, const metrics::CostBook& costs,
                             const Options& options, sim::PreparedStore* store = nullptr);

SizingOptions sizing_options(const Options& options);

// With [optimize] move_jobs = false, every engine run of an optimisation
// (the plan's replay, the rules beside it) schedules the jobs by fcfs, as
// the LP holds them (Options::move_jobs); otherwise the setup is unchanged.
void apply_job_mode(const Options& options, sim::Setup& setup);

}  // namespace shapan::optimize
