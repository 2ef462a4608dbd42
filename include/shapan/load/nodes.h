// Compute nodes: what a data center's IT power is made of.
//
// A node type has CPU threads (vCPUs), GPUs, an idle and a peak power and a
// utilisation → power curve; an inventory is a list of node types with their
// counts. An inventory read from a cluster's node list (the Alibaba GPU
// cluster's 1,213 nodes) can be scaled to a scenario's IT capacity: the counts
// are multiplied so that the inventory's peak power equals the capacity (counts
// become fractional "equivalent nodes"; only totals are used).
//
// Node power at utilisation u (0..1):
//   P(u) = idle_kw + (peak_kw − idle_kw) · curve(u)
// with curve a piecewise-linear table through (0, 0) and (1, 1); the default is
// linear, docs/models/datacenter.md gives the sources.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "shapan/core/check.h"
#include "shapan/core/files.h"

namespace shapan::load {

// Power of one GPU model (from data/workload/gpu_models.csv).
struct GpuModel {
  std::string model;           // as in the node list ("V100M16", "T4", ...)
  double board_power_w = 300;  // board power limit at full load (the 100 % of power capping)
  double idle_power_w = 40;    // powered on, no kernel running
};

// How a node's components add up to its power. Defaults: an Alibaba-era
// two-socket Xeon (24 cores, 48 threads, 165 W each: about 3.4 W per thread),
// idle at about 30 % of that; memory, fans, NICs and disks as a constant.
struct NodePowerParams {
  double cpu_peak_w_per_vcpu = 3.4;
  double cpu_idle_w_per_vcpu = 1.0;
  double platform_w = 150.0;  // per node, independent of load
  // Utilisation → dynamic-power fraction, both in [0, 1], increasing, from
  // (0, 0) to (1, 1). Default: linear.
  std::vector<double> curve_util_frac = {0.0, 1.0};
  std::vector<double> curve_power_frac = {0.0, 1.0};

  std::vector<FieldIssue> check() const;
  bool operator==(const NodePowerParams&) const = default;
};

struct NodeType {
  std::string model;         // GPU model, or "cpu" for a CPU-only node
  double count = 0.0;        // nodes (fractional once scaled)
  double vcpus = 0.0;        // per node
  double gpus = 0.0;         // per node
  double gpu_board_w = 0.0;  // per GPU
  double idle_kw = 0.0;      // per node
  double peak_kw = 0.0;      // per node
  bool operator==(const NodeType&) const = default;
};

struct NodeInventory {
  std::vector<NodeType> types;
  NodePowerParams power;

  double total_nodes() const;
  double total_vcpus() const;
  double total_gpus() const;
  double idle_kw() const;       // every node idle
  double peak_kw() const;       // every node at full load
  double gpu_board_kw() const;  // Σ GPU board power: what power capping acts on
  // Dynamic-power fraction at utilisation u (the curve), u clamped to [0, 1].
  double curve(double util_frac) const;
  // Inventory power with every node at utilisation u.
  double power_kw(double util_frac) const;
  // The same inventory with counts scaled so that peak_kw() == target_peak_kw.
  // Requires: peak_kw() > 0, target_peak_kw >= 0.
  NodeInventory scaled_to(double target_peak_kw) const;
  bool operator==(const NodeInventory&) const = default;
};

// Builds a node type's idle and peak power from its parts.
NodeType make_node_type(std::string model, double count, double vcpus, double gpus,
                        const GpuModel& gpu, const NodePowerParams& power);

// Reads GPU models (columns model, board_power_w, idle_power_w; more are
// ignored). Throws InputError naming file:line on a bad or missing value.
std::vector<GpuModel> read_gpu_models(const std::filesystem::path& path,
                                      const Files& files = local_files());

// Reads a node list in the Alibaba cluster-trace-gpu-v2023 layout (columns
// sn, cpu_milli, memory_mib, gpu, model) into node types, one per distinct
// (model, vCPUs, GPUs). A GPU model missing from `gpus` is an InputError
// naming the line; nodes with gpu = 0 are CPU nodes (model "cpu").
NodeInventory read_node_inventory(const std::filesystem::path& path,
                                  const std::vector<GpuModel>& gpus, const NodePowerParams& power,
                                  const Files& files = local_files());

}  // namespace shapan::load
