// Pieces of the inline SVG charts that report.html draws (no script, no
// library: the report must open offline): a plot frame, y axis with grid
// lines, a legend, HTML escaping.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace shapan::metrics::svg {

// Text for HTML: & < > " escaped.
std::string escape(const std::string& s);

// The plot area inside an 860 × 320 viewBox; fractions map to pixels.
struct Frame {
  double left = 70.0, top = 20.0, width = 760.0, height = 240.0;
  double x(double frac) const { return left + frac * width; }
  double y(double frac) const { return top + (1.0 - frac) * height; }
};

// A "nice" axis top (1, 2, 2.5, 5 × a power of ten) at or above `v`; 1 when
// v is not positive.
double nice_max(double v);

// Five horizontal grid lines from 0 to y_max with their values, and the unit
// above the axis.
void axes(std::string& out, const Frame& f, double y_max, const std::string& unit);

// Colour swatches with labels under the plot.
void legend(std::string& out, const Frame& f,
            const std::vector<std::pair<std::string, std::string>>& items);

}  // namespace shapan::metrics::svg
