#include "shapan/io/scenario.h"

#include <fmt/format.h>

#include <algorithm>

#include "cache_keys.h"
#include "overrides.h"
#include "sections.h"
#include "shapan/core/assert.h"
#include "shapan/io/run_size.h"
#include "shapan/sim/prepared.h"
#include "weather_quality.h"

namespace shapan::io {
namespace {

const std::vector<std::string> kSections = {
    "site",     "weather",   "simulation",     "finance", "pv",         "wind",
    "hydro",    "battery",   "pumped_storage", "grid",    "datacenter", "dispatch",
    "workload", "scheduler", "direct_supply",  "optimize"};

// The most [[pv]], [[wind]], [[battery]] or [[pumped_storage]] tables a
// scenario may have (docs/scenario.md; size_limits.h has the others).
constexpr std::size_t kMaxUnitTables = 1000;
constexpr const char* kMaxUnitTablesBasis =
    "each is a block of plant with its own model; 1,000 blocks of the largest size are far "
    "beyond any base built";

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
  if (out.size() > kMaxUnitTables) {
    fail(*out[kMaxUnitTables], fmt::format("= {} tables: at most {} ({})", out.size(),
                                           kMaxUnitTables, kMaxUnitTablesBasis));
    out.resize(kMaxUnitTables);
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
    // Made by an override (--set nosuch.key=1): blame the --set, not the file.
    const auto over = std::find_if(ctx.overrides.begin(), ctx.overrides.end(), [&](const auto& o) {
      return o.first == k || o.first.rfind(k + ".", 0) == 0;
    });
    if (over != ctx.overrides.end()) {
      ctx.issues.push_back(
          InputIssue{.source = "<command line>",
                     .field = k,
                     .message = fmt::format("{} (from {})", message, over->second)});
      continue;
    }
    ctx.issues.push_back(InputIssue{.source = ctx.source,
                                    .line = static_cast<int>(key.source().begin.line),
                                    .column = static_cast<int>(key.source().begin.column),
                                    .field = k,
                                    .message = message});
  }
}

// Reads every table of [[key]]; `after(r, params)` reads any further keys of
// the same table before it is finished.
template <class Params, class ReadFn, class AfterFn>
std::vector<Params> read_all(const toml::table& root, std::string_view key, ReadContext& ctx,
                             ReadFn read, AfterFn after) {
  std::vector<Params> out;
  const std::vector<const toml::table*> tables = array_tables(root, key, ctx);
  for (std::size_t i = 0; i < tables.size(); ++i) {
    TableReader r(*tables[i], fmt::format("{}.{}", key, i), ctx);
    out.push_back(read(r, i));
    after(r, out.back());
    r.finish();
  }
  return out;
}

template <class Params, class ReadFn>
std::vector<Params> read_all(const toml::table& root, std::string_view key, ReadContext& ctx,
                             ReadFn read) {
  return read_all<Params>(root, key, ctx, read, [](TableReader&, const Params&) {});
}

// `read()` once per key: from the cache when it holds the key, else read and
// stored when it added no issue. Without a cache, just read(). The value is
// shared, not copied (for parts only read, such as the weather files).
template <class T, class ReadFn>
std::shared_ptr<const T> cached_shared(LoadCache* cache, const std::string& key,
                                       const ReadContext& ctx, ReadFn read) {
  if (cache == nullptr) return std::make_shared<const T>(read());
  if (std::shared_ptr<const T> hit = cache->find<T>(key)) return hit;
  const std::size_t issues_before = ctx.issues.size();
  auto value = std::make_shared<const T>(read());
  if (ctx.issues.size() == issues_before) cache->put_shared(key, value);
  return value;
}

// The same, as a copy (for parts that go into the Setup).
template <class T, class ReadFn>
T cached(LoadCache* cache, const std::string& key, const ReadContext& ctx, ReadFn read) {
  if (cache == nullptr) return read();
  return *cached_shared<T>(cache, key, ctx, read);
}

using HydroAndCascade = std::pair<std::optional<sim::HydroSetup>, std::vector<sim::HydroSetup>>;

// Row i of an availability file is step i: it must cover the run exactly.
void check_availability_lengths(const sim::Setup& setup, ReadContext& ctx) {
  const std::size_t n = sim::step_count(setup);
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

// The generating and storage units ([[pv]], [[wind]], [[battery]],
// [[pumped_storage]]) and [optimize], which the batteries' sizing reads into.
void read_components(toml::table& root, const WeatherSources& weather, ReadContext& ctx,
                     Scenario& s) {
  sim::Setup& setup = s.setup;
  setup.pv = read_all<gen::PvParams>(
      root, "pv", ctx, read_pv, [&](TableReader& r, const gen::PvParams& p) {
        setup.pv_weather_source.push_back(read_component_weather(
            r, weather, WeatherNeed::kIrradiance, fmt::format("the PV array \"{}\"", p.name)));
      });
  setup.wind = read_all<gen::WindParams>(
      root, "wind", ctx, read_wind, [&](TableReader& r, const gen::WindParams& p) {
        setup.wind_weather_source.push_back(read_component_weather(
            r, weather, WeatherNeed::kWind, fmt::format("the wind farm \"{}\"", p.name)));
      });
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
}

// The weather as read (shared with `sources`, which a LoadCache may keep for
// later loads) and the run's steps, which sim::prepare lays it onto.
void set_weather(const std::shared_ptr<const WeatherSources>& sources, const RunFrame& frame,
                 sim::Setup& setup) {
  SHAPAN_ASSERT(sources->main.has_value(), "[weather] read without issues");
  setup.weather = std::shared_ptr<const resource::WeatherSeries>(sources, &sources->main->series);
  setup.weather_sources.clear();
  setup.weather_sources.reserve(sources->named.size());
  for (const WeatherSource& src : sources->named) {
    setup.weather_sources.emplace_back(sources, &src.series);
  }
  setup.run_steps = sim::RunSteps{.start = frame.start, .step = frame.step};
}

// Refuses a run larger than the machine can hold (run_size.h), before its
// weather is laid onto its steps: that is what would exhaust the memory.
// Called twice: on the steps alone, as soon as they are known, and on the
// whole shape before the weather is prepared.
void check_run_size(const sim::Setup& setup, const RunFrame& frame, const RunLimits& limits,
                    ReadContext& ctx) {
  const auto steps_per_hour = static_cast<std::uint64_t>(3600 / frame.step.in_seconds());
  const std::uint64_t steps = static_cast<std::uint64_t>(frame.years) * 8760 * steps_per_hour;
  const RunShape shape = shape_of(setup, steps, limits.timeseries);
  const auto refusal =
      memory_refusal(estimate_run_size(shape), shape, memory_means(*limits.machine));
  if (!refusal) return;
  ctx.issues.push_back(
      InputIssue{.source = ctx.source, .field = "simulation", .message = *refusal});
  throw InputError(std::move(ctx.issues));
}

// The weather-quality warnings (weather_quality.h). A source's irradiance
// closure depends on the source and the site alone. Its sun positions are a
// second SPA pass beside sim::prepare's, on purpose: on the file's own rows
// (its dates, where GHI = DNI cos z + DHI must hold), not on the run's steps
// (the typical year laid onto the run's years, sub-hourly, some arrays with
// SAM's timing); the grids coincide only for an hourly one-year run from the
// file's first row. There, with the run's `prepared` store, the positions
// are the run's own (sim::prepare_sun: one pass, 4.8 ms of a 61 ms run of
// examples/amarillo_solar_wind_pair.toml); elsewhere a second pass, 5.5 ms
// per load of examples/qinghai_base.toml (8,760 positions), once per source
// and site through a LoadCache (docs/architecture.md).
std::vector<std::string> weather_check(const WeatherSources& weather,
                                       const std::string& weather_key, const sim::Setup& setup,
                                       const ReadContext& ctx, LoadCache* cache,
                                       sim::PreparedStore* prepared) {
  const std::string closure_key = "closure|" + weather_key + "|" + site_key(setup.site) + "|";
  const auto closure = [&](const resource::WeatherSeries& series) {
    const bool on_run_steps =
        prepared != nullptr && setup.run_steps && series.start == setup.run_steps->start &&
        series.step == setup.run_steps->step && series.size() == sim::step_count(setup);
    if (!on_run_steps) return irradiance_closure(setup.site, series);
    return irradiance_closure(setup.site, series, *sim::prepare_sun(setup, prepared));
  };
  return weather_warnings(
      setup.site, weather, setup.pv, setup.pv_weather_source, setup.wind, setup.wind_weather_source,
      [&](const resource::WeatherSeries& series, int index) {
        return cached<IrradianceClosure>(cache, closure_key + std::to_string(index), ctx,
                                         [&] { return closure(series); });
      });
}

Scenario build(toml::table& root, ReadContext& ctx, const std::vector<std::string>& overrides,
               const std::filesystem::path& path, LoadCache* cache, const RunLimits& limits,
               sim::PreparedStore* prepared) {
  ctx.overrides = apply_overrides(root, overrides, ctx.issues);
  report_unknown_sections(root, ctx);

  Scenario s;
  s.path = path;
  // Cache keys: the section's exact content, the base folder and what else
  // its reader depends on.
  const std::string dir_key = ctx.base_dir.string() + "|";
  const toml::table* weather_table = section(root, "weather", ctx);
  const std::string weather_key = "weather|" + dir_key + exact_key(weather_table);
  const std::shared_ptr<const WeatherSources> shared_weather = cached_shared<WeatherSources>(
      cache, weather_key, ctx, [&] { return read_weather_sources(weather_table, ctx); });
  const WeatherSources& weather = *shared_weather;
  sim::Setup& setup = s.setup;
  setup.site = read_site(section(root, "site", ctx), weather, ctx);
  const RunFrame frame =
      read_simulation(section(root, "simulation", ctx), setup.site.utc_offset_h, ctx);
  setup.years = frame.years;
  // The steps alone first: the hydro inflow and the grid's series below are
  // read for every step of the run.
  if (ctx.issues.empty()) check_run_size(setup, frame, limits, ctx);
  s.costs = read_cost_book(root, read_finance(section(root, "finance", ctx), ctx), ctx);
  s.direct_supply = read_direct_supply(section(root, "direct_supply", ctx), ctx);
  setup.strategy = read_dispatch(section(root, "dispatch", ctx), ctx);
  read_components(root, weather, ctx, s);
  const std::string frame_site_key =
      fmt::format("{}|{:a}|{}", frame_key(frame.start, frame.years, frame.step),
                  setup.site.utc_offset_h, dir_key);
  const toml::table* hydro_table = section(root, "hydro", ctx);
  HydroAndCascade hydro =
      cached<HydroAndCascade>(cache, "hydro|" + frame_site_key + exact_key(hydro_table), ctx, [&] {
        HydroAndCascade h;
        h.first = read_hydro(hydro_table, frame, setup.site.utc_offset_h, ctx, &h.second);
        return h;
      });
  setup.hydro = std::move(hydro.first);
  setup.hydro_cascade = std::move(hydro.second);
  const toml::table* grid_table = section(root, "grid", ctx);
  setup.grid = cached<std::optional<gen::GridParams>>(
      cache, "grid|" + frame_site_key + exact_key(grid_table), ctx,
      [&] { return read_grid(grid_table, frame, setup.site.utc_offset_h, ctx); });
  const toml::table* datacenter_table = section(root, "datacenter", ctx);
  setup.datacenter = cached<std::optional<load::DatacenterParams>>(
      cache, "datacenter|" + frame_site_key + exact_key(datacenter_table), ctx,
      [&] { return read_datacenter(datacenter_table, setup.site.utc_offset_h, ctx); });
  const toml::table* workload_table = section(root, "workload", ctx);
  setup.workload = cached<std::optional<load::WorkloadParams>>(
      cache, "workload|" + dir_key + exact_key(workload_table), ctx,
      [&] { return read_workload(workload_table, ctx); });
  setup.scheduler = read_scheduler(section(root, "scheduler", ctx), ctx);
  if (setup.workload && !setup.datacenter) {
    ctx.issues.push_back(InputIssue{.source = ctx.source,
                                    .field = "workload",
                                    .message = "jobs need a [datacenter] section to run in"});
  }
  s.name = setup.site.name.empty() ? path.stem().string() : setup.site.name;

  if (!ctx.issues.empty()) throw InputError(std::move(ctx.issues));
  check_run_size(setup, frame, limits, ctx);
  set_weather(shared_weather, frame, setup);
  check_availability_lengths(setup, ctx);
  s.warnings = weather_check(weather, weather_key, setup, ctx, cache, prepared);
  s.notes = calibration_notes(weather);
  return s;
}

// load_scenario_text, with the run's store for the weather check.
Scenario load_text(const std::string& text, const std::string& source,
                   const std::filesystem::path& base_dir, const std::vector<std::string>& overrides,
                   LoadCache* cache, const Files& files, const RunLimits& limits,
                   sim::PreparedStore* prepared) {
  const auto context = [&] {
    return ReadContext{
        .source = source, .base_dir = base_dir, .overrides = {}, .issues = {}, .files = &files};
  };
  // The parsed text is kept in the cache too. A copy of a toml++ table has
  // no source positions, so a load from the copy that finds an issue is done
  // again from a fresh parse, whose messages carry their lines and columns.
  const std::string text_key = "toml|" + source + "|" + text;
  if (cache != nullptr) {
    if (const std::shared_ptr<const toml::table> parsed = cache->find<toml::table>(text_key)) {
      toml::table root = *parsed;
      ReadContext ctx = context();
      try {
        return build(root, ctx, overrides, source, cache, limits, prepared);
      } catch (const InputError&) {
        // reported below, with positions
      }
    }
  }
  ReadContext ctx = context();
  toml::table root;
  try {
    root = toml::parse(text, source);
  } catch (const toml::parse_error& e) {
    throw InputError(InputIssue{.source = source,
                                .line = static_cast<int>(e.source().begin.line),
                                .column = static_cast<int>(e.source().begin.column),
                                .message = fmt::format("not valid TOML: {}", e.description())});
  }
  if (cache != nullptr) cache->put(text_key, root);
  return build(root, ctx, overrides, source, cache, limits, prepared);
}

}  // namespace

Scenario load_scenario_text(const std::string& text, const std::string& source,
                            const std::filesystem::path& base_dir,
                            const std::vector<std::string>& overrides, LoadCache* cache,
                            const Files& files, const RunLimits& limits) {
  return load_text(text, source, base_dir, overrides, cache, files, limits, nullptr);
}

Scenario load_scenario(const std::filesystem::path& path, const std::vector<std::string>& overrides,
                       const Files& files, const RunLimits& limits, sim::PreparedStore* prepared) {
  if (!files.refusal(path) && files.kind(path) == FileKind::kMissing) {
    throw InputError(InputIssue{.source = path.string(),
                                .message = "cannot open the scenario file (does it exist?)"});
  }
  // Refused, a folder, unreadable: files.read says which.
  const std::string text = files.read(path);
  std::filesystem::path base = path.parent_path();
  if (base.empty()) base = ".";
  return load_text(text, path.string(), base, overrides, nullptr, files, limits, prepared);
}

}  // namespace shapan::io
