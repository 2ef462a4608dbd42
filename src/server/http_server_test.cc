// The API over real HTTP on loopback: a Server on a free port, a client,
// and every kind of bad request (issue 5: each a 4xx with a clear message,
// and the server keeps serving).
#include "shapan/server/http_server.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <array>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "test_server.h"

namespace shapan::server {
namespace {

using ::testing::HasSubstr;
using Json = nlohmann::json;

void expect_error(const httplib::Result& res, int status, const std::string& part) {
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, status) << res->body;
  const Json j = Json::parse(res->body, nullptr, false);
  ASSERT_TRUE(j.is_object()) << res->body;
  EXPECT_THAT(j.value("error", ""), HasSubstr(part));
}

TEST(HttpServerTest, ListsAndReadsScenarios) {
  ServerOptions options;
  options.web_dir = "/nonexistent";
  RunningServer s(options);
  auto res = s.client().Get("/api/scenarios");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_THAT(res->body, HasSubstr("\"qinghai_base\""));
  res = s.client().Get("/api/scenarios/qinghai_base");
  ASSERT_TRUE(res);
  const Json j = Json::parse(res->body);
  EXPECT_EQ(j["config"]["pv"][0]["dc_capacity_kw"], 200000.0);
  EXPECT_THAT(j["text"].get<std::string>(), HasSubstr("[[pv]]"));
  expect_error(s.client().Get("/api/scenarios/nope"), 404, "unknown scenario \"nope\"");
  // Issue 18 (the trial): the Golmud example was listed by its file name.
  res = s.client().Get("/api/scenarios");
  ASSERT_TRUE(res);
  int golmud = 0;
  for (const auto& entry : Json::parse(res->body)) {
    if (entry["name"] != "golmud_solar_wind_storage") continue;
    ++golmud;
    EXPECT_EQ(entry["title"], "Golmud solar + wind + storage base (Qinghai)");
  }
  EXPECT_EQ(golmud, 1);
  res = s.client().Get("/");
  ASSERT_TRUE(res);
  EXPECT_THAT(res->body, HasSubstr("--web /nonexistent: no index.html there"));
}

// Issue 18: the front end compiled into the binary is served at / with its
// content types, from any working folder; without one (-DSHAPAN_WITH_WEB=OFF)
// / says that the binary serves the API only.
TEST(HttpServerTest, ServesTheEmbeddedFrontEnd) {
  static constexpr std::array<WebFile, 2> kFiles = {{
      {"/index.html", "text/html; charset=utf-8", "<!doctype html><title>embedded</title>"},
      {"/app.js", "text/javascript; charset=utf-8", "console.log(1)"},
  }};
  ServerOptions o;
  o.embedded_web = kFiles;
  RunningServer s(o);
  for (const char* path : {"/", "/index.html"}) {
    auto res = s.client().Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 200) << path;
    EXPECT_EQ(res->body, "<!doctype html><title>embedded</title>") << path;
    EXPECT_EQ(res->get_header_value("Content-Type"), "text/html; charset=utf-8") << path;
  }
  auto res = s.client().Get("/app.js");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->body, "console.log(1)");
  EXPECT_EQ(res->get_header_value("Content-Type"), "text/javascript; charset=utf-8");
  expect_error(s.client().Get("/nope.js"), 404, "no such path: /nope.js");
  // A file's path is matched as it is, not as a pattern ("." is a dot).
  expect_error(s.client().Get("/appXjs"), 404, "no such path: /appXjs");
}

TEST(HttpServerTest, ApiOnlyBuildSaysSoAtTheRoot) {
  RunningServer s({});
  auto res = s.client().Get("/");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_THAT(res->body, HasSubstr("built without the web sandbox's front end"));
  EXPECT_THAT(res->body, HasSubstr("-DSHAPAN_WITH_WEB=OFF"));
  res = s.client().Get("/api/health");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
}

// A run of the default scenario: summary, a window of its series, and the
// comparison with a run that has twice the PV.
TEST(HttpServerTest, RunsSeriesAndCompare) {
  RunningServer s({});
  const auto a = s.post_run(R"({"scenario":"qinghai_base"})")["id"].get<std::int64_t>();
  const auto b =
      s.post_run(R"({"scenario":"qinghai_base","overrides":{"pv.0.dc_capacity_kw":400000}})")["id"]
          .get<std::int64_t>();
  const Json ra = s.wait_run(a);
  const Json rb = s.wait_run(b);
  ASSERT_EQ(ra["status"], "done") << ra.dump();
  ASSERT_EQ(rb["status"], "done") << rb.dump();
  EXPECT_EQ(ra["facts"]["steps"], 8760);
  EXPECT_GT(rb["summary"]["energy_kwh"]["pv"].get<double>(),
            1.9 * ra["summary"]["energy_kwh"]["pv"].get<double>());

  auto res = s.client().Get(("/api/runs/" + std::to_string(a) + "/series?from=24&to=48").c_str());
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const Json series = Json::parse(res->body);
  EXPECT_EQ(series["columns"]["pv_kw"].size(), 24u);
  EXPECT_EQ(series["start_unix_s"].get<std::int64_t>(),
            ra["facts"]["start_unix_s"].get<std::int64_t>() + std::int64_t{24} * 3600);
  expect_error(s.client().Get(("/api/runs/" + std::to_string(a) + "/series?from=x").c_str()), 400,
               "from=x: expected a step index");

  res = s.client().Get(("/api/compare?a=" + std::to_string(a) + "&b=" + std::to_string(b)).c_str());
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  const Json cmp = Json::parse(res->body);
  EXPECT_GT(cmp["delta"]["energy_kwh"]["pv"].get<double>(), 0.0);
  EXPECT_LT(cmp["delta"]["energy_kwh"]["grid_import"].get<double>(), 0.0);

  res = s.client().Get("/api/runs?limit=5");
  ASSERT_TRUE(res);
  EXPECT_EQ(Json::parse(res->body).size(), 2u);
}

TEST(HttpServerTest, BadRequestsAre4xxAndTheServerKeepsServing) {
  RunningServer s({});
  httplib::Client& c = s.client();
  expect_error(c.Post("/api/runs", "{\"scenario\": ", "application/json"), 400, "not valid JSON");
  expect_error(c.Post("/api/runs", R"({"scenario":"missing_one"})", "application/json"), 404,
               "unknown scenario \"missing_one\"");
  expect_error(c.Get("/api/runs/999999"), 404, "unknown run 999999");
  expect_error(c.Get("/api/runs/abc"), 404, "unknown run \"abc\"");
  expect_error(c.Get("/api/runs/999999/series"), 404, "unknown run 999999");
  expect_error(c.Get("/api/compare?a=1"), 400, "compare needs two runs");
  expect_error(c.Get("/api/nothing-here"), 404, "no such path");

  // Out of range: a scenario check, reported with the field.
  auto res =
      c.Post("/api/runs", R"({"scenario":"qinghai_base","overrides":{"pv.0.dc_capacity_kw":-5}})",
             "application/json");
  expect_error(res, 400, "pv.0.dc_capacity_kw");
  EXPECT_EQ(Json::parse(res->body)["field"], "pv.0.dc_capacity_kw");
  expect_error(c.Post("/api/runs",
                      R"({"scenario":"qinghai_base","overrides":{"battery.0.soc_min_frac":1.5}})",
                      "application/json"),
               400, "battery.0.soc_min_frac");
  expect_error(c.Post("/api/runs", R"({"scenario":"qinghai_base","overrides":{"nope.key":1}})",
                      "application/json"),
               400, "nope");
  // Too long a run for this server.
  expect_error(
      c.Post("/api/runs", R"({"scenario":"qinghai_base","overrides":{"simulation.years":50}})",
             "application/json"),
      400, "this server runs at most");

  // Paths outside the scenarios and data folders (file_access_test.cc tries every shape).
  expect_error(
      c.Post("/api/runs",
             R"({"scenario":"qinghai_base","overrides":{"weather.file":"../../../etc/passwd"}})",
             "application/json"),
      400, "is outside the allowed folders");

  // Oversized body.
  std::string big =
      R"({"scenario":"qinghai_base","pad":")" + std::string(std::size_t{100} * 1024, 'x') + "\"}";
  expect_error(c.Post("/api/runs", big, "application/json"), 413, "larger than");

  res = c.Get("/api/health");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_THAT(res->body, HasSubstr("\"ok\":true"));
}

// One worker and one queue slot: while a run occupies the worker and
// another waits, further runs are refused with 429. The runs are posted at
// once from several clients, so that their scenarios load side by side and
// reach the queue together (a run takes about as long as its load, so posts
// one after another could each find the worker free again).
TEST(HttpServerTest, FullQueueAnswers429) {
  RunningServer s({.workers = 1, .queue_limit = 1});
  const std::string body = R"({"scenario":"qinghai_base","overrides":{"simulation.years":4}})";
  constexpr int kPosts = 6;
  std::vector<int> status(kPosts, 0);
  std::vector<std::string> answers(kPosts);
  std::vector<std::thread> posters;
  posters.reserve(kPosts);
  for (int i = 0; i < kPosts; ++i) {
    posters.emplace_back([&, i] {
      httplib::Client client("127.0.0.1", s.port());
      client.set_read_timeout(60, 0);
      if (auto res = client.Post("/api/runs", body, "application/json")) {
        status[i] = res->status;
        answers[i] = res->body;
      }
    });
  }
  for (std::thread& t : posters) t.join();
  int accepted = 0;
  int refused = 0;
  for (int i = 0; i < kPosts; ++i) {
    if (status[i] == 202) ++accepted;
    if (status[i] == 429) {
      ++refused;
      EXPECT_THAT(answers[i], HasSubstr("run queue is full"));
    }
  }
  EXPECT_EQ(accepted + refused, kPosts);
  EXPECT_GE(accepted, 1);
  EXPECT_GE(refused, 1);
}

// A run finished by one server is there for the next one on the same file.
TEST(HttpServerTest, RunsSurviveARestart) {
  const auto file = std::filesystem::temp_directory_path() /
                    ("shapan_http_restart_test_" + std::to_string(::getpid()) + ".db");
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(file.string() + suffix);
  std::int64_t id = 0;
  {
    RunningServer s({.store_file = file});
    id = s.post_run(R"({"scenario":"qinghai_base"})")["id"].get<std::int64_t>();
    ASSERT_EQ(s.wait_run(id)["status"], "done");
  }
  {
    RunningServer s({.store_file = file});
    const Json r = s.wait_run(id);
    EXPECT_EQ(r["status"], "done");
    EXPECT_GT(r["summary"]["green_share"].get<double>(), 0.0);
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(file.string() + suffix);
}

}  // namespace
}  // namespace shapan::server
