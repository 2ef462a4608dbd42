// Lithium-ion capacity fade, two published semi-empirical models.
//
// 1. kXu2018: B. Xu, A. Oudalov, A. Ulbig, G. Andersson, D. S. Kirschen,
//   "Modeling of lithium-ion battery degradation for cell life assessment",
//   IEEE Trans. Smart Grid 9(2), 1131–1140, 2018 (DOI 10.1109/TSG.2016.2578950).
//   Degradation "damage" f_d (dimensionless) adds up from
//     cycle ageing (Eq. 8):  Σ_i n_i · S_δ(δ_i) · S_σ(σ_i) · S_T(T_i)
//     calendar ageing (Eq. 9): S_t(t) · S_σ(σ̄) · S_T(T̄), applied per step here
//   with the stress factors (Eqs. 3–7, Table I)
//     S_δ(δ) = (k_δ1 · δ^k_δ2 + k_δ3)^-1    depth of cycle δ in (0, 1]
//     S_σ(σ) = exp(k_σ (σ − σ_ref))        mean state of charge σ
//     S_T(T) = exp(k_T (T − T_ref) T_ref / T)   cell temperature in kelvin
//     S_t(t) = k_t · t                      t in seconds
//   and capacity fade from the damage with the SEI-film term (Eq. 10)
//     L = 1 − α_sei e^(−β_sei f_d) − (1 − α_sei) e^(−f_d),  capacity = 1 − L.
//   The defaults are Table I of the paper (an LMO/graphite cell).
//
// 2. kNaumannLfp: the LiFePO4/graphite cell (Sony/Murata US26650FTC1) of
//   M. Naumann et al., "Analysis and modeling of calendar aging of a
//   commercial LiFePO4/graphite cell", J. Energy Storage 17 (2018) 153–169
//   (DOI 10.1016/j.est.2018.01.019), and M. Naumann et al., "Analysis and
//   modeling of cycle aging of a commercial LiFePO4/graphite cell",
//   J. Power Sources 451 (2020) 227666 (DOI 10.1016/j.jpowsour.2019.227666). Capacity loss
//   (fraction of nameplate) is the sum of a calendar and a cycle part, each growing with the square
//   root of its driver:
//     Q_cal = k_T(T) · k_SOC(σ) · √t            t in seconds
//       k_T(T)   = k_ref · exp(−E_a / R · (1/T − 1/T_ref))
//       k_SOC(σ) = c_cal (σ − 0.5)³ + d_cal
//     Q_cyc = k_C(C) · k_DOD(δ) · √FEC / 100    FEC full equivalent cycles
//       k_C(C)   = a_C · C + b_C                 C-rate in 1/h
//       k_DOD(δ) = c_cyc (δ − 0.6)³ + d_cyc
//   When the stress changes, each part continues from the same loss on the
//   curve of the new stress ("virtual time"), which for constant stress k over
//   an increment Δx gives Q' = √(Q² + k²·Δx) exactly. The cycle tests were at
//   25 °C, so the cycle part has no temperature term.
//
// Cycles (n_i = 1 or ½, depth δ_i, mean σ_i) come from rainflow counting the
// SOC trace (rainflow.h); a cycle of count n and depth δ is n·δ full
// equivalent cycles. docs/models/battery.md lists the presets and sources.
#pragma once

#include <limits>
#include <string>
#include <vector>

#include "shapan/core/check.h"
#include "shapan/core/time.h"
#include "shapan/gen/rainflow.h"

namespace shapan::gen {

enum class DegradationModel { kXu2018, kNaumannLfp };

// Parameters of the Naumann et al. LiFePO4/graphite model (defaults: the
// published fits, calendar 2018 and cycle 2020; see the file comment).
struct NaumannLfpParams {
  double cal_k_ref_per_sqrt_s = 1.2571e-5;    // k_ref, capacity fraction per √s at T_ref
  double cal_activation_j_per_mol = 17126.0;  // E_a
  double cal_soc_c = 2.8575;                  // c_cal
  double cal_soc_d = 0.60225;                 // d_cal
  double cyc_crate_a_percent_h = 0.0630;      // a_C, % per √FEC per (1/h)
  double cyc_crate_b_percent = 0.0971;        // b_C, % per √FEC
  double cyc_dod_c = 4.0253;                  // c_cyc
  double cyc_dod_d = 1.0923;                  // d_cyc

  std::vector<FieldIssue> check() const;
};

struct DegradationParams {
  bool enabled = false;  // off: capacity never fades
  DegradationModel model = DegradationModel::kXu2018;
  // Xu et al. (2018) parameters; temp_ref_c is also the Naumann T_ref.
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
  NaumannLfpParams naumann;  // used when model == kNaumannLfp

  std::vector<FieldIssue> check() const;
};

// A preset: enabled, with the named model's published parameters.
DegradationParams xu2018_preset();
DegradationParams naumann_lfp_preset();

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

// Naumann et al. stress factors: calendar, capacity fraction per √s at σ
// and T (k_T · k_SOC · calendar_scale); cycle, capacity fraction per √FEC
// at C-rate `c_rate_per_h` and depth δ (k_C · k_DOD / 100 · cycle_scale).
double naumann_calendar_stress(const DegradationParams& p, double soc_frac, double temp_c);
double naumann_cycle_stress(const DegradationParams& p, double c_rate_per_h, double depth_frac);
// Loss after adding increment x (seconds or FEC) at constant stress k to a
// loss q (the virtual-time continuation): √(q² + k²·x).
double naumann_continue(double loss_frac, double stress, double increment);

// Ageing of one battery through a run: feed it the SOC after every step, and
// read the remaining capacity. The battery's modules are kept in tranches of
// one age: the original (or replacement) modules, then those added by each
// augmentation; every tranche sees the same SOC trace and temperature but ages
// from its own start (its own rainflow history and damage), and the capacity
// is the nameplate-weighted sum of the tranches' capacities. Cycle damage counts closed cycles at
// once and the open residue as half cycles whenever capacity is asked for (so the residue is never
// counted twice). For the Naumann model the C-rate of the cycles is the throughput-weighted mean of
// |ΔSOC| / Δt over the steps so far (since the last replacement): rainflow cycles carry no current.
// Stateful; copyable. capacity_frac() works in scratch storage of the
// tranches' rainflow counters: not from two threads on one object at once.
class BatteryAgeing {
 public:
  explicit BatteryAgeing(DegradationParams params);

  // One step of length dt ending at `soc_frac` (stored / current capacity),
  // spent at mean SOC `mean_soc_frac` and cell temperature `temp_c`. The
  // step's C-rate is |ΔSOC| / dt, ΔSOC from the previous observation (for the
  // first one, from 2·mean − end, the start of a linear step).
  void observe(double soc_frac, double mean_soc_frac, Duration dt, double temp_c);
  // Remaining capacity as a fraction of nameplate (all tranches), > 0 and
  // <= 1 up to rounding; evaluates the open residue (cost grows with its
  // length, a handful of points in practice).
  double capacity_frac() const;
  // Of the oldest tranche (the original or replacement modules). Xu: the
  // damage f_d of each kind (closed cycles only). Naumann: the capacity lost
  // (fraction) to each mechanism, closed cycles only.
  double damage_closed() const;
  double cycle_damage_total() const { return tranches_.front().cycle_damage; }
  double calendar_damage_total() const { return tranches_.front().calendar_damage; }
  // Throughput-weighted mean C-rate so far, 1/h (0 before any throughput).
  double mean_c_rate_per_h() const;
  // A new battery: one tranche of new modules, all damage and history cleared.
  void replace();
  // Augmentation: adds new modules of `added_frac` of nameplate (> 0) as a
  // new tranche; the older tranches keep their damage. Adding
  // 1 − capacity_frac() brings the capacity back to nameplate.
  void augment(double added_frac);
  std::size_t tranche_count() const { return tranches_.size(); }

 private:
  struct Tranche {
    double share_frac = 1.0;  // these modules' nameplate / the battery's nameplate
    RainflowCounter counter;
    double cycle_damage = 0.0;
    double calendar_damage = 0.0;
  };
  void observe_tranche(Tranche& t, double soc_frac, double mean_soc_frac, Duration dt,
                       double temp_c);
  // Capacity of the tranche as a fraction of its own nameplate.
  double tranche_capacity_frac(const Tranche& t) const;

  DegradationParams params_;
  std::vector<Tranche> tranches_;      // never empty; [0] the oldest
  std::vector<RainflowCycle> closed_;  // scratch, reused
  double last_temp_c_ = 25.0;
  // Naumann's calendar temperature factor at arrhenius_temp_c_ (NaN: none yet).
  double arrhenius_temp_c_ = std::numeric_limits<double>::quiet_NaN();
  double arrhenius_factor_ = 0.0;
  double last_soc_frac_ = 0.0;
  bool has_last_soc_ = false;
  double throughput_frac_ = 0.0;         // Σ |ΔSOC|
  double c_rate_throughput_frac_ = 0.0;  // Σ |ΔSOC| · C-rate
};

}  // namespace shapan::gen
