// [[pv]], [[wind]] and [[battery]] sections.
#include <fmt/format.h>

#include "sections.h"
#include "shapan/core/csv.h"
#include "shapan/gen/power_curve.h"
#include "size_limits.h"

namespace shapan::io {

double money(TableReader& r, std::string_view plain, std::string_view cny, double fallback) {
  if (r.has(plain) && r.has(cny)) {
    r.add_issue(plain, fmt::format("give {} or {}, not both (the same figure, in the scenario's "
                                   "[finance] currency)",
                                   plain, cny));
  }
  return r.number(plain, r.number(cny, fallback));
}

std::vector<double> money_list(TableReader& r, std::string_view plain, std::string_view cny,
                               std::vector<double> fallback) {
  if (r.has(plain) && r.has(cny)) {
    r.add_issue(plain, fmt::format("give {} or {}, not both (the same figures, in the scenario's "
                                   "[finance] currency)",
                                   plain, cny));
  }
  return r.numbers(plain, r.numbers(cny, std::move(fallback)));
}

std::vector<double> read_availability(TableReader& r) {
  const auto path = r.file("availability_file");
  const std::string column = r.text("availability_column", "");
  if (!path) return {};
  if (column.empty()) {
    r.add_issue("availability_column",
                "missing: name the column of availability_file that holds the output per kW");
    return {};
  }
  std::vector<double> out;
  try {
    const CsvTable table = read_csv(*path, ',', *r.context().files);
    const std::size_t c = require_column(table, column);
    out.reserve(table.rows.size());
    for (std::size_t i = 1; i < table.rows.size(); ++i) {
      const double v = cell_double(table, table.rows[i], c, column);
      if (!(v >= 0.0 && v <= 2.0)) {
        throw_input_error(table.source, table.rows[i].line, static_cast<int>(c) + 1, column,
                          fmt::format("= {}: output per kW of capacity must be between 0 and 2",
                                      format_number(v)));
      }
      out.push_back(v);
    }
  } catch (const InputError& e) {
    for (const auto& issue : e.issues()) r.context().issues.push_back(issue);
    return {};
  }
  if (out.empty()) r.add_issue("availability_file", "has no data rows");
  return out;
}

gen::PvParams read_pv(TableReader& r, std::size_t index) {
  using gen::ArrayType;
  gen::PvParams p;
  p.name = r.text("name", fmt::format("pv{}", index));
  p.availability_per_kw = read_availability(r);
  p.dc_capacity_kw = r.number("dc_capacity_kw", p.dc_capacity_kw);
  check_size(r, size_limits::kPvDcCapacity, p.dc_capacity_kw);
  p.dc_ac_ratio = r.number("dc_ac_ratio", p.dc_ac_ratio);
  p.tilt_deg = r.number("tilt_deg", p.tilt_deg);
  p.azimuth_deg = r.number("azimuth_deg", p.azimuth_deg);
  p.array_type = r.choice("array_type",
                          {{"fixed_open_rack", ArrayType::kFixedOpenRack},
                           {"fixed_roof_mount", ArrayType::kFixedRoofMount},
                           {"single_axis", ArrayType::kSingleAxis},
                           {"single_axis_backtracking", ArrayType::kSingleAxisBacktracking},
                           {"two_axis", ArrayType::kTwoAxis}},
                          p.array_type);
  p.module_type = r.choice("module_type",
                           {{"standard", gen::ModuleType::kStandard},
                            {"premium", gen::ModuleType::kPremium},
                            {"thin_film", gen::ModuleType::kThinFilm}},
                           p.module_type);
  p.losses_percent = r.number("losses_percent", p.losses_percent);
  p.inverter_efficiency_percent =
      r.number("inverter_efficiency_percent", p.inverter_efficiency_percent);
  p.gcr = r.number("gcr", p.gcr);
  p.max_rotation_deg = r.number("max_rotation_deg", p.max_rotation_deg);
  p.albedo = r.number("albedo", p.albedo);
  p.transposition = r.choice("transposition",
                             {{"isotropic", gen::TranspositionModel::kIsotropic},
                              {"hay_davies", gen::TranspositionModel::kHayDavies},
                              {"perez", gen::TranspositionModel::kPerez}},
                             p.transposition);
  p.cell_temperature = r.choice("cell_temperature",
                                {{"fuentes", gen::CellTemperatureModel::kFuentes},
                                 {"sapm", gen::CellTemperatureModel::kSapm},
                                 {"pvsyst", gen::CellTemperatureModel::kPvsyst},
                                 {"faiman", gen::CellTemperatureModel::kFaiman}},
                                p.cell_temperature);
  p.decomposition = r.choice("decomposition",
                             {{"none", gen::DecompositionModel::kNone},
                              {"erbs", gen::DecompositionModel::kErbs},
                              {"disc", gen::DecompositionModel::kDisc},
                              {"dirint", gen::DecompositionModel::kDirint}},
                             p.decomposition);
  p.irradiance = r.choice(
      "irradiance",
      {{"file", gen::IrradianceSource::kFile}, {"clear_sky", gen::IrradianceSource::kClearSky}},
      p.irradiance);
  p.linke_turbidity.constant = r.number("linke_turbidity", p.linke_turbidity.constant);
  p.linke_turbidity.monthly = r.numbers("linke_turbidity_monthly", {});
  p.iam = r.choice(
      "iam", {{"physical", gen::IamModel::kPhysical}, {"ashrae", gen::IamModel::kAshrae}}, p.iam);
  p.iam_ashrae_b0 = r.number("iam_ashrae_b0", p.iam_ashrae_b0);
  p.sun_timing = r.choice("sun_timing",
                          {{"midpoint", gen::SunTiming::kMidpoint},
                           {"sunlit_midpoint", gen::SunTiming::kSunlitMidpoint}},
                          p.sun_timing);
  p.degradation_percent_per_year =
      r.number("degradation_percent_per_year", p.degradation_percent_per_year);
  skip_cost_keys(r);
  r.report(p.check());
  return p;
}

namespace {

// The turbine: by library name, from a CSV file, or an inline curve.
// Returns nullopt (with an issue added) when none could be had.
std::optional<gen::Turbine> read_turbine(TableReader& r) {
  gen::Turbine t;
  const bool inline_curve = r.has("power_curve_kw") || r.has("power_curve_wind_speed_m_per_s");
  const std::string name = r.text("turbine", "");
  const auto file = r.file("turbine_file");
  const int given = (name.empty() ? 0 : 1) + (file ? 1 : 0) + (inline_curve ? 1 : 0);
  if (given > 1) {
    r.add_issue("turbine", "give one of turbine, turbine_file or an inline power_curve_kw");
  }
  if (!name.empty()) {
    if (const auto found = gen::find_turbine(name)) {
      t = *found;
    } else {
      std::vector<std::string> names;
      for (const auto& known : gen::turbine_library()) names.push_back(known.name);
      std::string message = fmt::format("\"{}\" is not in the turbine library", name);
      if (const auto guess = closest_match(name, names)) {
        message += fmt::format(" (did you mean \"{}\"?)", *guess);
      }
      r.add_issue("turbine", message + "; see docs/models/wind.md for the list");
      return std::nullopt;
    }
  } else if (file) {
    try {
      t.curve = gen::read_power_curve_csv(*file, *r.context().files);
      t.name = file->stem().string();
    } catch (const InputError& e) {
      for (const auto& issue : e.issues()) r.context().issues.push_back(issue);
      return std::nullopt;
    }
  } else if (inline_curve) {
    t.name = "custom";
    t.curve.wind_speed_m_per_s = r.numbers("power_curve_wind_speed_m_per_s", {});
    t.curve.power_kw = r.numbers("power_curve_kw", {});
  } else {
    r.add_issue("turbine",
                "missing: give turbine = \"<library name>\", turbine_file, or "
                "power_curve_wind_speed_m_per_s with power_curve_kw");
    return std::nullopt;
  }
  if (file || inline_curve) {
    double peak_kw = 0.0;
    for (const double p : t.curve.power_kw) peak_kw = std::max(peak_kw, p);
    t.rated_power_kw = r.number("rated_power_kw", peak_kw);
    t.rotor_diameter_m = r.number("rotor_diameter_m", 0.0);
  }
  return t;
}

}  // namespace

gen::WindParams read_wind(TableReader& r, std::size_t index) {
  gen::WindParams p;
  p.name = r.text("name", fmt::format("wind{}", index));
  if (r.has("availability_file")) {
    // A per-unit series instead of turbines and winds: only the farm's
    // rating and costs matter (gen::WindParams::availability_per_kw).
    p.availability_per_kw = read_availability(r);
    p.turbine.name = "availability_file";
    p.turbine.rated_power_kw = r.number("capacity_kw", 0.0);
    check_size(r, size_limits::kWindCapacity, p.turbine.rated_power_kw);
    p.count = 1;
    skip_cost_keys(r);
    if (!p.availability_per_kw.empty()) {
      std::vector<FieldIssue> issues = p.check();
      for (FieldIssue& issue : issues) {
        if (issue.field == "capacity_kw") issue.message += " (the farm's rated power, kW)";
      }
      r.report(issues);
    }
    return p;
  }
  const std::optional<gen::Turbine> turbine = read_turbine(r);
  if (turbine) p.turbine = *turbine;
  p.count = r.integer("count", p.count);
  check_size(r, size_limits::kWindCount, p.count);
  if (r.has("rated_power_kw")) {
    check_size(r, size_limits::kWindTurbinePower, p.turbine.rated_power_kw);
  }
  p.hub_height_m = r.number("hub_height_m", p.hub_height_m);
  p.wind_profile = r.choice("wind_profile",
                            {{"log", gen::WindProfile::kLog},
                             {"hellman", gen::WindProfile::kHellman},
                             {"interpolate", gen::WindProfile::kInterpolate},
                             {"interpolate_log_height", gen::WindProfile::kInterpolateLogHeight}},
                            p.wind_profile);
  p.roughness_length_m = r.number("roughness_length_m", p.roughness_length_m);
  p.obstacle_height_m = r.number("obstacle_height_m", p.obstacle_height_m);
  p.hellman_exponent = r.number("hellman_exponent", p.hellman_exponent);
  p.wake_model = r.choice("wake_model",
                          {{"constant", gen::WakeModel::kConstant},
                           {"dena_mean", gen::WakeModel::kDenaMean},
                           {"knorr_mean", gen::WakeModel::kKnorrMean},
                           {"power_efficiency_curve", gen::WakeModel::kPowerEfficiencyCurve}},
                          p.wake_model);
  p.wake_loss_percent = r.number("wake_loss_percent", p.wake_loss_percent);
  p.wake_efficiency_curve.wind_speed_m_per_s = r.numbers("wake_efficiency_wind_speed_m_per_s", {});
  p.wake_efficiency_curve.efficiency_frac = r.numbers("wake_efficiency_frac", {});
  p.availability_percent = r.number("availability_percent", p.availability_percent);
  p.electrical_loss_percent = r.number("electrical_loss_percent", p.electrical_loss_percent);
  p.density_correction = r.boolean("density_correction", p.density_correction);
  p.density_model = r.choice("density_model",
                             {{"ideal_gas", gen::AirDensityModel::kIdealGas},
                              {"barometric", gen::AirDensityModel::kBarometric}},
                             p.density_model);
  p.power_model = r.choice("power_model",
                           {{"power_curve", gen::WindPowerModel::kPowerCurve},
                            {"power_coefficient", gen::WindPowerModel::kPowerCoefficient}},
                           p.power_model);
  p.temp_air_height_m = r.number("temp_air_height_m", p.temp_air_height_m);
  p.pressure_height_m = r.number("pressure_height_m", p.pressure_height_m);
  p.smoothing = r.boolean("smoothing", p.smoothing);
  p.smoothing_sigma_base_m_per_s =
      r.number("smoothing_sigma_base_m_per_s", p.smoothing_sigma_base_m_per_s);
  p.smoothing_sigma_frac = r.number("smoothing_sigma_frac", p.smoothing_sigma_frac);
  p.cut_out_hysteresis = r.boolean("cut_out_hysteresis", p.cut_out_hysteresis);
  p.cut_out_m_per_s = r.number("cut_out_m_per_s", p.cut_out_m_per_s);
  p.restart_m_per_s = r.number("restart_m_per_s", p.restart_m_per_s);
  skip_cost_keys(r);
  std::vector<FieldIssue> issues = p.check();
  if (!turbine) {
    // The turbine problem is already reported; what follows from it is noise.
    std::erase_if(issues, [&](const FieldIssue& issue) {
      return issue.field.rfind("turbine", 0) == 0 ||
             (issue.field == "hub_height_m" && p.hub_height_m == 0.0);
    });
  }
  r.report(issues);
  return p;
}

namespace {

// The battery's sizes against their physical bounds (size_limits.h).
void check_battery_sizes(TableReader& r, const gen::BatteryParams& p) {
  check_size(r, size_limits::kBatteryEnergy, p.energy_kwh);
  check_size(r, size_limits::kBatteryPower, p.max_charge_kw);
  check_size(r, size_limits::kBatteryPower, p.max_discharge_kw, "max_discharge_kw");
  check_size(r, size_limits::kBatteryPower, p.aux_load_kw, "aux_load_kw");
}

}  // namespace

gen::BatteryParams read_battery(TableReader& r, std::size_t index) {
  gen::BatteryParams p;
  p.name = r.text("name", fmt::format("battery{}", index));
  p.energy_kwh = r.number("energy_kwh", p.energy_kwh);
  p.max_charge_kw = r.number("max_charge_kw", p.max_charge_kw);
  p.max_discharge_kw = r.number("max_discharge_kw", p.max_discharge_kw);
  p.soc_min_frac = r.number("soc_min_frac", p.soc_min_frac);
  p.soc_max_frac = r.number("soc_max_frac", p.soc_max_frac);
  p.soc_initial_frac = r.number("soc_initial_frac", p.soc_initial_frac);
  p.charge_efficiency_frac = r.number("charge_efficiency_frac", p.charge_efficiency_frac);
  p.discharge_efficiency_frac = r.number("discharge_efficiency_frac", p.discharge_efficiency_frac);
  p.self_discharge_frac_per_day =
      r.number("self_discharge_frac_per_day", p.self_discharge_frac_per_day);
  p.charge_curve_power_frac = r.numbers("charge_curve_power_frac", {});
  p.charge_curve_efficiency_frac = r.numbers("charge_curve_efficiency_frac", {});
  p.discharge_curve_power_frac = r.numbers("discharge_curve_power_frac", {});
  p.discharge_curve_efficiency_frac = r.numbers("discharge_curve_efficiency_frac", {});
  p.aux_load_kw = r.number("aux_load_kw", p.aux_load_kw);
  check_battery_sizes(r, p);
  p.chemistry = r.text("chemistry", p.chemistry);
  // Ageing: degradation_model = "xu2018" (Xu et al. 2018, LMO/graphite) or
  // "naumann_lfp" (Naumann et al. 2018/2020, LiFePO4/graphite) switches on a
  // model with its published parameters; each can be overridden.
  enum class Ageing { kNone, kXu2018, kNaumannLfp };
  const Ageing ageing = r.choice(
      "degradation_model",
      {{"none", Ageing::kNone}, {"xu2018", Ageing::kXu2018}, {"naumann_lfp", Ageing::kNaumannLfp}},
      Ageing::kNone);
  gen::DegradationParams& d = p.degradation;
  if (ageing == Ageing::kXu2018) d = gen::xu2018_preset();
  if (ageing == Ageing::kNaumannLfp) d = gen::naumann_lfp_preset();
  d.k_delta1 = r.number("degradation_k_delta1", d.k_delta1);
  d.k_delta2 = r.number("degradation_k_delta2", d.k_delta2);
  d.k_delta3 = r.number("degradation_k_delta3", d.k_delta3);
  d.k_sigma = r.number("degradation_k_sigma", d.k_sigma);
  d.sigma_ref = r.number("degradation_sigma_ref", d.sigma_ref);
  d.k_temp_per_k = r.number("degradation_k_temp_per_k", d.k_temp_per_k);
  d.temp_ref_c = r.number("degradation_temp_ref_c", d.temp_ref_c);
  d.k_time_per_s = r.number("degradation_k_time_per_s", d.k_time_per_s);
  d.alpha_sei = r.number("degradation_alpha_sei", d.alpha_sei);
  d.beta_sei = r.number("degradation_beta_sei", d.beta_sei);
  d.cycle_scale = r.number("degradation_cycle_scale", d.cycle_scale);
  d.calendar_scale = r.number("degradation_calendar_scale", d.calendar_scale);
  gen::NaumannLfpParams& n = d.naumann;
  n.cal_k_ref_per_sqrt_s =
      r.number("degradation_naumann_cal_k_ref_per_sqrt_s", n.cal_k_ref_per_sqrt_s);
  n.cal_activation_j_per_mol =
      r.number("degradation_naumann_cal_activation_j_per_mol", n.cal_activation_j_per_mol);
  n.cal_soc_c = r.number("degradation_naumann_cal_soc_c", n.cal_soc_c);
  n.cal_soc_d = r.number("degradation_naumann_cal_soc_d", n.cal_soc_d);
  n.cyc_crate_a_percent_h =
      r.number("degradation_naumann_cyc_crate_a_percent_h", n.cyc_crate_a_percent_h);
  n.cyc_crate_b_percent =
      r.number("degradation_naumann_cyc_crate_b_percent", n.cyc_crate_b_percent);
  n.cyc_dod_c = r.number("degradation_naumann_cyc_dod_c", n.cyc_dod_c);
  n.cyc_dod_d = r.number("degradation_naumann_cyc_dod_d", n.cyc_dod_d);
  p.cell_temp_c = r.number("cell_temp_c", p.cell_temp_c);
  p.cell_temp_follows_ambient = r.boolean("cell_temp_follows_ambient", p.cell_temp_follows_ambient);
  p.cell_temp_offset_c = r.number("cell_temp_offset_c", p.cell_temp_offset_c);
  p.end_of_life_capacity_frac = r.number("end_of_life_capacity_frac", p.end_of_life_capacity_frac);
  // replace_at_end_of_life (a boolean, the older key) is kept: true is
  // "replace", false is "none". Giving both keys is ambiguous.
  if (r.has("replace_at_end_of_life")) {
    const bool replace = r.boolean("replace_at_end_of_life", true);
    p.end_of_life_action = replace ? gen::EndOfLifeAction::kReplace : gen::EndOfLifeAction::kNone;
    if (r.has("end_of_life_action")) {
      r.add_issue("end_of_life_action",
                  "give end_of_life_action or replace_at_end_of_life, not both "
                  "(replace_at_end_of_life = true is \"replace\", false is \"none\")");
    }
  }
  p.end_of_life_action = r.choice("end_of_life_action",
                                  {{"replace", gen::EndOfLifeAction::kReplace},
                                   {"augment", gen::EndOfLifeAction::kAugment},
                                   {"none", gen::EndOfLifeAction::kNone}},
                                  p.end_of_life_action);
  skip_cost_keys(r);
  r.report(p.check());
  return p;
}

gen::PumpedStorageParams read_pumped_storage(TableReader& r, std::size_t index) {
  gen::PumpedStorageParams p;
  p.name = r.text("name", fmt::format("pumped_storage{}", index));
  p.turbine_max_kw = r.number("turbine_max_kw", p.turbine_max_kw);
  p.pump_max_kw = r.number("pump_max_kw", p.pump_max_kw);
  p.turbine_efficiency_frac = r.number("turbine_efficiency_frac", p.turbine_efficiency_frac);
  p.pump_efficiency_frac = r.number("pump_efficiency_frac", p.pump_efficiency_frac);
  p.head_m = r.number("head_m", p.head_m);
  p.upper_min_hm3 = r.number("upper_min_hm3", p.upper_min_hm3);
  p.upper_max_hm3 = r.number("upper_max_hm3", p.upper_max_hm3);
  p.upper_initial_hm3 = r.number("upper_initial_hm3", p.upper_initial_hm3);
  p.lower_min_hm3 = r.number("lower_min_hm3", p.lower_min_hm3);
  p.lower_max_hm3 = r.number("lower_max_hm3", p.lower_max_hm3);
  p.lower_initial_hm3 = r.number("lower_initial_hm3", p.lower_initial_hm3);
  check_size(r, size_limits::kPumpedPower, p.turbine_max_kw);
  check_size(r, size_limits::kPumpedPower, p.pump_max_kw, "pump_max_kw");
  for (const auto& [key, value] : {std::pair{"upper_min_hm3", p.upper_min_hm3},
                                   {"upper_max_hm3", p.upper_max_hm3},
                                   {"upper_initial_hm3", p.upper_initial_hm3},
                                   {"lower_min_hm3", p.lower_min_hm3},
                                   {"lower_max_hm3", p.lower_max_hm3},
                                   {"lower_initial_hm3", p.lower_initial_hm3}}) {
    check_size(r, size_limits::kReservoirVolume, value, key);
  }
  // Optional level tables: the head then follows the volumes (upper level −
  // lower level) and head_m has no use, so giving it as well is an error.
  p.upper_level_table_hm3 = r.numbers("upper_level_table_hm3", {});
  p.upper_level_table_m = r.numbers("upper_level_table_m", {});
  p.lower_level_table_hm3 = r.numbers("lower_level_table_hm3", {});
  p.lower_level_table_m = r.numbers("lower_level_table_m", {});
  if (r.has("head_m") && (r.has("upper_level_table_hm3") || r.has("lower_level_table_hm3"))) {
    r.add_issue("head_m",
                "not used with level tables (the head is upper level − lower level at the "
                "current volumes): give head_m or the level tables, not both");
  }
  skip_cost_keys(r);
  r.report(p.check());
  return p;
}

}  // namespace shapan::io
