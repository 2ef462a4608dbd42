// The bad-input catalogue: each tests/bad_input/<case>.toml is a malformed
// scenario; <case>.expected lists, one per line, the exact messages the
// loader must give (file:line:column: field: message). `# set: a.b=v` lines
// in the scenario add command-line overrides. Regenerate the expectations
// with SHAPAN_UPDATE_GOLDEN=1 and review every changed line.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "shapan/core/error.h"
#include "shapan/io/scenario.h"

namespace shapan {
namespace {

namespace fs = std::filesystem;
const fs::path kDir = "tests/bad_input";

std::vector<std::string> lines_of(const fs::path& path) {
  std::ifstream in(path);
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

std::vector<std::string> overrides_in(const fs::path& scenario) {
  std::vector<std::string> out;
  for (const std::string& line : lines_of(scenario)) {
    if (line.rfind("# set: ", 0) == 0) out.push_back(line.substr(7));
  }
  return out;
}

std::vector<std::string> messages_for(const fs::path& scenario) {
  try {
    (void)io::load_scenario(scenario, overrides_in(scenario));
  } catch (const InputError& e) {
    std::vector<std::string> out;
    for (const auto& issue : e.issues()) out.push_back(issue.to_string());
    return out;
  }
  return {};
}

std::vector<fs::path> cases() {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(kDir)) {
    if (entry.path().extension() == ".toml") out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

class BadInputTest : public ::testing::TestWithParam<fs::path> {};

TEST_P(BadInputTest, GivesTheExactLocatedMessages) {
  const fs::path scenario = GetParam();
  fs::path expected_path = scenario;
  expected_path.replace_extension(".expected");
  const std::vector<std::string> got = messages_for(scenario);
  ASSERT_FALSE(got.empty()) << scenario << " was accepted";
  if (std::getenv("SHAPAN_UPDATE_GOLDEN") != nullptr) {
    std::ofstream out(expected_path);
    for (const auto& m : got) out << m << '\n';
  }
  ASSERT_TRUE(fs::exists(expected_path)) << "no " << expected_path;
  EXPECT_EQ(got, lines_of(expected_path)) << scenario;
}

std::string case_name(const ::testing::TestParamInfo<fs::path>& info) {
  return info.param.stem().string();
}

INSTANTIATE_TEST_SUITE_P(Catalogue, BadInputTest, ::testing::ValuesIn(cases()), case_name);

TEST(BadInputCatalogueTest, HasAtLeast25Cases) { EXPECT_GE(cases().size(), 25u); }

TEST(BadInputCatalogueTest, MissingScenarioFileIsNamed) {
  EXPECT_EQ(messages_for("tests/bad_input/does_not_exist.toml"),
            std::vector<std::string>{
                "tests/bad_input/does_not_exist.toml: cannot open the scenario file (does it "
                "exist?)"});
}

}  // namespace
}  // namespace shapan
