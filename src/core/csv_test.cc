#include "shapan/core/csv.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "shapan/core/error.h"

namespace shapan {
namespace {

using ::testing::HasSubstr;

TEST(CsvTest, SplitsQuotedCellsAndKeepsLineNumbers) {
  const CsvTable t = parse_csv(
      "\xEF\xBB\xBF"
      "a,b\r\n\n\"x,1\",\"say \"\"hi\"\"\"\n3,4",
      "t.csv");
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[0].cells, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(t.rows[1].line, 3);
  EXPECT_EQ(t.rows[1].cells, (std::vector<std::string>{"x,1", "say \"hi\""}));
  EXPECT_EQ(t.rows[2].line, 4);
}

TEST(CsvTest, BadNumberNamesLineColumnAndField) {
  const CsvTable t = parse_csv("ghi,dni\n1,2\n3,abc\n", "w.csv");
  EXPECT_DOUBLE_EQ(cell_double(t, t.rows[1], 1, "dni"), 2.0);
  try {
    (void)cell_double(t, t.rows[2], 1, "dni");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "w.csv:3:2: dni: expected a number, found 'abc'");
  }
  try {
    (void)cell_double(t, t.rows[2], 5, "albedo");
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_THAT(e.what(), HasSubstr("w.csv:3: albedo: the row has 2 columns; expected at least 6"));
  }
}

TEST(CsvTest, ParseDoubleRejectsJunk) {
  EXPECT_EQ(parse_double(" 1.5 "), 1.5);
  EXPECT_EQ(parse_double("+2"), 2.0);
  EXPECT_EQ(parse_double("-1e3"), -1000.0);
  EXPECT_FALSE(parse_double(""));
  EXPECT_FALSE(parse_double("1.5x"));
  EXPECT_FALSE(parse_double("nan"));
  EXPECT_FALSE(parse_double("inf"));
}

TEST(CsvTest, MissingFileIsNamed) {
  EXPECT_THROW((void)read_csv("/nonexistent/x.csv"), InputError);
  try {
    (void)read_csv("/nonexistent/x.csv");
  } catch (const InputError& e) {
    EXPECT_THAT(e.what(), HasSubstr("/nonexistent/x.csv: cannot open the file"));
  }
}

TEST(CsvTest, UnclosedQuoteIsAnError) {
  EXPECT_THROW((void)parse_csv("a,\"b\n", "q.csv"), InputError);
}

TEST(CsvTest, FindColumnIgnoresCaseAndSpaces) {
  const CsvRow header{.line = 1, .cells = {"Year", " GHI ", "dni"}};
  EXPECT_EQ(find_column(header, "ghi"), 1u);
  EXPECT_EQ(find_column(header, "DNI"), 2u);
  EXPECT_FALSE(find_column(header, "dhi"));
}

TEST(CsvTest, RequireColumnNamesTheMissingColumn) {
  const CsvTable t = parse_csv("a,b\n1,2\n", "r.csv");
  EXPECT_EQ(require_column(t, "B"), 1u);
  try {
    (void)require_column(t, "gpu");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "r.csv:1: gpu: missing column in the header");
  }
  EXPECT_THROW((void)require_column(parse_csv("", "e.csv"), "x"), InputError);
}

}  // namespace
}  // namespace shapan
