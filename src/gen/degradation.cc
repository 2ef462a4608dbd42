#include "shapan/gen/degradation.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <utility>

namespace shapan::gen {
namespace {

constexpr double kZeroCelsiusK = 273.15;

}  // namespace

std::vector<FieldIssue> DegradationParams::check() const {
  FieldChecker c;
  c.expect(std::isfinite(k_delta1) && std::isfinite(k_delta2) && std::isfinite(k_delta3),
           "k_delta1", "k_delta1, k_delta2 and k_delta3 must be finite numbers")
      .expect(std::isfinite(k_delta1 + k_delta3) && k_delta1 + k_delta3 > 0.0, "k_delta3",
              fmt::format("= {}: k_delta1 + k_delta3 must be > 0 (the stress of a full cycle, "
                          "1 / (k_delta1 + k_delta3), must be positive)",
                          format_number(k_delta3)))
      .expect(
          !(k_delta2 >= 0.0), "k_delta2",
          fmt::format("= {}: must be < 0 (deeper cycles must age more)", format_number(k_delta2)))
      .in_range("k_sigma", k_sigma, -10.0, 10.0)
      .in_range("sigma_ref", sigma_ref, 0.0, 1.0)
      .in_range("k_temp_per_k", k_temp_per_k, -1.0, 1.0)
      .in_range("temp_ref_c", temp_ref_c, -40.0, 80.0)
      .at_least("k_time_per_s", k_time_per_s, 0.0)
      .in_range("alpha_sei", alpha_sei, 0.0, 1.0)
      .at_least("beta_sei", beta_sei, 0.0)
      .at_least("cycle_scale", cycle_scale, 0.0)
      .at_least("calendar_scale", calendar_scale, 0.0);
  return c.issues();
}

double dod_stress(const DegradationParams& p, double depth_frac) {
  if (!(depth_frac > 0.0)) return 0.0;
  const double d = std::min(depth_frac, 1.0);
  // k_delta2 < 0 and k_delta1 + k_delta3 > 0 keep the denominator positive on (0, 1].
  return 1.0 / (p.k_delta1 * std::pow(d, p.k_delta2) + p.k_delta3);
}

double soc_stress(const DegradationParams& p, double soc_frac) {
  return std::exp(p.k_sigma * (soc_frac - p.sigma_ref));
}

double temperature_stress(const DegradationParams& p, double temp_c) {
  const double t_k = temp_c + kZeroCelsiusK;
  const double ref_k = p.temp_ref_c + kZeroCelsiusK;
  return std::exp(p.k_temp_per_k * (t_k - ref_k) * ref_k / t_k);
}

double cycle_damage(const DegradationParams& p, double depth_frac, double mean_soc_frac,
                    double temp_c, double count) {
  return p.cycle_scale * count * dod_stress(p, depth_frac) * soc_stress(p, mean_soc_frac) *
         temperature_stress(p, temp_c);
}

double calendar_damage(const DegradationParams& p, Duration dt, double soc_frac, double temp_c) {
  return p.calendar_scale * p.k_time_per_s * static_cast<double>(dt.in_seconds()) *
         soc_stress(p, soc_frac) * temperature_stress(p, temp_c);
}

double capacity_loss_frac(const DegradationParams& p, double damage) {
  const double f = std::max(damage, 0.0);
  return 1.0 - p.alpha_sei * std::exp(-p.beta_sei * f) - (1.0 - p.alpha_sei) * std::exp(-f);
}

BatteryAgeing::BatteryAgeing(DegradationParams params) : params_(std::move(params)) {
  last_temp_c_ = params_.temp_ref_c;
}

void BatteryAgeing::observe(double soc_frac, double mean_soc_frac, Duration dt, double temp_c) {
  if (!params_.enabled) return;
  calendar_damage_ += calendar_damage(params_, dt, mean_soc_frac, temp_c);
  last_temp_c_ = temp_c;
  closed_.clear();
  counter_.push(soc_frac, closed_);
  // A cycle is charged at the temperature of the step that closes it.
  for (const RainflowCycle& c : closed_) {
    cycle_damage_ += cycle_damage(params_, c.range, c.mean, temp_c, c.count);
  }
}

double BatteryAgeing::capacity_frac() const {
  if (!params_.enabled) return 1.0;
  double open = 0.0;
  for (const RainflowCycle& c : counter_.residue()) {
    open += cycle_damage(params_, c.range, c.mean, last_temp_c_, c.count);
  }
  return 1.0 - capacity_loss_frac(params_, cycle_damage_ + calendar_damage_ + open);
}

void BatteryAgeing::replace() {
  counter_.reset();
  cycle_damage_ = 0.0;
  calendar_damage_ = 0.0;
}

}  // namespace shapan::gen
