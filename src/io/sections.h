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
#include "shapan/sim/simulation.h"
#include "toml_reader.h"

namespace shapan::io {

// The run's clock, from [simulation] and [site].
struct RunFrame {
  int years = 1;
  Duration step = Duration::hours(1);
  Timestamp start;  // local midnight of the start date, as UTC
};

// [site] keys default to what the weather file says about its location.
Site read_site(const toml::table* table, const resource::WeatherLocation& from_weather,
               ReadContext& ctx);
RunFrame read_simulation(const toml::table* table, double utc_offset_h, ReadContext& ctx);
// [weather]: reads the file; nullopt (with issues added) when it cannot.
std::optional<resource::WeatherSeries> read_weather_section(const toml::table* table,
                                                            ReadContext& ctx);
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

// Cost keys shared by every component (capex_cny_per_kw, ...).
CostParams read_cost(TableReader& r);

}  // namespace shapan::io
