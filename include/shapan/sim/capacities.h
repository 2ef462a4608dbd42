// The nameplate capacities a run was computed with, carried by its Results so
// that costs (metrics) and reports (the server's run facts) read them from the
// run rather than from the scenario that was loaded for it. Plain values,
// copied from the Setup when the run starts; one entry per unit, in the
// Setup's order. All powers are AC kW unless named _dc_. The grid's terms
// that only the summary prices the run by travel the same way (GridAccounting).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace shapan::sim {

struct Setup;

struct PvCapacity {
  double dc_kw = 0.0;  // nameplate DC at STC
  double ac_kw = 0.0;  // inverter AC rating (dc_kw / dc_ac_ratio)
};

struct StorageCapacity {
  double charge_kw = 0.0;     // battery: max charge; pumped storage: pump limit
  double discharge_kw = 0.0;  // battery: max discharge; pumped storage: turbine limit
  double energy_kwh = 0.0;    // battery nameplate energy (0 for pumped storage)
};

struct HydroCapacity {
  double rated_kw = 0.0;  // generator limit
  double storage_min_hm3 = 0.0;
  double storage_max_hm3 = 0.0;
};

struct PlantCapacities {
  std::vector<PvCapacity> pv;
  std::vector<double> wind_kw;  // each farm's rated power (turbines × rating)
  // [hydro] first, then its cascade downstream (empty without [hydro]).
  std::vector<HydroCapacity> hydro;
  std::vector<StorageCapacity> batteries;
  std::vector<StorageCapacity> pumped_storage;
  bool has_grid = false;
  double grid_import_limit_kw = 0.0;  // may be +infinity (unconstrained)
  double grid_export_limit_kw = 0.0;  // may be +infinity
  double datacenter_it_kw = 0.0;      // 0 without a data center

  double pv_dc_kw_total() const;
  double pv_ac_kw_total() const;
  double wind_kw_total() const;
};

// The capacities of `setup`'s units, as run() records them in Results.
PlantCapacities capacities_of(const Setup& setup);

// The [grid] terms that the time loop does not use and the summary prices
// the run by (gen::GridParams has their meaning and checks; docs/models/grid.md).
struct GridAccounting {
  double export_price_cny_per_kwh = 0.0;        // paid for exported energy (any sign)
  double demand_charge_cny_per_kw_month = 0.0;  // on each month's peak import, >= 0
  double green_certificate_frac = 0.0;          // share of imports matched by certificates
  std::string carbon_basis;                     // what the intensity stands for; "" unnamed
  bool carbon_intensity_per_step = false;       // the intensity was given as a series
};

// `setup`'s grid accounting terms, as run() records them in Results; nullopt without a
// [grid] (an islanded base).
std::optional<GridAccounting> grid_accounting_of(const Setup& setup);

}  // namespace shapan::sim
