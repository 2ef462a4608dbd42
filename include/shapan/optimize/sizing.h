// Capacity expansion (sizing) of a single-bus base: how much PV, wind and
// storage to build, and how to run them, at least annual cost.
//
// The problem is given as plain series (one value per step), already
// resolved from a scenario by optimize/scenario_input.h, so that it can be
// built from a scenario, a test or a sweep alike. Units at this interface:
// kW, kWh, money per kW per year and per kWh (the scenario's currency), kg
// CO2 per kWh, tonnes; inside the LP they become MW, MWh and money per MWh so
// that the coefficients stay near 1 (STYLE.md §4). The algebra, constraint by
// constraint, is in docs/optimization.md.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "shapan/optimize/flexible_jobs.h"
#include "shapan/optimize/hydro_lp.h"
#include "shapan/optimize/lp.h"
#include "shapan/optimize/solver.h"

namespace shapan::optimize {

// A PV array or wind farm: output up to capacity × availability, curtailable.
struct SizedSource {
  std::string name;
  std::string kind;  // "pv" or "wind", for reports
  // AC output per kW of capacity in each step (PV: per kW DC), in [0, ~1.5].
  std::vector<double> availability_per_kw;
  double capacity_min_kw = 0.0;  // existing capacity (kept) or a lower bound
  double capacity_max_kw = kInf;
  double cost_per_kw_year = 0.0;  // annualised capital + fixed O&M
  // > 0: built in whole units of this size (a wind farm's turbines), an
  // integer count through Cbc; 0: any capacity.
  double unit_kw = 0.0;
};

// A battery: power (charge and discharge limits equal) and energy sized.
struct SizedStorage {
  std::string name;
  double power_min_kw = 0.0;
  double power_max_kw = kInf;
  double energy_min_kwh = 0.0;  // with duration_h > 0: ignored (energy = duration × power)
  double energy_max_kwh = kInf;
  double duration_h = 0.0;  // > 0: energy fixed at duration × power; 0: sized independently
  double cost_per_kw_year = 0.0;
  double cost_per_kwh_year = 0.0;
  double charge_efficiency_frac = 1.0;
  double discharge_efficiency_frac = 1.0;
  double self_discharge_frac_per_step = 0.0;
  double soc_min_frac = 0.0;
  double soc_max_frac = 1.0;
  // Per step: the capacity left at the step's end as a fraction of the
  // sized energy (0 < c_t <= 1), as the engine's ageing model fades it; the
  // state-of-charge band is soc_min·c_t·E .. soc_max·c_t·E. Empty: no fade.
  std::vector<double> capacity_frac_per_step;
  // A window of a receding-horizon dispatch (optimize/mpc.h) instead of a
  // cyclic run: when set, the energy stored before the first step (kWh, the
  // engine's state), and the state of charge is not cyclic; the energy after
  // the last step must then be at least end_energy_min_kwh (kWh), a soft
  // limit whose shortfall costs 100 per kWh (docs/optimization.md,
  // "MPC"). Unset: cyclic (sizing and perfect-foresight dispatch).
  std::optional<double> initial_energy_kwh;
  double end_energy_min_kwh = 0.0;
};

// The grid tie's size (its import limit), when sizing chooses it.
struct SizedGridTie {
  double min_kw = 0.0;  // the existing connection (kept) or a lower bound
  double max_kw = kInf;
  double cost_per_kw_year = 0.0;  // annualised connection capital + fixed O&M
  // Headroom: the plan imports at most tie / (1 + margin_frac) (less the
  // import reserved for auxiliary loads), so the tie is that much above
  // the most the plan draws, for what the plan does not foresee.
  double margin_frac = 0.0;
};

struct SizingTargets {
  std::optional<double> co2_cap_t;            // over the run
  std::optional<double> grid_share_max_frac;  // grid energy / load energy
  std::optional<double> cfe_min_frac;         // clean energy to the load / load energy (see docs)
};

struct SizingProblem {
  double step_h = 1.0;
  std::vector<double> load_kw;  // demand each step, > 0 somewhere
  std::vector<SizedSource> sources;
  std::vector<SizedStorage> storages;
  double grid_import_limit_kw = kInf;    // ignored when grid_tie is sized
  std::optional<SizedGridTie> grid_tie;  // the import limit as a decision
  // Import kept for the batteries' auxiliary load (kW, >= 0): the engine
  // draws it at every step and buys it when there is no surplus, through
  // the same connection; the LP's imports, which serve the load, stay
  // within the limit (or the sized tie) less this. A sized tie is at least
  // this large.
  double import_reserved_kw = 0.0;
  std::vector<double> grid_price_per_kwh;      // one per step
  std::vector<double> grid_carbon_kg_per_kwh;  // one per step
  SizingTargets targets;
  // Export (sizing_problem() sets it from [grid]): up to this limit each
  // step, only from the plant's production (docs/optimization.md, sizing's
  // row 9), paid at the export price; 0: no export.
  double grid_export_limit_kw = 0.0;
  std::vector<double> grid_export_price_per_kwh;  // one per step when export is allowed
  // A demand charge on each billing month's highest import (money per kW
  // per month; the engine bills the same: metrics/summary.cc), with each
  // step's month (0, 1, ... in time order: the site's civil months). 0:
  // none (month_of_step may then be empty).
  double demand_charge_per_kw_month = 0.0;
  std::vector<std::size_t> month_of_step;
  double carbon_price_per_t = 0.0;  // on grid imports' emissions
  bool allow_unserved = false;      // unserved columns in every step
  // Representative periods (optimize/representative_days.h): how many steps
  // of the full run each step stands for (empty: 1 each), and the length of
  // a period in steps, over which each storage's state of charge is cyclic
  // (0: one period, the whole run). Energies and costs are weighted sums;
  // a year is 8,760 h of represented steps.
  std::vector<double> step_weight;
  std::size_t period_steps = 0;
  // Hydro plants and pumped storage as they are (never sized; optimize/hydro_lp.h).
  HydroProblem hydro;
  // A workload's flexible jobs (flexible_jobs.h; empty: none). load_kw then
  // holds the online and the inflexible jobs' facility power.
  FlexibleJobs flexible_jobs;
};

enum class SizingMethod {
  // One LP with every capacity a column (the textbook formulation).
  kMonolithic,
  // Capacities searched outside a dispatch LP in which they are bounds:
  // cutting planes on the convex cost of the capacities, each inner LP
  // warm-started from the last (docs/optimization.md, "Speed").
  kCapacitySearch,
};

struct SizingOptions {
  SizingMethod method = SizingMethod::kCapacitySearch;
  SolveOptions solve;
  // kCapacitySearch stops when the gap between the best cost found and the
  // cutting-plane bound is below this share of the cost.
  double relative_gap = 1e-10;
  int max_outer_iterations = 500;
};

// A constraint at its limit, with its shadow price: the objective's change
// per unit the limit is tightened (>= 0 for a limit that costs money).
struct BindingConstraint {
  std::string name;  // "co2_cap", "grid_share_max", "cfe_min", "pv0_capacity_max", ...
  double limit = 0.0;
  std::string limit_unit;
  double shadow_price = 0.0;
  std::string shadow_price_unit;  // "per_t_co2", "per_kw_year", ...
};

// One dispatch LP of the capacity search: the capacities tried (MW or MWh, in
// the order sources, then each storage's power and, if independent, energy),
// the cost there (with target penalties), and the LP's effort.
struct SearchStep {
  std::vector<double> capacities_mw;
  double cost_per_year = 0.0;
  long iterations = 0;
  double seconds = 0.0;
};

struct SizingResult {
  SolveStatus status = SolveStatus::kError;
  std::string message;
  double objective_per_year = 0.0;  // capital + O&M + grid energy cost, per year
  double capital_cost_per_year = 0.0;
  double grid_energy_cost_per_year = 0.0;
  double grid_export_revenue_per_year = 0.0;  // 0 without export
  double carbon_cost_per_year = 0.0;          // carbon price × emissions (0 without a price)
  double unserved_cost_per_year = 0.0;        // penalty × unserved energy (dispatch)
  double demand_charge_per_year = 0.0;        // Σ months' peak import × the charge
  std::vector<double> source_capacity_kw;     // per SizingProblem::sources
  std::vector<double> storage_power_kw;       // per storage
  std::vector<double> storage_energy_kwh;     // per storage
  std::vector<double> source_cost_per_year;   // each source's capital + O&M
  std::vector<double> storage_cost_per_year;
  double grid_tie_kw = 0.0;  // the import limit chosen (SizingProblem::grid_tie only)
  double grid_tie_cost_per_year = 0.0;
  double grid_import_kwh = 0.0;  // over the run
  double load_kwh = 0.0;
  double co2_t = 0.0;
  double curtailed_kwh = 0.0;
  double step_h = 1.0;
  std::vector<BindingConstraint> binding;
  // The dispatch at the optimum, per step (for a replay and reports).
  std::vector<double> grid_import_kw;
  std::vector<double> grid_export_kw;  // empty without export
  std::vector<double> unserved_kw;     // empty without unserved columns
  double grid_export_kwh = 0.0;
  // Export the engine cannot make: above the step's surplus of renewables
  // (and hydro) over the load, Σ_t max(0, x_t − max(0, R_t + H_t − L_t)) Δ
  // over the run. The sizing LP's export row is a relaxation
  // (docs/optimization.md, sizing's row 9): this is how much the plan used it.
  double export_beyond_surplus_kwh = 0.0;
  double unserved_kwh = 0.0;
  std::vector<std::vector<double>> storage_charge_kw;  // [storage][step]
  std::vector<std::vector<double>> storage_discharge_kw;
  HydroPlan hydro;      // hydro and pumped storage at the optimum (empty without)
  long iterations = 0;  // simplex iterations, all LPs
  int lp_solves = 0;
  double solve_seconds = 0.0;
  double build_seconds = 0.0;
  std::vector<SearchStep> search_trace;  // kCapacitySearch only
  FlexiblePlan flexible_jobs;            // empty without flexible jobs
};

// Availability per kW below this is taken as 0 by solve_sizing (rounding
// noise; keeps the LP's coefficients within kMaxMatrixRatio).
inline constexpr double kNegligibleAvailability = 1e-7;

// Checks the problem (series lengths, bounds); throws InputError naming the
// field when it is malformed.
void check_problem(const SizingProblem& problem);

// What a planner should know about the sizing LP's export (empty when
// nothing): the steps whose export price exceeds the cost of importing
// (tariff + carbon price × intensity), where the LP may import for the load
// and export the plant's production, which the engine never does; and the
// plan's export beyond the surplus (SizingResult::export_beyond_surplus_kwh).
std::vector<std::string> export_notes(const SizingProblem& problem, const SizingResult& result);

// The monolithic LP (exposed for tests and the benchmark).
LpModel build_sizing_lp(const SizingProblem& problem);

SizingResult solve_sizing(const SizingProblem& problem, const SizingOptions& options);

}  // namespace shapan::optimize
