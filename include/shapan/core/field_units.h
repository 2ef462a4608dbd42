// The unit of a scenario key or parameter field, read from its name's suffix
// (STYLE.md section 4: "the name carries the unit"), for error messages:
//   pv.0.dc_capacity_kw = -5000 kW: must be > 0
// InputIssue::to_string (shapan/core/error.h) writes it after the value.
//
// The mapping, on the field's last name (array indices such as ".2" are
// skipped: "guide_curve_level_m.10" is read as "guide_curve_level_m"); the
// longest matching suffix wins:
//   energy and power   _w W, _kw kW, _mw MW, _kwh kWh, _mwh MWh, _w_per_m2 W/m²,
//                      _w_per_vcpu W/vCPU
//   length, area,      _m m, _mm mm, _m2 m², _km2 km², _hm3 hm³, _m_per_s m/s,
//   volume, flow       _m3_per_s m³/s, _m3_per_s_per_h (m³/s)/h, _mm_per_day mm/d
//   time               _s s, _min min, _minutes min, _h h
//   angle, temperature _deg °, _c °C, _per_k 1/K
//   ratios             _percent %, _percent_per_year %/yr, _frac_per_day 1/d, _per_s 1/s,
//                      _per_sqrt_s 1/√s
//   mass, chemistry    _t t, _g_per_kwh g/kWh, _j_per_mol J/mol
//   prices             _cny_per_kw CNY/kW, _cny_per_kwh CNY/kWh, _cny_per_mwh CNY/MWh,
//                      _cny_per_kw_year CNY/(kW·yr), _cny_per_kwh_year CNY/(kWh·yr),
//                      _cny_per_kw_month CNY/(kW·month); without a currency (the
//                      scenario's finance.currency): _per_kw per kW, _per_kwh per kWh,
//                      _per_mwh per MWh, _per_kw_year per kW·yr, _per_kwh_year per kWh·yr,
//                      _per_kw_month per kW·month
// No unit (an empty result):
//   - _frac: a fraction is a pure number, and the key already says it is one;
//   - names whose last letters are not a unit: the Naumann fit coefficients
//     (_soc_c, _soc_d, _dod_c, _dod_d, _a_percent_h, _b_percent), a Weibull
//     shape _k, calendar years (_year: inflow_year), day numbers
//     (window_start_day), counts;
//   - anything not listed above.
#pragma once

#include <string_view>

namespace shapan {

// The unit symbol for `field` (a dotted key such as "pv.0.tilt_deg" or a bare
// name), or "" when its name carries none. Plane angles print without a space
// ("95°"), every other unit after one ("-5000 kW"): see unit_separator().
std::string_view unit_of_field(std::string_view field);

// "" for units written against the number (°), " " for the rest (SI).
std::string_view unit_separator(std::string_view unit);

}  // namespace shapan
