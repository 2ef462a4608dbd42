// The per-step columns of a run, listed once.
//
// SHAPAN_STEP_COLUMNS is the one list of what a run records at every step.
// Everything that handles the columns is made from it: StepSeries (the
// columns), StepRow (one step's values, filled by the time loop), the table
// kStepColumns that the CSV writer, the server's series and the checks loop
// over, and metrics::EnergyTotals (the run's energy per summed column).
// Adding a column is one line here, plus setting its StepRow field where the
// loop knows the value. (An X-macro: C++20 has no reflection, and only a macro
// can make both struct members and a table of them from one list.)
//
// X(name, unit, decimals, flow, sum, energy, origin, served, doc), in
// timeseries.csv order:
//   name      the column's name in files and on the server, unit in the name
//   unit      its unit, as text ("" for a pure number)
//   decimals  printed decimals in timeseries.csv (< 0: 3 significant digits)
//   flow      StepFlow: which side of the AC bus the value is on, if any
//             (kBusIn + ... = kBusOut + ... closes at every step, ledger.h)
//   sum       Energy: summed into the run's energy as Σ value·dt (kWh, the
//             total named `energy` in summary.json's energy_kwh); NoSum: not
//   energy    the energy total's name (Energy only; a placeholder otherwise)
//   origin    Step: appended by the time loop through StepRow; Weather: a
//             whole weather-driven series moved in after the loop
//   served    sent to the web page by the server (runner.cc)
//   doc       meaning, sign and AC/DC side
//
// Powers are step means in kW on the AC bus; every flow is >= 0.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>
#include <vector>

#include "shapan/core/time.h"

// clang-format off
#define SHAPAN_STEP_COLUMNS(X) \
  X(pv_kw, "kW", 4, kBusIn, Energy, pv, Weather, true, \
    "available PV output (before curtailment)") \
  X(wind_kw, "kW", 4, kBusIn, Energy, wind, Weather, true, \
    "available wind output (before curtailment)") \
  X(hydro_kw, "kW", 4, kBusIn, Energy, hydro, Step, true, "hydro output (dispatched)") \
  X(battery_charge_kw, "kW", 4, kBusOut, Energy, battery_charge, Step, true, \
    "AC into all batteries") \
  X(battery_discharge_kw, "kW", 4, kBusIn, Energy, battery_discharge, Step, true, \
    "AC out of all batteries") \
  X(battery_soc_frac, "", 6, kState, NoSum, battery_soc_frac, Step, true, \
    "all batteries: stored / capacity after fade, end of step") \
  X(battery_loss_kw, "kW", 4, kNone, Energy, battery_loss, Step, false, \
    "batteries' conversion and self-discharge losses, and stored energy cut off by fade") \
  X(battery_aux_kw, "kW", 4, kBusOut, Energy, battery_aux, Step, false, \
    "batteries' auxiliary load") \
  X(battery_capacity_frac, "", 6, kState, NoSum, battery_capacity_frac, Step, false, \
    "all batteries: capacity now / nameplate, end of step") \
  X(pumped_charge_kw, "kW", 4, kBusOut, Energy, pumped_charge, Step, false, \
    "AC into pumped storage (pumping)") \
  X(pumped_discharge_kw, "kW", 4, kBusIn, Energy, pumped_discharge, Step, false, \
    "AC out of pumped storage (generating)") \
  X(grid_import_kw, "kW", 4, kBusIn, Energy, grid_import, Step, true, "from the grid") \
  X(grid_export_kw, "kW", 4, kBusOut, Energy, grid_export, Step, true, "to the grid") \
  X(curtailed_kw, "kW", 4, kBusOut, Energy, curtailed, Step, true, \
    "on-site output not used, stored or exported") \
  X(datacenter_kw, "kW", 4, kBusOut, Energy, datacenter, Step, true, "facility demand") \
  X(it_kw, "kW", 4, kNone, Energy, it, Step, true, "IT load: online + jobs") \
  X(jobs_it_kw, "kW", 4, kNone, NoSum, jobs_it, Step, true, \
    "the jobs' part of it_kw (0 without a workload)") \
  X(jobs_running, "", 0, kNone, NoSum, jobs_running, Step, true, \
    "jobs that ran in the step (a count)") \
  X(pue, "", 4, kNone, NoSum, pue, Weather, false, "facility / IT power") \
  X(unserved_kw, "kW", 4, kBusIn, Energy, unserved, Step, true, \
    "demand not met (balances the bus as a source)") \
  X(green_to_load_kw, "kW", 4, kNone, Energy, green_to_load, Step, true, \
    "on-site clean energy to the load: directly, or through storage in proportion to the " \
    "clean share of what it holds") \
  X(wind_solar_to_load_kw, "kW", 4, kNone, Energy, wind_solar_to_load, Step, true, \
    "wind and solar to the load (directly or through storage, its wind+solar share); " \
    "counted before hydro (docs/results.md)") \
  X(wind_solar_to_grid_kw, "kW", 4, kNone, Energy, wind_solar_to_grid, Step, true, \
    "wind and solar exported") \
  X(reservoir_storage_hm3, "hm3", 6, kState, NoSum, reservoir_storage, Step, true, \
    "[hydro]'s reservoir, end of step") \
  X(reservoir_level_m, "m", 4, kState, NoSum, reservoir_level, Step, true, \
    "[hydro]'s forebay level, end of step") \
  X(hydro_inflow_m3_per_s, "m3/s", 4, kNone, NoSum, hydro_inflow, Step, false, \
    "[hydro]'s inflow") \
  X(hydro_spill_m3_per_s, "m3/s", 4, kNone, NoSum, hydro_spill, Step, false, \
    "[hydro]'s spill") \
  X(hydro_spilled_kw, "kW", 4, kNone, Energy, hydro_spilled, Step, false, \
    "energy equivalent of all plants' spill at the step's head: what the spilled water " \
    "would have made through the turbines") \
  X(import_price_cny_per_kwh, "CNY/kWh", 4, kNone, NoSum, import_price, Step, true, \
    "the grid's import price") \
  X(grid_carbon_g_per_kwh, "g/kWh", 2, kNone, NoSum, grid_carbon, Step, true, \
    "the grid's carbon intensity") \
  X(balance_error_kwh, "kWh", -1, kNone, NoSum, balance_error, Step, false, \
    "largest |residual| of the step's ledgers") \
  X(jobs_waiting, "", 0, kNone, NoSum, jobs_waiting, Step, true, \
    "flexible jobs arrived and not finished that did not run in the step: waiting to " \
    "start or paused (a count; added after the others, so that their places stay)") \
  X(jobs_capped, "", 0, kNone, NoSum, jobs_capped, Step, true, \
    "jobs that ran in the step with their GPUs under a power cap (a count)")
// clang-format on

// Token helpers for the generated code: a field only for the columns of one
// origin or sum.
#define SHAPAN_STEP_ROW_FIELD_Step(name) double name = 0.0;
#define SHAPAN_STEP_ROW_FIELD_Weather(name)
#define SHAPAN_STEP_RESERVE_Step(name) name.reserve(n);
#define SHAPAN_STEP_RESERVE_Weather(name)
#define SHAPAN_STEP_APPEND_Step(name) name.push_back(row.name);
#define SHAPAN_STEP_APPEND_Weather(name)

namespace shapan::sim {

// Where a column's value sits in the step's AC bus balance (ledger.h).
enum class StepFlow {
  kBusIn,   // a supply to the bus (unserved counts as one)
  kBusOut,  // a demand on the bus (curtailment counts as one)
  kState,   // a state at the end of the step
  kNone,    // anything else: a share of a flow, a loss, a rate, a price
};

// One step's values of the columns the time loop appends (origin Step).
struct StepRow {
#define SHAPAN_X(name, unit, decimals, flow, sum, energy, origin, served, doc) \
  SHAPAN_STEP_ROW_FIELD_##origin(name)
  SHAPAN_STEP_COLUMNS(SHAPAN_X)
#undef SHAPAN_X
};

// Per-step results, one entry per step in each vector (SHAPAN_STEP_COLUMNS
// has each column's meaning and unit).
struct StepSeries {
  std::vector<Timestamp> start;
#define SHAPAN_X(name, unit, decimals, flow, sum, energy, origin, served, doc) \
  std::vector<double> name;
  SHAPAN_STEP_COLUMNS(SHAPAN_X)
#undef SHAPAN_X

  std::size_t size() const { return start.size(); }
  // Room for n steps in `start` and the columns the loop appends.
  void reserve(std::size_t n) {
    start.reserve(n);
#define SHAPAN_X(name, unit, decimals, flow, sum, energy, origin, served, doc) \
  SHAPAN_STEP_RESERVE_##origin(name)
    SHAPAN_STEP_COLUMNS(SHAPAN_X)
#undef SHAPAN_X
  }
  // Appends one step: its start and the loop's columns. Not inlined into the
  // time loop: there, beyond 31 columns, GCC stopped inlining push_back and
  // called it once per column (+4.5 % of the loop's instructions, callgrind,
  // bench_jobs BM_YearFiveMinuteNoJobs); on its own, every push_back inlines.
  [[gnu::noinline]] void append(Timestamp t, const StepRow& row) {
    start.push_back(t);
#define SHAPAN_X(name, unit, decimals, flow, sum, energy, origin, served, doc) \
  SHAPAN_STEP_APPEND_##origin(name)
    SHAPAN_STEP_COLUMNS(SHAPAN_X)
#undef SHAPAN_X
  }
};

// One column of the list, as data.
struct StepColumn {
  std::string_view name;
  std::string_view unit;
  int decimals = 4;
  StepFlow flow = StepFlow::kNone;
  std::string_view energy;  // the energy total it is summed into; empty: not summed
  bool weather = false;     // moved in whole after the loop (origin Weather)
  bool served = false;
  std::string_view doc;
  std::vector<double> StepSeries::*values = nullptr;
};

#define SHAPAN_STEP_ENERGY_NAME_Energy(energy) #energy
#define SHAPAN_STEP_ENERGY_NAME_NoSum(energy) ""
#define SHAPAN_STEP_IS_WEATHER_Step false
#define SHAPAN_STEP_IS_WEATHER_Weather true

// Every column, in timeseries.csv order.
inline constexpr std::array kStepColumns = {
#define SHAPAN_X(name, unit, decimals, flow, sum, energy, origin, served, doc) \
  StepColumn{#name,                                                            \
             unit,                                                             \
             decimals,                                                         \
             StepFlow::flow,                                                   \
             SHAPAN_STEP_ENERGY_NAME_##sum(energy),                            \
             SHAPAN_STEP_IS_WEATHER_##origin,                                  \
             served,                                                           \
             doc,                                                              \
             &StepSeries::name},
    SHAPAN_STEP_COLUMNS(SHAPAN_X)
#undef SHAPAN_X
};

}  // namespace shapan::sim
