#include "shapan/metrics/summary.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <utility>

namespace shapan::metrics {
namespace {

// Σ power·dt of several columns in one pass. Each column's sum is a chain of
// dependent additions; side by side, the chains of different columns
// overlap, where one pass per column waited on every addition. Each column
// is still added in index order, from 0, and scaled once at the end, so the
// sums keep every bit.
template <std::size_t N>
std::array<double, N> sum_kwh(const std::array<const std::vector<double>*, N>& columns,
                              double dt_h) {
  std::size_t common = std::numeric_limits<std::size_t>::max();
  std::array<const double*, N> data{};
  for (std::size_t k = 0; k < N; ++k) {
    common = std::min(common, columns[k]->size());
    data[k] = columns[k]->data();
  }
  std::array<double, N> sums{};
  for (std::size_t i = 0; i < common; ++i) {
    for (std::size_t k = 0; k < N; ++k) sums[k] += data[k][i];
  }
  for (std::size_t k = 0; k < N; ++k) {
    for (std::size_t i = common; i < columns[k]->size(); ++i) sums[k] += data[k][i];
    sums[k] *= dt_h;
  }
  return sums;
}

double mean_of(const std::vector<double>& v) {
  double sum = 0.0;
  for (const double x : v) sum += x;
  return v.empty() ? 0.0 : sum / static_cast<double>(v.size());
}

double max_of(const std::vector<double>& v) {
  return v.empty() ? 0.0 : *std::max_element(v.begin(), v.end());
}

// Hourly-matched carbon-free share (the 24/7 CFE score as Google defines it):
// per clock hour, the carbon-free energy consumed is at most the load; the
// score is its sum over the load's sum. Steps are grouped into hours first,
// so sub-hourly surpluses cannot cover deficits in another hour.
double hourly_cfe_score(const sim::StepSeries& s, double dt_h) {
  double load_sum = 0.0;
  double clean_sum = 0.0;
  std::int64_t current = -1;
  double load_h = 0.0;
  double clean_h = 0.0;
  const auto flush = [&] {
    load_sum += load_h;
    clean_sum += std::min(load_h, clean_h);
  };
  // The steps of one hour follow each other: divide only when a step leaves
  // the current hour's span [hour_start_s, hour_start_s + 3600). The span is
  // kept for t >= 0 only, where the division truncates to the hour's start.
  std::int64_t hour_start_s = 0;
  std::int64_t hour_end_s = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const std::int64_t t = s.start[i].unix_seconds();
    if (!(t >= hour_start_s && t < hour_end_s)) {
      const std::int64_t hour = t / 3600;
      hour_start_s = hour * 3600;
      hour_end_s = t >= 0 ? hour_start_s + 3600 : hour_start_s;
      if (hour != current) {
        flush();
        current = hour;
        load_h = 0.0;
        clean_h = 0.0;
      }
    }
    load_h += s.datacenter_kw[i] * dt_h;
    clean_h += s.green_to_load_kw[i] * dt_h;
  }
  flush();
  return load_sum > 0.0 ? clean_sum / load_sum : 0.0;
}

// Σ over calendar months (site standard time) of the month's highest grid
// import (step mean, kW): the quantity a monthly demand charge bills.
double monthly_peaks_kw_sum(const sim::StepSeries& s, double utc_offset_h) {
  double sum = 0.0;
  int current = -1;
  double peak = 0.0;
  // Civil dates only when a step leaves the current month's span
  // [month_start, next_month): steps are in time order, so that is once a month.
  Timestamp month_start;
  Timestamp next_month = month_start;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const Timestamp t = s.start[i];
    if (!(t >= month_start && t < next_month)) {
      const CivilTime local = to_civil(t, utc_offset_h);
      const int month = local.year * 12 + local.month;
      if (month != current) {
        sum += peak;
        peak = 0.0;
        current = month;
      }
      month_start = to_timestamp({.year = local.year, .month = local.month}, utc_offset_h);
      next_month = to_timestamp({.year = local.month == 12 ? local.year + 1 : local.year,
                                 .month = local.month == 12 ? 1 : local.month + 1},
                                utc_offset_h);
    }
    peak = std::max(peak, s.grid_import_kw[i]);
  }
  return sum + peak;
}

JobSummary summarize_jobs(const sim::Results& results) {
  const load::JobReport& r = *results.jobs;
  JobSummary j;
  j.policy = r.policy;
  j.count = r.jobs.size();
  j.capacity_kw = results.jobs_capacity_kw;
  j.curtailment_absorbed_kwh = results.jobs_curtailment_absorbed_kwh;
  std::vector<double> waits_h;
  waits_h.reserve(r.outcomes.size());
  for (std::size_t i = 0; i < r.outcomes.size(); ++i) {
    const load::JobOutcome& o = r.outcomes[i];
    if (o.finish_s >= 0.0)
      ++j.completed;
    else
      ++j.unfinished;
    if (o.deadline_missed) ++j.deadline_missed;
    j.interruptions += static_cast<std::size_t>(o.interruptions);
    j.energy_kwh += o.energy_kwh;
    j.green_kwh += o.green_kwh;
    if (o.start_s >= 0.0) {
      const double arrival_s =
          static_cast<double>((r.jobs[i].arrival - results.steps.start.front()).in_seconds());
      waits_h.push_back((o.start_s - arrival_s) / 3600.0);
    }
  }
  if (!waits_h.empty()) {
    double sum = 0.0;
    for (const double w : waits_h) sum += w;
    j.wait_mean_h = sum / static_cast<double>(waits_h.size());
    // Nearest-rank 95th percentile.
    const auto rank =
        static_cast<std::size_t>(std::ceil(0.95 * static_cast<double>(waits_h.size()))) - 1;
    std::nth_element(waits_h.begin(), waits_h.begin() + static_cast<std::ptrdiff_t>(rank),
                     waits_h.end());
    j.wait_p95_h = waits_h[rank];
  }
  if (j.count > 0) {
    j.energy_kwh_per_job = j.energy_kwh / static_cast<double>(j.count);
    j.green_kwh_per_job = j.green_kwh / static_cast<double>(j.count);
  }
  j.green_share = j.energy_kwh > 0.0 ? j.green_kwh / j.energy_kwh : 0.0;
  return j;
}

// The basis the scenario names; without one, what the user gave.
std::string carbon_basis(const std::optional<sim::GridAccounting>& grid) {
  if (!grid) return "none (no [grid]: islanded)";
  if (!grid->carbon_basis.empty()) return grid->carbon_basis;
  return grid->carbon_intensity_per_step ? "user-specified series" : "user-specified";
}

// 绿电直连 (NDRC/NEA 发改能源〔2025〕650号): wind and solar only; what they
// stored and the load used later counts as used on site (sim tracks the
// stored energy's origin). Fractions of the whole run.
DirectSupplySummary direct_supply_summary(const EnergyTotals& e, const DirectSupplyParams& p,
                                          int start_year) {
  DirectSupplySummary d;
  const double available_kwh = e.pv + e.wind;
  d.self_use_frac = available_kwh > 0.0 ? e.wind_solar_to_load / available_kwh : 0.0;
  d.export_share_frac = available_kwh > 0.0 ? e.wind_solar_to_grid / available_kwh : 0.0;
  d.consumption_share_frac = e.datacenter > 0.0 ? e.wind_solar_to_load / e.datacenter : 0.0;
  d.self_use_min_frac = p.self_use_min_frac;
  d.consumption_share_min_frac = start_year >= p.consumption_share_raised_from_year
                                     ? p.consumption_share_raised_min_frac
                                     : p.consumption_share_min_frac;
  d.export_share_max_frac = p.export_share_max_frac;
  d.compliant = available_kwh > 0.0 && d.self_use_frac >= d.self_use_min_frac &&
                d.consumption_share_frac >= d.consumption_share_min_frac &&
                d.export_share_frac <= d.export_share_max_frac;
  return d;
}

// Sums columns [Begin, Begin + sizeof...(K)) of kEnergyColumns into e.
template <std::size_t Begin, std::size_t... K>
void sum_energy_block(const sim::StepSeries& s, double dt_h, EnergyTotals& e,
                      std::index_sequence<K...> /*columns*/) {
  const std::array<double, sizeof...(K)> sums =
      sum_kwh<sizeof...(K)>({&(s.*kEnergyColumns[Begin + K].values)...}, dt_h);
  ((e.*kEnergyColumns[Begin + K].total = sums[K]), ...);
}

// Every summed column from Begin on, ten at a time: ten chains side by side
// keep their sums and pointers in registers.
template <std::size_t Begin>
void sum_energy_from(const sim::StepSeries& s, double dt_h, EnergyTotals& e) {
  constexpr std::size_t kBlock = std::min<std::size_t>(10, kEnergyColumns.size() - Begin);
  sum_energy_block<Begin>(s, dt_h, e, std::make_index_sequence<kBlock>{});
  if constexpr (Begin + kBlock < kEnergyColumns.size()) sum_energy_from<Begin + kBlock>(s, dt_h, e);
}

// The run's energy totals (kWh), each summed column over the steps.
EnergyTotals energy_totals(const sim::Results& results, double dt_h) {
  EnergyTotals e;
  sum_energy_from<0>(results.steps, dt_h, e);
  // Closed over the run: what went in, less what came out and what is still held.
  e.pumped_loss = e.pumped_charge - e.pumped_discharge -
                  (results.pumped_stored_end_kwh - results.pumped_stored_start_kwh);
  return e;
}

// Sums the batteries' ageing reports into `out` and returns what their
// replacement and augmentation modules cost (CNY).
double summarize_battery_ageing(const CostBook& costs, const sim::Results& results, Summary& out) {
  double nameplate_kwh = 0.0;
  double capacity_end_kwh = 0.0;
  double replacement_cny = 0.0;
  for (std::size_t b = 0; b < results.battery_ageing.size(); ++b) {
    const sim::BatteryAgeingReport& a = results.battery_ageing[b];
    nameplate_kwh += a.nameplate_kwh;
    capacity_end_kwh += a.nameplate_kwh * a.capacity_end_frac;
    out.battery_replacements += a.replacements;
    out.battery_augmentations += a.augmentations;
    out.battery_augmented_kwh += a.augmented_kwh;
    if (b < costs.batteries.size()) {
      // New modules cost the same per kWh whether they replace or augment.
      replacement_cny += costs.batteries[b].capex_cny_per_kwh *
                         (a.replacements * a.nameplate_kwh + a.augmented_kwh);
    }
  }
  out.battery_capacity_end_frac = nameplate_kwh > 0.0 ? capacity_end_kwh / nameplate_kwh : 1.0;
  return replacement_cny;
}

// The costs of the run into out.cost, and the shares and emissions that
// depend on the grid's green certificates.
void summarize_costs(const sim::Results& results, const CostBook& costs, double clean_used,
                     double import_cost, double replacement_cny, Summary& out) {
  const sim::StepSeries& s = results.steps;
  const EnergyTotals& e = out.energy_kwh;
  const AnnualCost plant = plant_annual_cost(costs, results.capacities);
  CostSummary& c = out.cost;
  out.currency = costs.finance.currency;
  c.annualised_capex_cny_per_year = plant.capital_per_year;
  c.om_cny_per_year = plant.om_per_year;
  c.grid_import_cny = import_cost;
  const std::optional<sim::GridAccounting>& grid = results.grid_accounting;
  c.grid_export_revenue_cny = grid ? e.grid_export * grid->export_price_cny_per_kwh : 0.0;
  c.battery_replacement_cny = replacement_cny;
  if (grid) {
    const sim::GridAccounting& g = *grid;
    c.demand_charge_cny =
        monthly_peaks_kw_sum(s, results.utc_offset_h) * g.demand_charge_cny_per_kw_month;
    const double matched_kwh = e.grid_import * g.green_certificate_frac;
    c.green_certificate_cny = matched_kwh / 1000.0 * costs.green_certificate_price_cny_per_mwh;
    out.emissions_market_based_t = out.emissions_t * (1.0 - g.green_certificate_frac);
    out.green_share_with_certificates =
        e.datacenter > 0.0 ? std::clamp((clean_used + matched_kwh) / e.datacenter, 0.0, 1.0) : 0.0;
  } else {
    out.emissions_market_based_t = out.emissions_t;
    out.green_share_with_certificates = out.green_share;
  }
  c.total_cny = (plant.capital_per_year + plant.om_per_year) * results.years + import_cost -
                c.grid_export_revenue_cny + replacement_cny + c.demand_charge_cny +
                c.green_certificate_cny;
  const double served_kwh = e.datacenter - e.unserved;
  c.lcoe_per_kwh = served_kwh > 0.0 ? c.total_cny / served_kwh : 0.0;
}

}  // namespace

std::vector<FieldIssue> DirectSupplyParams::check() const {
  return FieldChecker()
      .in_range("self_use_min_frac", self_use_min_frac, 0.0, 1.0)
      .in_range("consumption_share_min_frac", consumption_share_min_frac, 0.0, 1.0)
      .in_range("consumption_share_raised_min_frac", consumption_share_raised_min_frac, 0.0, 1.0)
      .in_range("consumption_share_raised_from_year", consumption_share_raised_from_year, 1900.0,
                2200.0)
      .in_range("export_share_max_frac", export_share_max_frac, 0.0, 1.0)
      .issues();
}

Summary summarize(const std::string& scenario_name, const sim::Results& results,
                  const CostBook& costs, const DirectSupplyParams& direct_supply) {
  const sim::StepSeries& s = results.steps;
  const double dt_h = results.step.in_hours();
  Summary out;
  out.scenario = scenario_name;
  out.strategy = results.strategy;
  out.years = results.years;
  out.step_minutes = results.step.in_minutes();
  out.steps = s.size();

  out.energy_kwh = energy_totals(results, dt_h);
  const EnergyTotals& e = out.energy_kwh;

  const double clean_output = e.pv + e.wind + e.hydro;
  // Annual matching: clean energy the plant put to use (on site or exported)
  // against the data center's consumption, capped at 1.
  const double clean_used = clean_output - e.curtailed - e.battery_loss;
  out.annual_matching_frac = e.datacenter > 0.0 ? std::max(0.0, clean_used / e.datacenter) : 0.0;
  out.green_share = std::min(out.annual_matching_frac, 1.0);
  out.cfe_score = hourly_cfe_score(s, dt_h);
  out.curtailment_rate = clean_output > 0.0 ? e.curtailed / clean_output : 0.0;
  // Spilled water is clean energy lost as surely as curtailed output.
  out.clean_energy_lost_kwh = e.curtailed + e.hydro_spilled;

  double emissions_g = 0.0;
  double import_cost = 0.0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    emissions_g += s.grid_import_kw[i] * dt_h * s.grid_carbon_g_per_kwh[i];
    import_cost += s.grid_import_kw[i] * dt_h * s.import_price_cny_per_kwh[i];
  }
  out.emissions_t = emissions_g / 1e6;
  out.grid_carbon_basis = carbon_basis(results.grid_accounting);
  out.battery_equivalent_cycles =
      results.battery_capacity_kwh > 0.0 ? e.battery_discharge / results.battery_capacity_kwh : 0.0;
  const double replacement_cny = summarize_battery_ageing(costs, results, out);
  out.batteries = results.battery_ageing;
  out.hydro_plants = results.hydro_plants;
  // Facility over IT energy; without IT energy that ratio is 0 / 0, and the
  // PUE model's value averaged over the steps is the figure that still means
  // something (the overhead any IT load would have carried).
  out.pue_mean = e.it > 0.0 ? e.datacenter / e.it : mean_of(s.pue);
  out.peak_datacenter_kw = max_of(s.datacenter_kw);
  out.peak_grid_import_kw = max_of(s.grid_import_kw);
  out.balance_max_abs_error_kwh = max_of(s.balance_error_kwh);

  summarize_costs(results, costs, clean_used, import_cost, replacement_cny, out);
  if (results.jobs && !s.start.empty()) out.jobs = summarize_jobs(results);
  const int start_year = s.start.empty() ? 0 : to_civil(s.start.front(), results.utc_offset_h).year;
  out.direct_supply = direct_supply_summary(e, direct_supply, start_year);
  return out;
}

}  // namespace shapan::metrics
