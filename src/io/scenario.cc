#include "shapan/io/scenario.h"

#include <fmt/format.h>

#include <algorithm>

#include "overrides.h"
#include "sections.h"

namespace shapan::io {
namespace {

const std::vector<std::string> kSections = {
    "site",       "weather",  "simulation", "finance",        "pv",
    "wind",       "hydro",    "battery",    "pumped_storage", "grid",
    "datacenter", "dispatch", "workload",   "scheduler",      "direct_supply"};

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
  s.direct_supply = read_direct_supply(section(root, "direct_supply", ctx), ctx);
  setup.strategy = read_dispatch(section(root, "dispatch", ctx), ctx);
  setup.pv = read_all<gen::PvParams>(root, "pv", ctx, read_pv);
  setup.wind = read_all<gen::WindParams>(root, "wind", ctx, read_wind);
  setup.batteries = read_all<gen::BatteryParams>(root, "battery", ctx, read_battery);
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
                            const std::vector<std::string>& overrides, const Files& files) {
  ReadContext ctx{
      .source = source, .base_dir = base_dir, .overrides = {}, .issues = {}, .files = &files};
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

Scenario load_scenario(const std::filesystem::path& path, const std::vector<std::string>& overrides,
                       const Files& files) {
  if (!files.refusal(path) && files.kind(path) == FileKind::kMissing) {
    throw InputError(InputIssue{.source = path.string(),
                                .message = "cannot open the scenario file (does it exist?)"});
  }
  // Refused, a folder, unreadable: files.read says which.
  const std::string text = files.read(path);
  std::filesystem::path base = path.parent_path();
  if (base.empty()) base = ".";
  return load_scenario_text(text, path.string(), base, overrides, files);
}

}  // namespace shapan::io
