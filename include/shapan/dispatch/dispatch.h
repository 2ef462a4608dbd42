// Dispatch: who supplies the load, where surplus goes, in one step.
//
// A strategy sees the step as powers on one AC bus: what the variable
// renewables offer, the range hydro can run in, what storage can take or give,
// what the grid tie allows, and the load. It answers with non-negative,
// directed flows. The simulator then applies them to the component models.
// Strategies know nothing of the models themselves (STYLE.md §2: dispatch
// sees demand only as a power series).
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "shapan/core/time.h"
#include "shapan/core/units.h"

namespace shapan::dispatch {

// What the plant can do in one step. Every power is AC on the base's bus, >= 0.
struct StepOffer {
  std::size_t step_index = 0;
  Timestamp start;
  Duration dt;
  Power load;        // facility demand of the data center
  Power renewables;  // PV + wind available: used, stored, exported or curtailed
  Power hydro_min;   // must-run hydro (ecological release through the turbines)
  Power hydro_max;   // most hydro can give this step (>= hydro_min)
  // What the reservoir's operating rule asks hydro to give, in [hydro_min,
  // hydro_max]: the power that turbines the water that would otherwise end
  // the step above the reservoir's target storage (its guide curve, or the
  // spillway crest), so that it is generated rather than held above the
  // guide or spilled. Values below hydro_min count as hydro_min.
  Power hydro_target;
  // The station's own auxiliary load (the batteries' HVAC and standby): a
  // sink on the bus beside the load, served from on-site supply where there is
  // some left (StepDecision::clean_to_aux); the simulator buys the rest.
  Power aux_load;
  Power battery_max_charge;     // all batteries together
  Power battery_max_discharge;  // all batteries together
  Power grid_import_limit;
  Power grid_export_limit;
  Price import_price;
  double grid_carbon_g_per_kwh = 0.0;
  // Energy stored in all batteries together at the step's start, as the
  // engine has it (after its efficiency curves, self-discharge and fade): the
  // state a receding-horizon planner starts from. Pumped storage not included.
  Energy battery_stored;
  // The rest of that state: all pumped-storage units' stored energy, and
  // [hydro]'s reservoir storage (hm³) and its turbine flow over the step
  // before (m³/s, 0 at the start: the ramp limit's reference). 0 without.
  Energy pumped_stored;
  double hydro_storage_hm3 = 0.0;
  double hydro_turbine_m3_per_s = 0.0;
};

// The decision. Flows are directed and non-negative; `clean` is on-site
// renewable + hydro output. Invariants (checked by the simulator's ledger):
//   clean_to_load + clean_to_aux + clean_to_battery + clean_to_grid + curtailed
//     = renewables + hydro
//   clean_to_load + battery_to_load + grid_to_load + unserved = load
//   clean_to_aux <= aux_load
struct StepDecision {
  Power hydro;  // hydro output, in [hydro_min, hydro_max]
  Power clean_to_load;
  Power clean_to_aux;  // to the auxiliary load
  Power clean_to_battery;
  Power clean_to_grid;
  Power curtailed;
  Power battery_to_load;
  Power grid_to_load;
  Power grid_to_battery;
  Power unserved;

  Power battery_charge() const { return clean_to_battery + grid_to_battery; }
  Power grid_import() const { return grid_to_load + grid_to_battery; }
};

class DispatchStrategy {
 public:
  virtual ~DispatchStrategy() = default;
  virtual std::string name() const = 0;
  virtual StepDecision decide(const StepOffer& offer) = 0;
};

// A schedule for StrategyKind::kFollowPlan (dispatch/follow_plan.h): per
// step, the set-points of all batteries together, AC kW on the bus. An
// optimiser (shapan optimize --mode dispatch) writes it; steps past its end
// have no set-point (0).
struct DispatchPlan {
  std::vector<double> battery_charge_kw;
  std::vector<double> battery_discharge_kw;
  // Optional: per step, the most of the charge the grid may supply (kW),
  // the rest only from surplus. A plan made on a forecast sets it to the
  // grid charging it planned, so that a forecast surplus that does not come
  // is not bought from the grid instead (optimize/mpc.h). Empty, or past its
  // end: no cap (the charge comes from the surplus, then the grid).
  std::vector<double> battery_grid_charge_max_kw;
  // All hydro plants together, AC kW (the StepOffer's one hydro range);
  // empty: no hydro set-point (hydro runs its must-run and fills deficits).
  std::vector<double> hydro_kw;
  // Each plant's share of it ([hydro], then its cascade; [plant][step], kW):
  // the engine splits the step's hydro among the plants in these
  // proportions instead of its own rule (sim's HydroCascade). Empty: its rule.
  std::vector<std::vector<double>> hydro_plant_kw;
};

// A planner for StrategyKind::kRecedingPlan (dispatch/receding_plan.h):
// called at step 0 and every `replan_every_steps` steps after it with that
// step's offer (the engine's state then, e.g. offer.battery_stored), it
// returns set-points for the steps from offer.step_index on (the returned
// plan's index 0 is that step). An optimiser (shapan optimize --mode mpc)
// supplies it; the engine does not depend on the optimiser.
struct RecedingPlanner {
  std::function<DispatchPlan(const StepOffer&)> plan;
  std::size_t replan_every_steps = 1;  // >= 1
};

enum class StrategyKind { kRuleBased, kFollowPlan, kRecedingPlan };

// kFollowPlan copies `plan`; kRecedingPlan copies `planner` (it requires
// planner.plan); kRuleBased ignores both.
std::unique_ptr<DispatchStrategy> make_strategy(StrategyKind kind, const DispatchPlan& plan = {},
                                                const RecedingPlanner& planner = {});

}  // namespace shapan::dispatch
