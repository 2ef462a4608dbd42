// Clean-energy accounting of a run (private to sim): what share of the
// stored energy (batteries and pumped storage together) came from clean
// sources, and what share from wind and solar, and so how much of each step's
// delivery to the load was clean.
//
// Clean: energy into storage mixes with what it holds in proportion to the
// amounts; what came from the grid is not clean. The load's clean power is the
// on-site clean output straight to it plus storage's discharge times the
// clean share held.
// Wind and solar (绿电直连 accounting, docs/results.md): wind and solar reach
// the load before hydro (the rule dispatch calls hydro only for the
// shortfall, and they cannot wait); the clean surplus left after the load
// (wind + solar + hydro) goes to storage, export and curtailment in proportion
// to each source's part of it. The stored energy mixes like the clean share,
// so its discharge carries the wind+solar share held.
#pragma once

#include <algorithm>

#include "shapan/core/units.h"
#include "shares.h"

namespace shapan::sim {

// The flows of a step that the accounting needs. Powers are step means (AC).
struct StoredOriginStep {
  Power renewables;       // wind + solar available
  Power hydro;            // hydro delivered
  Power clean_to_load;    // on-site clean output (wind, solar, hydro) straight to the load
  Power storage_in;       // into storage (batteries + pumped storage)
  Power grid_to_storage;  // the grid's part of storage_in
  Power storage_to_load;  // storage's discharge to the load
  Power grid_export;
  double stored_before_kwh = 0.0;  // storage's content before the step
  double stored_after_kwh = 0.0;   // and after it
};

// The step's clean flows (AppliedStep's fields of the same names).
struct CleanFlows {
  Power green_to_load;
  Power wind_solar_to_load;
  Power wind_solar_to_grid;
};

class StoredOrigin {
 public:
  // `stored_kwh`: storage's content at the start, counted as clean (it is
  // assumed to have come from the plant before the run began), and as wind
  // and solar when the base has any (`has_wind_solar`), as other clean
  // energy otherwise.
  StoredOrigin(double stored_kwh, bool has_wind_solar)
      : clean_kwh_(stored_kwh), wind_solar_kwh_(has_wind_solar ? stored_kwh : 0.0) {}

  // Mixes the step's flows into the held shares and returns its clean flows.
  // (Inline, below: the time loop calls it every step.)
  CleanFlows step(const StoredOriginStep& s, Duration dt);

  double clean_kwh() const { return clean_kwh_; }            // of the stored energy
  double wind_solar_kwh() const { return wind_solar_kwh_; }  // of the stored energy

 private:
  double clean_kwh_ = 0.0;
  double wind_solar_kwh_ = 0.0;  // clean_kwh_ less what came from hydro
};

inline CleanFlows StoredOrigin::step(const StoredOriginStep& s, Duration dt) {
  const double in_kwh = (s.storage_in * dt).in_kwh();
  const double grid_in_kwh = std::min(in_kwh, (s.grid_to_storage * dt).in_kwh());
  const double pool_and_in_kwh = s.stored_before_kwh + in_kwh;
  const double mix_frac =
      pool_and_in_kwh > 0.0 ? (clean_kwh_ + in_kwh - grid_in_kwh) / pool_and_in_kwh : 1.0;
  clean_kwh_ = mix_frac * s.stored_after_kwh;

  // Wind and solar first to the load; the surplus shared by each source's part.
  const Power ws_direct = min_power(s.renewables, s.clean_to_load);
  const Power clean_surplus = s.renewables + s.hydro - s.clean_to_load;
  const double ws_surplus_frac =
      clean_surplus > kw(0.0) ? std::clamp((s.renewables - ws_direct) / clean_surplus, 0.0, 1.0)
                              : 0.0;
  const double clean_in_kwh = in_kwh - grid_in_kwh;
  const double ws_mix_frac =
      pool_and_in_kwh > 0.0
          ? (wind_solar_kwh_ + std::max(0.0, clean_in_kwh) * ws_surplus_frac) / pool_and_in_kwh
          : 0.0;
  wind_solar_kwh_ = ws_mix_frac * s.stored_after_kwh;
  return {.green_to_load = s.clean_to_load + s.storage_to_load * mix_frac,
          .wind_solar_to_load = ws_direct + s.storage_to_load * ws_mix_frac,
          .wind_solar_to_grid = s.grid_export * ws_surplus_frac};
}

}  // namespace shapan::sim
