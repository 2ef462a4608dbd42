// The optimiser's jobs and the sweep folders on the HTTP API (plan_routes.h).
#include "plan_routes.h"

#include <fmt/format.h>
#include <httplib.h>

#include <algorithm>
#include <map>
#include <regex>
#include <utility>
#include <vector>

#include "shapan/server/requests.h"

namespace shapan::server {
namespace {

using Json = nlohmann::ordered_json;

void send_json(httplib::Response& res, int status, const Json& j) {
  res.status = status;
  res.set_content(j.dump(), "application/json; charset=utf-8");
}

std::string read_body(const httplib::ContentReader& reader, std::size_t max_bytes) {
  std::string body;
  reader([&](const char* data, std::size_t n) {
    body.append(data, n);
    return body.size() <= max_bytes;
  });
  if (body.size() > max_bytes) {
    throw RequestError(413, fmt::format("the request body is larger than {} bytes", max_bytes));
  }
  return body;
}

// A front.json's headline for the list.
Json summary_of(const std::string& text) {
  const Json f = Json::parse(text, nullptr, false);
  if (f.is_discarded() || !f.is_object())
    return Json{{"ok", false}, {"error", "front.json is not JSON"}};
  return Json{{"ok", true},
              {"base", f.value("base", std::string())},
              {"axes", f.value("axes", Json::array())},
              {"objectives", f.value("objectives", Json::array())},
              {"points", f.contains("front") ? f["front"].size() : 0}};
}

}  // namespace

std::string plan_routes_allow(const std::string& path) {
  static const std::vector<std::pair<std::regex, const char*>> kRoutes = {
      {std::regex("/api/optimize"), "GET, POST"},
      {std::regex("/api/optimize/[^/]+"), "GET"},
      {std::regex("/api/optimize/[^/]+/cancel"), "POST"},
      {std::regex("/api/sweeps"), "GET"},
      {std::regex("/api/sweeps/[^/]+"), "GET"},
  };
  for (const auto& [pattern, allow] : kRoutes) {
    if (std::regex_match(path, pattern)) return allow;
  }
  return "";
}

SweepFolders::SweepFolders(const std::vector<std::filesystem::path>& folders)
    : files_(local_files(), folders) {
  std::map<std::string, int> seen;
  for (const std::filesystem::path& f : folders) {
    std::filesystem::path p = f.lexically_normal();
    if (!p.has_filename()) p = p.parent_path();
    std::string name = p.filename().string();
    if (name.empty() || name == "." || name == "..") name = "sweep";
    const int n = ++seen[name];
    folders_.emplace_back(n == 1 ? name : fmt::format("{}-{}", name, n), f);
  }
}

Json SweepFolders::list() const {
  Json out = Json::array();
  for (const auto& [name, folder] : folders_) {
    Json j{{"name", name}};
    try {
      j.update(summary_of(files_.read(folder / "front.json")));
    } catch (const std::exception&) {
      j["ok"] = false;
      j["error"] =
          "no front.json yet: the sweep is still running, or was made by an older shapan "
          "(run it again: it resumes and writes front.json)";
    }
    out.push_back(j);
  }
  return out;
}

std::string SweepFolders::front(const std::string& name) const {
  const auto it = std::find_if(folders_.begin(), folders_.end(),
                               [&](const auto& f) { return f.first == name; });
  if (it == folders_.end()) {
    throw RequestError(404, fmt::format("unknown sweep \"{}\": see /api/sweeps (folders given to "
                                        "shapan serve --sweeps)",
                                        name.substr(0, 80)));
  }
  if (files_.kind(it->second / "front.json") != FileKind::kRegular) {
    throw RequestError(409, fmt::format("sweep \"{}\" has no front.json yet: the sweep is still "
                                        "running, or was made by an older shapan (run it again: "
                                        "it resumes and writes front.json)",
                                        name));
  }
  return files_.read(it->second / "front.json");
}

void add_plan_routes(GuardedHttpServer& http, OptimizeJobs& jobs, const SweepFolders& sweeps,
                     std::size_t max_body_bytes) {
  http.Post("/api/optimize",
            [&jobs, max_body_bytes](const httplib::Request&, httplib::Response& res,
                                    const httplib::ContentReader& reader) {
              const OptimizeRequest r = parse_optimize_request(read_body(reader, max_body_bytes));
              const std::int64_t id = jobs.submit(r);
              res.set_header("Location", fmt::format("/api/optimize/{}", id));
              send_json(res, 202, Json{{"id", id}, {"status", "queued"}});
            });
  http.Get("/api/optimize", [&jobs](const httplib::Request&, httplib::Response& res) {
    send_json(res, 200, jobs.list());
  });
  http.Get(
      R"(/api/optimize/([^/]+))", [&jobs](const httplib::Request& req, httplib::Response& res) {
        const std::int64_t id = parse_run_id(req.matches[1]);
        std::size_t wait_ms = 0;
        if (req.has_param("wait_ms")) {
          wait_ms = std::min<std::size_t>(
              parse_query_count("wait_ms", req.get_param_value("wait_ms"), "milliseconds"), 30000);
        }
        send_json(res, 200, jobs.get(id, static_cast<long>(wait_ms)));
      });
  http.Post(R"(/api/optimize/([^/]+)/cancel)",
            [&jobs, max_body_bytes](const httplib::Request& req, httplib::Response& res,
                                    const httplib::ContentReader& reader) {
              read_body(reader, max_body_bytes);  // ignored (a POST carries one)
              send_json(res, 200, jobs.cancel(parse_run_id(req.matches[1])));
            });
  http.Get("/api/sweeps", [&sweeps](const httplib::Request&, httplib::Response& res) {
    send_json(res, 200, sweeps.list());
  });
  http.Get(R"(/api/sweeps/([^/]+))",
           [&sweeps](const httplib::Request& req, httplib::Response& res) {
             res.set_content(sweeps.front(req.matches[1]), "application/json; charset=utf-8");
           });
}

}  // namespace shapan::server
