// SizingMethod::kCapacitySearch. A handful of capacities (PV, wind, storage
// power and energy) couple every step of the sizing LP: each capacity column
// has one entry per step, which makes the simplex bases dense and slow (the
// reference LP: ~10-15 s with either simplex, barrier unusable). With the
// capacities x fixed, they become bounds (balance-row bounds, storage
// column bounds) and the rest is a dispatch LP that solves in about a
// second cold and in a fraction of that warm. Its optimal cost V(x) is
// convex and piecewise linear in x (an LP's value as a function of its
// bounds), and its slope comes for free from the duals of the rows and
// columns at those bounds. So x is found by Kelley's cutting-plane method: a
// small master LP minimises capital'x + theta subject to
// theta >= V(x_k) + g_k'(x - x_k) over the points tried; each new point's
// dispatch LP is warm-started from the last basis (dual simplex after bound
// changes). The master's value is a lower bound and the best point's cost an
// upper bound, so the optimality gap is proven when the loop stops (Kelley
// 1960, J. SIAM 8(4) 703-712; the same cuts as Benders decomposition,
// Benders 1962, Numer. Math. 4 238-252). The shadow prices of the targets
// are the master's cut multipliers applied to each cut's duals: the
// combination of dispatch duals whose slope in x balances the capital cost,
// which is the full LP's dual (docs/optimization.md, "Speed").
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>

#include "shapan/core/result.h"
#include "sizing_lp.h"
#include "sizing_master.h"

namespace shapan::optimize::sizing {
namespace {

std::vector<Dim> dims_of(const SizingProblem& p) {
  std::vector<Dim> dims;
  for (std::size_t k = 0; k < p.sources.size(); ++k) {
    const SizedSource& s = p.sources[k];
    dims.push_back(Dim{.kind = DimKind::kSource,
                       .index = k,
                       .name = s.name + "_capacity",
                       .lower = s.capacity_min_kw / 1000.0,
                       .upper = s.capacity_max_kw / 1000.0,
                       .cost = s.cost_per_kw_year * 1000.0,
                       .unit = s.unit_kw / 1000.0});
  }
  if (p.grid_tie) {
    dims.push_back(Dim{.kind = DimKind::kGridTie,
                       .name = "grid_tie",
                       .lower = p.grid_tie->min_kw / 1000.0,
                       .upper = p.grid_tie->max_kw / 1000.0,
                       .cost = p.grid_tie->cost_per_kw_year * 1000.0});
  }
  for (std::size_t b = 0; b < p.storages.size(); ++b) {
    const SizedStorage& s = p.storages[b];
    dims.push_back(Dim{.kind = DimKind::kPower,
                       .index = b,
                       .name = s.name + "_power",
                       .lower = s.power_min_kw / 1000.0,
                       .upper = s.power_max_kw / 1000.0,
                       .cost = storage_power_cost_per_mw_year(s)});
    if (s.duration_h <= 0.0) {
      dims.push_back(Dim{.kind = DimKind::kEnergy,
                         .index = b,
                         .name = s.name + "_energy",
                         .lower = s.energy_min_kwh / 1000.0,
                         .upper = s.energy_max_kwh / 1000.0,
                         .cost = s.cost_per_kwh_year * 1000.0});
    }
  }
  return dims;
}

std::vector<KeepAlive> keep_alive_of(const SizingProblem& p, const std::vector<Dim>& dims) {
  std::vector<KeepAlive> out;
  for (std::size_t i = 0; i < dims.size(); ++i) {
    if (dims[i].kind != DimKind::kEnergy) continue;
    const SizedStorage& st = p.storages[dims[i].index];
    double least_fade = 1.0;
    for (const double f : st.capacity_frac_per_step) least_fade = std::min(least_fade, f);
    const double rate = st.self_discharge_frac_per_step * st.soc_min_frac * least_fade /
                        (st.charge_efficiency_frac * p.step_h);
    if (rate > 0.0)
      out.push_back(KeepAlive{.power_dim = i - 1, .energy_dim = i, .mw_per_mwh = rate});
  }
  return out;
}

// Moves a point onto the keep-alive constraints: the power raised to what
// the energy needs, or the energy lowered where the power is at its top.
// Within the bounds: where none meets it, the dispatch's keep-up energy
// (Layout::keep_up) shows the plant infeasible.
void keep_alive(const std::vector<KeepAlive>& links, const std::vector<Dim>& dims,
                const std::vector<double>& upper, std::vector<double>& x) {
  for (const KeepAlive& k : links) {
    double& power = x[k.power_dim];
    double& energy = x[k.energy_dim];
    power = std::max(power, std::min(k.mw_per_mwh * energy, upper[k.power_dim]));
    energy = std::max(dims[k.energy_dim].lower, std::min(energy, power / k.mw_per_mwh));
  }
}

Sizes sizes_of(const SizingProblem& p, const std::vector<Dim>& dims, const std::vector<double>& x) {
  Sizes z{.source_mw = std::vector<double>(p.sources.size(), 0.0),
          .power_mw = std::vector<double>(p.storages.size(), 0.0),
          .energy_mwh = std::vector<double>(p.storages.size(), 0.0)};
  for (std::size_t i = 0; i < dims.size(); ++i) {
    const Dim& d = dims[i];
    if (d.kind == DimKind::kGridTie) {
      z.grid_tie_mw = x[i];
      continue;
    }
    (d.kind == DimKind::kSource  ? z.source_mw
     : d.kind == DimKind::kPower ? z.power_mw
                                 : z.energy_mwh)[d.index] = x[i];
  }
  return z;
}

// dV/dx. A source's capacity lowers its balance rows' bounds by its
// availability (row duals y_t >= 0) and raises its export rows' by k_t times
// that (duals z_t <= 0): dV/dcap = sum_t (k_t z_t - y_t) a_t. A storage size
// moves the bounds of its columns: each column at such a bound adds its
// reduced cost times the bound's rate of change (negative reduced cost = at
// the upper bound, positive = at the lower bound).
double slope_for(const SizingProblem& p, const Layout& layout, const Dim& d, const Solution& s) {
  const auto rc = [&](int j) { return s.reduced_costs[static_cast<std::size_t>(j)]; };
  double sum = 0.0;
  if (d.kind == DimKind::kSource) {
    const std::vector<double>& a = p.sources[d.index].availability_per_kw;
    const auto dual = [&](int row) { return s.row_duals[static_cast<std::size_t>(row)]; };
    for (std::size_t t = 0; t < layout.balance.size(); ++t) {
      const double kz =
          layout.export_rows.empty() ? 0.0 : layout.export_frac[t] * dual(layout.export_rows[t]);
      sum += (kz - dual(layout.balance[t])) * a[t];
    }
    return sum;
  }
  if (d.kind == DimKind::kGridTie) {
    // The import columns at their upper bound, G / (1 + margin) less the
    // reserve.
    for (const int j : layout.grid) sum += std::min(rc(j), 0.0);
    return sum * usable_tie_frac(p);
  }
  const SizedStorage& st = p.storages[d.index];
  const double per = d.kind == DimKind::kEnergy ? 1.0 : std::max(st.duration_h, 0.0);
  for (std::size_t t = 0; t < layout.soc[d.index].size(); ++t) {
    if (d.kind == DimKind::kPower) {
      sum += std::min(rc(layout.charge[d.index][t]), 0.0);
      sum += std::min(rc(layout.discharge[d.index][t]), 0.0);
    }
    const double r = rc(layout.soc[d.index][t]);
    sum += r * per * capacity_frac(st, t) * (r < 0.0 ? st.soc_max_frac : st.soc_min_frac);
  }
  return sum;
}

// Moves whole-unit dimensions of x to the nearest whole unit within the box.
void snap_to_units(const std::vector<Dim>& dims, const std::vector<double>& upper,
                   std::vector<double>& x) {
  for (std::size_t i = 0; i < dims.size(); ++i) {
    const Dim& d = dims[i];
    if (!(d.unit > 0.0)) continue;
    x[i] = std::clamp(std::round(x[i] / d.unit), least_units(d), most_units(d, upper[i])) * d.unit;
  }
}

// Start and search box: a bound at infinity becomes one that doubles whenever
// the master's point reaches it (the lower bound counts only when none does).
std::vector<double> initial_box(const SizingProblem& p, const std::vector<Dim>& dims) {
  double peak_mw = 0.0;
  for (const double l : p.load_kw) peak_mw = std::max(peak_mw, l / 1000.0);
  std::vector<double> upper(dims.size());
  for (std::size_t i = 0; i < dims.size(); ++i) {
    const double guess = std::max(peak_mw, 1e-3) * (dims[i].kind == DimKind::kEnergy ? 24.0 : 4.0);
    upper[i] = std::isfinite(dims[i].upper) ? dims[i].upper : std::max(guess, 2.0 * dims[i].lower);
  }
  return upper;
}

// The targets' and limits' shadow prices from the master's multipliers.
void combine_duals(const Layout& layout, const std::vector<Dim>& dims, const std::vector<Cut>& cuts,
                   const Master& m, SizingResult& out) {
  out.binding.clear();
  for (std::size_t r = 0; r < layout.targets.size(); ++r) {
    double dual = 0.0;
    for (std::size_t k = 0; k < cuts.size(); ++k)
      dual += m.cut_weights[k] * cuts[k].target_duals[r];
    const TargetRow& t = layout.targets[r];
    if (dual < -1e-9) {
      out.binding.push_back(BindingConstraint{.name = t.name,
                                              .limit = t.limit,
                                              .limit_unit = t.unit,
                                              .shadow_price = -dual,
                                              .shadow_price_unit = "per_" + t.unit + "_per_year"});
    }
  }
  for (std::size_t i = 0; i < dims.size(); ++i) {
    const double rc = m.reduced_costs[i];  // per MW (MWh) per year
    const bool energy = dims[i].kind == DimKind::kEnergy;
    if (rc < -1e-9 && std::isfinite(dims[i].upper)) {
      out.binding.push_back(
          BindingConstraint{.name = dims[i].name + "_max",
                            .limit = dims[i].upper * 1000.0,
                            .limit_unit = energy ? "kWh" : "kW",
                            .shadow_price = -rc / 1000.0,
                            .shadow_price_unit = energy ? "per_kWh_per_year" : "per_kW_per_year"});
    } else if (rc > 1e-9 && dims[i].lower > 0.0) {
      out.binding.push_back(
          BindingConstraint{.name = dims[i].name + "_min",
                            .limit = dims[i].lower * 1000.0,
                            .limit_unit = energy ? "kWh" : "kW",
                            .shadow_price = rc / 1000.0,
                            .shadow_price_unit = energy ? "per_kWh_per_year" : "per_kW_per_year"});
    }
  }
}

// The search's state between its steps.
struct Search {
  const SizingProblem& p;
  const SizingOptions& options;
  Layout layout;
  std::vector<Dim> dims;
  std::vector<double> upper;  // the search box (artificial where the bound is infinite)
  std::vector<KeepAlive> links;
  std::unique_ptr<Session> session;
  std::vector<Cut> cuts;
  Solution best;
  std::vector<double> best_x;
  double best_cost = kInf;
  bool improved = false;       // the last point beat the best so far
  Master master;               // empty x: none solved, or the last one failed
  std::string master_failure;  // why the last master LP had no optimum
  bool out_of_time = false;
  bool cancelled = false;      // SolveControl::cancel() seen
  double first_gap_frac = -1;  // the first relative gap (progress counts from it)
  std::chrono::steady_clock::time_point start;
};

enum class Step { kDone, kContinue, kFailed };

// Solves the dispatch LP at capacities x and records its cut.
Step evaluate(Search& s, const std::vector<double>& x, SizingResult& out) {
  if (SolveControl* c = s.options.solve.control; c != nullptr && c->cancelled()) {
    s.cancelled = true;
    return Step::kDone;
  }
  const double left_s = s.options.solve.time_limit_s - seconds_since_start(s.start);
  if (left_s <= 0.0) {
    s.out_of_time = true;
    return Step::kDone;
  }
  s.session->set_time_limit(left_s);
  const Sizes z = sizes_of(s.p, s.dims, x);
  set_source_capacities(*s.session, s.p, s.layout, z.source_mw);
  if (s.p.grid_tie) set_grid_tie(*s.session, s.p, s.layout, z.grid_tie_mw);
  for (std::size_t b = 0; b < s.p.storages.size(); ++b) {
    set_storage_bounds(*s.session, s.p, s.layout, b, z.power_mw[b], z.energy_mwh[b]);
  }
  Solution sol = s.session->solve();
  out.iterations += sol.iterations;
  ++out.lp_solves;
  if (sol.status == SolveStatus::kCancelled) {
    s.cancelled = true;
    return Step::kDone;
  }
  if (sol.status == SolveStatus::kTimeLimitFeasible ||
      sol.status == SolveStatus::kTimeLimitNoSolution) {
    s.out_of_time = true;
    return Step::kDone;
  }
  if (sol.status != SolveStatus::kOptimal) {
    out.status = sol.status;
    out.message =
        fmt::format("dispatch LP at capacities ({} MW): {}", fmt::join(x, ", "), sol.message);
    return Step::kFailed;
  }
  Cut cut{.x = x, .value = sol.objective};
  for (const Dim& d : s.dims) cut.slope.push_back(slope_for(s.p, s.layout, d, sol));
  for (const TargetRow& t : s.layout.targets) {
    cut.target_duals.push_back(sol.row_duals[static_cast<std::size_t>(t.row)]);
  }
  s.cuts.push_back(std::move(cut));
  double cost = sol.objective;
  for (std::size_t i = 0; i < s.dims.size(); ++i) cost += s.dims[i].cost * x[i];
  out.search_trace.push_back(SearchStep{.capacities_mw = x,
                                        .cost_per_year = cost,
                                        .iterations = sol.iterations,
                                        .seconds = sol.seconds});
  s.improved = cost < s.best_cost;
  if (s.improved) {
    s.best_cost = cost;
    s.best_x = x;
    s.best = std::move(sol);
  }
  return Step::kContinue;
}

// Progress on a log scale of the relative gap: 0 at the first gap, 1 at a
// gap of 1e-6 (or the stopping gap when larger; each halving of the gap
// moves it as much as the last). Below 1e-6 Kelley's method is near the
// optimum and closes the rest in a few LPs; the bar then waits at 1.
void report_progress(Search& s, double gap) {
  SolveControl* c = s.options.solve.control;
  if (c == nullptr) return;
  const double rel = std::max(gap, 0.0) / std::max(std::abs(s.best_cost), 1e-300);
  const double goal = std::max(s.options.relative_gap, 1e-6);
  if (s.first_gap_frac < 0.0) s.first_gap_frac = std::max(rel, goal * 10.0);
  const double fraction =
      rel <= goal ? 1.0 : std::log(s.first_gap_frac / rel) / std::log(s.first_gap_frac / goal);
  c->report(SolveProgress{
      .phase = "capacity_search",
      .fraction = fraction,
      .gap_frac = rel,
      .lp_solves = static_cast<long>(s.cuts.size()),
      .message = fmt::format("LP {}: best {:.8g}, bound {:.8g}, gap {:.3g} %", s.cuts.size(),
                             s.best_cost, s.master.bound, 100.0 * rel)});
}

// Solves the master; returns kDone when the gap is closed, else the next
// point in x.
Step next_point(Search& s, std::vector<double>& x) {
  Result<Master> master = solve_master(s.dims, s.upper, s.cuts, s.links);
  if (!master.ok()) {
    s.master = Master{};
    s.master_failure = master.error();
    return Step::kDone;
  }
  s.master = std::move(master).value();
  bool at_artificial = false;
  for (std::size_t i = 0; i < s.dims.size(); ++i) {
    if (!std::isfinite(s.dims[i].upper) &&
        s.master.x[i] >= box_top(s.dims[i], s.upper[i]) * (1.0 - 1e-12)) {
      s.upper[i] *= 2.0;
      at_artificial = true;
    }
  }
  const double gap = s.best_cost - s.master.bound;
  report_progress(s, gap);
  if (!at_artificial && gap <= s.options.relative_gap * std::abs(s.best_cost)) return Step::kDone;
  // In-out stabilisation (Ben-Ameur and Neto 2007, Math. Methods Oper.
  // Res. 65 545-566): step from the best point halfway towards the
  // master's, which keeps Kelley's points from swinging between the
  // corners of the cut model; after a step that found nothing better, a
  // full Kelley step, so the method keeps Kelley's convergence. Near the
  // optimum (gap below 1e-4) full steps again: Kelley converges fast there
  // and halving would only creep.
  const bool near = gap < 1e-4 * std::abs(s.best_cost);
  const double alpha = s.improved && !near ? 0.5 : 1.0;
  for (std::size_t i = 0; i < s.dims.size(); ++i) {
    x[i] = s.best_x[i] + alpha * (s.master.x[i] - s.best_x[i]);
  }
  snap_to_units(s.dims, s.upper, x);
  // Whole units can round the half step back onto a point already tried,
  // which would add the same cut again and stall the search: take the
  // master's point itself (a full Kelley step; if that was tried too, its
  // cut holds the bound at its cost and the gap closes).
  const auto tried = [&](const std::vector<double>& point) {
    return std::any_of(s.cuts.begin(), s.cuts.end(), [&](const Cut& c) { return c.x == point; });
  };
  if (alpha < 1.0 && tried(x)) {
    x = s.master.x;
    snap_to_units(s.dims, s.upper, x);
  }
  return Step::kContinue;
}

// Which capacity bounds hold an unreachable target back: those at their
// maximum that the (penalised) optimum would still raise.
std::string limiting_bounds(const Search& s) {
  std::string limits;
  for (std::size_t i = 0; i < s.dims.size(); ++i) {
    if (s.master.reduced_costs[i] < -1e-9 && std::isfinite(s.dims[i].upper)) {
      const bool energy = s.dims[i].kind == DimKind::kEnergy;
      limits += fmt::format("{}{}_max = {} {}", limits.empty() ? "" : ", ", s.dims[i].name,
                            s.dims[i].upper * 1000.0, energy ? "kWh" : "kW");
    }
  }
  return limits.empty() ? "; no capacity bound is at its limit (the grid limit or the availability "
                          "series hold it back)"
                        : "; limited by " + limits;
}

// The result from the best point, with what the loop's end proves.
void conclude(const Search& s, SizingResult& out) {
  if (s.cancelled) {
    out.status = SolveStatus::kCancelled;
    out.message =
        s.best_x.empty()
            ? fmt::format("cancelled after {} LPs, before a point was found", out.lp_solves)
            : fmt::format("cancelled after {} LPs (best so far {:.10g}, bound {:.10g})",
                          out.lp_solves, s.best_cost, s.master.x.empty() ? -kInf : s.master.bound);
    return;
  }
  if (s.best_x.empty()) {
    out.status = SolveStatus::kTimeLimitNoSolution;
    out.message = fmt::format("time limit of {} s reached before the first dispatch LP was solved",
                              s.options.solve.time_limit_s);
    return;
  }
  finish(s.p, s.layout, s.best, sizes_of(s.p, s.dims, s.best_x), out);
  if (s.out_of_time && out.status == SolveStatus::kInfeasible) {
    // Not converged: a target missed so far may still be reachable.
    out.status = SolveStatus::kTimeLimitNoSolution;
    out.message = "time limit reached before a point meeting the targets was found; best so far: " +
                  out.message;
    return;
  }
  if (out.status == SolveStatus::kInfeasible && !s.master.x.empty()) {
    out.message += limiting_bounds(s);
  }
  if (out.status != SolveStatus::kOptimal) return;
  const double gap = s.best_cost - s.master.bound;
  if (s.master.x.empty() || !(gap <= s.options.relative_gap * std::abs(s.best_cost) * 10.0)) {
    out.status = SolveStatus::kTimeLimitFeasible;
    out.message = fmt::format(
        "capacity search stopped ({}) after {} LPs with the optimality gap at {:.6g} (best "
        "{:.10g}, bound {:.10g}): the best point found is returned{}{}",
        s.out_of_time ? "time limit" : "iteration limit", out.lp_solves, gap, s.best_cost,
        s.master.bound, s.master_failure.empty() ? "" : "; ", s.master_failure);
    return;
  }
  combine_duals(s.layout, s.dims, s.cuts, s.master, out);
}

}  // namespace

SizingResult solve_capacity_search(const SizingProblem& p, const SizingOptions& options) {
  SizingResult out;
  Search s{.p = p, .options = options, .start = std::chrono::steady_clock::now()};
  const LpModel model = build(p, true, s.layout);
  s.dims = dims_of(p);
  s.upper = initial_box(p, s.dims);
  s.links = keep_alive_of(p, s.dims);
  s.session = open_clp_session(model, options.solve);
  out.build_seconds = seconds_since_start(s.start);
  const auto solving = std::chrono::steady_clock::now();
  // Start at the box's upper corner: a plant that meets any reachable target,
  // so that the first (cold) solve already lands on the realistic side.
  std::vector<double> x = s.upper;
  keep_alive(s.links, s.dims, s.upper, x);
  snap_to_units(s.dims, s.upper, x);
  for (int it = 0; it < options.max_outer_iterations; ++it) {
    const Step e = evaluate(s, x, out);
    if (e == Step::kFailed) {
      out.solve_seconds = seconds_since_start(solving);
      return out;
    }
    if (e == Step::kDone || next_point(s, x) == Step::kDone) break;
  }
  out.solve_seconds = seconds_since_start(solving);
  conclude(s, out);
  return out;
}

}  // namespace shapan::optimize::sizing
