#include "shapan/gen/degradation.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <utility>

#include "shapan/core/assert.h"

namespace shapan::gen {
namespace {

constexpr double kZeroCelsiusK = 273.15;
constexpr double kGasConstantJPerMolK = 8.314462618;  // CODATA 2018
constexpr double kPercent = 100.0;

}  // namespace

std::vector<FieldIssue> NaumannLfpParams::check() const {
  FieldChecker c;
  c.at_least("naumann_cal_k_ref_per_sqrt_s", cal_k_ref_per_sqrt_s, 0.0)
      .in_range("naumann_cal_activation_j_per_mol", cal_activation_j_per_mol, 0.0, 2e5)
      // k_SOC and k_DOD must stay >= 0 on [0, 1]: a cubic around its centre
      // takes its extremes at the ends of the interval.
      .expect(std::isfinite(cal_soc_c) && std::isfinite(cal_soc_d) &&
                  cal_soc_d - std::abs(cal_soc_c) * 0.125 >= 0.0,
              "naumann_cal_soc_d",
              fmt::format("= {}: c·(σ − 0.5)³ + d must be >= 0 for σ in [0, 1] (c = {})",
                          format_number(cal_soc_d), format_number(cal_soc_c)))
      .at_least("naumann_cyc_crate_a_percent_h", cyc_crate_a_percent_h, 0.0)
      .at_least("naumann_cyc_crate_b_percent", cyc_crate_b_percent, 0.0)
      .expect(std::isfinite(cyc_dod_c) && std::isfinite(cyc_dod_d) &&
                  cyc_dod_d + cyc_dod_c * std::pow(-0.6, 3) >= 0.0 &&
                  cyc_dod_d + cyc_dod_c * std::pow(0.4, 3) >= 0.0,
              "naumann_cyc_dod_d",
              fmt::format("= {}: c·(δ − 0.6)³ + d must be >= 0 for δ in [0, 1] (c = {})",
                          format_number(cyc_dod_d), format_number(cyc_dod_c)));
  return c.issues();
}

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
  std::vector<FieldIssue> issues = c.issues();
  if (model == DegradationModel::kNaumannLfp) {
    for (FieldIssue& issue : naumann.check()) issues.push_back(std::move(issue));
  }
  return issues;
}

DegradationParams xu2018_preset() {
  DegradationParams p;
  p.enabled = true;
  p.model = DegradationModel::kXu2018;
  return p;
}

DegradationParams naumann_lfp_preset() {
  DegradationParams p;
  p.enabled = true;
  p.model = DegradationModel::kNaumannLfp;
  return p;
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

namespace {

// The temperature part of Naumann's calendar stress (Arrhenius).
double naumann_calendar_temperature_factor(const DegradationParams& p, double temp_c) {
  const NaumannLfpParams& n = p.naumann;
  const double t_k = temp_c + kZeroCelsiusK;
  const double ref_k = p.temp_ref_c + kZeroCelsiusK;
  return n.cal_k_ref_per_sqrt_s *
         std::exp(-n.cal_activation_j_per_mol / kGasConstantJPerMolK * (1.0 / t_k - 1.0 / ref_k));
}

// The calendar stress for a temperature factor k_temp.
double naumann_calendar_stress_at(const DegradationParams& p, double soc_frac, double k_temp) {
  const NaumannLfpParams& n = p.naumann;
  const double x = std::clamp(soc_frac, 0.0, 1.0) - 0.5;
  return p.calendar_scale * k_temp * (n.cal_soc_c * x * x * x + n.cal_soc_d);
}

}  // namespace

double naumann_calendar_stress(const DegradationParams& p, double soc_frac, double temp_c) {
  return naumann_calendar_stress_at(p, soc_frac, naumann_calendar_temperature_factor(p, temp_c));
}

double naumann_cycle_stress(const DegradationParams& p, double c_rate_per_h, double depth_frac) {
  const NaumannLfpParams& n = p.naumann;
  const double k_c = n.cyc_crate_a_percent_h * std::max(c_rate_per_h, 0.0) + n.cyc_crate_b_percent;
  const double x = std::clamp(depth_frac, 0.0, 1.0) - 0.6;
  return p.cycle_scale * k_c * (n.cyc_dod_c * x * x * x + n.cyc_dod_d) / kPercent;
}

double naumann_continue(double loss_frac, double stress, double increment) {
  // On the curve q = k·√x the loss q sits at x₀ = (q/k)², so after Δx it is
  // k·√(x₀ + Δx) = √(q² + k²·Δx); written this way it also holds for k = 0.
  return std::sqrt(loss_frac * loss_frac + stress * stress * std::max(increment, 0.0));
}

BatteryAgeing::BatteryAgeing(DegradationParams params) : params_(params), tranches_(1) {
  last_temp_c_ = params_.temp_ref_c;
}

void BatteryAgeing::observe(double soc_frac, double mean_soc_frac, Duration dt, double temp_c) {
  if (!params_.enabled) return;
  const double soc_before = has_last_soc_ ? last_soc_frac_ : 2.0 * mean_soc_frac - soc_frac;
  const double moved = std::abs(soc_frac - soc_before);
  const double hours = dt.in_hours();
  if (moved > 0.0 && hours > 0.0) {
    throughput_frac_ += moved;
    c_rate_throughput_frac_ += moved * (moved / hours);
  }
  last_soc_frac_ = soc_frac;
  has_last_soc_ = true;
  last_temp_c_ = temp_c;
  for (Tranche& t : tranches_) observe_tranche(t, soc_frac, mean_soc_frac, dt, temp_c);
}

void BatteryAgeing::observe_tranche(Tranche& t, double soc_frac, double mean_soc_frac, Duration dt,
                                    double temp_c) {
  closed_.clear();
  t.counter.push(soc_frac, closed_);
  if (params_.model == DegradationModel::kNaumannLfp) {
    // The Arrhenius factor again only when the temperature changes (a cell
    // held at a set temperature: once per run).
    if (temp_c != arrhenius_temp_c_) {
      arrhenius_factor_ = naumann_calendar_temperature_factor(params_, temp_c);
      arrhenius_temp_c_ = temp_c;
    }
    t.calendar_damage = naumann_continue(
        t.calendar_damage, naumann_calendar_stress_at(params_, mean_soc_frac, arrhenius_factor_),
        static_cast<double>(dt.in_seconds()));
    if (closed_.empty()) return;  // (most steps close no cycle)
    const double c_rate = mean_c_rate_per_h();
    for (const RainflowCycle& c : closed_) {
      t.cycle_damage = naumann_continue(
          t.cycle_damage, naumann_cycle_stress(params_, c_rate, c.range), c.count * c.range);
    }
    return;
  }
  t.calendar_damage += calendar_damage(params_, dt, mean_soc_frac, temp_c);
  // A cycle is charged at the temperature of the step that closes it.
  for (const RainflowCycle& c : closed_) {
    t.cycle_damage += cycle_damage(params_, c.range, c.mean, temp_c, c.count);
  }
}

double BatteryAgeing::mean_c_rate_per_h() const {
  return throughput_frac_ > 0.0 ? c_rate_throughput_frac_ / throughput_frac_ : 0.0;
}

double BatteryAgeing::damage_closed() const {
  return tranches_.front().cycle_damage + tranches_.front().calendar_damage;
}

double BatteryAgeing::tranche_capacity_frac(const Tranche& t) const {
  if (params_.model == DegradationModel::kNaumannLfp) {
    double cycle_loss = t.cycle_damage;
    const double c_rate = mean_c_rate_per_h();
    for (const RainflowCycle& c : t.counter.residue_cycles()) {
      cycle_loss = naumann_continue(cycle_loss, naumann_cycle_stress(params_, c_rate, c.range),
                                    c.count * c.range);
    }
    // The model is fitted to losses of tens of percent; keep the capacity positive.
    return std::max(1.0 - t.calendar_damage - cycle_loss, 1e-6);
  }
  double open = 0.0;
  for (const RainflowCycle& c : t.counter.residue_cycles()) {
    open += cycle_damage(params_, c.range, c.mean, last_temp_c_, c.count);
  }
  return 1.0 - capacity_loss_frac(params_, t.cycle_damage + t.calendar_damage + open);
}

double BatteryAgeing::capacity_frac() const {
  if (!params_.enabled) return 1.0;
  double sum = 0.0;
  for (const Tranche& t : tranches_) sum += t.share_frac * tranche_capacity_frac(t);
  return sum;
}

void BatteryAgeing::replace() {
  tranches_.assign(1, Tranche{});
  throughput_frac_ = 0.0;
  c_rate_throughput_frac_ = 0.0;
  // The SOC itself carries over: the next step's ΔSOC is from the last one.
}

void BatteryAgeing::augment(double added_frac) {
  SHAPAN_ASSERT(added_frac > 0.0 && std::isfinite(added_frac), "augmentation adds modules");
  // The new modules' rainflow history starts at the present SOC, so that
  // their first cycle is counted from where they joined.
  Tranche t;
  t.share_frac = added_frac;
  if (has_last_soc_) {
    closed_.clear();
    t.counter.push(last_soc_frac_, closed_);
  }
  tranches_.push_back(std::move(t));
}

}  // namespace shapan::gen
