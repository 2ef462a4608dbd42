// The [optimize] section of a scenario, typed (io reads it; docs/scenario.md
// lists every key with its unit).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "shapan/optimize/lp.h"

namespace shapan::optimize {

enum class Mode {
  kDispatch,  // perfect-foresight dispatch of the plant as built, replayed through the engine
  kMpc,       // receding-horizon re-planning with forecasts (optimize/mpc.h)
  kSizing,    // capacity expansion: PV, wind and battery sizes and their dispatch
  kCoordinationBound,  // the most CFE moving the flexible jobs can give (coordination.h)
};

// Hydro in the coordination bound: the engine's fcfs run's output series as
// an exogenous clean source, or the dispatch LP's own hydro model.
enum class BoundHydro { kFcfsSeries, kLp };

enum class SizingMethodChoice { kCapacitySearch, kMonolithic };

// Dispatch objective: least cost (tariff, export, carbon price), or the most
// hourly CFE, i.e. the least grid energy (every import priced at 1 per kWh,
// nothing else priced but unserved load).
enum class Objective { kCost, kMaxCfe };

// What an MPC window knows of the renewables and the load ahead
// (docs/optimization.md, "MPC"). Prices and grid carbon come from the tariff
// and are known.
enum class Forecast {
  kPerfect,      // the actual series
  kPersistence,  // the same hour of the last observed day
  kNoisy,        // actual × (1 + ε), ε a seeded random walk in lead time
};

// --mode mpc: receding-horizon re-planning ([optimize] keys of the same names).
// mpc: what [hydro]'s reservoir must hold at each window's end
// (optimize/mpc.h, mpc_problem()).
enum class ReservoirEnd {
  kRulesRun,  // at least the rules run's storage at that step (never less water than the rules)
  kRunStart,  // at least the run's start volume (perfect foresight's end condition)
};

struct MpcOptions {
  double horizon_h = 48.0;       // each window LP's length, h (> 0)
  double replan_every_h = 24.0;  // steps applied before the next re-plan, h (> 0, <= horizon_h)
  Forecast forecast = Forecast::kPerfect;
  // kNoisy: standard deviation of the relative error 24 h ahead (it grows as
  // the square root of the lead time; 0 at the re-plan step, which is seen),
  // of the renewables' availability and of the load.
  double forecast_error_frac = 0.15;
  double load_forecast_error_frac = 0.02;
  std::uint64_t forecast_seed = 1;
  // Prices h hours ahead count (1 − value)^h in a window's LP (import,
  // export and the carbon price alike): a small
  // preference for acting now over a later hour the forecast makes equal.
  // 0 turns it off; the replay is always priced undiscounted.
  double discount_frac_per_h = 0.001;
  ReservoirEnd reservoir_end = ReservoirEnd::kRulesRun;
};

struct Options {
  Mode mode = Mode::kDispatch;
  SizingMethodChoice method = SizingMethodChoice::kCapacitySearch;
  double time_limit_s = kInf;  // wall clock for the whole solve
  Objective objective = Objective::kCost;
  BoundHydro bound_hydro = BoundHydro::kFcfsSeries;
  // Targets over the run (none by default).
  std::optional<double> co2_cap_t;             // tonnes CO2 from grid imports
  std::optional<double> grid_share_max_frac;   // grid energy / load energy
  std::optional<double> cfe_min_frac;          // clean energy to the load / load energy
  std::optional<double> green_share_min_frac;  // with no export: 1 - grid share
  // (The carbon price, [optimize] carbon_price_per_t, is the cost book's:
  // metrics::CostBook::carbon_price_per_t.)
  // Capacity bounds for sizing, applied to each [[pv]] array, [[wind]] farm
  // and [[battery]] (kW, kWh). Minima default to 0; with keep_existing the
  // scenario's own capacities are the minima (existing plant is kept).
  double pv_min_kw = 0.0;
  double pv_max_kw = kInf;
  double wind_min_kw = 0.0;
  double wind_max_kw = kInf;
  double battery_min_kw = 0.0;
  double battery_max_kw = kInf;
  double battery_min_kwh = 0.0;
  double battery_max_kwh = kInf;
  bool keep_existing = false;
  // Sizing also chooses the grid tie's size (its import limit, kW) within
  // [grid_min_kw, grid_max_kw], at the [grid] section's connection cost
  // (capex_per_kw, ...); with keep_existing the scenario's import_limit_kw
  // is the minimum.
  bool size_grid_tie = false;
  double grid_min_kw = 0.0;
  double grid_max_kw = kInf;
  // The sized tie's headroom above the most the plan imports (a fraction;
  // only with size_grid_tie): SizedGridTie::margin_frac.
  double grid_tie_margin_frac = 0.0;
  // Wind farms of a turbine model are sized in whole turbines (an integer
  // count through Cbc); false: any capacity, rounded to whole turbines for
  // the engine's run of the sized plant. Farms on an availability series
  // are sized in kW either way.
  bool whole_turbines = true;
  // The flexible jobs may move within their windows (the LP's fluid,
  // flexible_jobs.h); false: they are held where the fcfs policy runs them
  // (an engine run's facility power is the load) and the runs of the plan
  // use fcfs: the base as if compute did not follow power.
  bool move_jobs = true;
  // Per [[battery]], its `duration_h` key: > 0 fixes energy = duration ×
  // power in sizing; 0 (the default) sizes the energy independently.
  std::vector<double> battery_duration_h;
  // Sizing: hourly CFE targets (fractions, ascending) at which the cost–CFE
  // curve is solved, besides the problem itself (optimize.json `cfe_curve`,
  // report.html). Empty: no curve.
  std::vector<double> cfe_curve_frac;
  // Sizing on this many representative days (optimize/representative_days.h)
  // instead of the full run; the capacities found are then run over the full
  // run and both costs are reported. 0: the full run.
  int representative_days = 0;
  MpcOptions mpc;
};

}  // namespace shapan::optimize
