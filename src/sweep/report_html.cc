#include "shapan/sweep/report_html.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "shapan/sweep/pareto.h"

namespace shapan::sweep {
namespace {

std::string escape(const std::string& s) {
  std::string out;
  for (const char c : s) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string plain(const std::string& literal) {
  return literal.size() >= 2 && literal.front() == '"' ? literal.substr(1, literal.size() - 2)
                                                       : literal;
}

// A linear map from [lo, hi] onto [a, b], safe when lo == hi.
struct Scale {
  double lo, hi, a, b;
  double operator()(double v) const {
    return hi > lo ? a + (v - lo) / (hi - lo) * (b - a) : (a + b) / 2;
  }
};

Scale fit(const std::vector<double>& v, double a, double b) {
  const auto [mn, mx] = std::minmax_element(v.begin(), v.end());
  return v.empty() ? Scale{0, 1, a, b} : Scale{*mn, *mx, a, b};
}

// Axes frame with min/max tick labels and titles.
std::string frame(const Scale& x, const Scale& y, const std::string& xlabel,
                  const std::string& ylabel, int w, int h) {
  return fmt::format(
             "<rect x='{0}' y='{3}' width='{4}' height='{5}' fill='none' stroke='#999'/>"
             "<text x='{0}' y='{6}' font-size='11'>{7:.4g}</text>"
             "<text x='{1}' y='{6}' font-size='11' text-anchor='end'>{8:.4g}</text>"
             "<text x='{9}' y='{10}' font-size='12' text-anchor='middle'>{11}</text>"
             "<text x='{12}' y='{2}' font-size='11' text-anchor='end'>{13:.4g}</text>"
             "<text x='{12}' y='{14}' font-size='11' text-anchor='end'>{15:.4g}</text>"
             "<text x='12' y='{16}' font-size='12' transform='rotate(-90 12 {16})' "
             "text-anchor='middle'>{17}</text>",
             x.a, x.b, y.a, y.b, x.b - x.a, y.a - y.b, y.a + 16, x.lo, x.hi, (x.a + x.b) / 2, h - 4,
             escape(xlabel), x.a - 4, y.lo, y.b + 10, y.hi, (y.a + y.b) / 2, escape(ylabel)) +
         fmt::format("<!-- {}x{} -->", w, h);
}

std::string scatter(const SweepDefinition& d, const std::vector<Configuration>& configs,
                    const std::vector<StoredRow>& rows) {
  if (d.objectives.size() < 2) return "<p>One objective: no scatter.</p>";
  const std::string& kx = d.objectives[0].kpi;
  const std::string& ky = d.objectives[1].kpi;
  std::vector<double> xs, ys;
  for (const StoredRow& r : rows) {
    if (r.kpis.count(kx) && r.kpis.count(ky)) {
      xs.push_back(r.kpis.at(kx));
      ys.push_back(r.kpis.at(ky));
    }
  }
  constexpr int kW = 720, kH = 440;
  const Scale x = fit(xs, 70, kW - 20);
  const Scale y = fit(ys, kH - 50, 20);
  const Front f = pareto_front(d, rows);
  std::vector<bool> candidate(rows.size(), false), on_front(rows.size(), false);
  for (const std::size_t i : f.candidates) candidate[i] = true;
  for (const std::size_t i : f.front) on_front[i] = true;
  std::string svg =
      fmt::format("<svg xmlns='http://www.w3.org/2000/svg' width='{}' height='{}'>", kW, kH);
  svg += frame(x, y, kx, ky, kW, kH);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const StoredRow& r = rows[i];
    if (!r.kpis.count(kx) || !r.kpis.count(ky) || on_front[i]) continue;
    std::string tip = fmt::format("#{}", r.id);
    for (std::size_t a = 0; a < d.axes.size(); ++a) {
      tip += fmt::format(" {}={}", d.axes[a].key,
                         plain(configs[static_cast<std::size_t>(r.id)].values[a]));
    }
    svg += fmt::format(
        "<circle cx='{:.1f}' cy='{:.1f}' r='2.5' fill='{}'><title>{}</title></circle>",
        x(r.kpis.at(kx)), y(r.kpis.at(ky)), candidate[i] ? "#6a8caf" : "#ccc", escape(tip));
  }
  std::vector<std::size_t> front = f.front;
  std::sort(front.begin(), front.end(), [&](std::size_t a, std::size_t b) {
    return rows[a].kpis.at(kx) < rows[b].kpis.at(kx);
  });
  std::string line;
  for (const std::size_t i : front) {
    line += fmt::format("{:.1f},{:.1f} ", x(rows[i].kpis.at(kx)), y(rows[i].kpis.at(ky)));
  }
  svg +=
      fmt::format("<polyline points='{}' fill='none' stroke='#c0392b' stroke-width='1.5'/>", line);
  for (const std::size_t i : front) {
    svg += fmt::format(
        "<circle cx='{:.1f}' cy='{:.1f}' r='4' fill='#c0392b'><title>#{} (front)</title></circle>",
        x(rows[i].kpis.at(kx)), y(rows[i].kpis.at(ky)), rows[i].id);
  }
  return svg + "</svg>";
}

}  // namespace

std::vector<long> best_per_level(const SweepDefinition& d, const std::vector<StoredRow>& rows,
                                 const std::vector<double>& levels) {
  const std::string& c = d.constraint_kpi;
  bool at_most = false;
  const Objective* cost = nullptr;
  for (const Objective& o : d.objectives) {
    if (o.kpi == c) {
      at_most = !o.maximise;
    } else if (cost == nullptr) {
      cost = &o;
    }
  }
  std::vector<long> out;
  const Front f = pareto_front(d, rows);
  for (const double level : levels) {
    long best = -1;
    for (const std::size_t i : f.candidates) {
      const auto it = rows[i].kpis.find(c);
      if (it == rows[i].kpis.end() || (at_most ? it->second > level : it->second < level)) {
        continue;
      }
      if (cost == nullptr) {
        if (best < 0) best = static_cast<long>(i);
        continue;
      }
      const double v = rows[i].kpis.at(cost->kpi);
      if (best < 0) {
        best = static_cast<long>(i);
      } else {
        const double b = rows[static_cast<std::size_t>(best)].kpis.at(cost->kpi);
        if (cost->maximise ? v > b : v < b) best = static_cast<long>(i);
      }
    }
    out.push_back(best);
  }
  return out;
}

namespace {

std::vector<double> default_levels(const SweepDefinition& d, const std::vector<StoredRow>& rows) {
  if (!d.constraint_levels.empty()) return d.constraint_levels;
  std::vector<double> v;
  for (const StoredRow& r : rows) {
    if (const auto it = r.kpis.find(d.constraint_kpi); it != r.kpis.end()) v.push_back(it->second);
  }
  if (v.empty()) return {};
  const auto [mn, mx] = std::minmax_element(v.begin(), v.end());
  std::vector<double> levels;
  for (int i = 0; i <= 5; ++i) levels.push_back(*mn + (*mx - *mn) * i / 5.0);
  return levels;
}

std::string level_table(const SweepDefinition& d, const std::vector<Configuration>& configs,
                        const std::vector<StoredRow>& rows) {
  const std::vector<double> levels = default_levels(d, rows);
  const std::vector<long> best = best_per_level(d, rows, levels);
  std::string html =
      fmt::format("<table><tr><th>{} level</th><th>id</th>", escape(d.constraint_kpi));
  for (const Axis& a : d.axes) html += fmt::format("<th>{}</th>", escape(a.key));
  for (const Objective& o : d.objectives) html += fmt::format("<th>{}</th>", escape(o.kpi));
  html += "</tr>";
  for (std::size_t l = 0; l < levels.size(); ++l) {
    html += fmt::format("<tr><td>{:.4g}</td>", levels[l]);
    if (best[l] < 0) {
      html += fmt::format("<td colspan='{}'>none meets it</td></tr>",
                          1 + d.axes.size() + d.objectives.size());
      continue;
    }
    const StoredRow& r = rows[static_cast<std::size_t>(best[l])];
    html += fmt::format("<td>{}</td>", r.id);
    for (const std::string& v : configs[static_cast<std::size_t>(r.id)].values) {
      html += fmt::format("<td>{}</td>", escape(plain(v)));
    }
    for (const Objective& o : d.objectives)
      html += fmt::format("<td>{:.6g}</td>", r.kpis.at(o.kpi));
    html += "</tr>";
  }
  return html + "</table>";
}

// One objective against one axis: its mean over the other axes' values at
// each value of this one, with the band from min to max.
std::string sensitivity(const SweepDefinition& d, const std::vector<Configuration>& configs,
                        const std::vector<StoredRow>& rows, std::size_t axis, const Objective& o) {
  std::map<std::string, std::vector<double>> by_value;
  std::vector<std::string> order;
  for (const StoredRow& r : rows) {
    const auto it = r.kpis.find(o.kpi);
    if (it == r.kpis.end()) continue;
    const std::string& v = configs[static_cast<std::size_t>(r.id)].values[axis];
    if (!by_value.count(v)) order.push_back(v);
    by_value[v].push_back(it->second);
  }
  if (order.size() < 2) return "";
  const bool numeric = std::all_of(order.begin(), order.end(), [](const std::string& v) {
    char* end = nullptr;
    std::strtod(v.c_str(), &end);
    return end == v.c_str() + v.size();
  });
  if (numeric) {
    std::sort(order.begin(), order.end(), [](const std::string& a, const std::string& b) {
      return std::strtod(a.c_str(), nullptr) < std::strtod(b.c_str(), nullptr);
    });
  } else {
    std::sort(order.begin(), order.end());
  }
  std::vector<double> xs, lo, mid, hi;
  for (std::size_t i = 0; i < order.size(); ++i) {
    const std::vector<double>& v = by_value[order[i]];
    xs.push_back(numeric ? std::strtod(order[i].c_str(), nullptr) : static_cast<double>(i));
    lo.push_back(*std::min_element(v.begin(), v.end()));
    hi.push_back(*std::max_element(v.begin(), v.end()));
    double sum = 0.0;
    for (const double x : v) sum += x;
    mid.push_back(sum / static_cast<double>(v.size()));
  }
  constexpr int kW = 340, kH = 230;
  const Scale x = fit(xs, 70, kW - 15);
  std::vector<double> all = lo;
  all.insert(all.end(), hi.begin(), hi.end());
  const Scale y = fit(all, kH - 50, 15);
  std::string svg =
      fmt::format("<svg xmlns='http://www.w3.org/2000/svg' width='{}' height='{}'>", kW, kH);
  svg += frame(x, y, d.axes[axis].key, o.kpi, kW, kH);
  std::string band, line;
  for (std::size_t i = 0; i < xs.size(); ++i)
    band += fmt::format("{:.1f},{:.1f} ", x(xs[i]), y(hi[i]));
  for (std::size_t i = xs.size(); i-- > 0;)
    band += fmt::format("{:.1f},{:.1f} ", x(xs[i]), y(lo[i]));
  for (std::size_t i = 0; i < xs.size(); ++i)
    line += fmt::format("{:.1f},{:.1f} ", x(xs[i]), y(mid[i]));
  svg += fmt::format("<polygon points='{}' fill='#d6e4f0'/>", band);
  svg +=
      fmt::format("<polyline points='{}' fill='none' stroke='#2c5d8a' stroke-width='1.5'/>", line);
  if (!numeric) {
    for (std::size_t i = 0; i < order.size(); ++i) {
      svg += fmt::format("<text x='{:.1f}' y='{}' font-size='10' text-anchor='middle'>{}</text>",
                         x(xs[i]), kH - 38, escape(plain(order[i])));
    }
  }
  return svg + "</svg>";
}

}  // namespace

std::string sweep_html(const SweepDefinition& d, const std::vector<Configuration>& configs,
                       const std::vector<StoredRow>& rows) {
  std::size_t done = 0, invalid = 0, failed = 0;
  for (const StoredRow& r : rows) {
    done += r.status == "done" ? 1 : 0;
    invalid += r.status == "invalid" ? 1 : 0;
    failed += r.status == "failed" ? 1 : 0;
  }
  std::string html =
      "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Shapan sweep</title>"
      "<style>body{font-family:sans-serif;margin:1.5em;max-width:1100px}"
      "table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:2px 6px}"
      "svg{margin:4px}</style></head><body>";
  html += fmt::format(
      "<h1>Sweep {}</h1><p>Base scenario {}; {} configurations: {} done, {} "
      "invalid, {} failed.{}</p>",
      escape(d.file.filename().string()), escape(d.base.string()), configs.size(), done - 0,
      invalid, failed,
      d.filter_text.empty() ? std::string() : fmt::format(" Filter: {}.", escape(d.filter_text)));
  html +=
      "<h2>All configurations and the Pareto front</h2><p>Red: the non-dominated "
      "configurations (the front); blue: the others that pass the filter; grey: the rest. "
      "Hover a point for its values.</p>";
  html += scatter(d, configs, rows);
  html += fmt::format("<h2>Best configuration per level of {}</h2>", escape(d.constraint_kpi));
  html += level_table(d, configs, rows);
  html +=
      "<h2>One-way sensitivity</h2><p>Each objective against each axis: the mean over the "
      "other axes' values (line) and their range (band).</p>";
  for (std::size_t a = 0; a < d.axes.size(); ++a) {
    for (const Objective& o : d.objectives) html += sensitivity(d, configs, rows, a, o);
  }
  if (invalid + failed > 0) {
    html +=
        "<h2>Invalid and failed configurations</h2><table><tr><th>id</th><th>status</th>"
        "<th>message</th></tr>";
    std::size_t shown = 0;
    for (const StoredRow& r : rows) {
      if (r.status == "done" || shown++ >= 50) continue;
      html += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td></tr>", r.id, r.status,
                          escape(r.message));
    }
    html += "</table>";
  }
  return html + "</body></html>\n";
}

}  // namespace shapan::sweep
