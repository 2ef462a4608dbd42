// The optimiser's job queue for the server: parsing a request, the jobs'
// state and its JSON, one worker thread (optimize_work.cc runs a job).
#include "optimize_jobs.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <ctime>
#include <utility>

namespace shapan::server {
namespace {

using Json = nlohmann::ordered_json;

// The [optimize] capacity bounds a request may give (docs/scenario.md).
constexpr std::array<const char*, 8> kBoundKeys = {
    "pv_min_kw",      "pv_max_kw",      "wind_min_kw",     "wind_max_kw",
    "battery_min_kw", "battery_max_kw", "battery_min_kwh", "battery_max_kwh"};

std::string utc_now() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  std::array<char, 32> text{};
  std::strftime(text.data(), text.size(), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text.data();
}

std::string number_text(double v) { return fmt::format("{}", v); }

// target {"kind", "value_frac"} as an [optimize] override.
std::string target_override(const Json& t) {
  if (!t.is_object()) {
    throw RequestError(400,
                       "target: must be an object {\"kind\": \"cfe\" or \"green_share\", "
                       "\"value_frac\": 0.9}");
  }
  for (const auto& [k, v] : t.items()) {
    if (k != "kind" && k != "value_frac") {
      throw RequestError(400, fmt::format("target.{}: unknown field (kind, value_frac)", k));
    }
  }
  const std::string kind = t.value("kind", std::string());
  if (kind != "cfe" && kind != "green_share") {
    throw RequestError(400,
                       fmt::format("target.kind = \"{}\": expected \"cfe\" (hourly carbon-free "
                                   "energy) or \"green_share\"",
                                   kind.substr(0, 40)));
  }
  if (!t.contains("value_frac") || !t["value_frac"].is_number()) {
    throw RequestError(400, "target.value_frac: missing: give the target as a fraction (0.9)");
  }
  const double v = t["value_frac"].get<double>();
  if (!(v > 0.0 && v <= 1.0)) {
    throw RequestError(400, fmt::format("target.value_frac = {}: must be in (0, 1]", v));
  }
  return fmt::format("optimize.{}_min_frac={}", kind, number_text(v));
}

std::vector<std::string> bound_overrides(const Json& b) {
  if (!b.is_object()) throw RequestError(400, "bounds: must be an object {\"pv_max_kw\": 300000}");
  std::vector<std::string> out;
  for (const auto& [k, v] : b.items()) {
    if (std::find(kBoundKeys.begin(), kBoundKeys.end(), k) == kBoundKeys.end()) {
      throw RequestError(400, fmt::format("bounds.{}: unknown bound; expected one of {}",
                                          k.substr(0, 40), fmt::join(kBoundKeys, ", ")));
    }
    if (v.is_null()) continue;  // no bound
    if (!v.is_number() || !(v.get<double>() >= 0.0) || !std::isfinite(v.get<double>())) {
      throw RequestError(400, fmt::format("bounds.{} = {}: must be a number >= 0 (kW or kWh)", k,
                                          v.dump().substr(0, 40)));
    }
    out.push_back(fmt::format("optimize.{}={}", k, number_text(v.get<double>())));
  }
  return out;
}

// representative_days N (1..366): size on N days that stand for the year,
// the jobs held where fcfs runs them (days cannot carry moving jobs).
std::vector<std::string> days_overrides(const Json& d) {
  if (!d.is_number_integer() || d.get<long long>() < 1 || d.get<long long>() > 366) {
    throw RequestError(400, fmt::format("representative_days = {}: must be a whole number of days "
                                        "from 1 to 366",
                                        d.dump().substr(0, 40)));
  }
  return {fmt::format("optimize.representative_days={}", d.get<long long>()),
          "optimize.move_jobs=false"};
}

}  // namespace

OptimizeRequest parse_optimize_request(const std::string& body, const RequestLimits& limits) {
  Json j = Json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    throw RequestError(400,
                       "the body must be a JSON object: {\"scenario\": \"name\", \"mode\": "
                       "\"dispatch\" or \"sizing\", \"overrides\": {...}}");
  }
  OptimizeRequest r;
  const std::string mode = j.value("mode", std::string("dispatch"));
  if (mode != "dispatch" && mode != "sizing") {
    throw RequestError(400, fmt::format("mode = \"{}\": expected \"dispatch\" (optimise the "
                                        "dispatch) or \"sizing\" (size for a target)",
                                        mode.substr(0, 40)));
  }
  r.kind = mode == "sizing" ? OptimizeKind::kSizing : OptimizeKind::kDispatch;
  std::vector<std::string> extra;
  if (j.contains("target")) {
    if (r.kind != OptimizeKind::kSizing) throw RequestError(400, "target: only with mode sizing");
    extra.push_back(target_override(j["target"]));
  }
  if (j.contains("bounds")) {
    if (r.kind != OptimizeKind::kSizing) throw RequestError(400, "bounds: only with mode sizing");
    for (std::string& o : bound_overrides(j["bounds"])) extra.push_back(std::move(o));
  }
  if (j.contains("representative_days")) {
    if (r.kind != OptimizeKind::kSizing) {
      throw RequestError(400, "representative_days: only with mode sizing");
    }
    for (std::string& o : days_overrides(j["representative_days"])) extra.push_back(std::move(o));
  }
  // The rest is a run request (scenario, overrides), checked as for /api/runs.
  Json run = Json::object();
  for (const auto& [k, v] : j.items()) {
    if (k != "mode" && k != "target" && k != "bounds" && k != "representative_days") run[k] = v;
  }
  r.run = parse_run_request(run.dump(), limits);
  r.optimize_overrides = std::move(extra);
  return r;
}

std::vector<std::string> OptimizeRequest::all_overrides() const {
  std::vector<std::string> all = run.overrides;
  all.insert(all.end(), optimize_overrides.begin(), optimize_overrides.end());
  return all;
}

OptimizeJobs::Job::Job(std::int64_t job_id)
    : id(job_id), control([this](const optimize::SolveProgress& p) {
        {
          const std::lock_guard lock(mu);
          if (std::isfinite(p.gap_frac)) gap_frac = p.gap_frac;
        }
        stage_fraction(p.fraction, p.message);
      }) {}

void OptimizeJobs::Job::stage(const std::string& name, double from, double to) {
  const std::lock_guard lock(mu);
  phase = name;
  message.clear();
  gap_frac = -1.0;  // a gap belongs to the stage that reported it
  stage_from = from;
  stage_to = to;
  progress_frac = std::max(progress_frac, from);
}

void OptimizeJobs::Job::stage_fraction(double fraction, const std::string& text) {
  const std::lock_guard lock(mu);
  const double f = std::clamp(fraction, 0.0, 1.0);
  progress_frac = std::max(progress_frac, stage_from + f * (stage_to - stage_from));
  if (!text.empty()) message = text;
}

void OptimizeJobs::Job::end(const std::string& how, const std::string& why) {
  const std::lock_guard lock(mu);
  status = how;
  error = why;
  if (how == "done") progress_frac = 1.0;
}

bool OptimizeJobs::Job::finished() {
  const std::lock_guard lock(mu);
  return status == "done" || status == "failed" || status == "cancelled";
}

Json OptimizeJobs::Job::to_json() {
  const std::lock_guard lock(mu);
  Json j;
  j["id"] = id;
  j["mode"] = request.kind == OptimizeKind::kSizing ? "sizing" : "dispatch";
  j["scenario"] = request.run.scenario;
  j["overrides"] = request.run.overrides;
  j["optimize_overrides"] = request.optimize_overrides;
  j["status"] = status;
  j["created_utc"] = created_utc;
  j["phase"] = phase;
  j["progress_frac"] = progress_frac;
  if (gap_frac >= 0.0) j["gap_frac"] = gap_frac;
  j["message"] = message;
  if (!error.empty()) j["error"] = error;
  if (run_id != 0) j["run_id"] = run_id;
  if (rule_run_id != 0) j["rule_run_id"] = rule_run_id;
  if (!optimize.is_null()) j["optimize"] = optimize;
  return j;
}

OptimizeJobs::OptimizeJobs(RunStore& store, ScenarioLoader load, OptimizeLimits limits)
    : store_(store), load_(std::move(load)), limits_(limits), worker_([this] { work(); }) {}

OptimizeJobs::~OptimizeJobs() {
  {
    const std::lock_guard lock(mu_);
    stopping_ = true;
    for (auto& [id, job] : jobs_) job->control.cancel();
  }
  wake_.notify_all();
  changed_.notify_all();  // waiters in get() see stopping_
  worker_.join();
}

// Requires mu_ held.
void OptimizeJobs::refuse_when_full() const {
  if (queue_.size() >= limits_.queue_limit) {
    throw RequestError(429, fmt::format("the optimiser's queue is full ({} waiting); try again "
                                        "when a job has ended, or cancel one",
                                        queue_.size()));
  }
}

std::int64_t OptimizeJobs::submit(const OptimizeRequest& request) {
  {
    const std::lock_guard lock(mu_);
    refuse_when_full();
  }
  // Loaded outside the lock: a bad scenario or override answers 400 here.
  LoadedScenario loaded = load_(request.run.scenario, request.all_overrides());
  const std::lock_guard lock(mu_);
  refuse_when_full();  // again: others may have queued while this one loaded
  auto job = std::make_shared<Job>(next_id_++);
  job->request = request;
  job->loaded = std::move(loaded);
  job->created_utc = utc_now();
  jobs_[job->id] = job;
  queue_.push_back(job);
  // Forget the oldest finished jobs beyond the bound.
  while (jobs_.size() > limits_.kept_jobs) {
    const auto old = std::find_if(jobs_.begin(), jobs_.end(),
                                  [](const auto& kv) { return kv.second->finished(); });
    if (old == jobs_.end()) break;
    jobs_.erase(old);
  }
  wake_.notify_one();
  return job->id;
}

Json OptimizeJobs::get(std::int64_t id, long wait_ms) {
  std::shared_ptr<Job> job;
  {
    std::unique_lock lock(mu_);
    const auto it = jobs_.find(id);
    if (it == jobs_.end()) throw RequestError(404, fmt::format("unknown optimiser job {}", id));
    job = it->second;
    if (wait_ms > 0) {
      changed_.wait_for(lock, std::chrono::milliseconds(wait_ms),
                        [&] { return stopping_ || job->finished(); });
    }
  }
  return job->to_json();
}

Json OptimizeJobs::cancel(std::int64_t id) {
  std::shared_ptr<Job> job;
  {
    const std::lock_guard lock(mu_);
    const auto it = jobs_.find(id);
    if (it == jobs_.end()) throw RequestError(404, fmt::format("unknown optimiser job {}", id));
    job = it->second;
    const auto queued = std::find(queue_.begin(), queue_.end(), job);
    if (queued != queue_.end()) {
      queue_.erase(queued);
      job->end("cancelled", "cancelled before it started");
    }
  }
  job->control.cancel();
  changed_.notify_all();
  return job->to_json();
}

Json OptimizeJobs::list() {
  const std::lock_guard lock(mu_);
  Json out = Json::array();
  for (auto it = jobs_.rbegin(); it != jobs_.rend(); ++it) {
    Json j = it->second->to_json();
    j.erase("optimize");
    out.push_back(std::move(j));
  }
  return out;
}

void OptimizeJobs::work() {
  for (;;) {
    std::shared_ptr<Job> job;
    {
      std::unique_lock lock(mu_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) {
        for (auto& j : queue_) j->end("cancelled", "the server stopped before it started");
        return;
      }
      job = queue_.front();
      queue_.pop_front();
    }
    execute_optimize_job(*job, store_, load_, limits_);
    // Taking the lock orders this after a waiter's check of the job's state.
    { const std::lock_guard lock(mu_); }
    changed_.notify_all();
  }
}

}  // namespace shapan::server
