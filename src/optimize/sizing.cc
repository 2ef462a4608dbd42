// Sizing: the monolithic LP, or the storage-size search over warm-started
// inner LPs (docs/optimization.md, "Speed").
#include "shapan/optimize/sizing.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <optional>

#include "shapan/core/error.h"
#include "sizing_lp.h"

namespace shapan::optimize {
namespace {

using sizing::Layout;

constexpr double kKwPerMw = 1000.0;
// A target's violation (t or MWh) below this counts as met: far below what
// any report prints, far above the simplex tolerances times the row's size.
constexpr double kViolationTol = 1e-6;

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void require(bool ok, const std::string& field, const std::string& message) {
  if (!ok) throw InputError(InputIssue{.source = "sizing", .field = field, .message = message});
}

// Targets met or not, binding limits and their shadow prices, from the LP at
// the optimum. Returns false (and sets status and message) when a target is
// out of reach.
bool read_targets(const Layout& layout, const Solution& s, SizingResult& out) {
  double unserved_mwh = 0.0;
  int steps = 0;
  for (const int j : layout.unserved) {
    const double mw = s.column_values[static_cast<std::size_t>(j)];
    if (mw > kViolationTol) {
      unserved_mwh += mw * out.step_h;
      ++steps;
    }
  }
  if (unserved_mwh > kViolationTol && !layout.unserved_allowed) {
    out.status = SolveStatus::kInfeasible;
    out.message = fmt::format(
        "the load cannot be served within the capacity bounds and the grid import limit: at "
        "best {:.6g} MWh unserved in {} steps",
        unserved_mwh, steps);
    out.binding.push_back(BindingConstraint{.name = "load", .limit_unit = "MWh"});
    return false;
  }
  for (const sizing::TargetRow& t : layout.targets) {
    const double violation = s.column_values[static_cast<std::size_t>(t.slack)];
    if (violation > kViolationTol) {
      out.status = SolveStatus::kInfeasible;
      out.message = fmt::format(
          "target {} cannot be met within the capacity bounds: limit {:.6g} {}, best reachable "
          "{:.6g} {} (a solve with the target relaxed)",
          t.name, t.limit, t.unit, t.limit + violation, t.unit);
      out.binding.push_back(
          BindingConstraint{.name = t.name, .limit = t.limit, .limit_unit = t.unit});
      return false;
    }
    if (s.row_duals.empty()) continue;
    const double dual = s.row_duals[static_cast<std::size_t>(t.row)];
    if (dual < -1e-9) {
      out.binding.push_back(BindingConstraint{.name = t.name,
                                              .limit = t.limit,
                                              .limit_unit = t.unit,
                                              .shadow_price = -dual,
                                              .shadow_price_unit = "per_" + t.unit + "_per_year"});
    }
  }
  return true;
}

void read_source_bounds(const SizingProblem& p, const Layout& layout, const Solution& s,
                        SizingResult& out) {
  if (s.reduced_costs.empty()) return;
  for (std::size_t k = 0; k < p.sources.size(); ++k) {
    // Per MW: a column counting whole units has its reduced cost per unit.
    const double rc = s.reduced_costs[static_cast<std::size_t>(layout.source_capacity[k])] /
                      layout.source_scale_mw[k];
    const SizedSource& src = p.sources[k];
    if (rc < -1e-9 && std::isfinite(src.capacity_max_kw)) {
      out.binding.push_back(BindingConstraint{.name = src.name + "_capacity_max",
                                              .limit = src.capacity_max_kw,
                                              .limit_unit = "kW",
                                              .shadow_price = -rc / kKwPerMw,
                                              .shadow_price_unit = "per_kW_per_year"});
    } else if (rc > 1e-9 && src.capacity_min_kw > 0.0) {
      out.binding.push_back(BindingConstraint{.name = src.name + "_capacity_min",
                                              .limit = src.capacity_min_kw,
                                              .limit_unit = "kW",
                                              .shadow_price = rc / kKwPerMw,
                                              .shadow_price_unit = "per_kW_per_year"});
    }
  }
}

// False (and the result infeasible) when a store needed energy from nowhere
// to hold its minimum state of charge (Layout::keep_up).
bool read_keep_up(const SizingProblem& p, const Layout& layout, const Solution& s,
                  SizingResult& out) {
  for (std::size_t b = 0; b < layout.keep_up.size(); ++b) {
    double mwh = 0.0;
    for (const int j : layout.keep_up[b]) mwh += s.column_values[static_cast<std::size_t>(j)];
    if (mwh <= 1e-6) continue;
    out.status = SolveStatus::kInfeasible;
    out.message = fmt::format(
        "{} cannot hold its minimum state of charge (soc_min_frac = {}) against its "
        "self-discharge: its power cannot charge back the decay when no supply is left for it "
        "({:.6g} kWh short over the run); raise its power or lower soc_min_frac",
        p.storages[b].name, p.storages[b].soc_min_frac, mwh * kKwPerMw);
    return false;
  }
  return true;
}

}  // namespace

void sizing::finish(const SizingProblem& p, const Layout& layout, const Solution& s,
                    const sizing::Sizes& sizes, SizingResult& out) {
  out.status = s.status;
  out.message = s.message;
  if (!s.has_point()) return;
  sizing::extract(p, layout, s, sizes, out);
  if (!read_keep_up(p, layout, s, out)) return;
  if (!read_targets(layout, s, out)) return;
  if (!layout.capacities_outside) read_source_bounds(p, layout, s, out);
}

namespace {

SizingResult solve_monolithic(const SizingProblem& p, const SizingOptions& options) {
  SizingResult out;
  const auto t0 = std::chrono::steady_clock::now();
  Layout layout;
  const LpModel model = sizing::build(p, false, layout);
  out.build_seconds = seconds_since(t0);
  const Solution s = solve_with_duals(model, options.solve);
  out.iterations = s.iterations;
  out.lp_solves = 1;
  out.solve_seconds = s.seconds;
  sizing::Sizes sizes;
  if (s.has_point()) {
    const auto x = [&](int j) { return s.column_values[static_cast<std::size_t>(j)]; };
    for (std::size_t k = 0; k < p.sources.size(); ++k) {
      sizes.source_mw.push_back(x(layout.source_capacity[k]) * layout.source_scale_mw[k]);
    }
    for (std::size_t b = 0; b < p.storages.size(); ++b) {
      sizes.power_mw.push_back(x(layout.storage_power[b]));
      const int e = layout.storage_energy[b];
      sizes.energy_mwh.push_back(e >= 0 ? x(e) : 0.0);
    }
    if (layout.grid_tie >= 0) sizes.grid_tie_mw = x(layout.grid_tie);
  }
  sizing::finish(p, layout, s, sizes, out);
  return out;
}

}  // namespace

void check_problem(const SizingProblem& p) {
  const std::size_t n = p.load_kw.size();
  require(n > 0, "load_kw", "the run has no steps");
  require(p.step_h > 0.0, "step_h", fmt::format("= {}: must be > 0", p.step_h));
  require(p.grid_price_per_kwh.size() == n, "grid_price_per_kwh",
          fmt::format("{} values for {} steps", p.grid_price_per_kwh.size(), n));
  require(p.grid_carbon_kg_per_kwh.size() == n, "grid_carbon_kg_per_kwh",
          fmt::format("{} values for {} steps", p.grid_carbon_kg_per_kwh.size(), n));
  for (const SizedSource& s : p.sources) {
    require(s.availability_per_kw.size() == n, s.name + ".availability",
            fmt::format("{} values for {} steps", s.availability_per_kw.size(), n));
    require(s.unit_kw >= 0.0, s.name + ".unit_kw", fmt::format("= {} kW: must be >= 0", s.unit_kw));
    if (s.unit_kw > 0.0) {
      const sizing::UnitRange units = sizing::unit_range(s);
      require(units.lower <= units.upper, s.name + ".capacity_min_kw",
              fmt::format("no whole number of {} kW units lies between {} and {} kW", s.unit_kw,
                          s.capacity_min_kw, s.capacity_max_kw));
    }
    require(s.capacity_min_kw >= 0.0 && s.capacity_min_kw <= s.capacity_max_kw,
            s.name + ".capacity_min_kw",
            fmt::format("= {} kW: must be >= 0 and <= capacity_max_kw ({} kW)", s.capacity_min_kw,
                        s.capacity_max_kw));
  }
  if (p.grid_export_limit_kw > 0.0) {
    require(p.grid_export_price_per_kwh.size() == n, "grid_export_price_per_kwh",
            fmt::format("{} values for {} steps", p.grid_export_price_per_kwh.size(), n));
  }
  require(p.import_reserved_kw >= 0.0 && std::isfinite(p.import_reserved_kw), "import_reserved_kw",
          fmt::format("= {} kW: must be >= 0 and finite", p.import_reserved_kw));
  require(p.step_weight.empty() || p.step_weight.size() == n, "step_weight",
          fmt::format("{} values for {} steps", p.step_weight.size(), n));
  for (const double w : p.step_weight) {
    require(w > 0.0 && std::isfinite(w), "step_weight", fmt::format("= {}: must be > 0", w));
  }
  if (p.demand_charge_per_kw_month > 0.0) {
    require(p.month_of_step.size() == n, "month_of_step",
            fmt::format("{} values for {} steps", p.month_of_step.size(), n));
    for (std::size_t t = 0; t < p.month_of_step.size(); ++t) {
      const std::size_t before = t == 0 ? 0 : p.month_of_step[t - 1];
      require(p.month_of_step[t] == before || p.month_of_step[t] == before + 1, "month_of_step",
              fmt::format("step {}: month {} after {}: months count 0, 1, ... in time order", t,
                          p.month_of_step[t], before));
    }
  }
  require(p.period_steps == 0 || n % p.period_steps == 0, "period_steps",
          fmt::format("= {}: must divide the {} steps", p.period_steps, n));
  if (p.grid_tie) {
    require(p.grid_tie->min_kw >= 0.0 && p.grid_tie->min_kw <= p.grid_tie->max_kw,
            "grid_tie.min_kw",
            fmt::format("= {} kW: must be >= 0 and <= the grid tie's max_kw ({} kW)",
                        p.grid_tie->min_kw, p.grid_tie->max_kw));
    require(p.grid_tie->margin_frac >= 0.0 && std::isfinite(p.grid_tie->margin_frac),
            "grid_tie.margin_frac",
            fmt::format("= {}: must be >= 0 and finite", p.grid_tie->margin_frac));
  }
  for (const SizedStorage& s : p.storages) {
    require(s.capacity_frac_per_step.empty() || s.capacity_frac_per_step.size() == n,
            s.name + ".capacity_frac_per_step",
            fmt::format("{} values for {} steps", s.capacity_frac_per_step.size(), n));
    for (const double c : s.capacity_frac_per_step) {
      require(c > 0.0 && c <= 1.0, s.name + ".capacity_frac_per_step",
              fmt::format("= {}: must be > 0 and <= 1", c));
    }
    require(s.charge_efficiency_frac > 0.0 && s.discharge_efficiency_frac > 0.0,
            s.name + ".efficiency", "charge and discharge efficiencies must be > 0");
    require(s.power_min_kw >= 0.0 && s.power_min_kw <= s.power_max_kw, s.name + ".power_min_kw",
            fmt::format("= {} kW: must be >= 0 and <= power_max_kw ({} kW)", s.power_min_kw,
                        s.power_max_kw));
    require(s.energy_min_kwh >= 0.0 && s.energy_min_kwh <= s.energy_max_kwh,
            s.name + ".energy_min_kwh",
            fmt::format("= {} kWh: must be >= 0 and <= energy_max_kwh ({} kWh)", s.energy_min_kwh,
                        s.energy_max_kwh));
  }
  for (const HydroLpPlant& h : p.hydro.plants) {
    require(h.kw_per_m3_per_s.size() == n && h.evaporation_hm3.size() == n &&
                h.min_release_m3_per_s.size() == n,
            h.params.name + ".linearisation",
            fmt::format("{} values for {} steps", h.kw_per_m3_per_s.size(), n));
  }
}

std::vector<std::string> export_notes(const SizingProblem& p, const SizingResult& r) {
  std::vector<std::string> notes;
  if (!(p.grid_export_limit_kw > 0.0)) return notes;
  std::size_t above = 0;
  double worst = 0.0;  // the largest excess, per kWh
  for (std::size_t t = 0; t < p.grid_export_price_per_kwh.size(); ++t) {
    const double import_cost =
        p.grid_price_per_kwh[t] + p.carbon_price_per_t * p.grid_carbon_kg_per_kwh[t] / 1000.0;
    const double excess = p.grid_export_price_per_kwh[t] - import_cost;
    if (excess > 0.0) {
      ++above;
      worst = std::max(worst, excess);
    }
  }
  if (above > 0) {
    notes.push_back(fmt::format(
        "export pays more than import costs (tariff + carbon price) in {} of {} steps (by up to "
        "{:.6g} per kWh): there the LP may import for the load and export the plant's production, "
        "which the engine never does (it exports only the surplus); the replay shows the "
        "difference",
        above, p.grid_export_price_per_kwh.size(), worst));
  }
  // Rounding in the simplex leaves ~1e-9 of a MW; a kWh is far above that.
  if (r.export_beyond_surplus_kwh > 1.0) {
    notes.push_back(fmt::format(
        "the plan exports {:.6g} kWh beyond the renewables' surplus over the load (from storage or "
        "with imports serving the load: the LP's export row is a relaxation); the engine cannot",
        r.export_beyond_surplus_kwh));
  }
  return notes;
}

LpModel build_sizing_lp(const SizingProblem& problem) {
  Layout layout;
  return sizing::build(problem, false, layout);
}

namespace {

// With no export limit, a source without an upper bound whose output, all
// exported, earns more a year than it costs is a ray along which the cost
// falls without end (more of it, all its output exported: row 9 and the
// balance hold): the LP is unbounded, and the capacity search's box would
// double for ever. Says which source, or nothing.
std::optional<std::string> unbounded_by_export(const SizingProblem& p) {
  if (!std::isinf(p.grid_export_limit_kw)) return std::nullopt;
  double run_h = 0.0;
  for (std::size_t t = 0; t < p.load_kw.size(); ++t) run_h += sizing::represented_h(p, t);
  for (const SizedSource& src : p.sources) {
    if (std::isfinite(src.capacity_max_kw)) continue;
    double revenue_per_kw = 0.0;  // over the run
    for (std::size_t t = 0; t < p.load_kw.size(); ++t) {
      revenue_per_kw +=
          p.grid_export_price_per_kwh[t] * src.availability_per_kw[t] * sizing::represented_h(p, t);
    }
    const double per_year = revenue_per_kw * 8760.0 / run_h;
    if (per_year > src.cost_per_kw_year) {
      return fmt::format(
          "unbounded: {} earns {:.6g} per kW a year exported (export_limit_kw = inf) against "
          "{:.6g} per kW a year of cost, so the least cost is to build it without end; give the "
          "export a limit or the source a capacity maximum",
          src.name, per_year, src.cost_per_kw_year);
    }
  }
  return std::nullopt;
}

}  // namespace

SizingResult solve_sizing(const SizingProblem& problem, const SizingOptions& options) {
  check_problem(problem);
  if (const std::optional<std::string> why = unbounded_by_export(problem)) {
    SizingResult out;
    out.status = SolveStatus::kUnbounded;
    out.message = *why;
    return out;
  }
  // Availability below kNegligibleAvailability (0.1 W per MW) is rounding
  // noise from the models (a sine of 1e-17 at sunrise): as a coefficient it
  // would spread the matrix over 1e16 and fail the range check, and as energy
  // it is nothing, so it counts as 0.
  SizingProblem p = problem;
  for (SizedSource& s : p.sources) {
    for (double& a : s.availability_per_kw) {
      if (a < kNegligibleAvailability) a = 0.0;
    }
  }
  if (options.method == SizingMethod::kMonolithic) return solve_monolithic(p, options);
  return sizing::solve_capacity_search(p, options);
}

}  // namespace shapan::optimize
