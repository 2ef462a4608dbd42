// The nameplate capacities a run was computed with, carried by its Results so
// that costs (metrics) and reports (the server's run facts) read them from the
// run rather than from the scenario that was loaded for it. Plain values,
// copied from the Setup when the run starts; one entry per unit, in the
// Setup's order. All powers are AC kW unless named _dc_.
#pragma once

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

}  // namespace shapan::sim
