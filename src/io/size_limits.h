// Upper bounds of the scenario's capacities, counts and sizes (issue 17,
// "Sizes"). Each is about ten times the largest of its kind built on Earth,
// so that no real plant is refused while a typo (1e300, an extra zero run
// wild) is, before it reaches the models as an absurd but finite number.
// docs/scenario.md gives each bound beside its key; docs/reliability.md lists
// them all. Limits that mean "unconstrained" (grid import/export, a hydro
// plant's line) may stay infinite by leaving them out. (Private to io.)
#pragma once

#include <string_view>

#include "toml_reader.h"

namespace shapan::io {

struct SizeLimit {
  std::string_view key;    // as in the scenario
  double max;              // inclusive
  std::string_view unit;   // of key and max
  std::string_view basis;  // why this bound: the largest of its kind, ×10
};

namespace size_limits {
inline constexpr SizeLimit kPvDcCapacity{
    "dc_capacity_kw", 1e8, "kW",
    "100 GW: 10 × the largest solar park, Talatan in Gonghe, Qinghai, about 10 GW"};
inline constexpr SizeLimit kWindCount{
    "count", 1e5, "turbines",
    "10 × the turbines of the largest wind base, Jiuquan in Gansu, about 10,000"};
inline constexpr SizeLimit kWindTurbinePower{
    "rated_power_kw", 1e5, "kW",
    "100 MW per turbine, as for power-curve rows: the largest built are about 26 MW"};
inline constexpr SizeLimit kWindCapacity{"capacity_kw", 1e5, "kW", kWindTurbinePower.basis};
inline constexpr SizeLimit kHydroPower{"rated_power_kw", 2.25e8, "kW",
                                       "225 GW: 10 × Three Gorges, the largest plant, 22.5 GW"};
inline constexpr SizeLimit kHydroLine{"line_limit_kw", 2.25e8, "kW", kHydroPower.basis};
inline constexpr SizeLimit kHydroTurbineFlow{
    "max_turbine_flow_m3_per_s", 3e5, "m3/s",
    "10 × the turbine flow of Three Gorges, 32 units of about 950 m3/s"};
inline constexpr SizeLimit kHydroMinRelease{"min_release_m3_per_s", 2.1e6, "m3/s",
                                            "10 × the Amazon's mean discharge, about 209,000 m3/s"};
inline constexpr SizeLimit kInflow{"inflow_m3_per_s", 2.1e6, "m3/s", kHydroMinRelease.basis};
inline constexpr SizeLimit kHydroUnits{"unit_count", 320, "units",
                                       "10 × the 32 main units of Three Gorges"};
// Reservoir volumes: min, max, initial and level-table storage alike.
inline constexpr SizeLimit kReservoirVolume{"storage_max_hm3", 2e6, "hm3",
                                            "10 × Kariba, the largest reservoir, 180,600 hm3"};
inline constexpr SizeLimit kBatteryEnergy{
    "energy_kwh", 5e7, "kWh",
    "50 GWh: over 10 × the largest battery sites, e.g. Edwards & Sanborn, California, 3.3 GWh"};
inline constexpr SizeLimit kBatteryPower{
    "max_charge_kw", 1e7, "kW",
    "10 GW: over 10 × the largest battery's power, Edwards & Sanborn's 875 MW"};
inline constexpr SizeLimit kPumpedPower{
    "turbine_max_kw", 3.6e7, "kW",
    "36 GW: 10 × the largest pumped-storage plant, Fengning in Hebei, 3.6 GW"};
inline constexpr SizeLimit kItCapacity{
    "it_capacity_kw", 5e7, "kW",
    "50 GW: 10 × the largest data-center campuses planned, about 5 GW"};
inline constexpr SizeLimit kGridLimit{
    "import_limit_kw", 1e10, "kW",
    "10 TW: 7 × the peak demand of China's whole grid, about 1.45 TW in 2024; leave the key out "
    "for no limit"};
inline constexpr SizeLimit kJobsPerDay{
    "synthetic_jobs_per_day", 1e6, "jobs/day",
    "one job every 0.09 s; 10 × the order of 1e5 jobs a day of a large Borg cell, Tirmazi et "
    "al., EuroSys 2020"};
}  // namespace size_limits

// Adds an issue at `key` (limit.key when empty) when `value` is finite and
// above limit.max. +infinity passes: only readers that allow it (an
// unconstrained limit) can produce it.
void check_size(TableReader& r, const SizeLimit& limit, double value, std::string_view key = {});

}  // namespace shapan::io
