#include "shapan/io/scenario.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "overrides.h"
#include "sections.h"

namespace shapan::io {
namespace {

const std::vector<std::string> kSections = {
    "site",       "weather",  "simulation", "finance",        "pv",
    "wind",       "hydro",    "battery",    "pumped_storage", "grid",
    "datacenter", "dispatch", "workload",   "scheduler",      "optimize"};

// The tables of an array of tables ([[pv]]), with issues for anything else.
std::vector<const toml::table*> array_tables(const toml::table& root, std::string_view key,
                                             ReadContext& ctx) {
  std::vector<const toml::table*> out;
  const toml::node* node = root.get(key);
  if (node == nullptr) return out;
  const auto fail = [&](const toml::node& at, std::string message) {
    ctx.issues.push_back(InputIssue{.source = ctx.source,
                                    .line = static_cast<int>(at.source().begin.line),
                                    .column = static_cast<int>(at.source().begin.column),
                                    .field = std::string(key),
                                    .message = std::move(message)});
  };
  if (const toml::array* array = node->as_array()) {
    for (const auto& item : *array) {
      if (const toml::table* t = item.as_table()) {
        out.push_back(t);
      } else {
        fail(item, fmt::format("expected tables ([[{}]]), found {}", key, describe(item)));
      }
    }
  } else if (const toml::table* t = node->as_table()) {
    // [pv] written for a single array: accept it as one element.
    out.push_back(t);
  } else {
    fail(*node, fmt::format("expected [[{}]] tables, found {}", key, describe(*node)));
  }
  return out;
}

const toml::table* section(const toml::table& root, std::string_view key, ReadContext& ctx) {
  const toml::node* node = root.get(key);
  if (node == nullptr) return nullptr;
  if (const toml::table* t = node->as_table()) return t;
  ctx.issues.push_back(
      InputIssue{.source = ctx.source,
                 .line = static_cast<int>(node->source().begin.line),
                 .column = static_cast<int>(node->source().begin.column),
                 .field = std::string(key),
                 .message = fmt::format("expected a [{}] table, found {}", key, describe(*node))});
  return nullptr;
}

void report_unknown_sections(const toml::table& root, ReadContext& ctx) {
  for (auto&& [key, node] : root) {
    const std::string k(key.str());
    if (std::find(kSections.begin(), kSections.end(), k) != kSections.end()) continue;
    std::string message = "unknown section or key";
    if (const auto guess = closest_match(k, kSections)) {
      message += fmt::format(" (did you mean \"{}\"?)", *guess);
    }
    ctx.issues.push_back(InputIssue{.source = ctx.source,
                                    .line = static_cast<int>(key.source().begin.line),
                                    .column = static_cast<int>(key.source().begin.column),
                                    .field = k,
                                    .message = message});
  }
}

template <class Params, class ReadFn>
std::vector<Params> read_all(const toml::table& root, std::string_view key, ReadContext& ctx,
                             ReadFn read) {
  std::vector<Params> out;
  const std::vector<const toml::table*> tables = array_tables(root, key, ctx);
  for (std::size_t i = 0; i < tables.size(); ++i) {
    TableReader r(*tables[i], fmt::format("{}.{}", key, i), ctx);
    out.push_back(read(r, i));
    r.finish();
  }
  return out;
}

// Row i of an availability file is step i: it must cover the run exactly.
void check_availability_lengths(const sim::Setup& setup, ReadContext& ctx) {
  const std::size_t n = setup.weather.size();
  const auto check = [&](const std::vector<double>& series, const std::string& where) {
    if (series.empty() || series.size() == n) return;
    ctx.issues.push_back(InputIssue{
        .source = ctx.source,
        .field = where + ".availability_file",
        .message = fmt::format("has {} rows, the run has {} steps: row i is step i, so they must "
                               "be equal",
                               series.size(), n)});
  };
  for (std::size_t i = 0; i < setup.pv.size(); ++i) {
    check(setup.pv[i].availability_per_kw, fmt::format("pv.{}", i));
  }
  for (std::size_t i = 0; i < setup.wind.size(); ++i) {
    check(setup.wind[i].availability_per_kw, fmt::format("wind.{}", i));
  }
  if (!ctx.issues.empty()) throw InputError(std::move(ctx.issues));
}

Scenario build(toml::table& root, ReadContext& ctx, const std::vector<std::string>& overrides,
               const std::filesystem::path& path) {
  ctx.overrides = apply_overrides(root, overrides, ctx.issues);
  report_unknown_sections(root, ctx);

  Scenario s;
  s.path = path;
  const std::optional<resource::WeatherSeries> weather =
      read_weather_section(section(root, "weather", ctx), ctx);
  const resource::WeatherLocation location =
      weather ? weather->location : resource::WeatherLocation{};
  sim::Setup& setup = s.setup;
  setup.site = read_site(section(root, "site", ctx), location, ctx);
  const RunFrame frame =
      read_simulation(section(root, "simulation", ctx), setup.site.utc_offset_h, ctx);
  setup.years = frame.years;
  s.finance = read_finance(section(root, "finance", ctx), ctx);
  setup.strategy = read_dispatch(section(root, "dispatch", ctx), ctx);
  setup.pv = read_all<gen::PvParams>(root, "pv", ctx, read_pv);
  setup.wind = read_all<gen::WindParams>(root, "wind", ctx, read_wind);
  s.optimize = read_optimize(section(root, "optimize", ctx), ctx);
  setup.batteries =
      read_all<gen::BatteryParams>(root, "battery", ctx, [&](TableReader& r, std::size_t i) {
        gen::BatteryParams b = read_battery(r, i);
        // Sizing only: energy = duration × power (docs/scenario.md, [optimize]).
        const double duration_h = r.number("duration_h", 0.0);
        if (!(duration_h >= 0.0 && duration_h <= 1000.0)) {
          r.add_issue("duration_h", fmt::format("= {} h: must be between 0 and 1000 (0 = energy "
                                                "sized independently)",
                                                format_number(duration_h)));
        }
        s.optimize.battery_duration_h.push_back(duration_h);
        return b;
      });
  setup.pumped_storage =
      read_all<gen::PumpedStorageParams>(root, "pumped_storage", ctx, read_pumped_storage);
  setup.hydro = read_hydro(section(root, "hydro", ctx), frame, setup.site.utc_offset_h, ctx,
                           &setup.hydro_cascade);
  setup.grid = read_grid(section(root, "grid", ctx), frame, setup.site.utc_offset_h, ctx);
  setup.datacenter =
      read_datacenter(section(root, "datacenter", ctx), setup.site.utc_offset_h, ctx);
  setup.workload = read_workload(section(root, "workload", ctx), ctx);
  setup.scheduler = read_scheduler(section(root, "scheduler", ctx), ctx);
  if (setup.workload && !setup.datacenter) {
    ctx.issues.push_back(InputIssue{.source = ctx.source,
                                    .field = "workload",
                                    .message = "jobs need a [datacenter] section to run in"});
  }
  s.name = setup.site.name.empty() ? path.stem().string() : setup.site.name;

  if (!ctx.issues.empty()) throw InputError(std::move(ctx.issues));
  setup.weather = resource::prepare_for_simulation(*weather, frame.start, frame.years, frame.step);
  check_availability_lengths(setup, ctx);
  // Sun positions once per loaded scenario, reused by every run of it.
  const bool midpoint_sun = std::any_of(setup.pv.begin(), setup.pv.end(), [](const auto& a) {
    return a.sun_timing == gen::SunTiming::kMidpoint;
  });
  if (midpoint_sun) setup.sun = gen::sun_at_interval_midpoints(setup.site, setup.weather);
  // The trace replayed into the run's jobs, likewise once per loaded scenario.
  if (setup.workload && setup.weather.size() > 0) {
    const Timestamp start = setup.weather.interval_start(0);
    const Timestamp end =
        start + setup.weather.step * static_cast<std::int64_t>(setup.weather.size());
    setup.unit_jobs = load::make_jobs(*setup.workload, start, end, 1.0);
  }
  return s;
}

}  // namespace

Scenario load_scenario_text(const std::string& text, const std::string& source,
                            const std::filesystem::path& base_dir,
                            const std::vector<std::string>& overrides) {
  ReadContext ctx{.source = source, .base_dir = base_dir, .overrides = {}, .issues = {}};
  toml::table root;
  try {
    root = toml::parse(text, source);
  } catch (const toml::parse_error& e) {
    throw InputError(InputIssue{.source = source,
                                .line = static_cast<int>(e.source().begin.line),
                                .column = static_cast<int>(e.source().begin.column),
                                .message = fmt::format("not valid TOML: {}", e.description())});
  }
  return build(root, ctx, overrides, source);
}

Scenario load_scenario(const std::filesystem::path& path,
                       const std::vector<std::string>& overrides) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw InputError(InputIssue{.source = path.string(),
                                .message = "cannot open the scenario file (does it exist?)"});
  }
  std::ostringstream text;
  text << in.rdbuf();
  std::filesystem::path base = path.parent_path();
  if (base.empty()) base = ".";
  return load_scenario_text(text.str(), path.string(), base, overrides);
}

}  // namespace shapan::io
