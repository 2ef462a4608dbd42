#include "shapan/core/field_units.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

namespace shapan {
namespace {

// Suffix (with its leading '_') -> unit symbol; "" marks a name that ends in
// letters which look like a unit but are not one (include/shapan/core/field_units.h).
constexpr std::array<std::pair<std::string_view, std::string_view>, 48> kSuffixUnits{{
    {"_w", "W"},
    {"_kw", "kW"},
    {"_mw", "MW"},
    {"_kwh", "kWh"},
    {"_mwh", "MWh"},
    {"_w_per_m2", "W/m²"},
    {"_w_per_vcpu", "W/vCPU"},
    {"_m", "m"},
    {"_mm", "mm"},
    {"_m2", "m²"},
    {"_km2", "km²"},
    {"_hm3", "hm³"},
    {"_m_per_s", "m/s"},
    {"_m3_per_s", "m³/s"},
    {"_m3_per_s_per_h", "(m³/s)/h"},
    {"_mm_per_day", "mm/d"},
    {"_s", "s"},
    {"_min", "min"},
    {"_minutes", "min"},
    {"_h", "h"},
    {"_deg", "°"},
    {"_c", "°C"},
    {"_per_k", "1/K"},
    {"_percent", "%"},
    {"_percent_per_year", "%/yr"},
    {"_frac_per_day", "1/d"},
    {"_per_s", "1/s"},
    {"_per_sqrt_s", "1/√s"},
    {"_t", "t"},
    {"_g_per_kwh", "g/kWh"},
    {"_j_per_mol", "J/mol"},
    {"_cny_per_kw", "CNY/kW"},
    {"_cny_per_kwh", "CNY/kWh"},
    {"_cny_per_mwh", "CNY/MWh"},
    {"_cny_per_kw_year", "CNY/(kW·yr)"},
    {"_cny_per_kwh_year", "CNY/(kWh·yr)"},
    {"_cny_per_kw_month", "CNY/(kW·month)"},
    {"_per_kw", "per kW"},
    {"_per_kwh", "per kWh"},
    {"_per_mwh", "per MWh"},
    {"_per_kw_year", "per kW·yr"},
    {"_per_kwh_year", "per kWh·yr"},
    {"_per_kw_month", "per kW·month"},
    // Not units: Naumann et al. (2018, 2020) fit coefficients c, d, a, b.
    {"_soc_c", ""},
    {"_soc_d", ""},
    {"_dod_c", ""},
    {"_a_percent_h", ""},
    {"_b_percent", ""},
}};

bool is_index(std::string_view part) {
  return !part.empty() &&
         std::all_of(part.begin(), part.end(), [](char c) { return std::isdigit(c) != 0; });
}

// The field's last dotted part that is not an array index.
std::string_view last_name(std::string_view field) {
  while (!field.empty()) {
    const std::size_t dot = field.rfind('.');
    const std::string_view part = dot == std::string_view::npos ? field : field.substr(dot + 1);
    if (!is_index(part)) return part;
    if (dot == std::string_view::npos) return {};
    field = field.substr(0, dot);
  }
  return {};
}

bool ends_with(std::string_view name, std::string_view suffix) {
  return name.size() > suffix.size() && name.substr(name.size() - suffix.size()) == suffix;
}

}  // namespace

std::string_view unit_of_field(std::string_view field) {
  const std::string_view name = last_name(field);
  std::string_view best_suffix;
  std::string_view unit;
  for (const auto& [suffix, symbol] : kSuffixUnits) {
    if (suffix.size() > best_suffix.size() && ends_with(name, suffix)) {
      best_suffix = suffix;
      unit = symbol;
    }
  }
  return unit;
}

std::string_view unit_separator(std::string_view unit) { return unit == "°" ? "" : " "; }

}  // namespace shapan
