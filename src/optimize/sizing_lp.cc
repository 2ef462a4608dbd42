// The sizing LP, built directly as a sparse matrix (docs/optimization.md
// gives the algebra with the same names).
#include "sizing_lp.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>

#include "jobs_lp.h"

namespace shapan::optimize::sizing {
namespace {

constexpr double kKwPerMw = 1000.0;
constexpr double kHoursPerYear = 8760.0;

// Energy rows on total grid import: Σ_t coef_t g_t ≤ limit (+ slack).
TargetRow add_target(LpModel& m, const Layout& layout, std::string name, double limit,
                     std::string unit, const std::vector<double>& coef_per_step) {
  TargetRow t{.name = std::move(name), .limit = limit, .unit = std::move(unit)};
  t.row = m.add_row(t.name, -kInf, limit);
  t.slack = m.add_column(t.name + "_violation", 0.0, kInf, kTargetPenalty);
  m.add_entry(t.row, t.slack, -1.0);
  for (std::size_t i = 0; i < layout.grid.size(); ++i) {
    m.add_entry(t.row, layout.grid[i], coef_per_step[i]);
  }
  return t;
}

void add_storage(LpModel& m, const SizingProblem& p, std::size_t b, Layout& layout) {
  const SizedStorage& s = p.storages[b];
  const std::size_t n = p.load_kw.size();
  const double dt = p.step_h;
  int power = -1;
  int energy = -1;
  if (!layout.capacities_outside) {
    power = m.add_column(s.name + "_power_mw", s.power_min_kw / kKwPerMw, s.power_max_kw / kKwPerMw,
                         storage_power_cost_per_mw_year(s));
    if (s.duration_h <= 0.0) {
      energy = m.add_column(s.name + "_energy_mwh", s.energy_min_kwh / kKwPerMw,
                            s.energy_max_kwh / kKwPerMw, s.cost_per_kwh_year * kKwPerMw);
    }
  }
  layout.storage_power.push_back(power);
  layout.storage_energy.push_back(energy);
  std::vector<int>& c = layout.charge.emplace_back(n);
  std::vector<int>& d = layout.discharge.emplace_back(n);
  std::vector<int>& soc = layout.soc.emplace_back(n);
  for (std::size_t t = 0; t < n; ++t) {
    c[t] = m.add_column(fmt::format("{}_charge_mw[{}]", s.name, t), 0.0, kInf, 0.0);
    d[t] = m.add_column(fmt::format("{}_discharge_mw[{}]", s.name, t), 0.0, kInf, 0.0);
    soc[t] = m.add_column(fmt::format("{}_soc_mwh[{}]", s.name, t), 0.0, kInf, 0.0);
    m.add_entry(layout.balance[t], d[t], 1.0);
    m.add_entry(layout.balance[t], c[t], -1.0);
  }
  const double keep = 1.0 - s.self_discharge_frac_per_step;
  std::vector<int>& keep_up = layout.keep_up.emplace_back();
  if (layout.capacities_outside && s.soc_min_frac > 0.0 && s.self_discharge_frac_per_step > 0.0) {
    keep_up.resize(n);
    for (std::size_t t = 0; t < n; ++t) {
      keep_up[t] = m.add_column(fmt::format("{}_keep_up_mwh[{}]", s.name, t), 0.0, kInf,
                                kKeepUpPenalty * layout.year_factor);
    }
  }
  for (std::size_t t = 0; t < n; ++t) {
    // s_t - keep s_{t-1} - eta_c dt c_t + dt / eta_d d_t = 0, cyclic (t-1 of 0 is n-1).
    const int row = m.add_row(fmt::format("{}_soc_balance[{}]", s.name, t), 0.0, 0.0);
    m.add_entry(row, soc[t], 1.0);
    if (t > 0 || !s.initial_energy_kwh) {
      m.add_entry(row, soc[previous_in_period(p, t)], -keep);
    } else {  // a window: s_0 - ... = keep × the stored energy it starts from
      const double start_mwh = keep * *s.initial_energy_kwh / kKwPerMw;
      m.set_row_bounds(row, start_mwh, start_mwh);
    }
    m.add_entry(row, c[t], -s.charge_efficiency_frac * dt);
    m.add_entry(row, d[t], dt / s.discharge_efficiency_frac);
    if (!keep_up.empty()) m.add_entry(row, keep_up[t], -1.0);
    if (layout.capacities_outside) continue;
    const int c_max = m.add_row(fmt::format("{}_charge_max[{}]", s.name, t), -kInf, 0.0);
    m.add_entry(c_max, c[t], 1.0);
    m.add_entry(c_max, power, -1.0);
    const int d_max = m.add_row(fmt::format("{}_discharge_max[{}]", s.name, t), -kInf, 0.0);
    m.add_entry(d_max, d[t], 1.0);
    m.add_entry(d_max, power, -1.0);
    const int e_col = energy >= 0 ? energy : power;
    const double per = (energy >= 0 ? 1.0 : s.duration_h) * capacity_frac(s, t);
    const int s_max = m.add_row(fmt::format("{}_soc_max[{}]", s.name, t), -kInf, 0.0);
    m.add_entry(s_max, soc[t], 1.0);
    m.add_entry(s_max, e_col, -s.soc_max_frac * per);
    if (s.soc_min_frac > 0.0) {
      const int s_min = m.add_row(fmt::format("{}_soc_min[{}]", s.name, t), 0.0, kInf);
      m.add_entry(s_min, soc[t], 1.0);
      m.add_entry(s_min, e_col, -s.soc_min_frac * per);
    }
  }
  if (s.initial_energy_kwh && n > 0) {
    // A window's end: s_{n-1} + shortfall >= the least end energy, soft.
    const int row = m.add_row(s.name + "_end_energy_min", s.end_energy_min_kwh / kKwPerMw, kInf);
    const int shortfall = m.add_column(s.name + "_end_energy_shortfall_mwh", 0.0, kInf,
                                       kEndShortfallPenalty * layout.year_factor);
    m.add_entry(row, soc[n - 1], 1.0);
    m.add_entry(row, shortfall, 1.0);
  }
}

}  // namespace

UnitRange unit_range(const SizedSource& src) {
  if (!(src.unit_kw > 0.0)) {
    return {.lower = src.capacity_min_kw / kKwPerMw, .upper = src.capacity_max_kw / kKwPerMw};
  }
  // Counts within the bounds; 1e-9 keeps a bound that is a whole multiple
  // from losing its unit to rounding.
  return {.whole = true,
          .scale_mw = src.unit_kw / kKwPerMw,
          .lower = std::ceil(src.capacity_min_kw / src.unit_kw - 1e-9),
          .upper = std::floor(src.capacity_max_kw / src.unit_kw + 1e-9)};
}

void set_grid_tie(Session& session, const SizingProblem& p, const Layout& layout,
                  double grid_tie_mw) {
  const double for_load_mw =
      std::max(0.0, grid_tie_mw * usable_tie_frac(p) - p.import_reserved_kw / kKwPerMw);
  for (const int j : layout.grid) session.set_column_bounds(j, 0.0, for_load_mw);
}

double usable_tie_frac(const SizingProblem& p) {
  return p.grid_tie ? 1.0 / (1.0 + p.grid_tie->margin_frac) : 1.0;
}

double represented_h(const SizingProblem& p, std::size_t t) {
  return p.step_weight.empty() ? p.step_h : p.step_h * p.step_weight[t];
}

std::size_t previous_in_period(const SizingProblem& p, std::size_t t) {
  const std::size_t period = p.period_steps > 0 ? p.period_steps : p.load_kw.size();
  return t % period == 0 ? t + period - 1 : t - 1;
}

double lowest_import_limit_kw(const SizingProblem& p) {
  return std::max(
      0.0, (p.grid_tie ? p.grid_tie->min_kw : p.grid_import_limit_kw) - p.import_reserved_kw);
}

double storage_energy_mwh(const SizedStorage& s, double power_mw, double energy_mwh) {
  return s.duration_h > 0.0 ? s.duration_h * power_mw : energy_mwh;
}

double capacity_frac(const SizedStorage& s, std::size_t t) {
  return s.capacity_frac_per_step.empty() ? 1.0 : s.capacity_frac_per_step[t];
}

double storage_power_cost_per_mw_year(const SizedStorage& s) {
  const double per_kw = s.cost_per_kw_year + std::max(s.duration_h, 0.0) * s.cost_per_kwh_year;
  return per_kw * kKwPerMw;
}

namespace {

// The capacity columns of the textbook LP (none with capacities outside:
// only each source's scale is recorded) and the grid tie's size.
void add_capacity_columns(LpModel& m, const SizingProblem& p, Layout& layout) {
  for (const SizedSource& src : p.sources) {
    const UnitRange units = unit_range(src);
    layout.source_scale_mw.push_back(units.scale_mw);
    if (layout.capacities_outside) {
      layout.source_capacity.push_back(-1);
      continue;
    }
    layout.source_capacity.push_back(
        m.add_column(src.name + (units.whole ? "_units" : "_capacity_mw"), units.lower, units.upper,
                     src.cost_per_kw_year * kKwPerMw * units.scale_mw, units.whole));
  }
  if (p.grid_tie && !layout.capacities_outside) {
    layout.grid_tie =
        m.add_column("grid_tie_mw", p.grid_tie->min_kw / kKwPerMw, p.grid_tie->max_kw / kKwPerMw,
                     p.grid_tie->cost_per_kw_year * kKwPerMw);
  }
}

// Step t: its grid import (within the tie), balance row, export, unserved
// load and the sources' capacities on the balance.
void add_step(LpModel& m, const SizingProblem& p, std::size_t t, double import_limit_mw,
              Layout& layout) {
  // Grid energy cost per MW of import in this step, per year: the tariff
  // and the carbon price on the step's emissions.
  const double price_per_kwh =
      p.grid_price_per_kwh[t] + p.carbon_price_per_t * p.grid_carbon_kg_per_kwh[t] / 1000.0;
  const double h = represented_h(p, t);
  const double cost = price_per_kwh * kKwPerMw * h * layout.year_factor;
  layout.grid[t] = m.add_column(fmt::format("grid_import_mw[{}]", t), 0.0, import_limit_mw, cost);
  if (layout.grid_tie >= 0) {
    // g_t <= G / (1 + margin) - reserved: the import within the
    // connection's size, its headroom and the auxiliary loads' reserve.
    const int row =
        m.add_row(fmt::format("grid_tie_limit[{}]", t), -kInf, -p.import_reserved_kw / kKwPerMw);
    m.add_entry(row, layout.grid[t], 1.0);
    m.add_entry(row, layout.grid_tie, -usable_tie_frac(p));
  }
  // Supply >= demand + export: the surplus is curtailed.
  layout.balance[t] = m.add_row(fmt::format("balance[{}]", t), p.load_kw[t] / kKwPerMw, kInf);
  m.add_entry(layout.balance[t], layout.grid[t], 1.0);
  if (!layout.grid_export.empty()) {
    const double revenue = p.grid_export_price_per_kwh[t] * kKwPerMw * h * layout.year_factor;
    layout.grid_export[t] = m.add_column(fmt::format("grid_export_mw[{}]", t), 0.0,
                                         p.grid_export_limit_kw / kKwPerMw, -revenue);
    m.add_entry(layout.balance[t], layout.grid_export[t], -1.0);
  }
  if (!layout.unserved.empty()) {
    // Dispatch prices unserved energy like the other operating terms (per
    // year); sizing keeps it per run (it only marks an unreachable load).
    const double per_mwh = kTargetPenalty * (p.allow_unserved ? layout.year_factor : 1.0);
    layout.unserved[t] = m.add_column(fmt::format("unserved_mw[{}]", t), 0.0, kInf, per_mwh * h);
    m.add_entry(layout.balance[t], layout.unserved[t], 1.0);
  }
  for (std::size_t k = 0; k < p.sources.size() && !layout.capacities_outside; ++k) {
    m.add_entry(layout.balance[t], layout.source_capacity[k],
                p.sources[k].availability_per_kw[t] * layout.source_scale_mw[k]);
  }
}

// Each source's capacity in MW when its bounds leave one value (a whole-unit
// farm: one count), else nothing.
std::optional<std::vector<double>> fixed_capacities_mw(const SizingProblem& p) {
  std::vector<double> mw;
  mw.reserve(p.sources.size());
  for (const SizedSource& src : p.sources) {
    const UnitRange units = unit_range(src);
    if (units.lower != units.upper) return std::nullopt;
    mw.push_back(units.lower * units.scale_mw);
  }
  return mw;
}

// Exports only from what the plant produces (docs/optimization.md, sizing's
// row 9). The engine exports x_t ≤ f(R_t) = min(X, max(0, R_t − L_t)), R_t
// = Σ_k a_kt C_k: not convex in the capacities. Over R ≥ 0 its least
// concave majorant is κ_t R_t with κ_t = X / (X + L_t) up to R = X + L_t (the
// chord from 0 to f's corner), then X, so x_t ≤ κ_t Σ_k a_kt C_k (+ hydro
// P_t, add_hydro's entry) is the tightest convex bound every engine plan
// meets. With every capacity fixed and no hydro the exact bound is a
// constant, the export column's: min(X, max(0, R_t − L_t)), as dispatch
// sets it. Otherwise a row, with the capacity columns in it (textbook) or
// its right-hand side set per point (set_source_capacities).
void add_export_from_production(LpModel& m, const SizingProblem& p, Layout& layout) {
  if (layout.grid_export.empty()) return;
  const std::size_t n = layout.grid_export.size();
  const double limit_mw = p.grid_export_limit_kw / kKwPerMw;
  const std::optional<std::vector<double>> fixed_mw = fixed_capacities_mw(p);
  if (fixed_mw && p.hydro.plants.empty()) {
    for (std::size_t t = 0; t < n; ++t) {
      double produced_mw = 0.0;
      for (std::size_t k = 0; k < p.sources.size(); ++k) {
        produced_mw += p.sources[k].availability_per_kw[t] * (*fixed_mw)[k];
      }
      const double surplus_mw = std::max(0.0, produced_mw - p.load_kw[t] / kKwPerMw);
      m.set_column_bounds(layout.grid_export[t], 0.0, std::min(limit_mw, surplus_mw));
    }
    return;
  }
  layout.export_rows.resize(n);
  layout.export_frac.resize(n);
  for (std::size_t t = 0; t < n; ++t) {
    const double load_mw = p.load_kw[t] / kKwPerMw;
    layout.export_frac[t] = std::isinf(limit_mw) ? 1.0 : limit_mw / (limit_mw + load_mw);
    const int row = m.add_row(fmt::format("export_from_production[{}]", t), -kInf, 0.0);
    layout.export_rows[t] = row;
    m.add_entry(row, layout.grid_export[t], 1.0);
    for (std::size_t k = 0; k < p.sources.size() && !layout.capacities_outside; ++k) {
      m.add_entry(
          row, layout.source_capacity[k],
          -layout.export_frac[t] * p.sources[k].availability_per_kw[t] * layout.source_scale_mw[k]);
    }
  }
}

// The demand charge: a column per billing month, its peak import (MW, at
// the charge per MW-month, per year), and g_t − peak_m(t) ≤ 0 each step.
void add_demand_charge(LpModel& m, const SizingProblem& p, Layout& layout) {
  if (!(p.demand_charge_per_kw_month > 0.0) || p.month_of_step.empty()) return;
  const double cost = p.demand_charge_per_kw_month * kKwPerMw * layout.year_factor;
  for (std::size_t k = 0; k <= p.month_of_step.back(); ++k) {
    layout.month_peak.push_back(m.add_column(fmt::format("month_peak_mw[{}]", k), 0.0, kInf, cost));
  }
  for (std::size_t t = 0; t < layout.grid.size(); ++t) {
    const int row = m.add_row(fmt::format("month_peak[{}]", t), -kInf, 0.0);
    m.add_entry(row, layout.grid[t], 1.0);
    m.add_entry(row, layout.month_peak[p.month_of_step[t]], -1.0);
  }
}

// The targets' rows over the run (each step weighted by the hours it stands for).
void add_targets(LpModel& m, const SizingProblem& p, Layout& layout) {
  const std::size_t n = p.load_kw.size();
  double load_mwh = 0.0;
  std::vector<double> dt(n);
  for (std::size_t t = 0; t < n; ++t) {
    dt[t] = represented_h(p, t);
    load_mwh += p.load_kw[t] / kKwPerMw * dt[t];
  }
  if (p.targets.co2_cap_t) {
    std::vector<double> t_per_mw(n);
    for (std::size_t t = 0; t < n; ++t) t_per_mw[t] = p.grid_carbon_kg_per_kwh[t] * dt[t];
    layout.targets.push_back(add_target(m, layout, "co2_cap", *p.targets.co2_cap_t, "t", t_per_mw));
  }
  if (p.targets.grid_share_max_frac) {
    layout.targets.push_back(add_target(m, layout, "grid_share_max",
                                        *p.targets.grid_share_max_frac * load_mwh, "MWh", dt));
  }
  if (p.targets.cfe_min_frac) {
    layout.targets.push_back(
        add_target(m, layout, "cfe_min", (1.0 - *p.targets.cfe_min_frac) * load_mwh, "MWh", dt));
    // Unserved load is not clean energy delivered to the load (the engine's
    // CFE counts it against the score). Left out, shedding load met the
    // target: unserved energy and the target's shortfall cost the same per
    // MWh over a year, and shedding also saved the import's price.
    for (std::size_t t = 0; t < layout.unserved.size(); ++t) {
      m.add_entry(layout.targets.back().row, layout.unserved[t], dt[t]);
    }
  }
}

}  // namespace

LpModel build(const SizingProblem& p, bool capacities_outside, Layout& layout) {
  const std::size_t n = p.load_kw.size();
  layout = Layout{};
  layout.capacities_outside = capacities_outside;
  double run_h = 0.0;
  for (std::size_t t = 0; t < n; ++t) run_h += represented_h(p, t);
  layout.year_factor = kHoursPerYear / run_h;
  LpModel m;
  const std::size_t per_step = 1 + 3 * p.storages.size();
  m.reserve(per_step * n + p.sources.size() + 8, per_step * n + 8,
            (2 + p.sources.size() + 9 * p.storages.size()) * n);
  add_capacity_columns(m, p, layout);
  layout.grid.resize(n);
  layout.balance.resize(n);
  const double peak_kw = *std::max_element(p.load_kw.begin(), p.load_kw.end());
  layout.unserved_allowed = p.allow_unserved;
  if (p.allow_unserved || lowest_import_limit_kw(p) < peak_kw) layout.unserved.resize(n);
  if (p.grid_export_limit_kw > 0.0) layout.grid_export.resize(n);
  const double import_limit_mw = p.grid_tie ? kInf : lowest_import_limit_kw(p) / kKwPerMw;
  for (std::size_t t = 0; t < n; ++t) add_step(m, p, t, import_limit_mw, layout);
  add_export_from_production(m, p, layout);
  add_demand_charge(m, p, layout);
  for (std::size_t b = 0; b < p.storages.size(); ++b) add_storage(m, p, b, layout);
  add_hydro(m, p.hydro, p.step_h, layout.balance, layout.export_rows, layout.hydro);
  add_targets(m, p, layout);
  add_flexible_jobs(m, p, layout);
  return m;
}

void set_storage_bounds(Session& session, const SizingProblem& p, const Layout& layout,
                        std::size_t b, double power_mw, double energy_mwh) {
  const SizedStorage& s = p.storages[b];
  const double e = storage_energy_mwh(s, power_mw, energy_mwh);
  for (std::size_t t = 0; t < layout.charge[b].size(); ++t) {
    session.set_column_bounds(layout.charge[b][t], 0.0, power_mw);
    session.set_column_bounds(layout.discharge[b][t], 0.0, power_mw);
    const double faded = e * capacity_frac(s, t);
    session.set_column_bounds(layout.soc[b][t], s.soc_min_frac * faded, s.soc_max_frac * faded);
  }
}

void set_source_capacities(Session& session, const SizingProblem& p, const Layout& layout,
                           const std::vector<double>& capacity_mw) {
  for (std::size_t t = 0; t < layout.balance.size(); ++t) {
    double from_sources_mw = 0.0;
    for (std::size_t k = 0; k < p.sources.size(); ++k) {
      from_sources_mw += p.sources[k].availability_per_kw[t] * capacity_mw[k];
    }
    session.set_row_bounds(layout.balance[t], p.load_kw[t] / kKwPerMw - from_sources_mw, kInf);
    if (!layout.export_rows.empty()) {
      session.set_row_bounds(layout.export_rows[t], -kInf, layout.export_frac[t] * from_sources_mw);
    }
  }
}

namespace {

// SizingResult::export_beyond_surplus_kwh of a plan whose series are in
// `out`: the load with the flexible jobs' facility power as planned (IT
// power: full-speed work, capped work at ρ per unit).
double export_beyond_surplus_kwh(const SizingProblem& p, const Sizes& sizes,
                                 const SizingResult& out) {
  double kwh = 0.0;
  const FlexiblePlan& jobs = out.flexible_jobs;
  const FlexibleJobs& fj = p.flexible_jobs;
  for (std::size_t t = 0; t < out.grid_export_kw.size(); ++t) {
    double supply_kw = t < out.hydro.hydro_kw.size() ? out.hydro.hydro_kw[t] : 0.0;
    for (std::size_t k = 0; k < p.sources.size(); ++k) {
      supply_kw += p.sources[k].availability_per_kw[t] * sizes.source_mw[k] * kKwPerMw;
    }
    double load_kw = p.load_kw[t];
    if (t < jobs.work_it_kw.size()) {
      const double capped_kw = t < jobs.capped_work_it_kw.size() ? jobs.capped_work_it_kw[t] : 0.0;
      load_kw += fj.pue[t] * (jobs.work_it_kw[t] - (1.0 - fj.capped_power_frac) * capped_kw);
    }
    const double surplus_kw = std::max(0.0, supply_kw - load_kw);
    kwh += std::max(0.0, out.grid_export_kw[t] - surplus_kw) * represented_h(p, t);
  }
  return kwh;
}

}  // namespace

void extract(const SizingProblem& p, const Layout& layout, const Solution& s, const Sizes& sizes,
             SizingResult& out) {
  const auto x = [&](int j) { return s.column_values[static_cast<std::size_t>(j)]; };
  const std::size_t n = p.load_kw.size();
  out.capital_cost_per_year = 0.0;
  for (std::size_t k = 0; k < p.sources.size(); ++k) {
    const double kw = sizes.source_mw[k] * kKwPerMw;
    out.source_capacity_kw.push_back(kw);
    out.source_cost_per_year.push_back(kw * p.sources[k].cost_per_kw_year);
    out.capital_cost_per_year += out.source_cost_per_year.back();
  }
  if (p.grid_tie) {
    out.grid_tie_kw = sizes.grid_tie_mw * kKwPerMw;
    out.grid_tie_cost_per_year = out.grid_tie_kw * p.grid_tie->cost_per_kw_year;
    out.capital_cost_per_year += out.grid_tie_cost_per_year;
  }
  for (std::size_t b = 0; b < p.storages.size(); ++b) {
    const SizedStorage& st = p.storages[b];
    const double pw = sizes.power_mw[b];
    const double e = storage_energy_mwh(st, pw, sizes.energy_mwh[b]);
    out.storage_power_kw.push_back(pw * kKwPerMw);
    out.storage_energy_kwh.push_back(e * kKwPerMw);
    const double cost = pw * storage_power_cost_per_mw_year(st) +
                        (st.duration_h > 0.0 ? 0.0 : e * st.cost_per_kwh_year * kKwPerMw);
    out.storage_cost_per_year.push_back(cost);
    out.capital_cost_per_year += cost;
    std::vector<double>& c = out.storage_charge_kw.emplace_back(n);
    std::vector<double>& d = out.storage_discharge_kw.emplace_back(n);
    for (std::size_t t = 0; t < n; ++t) {
      c[t] = x(layout.charge[b][t]) * kKwPerMw;
      d[t] = x(layout.discharge[b][t]) * kKwPerMw;
    }
  }
  out.step_h = p.step_h;
  out.grid_import_kw.resize(n);
  out.grid_export_kw.assign(layout.grid_export.empty() ? 0 : n, 0.0);
  out.unserved_kw.assign(layout.unserved.empty() ? 0 : n, 0.0);
  out.grid_energy_cost_per_year = 0.0;
  out.grid_export_revenue_per_year = out.carbon_cost_per_year = out.unserved_cost_per_year = 0.0;
  out.grid_import_kwh = out.load_kwh = out.co2_t = out.curtailed_kwh = 0.0;
  out.grid_export_kwh = out.unserved_kwh = 0.0;
  for (std::size_t t = 0; t < out.grid_export_kw.size(); ++t) {
    out.grid_export_kw[t] = x(layout.grid_export[t]) * kKwPerMw;
    out.grid_export_kwh += out.grid_export_kw[t] * represented_h(p, t);
    out.grid_export_revenue_per_year += out.grid_export_kw[t] * represented_h(p, t) *
                                        p.grid_export_price_per_kwh[t] * layout.year_factor;
  }
  for (std::size_t t = 0; t < out.unserved_kw.size(); ++t) {
    out.unserved_kw[t] = x(layout.unserved[t]) * kKwPerMw;
    out.unserved_kwh += out.unserved_kw[t] * represented_h(p, t);
    out.unserved_cost_per_year += out.unserved_kw[t] * represented_h(p, t) * kTargetPenalty /
                                  kKwPerMw * (layout.unserved_allowed ? layout.year_factor : 1.0);
  }
  for (std::size_t t = 0; t < n; ++t) {
    const double g_kw = x(layout.grid[t]) * kKwPerMw;
    const double h = represented_h(p, t);
    out.grid_import_kw[t] = g_kw;
    out.grid_import_kwh += g_kw * h;
    out.load_kwh += p.load_kw[t] * h;
    out.co2_t += g_kw * h * p.grid_carbon_kg_per_kwh[t] / 1000.0;
    out.grid_energy_cost_per_year += g_kw * h * p.grid_price_per_kwh[t] * layout.year_factor;
    double supply_mw = s.row_activities[static_cast<std::size_t>(layout.balance[t])];
    for (std::size_t k = 0; k < p.sources.size() && layout.capacities_outside; ++k) {
      supply_mw += p.sources[k].availability_per_kw[t] * sizes.source_mw[k];
    }
    out.curtailed_kwh += std::max(0.0, supply_mw * kKwPerMw - p.load_kw[t]) * h;
  }
  out.carbon_cost_per_year = out.co2_t * p.carbon_price_per_t * layout.year_factor;
  out.demand_charge_per_year = 0.0;
  for (const int j : layout.month_peak) {
    out.demand_charge_per_year +=
        x(j) * kKwPerMw * p.demand_charge_per_kw_month * layout.year_factor;
  }
  out.hydro = read_hydro(p.hydro, layout.hydro, s, p.step_h);
  out.objective_per_year = out.capital_cost_per_year + out.grid_energy_cost_per_year -
                           out.grid_export_revenue_per_year + out.carbon_cost_per_year +
                           out.demand_charge_per_year;
  extract_flexible_jobs(p, layout, s, out);
  out.export_beyond_surplus_kwh = export_beyond_surplus_kwh(p, sizes, out);
}

double seconds_since_start(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace shapan::optimize::sizing
