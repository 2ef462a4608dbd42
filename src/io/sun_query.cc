#include "shapan/io/sun_query.h"

#include <fmt/format.h>

#include <cmath>

#include "shapan/core/check.h"
#include "shapan/core/error.h"
#include "shapan/gen/solar_position.h"

namespace shapan::io {
namespace {

// The UTC offset written at the end of an ISO 8601 time ("Z", "+08:00"), in
// hours; nullopt when the text carries none.
std::optional<double> written_offset_h(const std::string& text) {
  if (!text.empty() && text.back() == 'Z') return 0.0;
  if (text.size() < 6) return std::nullopt;
  const std::string tail = text.substr(text.size() - 6);
  if ((tail[0] != '+' && tail[0] != '-') || tail[3] != ':') return std::nullopt;
  const double h = std::stoi(tail.substr(1, 2)) + std::stoi(tail.substr(4, 2)) / 60.0;
  return tail[0] == '-' ? -h : h;
}

}  // namespace

nlohmann::ordered_json sun_position_json(const SunQuery& q) {
  std::vector<InputIssue> issues;
  const std::vector<FieldIssue> ranges =
      FieldChecker()
          .in_range("--lat-deg", q.latitude_deg, -90.0, 90.0)
          .in_range("--lon-deg", q.longitude_deg, -180.0, 180.0)
          .in_range("--elevation-m", q.elevation_m, -500.0, 9000.0)
          .in_range("--pressure-hpa", q.pressure_hpa, 100.0, 1200.0)
          .in_range("--temp-c", q.temp_c, -90.0, 70.0)
          .in_range("--delta-t-s", q.delta_t_s, -8000.0, 8000.0)
          .issues();
  issues.reserve(ranges.size() + 1);  // and one for the time
  for (const auto& r : ranges) {
    issues.push_back(
        InputIssue{.source = "<command line>", .field = r.field, .message = r.message});
  }
  const std::optional<double> offset_h = written_offset_h(q.time);
  const std::optional<Timestamp> t = parse_iso8601(q.time, 0.0);
  if (!t || !offset_h) {
    issues.push_back(
        InputIssue{.source = "<command line>",
                   .field = "--time",
                   .message = fmt::format("\"{}\": expected an ISO 8601 time with its offset, e.g. "
                                          "2003-10-17T12:30:30-07:00 or 2024-06-21T04:00:00Z",
                                          q.time)});
  }
  if (!issues.empty()) throw InputError(std::move(issues));

  const Site site{.name = "query",
                  .latitude_deg = q.latitude_deg,
                  .longitude_deg = q.longitude_deg,
                  .elevation_m = q.elevation_m,
                  .utc_offset_h = *offset_h};
  const gen::SpaOptions options{
      .pressure_hpa = q.pressure_hpa, .temp_c = q.temp_c, .delta_t_s = q.delta_t_s};
  const gen::SunPosition p = gen::solar_position(site, *t, options);
  const gen::SunTimes times = gen::sun_times(site, *t, options);
  const bool rises = !times.polar_day && !times.polar_night;
  const auto when = [&](Timestamp at) -> nlohmann::ordered_json {
    if (!rises) return nullptr;
    return format_iso8601(at, *offset_h);
  };
  nlohmann::ordered_json j;
  j["time"] = format_iso8601(*t, *offset_h);
  j["zenith_deg"] = p.zenith_deg;
  j["azimuth_deg"] = p.azimuth_deg;
  j["elevation_deg"] = p.elevation_deg();
  j["zenith_true_deg"] = p.zenith_true_deg;
  j["declination_deg"] = p.declination_deg;
  j["equation_of_time_min"] = p.equation_of_time_min;
  j["sunrise"] = when(times.sunrise);
  j["transit"] = format_iso8601(times.transit, *offset_h);
  j["sunset"] = when(times.sunset);
  j["polar_day"] = times.polar_day;
  j["polar_night"] = times.polar_night;
  return j;
}

}  // namespace shapan::io
