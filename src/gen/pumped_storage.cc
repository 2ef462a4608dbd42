#include "shapan/gen/pumped_storage.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <utility>

#include "shapan/core/assert.h"
#include "shapan/gen/hydro.h"

namespace shapan::gen {
namespace {

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
  check_reservoir(c, "upper", upper_min_hm3, upper_max_hm3, upper_initial_hm3);
  check_reservoir(c, "lower", lower_min_hm3, lower_max_hm3, lower_initial_hm3);
  std::vector<FieldIssue> issues = c.issues();
  for (FieldIssue issue : cost.check()) {
    issue.field = "cost." + issue.field;
    issues.push_back(std::move(issue));
  }
  return issues;
}

PumpedStorage::PumpedStorage(PumpedStorageParams params) : params_(std::move(params)) {
  require_valid("pumped_storage", params_.check());
  kwh_per_m3_ = kWaterDensityKgPerM3 * kStandardGravityMPerS2 * params_.head_m / kJoulesPerKwh;
}

PumpedStorageState PumpedStorage::initial_state() const {
  return PumpedStorageState{.upper_m3 = params_.upper_initial_hm3 * kM3PerHm3,
                            .lower_m3 = params_.lower_initial_hm3 * kM3PerHm3};
}

Energy PumpedStorage::stored(const PumpedStorageState& s) const {
  return kwh((s.upper_m3 - params_.upper_min_hm3 * kM3PerHm3) * kwh_per_m3_);
}

Power PumpedStorage::max_pump(const PumpedStorageState& s, Duration dt) const {
  SHAPAN_ASSERT(dt.in_seconds() > 0, "pumped storage step needs dt > 0");
  const double water_m3 = std::min(params_.upper_max_hm3 * kM3PerHm3 - s.upper_m3,
                                   s.lower_m3 - params_.lower_min_hm3 * kM3PerHm3);
  const double limit_kw = water_m3 * kwh_per_m3_ / (params_.pump_efficiency_frac * dt.in_hours());
  return kw(std::clamp(limit_kw, 0.0, params_.pump_max_kw));
}

Power PumpedStorage::max_generate(const PumpedStorageState& s, Duration dt) const {
  SHAPAN_ASSERT(dt.in_seconds() > 0, "pumped storage step needs dt > 0");
  const double water_m3 = std::min(s.upper_m3 - params_.upper_min_hm3 * kM3PerHm3,
                                   params_.lower_max_hm3 * kM3PerHm3 - s.lower_m3);
  const double limit_kw = water_m3 * kwh_per_m3_ * params_.turbine_efficiency_frac / dt.in_hours();
  return kw(std::clamp(limit_kw, 0.0, params_.turbine_max_kw));
}

PumpedStorageStep PumpedStorage::step(const PumpedStorageState& s, Power requested_generation,
                                      Duration dt) const {
  SHAPAN_ASSERT(std::isfinite(requested_generation.in_kw()), "pumped storage request finite");
  const double hours = dt.in_hours();
  PumpedStorageStep out;
  double moved_up_m3 = 0.0;  // water pumped up (> 0) or run down (< 0)
  double loss_kwh = 0.0;
  if (requested_generation > kw(0.0)) {
    const double p_kw = std::min(requested_generation.in_kw(), max_generate(s, dt).in_kw());
    const double water_kwh = p_kw * hours / params_.turbine_efficiency_frac;
    moved_up_m3 = -water_kwh / kwh_per_m3_;
    loss_kwh = water_kwh - p_kw * hours;
    out.turbine_ac = kw(p_kw);
  } else if (requested_generation < kw(0.0)) {
    const double p_kw = std::min(-requested_generation.in_kw(), max_pump(s, dt).in_kw());
    const double water_kwh = p_kw * hours * params_.pump_efficiency_frac;
    moved_up_m3 = water_kwh / kwh_per_m3_;
    loss_kwh = p_kw * hours - water_kwh;
    out.pump_ac = kw(p_kw);
  }
  out.next = PumpedStorageState{.upper_m3 = s.upper_m3 + moved_up_m3,
                                .lower_m3 = s.lower_m3 - moved_up_m3};
  out.loss = kwh(loss_kwh);
  out.stored_change = kwh(moved_up_m3 * kwh_per_m3_);
  return out;
}

}  // namespace shapan::gen
