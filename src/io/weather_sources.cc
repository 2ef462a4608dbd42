// [weather] and [weather.sources.NAME]: files, wind calibration, and the
// checks of site and components against them.
#include "weather_sources.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "sections.h"
#include "shapan/core/csv.h"
#include "shapan/resource/wind_calibration.h"

namespace shapan::io {
namespace {

const toml::table kNoTable;

// The wind calibration keys of one weather table.
struct CalibrationKeys {
  std::optional<double> height_m;
  std::optional<double> mean_m_per_s;
  std::optional<double> power_density_w_per_m2;
  std::optional<double> weibull_k;
  std::optional<std::filesystem::path> reference_file;
  std::optional<double> reference_height_m;
  std::string reference_column;
  std::string reference_time_column;
  resource::McpMethod method = resource::McpMethod::kVarianceRatio;
};

CalibrationKeys read_calibration_keys(TableReader& r) {
  CalibrationKeys k;
  k.height_m = r.optional_number("wind_calibration_height_m");
  k.mean_m_per_s = r.optional_number("wind_calibration_mean_m_per_s");
  k.power_density_w_per_m2 = r.optional_number("wind_calibration_power_density_w_per_m2");
  k.weibull_k = r.optional_number("wind_calibration_weibull_k");
  if (r.has("wind_reference_file")) k.reference_file = r.file("wind_reference_file");
  k.reference_height_m = r.optional_number("wind_reference_height_m");
  k.reference_column = r.text("wind_reference_column", "wind_speed_m_per_s");
  k.reference_time_column = r.text("wind_reference_time_column", "time");
  k.method = r.choice("wind_reference_method",
                      {{"variance_ratio", resource::McpMethod::kVarianceRatio},
                       {"linear_regression", resource::McpMethod::kLinearRegression}},
                      k.method);
  const bool long_term = k.mean_m_per_s || k.power_density_w_per_m2;
  FieldChecker c;
  c.expect(!(k.mean_m_per_s && k.power_density_w_per_m2), "wind_calibration_power_density_w_per_m2",
           "is given with wind_calibration_mean_m_per_s: give one long-term figure, not both");
  c.expect(!long_term || k.height_m.has_value(), "wind_calibration_height_m",
           "missing: the height of the long-term figure is needed to calibrate to it");
  c.expect(!(long_term && r.has("wind_reference_file")), "wind_reference_file",
           "is given with a long-term figure: calibrate to one or the other");
  c.expect(!r.has("wind_reference_file") || k.reference_height_m.has_value(),
           "wind_reference_height_m", "missing: the height of the reference measurement");
  if (k.height_m) c.in_range("wind_calibration_height_m", *k.height_m, 1.0, 300.0);
  if (k.mean_m_per_s) c.in_range("wind_calibration_mean_m_per_s", *k.mean_m_per_s, 0.5, 30.0);
  if (k.power_density_w_per_m2) {
    c.in_range("wind_calibration_power_density_w_per_m2", *k.power_density_w_per_m2, 1.0, 5000.0);
  }
  c.expect(!k.weibull_k || k.power_density_w_per_m2.has_value(), "wind_calibration_weibull_k",
           "needs wind_calibration_power_density_w_per_m2 (the shape converts a power density "
           "into a mean speed)");
  if (k.weibull_k) c.in_range("wind_calibration_weibull_k", *k.weibull_k, 1.0, 4.0);
  if (k.reference_height_m)
    c.in_range("wind_reference_height_m", *k.reference_height_m, 1.0, 300.0);
  r.report(c.issues());
  return k;
}

// The concurrent measurement: each row's hour in the series and its speed.
// Stamps without an offset are read in the weather file's standard time.
resource::ConcurrentWind read_reference(const CalibrationKeys& k,
                                        const resource::WeatherSeries& series, const Files& files) {
  const CsvTable table = read_csv(*k.reference_file, ',', files);
  const std::size_t time_col = require_column(table, k.reference_time_column);
  const std::size_t speed_col = require_column(table, k.reference_column);
  resource::ConcurrentWind out{.height_m = *k.reference_height_m};
  const Timestamp end = series.interval_start(series.size());
  for (std::size_t r = 1; r < table.rows.size(); ++r) {
    const CsvRow& row = table.rows[r];
    const std::string& speed_text = cell_text(table, row, speed_col, k.reference_column);
    if (speed_text.empty()) continue;  // not measured in this hour
    const double speed = cell_double(table, row, speed_col, k.reference_column);
    const std::string& stamp = cell_text(table, row, time_col, k.reference_time_column);
    const auto t = parse_iso8601(stamp, series.location.utc_offset_h);
    const auto col = [](std::size_t c) { return static_cast<int>(c) + 1; };
    if (!t) {
      throw_input_error(table.source, row.line, col(time_col), k.reference_time_column,
                        fmt::format("\"{}\" is not a time: expected ISO 8601, e.g. "
                                    "\"2012-01-01T00:00\" (the start of the hour)",
                                    stamp));
    }
    if (*t < series.start || !(*t < end)) {
      throw_input_error(
          table.source, row.line, col(time_col), k.reference_time_column,
          fmt::format("{} is not concurrent with {}, which covers {} to {}", stamp, series.source,
                      format_iso8601(series.start, series.location.utc_offset_h),
                      format_iso8601(end, series.location.utc_offset_h)));
    }
    if (!(speed >= 0.0 && speed <= 100.0)) {
      throw_input_error(table.source, row.line, col(speed_col), k.reference_column,
                        fmt::format("= {} m/s: must be between 0 and 100 m/s", speed_text));
    }
    out.step.push_back(
        static_cast<std::size_t>((*t - series.start).in_seconds() / series.step.in_seconds()));
    out.speed_m_per_s.push_back(speed);
  }
  return out;
}

// Applies the calibration the keys ask for, if any.
void calibrate(WeatherSource& src, const CalibrationKeys& k, const Files& files) {
  std::optional<resource::WindCalibration> c;
  if (k.mean_m_per_s || k.power_density_w_per_m2) {
    c = resource::scale_to_long_term(src.series,
                                     {.height_m = *k.height_m,
                                      .mean_speed_m_per_s = k.mean_m_per_s,
                                      .power_density_w_per_m2 = k.power_density_w_per_m2,
                                      .weibull_k = k.weibull_k});
    src.calibration_note = fmt::format(
        "{}: wind at {} m scaled by {:.3f} to a long-term figure at {} m (mean {:.2f} -> {:.2f} "
        "m/s, power density {:.1f} W/m2)",
        src.key, format_number(c->from_height_m), c->factor, format_number(*k.height_m),
        c->mean_before_m_per_s, c->mean_after_m_per_s, c->power_density_after_w_per_m2);
  } else if (k.reference_file) {
    c = resource::measure_correlate_predict(src.series, read_reference(k, src.series, files),
                                            k.method, k.reference_file->string());
    src.calibration_note = fmt::format(
        "{}: wind at {} m correlated with {} over {} hours: v = {:.3f} + {:.3f} x (at {} m, mean "
        "{:.2f} m/s)",
        src.key, format_number(c->from_height_m), k.reference_file->filename().string(),
        c->concurrent_hours, c->intercept_m_per_s, c->slope, format_number(*k.reference_height_m),
        c->mean_after_m_per_s);
  }
  if (c) {
    src.series = std::move(c->series);
    src.wind_calibrated = true;
  }
}

// One weather table: its file, then its calibration.
std::optional<WeatherSource> read_source(TableReader& r, std::string name) {
  std::optional<resource::WeatherSeries> series = read_weather_file(r);
  const std::size_t issues_before = r.context().issues.size();
  const CalibrationKeys keys = read_calibration_keys(r);
  if (!series) return std::nullopt;
  WeatherSource src{.name = std::move(name), .key = r.prefix(), .series = std::move(*series)};
  if (r.context().issues.size() != issues_before) return src;
  try {
    calibrate(src, keys, *r.context().files);
  } catch (const InputError& e) {
    for (const auto& issue : e.issues()) r.context().issues.push_back(issue);
  }
  return src;
}

bool all_zero(const std::vector<double>& v) {
  return std::all_of(v.begin(), v.end(), [](double x) { return x == 0.0; });
}

// Angular distance between two longitudes, 0..180.
double longitude_apart_deg(double a, double b) {
  const double d = std::fmod(std::abs(a - b), 360.0);
  return std::min(d, 360.0 - d);
}

}  // namespace

WeatherSources read_weather_sources(const toml::table* table, ReadContext& ctx) {
  WeatherSources out;
  TableReader r(table != nullptr ? *table : kNoTable, "weather", ctx);
  out.main = read_source(r, "");
  for (const toml::table* sources : r.tables("sources")) {
    for (auto&& [key, node] : *sources) {
      const std::string name(key.str());
      const toml::table* t = node.as_table();
      if (t == nullptr) {
        r.add_issue("sources", fmt::format("{} = {}: expected a table [weather.sources.{}] with "
                                           "file = \"...\"",
                                           name, describe(node), name));
        continue;
      }
      TableReader sr(*t, "weather.sources." + name, ctx);
      if (std::optional<WeatherSource> src = read_source(sr, name)) {
        out.named.push_back(std::move(*src));
      }
      sr.finish();
    }
  }
  r.finish();
  return out;
}

void check_site_against_weather(TableReader& r, const Site& site, const WeatherSources& sources) {
  if (r.boolean("weather_mismatch_ok", false)) return;
  std::vector<const WeatherSource*> all;
  if (sources.main) all.push_back(&*sources.main);
  for (const auto& s : sources.named) all.push_back(&s);
  for (const WeatherSource* src : all) {
    const resource::WeatherLocation& loc = src->series.location;
    const std::string file = std::filesystem::path(src->series.source).filename().string();
    const std::string whose = src->name.empty()
                                  ? fmt::format("the weather file {}", file)
                                  : fmt::format("weather source \"{}\" ({})", src->name, file);
    // A value outside its own range has its issue already; no second one.
    const bool in_ranges = std::abs(site.latitude_deg) <= 90.0 &&
                           std::abs(site.longitude_deg) <= 180.0 && site.elevation_m >= -500.0 &&
                           site.elevation_m <= 9000.0 && site.utc_offset_h >= -12.0 &&
                           site.utc_offset_h <= 14.0;
    const auto check = [&](std::string_view key, double site_value, double file_value, double apart,
                           double tolerance, std::string_view unit) {
      if (!in_ranges || !r.has(key) || !std::isfinite(file_value) || !(apart > tolerance)) return;
      r.add_issue(
          key, fmt::format("= {} {}, but {} says {} {} ({} {} apart, more than the {} {} "
                           "tolerance); fix the site or the file, or set "
                           "site.weather_mismatch_ok = true if the difference is intended",
                           format_number(site_value), unit, whose, format_number(file_value), unit,
                           format_number(std::round(apart * 1e4) / 1e4), unit,
                           format_number(tolerance), unit));
    };
    check("latitude_deg", site.latitude_deg, loc.latitude_deg,
          std::abs(site.latitude_deg - loc.latitude_deg), kSiteToleranceDeg, "deg");
    check("longitude_deg", site.longitude_deg, loc.longitude_deg,
          longitude_apart_deg(site.longitude_deg, loc.longitude_deg), kSiteToleranceDeg, "deg");
    check("elevation_m", site.elevation_m, loc.elevation_m,
          std::abs(site.elevation_m - loc.elevation_m), kSiteToleranceElevationM, "m");
    if (loc.utc_offset_from_file) {
      check("utc_offset_h", site.utc_offset_h, loc.utc_offset_h,
            std::abs(site.utc_offset_h - loc.utc_offset_h), kSiteToleranceUtcOffsetH, "h");
    }
  }
}

int read_component_weather(TableReader& r, const WeatherSources& sources, WeatherNeed need,
                           const std::string& component) {
  const std::string name = r.text("weather", "");
  int index = -1;
  if (!name.empty()) {
    const auto it = std::find_if(sources.named.begin(), sources.named.end(),
                                 [&](const WeatherSource& s) { return s.name == name; });
    if (it == sources.named.end()) {
      std::vector<std::string> names;
      for (const auto& s : sources.named) names.push_back(s.name);
      std::string message =
          fmt::format("= \"{}\": no weather source of that name (sources: {})", name,
                      names.empty() ? "none" : fmt::format("{}", fmt::join(names, ", ")));
      if (const auto guess = closest_match(name, names)) {
        message += fmt::format(" (did you mean \"{}\"?)", *guess);
      }
      r.add_issue("weather", message);
      return -1;
    }
    index = static_cast<int>(it - sources.named.begin());
  }
  const WeatherSource* src = source_at(sources, index);
  if (src == nullptr) return index;  // [weather] unreadable: already reported
  const resource::WeatherSeries& w = src->series;
  const std::string where = fmt::format("[{}] ({})", src->key, w.source);
  const std::string remedy =
      fmt::format("name a source with {} ([weather.sources.NAME], then {}.weather = \"NAME\")",
                  need == WeatherNeed::kIrradiance ? "irradiance" : "wind", r.prefix());
  if (need == WeatherNeed::kIrradiance && all_zero(w.ghi_w_per_m2) && all_zero(w.dni_w_per_m2) &&
      all_zero(w.dhi_w_per_m2)) {
    r.add_issue("weather",
                fmt::format("{} needs irradiance (GHI, DNI, DHI), but its weather source {} has "
                            "none: GHI, DNI and DHI are 0 in every hour (an SRW file carries wind "
                            "only); {}",
                            component, where, remedy));
  }
  const bool levels_zero =
      std::all_of(w.wind_levels.begin(), w.wind_levels.end(),
                  [](const auto& l) { return all_zero(l.wind_speed_m_per_s); });
  if (need == WeatherNeed::kWind && all_zero(w.wind_speed_m_per_s) && levels_zero) {
    r.add_issue("weather", fmt::format("{} needs wind, but its weather source {} has none: the "
                                       "wind speed is 0 in every hour; {}",
                                       component, where, remedy));
  }
  return index;
}

const WeatherSource* source_at(const WeatherSources& sources, int index) {
  if (index < 0) return sources.main ? &*sources.main : nullptr;
  return &sources.named[static_cast<std::size_t>(index)];
}

}  // namespace shapan::io
