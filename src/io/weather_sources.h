// The scenario's weather: [weather] (the default source of everything) and
// further named sources [weather.sources.NAME] that PV arrays and wind farms
// may pick with their `weather` key; each may calibrate its wind to a
// long-term reference. Also the checks that tie the site and the components
// to their weather files. (Private to io; docs/weather.md §9, docs/scenario.md.)
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "shapan/core/site.h"
#include "shapan/resource/weather.h"
#include "toml_reader.h"

namespace shapan::io {

struct WeatherSource {
  std::string name;                // "" for [weather]
  std::string key;                 // "weather" or "weather.sources.NAME", for messages
  resource::WeatherSeries series;  // as read (and calibrated), on the file's own year
  bool wind_calibrated = false;
  std::string calibration_note;  // what the calibration did, for the log of warnings
};

struct WeatherSources {
  std::optional<WeatherSource> main;  // [weather]; empty when it could not be read
  std::vector<WeatherSource> named;   // [weather.sources.NAME], in the file's order
};

// Reads [weather] and its sources: each file, its format and its wind
// calibration keys. Adds located issues to the context for what is wrong.
WeatherSources read_weather_sources(const toml::table* table, ReadContext& ctx);

// Reads `weather_mismatch_ok` from [site] and, unless it is true, adds an issue
// at each of latitude_deg, longitude_deg, elevation_m and utc_offset_h that the
// scenario sets to a value farther from a weather file's header than the
// tolerance (kSiteTolerance...). Values a file does not give are not checked.
void check_site_against_weather(TableReader& site_reader, const Site& site,
                                const WeatherSources& sources);

inline constexpr double kSiteToleranceDeg = 1.0;  // latitude and longitude
inline constexpr double kSiteToleranceElevationM = 500.0;
inline constexpr double kSiteToleranceUtcOffsetH = 0.25;

enum class WeatherNeed { kIrradiance, kWind };

// Reads a component table's `weather` key (the name of a source; absent: the
// default) and returns the index into sources.named, or -1 for [weather].
// Adds an issue at the key when the name is unknown, or when the source lacks
// what the component needs (irradiance: GHI, DNI and DHI 0 in every hour;
// wind: speed 0 in every hour). `component` names it in messages
// ("the PV array \"Talatan PV\"").
int read_component_weather(TableReader& r, const WeatherSources& sources, WeatherNeed need,
                           const std::string& component);

// The source a component picked by read_component_weather.
const WeatherSource* source_at(const WeatherSources& sources, int index);

}  // namespace shapan::io
