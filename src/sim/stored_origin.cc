#include "stored_origin.h"

#include <algorithm>

#include "shares.h"

namespace shapan::sim {

CleanFlows StoredOrigin::step(const StoredOriginStep& s, Duration dt) {
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
