// PV cell temperature models. POA irradiance in W/m², temperatures in °C,
// wind speed in m/s at the height each model was fitted for (10 m unless
// stated). Thread-safety: pure functions; Fuentes is a const object stepped
// through an explicit state.
#pragma once

#include <limits>

#include "shapan/core/time.h"

namespace shapan::gen {

// SAPM (King et al. 2004, SAND2004-3535, eq. 11–12):
//   T_module = E·exp(a + b·WS) + T_air;  T_cell = T_module + E/1000·ΔT.
// Open rack glass/glass: a = −3.47, b = −0.0594, ΔT = 3.
struct SapmTempParams {
  double a = -3.47;
  double b = -0.0594;
  double delta_t_c = 3.0;
};
double sapm_module_temp_c(double poa_w_per_m2, double temp_air_c, double wind_m_per_s,
                          const SapmTempParams& p = {});
double sapm_cell_from_module_c(double module_temp_c, double poa_w_per_m2,
                               const SapmTempParams& p = {});
double sapm_cell_temp_c(double poa_w_per_m2, double temp_air_c, double wind_m_per_s,
                        const SapmTempParams& p = {});

// PVsyst (PVsyst 6 help, "Thermal loss"):
//   T_cell = T_air + α·E·(1 − η_m)/(U_c + U_v·WS).
// Free-standing: U_c = 29 W/m²K, U_v = 0; insulated 15; semi-integrated 20.
struct PvsystTempParams {
  double u_c_w_per_m2_k = 29.0;
  double u_v_w_per_m3_k_s = 0.0;  // W/(m²·K) per m/s
  double module_efficiency_frac = 0.1;
  double alpha_absorption_frac = 0.9;
};
double pvsyst_cell_temp_c(double poa_w_per_m2, double temp_air_c, double wind_m_per_s,
                          const PvsystTempParams& p = {});

// Faiman (2008), Prog. Photovolt. 16(4): T = T_air + E/(U0 + U1·WS),
// defaults U0 = 25 W/m²K, U1 = 6.84 W/(m²·K) per m/s.
struct FaimanTempParams {
  double u0_w_per_m2_k = 25.0;
  double u1_w_per_m3_k_s = 6.84;
};
double faiman_temp_c(double poa_w_per_m2, double temp_air_c, double wind_m_per_s,
                     const FaimanTempParams& p = {});

// Fuentes (1987), "A simplified thermal model for flat-plate photovoltaic
// arrays", SAND85-0330: an energy balance with convection (free + forced),
// radiation to sky and ground, and a thermal mass, integrated analytically over
// each step with irradiance varying linearly within it. This is the model of
// PVWatts v5 (INOCT 45 °C open rack, 49 °C roof mount), with PVWatts' fixed
// geometry (5 m module height, wind measured at 9.144 m, 30° tilt).
struct FuentesParams {
  double noct_installed_c = 45.0;  // installed nominal operating cell temperature
  double module_height_m = 5.0;
  double wind_height_m = 9.144;
  double emissivity = 0.84;
  double absorption = 0.83;
  double surface_tilt_deg = 30.0;  // for free convection only
  double module_width_m = 0.31579;
  double module_length_m = 1.2;
};

struct FuentesState {
  double module_temp_k = 293.15;   // at the end of the last step
  double absorbed_w_per_m2 = 0.0;  // α·E of the last step
  // For the solver's first guess and stop only (not part of the model):
  // the temperature at the end of the step before the last (NaN: none), and
  // the last step's Newton convergence factor K = |e_(k+1)| / e_k², in 1/K
  // (0: unknown).
  double previous_module_temp_k = std::numeric_limits<double>::quiet_NaN();
  double newton_factor_per_k = 0.0;
};

class FuentesModel {
 public:
  explicit FuentesModel(const FuentesParams& params = {});
  // Temperature at the end of a step of length `dt` during which POA goes
  // linearly from the state's value to `poa_w_per_m2`. Returns the new state;
  // its module_temp_k − 273.15 is the cell temperature (°C).
  FuentesState step(const FuentesState& s, double poa_w_per_m2, double temp_air_c,
                    double wind_m_per_s, Duration dt) const;

 private:
  // Forced-convection factors of one step's wind (cell_temperature.cc).
  struct Forced {
    double laminar = 0.0;    // c_l·w^0.5
    double turbulent = 0.0;  // c_t·w^0.8
    // Turbulent (Re > 1.2e5) while ln(film temperature) is below this.
    double turbulent_below_log_t = 0.0;
  };
  // A convective coefficient, W/(m²·K), and its derivatives in the film
  // temperature and the module–air temperature difference.
  struct ConvectionSlopes {
    double h = 0.0;
    double dh_dfilm_k = 0.0;
    double dh_ddelta_k = 0.0;
  };
  // Fuentes' top-surface convective coefficient, W/(m²·K), with the air
  // properties' powers of temperature folded into constants of the module.
  struct Convection {
    Convection() = default;
    Convection(double hydraulic_diameter_m, double sin_tilt);
    Forced forced(double wind_m_per_s, bool check_reynolds) const;
    double coefficient(const Forced& f, double film_temp_k, double temp_delta_k) const;
    ConvectionSlopes coefficient_and_slopes(const Forced& f, double film_temp_k,
                                            double temp_delta_k) const;
    double laminar_coeff = 0.0;
    double turbulent_coeff = 0.0;
    double free_coeff = 0.0;            // 0 when the module is flat (no buoyant flow)
    double log_turbulent_offset = 0.0;  // ln(L/ν0) − ln(1.2e5)
  };

  FuentesParams p_;
  double tinoct_k_ = 0.0;
  double hydraulic_diameter_m_ = 0.0;
  double ground_ratio_ = 0.0;      // (T_ground − T_air)/(T_module − T_air)
  double convection_ratio_ = 0.0;  // total / top-side convection
  double capacitance_j_per_m2_k_ = 0.0;
  double wind_factor_ = 0.0;  // (module height / wind height)^0.2
  double sin_tilt_ = 0.5;
  double emissivity_sigma_ = 0.0;  // ε·σ, W/(m²·K⁴)
  Convection convection_;

  // One step's constants and one round of Fuentes' iteration toward its
  // end-of-step temperature (cell_temperature.cc).
  struct StepRound;
};

}  // namespace shapan::gen
