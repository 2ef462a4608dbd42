// The workload's GPU models and node list (load::read_gpu_models, then
// load::read_node_inventory with those models). The input holds both files,
// the GPU models first, separated by a line "#--" (without one, the whole
// input is the node list and the GPU model list is empty).
#include <cmath>

#include "fuzz_common.h"
#include "shapan/core/error.h"
#include "shapan/load/nodes.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto parts = shapan::fuzz::split_parts(shapan::fuzz::as_text(data, size), "#--");
  try {
    std::vector<shapan::load::GpuModel> gpus;
    if (parts.size() > 1)
      gpus = shapan::load::read_gpu_models(shapan::fuzz::scratch_file(parts[0], ".gpus.csv"));
    const shapan::load::NodeInventory nodes =
        shapan::load::read_node_inventory(shapan::fuzz::scratch_file(parts.back(), ".nodes.csv"),
                                          gpus, shapan::load::NodePowerParams{});
    FUZZ_CHECK(std::isfinite(nodes.peak_kw()) && nodes.peak_kw() >= 0.0);
    FUZZ_CHECK(std::isfinite(nodes.idle_kw()) && nodes.idle_kw() >= 0.0);
    if (nodes.peak_kw() > 0.0) FUZZ_CHECK(std::isfinite(nodes.scaled_to(1000.0).peak_kw()));
  } catch (const shapan::InputError&) {
  }
  return 0;
}
