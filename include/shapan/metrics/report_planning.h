// The planning section of report.html, for `shapan optimize --mode sizing`:
// what the optimiser chose, how the sized plant ran through the engine, and
// the cost–CFE curve (the least annual cost for each hourly CFE target).
// Plain figures: the optimiser fills them, metrics only draws them, so that
// metrics does not depend on the optimiser (docs/architecture.md).
#pragma once

#include <string>
#include <vector>

namespace shapan::metrics {

// One unit the sizing chose. energy_kwh is 0 for a source.
struct PlannedUnit {
  std::string name;
  std::string kind;  // "pv", "wind", "battery"
  double power_kw = 0.0;
  double energy_kwh = 0.0;
  double cost_per_year = 0.0;
};

// One row of the plan against the engine's runs: the LP's figures, the sized
// plant following the plan, the sized plant under the rules.
struct PlannedRun {
  std::string label;
  double cost_per_year = 0.0;  // capital + O&M + grid energy (+ carbon price)
  double grid_import_kwh = 0.0;
  double grid_export_kwh = 0.0;
  double co2_t = 0.0;
  double cfe_frac = 0.0;  // the LP's count for the plan, the engine's hourly CFE for runs
};

// A point of the cost–CFE curve.
struct CostCfePoint {
  double cfe_target_frac = 0.0;  // < 0: the least-cost design with no CFE target
  bool feasible = true;
  double cost_per_year = 0.0;
  double cfe_frac = 0.0;                // reached (the LP's count)
  double cost_per_t_co2_avoided = 0.0;  // against the no-target design; 0 there
};

struct PlanningReport {
  std::string currency;
  std::string status;
  double total_per_year = 0.0;
  std::vector<PlannedUnit> units;
  std::vector<PlannedRun> runs;
  std::vector<CostCfePoint> curve;  // empty: no curve asked for
  std::vector<std::string> notes;   // e.g. whole turbines rounded for the engine
};

// The section as HTML (a heading, tables, the curve as inline SVG).
std::string planning_html(const PlanningReport& planning);

}  // namespace shapan::metrics
