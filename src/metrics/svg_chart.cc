#include "svg_chart.h"

#include <fmt/format.h>

#include <cmath>
#include <iterator>

namespace shapan::metrics::svg {

std::string escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
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

// A "nice" axis top at or above `v`.
double nice_max(double v) {
  if (!(v > 0.0)) return 1.0;
  const double p = std::pow(10.0, std::floor(std::log10(v)));
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    if (m * p >= v) return m * p;
  }
  return 10.0 * p;
}

void axes(std::string& out, const Frame& f, double y_max, const std::string& unit) {
  for (int i = 0; i <= 4; ++i) {
    const double frac = i / 4.0;
    fmt::format_to(std::back_inserter(out),
                   R"(<line x1="{:.1f}" x2="{:.1f}" y1="{:.1f}" y2="{:.1f}" class="grid"/>)"
                   R"(<text x="{:.1f}" y="{:.1f}" class="tick" text-anchor="end">{:g}</text>)",
                   f.left, f.left + f.width, f.y(frac), f.y(frac), f.left - 6, f.y(frac) + 4,
                   y_max * frac);
  }
  fmt::format_to(std::back_inserter(out), R"(<text x="{:.1f}" y="{:.1f}" class="unit">{}</text>)",
                 f.left - 60, f.top - 6, escape(unit));
}

void legend(std::string& out, const Frame& f,
            const std::vector<std::pair<std::string, std::string>>& items) {
  double x = f.left;
  for (const auto& [label, color] : items) {
    fmt::format_to(std::back_inserter(out),
                   R"(<rect x="{:.1f}" y="{:.1f}" width="12" height="12" fill="{}"/>)"
                   R"(<text x="{:.1f}" y="{:.1f}" class="tick">{}</text>)",
                   x, f.top + f.height + 28, color, x + 16, f.top + f.height + 38, escape(label));
    x += 22.0 + 7.5 * static_cast<double>(label.size());
  }
}

}  // namespace shapan::metrics::svg
