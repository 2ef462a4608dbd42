#include "shapan/core/units.h"

#include <gtest/gtest.h>

namespace shapan {
namespace {

TEST(UnitsTest, PowerTimesDurationIsEnergy) {
  const Energy e = kw(3.0) * Duration::minutes(15);
  EXPECT_DOUBLE_EQ(e.in_kwh(), 0.75);
  EXPECT_DOUBLE_EQ((e / Duration::minutes(15)).in_kw(), 3.0);
  EXPECT_DOUBLE_EQ(mw(2.0).in_kw(), 2000.0);
  EXPECT_DOUBLE_EQ(watts(500.0).in_kw(), 0.5);
}

TEST(UnitsTest, FlowTimesDurationIsVolume) {
  const Volume v = m3_per_s(600.0) * Duration::hours(1);
  EXPECT_DOUBLE_EQ(v.in_m3(), 2.16e6);
  EXPECT_DOUBLE_EQ(v.in_hm3(), 2.16);
  EXPECT_DOUBLE_EQ((v / Duration::hours(1)).in_m3_per_s(), 600.0);
}

TEST(UnitsTest, ArithmeticAndComparison) {
  Power p = kw(1.0);
  p += kw(2.0);
  p -= kw(0.5);
  EXPECT_DOUBLE_EQ(p.in_kw(), 2.5);
  EXPECT_LT(kw(1.0), kw(2.0));
  EXPECT_DOUBLE_EQ(kw(3.0) / kw(1.5), 2.0);
  EXPECT_DOUBLE_EQ((2.0 * kw(1.5)).in_kw(), 3.0);
  EXPECT_DOUBLE_EQ(cost_cny(kwh(1000.0), cny_per_kwh(0.35)), 350.0);
}

}  // namespace
}  // namespace shapan
