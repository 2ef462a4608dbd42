// Rainflow counting against ASTM E1049-85 (reapproved 2017) §5.4.4, whose
// worked example (Fig. 6 and its cycle table) is case RF-1 below; the
// extraction order, means and indices are those of the `rainflow` Python
// package's tests (iamlikeme/rainflow, tests/test_rainflow.py), as recorded in
// /work/shared/reference/rainflow.md.
#include "shapan/gen/rainflow.h"

#include <gtest/gtest.h>

#include <vector>

namespace shapan::gen {
namespace {

const std::vector<double> kAstmExample = {-2, 1, -3, 5, -1, 3, -4, 4, -2};

// ASTM E1049 §5.4.4 cycle table: range 3 → 0.5, 4 → 1.5, 6 → 0.5, 8 → 1.0,
// 9 → 0.5 (4 cycles in all). Counts are exact halves, so exact equality.
TEST(RainflowTest, AstmExampleCountsMatchTheStandardsTable) {
  const auto counts = count_cycles(kAstmExample);
  const std::vector<std::pair<double, double>> expected = {
      {3.0, 0.5}, {4.0, 1.5}, {6.0, 0.5}, {8.0, 1.0}, {9.0, 0.5}};
  EXPECT_EQ(counts, expected);
}

// Extraction order, means and the sample indices of each cycle's reversals.
TEST(RainflowTest, AstmExampleCyclesInExtractionOrder) {
  const std::vector<RainflowCycle> expected = {
      {.range = 3, .mean = -0.5, .count = 0.5, .start_index = 0, .end_index = 1},
      {.range = 4, .mean = -1.0, .count = 0.5, .start_index = 1, .end_index = 2},
      {.range = 4, .mean = 1.0, .count = 1.0, .start_index = 4, .end_index = 5},
      {.range = 8, .mean = 1.0, .count = 0.5, .start_index = 2, .end_index = 3},
      {.range = 9, .mean = 0.5, .count = 0.5, .start_index = 3, .end_index = 6},
      {.range = 8, .mean = 0.0, .count = 0.5, .start_index = 6, .end_index = 7},
      {.range = 6, .mean = 1.0, .count = 0.5, .start_index = 7, .end_index = 8},
  };
  const std::vector<RainflowCycle> got = extract_cycles(kAstmExample);
  ASSERT_EQ(got.size(), expected.size());
  for (std::size_t k = 0; k < got.size(); ++k) {
    EXPECT_NEAR(got[k].range, expected[k].range, 1e-12) << k;
    EXPECT_NEAR(got[k].mean, expected[k].mean, 1e-12) << k;
    EXPECT_EQ(got[k].count, expected[k].count) << k;
    EXPECT_EQ(got[k].start_index, expected[k].start_index) << k;
    EXPECT_EQ(got[k].end_index, expected[k].end_index) << k;
  }
}

// RF-4: flat segments are not reversals, so doubling every sample changes no count.
TEST(RainflowTest, RepeatedSamplesGiveTheSameCounts) {
  std::vector<double> doubled;
  for (const double v : kAstmExample) {
    doubled.push_back(v);
    doubled.push_back(v);
  }
  EXPECT_EQ(count_cycles(doubled), count_cycles(kAstmExample));
}

// RF-4 edge cases.
TEST(RainflowTest, ShortSeries) {
  EXPECT_TRUE(extract_cycles(std::vector<double>{}).empty());
  EXPECT_TRUE(extract_cycles(std::vector<double>{1.0}).empty());
  const auto two = extract_cycles(std::vector<double>{1.0, 2.0});
  ASSERT_EQ(two.size(), 1u);  // one half cycle of range 1 (the package drops it: see docs)
  const auto three = extract_cycles(std::vector<double>{1.0, 2.0, 3.0});
  ASSERT_EQ(three.size(), 1u);
  EXPECT_EQ(
      three[0],
      (RainflowCycle{.range = 2.0, .mean = 2.0, .count = 0.5, .start_index = 0, .end_index = 2}));
}

TEST(RainflowTest, ReversalsKeepEndsAndDropMonotoneInteriorPoints) {
  EXPECT_EQ(reversal_indices(std::vector<double>{1.0, 2.0}), (std::vector<std::size_t>{0, 1}));
  EXPECT_EQ(reversal_indices(std::vector<double>{1.0, 2.0, 3.0}), (std::vector<std::size_t>{0, 2}));
  EXPECT_EQ(reversal_indices(kAstmExample), (std::vector<std::size_t>{0, 1, 2, 3, 4, 5, 6, 7, 8}));
  EXPECT_EQ(reversal_indices(std::vector<double>{0.0, 1.0, 1.0, 2.0, 0.0}),
            (std::vector<std::size_t>{0, 3, 4}));
}

// Counting one sample at a time gives the batch result, and residue() does
// not consume the open history.
TEST(RainflowTest, StreamingMatchesBatch) {
  RainflowCounter counter;
  std::vector<RainflowCycle> closed;
  for (const double v : kAstmExample) counter.push(v, closed);
  const auto residue_once = counter.residue();
  EXPECT_EQ(counter.residue(), residue_once);
  closed.insert(closed.end(), residue_once.begin(), residue_once.end());
  EXPECT_EQ(closed, extract_cycles(kAstmExample));
  counter.reset();
  EXPECT_TRUE(counter.residue().empty());
  EXPECT_EQ(counter.samples(), 0u);
}

// A daily full cycle between 0.2 and 0.9 counts one full cycle of range 0.7
// per day once the pattern repeats.
TEST(RainflowTest, RepeatedDailyCycle) {
  std::vector<double> soc;
  for (int day = 0; day < 10; ++day) {
    soc.push_back(0.2);
    soc.push_back(0.9);
  }
  soc.push_back(0.2);
  double full = 0.0;
  double half = 0.0;
  for (const auto& c : extract_cycles(soc)) {
    EXPECT_NEAR(c.range, 0.7, 1e-12);
    (c.count == 1.0 ? full : half) += c.count;
  }
  EXPECT_EQ(full + half, 10.0);
}

}  // namespace
}  // namespace shapan::gen
