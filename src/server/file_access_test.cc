// Which files a client of the server can make it open (issue 17 item 1).
//
// `shapan serve` may read only its scenarios folder and its data folder.
// Every shape in which a request can name a file is tried here — a key, an
// inline table, an array of tables, a whole-table replacement, "..", a
// symlink inside an allowed folder pointing out of it, percent-encoded
// names, absolute paths — against a "secret" file outside both folders. Each
// must be refused before the file is opened: the answer is a 400 naming the
// path as given and the allowed folders, and never holds a byte of the file.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "shapan/server/http_server.h"
#include "test_server.h"

namespace shapan::server {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::Not;

// A marker that appears in the secret file only: finding it in an answer
// means the server read the file and echoed it.
constexpr const char* kSecret = "SECRET-0b7e1c";

// tmp/<unique>/ with:
//   scenarios/s.toml      [weather] file = "../data/w.epw"
//   scenarios/link.epw -> ../outside/secret.epw   (a symlink leaving the folders)
//   data/w.epw -> the shipped Xinghai EPW (absolute: the copy is the test's data)
//   scenarios/evil.toml -> ../outside/secret.epw  (a "scenario" that is a symlink out)
//   data/escape -> outside/                      (a folder symlink out of data/)
//   outside/secret.epw    the file nobody may read through the server
class Tree {
 public:
  Tree() {
    root_ = fs::temp_directory_path() / ("shapan_file_access_" + std::to_string(::getpid()));
    fs::remove_all(root_);
    fs::create_directories(root_ / "scenarios");
    fs::create_directories(root_ / "data");
    fs::create_directories(root_ / "outside");
    fs::copy_file("data/weather/CHN_Qinghai.Xinghai.529430_CSWD.epw", root_ / "data" / "w.epw");
    std::ofstream(root_ / "outside" / "secret.epw") << kSecret << ",LOCATION,1,2,3\n"
                                                    << kSecret << ",second line\n";
    std::ofstream(root_ / "scenarios" / "s.toml") << "[weather]\nfile = \"../data/w.epw\"\n";
    std::ofstream(root_ / "scenarios" / "via_link.toml") << "[weather]\nfile = \"link.epw\"\n";
    fs::create_symlink("../outside/secret.epw", root_ / "scenarios" / "link.epw");
    fs::create_symlink(root_ / "outside", root_ / "data" / "escape");
    fs::create_symlink("../outside/secret.epw", root_ / "scenarios" / "evil.toml");
  }
  ~Tree() {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
  const fs::path& root() const { return root_; }
  fs::path secret() const { return root_ / "outside" / "secret.epw"; }

 private:
  fs::path root_;
};

// POSTs a run with `overrides` (a JSON list of "key=value" strings) and
// returns the answer's status and body.
std::pair<int, std::string> post(RunningServer& s, const std::string& scenario,
                                 const Json& overrides) {
  const Json body{{"scenario", scenario}, {"overrides", overrides}};
  auto res = s.client().Post("/api/runs", body.dump(), "application/json");
  if (!res) return {0, ""};
  return {res->status, res->body};
}

void expect_refused(const std::pair<int, std::string>& answer, const std::string& named) {
  EXPECT_EQ(answer.first, 400) << answer.second;
  EXPECT_THAT(answer.second, HasSubstr(named));
  EXPECT_THAT(answer.second, HasSubstr("is outside the allowed folders"));
  EXPECT_THAT(answer.second, Not(HasSubstr(kSecret)));
  EXPECT_THAT(answer.second, Not(HasSubstr("root:")));
}

ServerOptions tree_options(const Tree& t) {
  ServerOptions o;
  o.scenarios_dir = t.root() / "scenarios";
  return o;
}

TEST(FileAccessTest, WholeTableReplacementCannotReachOutside) {
  Tree t;
  RunningServer s(tree_options(t));
  const std::string secret = t.secret().string();
  expect_refused(post(s, "s", {"weather={file=\"" + secret + "\",format=\"epw\"}"}), secret);
  expect_refused(post(s, "s", {"weather={file=\"/etc/passwd\",format=\"epw\"}"}), "/etc/passwd");
  expect_refused(post(s, "s", {"weather={file=\"/etc/passwd\"}"}), "/etc/passwd");
}

TEST(FileAccessTest, InlineTablesAndArraysOfTablesCannotReachOutside) {
  Tree t;
  RunningServer s(tree_options(t));
  const std::string secret = t.secret().string();
  expect_refused(post(s, "s", {"grid={carbon_intensity_file=\"" + secret + "\"}"}), secret);
  expect_refused(post(s, "s",
                      {"wind=[{turbine_file=\"" + secret +
                       "\",count=1,hub_height_m=100,capex_cny_per_kw=1}]"}),
                 secret);
  expect_refused(post(s, "s", {"datacenter={it_capacity_kw=1000,it_load_file=\"" + secret + "\"}"}),
                 secret);
  expect_refused(post(s, "s", {"hydro={inflow_file=\"" + secret + "\"}"}), secret);
  expect_refused(post(s, "s", {"workload={source=\"trace\",trace_file=\"" + secret + "\"}"}),
                 secret);
}

TEST(FileAccessTest, KeysWithAbsoluteAndDotDotPathsCannotReachOutside) {
  Tree t;
  RunningServer s(tree_options(t));
  const std::string secret = t.secret().string();
  expect_refused(post(s, "s", {"weather.file=" + secret}), secret);
  expect_refused(post(s, "s", {"weather.file=../outside/secret.epw"}), "../outside/secret.epw");
  expect_refused(post(s, "s", {"weather.file=../data/../outside/secret.epw"}),
                 "../data/../outside/secret.epw");
  expect_refused(post(s, "s", {"grid.carbon_intensity_file=../../../../../../etc/passwd"}),
                 "../../../../../../etc/passwd");
}

TEST(FileAccessTest, SymlinksOutOfTheAllowedFoldersAreRefused) {
  Tree t;
  RunningServer s(tree_options(t));
  // A scenario of the folder itself names a symlink that leaves it.
  expect_refused(post(s, "via_link", Json::array()), "link.epw");
  // A scenario file that is itself a symlink out: not run, not shown.
  expect_refused(post(s, "evil", Json::array()), "evil.toml");
  auto res = s.client().Get("/api/scenarios/evil");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400) << res->body;
  EXPECT_THAT(res->body, Not(HasSubstr(kSecret)));
  res = s.client().Get("/api/scenarios");
  ASSERT_TRUE(res);
  EXPECT_THAT(res->body, Not(HasSubstr(kSecret)));
  // A folder symlink inside data/ that leads out of it.
  expect_refused(post(s, "s", {"weather.file=../data/escape/secret.epw"}),
                 "../data/escape/secret.epw");
}

TEST(FileAccessTest, PercentEncodedNamesAreNamesNotEscapes) {
  Tree t;
  RunningServer s(tree_options(t));
  // In a JSON body, %2e%2e is three characters of a file name, not "..": the
  // file does not exist inside the folders, so it is "not found", unread.
  const auto [status, body] = post(s, "s", {"weather.file=%2e%2e%2foutside%2fsecret.epw"});
  EXPECT_EQ(status, 400) << body;
  EXPECT_THAT(body, HasSubstr("not found"));
  EXPECT_THAT(body, Not(HasSubstr(kSecret)));
  // In a URL, the server decodes once; a scenario name can never become a path.
  for (const std::string target : {"/api/scenarios/..%2f..%2foutside%2fsecret",
                                   "/api/scenarios/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
                                   "/api/scenarios/..", "/api/scenarios/%2e%2e"}) {
    const std::string answer = raw_get(s.port(), target);
    EXPECT_THAT(answer, Not(HasSubstr(kSecret))) << target;
    EXPECT_THAT(answer, Not(HasSubstr("root:"))) << target;
    EXPECT_THAT(answer, Not(HasSubstr("HTTP/1.1 200"))) << target;
  }
}

TEST(FileAccessTest, StaticFilesStayInsideTheWebFolder) {
  Tree t;
  fs::create_directories(t.root() / "web");
  std::ofstream(t.root() / "web" / "index.html") << "<!doctype html><title>t</title>";
  ServerOptions o = tree_options(t);
  o.web_dir = t.root() / "web";
  RunningServer s(o);
  EXPECT_THAT(raw_get(s.port(), "/index.html"), HasSubstr("HTTP/1.1 200"));
  for (const std::string target :
       {"/../outside/secret.epw", "/..%2foutside%2fsecret.epw", "/%2e%2e/outside/secret.epw",
        "/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd"}) {
    const std::string answer = raw_get(s.port(), target);
    EXPECT_THAT(answer, Not(HasSubstr(kSecret))) << target;
    EXPECT_THAT(answer, Not(HasSubstr("root:"))) << target;
  }
}

TEST(FileAccessTest, TheDataFolderIsReadable) {
  Tree t;
  RunningServer s(tree_options(t));
  // The default data folder is the scenarios folder's sibling data/.
  auto [status, body] = post(s, "s", {"weather.file=../data/w.epw", "simulation.years=1"});
  EXPECT_EQ(status, 202) << body;
  // --data elsewhere: the sibling is no longer readable, the given folder is.
  ServerOptions o = tree_options(t);
  o.data_dir = t.root() / "outside";
  RunningServer other(o);
  expect_refused(post(other, "s", Json::array()), "../data/w.epw");
  // The examples' own layout: examples/ reads ../data/.
  RunningServer examples({});
  std::tie(status, body) =
      post(examples, "qinghai_base",
           {"weather.file=../data/weather/CHN_Qinghai.Xinghai.529430_CSWD.epw"});
  EXPECT_EQ(status, 202) << body;
}

TEST(FileAccessTest, AGivenDataFolderMustExist) {
  Tree t;
  ServerOptions o = tree_options(t);
  o.data_dir = t.root() / "no_such_folder";
  o.store_file = ":memory:";
  try {
    Server s(o);
    FAIL() << "a missing --data folder was accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_THAT(e.what(), HasSubstr("no_such_folder: the data folder (--data) is not a folder"));
  }
}

// A folder given as a file says so (issue 17: it used to be "not found").
TEST(FileAccessTest, AFolderGivenAsAFileSaysSo) {
  Tree t;
  RunningServer s(tree_options(t));
  const auto [status, body] = post(s, "s", {"weather.file=../data"});
  EXPECT_EQ(status, 400) << body;
  EXPECT_THAT(body, HasSubstr("is a folder, not a file"));
}

}  // namespace
}  // namespace shapan::server
