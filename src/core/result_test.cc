#include "shapan/core/result.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace shapan {
namespace {

// A function with an expected failure: its argument when it is not negative,
// or the reason it is refused.
Result<double> non_negative(double x) {
  if (x < 0) return Failure{"negative input"};
  return x;
}

TEST(ResultTest, HoldsTheValue) {
  const Result<double> r = non_negative(4.0);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value(), 4.0);
}

TEST(ResultTest, HoldsTheReasonForNoValue) {
  const Result<double> r = non_negative(-1.0);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error(), "negative input");
}

TEST(ResultTest, MovesTheValueOut) {
  Result<std::vector<int>> r = std::vector<int>{1, 2, 3};
  const std::vector<int> v = std::move(r).value();
  EXPECT_EQ(v, (std::vector<int>{1, 2, 3}));
}

TEST(ResultDeathTest, ValueOfAFailureIsABrokenInvariant) {
  const Result<int> r = Failure{"no"};
  EXPECT_DEATH((void)r.value(), "Result::value\\(\\) on a failure");
}

}  // namespace
}  // namespace shapan
