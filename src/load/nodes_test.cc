#include "shapan/load/nodes.h"

#include <gtest/gtest.h>

#include "shapan/core/error.h"

namespace shapan::load {
namespace {

// One 8-GPU node: 96 vCPUs, V100-class GPUs at 300 W board and 40 W idle,
// defaults 3.4 / 1.0 W per vCPU and 150 W platform.
//   peak = 150 + 96·3.4 + 8·300 = 2876.4 W;  idle = 150 + 96·1.0 + 8·40 = 566 W.
TEST(NodesTest, NodePowerAddsUpItsParts) {
  const NodeType t = make_node_type(
      "V100", 1.0, 96.0, 8.0,
      GpuModel{.model = "V100", .board_power_w = 300.0, .idle_power_w = 40.0}, NodePowerParams{});
  EXPECT_NEAR(t.peak_kw, 2.8764, 1e-12);
  EXPECT_NEAR(t.idle_kw, 0.566, 1e-12);
}

// The shipped Alibaba node list: 1,213 nodes and 6,212 GPUs; scaled to
// 12 MW its peak is 12 MW and the GPU count scales by the same factor.
TEST(NodesTest, AlibabaInventoryReadsAndScales) {
  const NodeInventory inv =
      read_node_inventory("data/workload/openb_node_list_gpu_node.csv",
                          read_gpu_models("data/workload/gpu_models.csv"), NodePowerParams{});
  EXPECT_NEAR(inv.total_nodes(), 1213.0, 1e-9);
  EXPECT_NEAR(inv.total_gpus(), 6212.0, 1e-9);
  const NodeInventory big = inv.scaled_to(12000.0);
  EXPECT_NEAR(big.peak_kw(), 12000.0, 1e-6);
  EXPECT_NEAR(big.total_gpus() / inv.total_gpus(), 12000.0 / inv.peak_kw(), 1e-12);
  EXPECT_NEAR(inv.power_kw(1.0), inv.peak_kw(), 1e-9);
  EXPECT_NEAR(inv.power_kw(0.0), inv.idle_kw(), 1e-9);
}

// A concave curve through (0.5, 0.7): half load draws idle + 70 % of the span.
TEST(NodesTest, CurveInterpolates) {
  NodeInventory inv;
  inv.power.curve_util_frac = {0.0, 0.5, 1.0};
  inv.power.curve_power_frac = {0.0, 0.7, 1.0};
  inv.types.push_back(NodeType{.model = "x", .count = 2.0, .idle_kw = 1.0, .peak_kw = 3.0});
  EXPECT_NEAR(inv.power_kw(0.5), 2.0 * (1.0 + 0.7 * 2.0), 1e-12);
  EXPECT_NEAR(inv.power_kw(0.25), 2.0 * (1.0 + 0.35 * 2.0), 1e-12);
  EXPECT_TRUE(inv.power.check().empty());
}

TEST(NodesTest, UnknownGpuModelNamesTheLine) {
  try {
    (void)read_node_inventory("data/workload/openb_node_list_gpu_node.csv",
                              {GpuModel{.model = "T4", .board_power_w = 70, .idle_power_w = 10}},
                              NodePowerParams{});
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("openb_node_list_gpu_node.csv:2:5: model = \"P100\": "
                                         "not in the GPU model table"),
              std::string::npos)
        << e.what();
  }
}

TEST(NodesTest, CurveMustRiseFromZeroToOne) {
  NodePowerParams p;
  p.curve_util_frac = {0.0, 0.6, 0.5, 1.0};
  p.curve_power_frac = {0.0, 0.5, 0.6, 1.0};
  const auto issues = p.check();
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].field, "curve_util_frac.2");
}

}  // namespace
}  // namespace shapan::load
