// Property test of whole random scenarios (issue 17 item 5). Each scenario
// (random_setup.h: random_scenario) may have every component — PV, wind, a
// hydro plant with up to two plants below it in a cascade, batteries with
// ageing, pumped storage, a grid with a time-of-use tariff, seasons, demand
// charge and a carbon series, a data center and synthetic jobs under any of
// the four schedulers — at steps of 1, 5, 15, 30 or 60 minutes. On every one:
//   - the ledger closes at every step (balance_error_kwh <= 1e-6 kWh);
//   - no NaN or infinity in any result column or summary figure;
//   - states within their bounds: state of charge and capacity 0..1, every
//     reservoir between its dead and full storage, flows >= 0, imports and
//     exports within the grid's limits, pumped storage within its ratings;
//   - no step both imports and exports.
// And the same scenario at hourly and 15-minute steps gives the same annual
// energies within the tolerances below.
//
// Lengths: most runs are short so that 1,000 scenarios take well under a
// minute in the release build: 1–7 days at 1-minute steps, 3–30 days at 5,
// 1–8 weeks at 15 and 30, and at hourly steps 1–8 weeks or, one time in
// five, 1–3 years. Under a sanitizer (ASan/UBSan, TSan) a tenth of the
// scenarios run. SHAPAN_PROPERTY_SCENARIOS=N sets the count.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>

#include "random_setup.h"
#include "shapan/metrics/summary.h"
#include "shapan/metrics/writers.h"

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define SHAPAN_PROPERTY_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || \
    __has_feature(undefined_behavior_sanitizer)
#define SHAPAN_PROPERTY_SANITIZED 1
#endif
#endif

namespace shapan {
namespace {

using property::Draw;

#ifdef SHAPAN_PROPERTY_SANITIZED
constexpr std::uint64_t kDefaultScenarios = 100;
#else
constexpr std::uint64_t kDefaultScenarios = 1000;
#endif

std::uint64_t scenario_count(std::uint64_t release_count) {
  if (const char* env = std::getenv("SHAPAN_PROPERTY_SCENARIOS")) {
    return std::strtoull(env, nullptr, 10);
  }
  return release_count * kDefaultScenarios / 1000;
}

// Step and length of scenario `seed`, as above.
std::pair<int, std::size_t> random_frame(Draw& d) {
  const int step_minutes = std::array<int, 5>{1, 5, 15, 30, 60}[d.integer(0, 4)];
  const int per_day = 24 * 60 / step_minutes;
  int days = 0;
  switch (step_minutes) {
    case 1:
      days = d.integer(1, 7);
      break;
    case 5:
      days = d.integer(3, 30);
      break;
    case 60:
      days = d.chance(0.2) ? 365 * d.integer(1, 3) : d.integer(7, 56);
      break;
    default:
      days = d.integer(7, 56);
  }
  return {step_minutes, static_cast<std::size_t>(days * per_day)};
}

// Every number in a summary's JSON is finite (NaN and infinity would be
// written as null).
void expect_all_finite(const nlohmann::ordered_json& j, const std::string& where,
                       std::uint64_t seed) {
  if (j.is_number()) {
    ASSERT_TRUE(std::isfinite(j.get<double>())) << "seed " << seed << " summary " << where;
  } else if (j.is_structured()) {
    for (auto it = j.begin(); it != j.end(); ++it) {
      expect_all_finite(*it, j.is_object() ? where + "." + it.key() : where + "[]", seed);
    }
  }
}

void check_states(const sim::Setup& setup, const sim::Results& r, std::uint64_t seed) {
  const sim::StepSeries& s = r.steps;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto at = [&] { return "seed " + std::to_string(seed) + " step " + std::to_string(i); };
    ASSERT_LE(s.balance_error_kwh[i], 1e-6) << at();
    ASSERT_FALSE(s.grid_import_kw[i] > 0.0 && s.grid_export_kw[i] > 0.0) << at();
    ASSERT_GE(s.battery_soc_frac[i], -1e-9) << at();
    ASSERT_LE(s.battery_soc_frac[i], 1.0 + 1e-9) << at();
    ASSERT_GE(s.battery_capacity_frac[i], 0.0) << at();
    ASSERT_LE(s.battery_capacity_frac[i], 1.0 + 1e-9) << at();
    if (setup.hydro) {
      ASSERT_GE(s.reservoir_storage_hm3[i], setup.hydro->params.storage_min_hm3 - 1e-9) << at();
      ASSERT_LE(s.reservoir_storage_hm3[i], setup.hydro->params.storage_max_hm3 + 1e-9) << at();
    }
    for (const double flow :
         {s.pv_kw[i], s.wind_kw[i], s.hydro_kw[i], s.curtailed_kw[i], s.grid_import_kw[i],
          s.grid_export_kw[i], s.unserved_kw[i], s.battery_charge_kw[i], s.battery_discharge_kw[i],
          s.pumped_charge_kw[i], s.pumped_discharge_kw[i], s.datacenter_kw[i], s.jobs_running[i],
          s.hydro_spill_m3_per_s[i]}) {
      ASSERT_GE(flow, -1e-9) << at();
    }
    if (setup.grid) {
      ASSERT_LE(s.grid_import_kw[i], setup.grid->import_limit_kw + 1e-6) << at();
      ASSERT_LE(s.grid_export_kw[i], setup.grid->export_limit_kw + 1e-6) << at();
    } else {
      ASSERT_EQ(s.grid_import_kw[i] + s.grid_export_kw[i], 0.0) << at();
    }
    double pump_kw = 0.0;
    double turbine_kw = 0.0;
    for (const auto& p : setup.pumped_storage) {
      pump_kw += p.pump_max_kw;
      turbine_kw += p.turbine_max_kw;
    }
    ASSERT_LE(s.pumped_charge_kw[i], pump_kw + 1e-6) << at();
    ASSERT_LE(s.pumped_discharge_kw[i], turbine_kw + 1e-6) << at();
  }
  // Every plant of the cascade ends within its own reservoir.
  std::vector<const sim::HydroSetup*> plants;
  if (setup.hydro) plants.push_back(&*setup.hydro);
  for (const auto& h : setup.hydro_cascade) plants.push_back(&h);
  ASSERT_EQ(r.hydro_plants.size(), plants.size()) << "seed " << seed;
  for (std::size_t k = 0; k < plants.size(); ++k) {
    ASSERT_GE(r.hydro_plants[k].storage_end_hm3, plants[k]->params.storage_min_hm3 - 1e-9)
        << "seed " << seed << " plant " << k;
    ASSERT_LE(r.hydro_plants[k].storage_end_hm3, plants[k]->params.storage_max_hm3 + 1e-9)
        << "seed " << seed << " plant " << k;
  }
}

void check_finite(const sim::Results& r, std::uint64_t seed) {
  for (const sim::StepColumn& c : sim::kStepColumns) {
    const std::vector<double>& values = r.steps.*c.values;
    ASSERT_EQ(values.size(), r.steps.size()) << c.name;
    for (std::size_t i = 0; i < values.size(); ++i) {
      ASSERT_TRUE(std::isfinite(values[i])) << "seed " << seed << " " << c.name << " step " << i;
    }
  }
  const metrics::Summary summary = metrics::summarize("random", r, {});
  expect_all_finite(metrics::to_json(summary), "", seed);
}

TEST(ScenarioPropertyTest, InvariantsHoldOnRandomScenarios) {
  const std::uint64_t cases = scenario_count(1000);
  std::uint64_t steps = 0;
  for (std::uint64_t seed = 1; seed <= cases; ++seed) {
    Draw draw(seed * 7919);
    const auto [step_minutes, n] = random_frame(draw);
    const sim::Setup setup = property::random_scenario(draw, step_minutes, n);
    const sim::Results r = sim::run(setup);
    ASSERT_EQ(r.steps.size(), n) << "seed " << seed;
    steps += n;
    check_states(setup, r, seed);
    if (HasFatalFailure()) return;
    check_finite(r, seed);
    if (HasFatalFailure()) return;
  }
  std::printf("%llu scenarios, %llu steps\n", static_cast<unsigned long long>(cases),
              static_cast<unsigned long long>(steps));
}

// Annual (whole-run) energies of one run, kWh.
struct Energies {
  std::map<std::string, double> kwh;
  double supply_kwh = 0.0;  // PV + wind + hydro + import + storage discharge
};

Energies energies_of(const sim::Results& r) {
  const double step_h =
      r.steps.size() > 1
          ? static_cast<double>((r.steps.start[1] - r.steps.start[0]).in_seconds()) / 3600.0
          : 1.0;
  const auto total = [&](const std::vector<double>& kw) {
    double sum = 0.0;
    for (const double v : kw) sum += v;
    return sum * step_h;
  };
  Energies e;
  const sim::StepSeries& s = r.steps;
  e.kwh = {{"pv", total(s.pv_kw)},
           {"wind", total(s.wind_kw)},
           {"hydro", total(s.hydro_kw)},
           {"datacenter", total(s.datacenter_kw)},
           {"grid_import", total(s.grid_import_kw)},
           {"grid_export", total(s.grid_export_kw)},
           {"curtailed", total(s.curtailed_kw)},
           {"unserved", total(s.unserved_kw)},
           {"battery_discharge", total(s.battery_discharge_kw)},
           {"pumped_discharge", total(s.pumped_discharge_kw)}};
  e.supply_kwh = e.kwh["pv"] + e.kwh["wind"] + e.kwh["hydro"] + e.kwh["grid_import"] +
                 e.kwh["battery_discharge"] + e.kwh["pumped_discharge"];
  return e;
}

// The same scenario at hourly and 15-minute steps (at_shorter_steps: every
// input held over the hour's four quarters, so both see the same hourly
// means): 200 scenarios (20 under a sanitizer) of 2–8 weeks, every tenth a
// year. PV uses clear-sky irradiance here: the random weather's irradiance is
// not tied to the sun at the site, and held over an hour it would meet sun
// positions on both sides of sunrise. Tolerances, measured worst over the 200
// in brackets (4 December 2026):
//   - wind, and the data center without jobs: 1e-9 of the energy: the same
//     inputs through stateless models [6e-13];
//   - PV: 3 % of its energy: the 15-minute run takes the sun at four
//     midpoints an hour instead of one, and transposition and the incidence
//     modifier are not linear in the sun's angles [2.3 %];
//   - hydro, curtailment, grid import and export, unserved load, storage
//     discharge and the data center with jobs: 5 % of the hourly run's total
//     supply (PV + wind + hydro + import + storage discharge) [3.6 %]: the
//     dispatch decides per step, so the 15-minute run charges, releases
//     water and starts flexible jobs within the hour where the hourly one
//     cannot, which moves energy between storage, curtailment, the grid and
//     the jobs' timing by a few percent of what flows.
TEST(ScenarioPropertyTest, HourlyAndQuarterHourRunsAgreeOnEnergy) {
  const std::uint64_t cases = scenario_count(200);
  std::map<std::string, double> worst;
  for (std::uint64_t seed = 1; seed <= cases; ++seed) {
    Draw draw(seed * 104729);
    const int days = seed % 10 == 0 ? 365 : draw.integer(14, 56);
    sim::Setup hourly = property::random_scenario(draw, 60, static_cast<std::size_t>(days) * 24);
    for (gen::PvParams& pv : hourly.pv) pv.irradiance = gen::IrradianceSource::kClearSky;
    const sim::Setup quarter = property::at_shorter_steps(hourly, 4);
    const Energies a = energies_of(sim::run(hourly));
    const Energies b = energies_of(sim::run(quarter));
    const double supply = std::max(a.supply_kwh, 1.0);
    for (const auto& [name, kwh] : a.kwh) {
      const double other = b.kwh.at(name);
      const double diff = std::abs(kwh - other);
      double allowed = 0.05 * supply;
      if (name == "wind" || (name == "datacenter" && !hourly.workload)) {
        allowed = 1e-9 * std::max(kwh, 1.0);
      } else if (name == "pv") {
        allowed = 0.03 * std::max(kwh, 1.0);
      }
      EXPECT_LE(diff, allowed) << "seed " << seed << " " << name << ": hourly " << kwh
                               << " kWh, 15-minute " << other << " kWh";
      worst[name] = std::max(worst[name], diff / supply);
    }
  }
  for (const auto& [name, frac] : worst) {
    std::printf("%s: worst difference %.3g of supply\n", name.c_str(), frac);
  }
}

}  // namespace
}  // namespace shapan
