// DIR/front.json: the Pareto front of a sweep for programs (the sandbox's
// sweep view, issue 18 item 2), with each point's configuration as
// overrides, so that a point can be loaded into a run.
#include <nlohmann/json.hpp>

#include "shapan/sweep/pareto.h"

namespace shapan::sweep {
namespace {

// A configuration's value as `--set` takes it ("250000.0", "\"fcfs\"",
// "true") as JSON: a number, a boolean or a string.
nlohmann::ordered_json value_json(const std::string& v) {
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') return v.substr(1, v.size() - 2);
  if (v == "true" || v == "false") return v == "true";
  const nlohmann::ordered_json n = nlohmann::ordered_json::parse(v, nullptr, false);
  return n.is_number() ? n : nlohmann::ordered_json(v);
}

}  // namespace

std::string front_json(const SweepDefinition& definition, const std::vector<Configuration>& configs,
                       const std::vector<StoredRow>& rows, std::size_t max_others) {
  nlohmann::ordered_json j;
  j["base"] = definition.base.stem().string();
  j["without"] = definition.without;
  nlohmann::ordered_json axes = nlohmann::ordered_json::array();
  for (const Axis& a : definition.axes) axes.push_back(a.key);
  j["axes"] = axes;
  nlohmann::ordered_json objectives = nlohmann::ordered_json::array();
  for (const Objective& o : definition.objectives) {
    objectives.push_back({{"kpi", o.kpi}, {"sense", o.maximise ? "max" : "min"}});
  }
  j["objectives"] = objectives;
  const Front f = pareto_front(definition, rows);
  std::vector<bool> on_front(rows.size(), false);
  nlohmann::ordered_json front = nlohmann::ordered_json::array();
  for (const std::size_t r : f.front) {
    on_front[r] = true;
    const StoredRow& row = rows[r];
    const Configuration& c = configs.at(static_cast<std::size_t>(row.id));
    nlohmann::ordered_json point;
    point["id"] = row.id;
    nlohmann::ordered_json overrides = nlohmann::ordered_json::object();
    for (std::size_t a = 0; a < definition.axes.size() && a < c.values.size(); ++a) {
      overrides[definition.axes[a].key] = value_json(c.values[a]);
    }
    point["overrides"] = overrides;
    nlohmann::ordered_json kpis = nlohmann::ordered_json::object();
    for (const Objective& o : definition.objectives) kpis[o.kpi] = row.kpis.at(o.kpi);
    point["kpis"] = kpis;
    front.push_back(point);
  }
  j["front"] = front;
  // The other candidates on the first two objectives (the scatter's cloud),
  // at most max_others of them, evenly picked.
  nlohmann::ordered_json others = nlohmann::ordered_json::array();
  if (definition.objectives.size() >= 2 && max_others > 0) {
    const std::size_t n = f.candidates.size();
    const std::size_t stride = n > max_others ? (n + max_others - 1) / max_others : 1;
    for (std::size_t i = 0; i < n; i += stride) {
      const std::size_t r = f.candidates[i];
      if (on_front[r]) continue;
      others.push_back({rows[r].kpis.at(definition.objectives[0].kpi),
                        rows[r].kpis.at(definition.objectives[1].kpi)});
    }
  }
  j["others"] = others;
  j["candidates"] = f.candidates.size();
  return j.dump(1);
}

}  // namespace shapan::sweep
