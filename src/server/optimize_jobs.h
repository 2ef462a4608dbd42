// The optimiser as asynchronous jobs of the server (issue 18 item 2): POST
// /api/optimize starts "optimise dispatch" or "size for a target" on a
// scenario with the page's overrides; GET /api/optimize/{id} polls its
// status, phase and progress; POST /api/optimize/{id}/cancel stops it
// (optimize::SolveControl). (Private to server.)
//
// A job runs on its own thread, one at a time (an LP takes a core; the run
// workers keep theirs), with at most `queue_limit` waiting (more: 429). Its
// results go into the run store as ordinary runs, so that the sand table
// plays them and the compare view lists them:
//   - the optimised year: the plan replayed through the engine, with the
//     summary, series and facts of any run, the facts carrying `optimize`
//     (the optimize.json of `shapan optimize`); its overrides are the
//     request's plus, for sizing, the sized capacities and, for both,
//     optimize.mode;
//   - the rule-based run of the same scenario and overrides: the stored run
//     with the same request key when there is one (the page's current run),
//     else one made from the same prepared run.
// Sizing replays the sized plant under the dispatch LP: the sized
// capacities become overrides (PV kW DC, whole wind turbines rounded to the
// nearest, at least one; battery power and energy, at least 1 kW / 1 kWh),
// the scenario is loaded again with them, and its dispatch is optimised and
// replayed. Jobs live in memory (the last `kept_jobs`); their runs stay in
// the store.
//
// Thread-safety: every member may be called from any thread.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "shapan/io/scenario.h"
#include "shapan/optimize/control.h"
#include "shapan/server/requests.h"
#include "shapan/server/store.h"

namespace shapan::server {

enum class OptimizeKind { kDispatch, kSizing };

struct OptimizeRequest {
  RunRequest run;  // scenario and the page's overrides
  OptimizeKind kind = OptimizeKind::kDispatch;
  // Sizing: the target and the capacity bounds, as [optimize] overrides
  // (optimize.cfe_min_frac=0.9, optimize.pv_max_kw=300000, ...). Kept apart
  // from run.overrides so that the rule-based run beside the result is the
  // page's own run (same scenario and overrides: same request key).
  std::vector<std::string> optimize_overrides;
  std::vector<std::string> all_overrides() const;
};

// Parses a POST /api/optimize body:
//   {"scenario": "golmud_solar_wind_storage", "overrides": {...},
//    "mode": "dispatch" | "sizing",
//    "target": {"kind": "cfe" | "green_share", "value_frac": 0.9},     (sizing)
//    "bounds": {"pv_max_kw": 300000, "battery_max_kwh": 1e6, ...}}      (sizing)
// Bounds are the [optimize] capacity keys (docs/scenario.md). RequestError
// 400 naming the field otherwise.
OptimizeRequest parse_optimize_request(const std::string& body, const RequestLimits& limits = {});

// A scenario loaded for the server, with its run request key (content_hash.h).
struct LoadedScenario {
  io::Scenario scenario;
  std::string key;
};
using ScenarioLoader =
    std::function<LoadedScenario(const std::string& name, const std::vector<std::string>&)>;

struct OptimizeLimits {
  std::size_t queue_limit = 2;  // jobs waiting beyond the running one
  std::size_t kept_jobs = 50;   // finished jobs remembered
  double max_solve_s = 300.0;   // caps [optimize] time_limit_s
};

class OptimizeJobs {
 public:
  OptimizeJobs(RunStore& store, ScenarioLoader load, OptimizeLimits limits = {});
  // Cancels the running job and drops the queued ones (they end cancelled).
  ~OptimizeJobs();
  OptimizeJobs(const OptimizeJobs&) = delete;
  OptimizeJobs& operator=(const OptimizeJobs&) = delete;

  // Loads the scenario (InputError and RequestError propagate: 400, 404)
  // and queues the job; RequestError 429 when the queue is full.
  std::int64_t submit(const OptimizeRequest& request);
  // The job as JSON (id, mode, scenario, overrides, status queued | running |
  // done | failed | cancelled, phase, progress_frac, gap_frac, message,
  // error, run_id, rule_run_id, optimize); waits up to `wait_ms` for it to
  // end first. RequestError 404 for an unknown id.
  nlohmann::ordered_json get(std::int64_t id, long wait_ms = 0);
  // Asks the job to stop; returns it as get() does.
  nlohmann::ordered_json cancel(std::int64_t id);
  nlohmann::ordered_json list();

  struct Job;

 private:
  void work();
  void refuse_when_full() const;  // RequestError 429

  RunStore& store_;
  ScenarioLoader load_;
  OptimizeLimits limits_;
  std::mutex mu_;
  std::condition_variable wake_;
  std::condition_variable changed_;
  std::map<std::int64_t, std::shared_ptr<Job>> jobs_;
  std::deque<std::shared_ptr<Job>> queue_;
  std::int64_t next_id_ = 1;
  bool stopping_ = false;
  std::thread worker_;
};

// One job: its request, loaded scenario, control and state. The state is
// guarded by `mu` (the progress callback writes it on the job's thread).
struct OptimizeJobs::Job {
  explicit Job(std::int64_t job_id);
  const std::int64_t id;
  OptimizeRequest request;
  LoadedScenario loaded;
  optimize::SolveControl control;
  std::string created_utc;

  // Starts a stage: the overall progress moves from `from` to `to` as the
  // stage's own fraction goes from 0 to 1.
  void stage(const std::string& phase, double from, double to);
  void stage_fraction(double fraction, const std::string& message = {});
  void end(const std::string& status, const std::string& error = {});
  nlohmann::ordered_json to_json();
  bool finished();

  std::mutex mu;
  std::string status = "queued";
  std::string phase;
  std::string message;
  std::string error;
  double progress_frac = 0.0;
  double gap_frac = -1.0;  // < 0: none reported
  double stage_from = 0.0, stage_to = 0.0;
  std::int64_t run_id = 0;       // the optimised year, replayed (0: none)
  std::int64_t rule_run_id = 0;  // the rule-based run beside it
  nlohmann::ordered_json optimize;
};

// Runs `job` to its end (done, failed or cancelled); never throws.
void execute_optimize_job(OptimizeJobs::Job& job, RunStore& store, const ScenarioLoader& load,
                          const OptimizeLimits& limits);

}  // namespace shapan::server
