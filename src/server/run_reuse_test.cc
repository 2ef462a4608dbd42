// Issue 17 item 2: identical run requests reuse the stored run (200 with
// its id) instead of running again; a changed data file, other overrides or
// another scenario run anew; the store keeps a bounded number of runs,
// evicting the least recently read first.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "test_server.h"

namespace shapan::server {
namespace {

namespace fs = std::filesystem;

// A copy of examples/qinghai_base.toml and the data files it names, laid out
// as in the source tree (scenario in examples/, data in data/), in a fresh
// folder named after the test, removed at the end.
class ScenarioCopy {
 public:
  ScenarioCopy()
      : root_(fs::temp_directory_path() /
              ("shapan_run_reuse_" + std::to_string(::getpid()) + "_" +
               ::testing::UnitTest::GetInstance()->current_test_info()->name())) {
    fs::remove_all(root_);
    fs::create_directories(root_ / "examples");
    fs::copy_file("examples/qinghai_base.toml", root_ / "examples/qinghai_base.toml");
    for (const char* file :
         {"weather/CHN_Qinghai.Xinghai.529430_CSWD.epw",
          "hydro/yellow_river_tangnaihai_guide_monthly_1957_2018.csv",
          "workload/greendcc_Alibaba_CPU_Data_Hourly_1.csv", "workload/openb_pod_list_default.csv",
          "workload/openb_node_list_gpu_node.csv", "workload/gpu_models.csv"}) {
      fs::create_directories((root_ / "data" / file).parent_path());
      fs::copy_file(fs::path("data") / file, root_ / "data" / file);
    }
  }
  ~ScenarioCopy() { fs::remove_all(root_); }
  ScenarioCopy(const ScenarioCopy&) = delete;
  ScenarioCopy& operator=(const ScenarioCopy&) = delete;

  fs::path scenarios() const { return root_ / "examples"; }
  fs::path data(const char* file) const { return root_ / "data" / file; }

 private:
  fs::path root_;
};

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_text(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
}

constexpr const char* kBase = R"({"scenario":"qinghai_base"})";
constexpr const char* kMorePv =
    R"({"scenario":"qinghai_base","overrides":{"pv.0.dc_capacity_kw":250000}})";

std::int64_t id_of(const Json& answer) { return answer.value("id", std::int64_t{-1}); }

int get_status(RunningServer& s, std::int64_t id) {
  auto res = s.client().Get(("/api/runs/" + std::to_string(id)).c_str());
  return res ? res->status : 0;
}

std::size_t stored_runs(RunningServer& s) {
  auto res = s.client().Get("/api/runs?limit=500");
  return res ? Json::parse(res->body).size() : 0;
}

// The same request twice: the second is answered 200 with the first run's
// id, and nothing new is stored or run. The same bytes give the same key,
// whatever the request's JSON spelling.
TEST(RunReuseTest, IdenticalRequestReusesTheStoredRun) {
  ScenarioCopy copy;
  RunningServer s({.scenarios_dir = copy.scenarios()});
  const Json first = s.post_run(kBase, 202);
  EXPECT_EQ(first["reused"], false);
  ASSERT_EQ(s.wait_run(id_of(first))["status"], "done");
  const Json again = s.post_run(R"({ "overrides": {}, "scenario": "qinghai_base" })", 200);
  EXPECT_EQ(id_of(again), id_of(first));
  EXPECT_EQ(again["status"], "done");
  EXPECT_EQ(again["reused"], true);
  EXPECT_EQ(stored_runs(s), 1u);
  // Other overrides are another run.
  const Json other = s.post_run(kMorePv, 202);
  EXPECT_NE(id_of(other), id_of(first));
  EXPECT_EQ(other["reused"], false);
  // While it is queued or running, the same request gets it too (202; 200
  // if it has finished meanwhile).
  auto res = s.client().Post("/api/runs", kMorePv, "application/json");
  ASSERT_TRUE(res);
  EXPECT_TRUE(res->status == 202 || res->status == 200) << res->status;
  const Json while_running = Json::parse(res->body);
  EXPECT_EQ(id_of(while_running), id_of(other));
  EXPECT_EQ(while_running["reused"], true);
  EXPECT_EQ(s.wait_run(id_of(other))["status"], "done");
  EXPECT_EQ(stored_runs(s), 2u);
}

// A data file the scenario names changes between two identical requests:
// the second runs again (and its result differs); back to the old bytes,
// the first run is found again.
TEST(RunReuseTest, ChangedDataFileIsNotReused) {
  ScenarioCopy copy;
  RunningServer s({.scenarios_dir = copy.scenarios()});
  const Json first = s.post_run(kBase, 202);
  const Json done = s.wait_run(id_of(first));
  ASSERT_EQ(done["status"], "done") << done.dump();

  const fs::path load = copy.data("workload/greendcc_Alibaba_CPU_Data_Hourly_1.csv");
  const std::string original = read_text(load);
  const std::string line = "\n1,0.3809444444444444\n";
  const std::size_t at = original.find(line);
  ASSERT_NE(at, std::string::npos);
  std::string changed = original;
  changed.replace(at, line.size(), "\n1,0.9809444444444444\n");
  write_text(load, changed);

  const Json second = s.post_run(kBase, 202);
  EXPECT_NE(id_of(second), id_of(first));
  EXPECT_EQ(second["reused"], false);
  const Json redone = s.wait_run(id_of(second));
  ASSERT_EQ(redone["status"], "done") << redone.dump();
  EXPECT_NE(redone["summary"].dump(), done["summary"].dump());

  write_text(load, original);
  const Json third = s.post_run(kBase, 200);
  EXPECT_EQ(id_of(third), id_of(first));
}

// The scenario file itself is one of the files: editing it runs anew.
TEST(RunReuseTest, ChangedScenarioFileIsNotReused) {
  ScenarioCopy copy;
  RunningServer s({.scenarios_dir = copy.scenarios()});
  const Json first = s.post_run(kBase, 202);
  ASSERT_EQ(s.wait_run(id_of(first))["status"], "done");
  const fs::path scenario = copy.scenarios() / "qinghai_base.toml";
  write_text(scenario, read_text(scenario) + "\n# an edit that changes no number\n");
  const Json second = s.post_run(kBase, 202);
  EXPECT_NE(id_of(second), id_of(first));
  EXPECT_EQ(s.wait_run(id_of(second))["status"], "done");
}

// With room for two runs: A and B stored, A read, C stored -> B (the least
// recently read) is deleted, A kept. Asking for B again runs it anew.
TEST(RunReuseTest, EvictsTheLeastRecentlyReadRun) {
  RunningServer s({.max_stored_runs = 2});
  const std::int64_t a = id_of(s.post_run(kBase, 202));
  ASSERT_EQ(s.wait_run(a)["status"], "done");
  const std::int64_t b = id_of(s.post_run(kMorePv, 202));
  ASSERT_EQ(s.wait_run(b)["status"], "done");
  EXPECT_EQ(get_status(s, a), 200);  // A is now read after B
  const std::int64_t c = id_of(
      s.post_run(R"({"scenario":"qinghai_base","overrides":{"pv.0.dc_capacity_kw":300000}})", 202));
  EXPECT_EQ(get_status(s, b), 404);
  EXPECT_EQ(get_status(s, a), 200);
  ASSERT_EQ(s.wait_run(c)["status"], "done");
  EXPECT_EQ(stored_runs(s), 2u);
  // Reading a series counts as reading: read C's, so A is the oldest read.
  auto res = s.client().Get(("/api/runs/" + std::to_string(c) + "/series?from=0&to=2").c_str());
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  const Json b_again = s.post_run(kMorePv, 202);
  EXPECT_EQ(b_again["reused"], false);
  EXPECT_EQ(get_status(s, a), 404);
  EXPECT_EQ(get_status(s, c), 200);
  EXPECT_EQ(s.wait_run(id_of(b_again))["status"], "done");
}

}  // namespace
}  // namespace shapan::server
