// optimize.json: what `shapan optimize` found, for people and programs.
//
// Keys (money in `currency`, per year; energies over the run):
//   status, message, mode, method, currency
//   objective: total_per_year and each term (capital_per_year,
//     grid_energy_per_year)
//   capacities: per PV array / wind farm {name, kind, capacity_kw,
//     cost_per_year}; per battery {name, kind, power_kw, energy_kwh,
//     cost_per_year}
//   energy: load_kwh, grid_import_kwh, grid_share_frac, curtailed_kwh, co2_t
//   binding_constraints: [{name, limit, limit_unit, shadow_price,
//     shadow_price_unit}] (+ co2_equivalent_price_per_t for an energy target
//     when the grid's carbon intensity is constant)
//   solver: {name, lp_solves, iterations, build_seconds, solve_seconds}
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "shapan/metrics/report_planning.h"
#include "shapan/optimize/cfe_curve.h"
#include "shapan/optimize/dispatch.h"
#include "shapan/optimize/sizing.h"
#include "shapan/optimize/whole_jobs.h"

namespace shapan::optimize {

nlohmann::json sizing_json(const SizingProblem& problem, const SizingResult& result,
                           const std::string& method, const std::string& currency);

// An engine run (the plan's replay, or the rule-based run) under the
// dispatch objective, with the engine's own CFE, emissions and ledger.
struct EngineFigures {
  DispatchOutcome outcome;
  double cfe_score = 0.0;    // the engine's hourly CFE (metrics::Summary::cfe_score)
  double emissions_t = 0.0;  // metrics::Summary::emissions_t
  double balance_max_abs_error_kwh = 0.0;
  // Hydro: every plant's energy (kWh) and each one's volume at the end (hm³).
  double hydro_kwh = 0.0;
  std::vector<double> hydro_end_volume_hm3;
};

// An engine run's figures under problem p's dispatch objective.
EngineFigures engine_figures(const SizingProblem& p, const sim::Results& results,
                             const metrics::Summary& summary);

// optimize.json of --mode dispatch: status, message, mode, currency;
// capacities (the scenario's); plan {cost terms over the run, energies,
// cfe_lp_frac (1 − imports / load, the LP's count)}; replay and rule_based
// (EngineFigures; absent without a plan); gap {cost (replay − plan),
// cost_frac, cfe_points (replay − plan, percentage points)};
// binding_constraints; solver. With hydro: plan, replay and rule_based also
// {hydro_kwh, hydro_end_volume_hm3 [per plant]}, solver {linearisations,
// head_error_frac} (optimize/hydro_lp.h).
nlohmann::json dispatch_json(const SizingProblem& problem, const SizingResult& plan,
                             const EngineFigures* replay, const EngineFigures* rule_based,
                             const std::string& currency);

// optimize.json's `jobs` of --mode dispatch with flexible jobs (whole_jobs.h):
// `scheduler` (the chosen schedule's), `fluid` {the fluid plan's outcome keys,
// cfe_lp_frac, objective_per_year, it_kwh, facility_kwh, unfinished_kwh: a
// bound on any schedule}, `schedules` [{scheduler, status, objective_per_year,
// the plan's outcome keys, cfe_lp_frac}].
nlohmann::json whole_jobs_json(const SizingProblem& fluid_problem, const SizingResult& fluid,
                               const WholeJobsDispatch& whole);

// An engine run's figures as in dispatch_json's `replay` (outcome keys,
// cfe_score, emissions_t, balance_max_abs_error_kwh).
nlohmann::json engine_figures_json(const EngineFigures& figures);

// --mode sizing: the sized plant run through the engine following the plan
// (`replay`) and under the rules (`rule_based`), each with cost_per_year =
// the plan's capital + the run's energy, carbon and unserved cost as a year;
// `gap` {cost_per_year, cost_frac, cfe_points} of the replay against the plan.
nlohmann::json sized_runs_json(const SizingResult& result, double years_per_run,
                               const EngineFigures& replay, const EngineFigures* rule_based);

// optimize.json's `cfe_curve`: per point {cfe_target_frac (null: none),
// status, total_per_year, cfe_lp_frac, co2_per_year_t,
// cost_per_t_co2_avoided, capacities, binding_constraints}.
nlohmann::json cfe_curve_json(const SizingProblem& problem,
                              const std::vector<CfeCurvePoint>& curve);

// The sizing section of report.html (metrics::planning_html): the chosen
// units, the plan beside the engine's runs of the sized plant, the cost–CFE
// curve (empty `curve`: none) and the notes of sized_plant().
metrics::PlanningReport planning_report(const SizingProblem& problem, const SizingResult& result,
                                        const std::vector<CfeCurvePoint>& curve,
                                        const EngineFigures* replay,
                                        const EngineFigures* rule_based,
                                        std::vector<std::string> notes,
                                        const std::string& currency);

// Writes `json` to `path` atomically; throws std::runtime_error naming the file on failure.
void write_json(const std::filesystem::path& path, const nlohmann::json& json);

}  // namespace shapan::optimize
