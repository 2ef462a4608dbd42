// A hydro plant for the optimiser's hand cases (hydro_lp_test.cc,
// mpc_test.cc): 1,000 kW per m³/s at a constant head.
#pragma once

#include <string>
#include <utility>

#include "shapan/gen/hydro.h"

namespace shapan::optimize::testing {

// A head of 1000 / (ρ g) = 101.97 m at efficiency 1 gives exactly 1,000 kW
// per m³/s (P = ρ·g·Q·H·η). The level table rises 2e-9 m over 1,000 hm³,
// so the head is constant (to 1e-11 of itself).
inline constexpr double kHeadM = 1000.0 / 9.80665;
// One m³/s over a one-hour step, in hm³.
inline constexpr double kHm3PerM3PerSHour = 3600.0 / 1e6;

inline gen::HydroParams constant_head_plant(std::string name = "h") {
  gen::HydroParams p{.name = std::move(name)};
  p.rated_power_kw = 1e6;
  p.max_turbine_flow_m3_per_s = 80.0;
  p.min_release_m3_per_s = 10.0;
  p.storage_min_hm3 = 0.0;
  p.storage_max_hm3 = 1000.0;
  p.storage_initial_hm3 = 500.0;
  p.level_table_storage_hm3 = {0.0, 1000.0};
  p.level_table_m = {kHeadM - 1e-9, kHeadM + 1e-9};
  p.tailwater_level_m = 0.0;
  p.turbine_efficiency_frac = 1.0;
  return p;
}

}  // namespace shapan::optimize::testing
