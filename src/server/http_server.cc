#include "shapan/server/http_server.h"

#include <fmt/format.h>
#include <httplib.h>
#include <toml++/toml.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <iterator>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <sstream>
#include <string_view>
#include <utility>

#include "connections.h"
#include "content_hash.h"
#include "plan_routes.h"
#include "shapan/core/error.h"
#include "shapan/core/files.h"
#include "shapan/io/scenario.h"
#include "shapan/optimize/scenario_input.h"
#include "shapan/server/requests.h"
#include "shapan/server/runner.h"
#include "shapan/server/store.h"

namespace shapan::server {
namespace {

using Json = nlohmann::ordered_json;

// "; charset=utf-8" also keeps httplib from gzipping responses (it compresses
// only the bare "application/json"): on loopback, compressing a year of
// series costs more time (about 0.4 s) than sending it plain.
void send_json(httplib::Response& res, int status, const Json& j) {
  res.status = status;
  res.set_content(j.dump(), "application/json; charset=utf-8");
}

void send_error(httplib::Response& res, int status, const std::string& message) {
  send_json(res, status, Json{{"error", message}});
}

// 400 with the first issue's place, and every issue's text.
void send_input_error(httplib::Response& res, const InputError& e) {
  Json j;
  j["error"] = e.what();
  if (!e.issues().empty()) {
    j["source"] = e.issues().front().source;
    j["line"] = e.issues().front().line;
    j["field"] = e.issues().front().field;
  }
  Json issues = Json::array();
  for (const auto& i : e.issues()) issues.push_back(i.to_string());
  j["issues"] = issues;
  send_json(res, 400, j);
}

// A whole number >= 0 from the query; `what` says what it counts ("a step
// index", "a number of runs") in the message for anything else.
std::size_t parse_count(const httplib::Request& req, const char* name, std::size_t fallback,
                        std::string_view what) {
  if (!req.has_param(name)) return fallback;
  return parse_query_count(name, req.get_param_value(name), what);
}

// The API's paths and the methods each takes, for 405 answers with Allow.
struct Route {
  std::regex path;
  const char* allow;
};

const std::vector<Route>& api_routes() {
  static const std::vector<Route> kRoutes = {
      {std::regex("/api/health"), "GET"},          {std::regex("/api/scenarios"), "GET"},
      {std::regex("/api/scenarios/[^/]+"), "GET"}, {std::regex("/api/runs"), "GET, POST"},
      {std::regex("/api/runs/[^/]+"), "GET"},      {std::regex("/api/runs/[^/]+/series"), "GET"},
      {std::regex("/api/compare"), "GET"},
  };
  return kRoutes;
}

// The Allow list of the API path `path`; empty for other paths.
std::string allowed_methods(const std::string& path) {
  for (const Route& r : api_routes()) {
    if (std::regex_match(path, r.path)) return r.allow;
  }
  return plan_routes_allow(path);
}

bool method_allowed(const std::string& method, const std::string& allow) {
  const std::string m = method == "HEAD" ? "GET" : method;
  std::size_t begin = 0;
  while (begin < allow.size()) {
    std::size_t end = allow.find(", ", begin);
    if (end == std::string::npos) end = allow.size();
    if (allow.compare(begin, end - begin, m) == 0) return true;
    begin = end + 2;
  }
  return false;
}

// 405 with Allow when `req`'s path is an API path that does not take its
// method; false (nothing sent) otherwise.
bool send_method_not_allowed(const httplib::Request& req, httplib::Response& res) {
  const std::string allow = allowed_methods(req.path);
  if (allow.empty() || method_allowed(req.method, allow)) return false;
  res.set_header("Allow", allow);
  send_error(
      res, 405,
      fmt::format("{} {}: method not allowed; use {}", req.method, req.path.substr(0, 200), allow));
  return true;
}

// The scenario's [site] name, or its file's stem, for the picker.
std::string scenario_title(const Files& files, const std::filesystem::path& path) {
  try {
    const toml::table t = toml::parse(files.read(path), path.string());
    if (auto name = t["site"]["name"].value<std::string>()) return *name;
  } catch (const std::exception&) {
    // An unreadable scenario is listed by its name; running it reports the problem.
  }
  return path.stem().string();
}

Json run_json(const RunRecord& r, bool with_summary) {
  Json j;
  j["id"] = r.id;
  j["scenario"] = r.scenario;
  j["overrides"] = r.overrides;
  j["status"] = status_name(r.status);
  j["created_utc"] = r.created_utc;
  if (!r.error.empty()) j["error"] = r.error;
  if (r.status == RunStatus::kDone) {
    j["elapsed_ms"] = r.elapsed_ms;
    if (with_summary) {
      j["summary"] = Json::parse(r.summary_json, nullptr, false);
      j["facts"] = Json::parse(r.facts_json, nullptr, false);
    }
  }
  return j;
}

// b − a for every number present in both, keeping the nesting.
Json delta(const Json& a, const Json& b) {
  Json out = Json::object();
  for (const auto& [key, bv] : b.items()) {
    if (!a.contains(key)) continue;
    const Json& av = a[key];
    if (av.is_object() && bv.is_object()) {
      out[key] = delta(av, bv);
    } else if (av.is_number() && bv.is_number()) {
      out[key] = bv.get<double>() - av.get<double>();
    }
  }
  return out;
}

// `text` as a regular expression that matches only itself.
std::string regex_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() * 2);
  for (const char c : text) {
    if (std::string_view(R"(\^$.|?*+()[]{})").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

void append_number(std::string& out, double v) {
  if (std::isfinite(v)) {
    fmt::format_to(std::back_inserter(out), "{:.6g}", v);
  } else {
    out += "null";
  }
}

}  // namespace

std::filesystem::path data_dir_of(const ServerOptions& options) {
  if (!options.data_dir.empty()) return options.data_dir;
  std::filesystem::path scenarios = options.scenarios_dir.lexically_normal();
  if (!scenarios.has_filename()) scenarios = scenarios.parent_path();
  return scenarios.parent_path() / "data";
}

static ConnectionLimits connection_limits(const ServerOptions& o) {
  ConnectionLimits l;
  l.max_connections = o.max_connections;
  l.max_header_bytes = o.max_header_bytes;
  l.header_timeout_ms = o.header_timeout_ms;
  l.body_timeout_ms = o.body_timeout_ms;
  l.request_deadline_ms = o.request_deadline_ms;
  l.keep_alive_timeout_s = o.keep_alive_timeout_s;
  l.keep_alive_max_requests = o.keep_alive_max_requests;
  return l;
}

struct Server::Impl {
  explicit Impl(ServerOptions o)
      : options(std::move(o)),
        files(local_files(), {options.scenarios_dir, data_dir_of(options)}),
        store(options.store_file, options.max_stored_runs),
        queue(store, std::max<std::size_t>(options.workers, 1),
              std::max<std::size_t>(options.queue_limit, 1)),
        sweeps(options.sweep_dirs),
        jobs(
            store,
            [this](const std::string& name, const std::vector<std::string>& overrides) {
              Loaded l = load(name, overrides);
              optimize::apply_job_mode(l.scenario.optimize, l.scenario.setup);
              return LoadedScenario{.scenario = std::move(l.scenario), .key = std::move(l.key)};
            },
            OptimizeLimits{.queue_limit = std::max<std::size_t>(options.optimize_queue_limit, 1),
                           .max_solve_s = options.max_optimize_s}) {}

  ServerOptions options;
  RestrictedFiles files;  // the scenarios and data folders: all this server reads
  RunStore store;
  RunQueue queue;
  SweepFolders sweeps;  // --sweeps: read through their own RestrictedFiles
  OptimizeJobs jobs;    // the optimiser's jobs (plan_routes.h); their runs go into `store`
  GuardedHttpServer http{connection_limits(options)};
  int port = 0;

  std::mutex reuse_mu;  // a lookup by key and the create that follows it, as one
  struct Loaded {
    io::Scenario scenario;
    std::string key;  // content_hash.h's run_request_key
  };

  // Every file the load reads goes through a RecordingFiles, so that the
  // key covers the bytes of each.
  Loaded load(const std::string& name, const std::vector<std::string>& overrides) {
    const ScenarioEntry entry = find_scenario(options.scenarios_dir, name);
    const RecordingFiles recording(files);
    io::Scenario s =
        io::load_scenario(entry.path, overrides, recording, {.machine = options.machine});
    const std::size_t steps = sim::step_count(s.setup);
    if (steps > options.max_steps) {
      throw RequestError(400, fmt::format("the run has {} steps; this server runs at most {} (a "
                                          "year at 15-minute steps)",
                                          steps, options.max_steps));
    }
    s.name = name;
    return {.scenario = std::move(s),
            .key = run_request_key(build_id(), name, overrides, recording.digests())};
  }

  // Runs a previous server left queued or running (it stopped, or was
  // killed, part-way) run again from the start, under their current key.
  void resume_unfinished() {
    for (const RunRecord& r : store.unfinished()) {
      try {
        Loaded loaded = load(r.scenario, r.overrides);
        store.set_request_key(r.id, loaded.key);
        if (!queue.try_submit(r.id, std::move(loaded.scenario))) {
          store.fail(r.id, "not resumed after a restart: the run queue was full");
        }
      } catch (const std::exception& e) {
        store.fail(r.id, fmt::format("not resumed after a restart: {}", e.what()));
      }
    }
  }

  // Registers every handler; each group below registers its part.
  void routes();
  void checks_before_reading();
  void error_handlers();
  void scenario_routes();  // health and scenarios
  void run_routes();       // runs, their series and comparisons
  void web_routes();       // the front end at /
  void post_run(httplib::Response& res, const httplib::ContentReader& read_body);
  void get_series(const httplib::Request& req, httplib::Response& res);
  void get_compare(const httplib::Request& req, httplib::Response& res);
};

// Answers what can be answered from the request line and headers alone,
// before httplib reads a body: a method the path does not take (405 with
// Allow), a POST without a body (instead of waiting for one that never
// comes), a declared body over the limit, and multipart bodies. Closes the
// connection after such an answer: the unread body must not be taken for
// the next request.
void Server::Impl::checks_before_reading() {
  http.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    const auto refuse = [&](int status, const std::string& message) {
      send_error(res, status, message);
      res.set_header("Connection", "close");
      close_connection_after_answer();
      return httplib::Server::HandlerResponse::Handled;
    };
    // A wrong method with a body: httplib reads the body (so that the
    // connection stays usable), finds no route and the error handler answers 405.
    const bool has_body =
        req.has_header("Transfer-Encoding") ||
        (req.has_header("Content-Length") && req.get_header_value("Content-Length") != "0");
    if (!has_body && send_method_not_allowed(req, res)) {
      return httplib::Server::HandlerResponse::Handled;
    }
    if (req.method != "POST") return httplib::Server::HandlerResponse::Unhandled;
    if (!req.has_header("Content-Length") && !req.has_header("Transfer-Encoding")) {
      return refuse(400, fmt::format("POST {}: the request has no body (and no Content-Length "
                                     "header): send a JSON object such as {{\"scenario\": "
                                     "\"qinghai_base\"}}",
                                     req.path.substr(0, 200)));
    }
    const std::string length = req.get_header_value("Content-Length");
    std::size_t bytes = 0;
    const auto [end, ec] = std::from_chars(length.data(), length.data() + length.size(), bytes);
    if (ec == std::errc::result_out_of_range ||
        (ec == std::errc() && bytes > options.max_body_bytes)) {
      return refuse(
          413, fmt::format("the request body is larger than {} bytes", options.max_body_bytes));
    }
    if (req.get_header_value("Content-Type").rfind("multipart/", 0) == 0) {
      return refuse(415,
                    "multipart bodies are not taken: send the run request as JSON "
                    "(Content-Type: application/json)");
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
}

void Server::Impl::error_handlers() {
  // Bodies that httplib refused itself (413, 404 of unknown paths, ...) get a
  // JSON message too.
  http.set_error_handler([this](const httplib::Request& req, httplib::Response& res) {
    if (const StreamRefusal& refusal = current_stream_refusal(); refusal.status != 0) {
      send_error(res, refusal.status, refusal.message);
      res.set_header("Connection", "close");
      return;
    }
    if (!res.body.empty()) return;
    if (res.status == 413) {
      send_error(res, 413,
                 fmt::format("the request body is larger than {} bytes", options.max_body_bytes));
    } else if (res.status == 404) {
      if (send_method_not_allowed(req, res)) return;
      send_error(res, 404, fmt::format("no such path: {}", req.path.substr(0, 200)));
    } else {
      send_error(res, res.status, fmt::format("HTTP {}", res.status));
    }
  });
  http.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
        try {
          std::rethrow_exception(std::move(ep));
        } catch (const RequestError& e) {
          send_error(res, e.status(), e.what());
        } catch (const InputError& e) {
          send_input_error(res, e);
        } catch (const std::exception& e) {
          send_error(res, 500, fmt::format("internal error: {}", e.what()));
        } catch (...) {
          send_error(res, 500, "internal error");
        }
      });
}

void Server::Impl::scenario_routes() {
  http.Get("/api/health", [this](const httplib::Request&, httplib::Response& res) {
    send_json(res, 200, Json{{"ok", true}, {"queued", queue.queued()}});
  });

  http.Get("/api/scenarios", [this](const httplib::Request&, httplib::Response& res) {
    Json list = Json::array();
    for (const auto& s : list_scenarios(options.scenarios_dir)) {
      list.push_back(Json{{"name", s.name}, {"title", scenario_title(files, s.path)}});
    }
    send_json(res, 200, list);
  });

  http.Get(R"(/api/scenarios/([^/]+))",
           [this](const httplib::Request& req, httplib::Response& res) {
             const ScenarioEntry s = find_scenario(options.scenarios_dir, req.matches[1]);
             Json j;
             j["name"] = s.name;
             const std::string text = files.read(s.path);
             j["title"] = scenario_title(files, s.path);
             j["text"] = text;
             try {
               const toml::table t = toml::parse(text, s.path.string());
               std::ostringstream json;
               json << toml::json_formatter{t};
               j["config"] = Json::parse(json.str(), nullptr, false);
             } catch (const toml::parse_error& e) {
               j["config"] = nullptr;
               j["config_error"] = std::string(e.description());
             }
             send_json(res, 200, j);
           });
}

// With a content reader, httplib hands the body over as it is, whatever its
// Content-Type (curl -d sends JSON as a form), under the one payload limit;
// without one it would hold form bodies to its own 8 kB limit.
void Server::Impl::post_run(httplib::Response& res, const httplib::ContentReader& read_body) {
  std::string body;
  read_body([&](const char* data, std::size_t n) {
    body.append(data, n);
    return body.size() <= options.max_body_bytes;
  });
  if (body.size() > options.max_body_bytes) {
    throw RequestError(
        413, fmt::format("the request body is larger than {} bytes", options.max_body_bytes));
  }
  const RunRequest r = parse_run_request(body);
  const auto refuse = [&] {
    send_error(
        res, 429,
        fmt::format("the run queue is full ({} waiting); try again shortly", options.queue_limit));
  };
  // The queue slot is held before the scenario loads (200 requests at once
  // would otherwise all load it, then most be refused) and before the run
  // is stored: a refused request leaves nothing behind.
  if (!queue.try_reserve()) return refuse();
  std::int64_t id = 0;
  Loaded loaded;
  std::optional<RunRecord> same;
  try {
    loaded = load(r.scenario, r.overrides);
    const std::lock_guard lock(reuse_mu);
    same = store.find_by_key(loaded.key);
    if (!same) id = store.create(r.scenario, r.overrides, loaded.key);
  } catch (...) {
    queue.release_reservation();
    throw;
  }
  if (same) {
    // The same build, scenario, overrides and file contents: the stored
    // run's result is this request's (200 when done, 202 while it runs).
    queue.release_reservation();
    res.set_header("Location", fmt::format("/api/runs/{}", same->id));
    send_json(res, same->status == RunStatus::kDone ? 200 : 202,
              Json{{"id", same->id}, {"status", status_name(same->status)}, {"reused", true}});
    return;
  }
  queue.submit_reserved(id, std::move(loaded.scenario));
  res.set_header("Location", fmt::format("/api/runs/{}", id));
  send_json(res, 202, Json{{"id", id}, {"status", "queued"}, {"reused", false}});
}

void Server::Impl::run_routes() {
  http.Post("/api/runs",
            [this](const httplib::Request& /*req*/, httplib::Response& res,
                   const httplib::ContentReader& read_body) { post_run(res, read_body); });

  http.Get("/api/runs", [this](const httplib::Request& req, httplib::Response& res) {
    const std::size_t limit =
        std::min<std::size_t>(parse_count(req, "limit", 50, "a number of runs"), 500);
    Json list = Json::array();
    for (const auto& r : store.list(static_cast<int>(limit))) list.push_back(run_json(r, false));
    send_json(res, 200, list);
  });

  http.Get(R"(/api/runs/([^/]+))", [this](const httplib::Request& req, httplib::Response& res) {
    const std::int64_t id = parse_run_id(req.matches[1]);
    const std::size_t wait_ms =
        std::min<std::size_t>(parse_count(req, "wait_ms", 0, "milliseconds"), 30000);
    if (wait_ms > 0) queue.wait_for(id, std::chrono::milliseconds(wait_ms));
    const auto r = store.get(id);
    if (!r) throw RequestError(404, fmt::format("unknown run {}", id));
    store.mark_read(id);
    send_json(res, 200, run_json(*r, true));
  });

  http.Get(R"(/api/runs/([^/]+)/series)",
           [this](const httplib::Request& req, httplib::Response& res) { get_series(req, res); });
  http.Get("/api/compare",
           [this](const httplib::Request& req, httplib::Response& res) { get_compare(req, res); });
}

// Steps [from, to) of every series column, written straight into the body
// (a year of 15-minute steps is several MB of JSON).
void Server::Impl::get_series(const httplib::Request& req, httplib::Response& res) {
  const std::int64_t id = parse_run_id(req.matches[1]);
  const auto r = store.get(id);
  if (!r) throw RequestError(404, fmt::format("unknown run {}", id));
  if (r->status != RunStatus::kDone) {
    throw RequestError(
        409, fmt::format("run {} is {}: series exist once it is done", id, status_name(r->status)));
  }
  store.mark_read(id);
  const Json facts = Json::parse(r->facts_json, nullptr, false);
  const std::size_t steps = facts.value("steps", std::size_t{0});
  const std::size_t from = parse_count(req, "from", 0, "a step index");
  const std::size_t to = std::min(parse_count(req, "to", steps, "a step index"), steps);
  if (from > to) {
    throw RequestError(
        400, fmt::format("from={} to={}: need from <= to <= {} (steps)", from, to, steps));
  }
  const auto cols = store.series(id, from, to);
  std::string out;
  out.reserve(cols.size() * (to - from) * 8 + 256);
  fmt::format_to(std::back_inserter(out),
                 R"({{"id":{},"from":{},"to":{},"start_unix_s":{},"step_s":{},"columns":{{)", id,
                 from, to,
                 facts.value("start_unix_s", std::int64_t{0}) +
                     static_cast<std::int64_t>(from) * facts.value("step_s", 3600),
                 facts.value("step_s", 3600));
  for (std::size_t c = 0; c < cols.size(); ++c) {
    if (c) out += ',';
    fmt::format_to(std::back_inserter(out), R"("{}":[)", cols[c].name);
    for (std::size_t i = 0; i < cols[c].values.size(); ++i) {
      if (i) out += ',';
      append_number(out, cols[c].values[i]);
    }
    out += ']';
  }
  out += "}}";
  res.set_content(out, "application/json; charset=utf-8");
}

void Server::Impl::get_compare(const httplib::Request& req, httplib::Response& res) {
  if (!req.has_param("a") || !req.has_param("b")) {
    throw RequestError(400, "compare needs two runs: /api/compare?a=ID&b=ID");
  }
  Json j;
  Json summaries[2];
  int k = 0;
  for (const char* name : {"a", "b"}) {
    const std::int64_t id = parse_run_id(req.get_param_value(name));
    const auto r = store.get(id);
    if (!r) throw RequestError(404, fmt::format("unknown run {}", id));
    if (r->status != RunStatus::kDone) {
      throw RequestError(
          409, fmt::format("run {} is {}: only finished runs compare", id, status_name(r->status)));
    }
    store.mark_read(id);
    j[name] = run_json(*r, true);
    summaries[k++] = j[name]["summary"];
  }
  j["delta"] = delta(summaries[0], summaries[1]);
  send_json(res, 200, j);
}

// The front end at /: a folder given with --web, else the files compiled
// into the binary, else a page saying that this build has none.
void Server::Impl::web_routes() {
  if (!options.web_dir.empty()) {
    const std::filesystem::path web = options.web_dir;
    std::error_code ec;
    if (std::filesystem::exists(web / "index.html", ec)) {
      http.set_mount_point("/", web.string());
      return;
    }
    http.Get("/", [web](const httplib::Request&, httplib::Response& res) {
      res.set_content(fmt::format("<!doctype html><meta charset=utf-8><title>Shapan</title>"
                                  "<p>--web {}: no index.html there. Build the front end into "
                                  "web/dist with <code>scripts/build-web.sh</code>, or start "
                                  "<code>shapan serve</code> without --web to serve the page "
                                  "built into it. The API is under /api.",
                                  web.string()),
                      "text/html; charset=utf-8");
    });
    return;
  }
  for (const WebFile& file : options.embedded_web) {
    const auto send = [file](const httplib::Request&, httplib::Response& res) {
      res.set_header("Cache-Control", "no-cache");
      res.set_content(file.body.data(), file.body.size(), std::string(file.content_type));
    };
    http.Get(regex_escape(file.path), send);  // httplib takes paths as regular expressions
    if (file.path == "/index.html") http.Get("/", send);
  }
  if (options.embedded_web.empty()) {
    http.Get("/", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(
          "<!doctype html><meta charset=utf-8><title>Shapan</title>"
          "<p>This shapan was built without the web sandbox's front end "
          "(<code>-DSHAPAN_WITH_WEB=OFF</code>): it serves the API only, under /api "
          "(<a href=\"/api/scenarios\">/api/scenarios</a>). Configure with "
          "<code>-DSHAPAN_WITH_WEB=ON</code> (needs Node.js and npm) for the page.",
          "text/html; charset=utf-8");
    });
  }
}

void Server::Impl::routes() {
  http.set_payload_max_length(options.max_body_bytes);
  http.set_read_timeout(std::chrono::milliseconds(options.read_timeout_ms));
  http.set_write_timeout(std::chrono::milliseconds(options.write_timeout_ms));
  checks_before_reading();
  error_handlers();
  scenario_routes();
  run_routes();
  add_plan_routes(http, jobs, sweeps, options.max_body_bytes);
  web_routes();
}

Server::Server(ServerOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {
  list_scenarios(impl_->options.scenarios_dir);  // fail now, not on the first request
  const std::filesystem::path data = data_dir_of(impl_->options);
  if (!impl_->options.data_dir.empty() && local_files().kind(data) != FileKind::kFolder) {
    throw std::runtime_error(
        fmt::format("{}: the data folder (--data) is not a folder", data.string()));
  }
  impl_->routes();
  impl_->resume_unfinished();
}

Server::~Server() = default;

bool Server::bind() {
  if (impl_->options.port == 0) {
    impl_->port = impl_->http.bind_to_any_port(impl_->options.host);
    impl_->http.widen_backlog();
    return impl_->port > 0;
  }
  if (!impl_->http.bind_to_port(impl_->options.host, impl_->options.port)) return false;
  impl_->http.widen_backlog();
  impl_->port = impl_->options.port;
  return true;
}

int Server::port() const { return impl_->port; }

void Server::listen() { impl_->http.listen_after_bind(); }

void Server::stop() { impl_->http.stop(); }

}  // namespace shapan::server
