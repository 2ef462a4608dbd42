#include "profiles.h"

#include <utility>

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

}  // namespace

Profiles compute_profiles(const PreparedRun& prepared) {
  const std::size_t n = prepared.weather->size();
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
