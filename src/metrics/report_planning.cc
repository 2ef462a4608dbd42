#include "shapan/metrics/report_planning.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>

#include "svg_chart.h"

namespace shapan::metrics {
namespace {

std::string units_table(const PlanningReport& p) {
  std::string out =
      "<table>\n<tr><th>Unit 设备</th><th>Power 功率, MW</th><th>Energy 容量, MWh</th>"
      "<th>Cost 年成本</th></tr>\n";
  for (const PlannedUnit& u : p.units) {
    const std::string energy = u.energy_kwh > 0.0 ? fmt::format("{:.3f}", u.energy_kwh / 1e3) : "";
    fmt::format_to(std::back_inserter(out),
                   "<tr><th>{} ({})</th><td>{:.3f}</td><td>{}</td><td>{:.0f} {}/yr</td></tr>\n",
                   svg::escape(u.name), svg::escape(u.kind), u.power_kw / 1e3, energy,
                   u.cost_per_year, svg::escape(p.currency));
  }
  return out + "</table>\n";
}

std::string runs_table(const PlanningReport& p) {
  std::string out = fmt::format(
      "<table>\n<tr><th></th><th>Cost 年成本, {}/yr</th><th>Grid 购电, MWh</th>"
      "<th>Export 上网, MWh</th><th>CO₂, t</th><th>CFE 无碳匹配度</th></tr>\n",
      svg::escape(p.currency));
  for (const PlannedRun& r : p.runs) {
    fmt::format_to(std::back_inserter(out),
                   "<tr><th>{}</th><td>{:.0f}</td><td>{:.1f}</td><td>{:.1f}</td><td>{:.1f}</td>"
                   "<td>{:.2f} %</td></tr>\n",
                   svg::escape(r.label), r.cost_per_year, r.grid_import_kwh / 1e3,
                   r.grid_export_kwh / 1e3, r.co2_t, 100.0 * r.cfe_frac);
  }
  return out + "</table>\n";
}

// Annual cost (million) against the CFE reached, one marker per target.
std::string curve_chart(const PlanningReport& p) {
  double top = 0.0;
  double cfe_lo = 1.0;
  for (const CostCfePoint& c : p.curve) {
    if (!c.feasible) continue;
    top = std::max(top, c.cost_per_year / 1e6);
    cfe_lo = std::min(cfe_lo, c.cfe_frac);
  }
  top = svg::nice_max(top);
  // The CFE axis from a whole tenth below the lowest point (at most 80 %) to 100 %.
  cfe_lo = std::max(0.0, std::floor(10.0 * std::min(cfe_lo - 0.02, 0.8)) / 10.0);
  const svg::Frame f;
  const auto x = [&](double cfe) { return f.x((cfe - cfe_lo) / (1.0 - cfe_lo)); };
  std::string out = R"(<svg viewBox="0 0 860 320" class="chart" role="img">)";
  svg::axes(out, f, top, fmt::format("M {}/yr", p.currency));
  std::string points;
  for (const CostCfePoint& c : p.curve) {
    if (!c.feasible) continue;
    const double cx = x(c.cfe_frac);
    const double cy = f.y(c.cost_per_year / 1e6 / top);
    fmt::format_to(std::back_inserter(points), "{:.1f},{:.1f} ", cx, cy);
    fmt::format_to(std::back_inserter(out),
                   R"(<circle cx="{:.1f}" cy="{:.1f}" r="4" fill="#2f855a"/>)"
                   R"(<text x="{:.1f}" y="{:.1f}" class="tick">{:.1f} %</text>)",
                   cx, cy, cx + 6, cy - 6, 100.0 * c.cfe_frac);
  }
  fmt::format_to(std::back_inserter(out),
                 R"(<polyline points="{}" fill="none" stroke="#2f855a" stroke-width="1.6"/>)",
                 points);
  for (int tenth = static_cast<int>(std::lround(10.0 * cfe_lo)); tenth <= 10; ++tenth) {
    const double cfe = tenth / 10.0;
    fmt::format_to(
        std::back_inserter(out),
        R"(<text x="{:.1f}" y="{:.1f}" class="tick" text-anchor="middle">{:.0f} %</text>)", x(cfe),
        f.top + f.height + 16, 100.0 * cfe);
  }
  svg::legend(
      out, f,
      {{"Least annual cost for the hourly CFE target 各无碳匹配度目标的最低年成本", "#2f855a"}});
  return out + "</svg>\n";
}

std::string curve_table(const PlanningReport& p) {
  std::string out = fmt::format(
      "<table>\n<tr><th>CFE target 目标</th><th>Cost 年成本, {}/yr</th><th>CFE reached 达到</th>"
      "<th>Cost per tCO₂ avoided 减排成本, {}/t</th></tr>\n",
      svg::escape(p.currency), svg::escape(p.currency));
  for (const CostCfePoint& c : p.curve) {
    const std::string target =
        c.cfe_target_frac < 0.0 ? "none 无" : fmt::format("{:.1f} %", 100.0 * c.cfe_target_frac);
    if (!c.feasible) {
      fmt::format_to(std::back_inserter(out),
                     "<tr><th>{}</th><td colspan=\"3\">out of reach within the bounds "
                     "在容量上限内无法达到</td></tr>\n",
                     target);
      continue;
    }
    fmt::format_to(std::back_inserter(out),
                   "<tr><th>{}</th><td>{:.0f}</td><td>{:.2f} %</td><td>{:.1f}</td></tr>\n", target,
                   c.cost_per_year, 100.0 * c.cfe_frac, c.cost_per_t_co2_avoided);
  }
  return out + "</table>\n";
}

}  // namespace

std::string planning_html(const PlanningReport& p) {
  std::string out = fmt::format(
      "\n<h2>Sizing 容量优化</h2>\n<p class=\"note\">Status {}: least annual cost {:.0f} {}/yr "
      "(<code>shapan optimize --mode sizing</code>, optimize.json). The rest of this report is "
      "the sized plant run through the engine.</p>\n",
      svg::escape(p.status), p.total_per_year, svg::escape(p.currency));
  out += units_table(p);
  if (!p.runs.empty()) {
    out += "<h2>Plan and engine 优化方案与仿真</h2>\n" + runs_table(p);
  }
  for (const std::string& note : p.notes) {
    out += "<p class=\"note\">" + svg::escape(note) + "</p>\n";
  }
  if (!p.curve.empty()) {
    out +=
        "<h2>Cost against hourly CFE 成本—无碳匹配度曲线</h2>\n" + curve_chart(p) + curve_table(p);
  }
  return out;
}

}  // namespace shapan::metrics
