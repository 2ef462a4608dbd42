// The plant a sizing chose, as a scenario the engine can run: the sizing
// result's capacities written back into a copy of the setup and its cost
// book, so that `shapan optimize --mode sizing` replays the sized plant
// through the same physics as `shapan run` (docs/optimization.md, "The
// sized plant through the engine").
//
// Mapping (SizingProblem's order: PV arrays, then wind farms; storages: the
// batteries first): a PV array's dc_capacity_kw (its inverter scales with
// it through dc_ac_ratio); a wind farm on an availability series takes the
// capacity as its rating; a farm of a turbine model takes capacity / rating
// turbines, rounded to the nearest whole turbine when the sizing allowed a
// fraction (a note says by how much); a battery's energy_kwh and both power
// limits. A unit sized to zero is removed from the setup and from the cost
// book (with its weather source), so that the summary counts only what is
// built.
#pragma once

#include <string>
#include <vector>

#include "shapan/metrics/cost_book.h"
#include "shapan/optimize/sizing.h"
#include "shapan/sim/simulation.h"

namespace shapan::optimize {

struct SizedPlant {
  sim::Setup setup;
  metrics::CostBook costs;
  // What differs from the sizing result (whole turbines rounded, units
  // removed), one sentence each.
  std::vector<std::string> notes;
};

// Units below this size (kW, kWh) count as not built.
inline constexpr double kNotBuiltBelow = 1e-3;

// Requires: `problem` is sizing_problem(setup, costs, ...) and `result` its
// solution with capacities (status optimal or time-limit feasible).
SizedPlant sized_plant(const sim::Setup& setup, const metrics::CostBook& costs,
                       const SizingProblem& problem, const SizingResult& result);

}  // namespace shapan::optimize
