// Weather quality warnings: irradiance closure, BSRN plausibility limits,
// gaps, and station winds used at hub height.
#include "weather_quality.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "shapan/gen/irradiance.h"

namespace shapan::io {
namespace {

constexpr double kPi = 3.14159265358979323846;

std::string where(const WeatherSource& src) {
  return fmt::format("[{}] ({})", src.key, src.series.source);
}

// The indices of the components on source `index`.
std::vector<std::size_t> on_source(const std::vector<int>& sources, int index) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < sources.size(); ++i) {
    if (sources[i] == index) out.push_back(i);
  }
  return out;
}

std::string names(std::string_view section, const std::vector<std::size_t>& items) {
  std::vector<std::string> out;
  out.reserve(items.size());
  for (std::size_t i : items) out.push_back(fmt::format("{}.{}", section, i));
  return fmt::format("{}", fmt::join(out, ", "));
}

void irradiance_warnings(const WeatherSource& src, const std::vector<std::size_t>& arrays,
                         const std::vector<gen::PvParams>& pv, const IrradianceClosure& c,
                         std::vector<std::string>& out) {
  const bool all_decompose = std::all_of(arrays.begin(), arrays.end(), [&](std::size_t i) {
    return pv[i].decomposition != gen::DecompositionModel::kNone;
  });
  if (c.daylight_steps == 0) return;
  if (std::abs(c.ratio - 1.0) > kClosureTolerance && !all_decompose) {
    out.push_back(fmt::format(
        "{}: the irradiance does not close: over the {} daylight hours, the sum of DNI cos z + "
        "DHI is {:.1f} % of the sum of GHI (more than {:.0f} % off); PV that transposes this DNI "
        "and DHI is off by a similar share. Re-split GHI with decomposition = \"erbs\" (or "
        "\"disc\", \"dirint\") on {}",
        where(src), c.daylight_steps, 100.0 * c.ratio, 100.0 * kClosureTolerance,
        names("pv", arrays)));
  }
  const double implausible =
      static_cast<double>(c.implausible_steps) / static_cast<double>(c.daylight_steps);
  if (implausible > kImplausibleShareFrac) {
    out.push_back(fmt::format(
        "{}: {} of {} daylight hours ({:.1f} %) have irradiance beyond the BSRN physically "
        "possible limits (Long & Shi 2008: GHI in {}, DHI in {}, DNI in {} hours); check the "
        "file, or re-split GHI with decomposition = \"erbs\" on {}",
        where(src), c.implausible_steps, c.daylight_steps, 100.0 * implausible,
        c.implausible_ghi_steps, c.implausible_dhi_steps, c.implausible_dni_steps,
        names("pv", arrays)));
  }
}

void gap_warnings(const WeatherSource& src, std::vector<std::string>& out) {
  const resource::WeatherGaps& g = src.series.gaps;
  const double n = static_cast<double>(std::max<std::size_t>(src.series.size(), 1));
  const double worst = std::max({static_cast<double>(g.irradiance_values) / (3.0 * n),
                                 static_cast<double>(g.temperature_values) / n,
                                 static_cast<double>(g.wind_speed_values) / n});
  if (worst > kMissingShareFrac || g.longest_run > kLongestGapHours) {
    out.push_back(fmt::format(
        "{}: gaps filled by interpolation: {} irradiance, {} temperature and {} wind speed values "
        "were missing (longest run {} h); results over the gaps rest on the interpolation",
        where(src), g.irradiance_values, g.temperature_values, g.wind_speed_values, g.longest_run));
  }
}

void wind_height_warning(const WeatherSource& src, const gen::WindParams& farm, std::size_t i,
                         std::vector<std::string>& out) {
  const resource::WeatherSeries& w = src.series;
  double top_m = w.wind_height_m;
  for (const auto& level : w.wind_levels) top_m = std::max(top_m, level.height_m);
  const double hub_m = farm.effective_hub_height_m();
  if (src.wind_calibrated || top_m > kStationWindHeightM ||
      hub_m < kHubOverMeasurementRatio * top_m) {
    return;
  }
  out.push_back(fmt::format(
      "wind.{}: the hub of \"{}\" is at {} m, but {} gives wind at {} m only and is not "
      "calibrated: a weather station's wind near the ground is slowed by the ground and what "
      "stands around the station, and a profile carrying it from {} m to {} m usually "
      "understates the wind at hub height (docs/models/wind.md). Calibrate the source to a "
      "long-term figure at hub height "
      "(wind_calibration_height_m with wind_calibration_mean_m_per_s or "
      "wind_calibration_power_density_w_per_m2) or to a concurrent measurement "
      "(wind_reference_file)",
      i, farm.name, format_number(hub_m), where(src), format_number(top_m), format_number(top_m),
      format_number(hub_m)));
}

}  // namespace

IrradianceClosure irradiance_closure(const Site& site, const resource::WeatherSeries& w,
                                     std::span<const gen::SunPosition> computed) {
  IrradianceClosure c;
  std::vector<gen::SunPosition> own;
  if (computed.size() != w.size()) own = gen::sun_at_interval_midpoints(site, w);
  const std::span<const gen::SunPosition> sun = own.empty() ? computed : own;
  double components = 0.0;
  double global = 0.0;
  for (std::size_t i = 0; i < w.size(); ++i) {
    const double mu = std::cos(sun[i].zenith_deg * kPi / 180.0);
    if (mu <= 0.0) continue;
    ++c.daylight_steps;
    components += w.dni_w_per_m2[i] * mu + w.dhi_w_per_m2[i];
    global += w.ghi_w_per_m2[i];
    // R from the sun positions' daily grid (cubic, ~1e-12 relative to the
    // exact series): no VSOP87 evaluation per step.
    const double sa = gen::extraterrestrial_dni_w_per_m2(sun[i]);
    const double mu12 = std::pow(mu, 1.2);
    const bool ghi_high = w.ghi_w_per_m2[i] > 1.5 * sa * mu12 + 100.0;
    const bool dhi_high = w.dhi_w_per_m2[i] > 0.95 * sa * mu12 + 50.0;
    const bool dni_high = w.dni_w_per_m2[i] > sa;
    c.implausible_ghi_steps += ghi_high ? 1 : 0;
    c.implausible_dhi_steps += dhi_high ? 1 : 0;
    c.implausible_dni_steps += dni_high ? 1 : 0;
    c.implausible_steps += (ghi_high || dhi_high || dni_high) ? 1 : 0;
  }
  c.ratio = global > 0.0 ? components / global : 1.0;
  return c;
}

std::vector<std::string> weather_warnings(const Site& site, const WeatherSources& sources,
                                          const std::vector<gen::PvParams>& pv,
                                          const std::vector<int>& pv_source,
                                          const std::vector<gen::WindParams>& wind,
                                          const std::vector<int>& wind_source,
                                          const ClosureFn& closure) {
  std::vector<std::string> out;
  std::set<int> used(pv_source.begin(), pv_source.end());
  used.insert(wind_source.begin(), wind_source.end());
  for (int index : used) {
    const WeatherSource* src = source_at(sources, index);
    if (src == nullptr) continue;
    const std::vector<std::size_t> arrays = on_source(pv_source, index);
    if (!arrays.empty()) {
      const IrradianceClosure c =
          closure ? closure(src->series, index) : irradiance_closure(site, src->series);
      irradiance_warnings(*src, arrays, pv, c, out);
    }
    gap_warnings(*src, out);
  }
  for (std::size_t i = 0; i < wind.size() && i < wind_source.size(); ++i) {
    if (const WeatherSource* src = source_at(sources, wind_source[i])) {
      wind_height_warning(*src, wind[i], i, out);
    }
  }
  return out;
}

std::vector<std::string> calibration_notes(const WeatherSources& sources) {
  std::vector<std::string> out;
  if (sources.main && !sources.main->calibration_note.empty()) {
    out.push_back(sources.main->calibration_note);
  }
  for (const auto& src : sources.named) {
    if (!src.calibration_note.empty()) out.push_back(src.calibration_note);
  }
  return out;
}

}  // namespace shapan::io
