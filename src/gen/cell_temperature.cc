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

FuentesModel::ConvectionSlopes FuentesModel::Convection::coefficient_and_slopes(
    const Forced& f, double film_temp_k, double temp_delta_k) const {
  const double log_t = std::log(film_temp_k);
  const bool turbulent = log_t < f.turbulent_below_log_t;
  const double forced_power = turbulent ? -0.648 : -0.12;
  const double forced = (turbulent ? f.turbulent : f.laminar) * std::exp(forced_power * log_t);
  const double free = free_coeff > 0.0 && temp_delta_k > 0.0
                          ? free_coeff * std::exp(0.32 * std::log(temp_delta_k) - 0.6064 * log_t)
                          : 0.0;
  // The cube root as exp(ln(x)/3): it agrees with std::cbrt to a few ulp and
  // costs a third as much (glibc's cbrt took more time than the rest of
  // this function).
  const double free3 = free * free * free;
  const double forced3 = forced * forced * forced;
  const double h = std::exp(std::log(free3 + forced3) / 3.0);
  // h = (free³ + forced³)^(1/3): dh = (free²·dfree + forced²·dforced)/h²,
  // with the powers' derivatives x·p/T.
  const double per_h2 = 1.0 / (h * h);
  return {.h = h,
          .dh_dfilm_k = (free3 * -0.6064 + forced3 * forced_power) / film_temp_k * per_h2,
          .dh_ddelta_k = free > 0.0 ? free3 * 0.32 / temp_delta_k * per_h2 : 0.0};
}

double FuentesModel::Convection::coefficient(const Forced& f, double film_temp_k,
                                             double temp_delta_k) const {
  return coefficient_and_slopes(f, film_temp_k, temp_delta_k).h;
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

struct FuentesModel::StepRound {
  // The end-of-step temperature that the loss coefficients evaluated at
  // `temp_k` give, and its derivative in temp_k (for Newton's method in
  // step(); plain arithmetic on the same terms).
  struct Update {
    double temp_k;
    double slope;
  };
  Update at(double tmod) const {
    const double delta = tmod - tamb;
    const ConvectionSlopes c =
        convection.coefficient_and_slopes(forced, (tmod + tamb) / 2.0, std::fabs(delta));
    const double hconv = convection_ratio * c.h;
    const double hsky = es * (tmod * tmod + tsky * tsky) * (tmod + tsky);
    const double tground = tamb + g * delta;
    const double hground = es * (tmod * tmod + tground * tground) * (tmod + tground);
    const double htot = hconv + hsky + hground;
    const double eigen = -htot * seconds_per_capacitance;  // eq. 8
    const double ex = eigen > -10.0 ? std::exp(eigen) : 0.0;
    // Eq. 7: exact solution for linearly varying absorbed irradiance.
    const double gains =
        hconv * tamb + hsky * tsky + hground * tground + sun0 + (sun - sun0) / eigen;
    const double absorbed = (1.0 - ex) * gains + sun - sun0;
    const double temp_k = tmod0 * ex + absorbed / htot;
    // Derivatives in tmod, term by term.
    const double d_hconv =
        convection_ratio * (0.5 * c.dh_dfilm_k + (delta >= 0.0 ? c.dh_ddelta_k : -c.dh_ddelta_k));
    const double d_hsky = es * (3.0 * tmod * tmod + 2.0 * tmod * tsky + tsky * tsky);
    const double d_hground = es * ((2.0 * tmod + 2.0 * tground * g) * (tmod + tground) +
                                   (tmod * tmod + tground * tground) * (1.0 + g));
    const double d_htot = d_hconv + d_hsky + d_hground;
    const double d_eigen = -d_htot * seconds_per_capacitance;
    const double d_ex = ex * d_eigen;
    const double d_gains = d_hconv * tamb + d_hsky * tsky + d_hground * tground + hground * g -
                           (sun - sun0) * d_eigen / (eigen * eigen);
    const double d_absorbed = -d_ex * gains + (1.0 - ex) * d_gains;
    const double slope = tmod0 * d_ex + (d_absorbed * htot - absorbed * d_htot) / (htot * htot);
    return Update{.temp_k = temp_k, .slope = slope};
  }

  const Convection& convection;
  Forced forced;
  double convection_ratio;
  double tamb;  // air, K
  double tsky;  // sky, K (eq. 24)
  double es;    // ε·σ
  double g;     // ground ratio
  double seconds_per_capacitance;
  double sun;    // absorbed at the step's end, W/m²
  double sun0;   // absorbed at its start
  double tmod0;  // module at its start, K
};

FuentesState FuentesModel::step(const FuentesState& s, double poa_w_per_m2, double temp_air_c,
                                double wind_m_per_s, Duration dt) const {
  const double tamb = temp_air_c + 273.15;
  // Wind at module height (eq. 22); 1e-4 keeps the forced term finite at calm.
  const double wind = std::max(wind_m_per_s, 0.0) * wind_factor_ + 1e-4;
  const StepRound round_at{
      .convection = convection_,
      .forced = convection_.forced(wind, true),
      .convection_ratio = convection_ratio_,
      .tamb = tamb,
      .tsky = 0.68 * (0.0552 * tamb * std::sqrt(tamb)) + 0.32 * tamb,  // eq. 24
      .es = emissivity_sigma_,
      .g = ground_ratio_,
      .seconds_per_capacitance = static_cast<double>(dt.in_seconds()) / capacitance_j_per_m2_k_,
      .sun = poa_w_per_m2 * p_.absorption,
      .sun0 = s.absorbed_w_per_m2,
      .tmod0 = s.module_temp_k};
  const double tmod0 = s.module_temp_k;
  // The fixed point T = update(T), which Fuentes' code approaches by plain
  // repetition (ten rounds), converging linearly (each round shrinks the
  // error by a factor of up to 0.3). We take Newton steps on
  // F(T) = update(T) − T instead, which converge quadratically. We stop, as
  // before, once a round moves the temperature by less than 1e-6 K and
  // return that round's result; or earlier, without another round, once a
  // Newton step's own error is predicted below 1e-7 K (for quadratic
  // convergence, the error after step δ_k is about K·δ_k², K = δ_k/δ_{k−1}²).
  // The first round uses the K the last step ended with, with a 100× smaller
  // bound (1e-9 K), and starts from the temperature carried on at its last
  // rate of change. Where the derivative is unusable a round is a plain
  // repetition. At most 10 rounds.
  double x =
      std::isfinite(s.previous_module_temp_k) ? 2.0 * tmod0 - s.previous_module_temp_k : tmod0;
  double tmod = x;
  double last_step = 0.0;
  double factor = s.newton_factor_per_k;
  for (int round = 0; round < 10; ++round) {
    const StepRound::Update u = round_at.at(x);
    tmod = u.temp_k;
    const double f = u.temp_k - x;
    if (std::fabs(f) < 1e-6) break;
    const double newton = u.slope < 0.9 ? -f / (u.slope - 1.0) : f;
    const double step = std::isfinite(newton) ? newton : f;
    if (round > 0) factor = std::fabs(step) / (last_step * last_step);
    if (factor > 0.0 && factor * step * step < (round == 0 ? 1e-9 : 1e-7)) {
      tmod = x + step;
      break;
    }
    last_step = step;
    x += step;
  }
  return {.module_temp_k = tmod,
          .absorbed_w_per_m2 = round_at.sun,
          .previous_module_temp_k = tmod0,
          .newton_factor_per_k = factor};
}

}  // namespace shapan::gen
