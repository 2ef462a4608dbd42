#include "profiles.h"

#include <utility>

#include "shapan/core/assert.h"

namespace shapan::sim {
namespace {

// Adds `part` into `total`; the first part is copied (empty total).
void add_into(std::vector<double>& total, const std::vector<double>& part) {
  if (total.empty()) {
    total = part;
    return;
  }
  for (std::size_t i = 0; i < total.size(); ++i) total[i] += part[i];
}

const resource::WeatherSeries& pick(const Setup& setup, const std::vector<int>& index,
                                    std::size_t i) {
  if (i >= index.size() || index[i] < 0) return setup.weather;
  const auto k = static_cast<std::size_t>(index[i]);
  SHAPAN_ASSERT(k < setup.weather_sources.size(), "a weather source index inside weather_sources");
  SHAPAN_ASSERT(setup.weather_sources[k].size() == setup.weather.size(),
                "every weather source prepared like Setup::weather");
  return setup.weather_sources[k];
}

}  // namespace

const resource::WeatherSeries& pv_weather(const Setup& setup, std::size_t i) {
  return pick(setup, setup.pv_weather_source, i);
}

const resource::WeatherSeries& wind_weather(const Setup& setup, std::size_t i) {
  return pick(setup, setup.wind_weather_source, i);
}

Profiles compute_profiles(const Setup& setup, const PreparedRun& prepared) {
  const std::size_t n = setup.weather.size();
  Profiles p;
  // Arrays and farms are added in order, into a copy of the first (the
  // prepared parts stay shared).
  for (const auto& array : prepared.pv_ac_kw) add_into(p.pv_kw, *array);
  for (const auto& farm : prepared.wind_ac_kw) add_into(p.wind_kw, *farm);
  if (prepared.datacenter) {
    p.facility_kw = prepared.datacenter->facility_kw;
    p.it_kw = prepared.datacenter->it_kw;
    p.pue = prepared.datacenter->pue;
  }
  // Absent components: zero series.
  for (std::vector<double>* v : {&p.pv_kw, &p.wind_kw, &p.facility_kw, &p.it_kw, &p.pue}) {
    if (v->empty()) v->assign(n, 0.0);
  }
  return p;
}

}  // namespace shapan::sim
