#include "shapan/sim/capacities.h"

#include "shapan/sim/simulation.h"

namespace shapan::sim {

double PlantCapacities::pv_dc_kw_total() const {
  double sum = 0.0;
  for (const PvCapacity& p : pv) sum += p.dc_kw;
  return sum;
}

double PlantCapacities::pv_ac_kw_total() const {
  double sum = 0.0;
  for (const PvCapacity& p : pv) sum += p.ac_kw;
  return sum;
}

double PlantCapacities::wind_kw_total() const {
  double sum = 0.0;
  for (const double w : wind_kw) sum += w;
  return sum;
}

namespace {

HydroCapacity hydro_capacity(const gen::HydroParams& p) {
  return {.rated_kw = p.rated_power_kw,
          .storage_min_hm3 = p.storage_min_hm3,
          .storage_max_hm3 = p.storage_max_hm3};
}

}  // namespace

PlantCapacities capacities_of(const Setup& setup) {
  PlantCapacities c;
  c.pv.reserve(setup.pv.size());
  for (const gen::PvParams& p : setup.pv) {
    c.pv.push_back({.dc_kw = p.dc_capacity_kw, .ac_kw = p.ac_capacity_kw()});
  }
  c.wind_kw.reserve(setup.wind.size());
  for (const gen::WindParams& w : setup.wind) c.wind_kw.push_back(w.rated_power_kw());
  if (setup.hydro) {
    c.hydro.reserve(1 + setup.hydro_cascade.size());
    c.hydro.push_back(hydro_capacity(setup.hydro->params));
    for (const HydroSetup& h : setup.hydro_cascade) c.hydro.push_back(hydro_capacity(h.params));
  }
  c.batteries.reserve(setup.batteries.size());
  for (const gen::BatteryParams& b : setup.batteries) {
    c.batteries.push_back({.charge_kw = b.max_charge_kw,
                           .discharge_kw = b.max_discharge_kw,
                           .energy_kwh = b.energy_kwh});
  }
  c.pumped_storage.reserve(setup.pumped_storage.size());
  for (const gen::PumpedStorageParams& p : setup.pumped_storage) {
    c.pumped_storage.push_back({.charge_kw = p.pump_max_kw, .discharge_kw = p.turbine_max_kw});
  }
  if (setup.grid) {
    c.has_grid = true;
    c.grid_import_limit_kw = setup.grid->import_limit_kw;
    c.grid_export_limit_kw = setup.grid->export_limit_kw;
  }
  if (setup.datacenter) c.datacenter_it_kw = setup.datacenter->it_capacity_kw;
  return c;
}

std::optional<GridAccounting> grid_accounting_of(const Setup& setup) {
  if (!setup.grid) return std::nullopt;
  const gen::GridParams& g = *setup.grid;
  return GridAccounting{.export_price_cny_per_kwh = g.export_price_cny_per_kwh,
                        .demand_charge_cny_per_kw_month = g.demand_charge_cny_per_kw_month,
                        .green_certificate_frac = g.green_certificate_frac,
                        .carbon_basis = g.carbon_basis,
                        .carbon_intensity_per_step = !g.carbon_intensity_series_g_per_kwh.empty()};
}

}  // namespace shapan::sim
