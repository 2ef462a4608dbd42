// The optimiser's smallest hand case (sizing_test.cc, sizing_export_test.cc,
// hydro_lp_test.cc, cfe_curve_test.cc): two 1-hour steps of 10 MW load
// standing for a year (× 4,380), PV available 1 then 0 at 100 $/kW/yr
// (100,000 $/yr per MW), the grid at 0.05 $/kWh (219,000 $/yr per MW over one
// step) and 0.6 kg CO2/kWh; no storage, no export.
#pragma once

#include "shapan/optimize/sizing.h"

namespace shapan::optimize::testing {

inline SizingProblem two_step_pv_problem() {
  SizingProblem p;
  p.load_kw = {10000.0, 10000.0};
  p.sources.push_back(SizedSource{
      .name = "pv0", .kind = "pv", .availability_per_kw = {1.0, 0.0}, .cost_per_kw_year = 100.0});
  p.grid_price_per_kwh = {0.05, 0.05};
  p.grid_carbon_kg_per_kwh = {0.6, 0.6};
  return p;
}

}  // namespace shapan::optimize::testing
