// report.html: a self-contained report of one run (KPI table and the main
// charts as inline SVG), readable offline: no script, font or image is
// loaded from anywhere. Labels are bilingual (English / 中文).
#pragma once

#include <filesystem>
#include <string>

#include "shapan/metrics/report_planning.h"
#include "shapan/metrics/summary.h"
#include "shapan/sim/simulation.h"

namespace shapan::metrics {

// The page as text. Charts: monthly energy by source against the data
// center's demand, daily battery SOC and reservoir storage, daily hourly-
// matched (CFE) share. With `planning` (shapan optimize --mode sizing), the
// sizing result and its cost–CFE curve come after the key figures.
std::string report_html(const Summary& summary, const sim::Results& results,
                        const PlanningReport* planning = nullptr);

// Writes report_html() atomically (write_file_atomically).
void write_report_html(const std::filesystem::path& path, const Summary& summary,
                       const sim::Results& results, const PlanningReport* planning = nullptr);

}  // namespace shapan::metrics
