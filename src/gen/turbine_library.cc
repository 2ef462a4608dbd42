// The built-in turbine library: parses the embedded CSV files once.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "shapan/core/assert.h"
#include "shapan/core/csv.h"
#include "shapan/gen/wind.h"
#include "turbine_data.h"

namespace shapan::gen {
namespace {

CsvTable embedded_table(std::string_view name) {
  for (const auto& file : detail::embedded_wind_files()) {
    if (name == file.name) {
      return parse_csv(file.text(), fmt::format("data/wind/{} (embedded)", name));
    }
  }
  SHAPAN_ASSERT(false, "turbine file missing from the embedded set (see src/gen/wind.cmake)");
  return {};
}

std::size_t embedded_column(const CsvTable& table, std::string_view name) {
  SHAPAN_ASSERT(!table.rows.empty(), "embedded turbine file is empty");
  auto column = find_column(table.rows.front(), name);
  SHAPAN_ASSERT(column.has_value(), "embedded turbine file lacks an expected column");
  return *column;
}

struct OedbSpec {
  double nominal_power_kw = 0.0;
  double rotor_diameter_m = 0.0;
  double hub_height_m = 0.0;
};

// "99; 135; 159" -> 99: the first of the maker's hub heights.
double first_hub_height(std::string_view text) {
  auto end = text.find(';');
  auto first = text.substr(0, end);
  while (!first.empty() && first.front() == ' ') first.remove_prefix(1);
  while (!first.empty() && first.back() == ' ') first.remove_suffix(1);
  return parse_double(first).value_or(0.0);
}

std::map<std::string, OedbSpec, std::less<>> read_oedb_specs() {
  const CsvTable table = embedded_table("oedb_turbine_data.csv");
  const std::size_t type_col = embedded_column(table, "turbine_type");
  const std::size_t power_col = embedded_column(table, "nominal_power");
  const std::size_t rotor_col = embedded_column(table, "rotor_diameter");
  const std::size_t hub_col = embedded_column(table, "hub_height");
  std::map<std::string, OedbSpec, std::less<>> specs;
  for (std::size_t i = 1; i < table.rows.size(); ++i) {
    const CsvRow& row = table.rows[i];
    auto cell = [&](std::size_t c) -> std::string_view {
      return c < row.cells.size() ? std::string_view(row.cells[c]) : std::string_view();
    };
    specs[std::string(cell(type_col))] =
        OedbSpec{.nominal_power_kw = parse_double(cell(power_col)).value_or(0.0) / 1000.0,
                 .rotor_diameter_m = parse_double(cell(rotor_col)).value_or(0.0),
                 .hub_height_m = first_hub_height(cell(hub_col))};
  }
  return specs;
}

// A wide table (turbine_type, then one column per wind speed). Empty cells
// mean "no value at this speed" and are skipped. Values are multiplied by
// `scale` (W -> kW for power curves, 1 for Cp).
std::map<std::string, std::pair<std::vector<double>, std::vector<double>>, std::less<>>
read_wide_curves(std::string_view file, double scale) {
  const CsvTable table = embedded_table(file);
  const CsvRow& header = table.rows.front();
  std::vector<double> speeds;
  for (std::size_t c = 1; c < header.cells.size(); ++c) {
    auto speed = parse_double(header.cells[c]);
    SHAPAN_ASSERT(speed.has_value(), "wide curve header holds a non-numeric wind speed");
    speeds.push_back(*speed);
  }
  std::map<std::string, std::pair<std::vector<double>, std::vector<double>>, std::less<>> curves;
  for (std::size_t i = 1; i < table.rows.size(); ++i) {
    const CsvRow& row = table.rows[i];
    auto& [v, p] = curves[row.cells.front()];
    for (std::size_t c = 1; c < row.cells.size() && c <= speeds.size(); ++c) {
      auto value = parse_double(row.cells[c]);
      if (!value) continue;
      v.push_back(speeds[c - 1]);
      p.push_back(*value * scale);
    }
  }
  return curves;
}

// One NREL turbine-models file (Wind Speed [m/s], Power [kW], Cp [-]).
// Negative power or Cp (measured DOE/GE curve below cut-in) is clamped to 0.
Turbine read_nrel(std::string_view file, std::string name, double rated_kw, double rotor_m,
                  double hub_m) {
  const CsvTable table = embedded_table(file);
  const std::size_t v_col = embedded_column(table, "Wind Speed [m/s]");
  const std::size_t p_col = embedded_column(table, "Power [kW]");
  const std::size_t cp_col = embedded_column(table, "Cp [-]");
  Turbine t{.name = std::move(name),
            .rated_power_kw = rated_kw,
            .rotor_diameter_m = rotor_m,
            .hub_height_m = hub_m};
  for (std::size_t i = 1; i < table.rows.size(); ++i) {
    const CsvRow& row = table.rows[i];
    const double v = cell_double(table, row, v_col, "wind speed");
    t.curve.wind_speed_m_per_s.push_back(v);
    t.curve.power_kw.push_back(std::max(0.0, cell_double(table, row, p_col, "power")));
    t.cp_wind_speed_m_per_s.push_back(v);
    t.cp.push_back(std::max(0.0, cell_double(table, row, cp_col, "cp")));
  }
  return t;
}

std::vector<Turbine> build_library() {
  const auto specs = read_oedb_specs();
  const auto power_curves = read_wide_curves("oedb_power_curves.csv", 1.0 / 1000.0);
  const auto cp_curves = read_wide_curves("oedb_power_coefficient_curves.csv", 1.0);
  std::vector<Turbine> library;
  for (const auto& [type, curve] : power_curves) {
    Turbine t{.name = type};
    t.curve.wind_speed_m_per_s = curve.first;
    t.curve.power_kw = curve.second;
    if (auto spec = specs.find(type); spec != specs.end()) {
      t.rated_power_kw = spec->second.nominal_power_kw;
      t.rotor_diameter_m = spec->second.rotor_diameter_m;
      t.hub_height_m = spec->second.hub_height_m;
    }
    if (t.rated_power_kw <= 0.0) {
      t.rated_power_kw = *std::max_element(curve.second.begin(), curve.second.end());
    }
    if (auto cp = cp_curves.find(type); cp != cp_curves.end()) {
      t.cp_wind_speed_m_per_s = cp->second.first;
      t.cp = cp->second.second;
    }
    library.push_back(std::move(t));
  }
  // Specifications from NREL/turbine-models' yaml files (data/wind/PROVENANCE.md).
  library.push_back(read_nrel("nrel_2020ATB_NREL_Reference_5.5MW_175.csv", "NREL-2020ATB-5.5MW-175",
                              5500.0, 175.0, 120.0));
  library.push_back(
      read_nrel("nrel_IEA_Reference_3.4MW_130.csv", "IEA-3.4MW-130", 3370.0, 130.0, 110.0));
  library.push_back(read_nrel("nrel_2019COE_Market_Average_2.6MW_121.csv", "NREL-2019COE-2.6MW-121",
                              2550.0, 121.2, 90.1));
  library.push_back(read_nrel("nrel_DOE_GE_1.5MW_77.csv", "DOE-GE-1.5MW-77", 1500.0, 77.0, 80.0));
  std::sort(library.begin(), library.end(),
            [](const Turbine& a, const Turbine& b) { return a.name < b.name; });
  return library;
}

}  // namespace

const std::vector<Turbine>& turbine_library() {
  static const std::vector<Turbine> kLibrary = build_library();
  return kLibrary;
}

std::optional<Turbine> find_turbine(std::string_view name) {
  const auto& library = turbine_library();
  auto it = std::lower_bound(library.begin(), library.end(), name,
                             [](const Turbine& t, std::string_view n) { return t.name < n; });
  if (it == library.end() || it->name != name) return std::nullopt;
  return *it;
}

}  // namespace shapan::gen
