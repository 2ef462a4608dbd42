#include "shapan/optimize/sized_plant.h"

#include <fmt/format.h>

#include <cmath>
#include <cstddef>

#include "shapan/core/assert.h"

namespace shapan::optimize {
namespace {

// Removes element i of `v` when it has one (cost books and weather-source
// lists may be shorter than the unit list).
template <class T>
void erase_at(std::vector<T>& v, std::size_t i) {
  if (i < v.size()) v.erase(v.begin() + static_cast<std::ptrdiff_t>(i));
}

// The capacities of the sources of one kind ("pv" or "wind"), in order.
std::vector<double> capacities_of(const SizingProblem& p, const SizingResult& r,
                                  const std::string& kind) {
  std::vector<double> out;
  for (std::size_t k = 0; k < p.sources.size(); ++k) {
    if (p.sources[k].kind == kind) out.push_back(r.source_capacity_kw[k]);
  }
  return out;
}

void size_pv(SizedPlant& s, const std::vector<double>& dc_kw) {
  SHAPAN_ASSERT(dc_kw.size() == s.setup.pv.size(), "one capacity per PV array");
  for (std::size_t i = dc_kw.size(); i-- > 0;) {
    if (dc_kw[i] < kNotBuiltBelow) {
      s.notes.push_back(fmt::format("PV array \"{}\" sized to 0: not built", s.setup.pv[i].name));
      erase_at(s.setup.pv, i);
      erase_at(s.setup.pv_weather_source, i);
      erase_at(s.costs.pv, i);
      continue;
    }
    s.setup.pv[i].dc_capacity_kw = dc_kw[i];
  }
}

// A farm on its own availability series is one "turbine" of its capacity;
// a farm of a turbine model gets whole turbines.
void size_wind_farm(gen::WindParams& farm, double capacity_kw, std::vector<std::string>& notes) {
  if (!farm.availability_per_kw.empty()) {
    farm.count = 1;
    farm.turbine.rated_power_kw = capacity_kw;
    return;
  }
  const double rating_kw = farm.turbine.rated_power_kw;
  const double turbines = capacity_kw / rating_kw;
  const double whole = std::max(1.0, std::round(turbines));
  if (std::abs(turbines - whole) > 1e-6) {
    notes.push_back(fmt::format(
        "wind farm \"{}\": the sizing chose {:.3f} turbines of {} kW ({:.1f} kW); the engine runs "
        "{} whole turbines ({:.1f} kW)",
        farm.name, turbines, rating_kw, capacity_kw, whole, whole * rating_kw));
  }
  farm.count = static_cast<int>(whole);
}

void size_wind(SizedPlant& s, const std::vector<double>& kw) {
  SHAPAN_ASSERT(kw.size() == s.setup.wind.size(), "one capacity per wind farm");
  for (std::size_t i = kw.size(); i-- > 0;) {
    if (kw[i] < kNotBuiltBelow) {
      s.notes.push_back(
          fmt::format("wind farm \"{}\" sized to 0: not built", s.setup.wind[i].name));
      erase_at(s.setup.wind, i);
      erase_at(s.setup.wind_weather_source, i);
      erase_at(s.costs.wind, i);
      continue;
    }
    size_wind_farm(s.setup.wind[i], kw[i], s.notes);
  }
}

void size_batteries(SizedPlant& s, const SizingResult& r) {
  SHAPAN_ASSERT(r.storage_power_kw.size() >= s.setup.batteries.size(), "a size per battery");
  for (std::size_t b = s.setup.batteries.size(); b-- > 0;) {
    const double power_kw = r.storage_power_kw[b];
    const double energy_kwh = r.storage_energy_kwh[b];
    if (power_kw < kNotBuiltBelow || energy_kwh < kNotBuiltBelow) {
      s.notes.push_back(
          fmt::format("battery \"{}\" sized to 0: not built", s.setup.batteries[b].name));
      erase_at(s.setup.batteries, b);
      erase_at(s.costs.batteries, b);
      continue;
    }
    gen::BatteryParams& battery = s.setup.batteries[b];
    battery.energy_kwh = energy_kwh;
    battery.max_charge_kw = power_kw;
    battery.max_discharge_kw = power_kw;
  }
}

}  // namespace

SizedPlant sized_plant(const sim::Setup& setup, const metrics::CostBook& costs,
                       const SizingProblem& problem, const SizingResult& result) {
  SHAPAN_ASSERT(result.source_capacity_kw.size() == problem.sources.size(),
                "a capacity per source");
  SizedPlant s{.setup = setup, .costs = costs, .notes = {}};
  size_pv(s, capacities_of(problem, result, "pv"));
  size_wind(s, capacities_of(problem, result, "wind"));
  size_batteries(s, result);
  if (problem.grid_tie && s.setup.grid) s.setup.grid->import_limit_kw = result.grid_tie_kw;
  return s;
}

}  // namespace shapan::optimize
