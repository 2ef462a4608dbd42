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
