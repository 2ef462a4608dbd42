// Readers for each scenario section. (Private to io.)
//
// Each reader takes the section's table, reads every key it knows with its
// default, adds located issues for bad values and unknown keys to the
// context, and returns typed parameters.
#pragma once

#include <toml++/toml.h>

#include <optional>
#include <vector>

#include "shapan/core/cost.h"
#include "shapan/metrics/summary.h"
#include "shapan/optimize/options.h"
#include "shapan/sim/simulation.h"
#include "toml_reader.h"
#include "weather_sources.h"

namespace shapan::io {

// The run's clock, from [simulation] and [site].
struct RunFrame {
  int years = 1;
  Duration step = Duration::hours(1);
  Timestamp start;  // local midnight of the start date, as UTC
};

// [site] keys default to what the weather file says about its location; keys
// the scenario sets are checked against every weather file's header
// (check_site_against_weather).
Site read_site(const toml::table* table, const WeatherSources& weather, ReadContext& ctx);
RunFrame read_simulation(const toml::table* table, double utc_offset_h, ReadContext& ctx);
// The `file` and `format` keys of a weather table ([weather] or a source):
// reads the file; nullopt (with issues added) when it cannot. Does not finish().
std::optional<resource::WeatherSeries> read_weather_file(TableReader& r);
metrics::FinanceParams read_finance(const toml::table* table, ReadContext& ctx);
// [direct_supply]: the 绿电直连 compliance thresholds (defaults when absent).
metrics::DirectSupplyParams read_direct_supply(const toml::table* table, ReadContext& ctx);
dispatch::StrategyKind read_dispatch(const toml::table* table, ReadContext& ctx);

gen::PvParams read_pv(TableReader& r, std::size_t index);
gen::WindParams read_wind(TableReader& r, std::size_t index);
gen::BatteryParams read_battery(TableReader& r, std::size_t index);
gen::PumpedStorageParams read_pumped_storage(TableReader& r, std::size_t index);
// [hydro]; its [[hydro.downstream]] plants are appended to `cascade`.
std::optional<sim::HydroSetup> read_hydro(const toml::table* table, const RunFrame& frame,
                                          double utc_offset_h, ReadContext& ctx,
                                          std::vector<sim::HydroSetup>* cascade);
std::optional<gen::GridParams> read_grid(const toml::table* table, const RunFrame& frame,
                                         double utc_offset_h, ReadContext& ctx);
std::optional<load::DatacenterParams> read_datacenter(const toml::table* table, double utc_offset_h,
                                                      ReadContext& ctx);

// [workload]: the jobs (reads the trace, node list and GPU model files);
// nullopt when the section is absent.
std::optional<load::WorkloadParams> read_workload(const toml::table* table, ReadContext& ctx);
// [scheduler]: the job scheduling policy (defaults when absent).
load::SchedulerParams read_scheduler(const toml::table* table, ReadContext& ctx);

// Cost keys shared by every component (capex_per_kw or capex_cny_per_kw, ...).
CostParams read_cost(TableReader& r);
// For a unit's physics reader: its cost keys are the cost book's
// (read_cost_book), not unknown keys.
void skip_cost_keys(TableReader& r);
// The cost book: [finance] (already read) and the cost keys of every unit's
// section ([[pv]], [[wind]], [hydro] and its downstream plants, [[battery]],
// [[pumped_storage]]), the green certificates' price in [grid] and
// [optimize] carbon_price_per_t, each
// checked. Sections that are not tables are left to their physics readers,
// which report them.
metrics::CostBook read_cost_book(const toml::table& root, const metrics::FinanceParams& finance,
                                 ReadContext& ctx);

// A money key that may be written without its currency (`plain`, e.g.
// tou_price_per_kwh) or with the historical _cny_ (`cny`); both name the
// same figure in the [finance] currency, and giving both is an issue.
double money(TableReader& r, std::string_view plain, std::string_view cny, double fallback);
std::vector<double> money_list(TableReader& r, std::string_view plain, std::string_view cny,
                               std::vector<double> fallback);

// A [[pv]] or [[wind]] availability series (availability_file,
// availability_column): output per kW of capacity, row i = step i; empty
// when not given. The length is checked against the run by load_scenario.
std::vector<double> read_availability(TableReader& r);

// [optimize]: mode, targets, capacity bounds, solver limits.
optimize::Options read_optimize(const toml::table* table, ReadContext& ctx);

}  // namespace shapan::io
