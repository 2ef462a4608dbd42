#include "shapan/optimize/report.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "shapan/metrics/writers.h"

namespace shapan::optimize {
namespace {

// The grid's carbon intensity when it is the same every step (kg/kWh), or 0.
double constant_carbon_kg_per_kwh(const SizingProblem& p) {
  const auto& c = p.grid_carbon_kg_per_kwh;
  if (c.empty() || c.front() <= 0.0) return 0.0;
  const bool constant = std::all_of(c.begin(), c.end(), [&](double v) { return v == c.front(); });
  return constant ? c.front() : 0.0;
}

nlohmann::json capacities(const SizingProblem& p, const SizingResult& r) {
  nlohmann::json out = nlohmann::json::array();
  for (std::size_t k = 0; k < r.source_capacity_kw.size(); ++k) {
    out.push_back({{"name", p.sources[k].name},
                   {"kind", p.sources[k].kind},
                   {"capacity_kw", r.source_capacity_kw[k]},
                   {"cost_per_year", r.source_cost_per_year[k]}});
  }
  if (p.grid_tie) {
    out.push_back({{"name", "grid tie"},
                   {"kind", "grid"},
                   {"capacity_kw", r.grid_tie_kw},
                   {"cost_per_year", r.grid_tie_cost_per_year}});
  }
  for (std::size_t b = 0; b < r.storage_power_kw.size(); ++b) {
    out.push_back({{"name", p.storages[b].name},
                   {"kind", "battery"},
                   {"power_kw", r.storage_power_kw[b]},
                   {"energy_kwh", r.storage_energy_kwh[b]},
                   {"cost_per_year", r.storage_cost_per_year[b]}});
  }
  return out;
}

nlohmann::json binding(const SizingProblem& p, const SizingResult& r) {
  const double carbon = constant_carbon_kg_per_kwh(p);
  nlohmann::json out = nlohmann::json::array();
  for (const BindingConstraint& b : r.binding) {
    nlohmann::json j = {{"name", b.name},
                        {"limit", b.limit},
                        {"limit_unit", b.limit_unit},
                        {"shadow_price", b.shadow_price},
                        {"shadow_price_unit", b.shadow_price_unit}};
    if (b.limit_unit == "MWh" && carbon > 0.0) {
      // One MWh less from the grid is `carbon` t less CO2 (kg/kWh = t/MWh).
      j["co2_equivalent_price_per_t"] = b.shadow_price / carbon;
    }
    out.push_back(std::move(j));
  }
  return out;
}

nlohmann::json outcome_json(const DispatchOutcome& o) {
  return {{"cost", o.cost},
          {"energy_cost", o.energy_cost},
          {"export_revenue", o.export_revenue},
          {"carbon_cost", o.carbon_cost},
          {"unserved_cost", o.unserved_cost},
          {"demand_cost", o.demand_cost},
          {"load_kwh", o.load_kwh},
          {"grid_import_kwh", o.grid_import_kwh},
          {"grid_export_kwh", o.grid_export_kwh},
          {"unserved_kwh", o.unserved_kwh},
          {"co2_t", o.co2_t}};
}

nlohmann::json engine_json(const EngineFigures& e) {
  nlohmann::json j = outcome_json(e.outcome);
  j["cfe_score"] = e.cfe_score;
  j["emissions_t"] = e.emissions_t;
  j["balance_max_abs_error_kwh"] = e.balance_max_abs_error_kwh;
  if (!e.hydro_end_volume_hm3.empty()) {
    j["hydro_kwh"] = e.hydro_kwh;
    j["hydro_end_volume_hm3"] = e.hydro_end_volume_hm3;
  }
  return j;
}

double lp_cfe_frac(const DispatchOutcome& o) {
  if (o.load_kwh <= 0.0) return 0.0;
  return std::clamp(1.0 - o.grid_import_kwh / o.load_kwh, 0.0, 1.0);
}

}  // namespace

EngineFigures engine_figures(const SizingProblem& p, const sim::Results& results,
                             const metrics::Summary& summary) {
  EngineFigures e{.outcome = evaluate(p, results),
                  .cfe_score = summary.cfe_score,
                  .emissions_t = summary.emissions_t,
                  .balance_max_abs_error_kwh = summary.balance_max_abs_error_kwh};
  for (const sim::HydroPlantReport& h : results.hydro_plants) {
    e.hydro_kwh += h.energy_kwh;
    e.hydro_end_volume_hm3.push_back(h.storage_end_hm3);
  }
  return e;
}

nlohmann::json dispatch_json(const SizingProblem& problem, const SizingResult& r,
                             const EngineFigures* replay, const EngineFigures* rule_based,
                             const std::string& currency) {
  nlohmann::json j;
  j["status"] = std::string(to_string(r.status));
  j["message"] = r.message;
  j["mode"] = "dispatch";
  j["method"] = "perfect_foresight";
  j["currency"] = currency;
  if (r.storage_power_kw.size() == problem.storages.size() && !r.grid_import_kw.empty()) {
    j["capacities"] = capacities(problem, r);
    DispatchOutcome planned = evaluate(problem, r.grid_import_kw, r.grid_export_kw, r.unserved_kw);
    planned.load_kwh += r.flexible_jobs.facility_kwh;  // the flexible jobs' (0 without)
    j["plan"] = outcome_json(planned);
    j["plan"]["curtailed_kwh"] = r.curtailed_kwh;
    j["plan"]["cfe_lp_frac"] = lp_cfe_frac(planned);
    if (!r.hydro.volume_hm3.empty()) {
      j["plan"]["hydro_kwh"] = r.hydro.hydro_kwh;
      nlohmann::json& end = j["plan"]["hydro_end_volume_hm3"] = nlohmann::json::array();
      for (const std::vector<double>& v : r.hydro.volume_hm3) end.push_back(v.back());
    }
    if (replay) {
      j["replay"] = engine_json(*replay);
      const double gap = replay->outcome.cost - planned.cost;
      j["gap"] = {{"cost", gap},
                  {"cost_frac", planned.cost != 0.0 ? gap / std::abs(planned.cost) : 0.0},
                  {"cfe_points", 100.0 * (replay->cfe_score - lp_cfe_frac(planned))}};
    }
    if (rule_based) j["rule_based"] = engine_json(*rule_based);
    if (!r.flexible_jobs.work_it_kw.empty()) {
      j["plan"]["flexible_jobs"] = {{"it_kwh", r.flexible_jobs.it_kwh},
                                    {"facility_kwh", r.flexible_jobs.facility_kwh},
                                    {"unfinished_kwh", r.flexible_jobs.unfinished_kwh}};
    }
  }
  j["binding_constraints"] = binding(problem, r);
  j["solver"] = {{"name", "COIN-OR Clp"},
                 {"lp_solves", r.lp_solves},
                 {"iterations", r.iterations},
                 {"build_seconds", r.build_seconds},
                 {"solve_seconds", r.solve_seconds}};
  if (!r.hydro.volume_hm3.empty()) {
    j["solver"]["linearisations"] = r.hydro.linearisations;
    j["solver"]["head_error_frac"] = r.hydro.head_error_frac;
  }
  return j;
}

nlohmann::json whole_jobs_json(const SizingProblem& fluid_problem, const SizingResult& fluid,
                               const WholeJobsDispatch& whole) {
  DispatchOutcome bound =
      evaluate(fluid_problem, fluid.grid_import_kw, fluid.grid_export_kw, fluid.unserved_kw);
  bound.load_kwh += fluid.flexible_jobs.facility_kwh;
  nlohmann::json j;
  j["scheduler"] = whole.scheduler;
  j["fluid"] = outcome_json(bound);
  j["fluid"]["cfe_lp_frac"] = lp_cfe_frac(bound);
  j["fluid"]["objective_per_year"] = fluid.objective_per_year;
  j["fluid"]["it_kwh"] = fluid.flexible_jobs.it_kwh;
  j["fluid"]["facility_kwh"] = fluid.flexible_jobs.facility_kwh;
  j["fluid"]["unfinished_kwh"] = fluid.flexible_jobs.unfinished_kwh;
  j["fluid"]["solve_seconds"] = fluid.solve_seconds;
  nlohmann::json& tried = j["schedules"] = nlohmann::json::array();
  for (const JobsSchedule& s : whole.schedules) {
    nlohmann::json one = outcome_json(s.outcome);
    one["scheduler"] = s.scheduler;
    one["status"] = std::string(to_string(s.plan.status));
    one["objective_per_year"] = s.plan.objective_per_year;
    one["cfe_lp_frac"] = lp_cfe_frac(s.outcome);
    one["solve_seconds"] = s.plan.solve_seconds;
    tried.push_back(std::move(one));
  }
  return j;
}

nlohmann::json sizing_json(const SizingProblem& problem, const SizingResult& r,
                           const std::string& method, const std::string& currency) {
  nlohmann::json j;
  j["status"] = std::string(to_string(r.status));
  j["message"] = r.message;
  j["mode"] = "sizing";
  j["method"] = method;
  j["currency"] = currency;
  if (r.source_capacity_kw.size() == problem.sources.size() &&
      r.storage_power_kw.size() == problem.storages.size()) {
    j["objective"] = {{"total_per_year", r.objective_per_year},
                      {"capital_per_year", r.capital_cost_per_year},
                      {"grid_energy_per_year", r.grid_energy_cost_per_year}};
    if (problem.demand_charge_per_kw_month > 0.0) {
      j["objective"]["demand_charge_per_year"] = r.demand_charge_per_year;
    }
    j["capacities"] = capacities(problem, r);
    j["energy"] = {{"load_kwh", r.load_kwh},
                   {"grid_import_kwh", r.grid_import_kwh},
                   {"grid_share_frac", r.load_kwh > 0.0 ? r.grid_import_kwh / r.load_kwh : 0.0},
                   {"curtailed_kwh", r.curtailed_kwh},
                   {"co2_t", r.co2_t}};
    if (problem.grid_export_limit_kw > 0.0) {
      // As dispatch's plan names them (outcome_json), the revenue per year.
      j["objective"]["export_revenue_per_year"] = r.grid_export_revenue_per_year;
      j["energy"]["grid_export_kwh"] = r.grid_export_kwh;
      j["energy"]["export_beyond_surplus_kwh"] = r.export_beyond_surplus_kwh;
    }
    j["notes"] = export_notes(problem, r);
  }
  j["binding_constraints"] = binding(problem, r);
  j["solver"] = {{"name", "COIN-OR Clp (Cbc for integers)"},
                 {"lp_solves", r.lp_solves},
                 {"iterations", r.iterations},
                 {"build_seconds", r.build_seconds},
                 {"solve_seconds", r.solve_seconds}};
  return j;
}

nlohmann::json sized_runs_json(const SizingResult& r, double years_per_run,
                               const EngineFigures& replay, const EngineFigures* rule_based) {
  nlohmann::json j;
  const auto run = [&](const EngineFigures& e) {
    nlohmann::json out = engine_json(e);
    out["cost_per_year"] = r.capital_cost_per_year + years_per_run * e.outcome.cost;
    return out;
  };
  j["replay"] = run(replay);
  const double gap = j["replay"]["cost_per_year"].get<double>() - r.objective_per_year;
  j["gap"] = {
      {"cost_per_year", gap},
      {"cost_frac", r.objective_per_year != 0.0 ? gap / std::abs(r.objective_per_year) : 0.0},
      {"cfe_points", 100.0 * (replay.cfe_score -
                              (r.load_kwh > 0.0 ? 1.0 - r.grid_import_kwh / r.load_kwh : 0.0))}};
  if (rule_based != nullptr) j["rule_based"] = run(*rule_based);
  return j;
}

nlohmann::json cfe_curve_json(const SizingProblem& problem,
                              const std::vector<CfeCurvePoint>& curve) {
  nlohmann::json out = nlohmann::json::array();
  for (const CfeCurvePoint& c : curve) {
    nlohmann::json j = {{"cfe_target_frac", c.cfe_target_frac ? nlohmann::json(*c.cfe_target_frac)
                                                              : nlohmann::json(nullptr)},
                        {"status", std::string(to_string(c.result.status))}};
    if (c.result.source_capacity_kw.size() == problem.sources.size()) {
      j["total_per_year"] = c.result.objective_per_year;
      j["cfe_lp_frac"] = c.cfe_frac;
      j["co2_per_year_t"] = c.co2_per_year_t;
      j["cost_per_t_co2_avoided"] = c.cost_per_t_co2_avoided;
      j["capacities"] = capacities(problem, c.result);
      j["binding_constraints"] = binding(problem, c.result);
    } else {
      j["message"] = c.result.message;
    }
    out.push_back(std::move(j));
  }
  return out;
}

nlohmann::json engine_figures_json(const EngineFigures& figures) { return engine_json(figures); }

void write_json(const std::filesystem::path& path, const nlohmann::json& json) {
  // Atomically (a crash leaves the old file or the new one, never a part).
  metrics::write_file_atomically(path, json.dump(2) + '\n');
}

}  // namespace shapan::optimize
