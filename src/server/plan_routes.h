// The planning endpoints of the sandbox (issue 18 item 2), registered beside
// the run endpoints (http_server.cc). (Private to server.)
//
//   POST /api/optimize              start a job (optimize_jobs.h) -> 202 {id, status}
//   GET  /api/optimize              the jobs, newest first (without results)
//   GET  /api/optimize/{id}[?wait_ms=N]   a job: status, phase, progress_frac, ...
//   POST /api/optimize/{id}/cancel  stop it -> 200 the job
//   GET  /api/sweeps                the sweep folders given with --sweeps
//   GET  /api/sweeps/{name}         one sweep's front.json (name: the folder's name)
//
// Sweep folders are read through a RestrictedFiles allowing only those
// folders, and only their front.json: no other path reaches the server.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "connections.h"
#include "optimize_jobs.h"
#include "shapan/core/files.h"

namespace shapan::server {

class SweepFolders {
 public:
  // Each folder is named by its last component ("qinghai_sweep"), made
  // unique with "-2", "-3", ... in the order given.
  explicit SweepFolders(const std::vector<std::filesystem::path>& folders);
  // [{name, ok, base?, axes?, objectives?, points?, error?}]
  nlohmann::ordered_json list() const;
  // The folder's front.json; RequestError 404 for an unknown name, 409 when
  // the folder has no front.json yet (a sweep still running, or one made
  // before front.json existed: run it again, it resumes and writes it).
  std::string front(const std::string& name) const;

 private:
  std::vector<std::pair<std::string, std::filesystem::path>> folders_;
  RestrictedFiles files_;
};

// The methods the planning path `path` takes ("GET, POST"), for 405 answers
// with Allow; empty for other paths.
std::string plan_routes_allow(const std::string& path);

void add_plan_routes(GuardedHttpServer& http, OptimizeJobs& jobs, const SweepFolders& sweeps,
                     std::size_t max_body_bytes);

}  // namespace shapan::server
