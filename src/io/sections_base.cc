// [site], [simulation], [weather], [finance], [direct_supply] and [dispatch] sections.
#include <fmt/format.h>

#include <cmath>
#include <string_view>

#include "sections.h"

namespace shapan::io {
namespace {

const toml::table kEmpty;

const toml::table& or_empty(const toml::table* t) { return t != nullptr ? *t : kEmpty; }

double finite_or(double v, double fallback) { return std::isfinite(v) ? v : fallback; }

// The format's name as the scenario spells it.
std::string_view key_name(resource::WeatherFormat format) {
  switch (format) {
    case resource::WeatherFormat::kEpw:
      return "epw";
    case resource::WeatherFormat::kTmy3:
      return "tmy3";
    case resource::WeatherFormat::kPsm3:
      return "psm3";
    case resource::WeatherFormat::kSrw:
      return "srw";
    case resource::WeatherFormat::kAuto:
      break;
  }
  return "auto";
}

}  // namespace

std::optional<resource::WeatherSeries> read_weather_file(TableReader& r) {
  using resource::WeatherFormat;
  ReadContext& ctx = r.context();
  const auto format = r.choice("format",
                               {{"auto", WeatherFormat::kAuto},
                                {"epw", WeatherFormat::kEpw},
                                {"tmy3", WeatherFormat::kTmy3},
                                {"psm3", WeatherFormat::kPsm3},
                                {"srw", WeatherFormat::kSrw}},
                               WeatherFormat::kAuto);
  if (!r.has("file")) {
    r.add_issue("file", r.prefix() == "weather"
                            ? "missing: every scenario needs a weather file ([weather] file = "
                              "\"...\")"
                            : "missing: a weather source needs a file");
  }
  const auto path = r.file("file");
  std::string text;
  if (path) {
    try {
      text = ctx.files->read(*path);
    } catch (const InputError& e) {
      for (const auto& issue : e.issues()) ctx.issues.push_back(issue);
      r.finish();
      return std::nullopt;
    }
  }
  if (path && format != WeatherFormat::kAuto) {
    // A format that contradicts the content would otherwise surface as a
    // puzzling parse error deep in the file: say what the file looks like.
    const std::string_view head = std::string_view(text).substr(0, 4096);
    try {
      const WeatherFormat found = resource::detect_weather_format(head, path->string());
      if (found != format) {
        r.add_issue("format", fmt::format("= \"{}\", but {} is in {} format (detected from its "
                                          "content); use format = \"{}\" or \"auto\"",
                                          key_name(format), path->filename().string(),
                                          key_name(found), key_name(found)));
        return std::nullopt;
      }
    } catch (const InputError&) {
      // Not recognisable: the reader for the given format reports the details.
    }
  }
  if (!path) return std::nullopt;
  try {
    return resource::parse_weather(text, path->string(), format);
  } catch (const InputError& e) {
    for (const auto& issue : e.issues()) ctx.issues.push_back(issue);
    return std::nullopt;
  }
}

Site read_site(const toml::table* table, const WeatherSources& weather, ReadContext& ctx) {
  const resource::WeatherLocation from_weather =
      weather.main ? weather.main->series.location : resource::WeatherLocation{};
  TableReader r(or_empty(table), "site", ctx);
  Site s;
  s.name = r.text("name", from_weather.name);
  s.latitude_deg = r.number("latitude_deg", finite_or(from_weather.latitude_deg, 0.0));
  s.longitude_deg = r.number("longitude_deg", finite_or(from_weather.longitude_deg, 0.0));
  s.elevation_m = r.number("elevation_m", finite_or(from_weather.elevation_m, 0.0));
  s.utc_offset_h = r.number("utc_offset_h", finite_or(from_weather.utc_offset_h, 0.0));
  r.report(FieldChecker()
               .in_range("latitude_deg", s.latitude_deg, -90.0, 90.0)
               .in_range("longitude_deg", s.longitude_deg, -180.0, 180.0)
               .in_range("elevation_m", s.elevation_m, -500.0, 9000.0)
               .in_range("utc_offset_h", s.utc_offset_h, -12.0, 14.0)
               .issues());
  check_site_against_weather(r, s, weather);
  r.finish();
  return s;
}

RunFrame read_simulation(const toml::table* table, double utc_offset_h, ReadContext& ctx) {
  TableReader r(or_empty(table), "simulation", ctx);
  RunFrame f;
  f.years = r.integer("years", 1);
  const int step_minutes = r.integer("step_minutes", 60);
  const std::string start = r.date_text("start", "2025-01-01");
  r.report(FieldChecker()
               .in_range("years", f.years, 1, 100)
               .expect(step_minutes == 60 || step_minutes == 30 || step_minutes == 15 ||
                           step_minutes == 5 || step_minutes == 1,
                       "step_minutes",
                       fmt::format("= {}: must be one of 60, 30, 15, 5, 1", step_minutes))
               .issues());
  f.step = Duration::minutes(step_minutes);
  const auto t = parse_iso8601(start, utc_offset_h);
  if (!t) {
    r.add_issue("start", fmt::format("\"{}\" is not a date: expected YYYY-MM-DD (site standard "
                                     "time), e.g. \"2025-01-01\"",
                                     start));
  } else {
    f.start = *t;
  }
  r.finish();
  if (f.years < 1 || f.years > 100) f.years = 1;
  return f;
}

metrics::FinanceParams read_finance(const toml::table* table, ReadContext& ctx) {
  TableReader r(or_empty(table), "finance", ctx);
  metrics::FinanceParams f;
  f.discount_rate_frac = r.number("discount_rate_frac", f.discount_rate_frac);
  f.currency =
      r.choice("currency", {{"CNY", std::string("CNY")}, {"USD", std::string("USD")}}, f.currency);
  r.report(f.check());
  r.finish();
  return f;
}

metrics::DirectSupplyParams read_direct_supply(const toml::table* table, ReadContext& ctx) {
  TableReader r(or_empty(table), "direct_supply", ctx);
  metrics::DirectSupplyParams d;
  d.self_use_min_frac = r.number("self_use_min_frac", d.self_use_min_frac);
  d.consumption_share_min_frac =
      r.number("consumption_share_min_frac", d.consumption_share_min_frac);
  d.consumption_share_raised_min_frac =
      r.number("consumption_share_raised_min_frac", d.consumption_share_raised_min_frac);
  d.consumption_share_raised_from_year =
      r.integer("consumption_share_raised_from_year", d.consumption_share_raised_from_year);
  d.export_share_max_frac = r.number("export_share_max_frac", d.export_share_max_frac);
  r.report(d.check());
  r.finish();
  return d;
}

dispatch::StrategyKind read_dispatch(const toml::table* table, ReadContext& ctx) {
  TableReader r(or_empty(table), "dispatch", ctx);
  const auto kind = r.choice("strategy", {{"rule_based", dispatch::StrategyKind::kRuleBased}},
                             dispatch::StrategyKind::kRuleBased);
  r.finish();
  return kind;
}

}  // namespace shapan::io
