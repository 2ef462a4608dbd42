// Lithium-ion capacity fade: the semi-empirical model of
//   B. Xu, A. Oudalov, A. Ulbig, G. Andersson, D. S. Kirschen, "Modeling of
//   lithium-ion battery degradation for cell life assessment", IEEE Trans.
//   Smart Grid 9(2), 1131–1140, 2018 (DOI 10.1109/TSG.2016.2578950).
//
// Degradation "damage" f_d (dimensionless) adds up from
//   cycle ageing (Eq. 8):  Σ_i n_i · S_δ(δ_i) · S_σ(σ_i) · S_T(T_i)
//   calendar ageing (Eq. 9): S_t(t) · S_σ(σ̄) · S_T(T̄), applied per step here
// with the stress factors (Eqs. 3–7, Table I)
//   S_δ(δ) = (k_δ1 · δ^k_δ2 + k_δ3)^-1    depth of cycle δ in (0, 1]
//   S_σ(σ) = exp(k_σ (σ − σ_ref))        mean state of charge σ
//   S_T(T) = exp(k_T (T − T_ref) T_ref / T)   cell temperature in kelvin
//   S_t(t) = k_t · t                      t in seconds
// and capacity fade from the damage with the SEI-film term (Eq. 10)
//   L = 1 − α_sei e^(−β_sei f_d) − (1 − α_sei) e^(−f_d),  capacity = 1 − L.
// Cycles (n_i = 1 or ½, depth δ_i, mean σ_i) come from rainflow counting the
// SOC trace (rainflow.h). The defaults are Table I of the paper (an LMO/graphite
// cell fitted to the data of its refs.); other chemistries set their own
// parameters (docs/models/battery.md lists the presets and their sources).
#pragma once

#include <string>
#include <vector>

#include "shapan/core/check.h"
#include "shapan/core/time.h"
#include "shapan/gen/rainflow.h"

namespace shapan::gen {

struct DegradationParams {
  bool enabled = false;      // off: capacity never fades
  double k_delta1 = 1.40e5;  // DoD stress, Table I
  double k_delta2 = -5.01e-1;
  double k_delta3 = -1.23e5;
  double k_sigma = 1.04;  // SOC stress
  double sigma_ref = 0.5;
  double k_temp_per_k = 6.93e-2;  // temperature stress, 1/K
  double temp_ref_c = 25.0;
  double k_time_per_s = 4.14e-10;  // calendar ageing, 1/s
  double alpha_sei = 5.75e-2;      // SEI film share of the fade
  double beta_sei = 121.0;
  // Multipliers on the cycle and calendar damage, 1 = the model as
  // published; used by presets calibrated to a datasheet (>= 0).
  double cycle_scale = 1.0;
  double calendar_scale = 1.0;

  std::vector<FieldIssue> check() const;
};

// The stress factors and the fade law above. δ, σ in [0, 1].
double dod_stress(const DegradationParams& p, double depth_frac);
double soc_stress(const DegradationParams& p, double soc_frac);
double temperature_stress(const DegradationParams& p, double temp_c);
// Damage of `count` cycles of depth δ around mean σ at temperature T.
double cycle_damage(const DegradationParams& p, double depth_frac, double mean_soc_frac,
                    double temp_c, double count);
// Calendar damage of `dt` spent at σ and T.
double calendar_damage(const DegradationParams& p, Duration dt, double soc_frac, double temp_c);
// Capacity lost, 0..1, after total damage f_d >= 0 (Eq. 10).
double capacity_loss_frac(const DegradationParams& p, double damage);

// Ageing of one battery through a run: feed it the SOC after every step, and
// read the remaining capacity. Cycle damage counts closed cycles at once and
// the open residue as half cycles whenever capacity is asked for (so the
// residue is never counted twice). Stateful; copyable.
class BatteryAgeing {
 public:
  explicit BatteryAgeing(DegradationParams params);

  // One step of length dt ending at `soc_frac` (stored / current capacity),
  // spent at mean SOC `mean_soc_frac` and cell temperature `temp_c`.
  void observe(double soc_frac, double mean_soc_frac, Duration dt, double temp_c);
  // Remaining capacity as a fraction of nameplate, in (0, 1]; evaluates the
  // open residue (cost grows with its length, a handful of points in practice).
  double capacity_frac() const;
  double damage_closed() const { return cycle_damage_ + calendar_damage_; }
  double cycle_damage_total() const { return cycle_damage_; }
  double calendar_damage_total() const { return calendar_damage_; }
  // A new battery: all damage and history cleared.
  void replace();

 private:
  DegradationParams params_;
  RainflowCounter counter_;
  std::vector<RainflowCycle> closed_;  // scratch, reused
  double cycle_damage_ = 0.0;
  double calendar_damage_ = 0.0;
  double last_temp_c_ = 25.0;
};

}  // namespace shapan::gen
