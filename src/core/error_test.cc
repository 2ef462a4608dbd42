#include "shapan/core/error.h"

#include <gtest/gtest.h>

namespace shapan {
namespace {

TEST(ErrorTest, MessageNamesFileLineColumnAndField) {
  const InputIssue issue{.source = "site.toml",
                         .line = 42,
                         .column = 3,
                         .field = "battery.0.max_charge_kw",
                         .message = "-5: must be >= 0"};
  EXPECT_EQ(issue.to_string(), "site.toml:42:3: battery.0.max_charge_kw: -5: must be >= 0");
}

// STYLE.md section 5: "file:line:col: key = value unit: expectation".
TEST(ErrorTest, QuotedValueFollowsTheFieldWithItsUnit) {
  const InputIssue issue{.source = "site.toml",
                         .line = 12,
                         .column = 18,
                         .field = "pv.0.dc_capacity_kw",
                         .message = "= -5000: must be > 0"};
  EXPECT_EQ(issue.to_string(), "site.toml:12:18: pv.0.dc_capacity_kw = -5000 kW: must be > 0");
  EXPECT_EQ(
      (InputIssue{.field = "site.latitude_deg", .message = "= 95: must be <= 90"}).to_string(),
      "site.latitude_deg = 95°: must be <= 90");
  EXPECT_EQ((InputIssue{.field = "c.cell_temp_c", .message = "= -300: too cold"}).to_string(),
            "c.cell_temp_c = -300 °C: too cold");
}

TEST(ErrorTest, QuotedValueWithoutAUnitOrWithOneAlreadyIsKept) {
  // A fraction has no unit; a count neither.
  EXPECT_EQ((InputIssue{.field = "b.soc_min_frac", .message = "= 1.5: must be <= 1"}).to_string(),
            "b.soc_min_frac = 1.5: must be <= 1");
  // The unit (or more words) already follows the value: nothing is added.
  EXPECT_EQ(
      (InputIssue{.field = "site.elevation_m", .message = "= 3300 m, but the file says 2295 m"})
          .to_string(),
      "site.elevation_m = 3300 m, but the file says 2295 m");
  EXPECT_EQ((InputIssue{.field = "b.duration_h", .message = "= -1 h: must be >= 0"}).to_string(),
            "b.duration_h = -1 h: must be >= 0");
  // Not a number: a string value.
  EXPECT_EQ((InputIssue{.field = "w.format_m", .message = "= \"x\": unknown"}).to_string(),
            "w.format_m = \"x\": unknown");
}

TEST(ErrorTest, LeavesOutUnknownParts) {
  EXPECT_EQ((InputIssue{.source = "w.epw", .message = "empty file"}).to_string(),
            "w.epw: empty file");
  EXPECT_EQ((InputIssue{.source = "w.epw", .line = 9, .message = "x"}).to_string(), "w.epw:9: x");
}

TEST(ErrorTest, InputErrorJoinsIssuesOnePerLine) {
  const InputError e({InputIssue{.source = "a", .line = 1, .message = "one"},
                      InputIssue{.source = "a", .line = 2, .message = "two"}});
  EXPECT_STREQ(e.what(), "a:1: one\na:2: two");
  EXPECT_EQ(e.issues().size(), 2u);
}

}  // namespace
}  // namespace shapan
