// The sizing LP's layout: which column and row is which. (Private to optimize.)
#pragma once

#include <chrono>
#include <vector>

#include "shapan/optimize/lp.h"
#include "shapan/optimize/sizing.h"

namespace shapan::optimize::sizing {

// Penalty per unit of a target's violation (per tCO2 or MWh), in the
// objective's currency: large enough to exceed any shadow price a reachable
// target has, so that a reachable target is met exactly (an exact penalty)
// and an unreachable one is missed by as little as possible.
inline constexpr double kTargetPenalty = 1e6;

// Penalty per MWh that a dispatch window ends below its least end energy
// (SizedStorage::end_energy_min_kwh), per MWh in the objective's currency
// (100 per kWh): above any tariff, so the end energy is met whenever it can
// be, and below unserved load's kTargetPenalty divided by any discharge
// efficiency, so that no load goes unserved to keep energy in store.
inline constexpr double kEndShortfallPenalty = 1e5;

// Penalty per MWh of energy put into a store from nowhere to hold its
// minimum state of charge against self-discharge (Layout::keep_up): ten
// times kTargetPenalty, so that it is never cheaper than unserved load or a
// missed target. Only capacities that cannot hold the minimum use it: the
// capacity search then learns, from the cut's steep slope, to leave them.
inline constexpr double kKeepUpPenalty = 1e7;

struct TargetRow {
  std::string name;  // "co2_cap", "grid_share_max", "cfe_min"
  int row = -1;
  int slack = -1;      // violation column (t or MWh)
  double limit = 0.0;  // the right-hand side, in the row's unit
  std::string unit;    // "t" or "MWh"
};

// The flexible jobs' columns (jobs_lp.h; empty without them).
struct FlexibleLayout {
  std::vector<int> work;             // f_t, MW at full speed
  std::vector<int> capped;           // h_t, MW of work rate run capped (empty: no capping)
  std::vector<int> done;             // W_t, cumulative work, MWh
  std::vector<int> capped_done;      // H_t, cumulative capped work, MWh
  std::vector<int> deferrable;       // e_t, the deferrable jobs' part of f_t (empty: one class)
  std::vector<int> deferrable_done;  // E_t, their cumulative work, MWh
  int unfinished = -1;               // arrived work left undone at the end, MWh
};

struct Layout {
  // kCapacitySearch: no capacity columns; source capacities move into the
  // balance rows' bounds and storage sizes into column bounds.
  bool capacities_outside = false;
  double year_factor = 1.0;          // years per run: operating terms × this = per year
  std::vector<int> source_capacity;  // MW (-1 when capacities_outside)
  // MW per unit of each source's capacity column: 1, or a whole unit's size
  // (SizedSource::unit_kw), the column then counting units (integer).
  std::vector<double> source_scale_mw;
  std::vector<int> storage_power;   // MW (-1 when capacities_outside)
  std::vector<int> storage_energy;  // MWh (-1 when capacities_outside or duration fixed)
  std::vector<int> grid;            // per step, MW
  int grid_tie = -1;             // the import limit's column, MW (grid_tie sized, textbook LP only)
  std::vector<int> grid_export;  // per step, MW (empty without export)
  // Exports only from production, per step: x_t − κ_t Σ_k a_kt C_k (−
  // hydro P_t) ≤ 0, the capacities as columns or (capacities_outside) in
  // the right-hand side; κ_t = X / (X + L_t) in export_frac. Empty without
  // export, and when every source's capacity is fixed and there is no hydro:
  // the export column's bound is then the exact surplus (docs/optimization.md,
  // sizing's row 9).
  std::vector<int> export_rows;
  std::vector<double> export_frac;
  std::vector<std::vector<int>> charge, discharge, soc;  // [storage][step]
  std::vector<int> balance;                              // rows per step
  std::vector<int> month_peak;  // MW, per billing month (empty without a demand charge)
  // With capacities_outside, for a store with a minimum state of charge
  // and self-discharge: energy from nowhere (MWh per step, priced at
  // kKeepUpPenalty) in its state-of-charge balance, so that a dispatch
  // exists at every size the search tries, also one whose power cannot
  // make up the decay of its minimum. [storage][step], or empty.
  std::vector<std::vector<int>> keep_up;
  // Unserved load per step (MW), priced at kTargetPenalty per MWh: present
  // only when the grid cannot cover the peak load alone (an islanded or
  // weakly tied base), so that every capacity the search tries has a
  // dispatch; empty otherwise.
  std::vector<int> unserved;
  // Unserved load is an outcome priced in the objective (dispatch), not a
  // sign that the capacity bounds cannot serve the load (sizing).
  bool unserved_allowed = false;
  std::vector<TargetRow> targets;
  HydroLayout hydro;  // hydro plants and pumped storage (optimize/hydro_lp.h)
  FlexibleLayout flexible;
};

// Every capacity, MW or MWh.
struct Sizes {
  std::vector<double> source_mw;
  std::vector<double> power_mw;
  std::vector<double> energy_mwh;  // independent energy (ignored with a fixed duration)
  double grid_tie_mw = 0.0;        // SizingProblem::grid_tie only
};

// Builds the LP. With capacities_outside, the capacities are not columns:
// set_source_capacities() and set_storage_bounds() put them into the rows'
// and columns' bounds before each solve.
LpModel build(const SizingProblem& p, bool capacities_outside, Layout& layout);

// A source's capacity column: in MW, or (unit_kw > 0) a count of whole units
// of scale_mw each, within the counts that fit [capacity_min, capacity_max].
struct UnitRange {
  bool whole = false;
  double scale_mw = 1.0;
  double lower = 0.0, upper = kInf;  // MW, or units
};
UnitRange unit_range(const SizedSource& source);

// Balance rows: load - sum of capacity x availability <= supply from grid
// and storage; export rows: export (- hydro) <= κ_t × sum of capacity x
// availability.
void set_source_capacities(Session& session, const SizingProblem& p, const Layout& layout,
                           const std::vector<double>& capacity_mw);

// Bounds of storage b's columns for sizes (power, energy) in MW and MWh.
void set_storage_bounds(Session& session, const SizingProblem& p, const Layout& layout,
                        std::size_t b, double power_mw, double energy_mwh);

// The grid import columns' upper bound: the grid tie's usable share of its
// size less the import kept for the auxiliary load (capacity search).
void set_grid_tie(Session& session, const SizingProblem& p, const Layout& layout,
                  double grid_tie_mw);

// The share of a sized grid tie the plan may import through: 1 / (1 +
// SizedGridTie::margin_frac); 1 without a sized tie.
double usable_tie_frac(const SizingProblem& p);

// Hours of the full run that step t stands for: step_h × its weight.
double represented_h(const SizingProblem& p, std::size_t t);

// The step before t within its period (cyclic: a period's first step
// follows its last).
std::size_t previous_in_period(const SizingProblem& p, std::size_t t);

// The import limit in kW that the problem can least rely on: the grid tie's
// minimum when it is sized, else the given limit.
double lowest_import_limit_kw(const SizingProblem& p);

// The storage's energy in MWh for a power (fixed duration) or as given.
double storage_energy_mwh(const SizedStorage& s, double power_mw, double energy_mwh);

// Storage s's capacity at step t's end as a fraction of its sized energy
// (SizedStorage::capacity_frac_per_step; 1 without fade).
double capacity_frac(const SizedStorage& s, std::size_t t);

// Annual cost per MW of storage power with its fixed duration's energy, or
// per MW alone (independent energy).
double storage_power_cost_per_mw_year(const SizedStorage& s);

// Fills the result's figures from an optimal (or time-limited) solution with
// the capacities given.
void extract(const SizingProblem& p, const Layout& layout, const Solution& s, const Sizes& sizes,
             SizingResult& out);

// Status, figures, targets and binding limits from a solution (extract plus
// the checks); used by both methods.
void finish(const SizingProblem& p, const Layout& layout, const Solution& s, const Sizes& sizes,
            SizingResult& out);

double seconds_since_start(std::chrono::steady_clock::time_point start);

// SizingMethod::kCapacitySearch (sizing_search.cc).
SizingResult solve_capacity_search(const SizingProblem& p, const SizingOptions& options);

}  // namespace shapan::optimize::sizing
