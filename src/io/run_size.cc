#include "shapan/io/run_size.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <limits>
#include <sstream>

#include "shapan/load/jobs.h"
#include "shapan/sim/simulation.h"

namespace shapan::io {
namespace {

// The estimate's terms (docs/reliability.md "Run size"), calibrated with
// /usr/bin/time -f %M (peak resident memory) on `shapan run` at 1-minute
// steps over 1–3 years: qinghai_base (hydro, a trace workload) used 768
// bytes a step, 525 without timeseries.csv; golmud_solar_wind_storage (no
// hydro, no jobs) 440 without it. Each term below is what the code holds,
// rounded up where measured; the estimate stays 15–26 % above the
// measurements (RunSizeTest.EstimateBracketsTheMeasuredPeaks).
//
// What a process holds before any step: the binary and its libraries, the
// scenario, the weather file read whole (measured: 20–24 MB, the intercept
// of peak memory against steps).
constexpr std::uint64_t kBaseBytes = std::uint64_t{64} << 20;
// Every result column is a vector of doubles (StepSeries holds nothing else).
constexpr std::uint64_t kStepColumns = sizeof(sim::StepSeries) / sizeof(std::vector<double>);
// A StepSeries that holds anything else (a registry of columns, say) breaks
// this count: then count its columns here another way, and recalibrate.
static_assert(sizeof(sim::StepSeries) % sizeof(std::vector<double>) == 0 && kStepColumns >= 20,
              "sim::StepSeries is no longer a struct of per-step vectors");
// A weather series' columns (resource::WeatherSeries: 10 doubles per step)
// and one more for a hub-height wind level.
constexpr std::uint64_t kWeatherColumns = 11;
// Per-step state of the time loop beyond the columns (measured 32 bytes a
// step on golmud), and of the job scheduler with a workload (measured 85).
constexpr std::uint64_t kLoopBytesPerStep = 64;
constexpr std::uint64_t kSchedulerBytesPerStep = 96;
// timeseries.csv is built in memory whole before it is written, as large as
// the file: a value takes 8.4 characters on average, a count (a column of 0
// decimals: jobs running, waiting, capped) two or three (measured: 290 bytes
// a step for qinghai_base's 33 columns of the step schema and its
// timestamp); 9 per value, 4 per count and the 26-character timestamp keep
// the estimate above it. (Its writer reserves 12 a column: address space,
// not resident memory, beyond the text.)
constexpr std::uint64_t kCsvBytesPerColumn = 9;
constexpr std::uint64_t kCsvBytesPerCount = 4;
constexpr std::uint64_t kCsvCounts = [] {
  std::uint64_t n = 0;
  for (const sim::StepColumn& c : sim::kStepColumns) n += c.decimals == 0 ? 1 : 0;
  return n;
}();
constexpr std::uint64_t kCsvColumns = sim::kStepColumns.size() - kCsvCounts;
constexpr std::uint64_t kCsvTimestampBytes = 26;
// summary.json (4 KB measured) and report.html (28 KB a year: its charts
// keep a fixed number of points per year).
constexpr std::uint64_t kSummaryBytes = 16 << 10;
constexpr std::uint64_t kReportBytesPerYear = 32 << 10;
constexpr std::uint64_t kReportBaseBytes = 64 << 10;
// A cgroup v1 "no limit" is the largest page-aligned int64 (9223372036854771712).
constexpr std::uint64_t kNoLimit = std::uint64_t{1} << 62;

// Saturating arithmetic: a scenario's counts can be large.
std::uint64_t mul(std::uint64_t a, std::uint64_t b) {
  if (a != 0 && b > std::numeric_limits<std::uint64_t>::max() / a) {
    return std::numeric_limits<std::uint64_t>::max();
  }
  return a * b;
}
std::uint64_t add(std::uint64_t a, std::uint64_t b) {
  return b > std::numeric_limits<std::uint64_t>::max() - a
             ? std::numeric_limits<std::uint64_t>::max()
             : a + b;
}

std::optional<std::uint64_t> parse_u64(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  std::uint64_t v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end == text.data()) return std::nullopt;
  return v;
}

// "Key:   123 kB" in /proc/meminfo or /proc/self/status, in bytes.
std::optional<std::uint64_t> kb_field(const std::string& text, std::string_view key) {
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(key, 0) != 0 || line.size() <= key.size() || line[key.size()] != ':') continue;
    const auto kb = parse_u64(std::string_view(line).substr(key.size() + 1));
    if (kb) return mul(*kb, 1024);
  }
  return std::nullopt;
}

// A cgroup file holding one number ("max" or a huge v1 value: no limit).
std::optional<std::uint64_t> cgroup_number(const Machine& m, const std::filesystem::path& path) {
  const auto text = m.read_text(path);
  if (!text) return std::nullopt;
  const auto v = parse_u64(*text);
  if (!v || *v >= kNoLimit) return std::nullopt;
  return v;
}

// The cgroup's limit less what it already uses: v2 first, then v1.
std::optional<std::uint64_t> cgroup_room(const Machine& m) {
  const std::filesystem::path v2 = "/sys/fs/cgroup";
  const std::filesystem::path v1 = "/sys/fs/cgroup/memory";
  for (const auto& [limit_file, usage_file] :
       {std::pair{v2 / "memory.max", v2 / "memory.current"},
        std::pair{v1 / "memory.limit_in_bytes", v1 / "memory.usage_in_bytes"}}) {
    const auto limit = cgroup_number(m, limit_file);
    if (!limit) continue;
    const std::uint64_t used = cgroup_number(m, usage_file).value_or(0);
    return *limit > used ? *limit - used : 0;
  }
  return std::nullopt;
}

}  // namespace

MachineMeans memory_means(const Machine& machine) {
  MachineMeans means;
  const auto consider = [&means](std::optional<std::uint64_t> bytes, std::string by) {
    if (bytes && (!means.memory_bytes || *bytes < *means.memory_bytes)) {
      means.memory_bytes = bytes;
      means.memory_limited_by = std::move(by);
    }
  };
  if (const auto meminfo = machine.read_text("/proc/meminfo")) {
    consider(kb_field(*meminfo, "MemAvailable"), "MemAvailable in /proc/meminfo");
  }
  consider(cgroup_room(machine), "the cgroup's memory limit less its usage");
  if (const auto limit = machine.address_space_limit_bytes()) {
    std::uint64_t used = 0;
    if (const auto status = machine.read_text("/proc/self/status")) {
      used = kb_field(*status, "VmSize").value_or(0);
    }
    consider(*limit > used ? *limit - used : 0,
             "the address-space limit (ulimit -v) less the address space in use");
  }
  return means;
}

RunSize estimate_run_size(const RunShape& shape) {
  const std::uint64_t csv_per_step =
      kCsvBytesPerColumn * kCsvColumns + kCsvBytesPerCount * kCsvCounts + kCsvTimestampBytes;
  std::uint64_t per_step =
      8 * (kStepColumns + kWeatherColumns * shape.weather_sources + shape.per_step_series) +
      kLoopBytesPerStep;
  if (shape.sun_positions) per_step += sizeof(gen::SunPosition);
  if (shape.jobs > 0) per_step += kSchedulerBytesPerStep;
  if (shape.timeseries) per_step += csv_per_step;
  RunSize size;
  // Jobs: the list and the scheduler's copy of it.
  size.memory_bytes =
      add(add(kBaseBytes, mul(shape.steps, per_step)), mul(shape.jobs, 2 * sizeof(load::Job)));
  const auto report_bytes =
      kReportBaseBytes + static_cast<std::uint64_t>(std::max(shape.years, 0.0) *
                                                    static_cast<double>(kReportBytesPerYear));
  size.output_bytes = add(kSummaryBytes, report_bytes);
  if (shape.timeseries) {
    size.output_bytes = add(size.output_bytes, mul(shape.steps, csv_per_step));
  }
  return size;
}

RunShape shape_of(const sim::Setup& setup, std::uint64_t steps, bool timeseries) {
  RunShape shape;
  shape.steps = steps;
  shape.years = setup.years;
  shape.timeseries = timeseries;
  shape.weather_sources = 1 + setup.weather_sources.size();
  shape.sun_positions = std::any_of(setup.pv.begin(), setup.pv.end(), [](const auto& a) {
    return a.sun_timing == gen::SunTiming::kMidpoint;
  });
  // Inflows read for the run's steps, one per hydro plant.
  shape.per_step_series = (setup.hydro ? 1 : 0) + setup.hydro_cascade.size();
  for (const auto& a : setup.pv) shape.per_step_series += a.availability_per_kw.empty() ? 0 : 1;
  for (const auto& f : setup.wind) shape.per_step_series += f.availability_per_kw.empty() ? 0 : 1;
  if (setup.workload) {
    const load::WorkloadParams& w = *setup.workload;
    const double days = 365.0 * setup.years;
    const double jobs = w.source == load::WorkloadSource::kSynthetic
                            ? std::max(w.synthetic_jobs_per_day, 0.0) * days
                            : static_cast<double>(w.pods.size()) * setup.years;
    shape.jobs = jobs >= 1e18 ? std::uint64_t{1} << 60 : static_cast<std::uint64_t>(jobs);
  }
  return shape;
}

std::string format_bytes(std::uint64_t bytes) {
  const auto b = static_cast<double>(bytes);
  if (b >= 1e12) return fmt::format("{:.3g} TB", b / 1e12);
  if (b >= 1e9) return fmt::format("{:.3g} GB", b / 1e9);
  if (b >= 1e6) return fmt::format("{:.3g} MB", b / 1e6);
  if (b >= 1e3) return fmt::format("{:.3g} kB", b / 1e3);
  return fmt::format("{} B", bytes);
}

namespace {

std::string how_to_reduce(const RunShape& shape) {
  std::string text = fmt::format(
      "run fewer years (simulation.years = {}) or longer steps (simulation.step_minutes: "
      "60 has 60 times fewer steps than 1)",
      shape.years);
  if (shape.timeseries) text += ", or leave out timeseries.csv (shapan run --no-timeseries)";
  if (shape.jobs > 0) text += ", or fewer jobs ([workload])";
  return text;
}

}  // namespace

std::optional<std::string> memory_refusal(const RunSize& size, const RunShape& shape,
                                          const MachineMeans& means) {
  if (!means.memory_bytes || size.memory_bytes <= *means.memory_bytes) return std::nullopt;
  return fmt::format(
      "the run is too large for this machine: {} steps need about {} of memory (estimated; "
      "docs/reliability.md), and this machine has {} ({}): {}",
      shape.steps, format_bytes(size.memory_bytes), format_bytes(*means.memory_bytes),
      means.memory_limited_by, how_to_reduce(shape));
}

std::optional<std::string> disk_refusal(const RunSize& size, const RunShape& shape,
                                        std::optional<std::uint64_t> free_bytes,
                                        const std::filesystem::path& folder) {
  if (!free_bytes || size.output_bytes <= *free_bytes) return std::nullopt;
  return fmt::format(
      "the run's files are too large for {}: {} steps write about {} (estimated; "
      "docs/reliability.md), and the disk has {} free: {}",
      folder.string(), shape.steps, format_bytes(size.output_bytes), format_bytes(*free_bytes),
      how_to_reduce(shape));
}

}  // namespace shapan::io
