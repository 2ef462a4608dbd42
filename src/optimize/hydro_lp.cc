// Hydro plants and pumped storage as LP columns and rows
// (docs/optimization.md, "Hydro and pumped storage", gives the algebra with
// the same names).
#include "shapan/optimize/hydro_lp.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "shapan/dispatch/dispatch.h"

namespace shapan::optimize {
namespace {

constexpr double kKwPerMw = 1000.0;
constexpr double kM3PerHm3 = 1e6;
// Tie-breakers, far below any value of water: a cost on spill, money per
// (m³/s over a step), since the engine cannot spill at will (only the
// ecological release its turbines cannot take, and overflow); and a value
// of stored water, money per hm³ per step, so that among equal plans the
// water stays in the reservoir (more head, spill only when full, as the
// engine's overflow).
constexpr double kSpillCost = 1e-4;
constexpr double kVolumeValue = 1e-3;

double hm3_per_m3_per_s(double step_h) { return step_h * 3600.0 / kM3PerHm3; }

// The parts of plant p's rows and bounds that its linearisation moves.
double turbine_max_m3_per_s(const HydroLpPlant& plant, std::size_t t, double step_h) {
  const gen::HydroParams& hp = plant.params;
  const double cap_kw = std::min(hp.rated_power_kw * hp.share_frac, hp.line_limit_kw);
  const double k = plant.kw_per_m3_per_s[t];
  double q_max = k > 0.0 ? std::min(hp.max_turbine_flow_m3_per_s, cap_kw / k) : 0.0;
  const double ramp = hp.ramp_m3_per_s_per_h * step_h;
  if (t == 0 && std::isfinite(ramp)) {  // from the flow before (0: from rest)
    q_max = std::min(q_max, plant.initial_turbine_m3_per_s + ramp);
  }
  return q_max;
}

// Whether step t starts a period (a representative day) of h, or the run.
bool starts_period(const HydroProblem& h, std::size_t t) {
  return h.period_steps > 0 ? t % h.period_steps == 0 : t == 0;
}

// v_t − v_{t−1} + a (q_t + s_t) − a (q + s)_{above, t−k} = a I_t − E_t (+ V_0 at t = 0,
// or the period's start volume at a period's first step).
double water_rhs_hm3(const HydroProblem& h, std::size_t p, std::size_t t, double step_h) {
  const HydroLpPlant& plant = h.plants[p];
  const double a = hm3_per_m3_per_s(step_h);
  double rhs = a * (t < plant.inflow_m3_per_s.size() ? plant.inflow_m3_per_s[t] : 0.0) -
               plant.evaporation_hm3[t];
  if (h.period_steps > 0 && starts_period(h, t)) {
    rhs += plant.period_start_hm3[t / h.period_steps];
  } else if (t == 0) {
    rhs += plant.params.storage_initial_hm3;
  }
  if (p > 0 && t < plant.delay_steps) rhs += a * plant.first_inflow_m3_per_s;
  return rhs;
}

// The least volume at the end of step t of n: the reservoir's minimum, and
// at the run's end (or a period's) what the run (the period) must keep.
double volume_min_hm3(const HydroProblem& h, std::size_t p, std::size_t t, std::size_t n) {
  const HydroLpPlant& plant = h.plants[p];
  const double lo = plant.params.storage_min_hm3;
  if (h.period_steps > 0) {
    const bool last = (t + 1) % h.period_steps == 0;
    return last ? std::max(lo, plant.period_end_min_hm3[t / h.period_steps]) : lo;
  }
  return t + 1 == n ? std::max(lo, plant.end_volume_min_hm3)
                    : std::min(lo, plant.end_volume_min_hm3);
}

// Turbine flow, spill and volume of plant p, its water balance, ecological
// release and ramp rows; the power rows take −k_t q_t.
void add_plant(LpModel& m, const HydroProblem& h, std::size_t p, double step_h,
               HydroLayout& layout) {
  const HydroLpPlant& plant = h.plants[p];
  const gen::HydroParams& hp = plant.params;
  const std::size_t n = layout.power_rows.size();
  const double a = hm3_per_m3_per_s(step_h);
  const double ramp = hp.ramp_m3_per_s_per_h * step_h;
  std::vector<int>& q = layout.turbine.emplace_back(n);
  std::vector<int>& s = layout.spill.emplace_back(n);
  std::vector<int>& v = layout.volume.emplace_back(n);
  std::vector<int>& water = layout.water_rows.emplace_back(n);
  std::vector<int>& eco = layout.release_rows.emplace_back(n);
  for (std::size_t t = 0; t < n; ++t) {
    q[t] = m.add_column(fmt::format("{}_turbine_m3_per_s[{}]", hp.name, t), 0.0,
                        turbine_max_m3_per_s(plant, t, step_h), 0.0);
    s[t] = m.add_column(fmt::format("{}_spill_m3_per_s[{}]", hp.name, t), 0.0, kInf, kSpillCost);
    v[t] = m.add_column(fmt::format("{}_volume_hm3[{}]", hp.name, t), volume_min_hm3(h, p, t, n),
                        hp.storage_max_hm3, -kVolumeValue);
    m.add_entry(layout.power_rows[t], q[t], -plant.kw_per_m3_per_s[t] / kKwPerMw);
  }
  for (std::size_t t = 0; t < n; ++t) {
    const double rhs = water_rhs_hm3(h, p, t, step_h);
    water[t] = m.add_row(fmt::format("{}_water[{}]", hp.name, t), rhs, rhs);
    m.add_entry(water[t], v[t], 1.0);
    if (!starts_period(h, t)) m.add_entry(water[t], v[t - 1], -1.0);
    m.add_entry(water[t], q[t], a);
    m.add_entry(water[t], s[t], a);
    if (p > 0 && t >= plant.delay_steps) {
      m.add_entry(water[t], layout.turbine[p - 1][t - plant.delay_steps], -a);
      m.add_entry(water[t], layout.spill[p - 1][t - plant.delay_steps], -a);
    }
    eco[t] = m.add_row(fmt::format("{}_min_release[{}]", hp.name, t), plant.min_release_m3_per_s[t],
                       kInf);
    m.add_entry(eco[t], q[t], 1.0);
    m.add_entry(eco[t], s[t], 1.0);
    if (!starts_period(h, t) && std::isfinite(ramp)) {
      const int r = m.add_row(fmt::format("{}_ramp[{}]", hp.name, t), -ramp, ramp);
      m.add_entry(r, q[t], 1.0);
      m.add_entry(r, q[t - 1], -1.0);
    }
  }
}

void add_pumped(LpModel& m, const PumpedLpUnit& u, double step_h, const std::vector<int>& balance,
                HydroLayout& layout) {
  const std::size_t n = balance.size();
  std::vector<int>& c = layout.pump.emplace_back(n);
  std::vector<int>& d = layout.generate.emplace_back(n);
  std::vector<int>& e = layout.stored.emplace_back(n);
  const double e_lo = u.energy_min_kwh / kKwPerMw;
  const double e_hi = u.energy_max_kwh / kKwPerMw;
  const double e0 = u.energy_initial_kwh / kKwPerMw;
  for (std::size_t t = 0; t < n; ++t) {
    c[t] =
        m.add_column(fmt::format("{}_pump_mw[{}]", u.name, t), 0.0, u.pump_max_kw / kKwPerMw, 0.0);
    d[t] = m.add_column(fmt::format("{}_generate_mw[{}]", u.name, t), 0.0,
                        u.turbine_max_kw / kKwPerMw, 0.0);
    const double lo = t + 1 == n ? std::max(e_lo, std::min(e0, e_hi)) : e_lo;
    e[t] = m.add_column(fmt::format("{}_stored_mwh[{}]", u.name, t), lo, e_hi, 0.0);
    m.add_entry(balance[t], d[t], 1.0);
    m.add_entry(balance[t], c[t], -1.0);
    // e_t − e_{t−1} − η_p Δ c_t + Δ / η_t d_t = 0 (e_{−1} = the initial energy).
    const double rhs = t == 0 ? e0 : 0.0;
    const int row = m.add_row(fmt::format("{}_energy[{}]", u.name, t), rhs, rhs);
    m.add_entry(row, e[t], 1.0);
    if (t > 0) m.add_entry(row, e[t - 1], -1.0);
    m.add_entry(row, c[t], -u.pump_efficiency_frac * step_h);
    m.add_entry(row, d[t], step_h / u.turbine_efficiency_frac);
  }
}

std::vector<double> column_values(const Solution& s, const std::vector<int>& cols, double scale) {
  std::vector<double> out(cols.size());
  for (std::size_t t = 0; t < cols.size(); ++t) {
    out[t] = s.column_values[static_cast<std::size_t>(cols[t])] * scale;
  }
  return out;
}

void add_into(std::vector<double>& sum, const std::vector<double>& v) {
  if (sum.empty()) sum.assign(v.size(), 0.0);
  for (std::size_t t = 0; t < v.size(); ++t) sum[t] += v[t];
}

}  // namespace

void add_hydro(LpModel& m, const HydroProblem& h, double step_h, const std::vector<int>& balance,
               const std::vector<int>& export_rows, HydroLayout& layout) {
  layout = HydroLayout{};
  const std::size_t n = balance.size();
  if (!h.plants.empty() && n > 0) {
    layout.power_rows.resize(n);
    layout.power.resize(n);
    for (std::size_t t = 0; t < n; ++t) {
      // P_t − Σ_p k_pt q_pt = 0, P_t into the balance.
      layout.power[t] = m.add_column(fmt::format("hydro_power_mw[{}]", t), 0.0, kInf, 0.0);
      layout.power_rows[t] = m.add_row(fmt::format("hydro_power[{}]", t), 0.0, 0.0);
      m.add_entry(layout.power_rows[t], layout.power[t], 1.0);
      m.add_entry(balance[t], layout.power[t], 1.0);
    }
    for (std::size_t p = 0; p < h.plants.size(); ++p) add_plant(m, h, p, step_h, layout);
    // x_t − P_t ≤ ...: hydro may be exported (the dispatch bounds the row by
    // the renewables' surplus, sizing by their production).
    for (std::size_t t = 0; t < export_rows.size(); ++t) {
      m.add_entry(export_rows[t], layout.power[t], -1.0);
    }
    layout.export_rows = export_rows;
  }
  for (const PumpedLpUnit& u : h.pumped) add_pumped(m, u, step_h, balance, layout);
}

void update_hydro(Session& session, const HydroProblem& h, double step_h,
                  const HydroLayout& layout) {
  for (std::size_t p = 0; p < layout.turbine.size(); ++p) {
    const HydroLpPlant& plant = h.plants[p];
    const std::size_t n = layout.turbine[p].size();
    for (std::size_t t = 0; t < n; ++t) {
      session.set_entry(layout.power_rows[t], layout.turbine[p][t],
                        -plant.kw_per_m3_per_s[t] / kKwPerMw);
      session.set_column_bounds(layout.turbine[p][t], 0.0, turbine_max_m3_per_s(plant, t, step_h));
      session.set_column_bounds(layout.volume[p][t], volume_min_hm3(h, p, t, n),
                                plant.params.storage_max_hm3);
      const double rhs = water_rhs_hm3(h, p, t, step_h);
      session.set_row_bounds(layout.water_rows[p][t], rhs, rhs);
      session.set_row_bounds(layout.release_rows[p][t], plant.min_release_m3_per_s[t], kInf);
    }
  }
}

HydroPlan read_hydro(const HydroProblem& h, const HydroLayout& layout, const Solution& s,
                     double step_h) {
  HydroPlan out;
  if (!layout.power.empty()) out.hydro_kw = column_values(s, layout.power, kKwPerMw);
  for (std::size_t p = 0; p < layout.turbine.size(); ++p) {
    out.turbine_m3_per_s.push_back(column_values(s, layout.turbine[p], 1.0));
    out.spill_m3_per_s.push_back(column_values(s, layout.spill[p], 1.0));
    out.volume_hm3.push_back(column_values(s, layout.volume[p], 1.0));
    std::vector<double>& kw = out.plant_kw.emplace_back(out.turbine_m3_per_s.back());
    for (std::size_t t = 0; t < kw.size(); ++t) kw[t] *= h.plants[p].kw_per_m3_per_s[t];
  }
  for (const double p_kw : out.hydro_kw) out.hydro_kwh += p_kw * step_h;
  for (std::size_t u = 0; u < layout.pump.size(); ++u) {
    add_into(out.pumped_charge_kw, column_values(s, layout.pump[u], kKwPerMw));
    add_into(out.pumped_discharge_kw, column_values(s, layout.generate[u], kKwPerMw));
  }
  return out;
}

void follow_engine_bounds(Session& session, const HydroProblem& h, const HydroLayout& layout,
                          std::size_t t, double surplus_mw, double deficit_mw) {
  if (t < layout.export_rows.size()) {
    session.set_row_bounds(layout.export_rows[t], -kInf, surplus_mw);
  }
  for (std::size_t u = 0; u < layout.generate.size(); ++u) {
    session.set_column_bounds(layout.generate[u][t], 0.0,
                              std::min(deficit_mw, h.pumped[u].turbine_max_kw / kKwPerMw));
  }
}

void add_to_plan(const HydroPlan& plan, dispatch::DispatchPlan& out) {
  out.hydro_kw = plan.hydro_kw;
  if (plan.plant_kw.size() > 1) out.hydro_plant_kw = plan.plant_kw;
  const std::size_t n = out.battery_charge_kw.size();
  for (std::size_t t = 0; t < n && t < plan.pumped_charge_kw.size(); ++t) {
    out.battery_charge_kw[t] += plan.pumped_charge_kw[t];
    out.battery_discharge_kw[t] += plan.pumped_discharge_kw[t];
  }
}

}  // namespace shapan::optimize
