// Every file a scenario names is read through the Files it is loaded with
// (shapan/core/files.h): here in-memory files, so that nothing on disk is
// touched, and a RestrictedFiles that allows two folders only — the server's
// policy — against every shape in which an override can name a file.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "shapan/core/error.h"
#include "shapan/core/files.h"
#include "shapan/io/scenario.h"

namespace shapan::io {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kSecret = "SECRET-41d2";

std::string disk_text(const char* path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// /site/s.toml names ../data/w.epw; /secret/ holds a file nobody may read.
MemoryFiles make_files() {
  MemoryFiles files;
  files.add("/data/w.epw", disk_text("data/weather/CHN_Qinghai.Xinghai.529430_CSWD.epw"));
  files.add("/site/s.toml", "[weather]\nfile = \"../data/w.epw\"\n");
  files.add("/secret/x.epw", std::string(kSecret) + ",LOCATION,1\n" + kSecret + "\n");
  files.add_folder("/data/folder");
  return files;
}

// The message of the InputError that loading with `overrides` throws.
std::string error_of(const Files& files, const std::vector<std::string>& overrides) {
  try {
    (void)load_scenario("/site/s.toml", overrides, files);
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(ScenarioFilesTest, ReadsEverythingThroughTheGivenFiles) {
  const MemoryFiles files = make_files();
  const Scenario s = load_scenario("/site/s.toml", {}, files);
  EXPECT_EQ(sim::step_count(s.setup), 8760u);
  EXPECT_THAT(error_of(files, {"weather.file=nope.epw"}),
              HasSubstr("weather.file: file \"nope.epw\" not found (looked for /site/nope.epw)"));
}

TEST(ScenarioFilesTest, AFolderGivenAsAFileSaysSo) {
  const MemoryFiles files = make_files();
  EXPECT_THAT(error_of(files, {"weather.file=../data/folder"}),
              HasSubstr("file \"../data/folder\" is a folder, not a file (/data/folder)"));
}

TEST(ScenarioFilesTest, RestrictedFilesRefuseEveryShapeBeforeReading) {
  const MemoryFiles memory = make_files();
  const RestrictedFiles files(memory, {"/site", "/data"});
  ASSERT_EQ(sim::step_count(load_scenario("/site/s.toml", {}, files).setup), 8760u);
  for (const std::vector<std::string>& overrides : std::vector<std::vector<std::string>>{
           {"weather={file=\"/secret/x.epw\",format=\"epw\"}"},  // whole-table replacement
           {"weather.file=/secret/x.epw"},                       // a key, absolute
           {"weather.file=../secret/x.epw"},                     // a key, ".."
           {"weather.file=../data/../secret/x.epw"},             // ".." through an allowed folder
           {"grid={carbon_intensity_file=\"/secret/x.epw\"}"},   // an inline table
           {"wind=[{turbine_file=\"/secret/x.epw\",count=1}]"},  // an array of tables
           {"hydro={inflow_daily_file=\"../secret/x.epw\"}"},
           {"datacenter={it_capacity_kw=1,it_load_file=\"/secret/x.epw\"}"},
           {"workload={source=\"trace\",trace_file=\"/secret/x.epw\"}"}}) {
    const std::string message = error_of(files, overrides);
    EXPECT_THAT(message, HasSubstr("x.epw\" is outside the allowed folders (/site, /data)"))
        << overrides[0];
    EXPECT_THAT(message, Not(HasSubstr(kSecret))) << overrides[0];
  }
  // The scenario file itself is read through the same policy.
  try {
    (void)load_scenario("/secret/x.epw", {}, files);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_THAT(e.what(), HasSubstr("/secret/x.epw: is outside the allowed folders"));
    EXPECT_THAT(e.what(), Not(HasSubstr(kSecret)));
  }
}

// issue 17's smaller defects in reading a scenario with overrides.
TEST(ScenarioOverridesTest, AnUnknownSectionFromSetIsBlamedOnTheSet) {
  const MemoryFiles files = make_files();
  const std::string message = error_of(files, {"nosuch.key=1"});
  EXPECT_THAT(
      message,
      HasSubstr("<command line>: nosuch: unknown section or key (from --set nosuch.key=1)"));
  EXPECT_THAT(message, Not(HasSubstr("/site/s.toml")));
}

TEST(ScenarioOverridesTest, ControlCharactersInNamesAreRefused) {
  const MemoryFiles files = make_files();
  EXPECT_THAT(error_of(files, {"site.name=\"a\\u0000b\""}),
              HasSubstr("site.name: must not contain control characters (U+0000)"));
  EXPECT_THAT(error_of(files, {"site.name=\"a\\tb\""}), HasSubstr("control characters"));
  EXPECT_EQ(load_scenario("/site/s.toml", {"site.name=\"Golmud 格尔木\""}, files).name,
            "Golmud 格尔木");
}

// Refused paths are blamed on the override that named them, with its key.
TEST(ScenarioFilesTest, ARefusalNamesTheKeyAndThePathAsGiven) {
  const MemoryFiles memory = make_files();
  const RestrictedFiles files(memory, {"/site", "/data"});
  EXPECT_THAT(error_of(files, {"grid.carbon_intensity_file=../secret/x.epw"}),
              HasSubstr("grid.carbon_intensity_file: file \"../secret/x.epw\" is outside the "
                        "allowed folders"));
}

}  // namespace
}  // namespace shapan::io
