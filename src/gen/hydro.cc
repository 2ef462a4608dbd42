#include "shapan/gen/hydro.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <utility>

#include "shapan/core/assert.h"
#include "table_lookup.h"

namespace shapan::gen {
namespace {

using detail::interpolate_clamped;

constexpr double kM3PerHm3 = 1e6;
constexpr double kKwPerWatt = 1e-3;
constexpr double kHm3PerM3 = 1e-6;

void check_increasing(FieldChecker& c, const std::string& field, const std::vector<double>& v) {
  for (std::size_t i = 0; i < v.size(); ++i) {
    c.expect(std::isfinite(v[i]), fmt::format("{}.{}", field, i),
             fmt::format("= {}: must be a finite number", format_number(v[i])));
    if (i > 0) {
      c.expect(!(v[i] <= v[i - 1]), fmt::format("{}.{}", field, i),
               fmt::format("= {}: must be > the previous value ({})", format_number(v[i]),
                           format_number(v[i - 1])));
    }
  }
}

// Electrical power of flow q through head H at efficiency η: ρ·g·q·H·η.
// (One expression for every caller, so that their results agree to the bit.)
double turbine_power_kw(double flow_m3_per_s, double head_m, double efficiency_frac) {
  return kWaterDensityKgPerM3 * kStandardGravityMPerS2 * flow_m3_per_s * head_m * efficiency_frac *
         kKwPerWatt;
}

// Bilinear interpolation on a row-major table, clamped at the edges.
double bilinear_clamped(const std::vector<double>& xs, const std::vector<double>& ys,
                        const std::vector<double>& table, double x, double y) {
  const auto bracket = [](const std::vector<double>& v, double t, std::size_t& i, double& w) {
    if (t <= v.front()) {
      i = 0;
      w = 0.0;
    } else if (t >= v.back()) {
      i = v.size() - 2;
      w = 1.0;
    } else {
      i = static_cast<std::size_t>(std::upper_bound(v.begin(), v.end(), t) - v.begin()) - 1;
      w = (t - v[i]) / (v[i + 1] - v[i]);
    }
  };
  std::size_t i = 0;
  std::size_t j = 0;
  double wx = 0.0;
  double wy = 0.0;
  bracket(xs, x, i, wx);
  bracket(ys, y, j, wy);
  const std::size_t n = ys.size();
  const double a = table[i * n + j] * (1 - wy) + table[i * n + j + 1] * wy;
  const double b = table[(i + 1) * n + j] * (1 - wy) + table[(i + 1) * n + j + 1] * wy;
  return a * (1 - wx) + b * wx;
}

void check_strictly_increasing_sized(FieldChecker& c, const std::string& field,
                                     const std::vector<double>& v, std::size_t min_size) {
  c.expect(v.size() >= min_size, field,
           fmt::format("has {} values: must have at least {}", v.size(), min_size));
  check_increasing(c, field, v);
}

// The parts of HydroParams::check(), in its order (the order of the issues).
// The storage–level table, and the tailwater against the forebay at dead storage.
// True when the table itself is valid.
bool check_level_table(FieldChecker& c, const HydroParams& p) {
  const std::size_t issues_before_table = c.issues().size();
  const std::size_t n = p.level_table_storage_hm3.size();
  const bool sizes_ok = n >= 2 && p.level_table_m.size() == n;
  c.expect(sizes_ok, "level_table_m",
           fmt::format("has {} values and level_table_storage_hm3 has {}: both must have the "
                       "same length, at least 2",
                       p.level_table_m.size(), n));
  check_increasing(c, "level_table_storage_hm3", p.level_table_storage_hm3);
  check_increasing(c, "level_table_m", p.level_table_m);
  const bool table_ok = c.issues().size() == issues_before_table;
  if (table_ok && std::isfinite(p.tailwater_level_m) && std::isfinite(p.storage_min_hm3)) {
    const double dead_level_m =
        interpolate_clamped(p.level_table_storage_hm3, p.level_table_m, p.storage_min_hm3);
    const bool table_tail = p.tailwater_table_m.size() >= 2;
    const double lowest_tail_m = table_tail ? p.tailwater_table_m.front() : p.tailwater_level_m;
    c.expect(!table_tail || !std::isfinite(lowest_tail_m) || lowest_tail_m < dead_level_m,
             "tailwater_table_m",
             fmt::format("starts at {}: must be below the forebay level at dead storage ({} m)",
                         format_number(lowest_tail_m), format_number(dead_level_m)));
    c.expect(table_tail || p.tailwater_level_m < dead_level_m, "tailwater_level_m",
             fmt::format("= {}: must be below the forebay level at dead storage ({} m)",
                         format_number(p.tailwater_level_m), format_number(dead_level_m)));
  }
  return table_ok;
}

// Units, ramp, evaporation, share and line limit.
void check_units_and_limits(FieldChecker& c, const HydroParams& p) {
  c.in_range("unit_count", p.unit_count, 1, 100)
      .at_least("unit_min_flow_m3_per_s", p.unit_min_flow_m3_per_s, 0.0)
      .expect(!(p.unit_count >= 1 && p.max_turbine_flow_m3_per_s >= 0.0 &&
                p.unit_min_flow_m3_per_s > p.max_turbine_flow_m3_per_s / p.unit_count),
              "unit_min_flow_m3_per_s",
              fmt::format("= {}: must be <= one unit's maximum flow (max_turbine_flow_m3_per_s / "
                          "unit_count = {})",
                          format_number(p.unit_min_flow_m3_per_s),
                          format_number(p.max_turbine_flow_m3_per_s / std::max(p.unit_count, 1))))
      .expect(p.ramp_m3_per_s_per_h > 0.0, "ramp_m3_per_s_per_h",
              fmt::format("= {}: must be > 0 (or infinite for no limit)",
                          format_number(p.ramp_m3_per_s_per_h)))
      .at_least("evaporation_mm_per_day", p.evaporation_mm_per_day, 0.0)
      .above("share_frac", p.share_frac, 0.0)
      .at_most("share_frac", p.share_frac, 1.0)
      .expect(p.line_limit_kw >= 0.0, "line_limit_kw",
              fmt::format("= {}: must be >= 0 (or infinite for no limit)",
                          format_number(p.line_limit_kw)));
}

// The optional tailwater table (level by release).
void check_tailwater_table(FieldChecker& c, const HydroParams& p) {
  if (!p.tailwater_table_m.empty() || !p.tailwater_table_release_m3_per_s.empty()) {
    c.expect(p.tailwater_table_m.size() >= 2 &&
                 p.tailwater_table_m.size() == p.tailwater_table_release_m3_per_s.size(),
             "tailwater_table_m",
             fmt::format("has {} values and tailwater_table_release_m3_per_s has {}: both must "
                         "have the same length, at least 2",
                         p.tailwater_table_m.size(), p.tailwater_table_release_m3_per_s.size()));
    check_increasing(c, "tailwater_table_release_m3_per_s", p.tailwater_table_release_m3_per_s);
    if (!p.tailwater_table_release_m3_per_s.empty()) {
      c.at_least("tailwater_table_release_m3_per_s.0", p.tailwater_table_release_m3_per_s[0], 0.0);
    }
    for (std::size_t i = 0; i < p.tailwater_table_m.size(); ++i) {
      c.expect(std::isfinite(p.tailwater_table_m[i]) &&
                   (i == 0 || p.tailwater_table_m[i] >= p.tailwater_table_m[i - 1]),
               fmt::format("tailwater_table_m.{}", i),
               fmt::format("= {}: must be a finite level, >= the previous one",
                           format_number(p.tailwater_table_m[i])));
    }
  }
}

// The optional hill chart (efficiency by head and unit flow).
void check_efficiency_table(FieldChecker& c, const HydroParams& p) {
  if (!p.efficiency_table_frac.empty() || !p.efficiency_table_head_m.empty() ||
      !p.efficiency_table_unit_flow_m3_per_s.empty()) {
    check_strictly_increasing_sized(c, "efficiency_table_head_m", p.efficiency_table_head_m, 2);
    check_strictly_increasing_sized(c, "efficiency_table_unit_flow_m3_per_s",
                                    p.efficiency_table_unit_flow_m3_per_s, 2);
    const std::size_t cells =
        p.efficiency_table_head_m.size() * p.efficiency_table_unit_flow_m3_per_s.size();
    c.expect(p.efficiency_table_frac.size() == cells, "efficiency_table_frac",
             fmt::format("has {} values: must have one per head and flow ({} x {} = {}), row by "
                         "row (one row per head)",
                         p.efficiency_table_frac.size(), p.efficiency_table_head_m.size(),
                         p.efficiency_table_unit_flow_m3_per_s.size(), cells));
    for (std::size_t i = 0; i < p.efficiency_table_frac.size(); ++i) {
      c.above(fmt::format("efficiency_table_frac.{}", i), p.efficiency_table_frac[i], 0.0)
          .at_most(fmt::format("efficiency_table_frac.{}", i), p.efficiency_table_frac[i], 1.0);
    }
  }
}

// The seasonal guide curve: 12 end-of-month levels, within the levels the
// reservoir can hold (checked when the level table is valid).
void check_guide_curve(FieldChecker& c, const HydroParams& p, bool table_ok) {
  if (p.guide_curve_level_m.empty()) return;
  c.expect(p.guide_curve_level_m.size() == 12, "guide_curve_level_m",
           fmt::format("has {} values: must have 12, one per month (January first)",
                       p.guide_curve_level_m.size()));
  double lowest_m = -std::numeric_limits<double>::infinity();
  double highest_m = std::numeric_limits<double>::infinity();
  if (table_ok && std::isfinite(p.storage_min_hm3) && std::isfinite(p.storage_max_hm3)) {
    lowest_m = interpolate_clamped(p.level_table_storage_hm3, p.level_table_m, p.storage_min_hm3);
    highest_m = interpolate_clamped(p.level_table_storage_hm3, p.level_table_m, p.storage_max_hm3);
  }
  for (std::size_t i = 0; i < p.guide_curve_level_m.size(); ++i) {
    const double v = p.guide_curve_level_m[i];
    c.expect(std::isfinite(v) && v >= lowest_m && v <= highest_m,
             fmt::format("guide_curve_level_m.{}", i),
             fmt::format("= {} m: must be between the levels at storage_min_hm3 ({} m) and "
                         "storage_max_hm3 ({} m)",
                         format_number(v), format_number(lowest_m), format_number(highest_m)));
  }
}

// The reservoir's area table, needed for evaporation.
void check_area_table(FieldChecker& c, const HydroParams& p) {
  if (p.evaporation_mm_per_day > 0.0 || !p.area_table_km2.empty()) {
    c.expect(p.area_table_km2.size() == p.level_table_storage_hm3.size(), "area_table_km2",
             fmt::format("has {} values: must have one per level_table_storage_hm3 value ({})",
                         p.area_table_km2.size(), p.level_table_storage_hm3.size()));
    for (std::size_t i = 0; i < p.area_table_km2.size(); ++i) {
      c.at_least(fmt::format("area_table_km2.{}", i), p.area_table_km2[i], 0.0);
    }
  }
}

}  // namespace

double HydroPlant::tailwater_m(Flow release) const {
  if (params_.tailwater_table_m.empty()) return params_.tailwater_level_m;
  return interpolate_clamped(params_.tailwater_table_release_m3_per_s, params_.tailwater_table_m,
                             release.in_m3_per_s());
}

double HydroPlant::efficiency(double head, Flow unit_flow) const {
  if (params_.efficiency_table_frac.empty()) return params_.turbine_efficiency_frac;
  return bilinear_clamped(params_.efficiency_table_head_m,
                          params_.efficiency_table_unit_flow_m3_per_s,
                          params_.efficiency_table_frac, head, unit_flow.in_m3_per_s());
}

const HydroPlant::LimitsMemo& HydroPlant::memo_for(const HydroState& s, Flow inflow,
                                                   Duration dt) const {
  const double inflow_m3_per_s = inflow.in_m3_per_s();
  const std::int64_t dt_s = dt.in_seconds();
  if (!(memo_.valid && memo_.state == s && memo_.inflow_m3_per_s == inflow_m3_per_s &&
        memo_.dt_s == dt_s)) {
    // Assign the key last, so that an exception (or an abort) inside fill_limits()
    // cannot leave a memo that claims limits it does not hold.
    memo_.valid = false;
    fill_limits(s, inflow, dt, memo_.limits);
    memo_.min_kw = std::numeric_limits<double>::quiet_NaN();
    memo_.max_kw = std::numeric_limits<double>::quiet_NaN();
    memo_.state = s;
    memo_.inflow_m3_per_s = inflow_m3_per_s;
    memo_.dt_s = dt_s;
    memo_.valid = true;
  }
  return memo_;
}

void HydroPlant::fill_limits(const HydroState& s, Flow inflow, Duration dt, Limits& l) const {
  SHAPAN_ASSERT(dt.in_seconds() > 0, "hydro step needs dt > 0");
  SHAPAN_ASSERT(std::isfinite(inflow.in_m3_per_s()) && inflow.in_m3_per_s() >= 0.0,
                "hydro inflow must be finite and >= 0");
  const HydroParams& p = params_;
  l.seconds = static_cast<double>(dt.in_seconds());
  l.per_second = 1.0 / l.seconds;
  l.start_level_m = level_of_storage(s.storage_m3);
  l.evap_m3 = 0.0;
  if (p.evaporation_mm_per_day > 0.0) {
    const double area_km2 =
        interpolate_clamped(p.level_table_storage_hm3, p.area_table_km2, s.storage_m3 * kHm3PerM3);
    l.evap_m3 = std::min(p.evaporation_mm_per_day / 1000.0 * area_km2 * 1e6 * l.seconds / 86400.0,
                         std::max(s.storage_m3, 0.0));
  }
  l.storage_m3 = s.storage_m3 - l.evap_m3;
  l.inflow_m3 = inflow.in_m3_per_s() * l.seconds;
  l.available_m3 = std::max(l.storage_m3 - storage_min_m3_, 0.0) + l.inflow_m3;
  l.must_m3 = std::min(p.min_release_m3_per_s * l.seconds, l.available_m3);
  double flow_hi = p.max_turbine_flow_m3_per_s;
  double flow_lo = 0.0;
  if (std::isfinite(p.ramp_m3_per_s_per_h)) {
    const double step_ramp = p.ramp_m3_per_s_per_h * dt.in_hours();
    flow_hi = std::min(flow_hi, s.turbine_flow_m3_per_s + step_ramp);
    flow_lo = std::max(0.0, s.turbine_flow_m3_per_s - step_ramp);
  }
  l.cap_kw = cap_kw_;
  l.hi_m3 = std::min(flow_hi * l.seconds, l.available_m3);
  // Without head the turbine cannot generate; the release then bypasses it.
  // (The head at a zero release, from the level already looked up.)
  if (l.start_level_m - zero_release_tailwater_m_ <= 0.0) l.hi_m3 = 0.0;
  l.kw_per_m3 = -1.0;  // none unless power is linear in flow and there is flow
  if (l.hi_m3 > 0.0) {
    const double hi_kw = plant_kw(l, l.hi_m3);
    // Constant tailwater and efficiency: power is proportional to flow, and
    // this ratio serves every conversion of the step.
    if (linear_power_) l.kw_per_m3 = hi_kw / l.hi_m3;
    if (hi_kw > l.cap_kw) l.hi_m3 = volume_for(l, l.cap_kw, 0.0, l.hi_m3);
  }
  l.lo_m3 = std::min(flow_lo * l.seconds, l.hi_m3);
}

HydroPlant::Release HydroPlant::release_of(const Limits& l, double turbine_m3,
                                           double cap_kw) const {
  const HydroParams& p = params_;
  Release r;
  // The ecological release the turbine does not take leaves through the
  // bottom outlet; what would end above the maximum storage overflows.
  const double bypass_m3 = std::max(l.must_m3 - turbine_m3, 0.0);
  r.next_m3 = l.storage_m3 + l.inflow_m3 - turbine_m3 - bypass_m3;
  double overflow_m3 = 0.0;
  if (r.next_m3 > storage_max_m3_) {
    overflow_m3 = r.next_m3 - storage_max_m3_;
    r.next_m3 = storage_max_m3_;
  }
  r.turbine_m3_per_s = turbine_m3 * l.per_second;
  r.spill_m3_per_s = (bypass_m3 + overflow_m3) * l.per_second;
  r.tailwater_m = tailwater_m(m3_per_s(r.turbine_m3_per_s) + m3_per_s(r.spill_m3_per_s));
  r.head_m = std::max(l.start_level_m - r.tailwater_m, 0.0);
  const double q = r.turbine_m3_per_s;
  if (q > 0.0 && r.head_m > 0.0) {
    // Units: as few as the flow needs, up to as many as their minimum
    // allows; among those, the count with the best efficiency.
    if (p.unit_count == 1) {
      // A single unit: the count below always gives 1, after three divisions.
      r.units_running = 1;
      r.efficiency_frac = efficiency(r.head_m, m3_per_s(q));
    } else {
      choose_units(q, r);
    }
    // The cap only removes rounding at the limit.
    r.plant_kw = std::min(turbine_power_kw(q, r.head_m, r.efficiency_frac), cap_kw);
  }
  return r;
}

void HydroPlant::choose_units(double q, Release& r) const {
  const HydroParams& p = params_;
  const int n = p.unit_count;
  const double unit_max = p.max_turbine_flow_m3_per_s / n;
  int k_lo = std::max(1, static_cast<int>(std::ceil(q / unit_max - 1e-12)));
  k_lo = std::min(k_lo, n);
  int k_hi = p.unit_min_flow_m3_per_s > 0.0
                 ? std::min(n, static_cast<int>(std::floor(q / p.unit_min_flow_m3_per_s + 1e-12)))
                 : n;
  if (p.efficiency_table_frac.empty() || k_hi < k_lo) k_hi = k_lo;
  r.units_running = k_lo;
  r.efficiency_frac = efficiency(r.head_m, m3_per_s(q / k_lo));
  for (int k = k_lo + 1; k <= k_hi; ++k) {
    const double eta = efficiency(r.head_m, m3_per_s(q / k));
    if (eta > r.efficiency_frac) {
      r.efficiency_frac = eta;
      r.units_running = k;
    }
  }
}

HydroStep HydroPlant::evaluate(const Limits& l, double turbine_m3) const {
  const Release r = release_of(l, turbine_m3, l.cap_kw);
  HydroStep out;
  out.turbine_flow = m3_per_s(r.turbine_m3_per_s);
  out.spill_flow = m3_per_s(r.spill_m3_per_s);
  out.evaporation = m3_per_s(l.evap_m3 * l.per_second);
  out.tailwater_m = r.tailwater_m;
  out.head_m = r.head_m;
  out.efficiency_frac = r.efficiency_frac;
  out.units_running = r.units_running;
  out.power = kw(r.plant_kw * params_.share_frac);
  out.next = HydroState{.storage_m3 = r.next_m3, .turbine_flow_m3_per_s = r.turbine_m3_per_s};
  out.level_m = level_of_storage(r.next_m3);
  return out;
}

double HydroPlant::level_of_storage(double storage_m3) const {
  // A step starts from the storage the step before ended at, whose level
  // evaluate() has looked up already.
  if (storage_m3 != level_memo_storage_m3_) {
    level_memo_m_ = level_m(HydroState{.storage_m3 = storage_m3});
    level_memo_storage_m3_ = storage_m3;
  }
  return level_memo_m_;
}

double HydroPlant::linear_plant_kw(const Limits& l, double turbine_m3) const {
  // release_of's power with constant tailwater and efficiency (the head does
  // not depend on the release), in the same order of operations, without
  // the water balance it also works out.
  const double q = turbine_m3 * l.per_second;
  const double head_m = std::max(l.start_level_m - params_.tailwater_level_m, 0.0);
  if (!(q > 0.0 && head_m > 0.0)) return 0.0;
  return turbine_power_kw(q, head_m, params_.turbine_efficiency_frac);
}

double HydroPlant::plant_kw(const Limits& l, double turbine_m3) const {
  // Through the base's share and back, as the step's power is reported, so
  // that limits agree with step() to the last bit.
  const double plant_kw =
      linear_power_ ? linear_plant_kw(l, turbine_m3)
                    : release_of(l, turbine_m3, std::numeric_limits<double>::infinity()).plant_kw;
  // (Exact without a share: skip the two divisions' latency.)
  return params_.share_frac == 1.0 ? plant_kw : plant_kw * params_.share_frac / params_.share_frac;
}

double HydroPlant::volume_for(const Limits& l, double target_kw, double lo_m3, double hi_m3) const {
  if (target_kw <= 0.0 || hi_m3 <= lo_m3) return lo_m3;
  // Constant tailwater and efficiency: power is proportional to flow, at the
  // step's ratio (every step's case, kept free of the general one's frame).
  if (linear_power_ && l.kw_per_m3 >= 0.0) {
    if (l.kw_per_m3 <= 0.0) return lo_m3;
    return std::clamp(target_kw / l.kw_per_m3, lo_m3, hi_m3);
  }
  return volume_by_search(l, target_kw, lo_m3, hi_m3);
}

double HydroPlant::volume_by_search(const Limits& l, double target_kw, double lo_m3,
                                    double hi_m3) const {
  if (linear_power_) {
    // Without the step's ratio yet: the ratio at hi_m3.
    const double kw_per_m3 = plant_kw(l, hi_m3) / hi_m3;
    if (kw_per_m3 <= 0.0) return lo_m3;
    return std::clamp(target_kw / kw_per_m3, lo_m3, hi_m3);
  }
  if (plant_kw(l, hi_m3) <= target_kw) return hi_m3;
  double lo = lo_m3;
  double hi = hi_m3;
  for (int k = 0; k < 60; ++k) {
    const double mid = 0.5 * (lo + hi);
    (plant_kw(l, mid) < target_kw ? lo : hi) = mid;
  }
  return lo;
}

double HydroPlant::runnable(double turbine_m3, double hi_m3, double seconds) const {
  const double q_min = params_.unit_min_flow_m3_per_s;
  if (q_min <= 0.0 || turbine_m3 <= 0.0 || turbine_m3 / seconds >= q_min) return turbine_m3;
  // Below one unit's minimum: run one unit at its minimum when that is the
  // nearer choice and allowed, else stop.
  const double min_m3 = q_min * seconds;
  return (turbine_m3 >= 0.5 * min_m3 && min_m3 <= hi_m3) ? min_m3 : 0.0;
}

std::vector<FieldIssue> HydroParams::check() const {
  FieldChecker c;
  c.at_least("rated_power_kw", rated_power_kw, 0.0)
      .at_least("max_turbine_flow_m3_per_s", max_turbine_flow_m3_per_s, 0.0)
      .at_least("min_release_m3_per_s", min_release_m3_per_s, 0.0)
      .at_least("storage_min_hm3", storage_min_hm3, 0.0)
      .at_least("storage_max_hm3", storage_max_hm3, 0.0)
      .expect(!(storage_min_hm3 > storage_max_hm3), "storage_min_hm3",
              fmt::format("= {}: must be <= storage_max_hm3 ({})", format_number(storage_min_hm3),
                          format_number(storage_max_hm3)))
      .expect(std::isfinite(storage_initial_hm3) && storage_initial_hm3 >= storage_min_hm3 &&
                  storage_initial_hm3 <= storage_max_hm3,
              "storage_initial_hm3",
              fmt::format("= {}: must be between storage_min_hm3 ({}) and storage_max_hm3 ({})",
                          format_number(storage_initial_hm3), format_number(storage_min_hm3),
                          format_number(storage_max_hm3)))
      .above("turbine_efficiency_frac", turbine_efficiency_frac, 0.0)
      .at_most("turbine_efficiency_frac", turbine_efficiency_frac, 1.0)
      .expect(std::isfinite(tailwater_level_m), "tailwater_level_m",
              fmt::format("= {}: must be a finite number", format_number(tailwater_level_m)));
  const bool table_ok = check_level_table(c, *this);
  check_units_and_limits(c, *this);
  check_tailwater_table(c, *this);
  check_efficiency_table(c, *this);
  check_guide_curve(c, *this, table_ok);
  check_area_table(c, *this);
  std::vector<FieldIssue> issues = c.issues();
  return issues;
}

HydroPlant::HydroPlant(HydroParams params) : params_(std::move(params)) {
  require_valid("hydro", params_.check());
  linear_power_ = params_.tailwater_table_m.empty() && params_.efficiency_table_frac.empty();
  storage_min_m3_ = params_.storage_min_hm3 * kM3PerHm3;
  storage_max_m3_ = params_.storage_max_hm3 * kM3PerHm3;
  cap_kw_ = std::min(params_.rated_power_kw, params_.line_limit_kw / params_.share_frac);
  zero_release_tailwater_m_ = tailwater_m(m3_per_s(0.0));
}

HydroState HydroPlant::initial_state() const {
  return HydroState{.storage_m3 = params_.storage_initial_hm3 * kM3PerHm3};
}

double HydroPlant::level_m(const HydroState& s) const {
  return interpolate_clamped(params_.level_table_storage_hm3, params_.level_table_m,
                             s.storage_m3 * kHm3PerM3);
}

double HydroPlant::head_m(const HydroState& s) const {
  return std::max(level_m(s) - zero_release_tailwater_m_, 0.0);
}

Power HydroPlant::power_of(const Limits& l, double turbine_m3) const {
  // As evaluate() computes it when tailwater and efficiency are constant.
  if (l.kw_per_m3 >= 0.0) {
    return kw(std::min(l.kw_per_m3 * turbine_m3, l.cap_kw) * params_.share_frac);
  }
  return kw(release_of(l, turbine_m3, l.cap_kw).plant_kw * params_.share_frac);
}

double HydroPlant::memo_min_kw() const {
  if (std::isnan(memo_.min_kw)) {
    const Limits& l = memo_.limits;
    const double floor_m3 = std::max(std::min(l.must_m3, l.hi_m3), l.lo_m3);
    memo_.min_kw = power_of(l, runnable(floor_m3, l.hi_m3, l.seconds)).in_kw();
  }
  return memo_.min_kw;
}

double HydroPlant::memo_max_kw() const {
  if (std::isnan(memo_.max_kw)) {
    const Limits& l = memo_.limits;
    memo_.max_kw = power_of(l, runnable(l.hi_m3, l.hi_m3, l.seconds)).in_kw();
  }
  return memo_.max_kw;
}

Power HydroPlant::min_power(const HydroState& s, Flow inflow, Duration dt) const {
  memo_for(s, inflow, dt);
  return kw(memo_min_kw());
}

Power HydroPlant::max_power(const HydroState& s, Flow inflow, Duration dt) const {
  memo_for(s, inflow, dt);
  return kw(memo_max_kw());
}

HydroPowerRange HydroPlant::power_range(const HydroState& s, Flow inflow, Duration dt) const {
  memo_for(s, inflow, dt);
  const Power lo = kw(memo_min_kw());
  return HydroPowerRange{.min = lo, .max = kw(memo_max_kw()), .target = lo};
}

HydroPowerRange HydroPlant::power_range(const HydroState& s, Flow inflow, Duration dt,
                                        double target_storage_m3) const {
  HydroPowerRange r = power_range(s, inflow, dt);
  r.target = std::clamp(memo_target_power(target_storage_m3), r.min, std::max(r.min, r.max));
  return r;
}

HydroStep HydroPlant::step(const HydroState& s, Flow inflow, Power requested, Duration dt) const {
  SHAPAN_ASSERT(std::isfinite(requested.in_kw()), "hydro request must be finite");
  const Limits& l = memo_for(s, inflow, dt).limits;
  // Turbine volume: the request, raised to the must-run release (and the
  // ramp-down floor), capped by the turbine; then a flow the units can run.
  double requested_m3 = 0.0;
  if (requested.in_kw() > 0.0) {
    const double plant_request_kw =
        params_.share_frac == 1.0 ? requested.in_kw() : requested.in_kw() / params_.share_frac;
    requested_m3 = volume_for(l, plant_request_kw, 0.0, l.hi_m3);
  }
  const double floor_m3 = std::max(std::min(l.must_m3, l.hi_m3), l.lo_m3);
  const double turbine_m3 =
      runnable(std::clamp(requested_m3, floor_m3, l.hi_m3), l.hi_m3, l.seconds);
  return evaluate(l, turbine_m3);
}

Power HydroPlant::target_power(const HydroState& s, Flow inflow, Duration dt,
                               double target_storage_m3) const {
  memo_for(s, inflow, dt);
  return memo_target_power(target_storage_m3);
}

Power HydroPlant::memo_target_power(double target_storage_m3) const {
  const Limits& l = memo_.limits;
  const double excess_m3 = l.storage_m3 + l.inflow_m3 - target_storage_m3;
  // At or below the target (the common case): the must-run release alone.
  if (!(excess_m3 > 0.0)) return kw(memo_min_kw());
  const double floor_m3 = std::max(std::min(l.must_m3, l.hi_m3), l.lo_m3);
  return power_of(l, runnable(std::clamp(excess_m3, floor_m3, l.hi_m3), l.hi_m3, l.seconds));
}

double HydroPlant::storage_m3_at_level(double level_m) const {
  const double hm3 =
      interpolate_clamped(params_.level_table_m, params_.level_table_storage_hm3, level_m);
  return std::clamp(hm3 * kM3PerHm3, storage_min_m3_, storage_max_m3_);
}

Power HydroPlant::spill_power(const HydroStep& h) const {
  const double q = h.spill_flow.in_m3_per_s();
  if (!(q > 0.0) || !(h.head_m > 0.0)) return kw(0.0);
  const double eta =
      h.efficiency_frac > 0.0
          ? h.efficiency_frac
          : efficiency(h.head_m, m3_per_s(params_.max_turbine_flow_m3_per_s / params_.unit_count));
  return kw(turbine_power_kw(q, h.head_m, eta) * params_.share_frac);
}

}  // namespace shapan::gen
