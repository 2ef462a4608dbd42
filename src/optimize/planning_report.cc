// optimize::planning_report: a sizing result as the figures report.html draws.
#include <utility>

#include "shapan/optimize/report.h"

namespace shapan::optimize {
namespace {

std::vector<metrics::PlannedUnit> units(const SizingProblem& p, const SizingResult& r) {
  std::vector<metrics::PlannedUnit> out;
  for (std::size_t k = 0; k < r.source_capacity_kw.size(); ++k) {
    out.push_back({.name = p.sources[k].name,
                   .kind = p.sources[k].kind,
                   .power_kw = r.source_capacity_kw[k],
                   .energy_kwh = 0.0,
                   .cost_per_year = r.source_cost_per_year[k]});
  }
  if (p.grid_tie) {
    out.push_back({.name = "grid tie 并网容量",
                   .kind = "grid",
                   .power_kw = r.grid_tie_kw,
                   .energy_kwh = 0.0,
                   .cost_per_year = r.grid_tie_cost_per_year});
  }
  for (std::size_t b = 0; b < r.storage_power_kw.size(); ++b) {
    out.push_back({.name = p.storages[b].name,
                   .kind = "battery",
                   .power_kw = r.storage_power_kw[b],
                   .energy_kwh = r.storage_energy_kwh[b],
                   .cost_per_year = r.storage_cost_per_year[b]});
  }
  return out;
}

metrics::PlannedRun engine_run(std::string label, const SizingResult& r, double years,
                               const EngineFigures& e) {
  return {.label = std::move(label),
          .cost_per_year = r.capital_cost_per_year + years * e.outcome.cost,
          .grid_import_kwh = e.outcome.grid_import_kwh,
          .grid_export_kwh = e.outcome.grid_export_kwh,
          .co2_t = e.emissions_t,
          .cfe_frac = e.cfe_score};
}

std::vector<metrics::CostCfePoint> curve_points(const std::vector<CfeCurvePoint>& curve) {
  std::vector<metrics::CostCfePoint> out;
  out.reserve(curve.size());
  for (const CfeCurvePoint& c : curve) {
    const bool feasible = c.result.status == SolveStatus::kOptimal;
    out.push_back({.cfe_target_frac = c.cfe_target_frac.value_or(-1.0),
                   .feasible = feasible,
                   .cost_per_year = c.result.objective_per_year,
                   .cfe_frac = c.cfe_frac,
                   .cost_per_t_co2_avoided = c.cost_per_t_co2_avoided});
  }
  return out;
}

}  // namespace

metrics::PlanningReport planning_report(const SizingProblem& problem, const SizingResult& result,
                                        const std::vector<CfeCurvePoint>& curve,
                                        const EngineFigures* replay,
                                        const EngineFigures* rule_based,
                                        std::vector<std::string> notes,
                                        const std::string& currency) {
  metrics::PlanningReport out{.currency = currency,
                              .status = std::string(to_string(result.status)),
                              .total_per_year = result.objective_per_year,
                              .units = units(problem, result),
                              .runs = {},
                              .curve = curve_points(curve),
                              .notes = std::move(notes)};
  const double years = years_per_run(problem);
  out.runs.push_back(
      {.label = "Plan (LP) 优化方案",
       .cost_per_year = result.objective_per_year,
       .grid_import_kwh = result.grid_import_kwh,
       .grid_export_kwh = result.grid_export_kwh,
       .co2_t = result.co2_t,
       .cfe_frac = result.load_kwh > 0.0 ? 1.0 - result.grid_import_kwh / result.load_kwh : 0.0});
  if (replay != nullptr) {
    out.runs.push_back(engine_run("Plan through the engine 按方案仿真", result, years, *replay));
  }
  if (rule_based != nullptr) {
    out.runs.push_back(engine_run("Sized plant, rule-based 规则调度", result, years, *rule_based));
  }
  return out;
}

}  // namespace shapan::optimize
