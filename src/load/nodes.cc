#include "shapan/load/nodes.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "shapan/core/assert.h"
#include "shapan/core/csv.h"
#include "shapan/core/error.h"

namespace shapan::load {

std::vector<FieldIssue> NodePowerParams::check() const {
  FieldChecker c;
  c.at_least("cpu_peak_w_per_vcpu", cpu_peak_w_per_vcpu, 0.0)
      .in_range("cpu_idle_w_per_vcpu", cpu_idle_w_per_vcpu, 0.0, cpu_peak_w_per_vcpu)
      .at_least("platform_w", platform_w, 0.0)
      .expect(curve_util_frac.size() >= 2 && curve_util_frac.size() == curve_power_frac.size(),
              "curve_util_frac",
              fmt::format("has {} values and curve_power_frac {}: need the same number, at least 2",
                          curve_util_frac.size(), curve_power_frac.size()));
  if (curve_util_frac.size() >= 2 && curve_util_frac.size() == curve_power_frac.size()) {
    const std::size_t n = curve_util_frac.size();
    c.expect(curve_util_frac.front() == 0.0 && curve_util_frac.back() == 1.0 &&
                 curve_power_frac.front() == 0.0 && curve_power_frac.back() == 1.0,
             "curve_util_frac", "the curve must run from (0, 0) to (1, 1)");
    for (std::size_t i = 1; i < n; ++i) {
      c.expect(curve_util_frac[i] > curve_util_frac[i - 1], fmt::format("curve_util_frac.{}", i),
               fmt::format("= {}: must increase", format_number(curve_util_frac[i])));
      c.expect(curve_power_frac[i] >= curve_power_frac[i - 1],
               fmt::format("curve_power_frac.{}", i),
               fmt::format("= {}: must not decrease", format_number(curve_power_frac[i])));
    }
  }
  return c.issues();
}

double NodeInventory::total_nodes() const {
  double s = 0.0;
  for (const auto& t : types) s += t.count;
  return s;
}
double NodeInventory::total_vcpus() const {
  double s = 0.0;
  for (const auto& t : types) s += t.count * t.vcpus;
  return s;
}
double NodeInventory::total_gpus() const {
  double s = 0.0;
  for (const auto& t : types) s += t.count * t.gpus;
  return s;
}
double NodeInventory::idle_kw() const {
  double s = 0.0;
  for (const auto& t : types) s += t.count * t.idle_kw;
  return s;
}
double NodeInventory::peak_kw() const {
  double s = 0.0;
  for (const auto& t : types) s += t.count * t.peak_kw;
  return s;
}
double NodeInventory::gpu_board_kw() const {
  double s = 0.0;
  for (const auto& t : types) s += t.count * t.gpus * t.gpu_board_w / 1000.0;
  return s;
}

double NodeInventory::curve(double util_frac) const {
  const auto& x = power.curve_util_frac;
  const auto& y = power.curve_power_frac;
  const double u = std::clamp(util_frac, 0.0, 1.0);
  const auto it = std::upper_bound(x.begin(), x.end(), u);
  if (it == x.end()) return y.back();
  const auto i = static_cast<std::size_t>(it - x.begin());
  if (i == 0) return y.front();
  return y[i - 1] + (y[i] - y[i - 1]) * (u - x[i - 1]) / (x[i] - x[i - 1]);
}

double NodeInventory::power_kw(double util_frac) const {
  return idle_kw() + (peak_kw() - idle_kw()) * curve(util_frac);
}

NodeInventory NodeInventory::scaled_to(double target_peak_kw) const {
  const double peak = peak_kw();
  SHAPAN_ASSERT(peak > 0.0 && target_peak_kw >= 0.0, "scaling an inventory without power");
  NodeInventory out = *this;
  for (auto& t : out.types) t.count *= target_peak_kw / peak;
  return out;
}

NodeType make_node_type(std::string model, double count, double vcpus, double gpus,
                        const GpuModel& gpu, const NodePowerParams& power) {
  NodeType t{.model = std::move(model),
             .count = count,
             .vcpus = vcpus,
             .gpus = gpus,
             .gpu_board_w = gpus > 0.0 ? gpu.board_power_w : 0.0};
  t.peak_kw =
      (power.platform_w + vcpus * power.cpu_peak_w_per_vcpu + t.gpus * t.gpu_board_w) / 1000.0;
  t.idle_kw = (power.platform_w + vcpus * power.cpu_idle_w_per_vcpu +
               (gpus > 0.0 ? gpus * gpu.idle_power_w : 0.0)) /
              1000.0;
  return t;
}

std::vector<GpuModel> read_gpu_models(const std::filesystem::path& path, const Files& files) {
  const CsvTable table = read_csv(path, ',', files);
  const std::size_t c_model = require_column(table, "model");
  const std::size_t c_board = require_column(table, "board_power_w");
  const std::size_t c_idle = require_column(table, "idle_power_w");
  std::vector<GpuModel> out;
  for (std::size_t r = 1; r < table.rows.size(); ++r) {
    const CsvRow& row = table.rows[r];
    GpuModel g{.model = cell_text(table, row, c_model, "model"),
               .board_power_w = cell_double(table, row, c_board, "board_power_w"),
               .idle_power_w = cell_double(table, row, c_idle, "idle_power_w")};
    if (g.board_power_w <= 0.0 || g.idle_power_w < 0.0 || g.idle_power_w > g.board_power_w) {
      throw_input_error(table.source, row.line, static_cast<int>(c_idle) + 1, "idle_power_w",
                        fmt::format("= {} with board_power_w = {}: need 0 <= idle <= board, "
                                    "board > 0",
                                    format_number(g.idle_power_w), format_number(g.board_power_w)));
    }
    out.push_back(std::move(g));
  }
  return out;
}

NodeInventory read_node_inventory(const std::filesystem::path& path,
                                  const std::vector<GpuModel>& gpus, const NodePowerParams& power,
                                  const Files& files) {
  require_valid("node power", power.check());
  const CsvTable table = read_csv(path, ',', files);
  const std::size_t c_cpu = require_column(table, "cpu_milli");
  const std::size_t c_gpu = require_column(table, "gpu");
  const std::size_t c_model = require_column(table, "model");
  // Distinct (model, vCPUs, GPUs) in order of first appearance.
  std::map<std::tuple<std::string, double, double>, std::size_t> index;
  NodeInventory inv;
  inv.power = power;
  for (std::size_t r = 1; r < table.rows.size(); ++r) {
    const CsvRow& row = table.rows[r];
    const double vcpus = cell_double(table, row, c_cpu, "cpu_milli") / 1000.0;
    const double n_gpu = cell_double(table, row, c_gpu, "gpu");
    if (vcpus < 0.0 || n_gpu < 0.0) {
      throw_input_error(table.source, row.line, 0, "cpu_milli", "CPU and GPU counts must be >= 0");
    }
    std::string model = n_gpu > 0.0 ? cell_text(table, row, c_model, "model") : "cpu";
    const auto key = std::make_tuple(model, vcpus, n_gpu);
    if (const auto it = index.find(key); it != index.end()) {
      inv.types[it->second].count += 1.0;
      continue;
    }
    GpuModel gpu{.model = model, .board_power_w = 0.0, .idle_power_w = 0.0};
    if (n_gpu > 0.0) {
      const auto found = std::find_if(gpus.begin(), gpus.end(),
                                      [&](const GpuModel& g) { return g.model == model; });
      if (found == gpus.end()) {
        throw_input_error(table.source, row.line, static_cast<int>(c_model) + 1, "model",
                          fmt::format("= \"{}\": not in the GPU model table (add its board and "
                                      "idle power)",
                                      model));
      }
      gpu = *found;
    }
    index.emplace(key, inv.types.size());
    inv.types.push_back(make_node_type(model, 1.0, vcpus, n_gpu, gpu, power));
  }
  return inv;
}

}  // namespace shapan::load
