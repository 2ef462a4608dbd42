// [hydro], [grid] and [datacenter] sections: the ones that may read series files.
#include <fmt/format.h>

#include <cmath>

#include "sections.h"
#include "shapan/resource/daily_inflow.h"
#include "shapan/resource/inflow.h"
#include "shapan/resource/series.h"
#include "size_limits.h"

namespace shapan::io {
namespace {

// Reads an hourly series file's column (and time column, when the scenario
// names one), adding the reader's errors as issues.
std::optional<resource::HourlyYear> read_hourly(TableReader& r, std::string_view file_key,
                                                std::string_view column_key,
                                                std::string_view time_column_key,
                                                std::string default_column,
                                                double site_utc_offset_h) {
  const auto path = r.file(file_key);
  resource::HourlySeriesOptions options{
      .value_column = r.text(column_key, std::move(default_column)),
      .time_column = r.text(time_column_key, ""),
      .time_utc_offset_h = 0.0,
      .site_utc_offset_h = site_utc_offset_h};
  if (!path) return std::nullopt;
  try {
    return resource::read_hourly_series(*path, options, *r.context().files);
  } catch (const InputError& e) {
    for (const auto& issue : e.issues()) r.context().issues.push_back(issue);
    return std::nullopt;
  }
}

}  // namespace

namespace {

// The hydro plant's sizes against their physical bounds (size_limits.h).
void check_hydro_sizes(TableReader& r, const gen::HydroParams& p) {
  namespace sl = size_limits;
  check_size(r, sl::kHydroPower, p.rated_power_kw);
  check_size(r, sl::kHydroLine, p.line_limit_kw);
  check_size(r, sl::kHydroTurbineFlow, p.max_turbine_flow_m3_per_s);
  check_size(r, sl::kHydroMinRelease, p.min_release_m3_per_s);
  check_size(r, sl::kHydroUnits, p.unit_count);
  check_size(r, sl::kReservoirVolume, p.storage_min_hm3, "storage_min_hm3");
  check_size(r, sl::kReservoirVolume, p.storage_max_hm3);
  check_size(r, sl::kReservoirVolume, p.storage_initial_hm3, "storage_initial_hm3");
  for (const double v : p.level_table_storage_hm3) {
    check_size(r, sl::kReservoirVolume, v, "level_table_storage_hm3");
  }
}

// One hydro plant's keys and inflow: [hydro] itself or a [[hydro.downstream]].
sim::HydroSetup read_hydro_plant(TableReader& r, const std::string& default_name,
                                 const RunFrame& frame, double utc_offset_h, ReadContext& ctx) {
  sim::HydroSetup h;
  gen::HydroParams& p = h.params;
  p.name = r.text("name", default_name);
  p.rated_power_kw = r.number("rated_power_kw", p.rated_power_kw);
  p.max_turbine_flow_m3_per_s = r.number("max_turbine_flow_m3_per_s", p.max_turbine_flow_m3_per_s);
  p.min_release_m3_per_s = r.number("min_release_m3_per_s", p.min_release_m3_per_s);
  p.storage_min_hm3 = r.number("storage_min_hm3", p.storage_min_hm3);
  p.storage_max_hm3 = r.number("storage_max_hm3", p.storage_max_hm3);
  p.storage_initial_hm3 = r.number("storage_initial_hm3", p.storage_initial_hm3);
  p.level_table_storage_hm3 = r.numbers("level_table_storage_hm3", p.level_table_storage_hm3);
  p.level_table_m = r.numbers("level_table_m", p.level_table_m);
  p.tailwater_level_m = r.number("tailwater_level_m", p.tailwater_level_m);
  p.turbine_efficiency_frac = r.number("turbine_efficiency_frac", p.turbine_efficiency_frac);
  p.tailwater_table_release_m3_per_s = r.numbers("tailwater_table_release_m3_per_s", {});
  p.tailwater_table_m = r.numbers("tailwater_table_m", {});
  p.efficiency_table_head_m = r.numbers("efficiency_table_head_m", {});
  p.efficiency_table_unit_flow_m3_per_s = r.numbers("efficiency_table_unit_flow_m3_per_s", {});
  p.efficiency_table_frac = r.numbers("efficiency_table_frac", {});
  p.unit_count = r.integer("unit_count", p.unit_count);
  p.unit_min_flow_m3_per_s = r.number("unit_min_flow_m3_per_s", p.unit_min_flow_m3_per_s);
  p.ramp_m3_per_s_per_h = r.number("ramp_m3_per_s_per_h", p.ramp_m3_per_s_per_h);
  p.evaporation_mm_per_day = r.number("evaporation_mm_per_day", p.evaporation_mm_per_day);
  p.area_table_km2 = r.numbers("area_table_km2", {});
  p.share_frac = r.number("share_frac", p.share_frac);
  p.line_limit_kw = r.number("line_limit_kw", p.line_limit_kw);
  check_hydro_sizes(r, p);
  p.guide_curve_level_m = r.numbers("guide_curve_level_m", {});
  skip_cost_keys(r);
  r.report(p.check());

  const double scale = r.number("inflow_scale_frac", 1.0);
  const int year = r.integer("inflow_year", 0);
  const auto constant = r.optional_number("inflow_m3_per_s");
  const auto file = r.file("inflow_file");
  const auto daily_file = r.file("inflow_daily_file");
  const std::string column = r.text("inflow_column", "upreach_flow");
  r.report(FieldChecker()
               .in_range("inflow_scale_frac", scale, 0.0, 1000.0)
               .expect((constant ? 1 : 0) + (r.has("inflow_file") ? 1 : 0) +
                               (r.has("inflow_daily_file") ? 1 : 0) <=
                           1,
                       "inflow_m3_per_s",
                       "give one of inflow_m3_per_s, inflow_file or inflow_daily_file")
               .expect(constant || r.has("inflow_file") || r.has("inflow_daily_file"),
                       "inflow_file",
                       "missing: give inflow_file (monthly flows), inflow_daily_file (daily "
                       "CAMELS flows) or a constant inflow_m3_per_s")
               .at_least("inflow_m3_per_s", constant.value_or(0.0), 0.0)
               .issues());
  check_size(r, size_limits::kInflow, constant.value_or(0.0));

  try {
    if (constant) {
      std::array<double, 12> flat{};
      flat.fill(*constant);
      h.inflow_m3_per_s = resource::inflow_per_step_m3_per_s(flat, frame.start, frame.years,
                                                             frame.step, utc_offset_h);
    } else if (daily_file) {
      const resource::DailyInflowSeries daily =
          resource::read_camels_daily(*daily_file, *ctx.files);
      h.inflow_m3_per_s = resource::daily_inflow_per_step_m3_per_s(
          daily, frame.start, frame.years, frame.step, utc_offset_h,
          year == 0 ? std::nullopt : std::optional<int>(year));
    } else if (file) {
      const resource::MonthlyInflowSeries monthly =
          resource::read_monthly_inflow(*file, column, *ctx.files);
      h.inflow_m3_per_s = resource::inflow_per_step_m3_per_s(
          monthly, frame.start, frame.years, frame.step, utc_offset_h,
          year == 0 ? std::nullopt : std::optional<int>(year));
    }
  } catch (const InputError& e) {
    for (const auto& issue : e.issues()) ctx.issues.push_back(issue);
  }
  for (double& q : h.inflow_m3_per_s) q *= scale;
  return h;
}

}  // namespace

std::optional<sim::HydroSetup> read_hydro(const toml::table* table, const RunFrame& frame,
                                          double utc_offset_h, ReadContext& ctx,
                                          std::vector<sim::HydroSetup>* cascade) {
  if (table == nullptr) return std::nullopt;
  TableReader r(*table, "hydro", ctx);
  sim::HydroSetup h = read_hydro_plant(r, "hydro", frame, utc_offset_h, ctx);
  // [[hydro.downstream]]: the cascade below, upstream first. Each plant's
  // inflow is the release of the one above plus its own (local) inflow.
  const std::vector<const toml::table*> below = r.tables("downstream");
  for (std::size_t k = 0; k < below.size(); ++k) {
    TableReader dr(*below[k], fmt::format("hydro.downstream.{}", k), ctx);
    const double delay_h = dr.number("travel_delay_h", 0.0);
    sim::HydroSetup d =
        read_hydro_plant(dr, fmt::format("hydro{}", k + 1), frame, utc_offset_h, ctx);
    d.travel_delay_h = delay_h;
    dr.report(FieldChecker().in_range("travel_delay_h", delay_h, 0.0, 720.0).issues());
    dr.finish();
    if (cascade != nullptr) cascade->push_back(std::move(d));
  }
  r.finish();
  return h;
}

std::optional<gen::GridParams> read_grid(const toml::table* table, const RunFrame& frame,
                                         double utc_offset_h, ReadContext& ctx) {
  if (table == nullptr) return std::nullopt;
  TableReader r(*table, "grid", ctx);
  gen::GridParams g;
  g.import_limit_kw = r.number_or_infinity("import_limit_kw", g.import_limit_kw);
  g.export_limit_kw = r.number_or_infinity("export_limit_kw", g.export_limit_kw);
  check_size(r, size_limits::kGridLimit, g.import_limit_kw);
  check_size(r, size_limits::kGridLimit, g.export_limit_kw, "export_limit_kw");
  g.tou_price_cny_per_kwh =
      money_list(r, "tou_price_per_kwh", "tou_price_cny_per_kwh", g.tou_price_cny_per_kwh);
  g.export_price_cny_per_kwh =
      money(r, "export_price_per_kwh", "export_price_cny_per_kwh", g.export_price_cny_per_kwh);
  const std::vector<const toml::table*> seasons = r.tables("tou_season");
  for (std::size_t k = 0; k < seasons.size(); ++k) {
    TableReader sr(*seasons[k], fmt::format("grid.tou_season.{}", k), ctx);
    gen::GridParams::Season season;
    for (const double m : sr.numbers("months", {})) {
      // Not a whole month number: 0 fails the range check with the value shown.
      season.months.push_back(m == std::floor(m) && std::abs(m) < 100 ? static_cast<int>(m) : 0);
    }
    season.price_cny_per_kwh = money_list(sr, "tou_price_per_kwh", "tou_price_cny_per_kwh", {});
    sr.finish();
    g.tou_seasons.push_back(std::move(season));
  }
  g.demand_charge_cny_per_kw_month =
      money(r, "demand_charge_per_kw_month", "demand_charge_cny_per_kw_month",
            g.demand_charge_cny_per_kw_month);
  g.green_certificate_frac = r.number("green_certificate_frac", g.green_certificate_frac);
  // Read into the cost book (read_cost_book): a price only the accounting uses.
  r.known_elsewhere({"green_certificate_price_per_mwh", "green_certificate_price_cny_per_mwh"});
  skip_cost_keys(r);
  g.carbon_intensity_g_per_kwh =
      r.number("carbon_intensity_g_per_kwh", g.carbon_intensity_g_per_kwh);
  g.carbon_basis = r.text("carbon_basis", g.carbon_basis);
  if (const auto hourly =
          read_hourly(r, "carbon_intensity_file", "carbon_intensity_column",
                      "carbon_intensity_time_column", "carbon_intensity_g_per_kwh", utc_offset_h)) {
    g.carbon_intensity_series_g_per_kwh =
        resource::hourly_to_steps(*hourly, frame.start, frame.years, frame.step, utc_offset_h);
  }
  r.report(g.check());
  r.finish();
  return g;
}

std::optional<load::DatacenterParams> read_datacenter(const toml::table* table, double utc_offset_h,
                                                      ReadContext& ctx) {
  if (table == nullptr) return std::nullopt;
  TableReader r(*table, "datacenter", ctx);
  load::DatacenterParams d;
  d.name = r.text("name", "datacenter");
  d.it_capacity_kw = r.number("it_capacity_kw", d.it_capacity_kw);
  check_size(r, size_limits::kItCapacity, d.it_capacity_kw);
  d.it_load_frac = r.number("it_load_frac", d.it_load_frac);
  d.it_load_profile_frac = r.numbers("it_load_profile_frac", d.it_load_profile_frac);
  if (const auto hourly = read_hourly(r, "it_load_file", "it_load_column", "it_load_time_column",
                                      "it_load_frac", utc_offset_h)) {
    d.it_load_series_frac = hourly->values;
  }
  d.pue_model = r.choice("pue_model",
                         {{"constant", load::PueModel::kConstant},
                          {"temperature", load::PueModel::kTemperature},
                          {"climate", load::PueModel::kClimate}},
                         d.pue_model);
  d.pue = r.number("pue", d.pue);
  d.pue_free_cooling = r.number("pue_free_cooling", d.pue_free_cooling);
  d.pue_mechanical = r.number("pue_mechanical", d.pue_mechanical);
  d.free_cooling_max_temp_c = r.number("free_cooling_max_temp_c", d.free_cooling_max_temp_c);
  d.mechanical_min_temp_c = r.number("mechanical_min_temp_c", d.mechanical_min_temp_c);
  d.fan_overhead_frac = r.number("fan_overhead_frac", d.fan_overhead_frac);
  d.compressor_overhead_frac = r.number("compressor_overhead_frac", d.compressor_overhead_frac);
  d.other_overhead_frac = r.number("other_overhead_frac", d.other_overhead_frac);
  d.ups_efficiency_frac = r.number("ups_efficiency_frac", d.ups_efficiency_frac);
  d.distribution_efficiency_frac =
      r.number("distribution_efficiency_frac", d.distribution_efficiency_frac);
  d.dew_point_max_c = r.number("dew_point_max_c", d.dew_point_max_c);
  d.altitude_fan_correction = r.boolean("altitude_fan_correction", d.altitude_fan_correction);
  r.report(d.check());
  r.finish();
  return d;
}

}  // namespace shapan::io
