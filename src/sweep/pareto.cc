#include "shapan/sweep/pareto.h"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

namespace shapan::sweep {
namespace {

bool dominates(const std::vector<double>& a, const std::vector<double>& b) {
  bool better = false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] > b[i]) return false;
    better = better || a[i] < b[i];
  }
  return better;
}

// A CSV field: quoted when it holds a comma, quote or line break.
std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

}  // namespace

std::vector<std::size_t> non_dominated(const std::vector<std::vector<double>>& points) {
  std::vector<std::size_t> order(points.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return points[a] < points[b]; });
  // A point can only be dominated by one before it in this order, and if by
  // any, then by one on the front (dominance is transitive).
  std::vector<std::size_t> front;
  for (const std::size_t i : order) {
    const bool dominated = std::any_of(
        front.begin(), front.end(), [&](std::size_t f) { return dominates(points[f], points[i]); });
    if (!dominated) front.push_back(i);
  }
  return front;
}

Front pareto_front(const SweepDefinition& definition, const std::vector<StoredRow>& rows) {
  Front out;
  std::vector<std::vector<double>> points;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const StoredRow& row = rows[r];
    if (row.status != "done") continue;
    const bool pass =
        std::all_of(definition.filter.begin(), definition.filter.end(), [&](const Condition& c) {
          const auto it = row.kpis.find(c.kpi);
          return it != row.kpis.end() && c.holds(it->second);
        });
    if (!pass) continue;
    std::vector<double> p;
    for (const Objective& o : definition.objectives) {
      const auto it = row.kpis.find(o.kpi);
      if (it == row.kpis.end()) break;
      p.push_back(o.maximise ? -it->second : it->second);
    }
    if (p.size() != definition.objectives.size()) continue;
    out.candidates.push_back(r);
    points.push_back(std::move(p));
  }
  for (const std::size_t i : non_dominated(points)) out.front.push_back(out.candidates[i]);
  return out;
}

std::string pareto_csv(const SweepDefinition& definition, const std::vector<Configuration>& configs,
                       const std::vector<StoredRow>& rows) {
  std::string out = "id";
  for (const Axis& a : definition.axes) out += fmt::format(",{}", csv_field(a.key));
  for (const Objective& o : definition.objectives) out += fmt::format(",{}", csv_field(o.kpi));
  out += "\n";
  for (const std::size_t r : pareto_front(definition, rows).front) {
    const StoredRow& row = rows[r];
    out += fmt::format("{}", row.id);
    for (const std::string& v : configs.at(static_cast<std::size_t>(row.id)).values) {
      out += fmt::format(
          ",{}", csv_field(v.size() >= 2 && v.front() == '"' ? v.substr(1, v.size() - 2) : v));
    }
    for (const Objective& o : definition.objectives) out += fmt::format(",{}", row.kpis.at(o.kpi));
    out += "\n";
  }
  return out;
}

}  // namespace shapan::sweep
