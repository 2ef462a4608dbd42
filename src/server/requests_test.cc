#include "shapan/server/requests.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace shapan::server {
namespace {

using ::testing::HasSubstr;

// Runs from the source root (shapan_module_test), so examples/ is there.
const std::filesystem::path kDir = "examples";

int status_of(const std::string& body) {
  try {
    (void)parse_run_request(body);
  } catch (const RequestError& e) {
    return e.status();
  }
  return 0;
}

std::string message_of(const std::string& body) {
  try {
    (void)parse_run_request(body);
  } catch (const RequestError& e) {
    return e.what();
  }
  return "";
}

TEST(RequestsTest, ListsTheExampleScenarios) {
  const auto list = list_scenarios(kDir);
  ASSERT_FALSE(list.empty());
  EXPECT_TRUE(std::any_of(list.begin(), list.end(),
                          [](const ScenarioEntry& e) { return e.name == "qinghai_base"; }));
  EXPECT_EQ(find_scenario(kDir, "qinghai_base").path, kDir / "qinghai_base.toml");
}

TEST(RequestsTest, UnknownScenarioIs404WithTheName) {
  try {
    (void)find_scenario(kDir, "../../etc/passwd");
    FAIL();
  } catch (const RequestError& e) {
    EXPECT_EQ(e.status(), 404);
    EXPECT_THAT(e.what(), HasSubstr("unknown scenario \"../../etc/passwd\""));
  }
}

TEST(RequestsTest, ParsesObjectAndListOverrides) {
  const RunRequest a = parse_run_request(
      R"({"scenario":"qinghai_base","overrides":{"pv.0.dc_capacity_kw":250000,"dispatch.strategy":"rule_based","x.y":true}})");
  EXPECT_EQ(a.scenario, "qinghai_base");
  EXPECT_EQ(a.overrides, (std::vector<std::string>{"pv.0.dc_capacity_kw=250000",
                                                   "dispatch.strategy=rule_based", "x.y=true"}));
  const RunRequest b = parse_run_request(R"({"scenario":"s","overrides":["wind.0.count=10"]})");
  EXPECT_EQ(b.overrides, std::vector<std::string>{"wind.0.count=10"});
}

TEST(RequestsTest, MalformedBodiesAre400WithAClearMessage) {
  EXPECT_EQ(status_of("{not json"), 400);
  EXPECT_THAT(message_of("{not json"), HasSubstr("not valid JSON"));
  EXPECT_THAT(message_of("[1,2]"), HasSubstr("must be a JSON object"));
  EXPECT_THAT(message_of("{}"), HasSubstr("scenario: missing"));
  EXPECT_THAT(message_of(R"({"scenario":"s","overrides":42})"), HasSubstr("overrides: must be"));
  EXPECT_THAT(message_of(R"({"scenario":"s","overrides":["nokey"]})"),
              HasSubstr("expected \"key=value\""));
  EXPECT_THAT(message_of(R"({"scenario":"s","overrides":{"PV;rm":1}})"),
              HasSubstr("a key is a dotted name"));
  EXPECT_THAT(message_of(R"({"scenario":"s","overrides":{"a":[1,2]}})"),
              HasSubstr("a: the value must be a number"));
  EXPECT_THAT(message_of(R"({"scenario":"s","overrides":{"a":"x\ny"}})"),
              HasSubstr("without control characters"));
}

// Found by fuzz/server_body (docs/reliability.md): a number beyond double's
// range is a JSON parse error of nlohmann::json's out_of_range type, which
// parse_run_request let through (the server answered 500 "internal error").
TEST(RequestsTest, NumberOverflowIs400) {
  EXPECT_EQ(status_of(R"({"scenario":"s","overrides":{"a":1e400}})"), 400);
  EXPECT_THAT(message_of(R"({"scenario":"s","overrides":{"a":1e400}})"),
              HasSubstr("not valid JSON"));
}

// Paths are judged where files are read (the server's RestrictedFiles, see
// file_access_test.cc), whatever shape names them; the request check passes
// them on unchanged.
TEST(RequestsTest, FilePathsArePassedOnToBeJudgedWhereFilesAreRead) {
  const RunRequest r = parse_run_request(
      R"({"scenario":"s","overrides":{"weather.file":"../data/x.epw","grid":"{carbon_intensity_file=\"/etc/passwd\"}"}})");
  EXPECT_EQ(r.overrides,
            (std::vector<std::string>{"weather.file=../data/x.epw",
                                      "grid={carbon_intensity_file=\"/etc/passwd\"}"}));
}

TEST(RequestsTest, TooManyOverridesAre400) {
  std::string body = R"({"scenario":"s","overrides":{)";
  for (int i = 0; i < 65; ++i) {
    if (i > 0) body += ',';
    body += fmt::format("\"k{}\":1", i);
  }
  body += "}}";
  EXPECT_THAT(message_of(body), HasSubstr("65 given, at most 64"));
}

}  // namespace
}  // namespace shapan::server
