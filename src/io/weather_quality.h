// Quality checks of the weather a scenario loads, as warnings (not errors):
// the scenario still runs, and the warning names the figure and the remedy.
// Thresholds and sources: docs/weather.md §10. (Private to io.)
#pragma once

#include <cstddef>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "shapan/core/site.h"
#include "shapan/core/time.h"
#include "shapan/gen/pv.h"
#include "shapan/gen/solar_position.h"
#include "shapan/gen/wind.h"
#include "weather_sources.h"

namespace shapan::io {

// Irradiance closure over the daylight steps (sun above the horizon at the
// step's midpoint): sum(DNI cos z + DHI) / sum(GHI). 1 for a file whose beam
// and diffuse add up to its global irradiance.
struct IrradianceClosure {
  double ratio = 1.0;
  std::size_t daylight_steps = 0;
  // Steps beyond the BSRN "physically possible" limits (Long & Shi 2008, Open
  // Atmos. Sci. J. 2: 23-37): GHI > 1.5 Sa mu^1.2 + 100, DHI > 0.95 Sa mu^1.2
  // + 50, or DNI > Sa (Sa extraterrestrial normal irradiance, mu = cos z >= 0).
  std::size_t implausible_steps = 0;  // any of the three
  std::size_t implausible_ghi_steps = 0;
  std::size_t implausible_dhi_steps = 0;
  std::size_t implausible_dni_steps = 0;
};
// `sun`: the positions at the series' interval midpoints (SPA) when the caller
// already has them for this site; otherwise (any other size) they are
// computed here.
IrradianceClosure irradiance_closure(const Site& site, const resource::WeatherSeries& weather,
                                     std::span<const gen::SunPosition> sun = {});

// The irradiance closure of source `index` (-1: the main weather; k: the k-th
// named source) whose series is `series`: irradiance_closure(site, series),
// or a copy of it kept from an earlier load (io's LoadCache).
using ClosureFn =
    std::function<IrradianceClosure(const resource::WeatherSeries& series, int index)>;

inline constexpr double kClosureTolerance = 0.05;        // |ratio - 1| above: a warning
inline constexpr double kImplausibleShareFrac = 0.01;    // of daylight steps
inline constexpr double kMissingShareFrac = 0.01;        // of a quantity's values
inline constexpr std::size_t kLongestGapHours = 24;      // one filled run longer: a warning
inline constexpr double kStationWindHeightM = 20.0;      // wind measured at or below ...
inline constexpr double kHubOverMeasurementRatio = 2.0;  // ... for a hub at least this much higher

// The warnings for a loaded scenario: irradiance closure, implausible
// irradiance and gaps of every source a PV array uses (`pv_source[i]` indexes
// sources as read_component_weather returns), gaps of every source a wind
// farm uses, and wind farms whose hub is far above a station's 10 m wind that
// no calibration brought to hub height.
std::vector<std::string> weather_warnings(const Site& site, const WeatherSources& sources,
                                          const std::vector<gen::PvParams>& pv,
                                          const std::vector<int>& pv_source,
                                          const std::vector<gen::WindParams>& wind,
                                          const std::vector<int>& wind_source,
                                          const ClosureFn& closure = {});

// What each source's wind calibration did (factor or regression, means), one
// line per calibrated source.
std::vector<std::string> calibration_notes(const WeatherSources& sources);

}  // namespace shapan::io
