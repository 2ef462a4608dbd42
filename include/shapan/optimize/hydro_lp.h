// Hydro plants (a reservoir and its cascade) and pumped storage in the
// dispatch and sizing LPs (docs/optimization.md, "Hydro and pumped storage").
//
// Hydro, per plant p and step t: turbine flow q (m³/s), spill s (m³/s) and
// the volume at the end of the step v (hm³) are columns; the water balance
// (with the engine's inflow, evaporation and, below [hydro], the release of
// the plant above after its travel delay), the ecological minimum release,
// the ramp limits and the end volume are rows. Power is linear in flow with
// a coefficient per step, k_pt = share · ρ·g·η·h / 1000 kW per m³/s, whose
// head h (forebay level at the start of the step − tailwater at the step's
// release) and efficiency η come from a previous plan (successive
// linearisation: relinearise()). One column per step carries all plants'
// power (MW) into the bus balance.
//
// Pumped storage is a store in energy form (exact for the engine's model,
// gen/pumped_storage.h): pump and turbine power, pump and turbine
// efficiency, energy between what the upper reservoir's volume limits (and
// the lower's) allow; it starts with the engine's initial energy and ends
// with at least as much.
//
// Units at this interface: kW, kWh, m³/s, hm³ (as the scenario); inside the
// LP MW, MWh, m³/s and hm³, so that coefficients stay near 1.
#pragma once

#include <cstddef>
#include <limits>
#include <string>
#include <vector>

#include "shapan/gen/hydro.h"
#include "shapan/optimize/lp.h"
#include "shapan/optimize/solver.h"

namespace shapan::sim {
struct Setup;
}
namespace shapan::dispatch {
struct DispatchPlan;
}

namespace shapan::optimize {

// One hydro plant: [hydro] (index 0) or a plant of its cascade, below the
// one before it.
struct HydroLpPlant {
  gen::HydroParams params;
  // [hydro]: its inflow; a cascade plant: its local inflow (missing steps 0).
  std::vector<double> inflow_m3_per_s;
  // A cascade plant: the release of the plant above arrives this many steps
  // later (>= 1); before that, the plant above is taken to have released
  // `first_inflow_m3_per_s` (the engine's steady start). 0 for [hydro].
  std::size_t delay_steps = 0;
  double first_inflow_m3_per_s = 0.0;
  // The linearisation (relinearise()), per step: the base's kW per m³/s of
  // turbine flow, and the evaporation (hm³ over the step).
  std::vector<double> kw_per_m3_per_s;
  std::vector<double> evaporation_hm3;
  // The point of that linearisation, per step: the volume at the start of
  // the step (hm³), the turbine flow and the total release (m³/s).
  std::vector<double> at_start_hm3, at_turbine_m3_per_s, at_release_m3_per_s;
  // Per step: the ecological release the water allows (m³/s), and the least
  // end volume (hm³) the must-run path reaches (set by prepare_hydro()).
  std::vector<double> min_release_m3_per_s;
  double end_volume_min_hm3 = 0.0;
  // Representative days (HydroProblem::period_steps > 0), per period: the
  // volume the period starts from and the least it must end with (hm³),
  // taken from an engine run over the day it stands for
  // (anchor_days_at()); the water moves freely within the day.
  std::vector<double> period_start_hm3, period_end_min_hm3;
  // The turbine flow of the step before the first (m³/s): the ramp limit's
  // reference at the first step (0: from rest; an MPC window: the engine's).
  double initial_turbine_m3_per_s = 0.0;
  // The end volume aimed at (hm³): the LP's last volume is at least
  // min(this, the must-run path's end). NaN: the initial volume.
  double end_volume_target_hm3 = std::numeric_limits<double>::quiet_NaN();
};

// A pumped-storage plant in energy form (kW, kWh).
struct PumpedLpUnit {
  std::string name;
  double pump_max_kw = 0.0;
  double turbine_max_kw = 0.0;
  double pump_efficiency_frac = 1.0;
  double turbine_efficiency_frac = 1.0;
  double energy_min_kwh = 0.0;  // stored at the lowest upper volume the reservoirs allow
  double energy_max_kwh = 0.0;  // stored at the highest
  double energy_initial_kwh = 0.0;
};

struct HydroProblem {
  std::vector<HydroLpPlant> plants;  // [hydro] first, then its cascade
  std::vector<PumpedLpUnit> pumped;
  // > 0: the run is periods (representative days) of this many steps, each
  // plant's volume anchored per period (HydroLpPlant::period_start_hm3).
  std::size_t period_steps = 0;
  bool empty() const { return plants.empty() && pumped.empty(); }
};

// Where the hydro and pumped-storage columns and rows are in the LP.
struct HydroLayout {
  std::vector<std::vector<int>> turbine, spill, volume;    // [plant][step]
  std::vector<int> power;                                  // all plants, MW, per step
  std::vector<int> power_rows;                             // P_t − Σ_p k_pt q_pt = 0
  std::vector<std::vector<int>> water_rows, release_rows;  // [plant][step]
  std::vector<int> export_rows;  // x_t − power_t ≤ ... (sizing::Layout::export_rows)
  std::vector<std::vector<int>> pump, generate, stored;  // [pumped unit][step]
};

// The plan's hydro and pumped-storage series.
struct HydroPlan {
  std::vector<double> hydro_kw;  // all plants, per step (empty without hydro)
  std::vector<std::vector<double>> turbine_m3_per_s, spill_m3_per_s, volume_hm3;  // [plant][step]
  std::vector<std::vector<double>> plant_kw;                                      // [plant][step]
  std::vector<double> pumped_charge_kw;     // all units, per step (empty without)
  std::vector<double> pumped_discharge_kw;  // all units, per step
  double hydro_kwh = 0.0;
  int linearisations = 0;  // LP solves of the successive linearisation
  // The head-linearisation error: |hydro energy of the plan's flows at the
  // plan's own heads (as the engine works them out) − the LP's| / the LP's.
  double head_error_frac = 0.0;
};

// The scenario's hydro plants and pumped storage, linearised at the initial
// volumes (the first iterate). Empty without [hydro] or [[pumped_storage]].
HydroProblem hydro_problem(const sim::Setup& setup);

// The first iterate of plants given by their parameters and inflows (and
// delays): every step at the initial volume, the ecological release, one
// unit at full flow; with the must-run paths (ecological release the water
// allows, least end volume). `n` steps of `step_h` hours.
void linearise_at_start(HydroProblem& h, std::size_t n, double step_h);

// Adds the columns and rows to `m`: hydro power and pumped storage into the
// bus balance rows `balance` (one per step), and hydro power into the export
// rows `export_rows` (x_t − ... ≤ bound, one per step, or none without
// export), which hydro may then feed too.
void add_hydro(LpModel& m, const HydroProblem& h, double step_h, const std::vector<int>& balance,
               const std::vector<int>& export_rows, HydroLayout& layout);

// After relinearise(): the new coefficients, bounds and right-hand sides in
// a loaded LP, so that the next solve starts from the last basis.
void update_hydro(Session& session, const HydroProblem& h, double step_h,
                  const HydroLayout& layout);

// The series of a solved LP.
HydroPlan read_hydro(const HydroProblem& h, const HydroLayout& layout, const Solution& s,
                     double step_h);

// Dispatch, step t: export − hydro ≤ the renewables' surplus over the load
// (MW; the export column keeps its limit), and pumped storage's generation
// ≤ the deficit after renewables (the engine's bus has no path from storage
// to the grid).
void follow_engine_bounds(Session& session, const HydroProblem& h, const HydroLayout& layout,
                          std::size_t t, double surplus_mw, double deficit_mw);

// Successive linearisation: the head, efficiency and evaporation of each
// step worked out (as the engine does) at the plan's volumes and flows,
// giving the head-linearisation error of the plan, which is returned and set
// in `plan`; then the problem is linearised halfway between its last point
// and the plan (damped: undamped, a plan that releases where the last one
// had the most head swings to the other side the next time).
double relinearise(HydroProblem& h, HydroPlan& plan, double step_h);

// The set-points of the plan: hydro power, and pumped storage added to the
// batteries' (the engine pools them).
void add_to_plan(const HydroPlan& plan, dispatch::DispatchPlan& out);

// Stops after this many LP solves, or when the plan's head-linearisation
// error is below kLinearisationTolerance.
inline constexpr int kMaxLinearisations = 5;
inline constexpr double kLinearisationTolerance = 1e-4;

}  // namespace shapan::optimize
