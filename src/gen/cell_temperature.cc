#include "shapan/gen/cell_temperature.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

namespace shapan::gen {

double sapm_module_temp_c(double poa_w_per_m2, double temp_air_c, double wind_m_per_s,
                          const SapmTempParams& p) {
  return poa_w_per_m2 * std::exp(p.a + p.b * wind_m_per_s) + temp_air_c;
}

double sapm_cell_from_module_c(double module_temp_c, double poa_w_per_m2, const SapmTempParams& p) {
  return module_temp_c + poa_w_per_m2 / 1000.0 * p.delta_t_c;
}

double sapm_cell_temp_c(double poa_w_per_m2, double temp_air_c, double wind_m_per_s,
                        const SapmTempParams& p) {
  return sapm_cell_from_module_c(sapm_module_temp_c(poa_w_per_m2, temp_air_c, wind_m_per_s, p),
                                 poa_w_per_m2, p);
}

double pvsyst_cell_temp_c(double poa_w_per_m2, double temp_air_c, double wind_m_per_s,
                          const PvsystTempParams& p) {
  const double u = p.u_c_w_per_m2_k + p.u_v_w_per_m3_k_s * wind_m_per_s;
  return temp_air_c + p.alpha_absorption_frac * poa_w_per_m2 * (1.0 - p.module_efficiency_frac) / u;
}

double faiman_temp_c(double poa_w_per_m2, double temp_air_c, double wind_m_per_s,
                     const FaimanTempParams& p) {
  return temp_air_c + poa_w_per_m2 / (p.u0_w_per_m2_k + p.u1_w_per_m3_k_s * wind_m_per_s);
}

namespace {

constexpr double kBoltzmann = 5.669e-8;  // Stefan–Boltzmann constant as Fuentes wrote it
constexpr double kNoctAirK = 293.15;     // 20 °C ambient of the NOCT conditions
constexpr double kNoctSkyK = 282.21;     // sky temperature at NOCT conditions

// Air at the film temperature T (K) in Fuentes (1987): density ρ0/T,
// kinematic viscosity ν0·T^1.76, conductivity 2.1695e-4·T^0.84; Prandtl
// number 0.71, heat capacity 1007 J/(kg·K).
constexpr double kAirDensityCoeff = 0.003484 * 101325.0;           // ρ0
constexpr double kViscosityCoeff = 0.24237e-6 / kAirDensityCoeff;  // ν0
constexpr double kAirHeatCapacity = 1007.0;
constexpr double kPrandtl = 0.71;
constexpr double kTurbulentReynolds = 1.2e5;

}  // namespace

// Fuentes' convective coefficient of the top surface, for hydraulic diameter
// L, wind w, film temperature T and module–air difference ΔT:
//   forced, laminar:   0.86·Re^−0.5·ρ·w·cp/Pr^0.67
//   forced, turbulent: 0.0282·Re^−0.2·ρ·w·cp/Pr^0.4, used when Re > 1.2e5
//                      (only in the step; the NOCT calibration is laminar)
//   free:              0.21·(Gr·Pr)^0.32·k/L, Gr = g/T·ΔT·L³·sin(tilt)/ν²
//   h = (free³ + forced³)^(1/3), with Re = w·L/ν.
// With ρ, ν and k as above each term is a constant times powers of w, ΔT and T:
//   laminar   = c_l·w^0.5·T^−0.12,   c_l = 0.86·(ν0/L)^0.5·ρ0·cp/Pr^0.67
//   turbulent = c_t·w^0.8·T^−0.648,  c_t = 0.0282·(ν0/L)^0.2·ρ0·cp/Pr^0.4
//   free      = c_f·ΔT^0.32·T^−0.6064, c_f = 0.21·2.1695e-4/L·(Pr·g·L³·sin/ν0²)^0.32
// and Re > 1.2e5 reads ln T < (ln w + ln(L/ν0) − ln 1.2e5)/1.76. The same
// model, but a step takes the powers of w once, and each round of its
// iteration one logarithm of T, one of ΔT and two exponentials, where the
// property-by-property form needed a pow() and several more divisions.
FuentesModel::Convection::Convection(double hydraulic_diameter_m, double sin_tilt) {
  const double nu_over_l = kViscosityCoeff / hydraulic_diameter_m;
  laminar_coeff =
      0.86 * std::sqrt(nu_over_l) * kAirDensityCoeff * kAirHeatCapacity / std::pow(kPrandtl, 0.67);
  turbulent_coeff = 0.0282 * std::pow(nu_over_l, 0.2) * kAirDensityCoeff * kAirHeatCapacity /
                    std::pow(kPrandtl, 0.4);
  const double l3 = hydraulic_diameter_m * hydraulic_diameter_m * hydraulic_diameter_m;
  // A module facing down or flat has no buoyant flow along it (Gr <= 0).
  free_coeff =
      sin_tilt > 0.0
          ? 0.21 * 2.1695e-4 / hydraulic_diameter_m *
                std::pow(kPrandtl * 9.8 * l3 * sin_tilt / (kViscosityCoeff * kViscosityCoeff), 0.32)
          : 0.0;
  log_turbulent_offset =
      std::log(hydraulic_diameter_m / kViscosityCoeff) - std::log(kTurbulentReynolds);
}

FuentesModel::Forced FuentesModel::Convection::forced(double wind_m_per_s,
                                                      bool check_reynolds) const {
  const double log_w = std::log(wind_m_per_s);
  Forced f;
  f.laminar = laminar_coeff * std::sqrt(wind_m_per_s);
  f.turbulent = turbulent_coeff * std::exp(0.8 * log_w);
  f.turbulent_below_log_t = check_reynolds ? (log_w + log_turbulent_offset) / 1.76
                                           : -std::numeric_limits<double>::infinity();
  return f;
}

double FuentesModel::Convection::coefficient(const Forced& f, double film_temp_k,
                                             double temp_delta_k) const {
  const double log_t = std::log(film_temp_k);
  const double forced = log_t < f.turbulent_below_log_t ? f.turbulent * std::exp(-0.648 * log_t)
                                                        : f.laminar * std::exp(-0.12 * log_t);
  const double free = free_coeff > 0.0 && temp_delta_k > 0.0
                          ? free_coeff * std::exp(0.32 * std::log(temp_delta_k) - 0.6064 * log_t)
                          : 0.0;
  // The cube root as exp(ln(x)/3): it agrees with std::cbrt to a few ulp and
  // costs a third as much (glibc's cbrt took more time than the rest of
  // this function).
  return std::exp(std::log(free * free * free + forced * forced * forced) / 3.0);
}

FuentesModel::FuentesModel(const FuentesParams& params) : p_(params) {
  tinoct_k_ = p_.noct_installed_c + 273.15;
  hydraulic_diameter_m_ =
      2.0 * p_.module_width_m * p_.module_length_m / (p_.module_width_m + p_.module_length_m);
  const double t = tinoct_k_;
  const double dt_noct = t - kNoctAirK;
  // Top-side convection at NOCT conditions (wind 1 m/s), then the ground
  // temperature and the total/top convection ratio that make the energy
  // balance close at NOCT (Fuentes' calibration from the installed NOCT).
  sin_tilt_ = std::sin(p_.surface_tilt_deg * std::numbers::pi / 180.0);
  convection_ = Convection(hydraulic_diameter_m_, sin_tilt_);
  const double hconv =
      convection_.coefficient(convection_.forced(1.0, false), (t + kNoctAirK) / 2.0, dt_noct);
  emissivity_sigma_ = p_.emissivity * kBoltzmann;
  const double hground = emissivity_sigma_ * (t * t + kNoctAirK * kNoctAirK) * (t + kNoctAirK);
  const double t4 = t * t * t * t;
  const double backrat = (p_.absorption * 800.0 -
                          emissivity_sigma_ * (t4 - std::pow(kNoctSkyK, 4)) - hconv * dt_noct) /
                         ((hground + hconv) * dt_noct);
  double tground = std::pow(t4 - backrat * (t4 - std::pow(kNoctAirK, 4)), 0.25);
  tground = std::clamp(tground, kNoctAirK, t);
  ground_ratio_ = (tground - kNoctAirK) / dt_noct;
  convection_ratio_ =
      (p_.absorption * 800.0 -
       emissivity_sigma_ * (2.0 * t4 - std::pow(kNoctSkyK, 4) - std::pow(tground, 4))) /
      (hconv * dt_noct);
  // Thermal mass grows with INOCT above 48 °C (racking coupled to the module:
  // roof mounts), Fuentes' Table 3.
  capacitance_j_per_m2_k_ = 11000.0;
  if (tinoct_k_ > 321.15) capacitance_j_per_m2_k_ *= 1.0 + (tinoct_k_ - 321.15) / 12.0;
  wind_factor_ = std::pow(p_.module_height_m / p_.wind_height_m, 0.2);
}

FuentesState FuentesModel::step(const FuentesState& s, double poa_w_per_m2, double temp_air_c,
                                double wind_m_per_s, Duration dt) const {
  const double tamb = temp_air_c + 273.15;
  const double sun = poa_w_per_m2 * p_.absorption;
  const double sun0 = s.absorbed_w_per_m2;
  const double tsky = 0.68 * (0.0552 * tamb * std::sqrt(tamb)) + 0.32 * tamb;  // eq. 24
  // Wind at module height (eq. 22); 1e-4 keeps the forced term finite at calm.
  const double wind = std::max(wind_m_per_s, 0.0) * wind_factor_ + 1e-4;
  const Forced forced = convection_.forced(wind, true);
  const double seconds_per_capacitance =
      static_cast<double>(dt.in_seconds()) / capacitance_j_per_m2_k_;
  const double tmod0 = s.module_temp_k;
  // One round of Fuentes' iteration: the end-of-step temperature that the
  // loss coefficients evaluated at `tmod` give.
  const auto update = [&](double tmod) {
    const double hconv = convection_ratio_ * convection_.coefficient(forced, (tmod + tamb) / 2.0,
                                                                     std::fabs(tmod - tamb));
    const double hsky = emissivity_sigma_ * (tmod * tmod + tsky * tsky) * (tmod + tsky);
    const double tground = tamb + ground_ratio_ * (tmod - tamb);
    const double hground = emissivity_sigma_ * (tmod * tmod + tground * tground) * (tmod + tground);
    const double htot = hconv + hsky + hground;
    const double eigen = -htot * seconds_per_capacitance;  // eq. 8
    const double ex = eigen > -10.0 ? std::exp(eigen) : 0.0;
    // Eq. 7: exact solution for linearly varying absorbed irradiance.
    return tmod0 * ex + ((1.0 - ex) * (hconv * tamb + hsky * tsky + hground * tground + sun0 +
                                       (sun - sun0) / eigen) +
                         sun - sun0) /
                            htot;
  };
  // The fixed point T = update(T), which Fuentes' code approaches by plain
  // repetition (ten rounds). Repetition converges only linearly (each round
  // shrinks the error by a factor of up to 0.3, often alternating in sign),
  // so after the first round we take secant steps on update(T) − T, which
  // converge superlinearly. We stop, as before, once a round moves the
  // temperature by less than 1e-6 K and return that round's result; or
  // earlier, without another round, once a secant step's own error is
  // predicted below 1e-7 K: the error after a step is about the step times
  // the ratio of the last two residuals. At most 10 rounds.
  double x_prev = tmod0;
  double f_prev = update(x_prev) - x_prev;
  double x = x_prev + f_prev;  // the first round's result
  double tmod = x;
  if (std::fabs(f_prev) >= 1e-6) {
    for (int round = 1; round < 10; ++round) {
      tmod = update(x);
      const double f = tmod - x;
      if (std::fabs(f) < 1e-6) break;
      const double slope = f - f_prev;
      // A secant step; a plain round instead where the secant is undefined
      // or would jump more than ten rounds' moves (a contraction of 0.9).
      const double next = slope != 0.0 ? x - f * (x - x_prev) / slope : tmod;
      if (!(std::fabs(next - x) <= 10.0 * std::fabs(f))) {
        x_prev = x;
        f_prev = f;
        x = tmod;
        continue;
      }
      if (std::fabs(next - x) * std::fabs(f / f_prev) < 1e-7) {
        tmod = next;
        break;
      }
      x_prev = x;
      f_prev = f;
      x = next;
    }
  }
  return {.module_temp_k = tmod, .absorbed_w_per_m2 = sun};
}

}  // namespace shapan::gen
