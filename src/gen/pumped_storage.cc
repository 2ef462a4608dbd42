#include "shapan/gen/pumped_storage.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <utility>

#include "shapan/core/assert.h"
#include "shapan/gen/hydro.h"
#include "table_lookup.h"

namespace shapan::gen {
namespace {

using detail::interpolate_clamped;

constexpr double kM3PerHm3 = 1e6;
constexpr double kJoulesPerKwh = 3.6e6;

void check_reservoir(FieldChecker& c, const std::string& which, double lo, double hi,
                     double initial) {
  c.at_least(which + "_min_hm3", lo, 0.0)
      .expect(!(hi <= lo), which + "_max_hm3",
              fmt::format("= {}: must be > {}_min_hm3 ({})", format_number(hi), which,
                          format_number(lo)))
      .expect(
          std::isfinite(initial) && initial >= lo && initial <= hi, which + "_initial_hm3",
          fmt::format("= {}: must be between {}_min_hm3 ({}) and {}_max_hm3 ({})",
                      format_number(initial), which, format_number(lo), which, format_number(hi)));
}

// kWh held by one m³ per metre of head: ρ·g / 3.6e6.
constexpr double kKwhPerM3PerM = kWaterDensityKgPerM3 * kStandardGravityMPerS2 / kJoulesPerKwh;

// One reservoir's level table: same length >= 2, volumes finite and strictly
// increasing and spanning [lo, hi], levels finite and non-decreasing (a lake
// whose level hardly moves may be given flat). Returns whether it is usable.
bool check_level_table(FieldChecker& c, const std::string& which, const std::vector<double>& hm3,
                       const std::vector<double>& m, double lo, double hi) {
  const std::string vf = which + "_level_table_hm3";
  const std::string lf = which + "_level_table_m";
  const std::size_t before = c.issues().size();
  c.expect(hm3.size() >= 2 && m.size() == hm3.size(), lf,
           fmt::format("has {} values and {} has {}: both must have the same length, at least 2",
                       m.size(), vf, hm3.size()));
  for (std::size_t i = 0; i < hm3.size(); ++i) {
    c.expect(std::isfinite(hm3[i]), fmt::format("{}.{}", vf, i),
             fmt::format("= {}: must be a finite number", format_number(hm3[i])));
    if (i > 0 && !(hm3[i] > hm3[i - 1])) {
      c.expect(false, fmt::format("{}.{}", vf, i),
               fmt::format("= {}: must be > the previous value ({})", format_number(hm3[i]),
                           format_number(hm3[i - 1])));
    }
  }
  for (std::size_t i = 0; i < m.size(); ++i) {
    c.expect(std::isfinite(m[i]), fmt::format("{}.{}", lf, i),
             fmt::format("= {}: must be a finite number", format_number(m[i])));
    if (i > 0 && m[i] < m[i - 1]) {
      c.expect(false, fmt::format("{}.{}", lf, i),
               fmt::format("= {}: must be >= the previous value ({}): the level cannot fall as "
                           "the reservoir fills",
                           format_number(m[i]), format_number(m[i - 1])));
    }
  }
  if (c.issues().size() != before) return false;
  c.expect(hm3.front() <= lo && hm3.back() >= hi, vf,
           fmt::format("runs from {} to {} hm³: must cover the reservoir, {}_min_hm3 ({}) to "
                       "{}_max_hm3 ({})",
                       format_number(hm3.front()), format_number(hm3.back()), which,
                       format_number(lo), which, format_number(hi)));
  return c.issues().size() == before;
}

// The head as a function of the upper volume, at its nodes: the ends of the
// upper reservoir's range and every breakpoint of either table inside it (a
// lower volume x is the upper volume V_total − x). Between nodes the head is
// linear, so the stored energy integrates exactly. Requires valid tables.
struct HeadNodes {
  std::vector<double> upper_m3;
  std::vector<double> head_m;
};

HeadNodes head_nodes(const PumpedStorageParams& p) {
  const double total_hm3 = p.upper_initial_hm3 + p.lower_initial_hm3;
  std::vector<double> v_hm3{p.upper_min_hm3, p.upper_max_hm3};
  for (const double x : p.upper_level_table_hm3) v_hm3.push_back(x);
  for (const double x : p.lower_level_table_hm3) v_hm3.push_back(total_hm3 - x);
  std::erase_if(v_hm3, [&](double v) { return v < p.upper_min_hm3 || v > p.upper_max_hm3; });
  std::sort(v_hm3.begin(), v_hm3.end());
  v_hm3.erase(std::unique(v_hm3.begin(), v_hm3.end()), v_hm3.end());
  HeadNodes out;
  for (const double v : v_hm3) {
    out.upper_m3.push_back(v * kM3PerHm3);
    out.head_m.push_back(
        interpolate_clamped(p.upper_level_table_hm3, p.upper_level_table_m, v) -
        interpolate_clamped(p.lower_level_table_hm3, p.lower_level_table_m, total_hm3 - v));
  }
  return out;
}

}  // namespace

std::vector<FieldIssue> PumpedStorageParams::check() const {
  FieldChecker c;
  c.at_least("turbine_max_kw", turbine_max_kw, 0.0)
      .at_least("pump_max_kw", pump_max_kw, 0.0)
      .above("turbine_efficiency_frac", turbine_efficiency_frac, 0.0)
      .at_most("turbine_efficiency_frac", turbine_efficiency_frac, 1.0)
      .above("pump_efficiency_frac", pump_efficiency_frac, 0.0)
      .at_most("pump_efficiency_frac", pump_efficiency_frac, 1.0)
      .above("head_m", head_m, 0.0)
      .at_most("head_m", head_m, 3000.0);
  const std::size_t before_reservoirs = c.issues().size();
  check_reservoir(c, "upper", upper_min_hm3, upper_max_hm3, upper_initial_hm3);
  check_reservoir(c, "lower", lower_min_hm3, lower_max_hm3, lower_initial_hm3);
  const bool reservoirs_ok = c.issues().size() == before_reservoirs;
  const bool any_table = !upper_level_table_hm3.empty() || !upper_level_table_m.empty() ||
                         !lower_level_table_hm3.empty() || !lower_level_table_m.empty();
  if (any_table) {
    const bool all_tables = !upper_level_table_hm3.empty() && !upper_level_table_m.empty() &&
                            !lower_level_table_hm3.empty() && !lower_level_table_m.empty();
    c.expect(all_tables,
             upper_level_table_hm3.empty()   ? "upper_level_table_hm3"
             : upper_level_table_m.empty()   ? "upper_level_table_m"
             : lower_level_table_hm3.empty() ? "lower_level_table_hm3"
                                             : "lower_level_table_m",
             "missing: level tables are given for both reservoirs or neither "
             "(upper_level_table_hm3, upper_level_table_m, lower_level_table_hm3, "
             "lower_level_table_m; a lower lake of steady level can be a flat table)");
    if (all_tables && reservoirs_ok) {
      const bool upper_ok = check_level_table(c, "upper", upper_level_table_hm3,
                                              upper_level_table_m, upper_min_hm3, upper_max_hm3);
      const bool lower_ok = check_level_table(c, "lower", lower_level_table_hm3,
                                              lower_level_table_m, lower_min_hm3, lower_max_hm3);
      if (upper_ok && lower_ok) {
        const HeadNodes nodes = head_nodes(*this);
        for (std::size_t i = 0; i < nodes.head_m.size(); ++i) {
          if (!(nodes.head_m[i] > 0.0)) {
            c.expect(false, "upper_level_table_m",
                     fmt::format("gives a head (upper level − lower level) of {} m at an upper "
                                 "volume of {} hm³: the head must be > 0 over the operating range",
                                 format_number(nodes.head_m[i]),
                                 format_number(nodes.upper_m3[i] / kM3PerHm3)));
            break;
          }
        }
      }
    }
  }
  std::vector<FieldIssue> issues = c.issues();
  return issues;
}

PumpedStorage::PumpedStorage(PumpedStorageParams params) : params_(std::move(params)) {
  require_valid("pumped_storage", params_.check());
  kwh_per_m3_ = kWaterDensityKgPerM3 * kStandardGravityMPerS2 * params_.head_m / kJoulesPerKwh;
  if (params_.has_level_tables()) {
    const HeadNodes nodes = head_nodes(params_);
    node_upper_m3_ = nodes.upper_m3;
    node_head_m_ = nodes.head_m;
    // Trapezoids are exact: the head is linear between nodes.
    node_stored_kwh_.assign(node_upper_m3_.size(), 0.0);
    for (std::size_t i = 1; i < node_upper_m3_.size(); ++i) {
      node_stored_kwh_[i] =
          node_stored_kwh_[i - 1] + kKwhPerM3PerM * 0.5 * (node_head_m_[i - 1] + node_head_m_[i]) *
                                        (node_upper_m3_[i] - node_upper_m3_[i - 1]);
    }
    kwh_per_m3_ = kwh_per_m3(initial_state());
  }
}

PumpedStorageState PumpedStorage::initial_state() const {
  return PumpedStorageState{.upper_m3 = params_.upper_initial_hm3 * kM3PerHm3,
                            .lower_m3 = params_.lower_initial_hm3 * kM3PerHm3};
}

double PumpedStorage::head_m(const PumpedStorageState& s) const {
  if (node_upper_m3_.empty()) return params_.head_m;
  return interpolate_clamped(params_.upper_level_table_hm3, params_.upper_level_table_m,
                             s.upper_m3 / kM3PerHm3) -
         interpolate_clamped(params_.lower_level_table_hm3, params_.lower_level_table_m,
                             s.lower_m3 / kM3PerHm3);
}

double PumpedStorage::kwh_per_m3(const PumpedStorageState& s) const {
  return kKwhPerM3PerM * head_m(s);
}

double PumpedStorage::stored_kwh_at(double upper_m3) const {
  const double lo_m3 = params_.upper_min_hm3 * kM3PerHm3;
  if (node_upper_m3_.empty()) return (upper_m3 - lo_m3) * kwh_per_m3_;
  // Segment i (nodes i, i + 1) holding upper_m3; the end segments extend
  // beyond the range, for states rounding has put a hair outside it.
  const auto it = std::upper_bound(node_upper_m3_.begin(), node_upper_m3_.end(), upper_m3);
  const std::size_t i =
      std::clamp<std::size_t>(static_cast<std::size_t>(it - node_upper_m3_.begin()), 1,
                              node_upper_m3_.size() - 1) -
      1;
  const double d = upper_m3 - node_upper_m3_[i];
  const double slope =
      (node_head_m_[i + 1] - node_head_m_[i]) / (node_upper_m3_[i + 1] - node_upper_m3_[i]);
  return node_stored_kwh_[i] + kKwhPerM3PerM * (node_head_m_[i] * d + 0.5 * slope * d * d);
}

double PumpedStorage::upper_m3_for(double kwh) const {
  const double lo_m3 = params_.upper_min_hm3 * kM3PerHm3;
  if (node_upper_m3_.empty()) return lo_m3 + kwh / kwh_per_m3_;
  const auto it = std::upper_bound(node_stored_kwh_.begin(), node_stored_kwh_.end(), kwh);
  const std::size_t i =
      std::clamp<std::size_t>(static_cast<std::size_t>(it - node_stored_kwh_.begin()), 1,
                              node_stored_kwh_.size() - 1) -
      1;
  // Solve H_i·d + ½·slope·d² = a for d (a: the energy in m·m³); this form of
  // the root stays accurate when the slope is near 0 (constant head).
  const double a = (kwh - node_stored_kwh_[i]) / kKwhPerM3PerM;
  const double h = node_head_m_[i];
  const double slope =
      (node_head_m_[i + 1] - node_head_m_[i]) / (node_upper_m3_[i + 1] - node_upper_m3_[i]);
  const double disc = std::max(h * h + 2.0 * slope * a, 0.0);
  return node_upper_m3_[i] + 2.0 * a / (h + std::sqrt(disc));
}

Energy PumpedStorage::stored(const PumpedStorageState& s) const {
  return kwh(stored_kwh_at(s.upper_m3));
}

Power PumpedStorage::max_pump(const PumpedStorageState& s, Duration dt) const {
  SHAPAN_ASSERT(dt.in_seconds() > 0, "pumped storage step needs dt > 0");
  const double water_m3 = std::min(params_.upper_max_hm3 * kM3PerHm3 - s.upper_m3,
                                   s.lower_m3 - params_.lower_min_hm3 * kM3PerHm3);
  if (!(water_m3 > 0.0)) return kw(0.0);
  const double water_kwh = node_upper_m3_.empty()
                               ? water_m3 * kwh_per_m3_
                               : stored_kwh_at(s.upper_m3 + water_m3) - stored_kwh_at(s.upper_m3);
  const double limit_kw = water_kwh / (params_.pump_efficiency_frac * dt.in_hours());
  return kw(std::clamp(limit_kw, 0.0, params_.pump_max_kw));
}

Power PumpedStorage::max_generate(const PumpedStorageState& s, Duration dt) const {
  SHAPAN_ASSERT(dt.in_seconds() > 0, "pumped storage step needs dt > 0");
  const double water_m3 = std::min(s.upper_m3 - params_.upper_min_hm3 * kM3PerHm3,
                                   params_.lower_max_hm3 * kM3PerHm3 - s.lower_m3);
  if (!(water_m3 > 0.0)) return kw(0.0);
  const double water_kwh = node_upper_m3_.empty()
                               ? water_m3 * kwh_per_m3_
                               : stored_kwh_at(s.upper_m3) - stored_kwh_at(s.upper_m3 - water_m3);
  const double limit_kw = water_kwh * params_.turbine_efficiency_frac / dt.in_hours();
  return kw(std::clamp(limit_kw, 0.0, params_.turbine_max_kw));
}

PumpedStorageStep PumpedStorage::step(const PumpedStorageState& s, Power requested_generation,
                                      Duration dt) const {
  SHAPAN_ASSERT(std::isfinite(requested_generation.in_kw()), "pumped storage request finite");
  const double hours = dt.in_hours();
  PumpedStorageStep out;
  double water_kwh = 0.0;  // stored energy added (> 0, pumping) or drawn (< 0, generating)
  double loss_kwh = 0.0;
  if (requested_generation > kw(0.0)) {
    const double p_kw = std::min(requested_generation.in_kw(), max_generate(s, dt).in_kw());
    water_kwh = -p_kw * hours / params_.turbine_efficiency_frac;
    loss_kwh = -water_kwh - p_kw * hours;
    out.turbine_ac = kw(p_kw);
  } else if (requested_generation < kw(0.0)) {
    const double p_kw = std::min(-requested_generation.in_kw(), max_pump(s, dt).in_kw());
    water_kwh = p_kw * hours * params_.pump_efficiency_frac;
    loss_kwh = p_kw * hours - water_kwh;
    out.pump_ac = kw(p_kw);
  }
  double moved_up_m3 = 0.0;  // water pumped up (> 0) or run down (< 0)
  if (node_upper_m3_.empty()) {
    moved_up_m3 = water_kwh / kwh_per_m3_;
  } else if (water_kwh != 0.0) {
    // The volume that holds the new stored energy, kept inside the bounds the
    // limits were computed from (rounding of the inverse is ~1e-9 m³).
    const double lo_m3 = std::max(params_.upper_min_hm3 * kM3PerHm3,
                                  s.upper_m3 - (params_.lower_max_hm3 * kM3PerHm3 - s.lower_m3));
    const double hi_m3 = std::min(params_.upper_max_hm3 * kM3PerHm3,
                                  s.upper_m3 + (s.lower_m3 - params_.lower_min_hm3 * kM3PerHm3));
    const double target_m3 = upper_m3_for(stored_kwh_at(s.upper_m3) + water_kwh);
    moved_up_m3 = std::clamp(target_m3, std::min(lo_m3, s.upper_m3), std::max(hi_m3, s.upper_m3)) -
                  s.upper_m3;
  }
  out.next = PumpedStorageState{.upper_m3 = s.upper_m3 + moved_up_m3,
                                .lower_m3 = s.lower_m3 - moved_up_m3};
  out.loss = kwh(loss_kwh);
  out.stored_change = node_upper_m3_.empty() ? kwh(moved_up_m3 * kwh_per_m3_) : kwh(water_kwh);
  return out;
}

}  // namespace shapan::gen
