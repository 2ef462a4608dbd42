// `shapan serve`: the digital sandbox's HTTP server (issue 5).
//
// Serves the front end at / (compiled into the binary, or a folder: see
// ServerOptions::web_dir) and a JSON API under /api:
//   GET  /api/health                          {"ok": true, "queued": n}
//   GET  /api/scenarios                       [{"name", "title"}]
//   GET  /api/scenarios/{name}                {"name", "text" (TOML), "config" (as JSON)}
//   POST /api/runs                            {"scenario", "overrides"} -> 202 {"id", "status",
//                                             "reused": false}; a request identical to a stored
//                                             run's (same build, scenario, overrides and file
//                                             contents: content_hash.h) gets that run instead:
//                                             200 {"id", "status": "done", "reused": true}, or
//                                             202 while it is queued or running
//   GET  /api/runs?limit=n                    newest runs first
//   GET  /api/runs/{id}[?wait_ms=n]           status, error, summary, facts (waits up to n ms
//                                             while the run is queued or running)
//   GET  /api/runs/{id}/series[?from=i&to=j]  per-step columns, steps [i, j)
//   GET  /api/compare?a={id}&b={id}           both summaries and b − a for each number
//   POST /api/optimize, GET /api/optimize[/{id}[?wait_ms=n]], POST /api/optimize/{id}/cancel
//                                             the optimiser as jobs (src/server/plan_routes.h)
//   GET  /api/sweeps, GET /api/sweeps/{name}  sweep fronts of the --sweeps folders (same)
// Files: see ServerOptions::data_dir.
// Errors are JSON {"error", "source"?, "line"?} with a 4xx status: 400 bad
// request or scenario (a file outside the allowed folders included), 404
// unknown scenario, run or path, 405 a method the path does not take (with
// Allow), 409 run not finished, 413 body too large (one limit, whatever the
// Content-Type), 415 multipart body, 429 run queue full; 408 a request that
// came too slowly, 431 headers too large, 503 too many connections. A bad
// request never stops the server.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "shapan/io/run_size.h"

namespace shapan::server {

// One file of the front end, served at `path` ("/app.js"); "/" serves "/index.html".
struct WebFile {
  std::string_view path;
  std::string_view content_type;
  std::string_view body;
};

struct ServerOptions {
  std::string host = "127.0.0.1";  // loopback unless told otherwise
  int port = 8080;                 // 0: any free port (see Server::port)
  std::filesystem::path scenarios_dir = "examples";
  // The only folders whose files the server reads: scenarios_dir and this
  // one (empty: scenarios_dir's sibling data/, where the examples point with
  // "../data/..."). Any other path a scenario or a request names — absolute,
  // with "..", or through a symlink — is refused before it is opened.
  std::filesystem::path data_dir;
  std::filesystem::path store_file = "shapan.db";  // ":memory:" for tests
  // Runs the store keeps (about 0.6 MB each for a year of hours); beyond
  // them the least recently read finished run is deleted (store.h).
  std::size_t max_stored_runs = 200;
  // A built front end to serve from disk (front-end work: scripts/build-web.sh
  // writes web/dist); empty: `embedded_web`, the files compiled into the
  // binary. With neither, / says that this is an API-only build.
  std::filesystem::path web_dir;
  std::span<const WebFile> embedded_web;  // must outlive the Server (static data)
  // Sweep folders (`shapan sweep --out DIR`) whose front.json the page may
  // show (/api/sweeps); only their front.json is read.
  std::vector<std::filesystem::path> sweep_dirs;
  // The optimiser's jobs (/api/optimize): one runs at a time, this many
  // more may wait (more answer 429), and each solve stops after
  // max_optimize_s (the scenario's [optimize] time_limit_s when smaller).
  std::size_t optimize_queue_limit = 2;
  double max_optimize_s = 300.0;
  std::size_t workers = 2;      // simulation threads
  std::size_t queue_limit = 8;  // runs waiting beyond the workers; more answer 429
  std::size_t max_body_bytes = std::size_t{64} * 1024;  // larger request bodies answer 413
  std::size_t max_steps = std::size_t{4} * 366 * 24;    // larger runs answer 400 (a year at 15 min)
  // Whose memory a run must fit in (io/run_size.h): a run estimated larger
  // answers 400 with the estimate, before it is prepared. Tests pass a
  // simulated small machine.
  const io::Machine* machine = &io::this_machine();
  // Connections (issue 17; see docs/reliability.md): one thread each.
  std::size_t max_connections = 256;  // more are answered 503 and closed at once
  std::size_t max_header_bytes = std::size_t{16} * 1024;  // request line + headers; more: 431
  long header_timeout_ms = 5000;     // request line + headers after the first byte; else 408
  long body_timeout_ms = 10000;      // the body after the headers; else 408
  long read_timeout_ms = 5000;       // longest pause between received bytes
  long write_timeout_ms = 5000;      // longest wait to send more of an answer
  long request_deadline_ms = 60000;  // a whole request, its answer included
  long keep_alive_timeout_s = 5;     // an idle connection is closed after this
  std::size_t keep_alive_max_requests = 1000;  // requests per connection
};

// The data folder the server reads besides its scenarios: `data_dir`, or
// the scenarios folder's sibling data/ when it is empty.
std::filesystem::path data_dir_of(const ServerOptions& options);

class Server {
 public:
  // Opens the store and resubmits runs a previous server left unfinished.
  // Throws std::runtime_error when the store or the scenarios folder is unusable.
  explicit Server(ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds host:port; false when the address is taken. Afterwards port() is the bound port.
  [[nodiscard]] bool bind();
  int port() const;
  // Serves until stop() (from another thread or a signal handler thread).
  void listen();
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace shapan::server
