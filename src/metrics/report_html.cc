#include "shapan/metrics/report_html.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <iterator>
#include <vector>

#include "shapan/metrics/writers.h"
#include "svg_chart.h"

namespace shapan::metrics {
namespace {

using svg::axes;
using svg::escape;
using svg::Frame;
using svg::legend;
using svg::nice_max;

// Civil month (0..11) and year of a day count since 1970-01-01 (Howard
// Hinnant's civil_from_days).
std::pair<int, int> year_month(std::int64_t days) {
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const std::int64_t doe = days - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return {static_cast<int>(y), static_cast<int>(m - 1)};
}

// Energy delivered to the load by source, per month (issue 18: stacking
// generation before curtailment hid unserved energy). Per step:
//   served = demand − unserved; clean = min(served, green to load) (on-site
//   clean energy, directly or through storage); wind+PV = min(clean, wind and
//   solar to load); hydro = clean − wind+PV; grid = served − clean.
// Wind and PV are told apart by each one's share of the step's wind+PV
// output. Stored (battery charging) and exported energy did not serve the
// load: they are shown apart, as is unserved energy. The page's monthly chart
// (web/src/monthly.ts) splits the same way.
struct Monthly {
  std::vector<std::string> labels;
  std::vector<std::array<double, 4>> delivered_mwh;  // pv, wind, hydro, grid
  std::vector<double> unserved_mwh;
  std::vector<std::array<double, 2>> apart_mwh;  // stored, exported
  std::vector<double> load_mwh;
};

constexpr std::array<std::pair<const char*, const char*>, 4> kDelivered = {{
    {"PV 光伏", "#e0a100"},
    {"Wind 风电", "#14a3a3"},
    {"Hydro 水电", "#2f6fd6"},
    {"Grid 电网", "#8a63d2"},
}};
constexpr std::array<std::pair<const char*, const char*>, 2> kApart = {{
    {"Stored 储能充电", "#2ba84a"},
    {"Exported 上网", "#b794f4"},
}};
constexpr std::pair<const char*, const char*> kUnserved = {"Unserved 缺电", "#d63b3b"};

// Step i of a column; 0 where a column is shorter (not filled by the run).
double at(const std::vector<double>& v, std::size_t i) { return i < v.size() ? v[i] : 0.0; }

void add_step(Monthly& m, const sim::StepSeries& s, std::size_t i, double mwh_per_kw) {
  const double unserved = at(s.unserved_kw, i);
  const double served = std::max(0.0, at(s.datacenter_kw, i) - unserved);
  const double clean = std::min(served, std::max(0.0, at(s.green_to_load_kw, i)));
  const double ws = std::min(clean, std::max(0.0, at(s.wind_solar_to_load_kw, i)));
  const double vre = at(s.pv_kw, i) + at(s.wind_kw, i);
  const double pv_frac = vre > 0.0 ? at(s.pv_kw, i) / vre : 0.0;
  auto& d = m.delivered_mwh.back();
  d[0] += ws * pv_frac * mwh_per_kw;
  d[1] += ws * (1.0 - pv_frac) * mwh_per_kw;
  d[2] += (clean - ws) * mwh_per_kw;
  d[3] += (served - clean) * mwh_per_kw;
  m.unserved_mwh.back() += unserved * mwh_per_kw;
  m.apart_mwh.back()[0] += at(s.battery_charge_kw, i) * mwh_per_kw;
  m.apart_mwh.back()[1] += at(s.grid_export_kw, i) * mwh_per_kw;
  m.load_mwh.back() += at(s.datacenter_kw, i) * mwh_per_kw;
}

Monthly monthly(const sim::Results& r) {
  Monthly m;
  const sim::StepSeries& s = r.steps;
  const double mwh_per_kw = static_cast<double>(r.step.in_seconds()) / 3600.0 / 1000.0;
  const auto offset_s = static_cast<std::int64_t>(std::lround(r.utc_offset_h * 3600.0));
  int last_key = -1;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const std::int64_t local = s.start[i].unix_seconds() + offset_s;
    const auto [year, month] = year_month((local >= 0 ? local : local - 86399) / 86400);
    const int key = year * 12 + month;
    if (key != last_key) {
      last_key = key;
      m.labels.push_back(fmt::format("{}-{:02d}", year, month + 1));
      m.delivered_mwh.push_back({});
      m.unserved_mwh.push_back(0.0);
      m.apart_mwh.push_back({});
      m.load_mwh.push_back(0.0);
    }
    add_step(m, s, i, mwh_per_kw);
  }
  return m;
}

void bar(std::string& out, const Frame& f, double x, double width, double base, double v,
         double top, const std::string& month, std::pair<const char*, const char*> name) {
  fmt::format_to(std::back_inserter(out),
                 R"(<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" fill="{}">)"
                 R"(<title>{} {}: {:.0f} MWh</title></rect>)",
                 x, f.y((base + v) / top), width, v / top * f.height, name.second, month,
                 name.first, v);
}

// Per month: delivered to the load stacked by source (the demand as a black
// line across it), unserved energy as its own bar, stored + exported apart.
std::string monthly_chart(const sim::Results& r) {
  const Monthly m = monthly(r);
  if (m.labels.empty()) return "";
  double top = 0.0;
  for (std::size_t k = 0; k < m.labels.size(); ++k) {
    const auto& d = m.delivered_mwh[k];
    top = std::max({top, d[0] + d[1] + d[2] + d[3], m.load_mwh[k], m.unserved_mwh[k],
                    m.apart_mwh[k][0] + m.apart_mwh[k][1]});
  }
  top = nice_max(top);
  const Frame f;
  std::string out = R"(<svg viewBox="0 0 860 320" class="chart" role="img">)";
  axes(out, f, top, "MWh");
  const double slot = f.width / static_cast<double>(m.labels.size());
  const double w = slot * 0.27;
  for (std::size_t k = 0; k < m.labels.size(); ++k) {
    const double x = f.left + slot * static_cast<double>(k) + slot * 0.06;
    double base = 0.0;
    for (std::size_t j = 0; j < kDelivered.size(); ++j) {
      bar(out, f, x, w, base, m.delivered_mwh[k][j], top, m.labels[k], kDelivered[j]);
      base += m.delivered_mwh[k][j];
    }
    bar(out, f, x + w, w, 0.0, m.unserved_mwh[k], top, m.labels[k], kUnserved);
    base = 0.0;
    for (std::size_t j = 0; j < kApart.size(); ++j) {
      bar(out, f, x + 2 * w + 2, w, base, m.apart_mwh[k][j], top, m.labels[k], kApart[j]);
      base += m.apart_mwh[k][j];
    }
    fmt::format_to(std::back_inserter(out),
                   R"(<line x1="{:.1f}" x2="{:.1f}" y1="{:.1f}" y2="{:.1f}" class="load"/>)"
                   R"(<text x="{:.1f}" y="{:.1f}" class="tick" text-anchor="middle">{}</text>)",
                   x - 2, x + w + 2, f.y(m.load_mwh[k] / top), f.y(m.load_mwh[k] / top),
                   x + 1.5 * w, f.top + f.height + 14, m.labels[k].substr(5));
  }
  std::vector<std::pair<std::string, std::string>> items;
  items.reserve(kDelivered.size() + kApart.size() + 2);
  for (const auto& [n, c] : kDelivered) items.emplace_back(n, c);
  items.emplace_back(kUnserved.first, kUnserved.second);
  for (const auto& [n, c] : kApart) items.emplace_back(n, c);
  items.emplace_back("Demand 用电需求", "#111");
  legend(out, f, items);
  out += "</svg>";
  return out;
}

// Daily means of `values` (NaN-free days only).
std::vector<double> daily(const std::vector<double>& values, std::size_t per_day) {
  std::vector<double> out;
  for (std::size_t d = 0; (d + 1) * per_day <= values.size(); ++d) {
    double sum = 0.0;
    for (std::size_t i = d * per_day; i < (d + 1) * per_day; ++i) sum += values[i];
    out.push_back(sum / static_cast<double>(per_day));
  }
  return out;
}

std::string polyline(const Frame& f, const std::vector<double>& v, double top, const char* color) {
  if (v.empty()) return "";
  std::string pts;
  const double n = static_cast<double>(std::max<std::size_t>(v.size() - 1, 1));
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (!std::isfinite(v[i])) continue;
    fmt::format_to(std::back_inserter(pts), "{:.1f},{:.1f} ", f.x(static_cast<double>(i) / n),
                   f.y(std::clamp(v[i] / top, 0.0, 1.0)));
  }
  return fmt::format(R"(<polyline points="{}" fill="none" stroke="{}" stroke-width="1.6"/>)", pts,
                     color);
}

std::string line_chart(const std::vector<std::pair<std::vector<double>, const char*>>& lines,
                       const std::vector<std::pair<std::string, std::string>>& names,
                       const std::string& unit, double top) {
  const Frame f;
  std::string out = R"(<svg viewBox="0 0 860 320" class="chart" role="img">)";
  axes(out, f, top, unit);
  for (const auto& [v, color] : lines) out += polyline(f, v, top, color);
  legend(out, f, names);
  out += "</svg>";
  return out;
}

// The KPI table's rows, the headline first: the hourly CFE score, then
// annual matching and 绿电直连 compliance (docs/results.md).
std::string kpi_rows(const Summary& s) {
  std::string out;
  const auto row = [&out](const char* name, const std::string& value) {
    fmt::format_to(std::back_inserter(out), "<tr><th>{}</th><td>{}</td></tr>\n", name,
                   escape(value));
  };
  const auto mwh = [](double kwh) { return fmt::format("{:.1f} MWh", kwh / 1000.0); };
  const auto pct = [](double frac) { return fmt::format("{:.1f} %", frac * 100.0); };
  const EnergyTotals& e = s.energy_kwh;
  const DirectSupplySummary& d = s.direct_supply;
  const auto against = [&pct](double frac, const char* op, double limit, bool ok) {
    return fmt::format("{} ({} {:.0f} %: {})", pct(frac), op, limit * 100.0,
                       ok ? "met 达标" : "not met 未达标");
  };
  row("Hourly CFE score 逐时无碳电力匹配度", pct(s.cfe_score));
  row("Annual matching, uncapped 年度绿电匹配（不封顶）", pct(s.annual_matching_frac));
  row("Green share, capped 绿电占比（封顶）", pct(s.green_share));
  row("Direct supply 绿电直连 (650号)", d.compliant ? "compliant 合规" : "not compliant 不合规");
  row("· wind+solar self-use 新能源自发自用/可用发电量",
      against(d.self_use_frac, ">=", d.self_use_min_frac, d.self_use_frac >= d.self_use_min_frac));
  row("· share of consumption 自发自用/总用电量",
      against(d.consumption_share_frac, ">=", d.consumption_share_min_frac,
              d.consumption_share_frac >= d.consumption_share_min_frac));
  row("· exported 上网电量/可用发电量", against(d.export_share_frac, "<=", d.export_share_max_frac,
                                                d.export_share_frac <= d.export_share_max_frac));
  row("Curtailment 弃电率", pct(s.curtailment_rate));
  row("Emissions 碳排放", fmt::format("{:.1f} tCO₂", s.emissions_t));
  row("Grid carbon basis 电网排放因子口径", s.grid_carbon_basis);
  // The summary's currency, with its Chinese name (元 for CNY, 美元 for USD).
  const std::string yuan = s.currency == "USD" ? "美元" : "元";
  row("Total cost 总成本",
      fmt::format("{:.2f} M {} 百万{}", s.cost.total_cny / 1e6, s.currency, yuan));
  row("LCOE 度电成本",
      fmt::format("{:.4f} {}/kWh {}/千瓦时", s.cost.lcoe_per_kwh, s.currency, yuan));
  row("PV 光伏发电", mwh(e.pv));
  row("Wind 风电发电", mwh(e.wind));
  row("Hydro 水电发电", mwh(e.hydro));
  row("Battery charge / discharge 储能充/放电",
      fmt::format("{:.1f} / {:.1f} MWh", e.battery_charge / 1000.0, e.battery_discharge / 1000.0));
  row("Grid import / export 购电/售电",
      fmt::format("{:.1f} / {:.1f} MWh", e.grid_import / 1000.0, e.grid_export / 1000.0));
  row("Curtailed 弃电量", mwh(e.curtailed));
  row("Data center 数据中心用电", mwh(e.datacenter));
  row("Unserved 缺电量", mwh(e.unserved));
  row("Mean PUE 平均PUE", fmt::format("{:.3f}", s.pue_mean));
  row("Battery cycles 储能等效循环", fmt::format("{:.1f}", s.battery_equivalent_cycles));
  return out;
}

}  // namespace

std::string report_html(const Summary& s, const sim::Results& r, const PlanningReport* planning) {
  const sim::StepSeries& st = r.steps;
  const std::size_t per_day =
      std::max<std::int64_t>(1, 86400 / std::max<std::int64_t>(1, r.step.in_seconds()));

  // Daily CFE share: min(load, green to load) over load, per day.
  std::vector<double> cfe;
  for (std::size_t d = 0; (d + 1) * per_day <= st.size(); ++d) {
    double load = 0.0, green = 0.0;
    for (std::size_t i = d * per_day; i < (d + 1) * per_day; ++i) {
      load += st.datacenter_kw[i];
      green += std::min(st.datacenter_kw[i], st.green_to_load_kw[i]);
    }
    cfe.push_back(load > 0.0 ? 100.0 * green / load : 100.0);
  }
  // Battery SOC only with a battery; the reservoir as a share of its full
  // storage (the plant's storage_max_hm3, not an axis rounded up from the data).
  std::vector<double> soc;
  if (r.battery_capacity_kwh > 0.0) {
    soc = daily(st.battery_soc_frac, per_day);
    for (double& v : soc) v *= 100.0;
  }
  std::vector<double> reservoir;
  const double reservoir_max_hm3 =
      r.hydro_plants.empty() ? 0.0 : r.hydro_plants.front().storage_max_hm3;
  if (reservoir_max_hm3 > 0.0 && !st.reservoir_storage_hm3.empty()) {
    reservoir = daily(st.reservoir_storage_hm3, per_day);
    for (double& v : reservoir) v = 100.0 * v / reservoir_max_hm3;
  }

  std::string out;
  fmt::format_to(std::back_inserter(out), R"(<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Shapan report 报告: {0}</title>
<style>
body {{ font-family: 'Noto Sans CJK SC', 'WenQuanYi Zen Hei', 'Microsoft YaHei', system-ui, sans-serif; margin: 24px auto; max-width: 900px; color: #1a202c; }}
h1 {{ font-size: 22px; }} h2 {{ font-size: 17px; margin-top: 28px; }}
table {{ border-collapse: collapse; }} th, td {{ padding: 4px 12px; border-bottom: 1px solid #e2e8f0; text-align: right; }}
th:first-child {{ text-align: left; font-weight: 600; }}
.chart {{ width: 100%; height: auto; }} .grid {{ stroke: #e2e8f0; }} .tick {{ font-size: 11px; fill: #4a5568; }}
.unit {{ font-size: 11px; fill: #4a5568; }} .load {{ stroke: #111; stroke-width: 2; }}
.note {{ color: #5a6475; font-size: 13px; }}
</style></head><body>
<h1>Shapan report 沙盘报告 — {0}</h1>
<p class="note">{1} year(s) · {2} steps of {3:g} min · dispatch {4}. Written by <code>shapan</code>; self-contained, no network needed.</p>
<h2>Key figures 主要指标</h2>
<table>
)",
                 escape(s.scenario), s.years, s.steps, s.step_minutes, escape(s.strategy));
  out += kpi_rows(s);
  out += "</table>\n";
  if (planning != nullptr) out += planning_html(*planning);
  out +=
      "<h2>Monthly energy delivered to the load by source, unserved, stored and "
      "exported 各月供给负荷的电量（按来源）、缺电、储能充电与上网</h2>\n";
  out += monthly_chart(r);
  out += "\n<h2>Daily hourly-matched clean share 每日逐时无碳电力匹配度</h2>\n";
  out += line_chart({{cfe, "#2f855a"}}, {{"CFE 无碳匹配度", "#2f855a"}}, "%", 100.0);
  std::vector<std::pair<std::vector<double>, const char*>> lines;
  std::vector<std::pair<std::string, std::string>> names;
  if (!soc.empty()) {
    lines.emplace_back(soc, "#2ba84a");
    names.emplace_back("Battery SOC 荷电状态 (%)", "#2ba84a");
  }
  if (!reservoir.empty()) {
    lines.emplace_back(reservoir, "#2f6fd6");
    names.emplace_back(fmt::format("Reservoir 水库蓄水 (% of {:g} hm³, full)", reservoir_max_hm3),
                       "#2f6fd6");
  }
  if (!lines.empty()) {
    out += "\n<h2>Storage: battery SOC and reservoir 储能荷电状态与水库蓄水（日均）</h2>\n";
    out += line_chart(lines, names, "%", 100.0);
  }
  out += "\n</body></html>\n";
  return out;
}

void write_report_html(const std::filesystem::path& path, const Summary& summary,
                       const sim::Results& results, const PlanningReport* planning) {
  write_file_atomically(path, report_html(summary, results, planning));
}

}  // namespace shapan::metrics
