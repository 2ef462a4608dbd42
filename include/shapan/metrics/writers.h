// Writing results to disk: summary.json and timeseries.csv.
//
// Files are written to a temporary name in the same folder and renamed into
// place, so a crash never leaves a half-written file under the final name.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "shapan/metrics/summary.h"
#include "shapan/sim/simulation.h"

namespace shapan::metrics {

nlohmann::ordered_json to_json(const Summary& summary);

// The per-step table as CSV text: time_local, then one column per entry of
// sim::kStepColumns in its order with its decimals (< 0: 3 significant
// digits), units in the column names; times in site standard time (ISO 8601).
void write_timeseries_csv(const std::filesystem::path& path, const sim::Results& results);
void write_summary_json(const std::filesystem::path& path, const Summary& summary);

// Writes `text` to `path` atomically (temporary file + rename). Throws
// std::runtime_error naming the path when the disk refuses.
void write_file_atomically(const std::filesystem::path& path, const std::string& text);

// The compact KPI table printed by `shapan run`.
std::string format_kpi_table(const Summary& summary);

}  // namespace shapan::metrics
