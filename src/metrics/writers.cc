#include "shapan/metrics/writers.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <stdexcept>

#include "shapan/core/assert.h"

namespace shapan::metrics {

namespace {

nlohmann::ordered_json energy_json(const EnergyTotals& e) {
  nlohmann::ordered_json out;
  for (const EnergyColumn& c : kEnergyColumns) out[std::string(c.name)] = e.*c.total;
  out["pumped_loss"] = e.pumped_loss;
  return out;
}

nlohmann::ordered_json hydro_plants_json(const std::vector<sim::HydroPlantReport>& plants) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const sim::HydroPlantReport& h : plants) {
    out.push_back({{"name", h.name},
                   {"energy_kwh", h.energy_kwh},
                   {"turbined_hm3", h.turbined_hm3},
                   {"spill_hm3", h.spill_hm3},
                   {"spill_energy_kwh", h.spill_energy_kwh},
                   {"evaporation_hm3", h.evaporation_hm3},
                   {"storage_start_hm3", h.storage_start_hm3},
                   {"storage_end_hm3", h.storage_end_hm3}});
  }
  return out;
}

nlohmann::ordered_json batteries_json(const std::vector<sim::BatteryAgeingReport>& batteries) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const sim::BatteryAgeingReport& b : batteries) {
    out.push_back({{"name", b.name},
                   {"chemistry", b.chemistry},
                   {"nameplate_kwh", b.nameplate_kwh},
                   {"capacity_end_frac", b.capacity_end_frac},
                   {"replacements", b.replacements},
                   {"augmentations", b.augmentations},
                   {"augmented_kwh", b.augmented_kwh},
                   {"cycle_damage", b.cycle_damage},
                   {"calendar_damage", b.calendar_damage}});
  }
  return out;
}

nlohmann::ordered_json cost_json(const CostSummary& c) {
  return {{"annualised_capex_cny_per_year", c.annualised_capex_cny_per_year},
          {"om_cny_per_year", c.om_cny_per_year},
          {"grid_import_cny", c.grid_import_cny},
          {"grid_export_revenue_cny", c.grid_export_revenue_cny},
          {"battery_replacement_cny", c.battery_replacement_cny},
          {"demand_charge_cny", c.demand_charge_cny},
          {"green_certificate_cny", c.green_certificate_cny},
          {"total_cny", c.total_cny},
          {"lcoe_per_kwh", c.lcoe_per_kwh}};
}

nlohmann::ordered_json jobs_json(const JobSummary& b) {
  return {{"policy", b.policy},
          {"count", b.count},
          {"completed", b.completed},
          {"deadline_missed", b.deadline_missed},
          {"unfinished", b.unfinished},
          {"interruptions", b.interruptions},
          {"wait_mean_h", b.wait_mean_h},
          {"wait_p95_h", b.wait_p95_h},
          {"energy_kwh", b.energy_kwh},
          {"green_kwh", b.green_kwh},
          {"energy_kwh_per_job", b.energy_kwh_per_job},
          {"green_kwh_per_job", b.green_kwh_per_job},
          {"green_share", b.green_share},
          {"curtailment_absorbed_kwh", b.curtailment_absorbed_kwh},
          {"capacity_kw", b.capacity_kw}};
}

}  // namespace

nlohmann::ordered_json to_json(const Summary& s) {
  nlohmann::ordered_json j;
  j["scenario"] = s.scenario;
  j["strategy"] = s.strategy;
  j["years"] = s.years;
  j["step_minutes"] = s.step_minutes;
  j["steps"] = s.steps;
  j["energy_kwh"] = energy_json(s.energy_kwh);
  j["green_share"] = s.green_share;
  j["annual_matching_frac"] = s.annual_matching_frac;
  j["cfe_score"] = s.cfe_score;
  j["curtailment_rate"] = s.curtailment_rate;
  j["clean_energy_lost_kwh"] = s.clean_energy_lost_kwh;
  const DirectSupplySummary& d = s.direct_supply;
  j["direct_supply"] = {{"self_use_frac", d.self_use_frac},
                        {"consumption_share_frac", d.consumption_share_frac},
                        {"export_share_frac", d.export_share_frac},
                        {"self_use_min_frac", d.self_use_min_frac},
                        {"consumption_share_min_frac", d.consumption_share_min_frac},
                        {"export_share_max_frac", d.export_share_max_frac},
                        {"compliant", d.compliant}};
  j["emissions_t"] = s.emissions_t;
  j["grid_carbon_basis"] = s.grid_carbon_basis;
  j["emissions_market_based_t"] = s.emissions_market_based_t;
  j["green_share_with_certificates"] = s.green_share_with_certificates;
  j["battery_equivalent_cycles"] = s.battery_equivalent_cycles;
  j["hydro_plants"] = hydro_plants_json(s.hydro_plants);
  j["battery_capacity_end_frac"] = s.battery_capacity_end_frac;
  j["battery_replacements"] = s.battery_replacements;
  j["battery_augmentations"] = s.battery_augmentations;
  j["battery_augmented_kwh"] = s.battery_augmented_kwh;
  j["batteries"] = batteries_json(s.batteries);
  j["pue_mean"] = s.pue_mean;
  j["peak_datacenter_kw"] = s.peak_datacenter_kw;
  j["peak_grid_import_kw"] = s.peak_grid_import_kw;
  j["currency"] = s.currency;
  j["cost"] = cost_json(s.cost);
  if (s.jobs) j["jobs"] = jobs_json(*s.jobs);
  j["balance_max_abs_error_kwh"] = s.balance_max_abs_error_kwh;
  j["warnings"] = s.warnings;
  return j;
}

void write_file_atomically(const std::filesystem::path& path, const std::string& text) {
  const std::filesystem::path tmp = path.string() + fmt::format(".tmp{}", ::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error(fmt::format("{}: cannot write the file", tmp.string()));
    out << text;
    out.flush();
    if (!out) throw std::runtime_error(fmt::format("{}: write failed (disk full?)", tmp.string()));
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    throw std::runtime_error(
        fmt::format("{}: cannot move the finished file into place", path.string()));
  }
}

void write_summary_json(const std::filesystem::path& path, const Summary& summary) {
  write_file_atomically(path, to_json(summary).dump(2) + "\n");
}

void write_timeseries_csv(const std::filesystem::path& path, const sim::Results& r) {
  const sim::StepSeries& s = r.steps;
  const auto& columns = sim::kStepColumns;
  std::string text = "time_local";
  for (const sim::StepColumn& c : columns) {
    SHAPAN_ASSERT((s.*c.values).size() == s.size(), "every step series has one value per step");
    text += ',';
    text += c.name;
  }
  text += '\n';
  text.reserve(text.size() + s.size() * 12 * (columns.size() + 2));
  for (std::size_t i = 0; i < s.size(); ++i) {
    text += format_iso8601(s.start[i], r.utc_offset_h);
    for (const sim::StepColumn& c : columns) {
      const double v = (s.*c.values)[i];
      if (c.decimals < 0) {
        fmt::format_to(std::back_inserter(text), ",{:.3g}", v);
      } else {
        fmt::format_to(std::back_inserter(text), ",{:.{}f}", v, c.decimals);
      }
    }
    text += '\n';
  }
  write_file_atomically(path, text);
}

std::string format_kpi_table(const Summary& s) {
  const EnergyTotals& e = s.energy_kwh;
  std::string t;
  const auto row = [&t](std::string_view name, std::string value) {
    fmt::format_to(std::back_inserter(t), "  {:<28}{:>18}\n", name, value);
  };
  const auto mwh = [](double kwh) { return fmt::format("{:.1f} MWh", kwh / 1000.0); };
  const auto pct = [](double frac) { return fmt::format("{:.1f} %", frac * 100.0); };
  fmt::format_to(std::back_inserter(t), "{} — {} year(s) at {} min steps, {} dispatch\n",
                 s.scenario, s.years, s.step_minutes, s.strategy);
  // The headline first: hourly matching is the figure that tells designs apart.
  row("CFE score (hourly)", pct(s.cfe_score));
  row("Annual matching (uncapped)", pct(s.annual_matching_frac));
  row("Green share (annual, capped)", pct(s.green_share));
  const DirectSupplySummary& d = s.direct_supply;
  const auto check = [&pct](double frac, bool ok) {
    return fmt::format("{} {}", pct(frac), ok ? "ok" : "NO");
  };
  row("Direct supply (wind+solar)", d.compliant ? "compliant" : "not compliant");
  row(fmt::format("  self-use (>= {:.0f} %)", d.self_use_min_frac * 100.0),
      check(d.self_use_frac, d.self_use_frac >= d.self_use_min_frac));
  row(fmt::format("  of consumption (>= {:.0f} %)", d.consumption_share_min_frac * 100.0),
      check(d.consumption_share_frac, d.consumption_share_frac >= d.consumption_share_min_frac));
  row(fmt::format("  exported (<= {:.0f} %)", d.export_share_max_frac * 100.0),
      check(d.export_share_frac, d.export_share_frac <= d.export_share_max_frac));
  row("PV", mwh(e.pv));
  row("Wind", mwh(e.wind));
  row("Hydro", mwh(e.hydro));
  row("Battery charge / discharge",
      fmt::format("{:.1f} / {:.1f} MWh", e.battery_charge / 1000.0, e.battery_discharge / 1000.0));
  row("Grid import / export",
      fmt::format("{:.1f} / {:.1f} MWh", e.grid_import / 1000.0, e.grid_export / 1000.0));
  row("Curtailed", mwh(e.curtailed));
  row("Data center (facility)", mwh(e.datacenter));
  row("Unserved", mwh(e.unserved));
  row("Curtailment rate", pct(s.curtailment_rate));
  row("Emissions", fmt::format("{:.1f} tCO2", s.emissions_t));
  row("Grid carbon basis", s.grid_carbon_basis);
  row("PUE (mean)", fmt::format("{:.3f}", s.pue_mean));
  row("Battery cycles", fmt::format("{:.1f}", s.battery_equivalent_cycles));
  row("Battery capacity at end",
      fmt::format("{:.1f} % ({} repl.)", s.battery_capacity_end_frac * 100.0,
                  s.battery_replacements));
  row("LCOE", fmt::format("{:.4f} {}/kWh", s.cost.lcoe_per_kwh, s.currency));
  if (s.jobs) {
    const JobSummary& b = *s.jobs;
    row("Jobs scheduler", b.policy);
    row("Jobs completed / missed",
        fmt::format("{} / {} of {}", b.completed, b.deadline_missed, b.count));
    row("Job wait mean / p95", fmt::format("{:.2f} / {:.2f} h", b.wait_mean_h, b.wait_p95_h));
    row("Jobs energy (green)",
        fmt::format("{:.1f} MWh ({:.1f} %)", b.energy_kwh / 1000.0, b.green_share * 100.0));
  }
  row("Ledger max |error|", fmt::format("{:.2e} kWh", s.balance_max_abs_error_kwh));
  return t;
}

}  // namespace shapan::metrics
