#include "shapan/server/runner.h"

#include <algorithm>
#include <exception>
#include <nlohmann/json.hpp>
#include <utility>

#include "shapan/core/assert.h"
#include "shapan/core/error.h"
#include "shapan/metrics/summary.h"
#include "shapan/metrics/writers.h"
#include "shapan/sim/prepared.h"
#include "shapan/sim/simulation.h"

namespace shapan::server {

std::vector<SeriesColumn> series_columns(const sim::Results& results) {
  const sim::StepSeries& s = results.steps;
  std::vector<SeriesColumn> out;
  for (const sim::StepColumn& c : sim::kStepColumns) {
    if (!c.served) continue;
    SeriesColumn column{.name = std::string(c.name), .values = s.*c.values};
    // A column the run left short (a results set made outside sim::run) is served as zeros.
    column.values.resize(s.size(), 0.0);
    out.push_back(std::move(column));
  }
  return out;
}

std::string run_facts_json(const std::string& name, const sim::Results& results) {
  // The nameplates the run was computed with, not the scenario read back.
  const sim::PlantCapacities& c = results.capacities;
  double battery_power_kw = 0.0;
  for (const sim::StorageCapacity& b : c.batteries) battery_power_kw += b.discharge_kw;
  const bool hydro = !c.hydro.empty();
  nlohmann::ordered_json j;
  j["name"] = name;
  j["start_unix_s"] = results.steps.size() ? results.steps.start.front().unix_seconds() : 0;
  j["step_s"] = results.step.in_seconds();
  j["utc_offset_h"] = results.utc_offset_h;
  j["steps"] = results.steps.size();
  j["strategy"] = results.strategy;
  j["pv_ac_kw"] = c.pv_ac_kw_total();
  j["wind_kw"] = c.wind_kw_total();
  // [hydro] itself: the plant whose reservoir the page draws.
  j["hydro_kw"] = hydro ? c.hydro.front().rated_kw : 0.0;
  j["reservoir_min_hm3"] = hydro ? c.hydro.front().storage_min_hm3 : 0.0;
  j["reservoir_max_hm3"] = hydro ? c.hydro.front().storage_max_hm3 : 0.0;
  j["battery_capacity_kwh"] = results.battery_capacity_kwh;
  j["battery_power_kw"] = battery_power_kw;
  j["grid_import_limit_kw"] =
      c.has_grid && std::isfinite(c.grid_import_limit_kw) ? c.grid_import_limit_kw : 0.0;
  j["has_grid"] = c.has_grid;
  j["it_capacity_kw"] = c.datacenter_it_kw;
  return j.dump();
}

RunQueue::RunQueue(RunStore& store, std::size_t workers, std::size_t queue_limit)
    : store_(store), queue_limit_(queue_limit) {
  SHAPAN_ASSERT(workers >= 1 && queue_limit >= 1, "RunQueue needs a worker and a queue slot");
  for (std::size_t i = 0; i < workers; ++i) workers_.emplace_back([this] { work(); });
}

RunQueue::~RunQueue() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto& t : workers_) t.join();
}

bool RunQueue::try_submit(std::int64_t id, io::Scenario scenario) {
  {
    std::lock_guard lock(mu_);
    if (stopping_ || queue_.size() + reserved_ >= queue_limit_) return false;
    queue_.push_back(Job{.id = id, .scenario = std::move(scenario)});
  }
  wake_.notify_one();
  return true;
}

bool RunQueue::try_reserve() {
  std::lock_guard lock(mu_);
  if (stopping_ || queue_.size() + reserved_ >= queue_limit_) return false;
  ++reserved_;
  return true;
}

void RunQueue::submit_reserved(std::int64_t id, io::Scenario scenario) {
  {
    std::lock_guard lock(mu_);
    SHAPAN_ASSERT(reserved_ > 0, "submit_reserved without a reservation");
    --reserved_;
    queue_.push_back(Job{.id = id, .scenario = std::move(scenario)});
  }
  wake_.notify_one();
}

void RunQueue::release_reservation() {
  std::lock_guard lock(mu_);
  SHAPAN_ASSERT(reserved_ > 0, "release_reservation without a reservation");
  --reserved_;
}

void RunQueue::wait_for(std::int64_t id, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mu_);
  finished_.wait_for(lock, timeout, [&] {
    const bool queued =
        std::any_of(queue_.begin(), queue_.end(), [id](const Job& j) { return j.id == id; });
    const bool active = std::find(active_.begin(), active_.end(), id) != active_.end();
    return stopping_ || (!queued && !active);
  });
}

std::size_t RunQueue::queued() const {
  std::lock_guard lock(mu_);
  return queue_.size() + reserved_;
}

void RunQueue::work() {
  for (;;) {
    Job job;
    {
      std::unique_lock lock(mu_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      job = std::move(queue_.front());
      queue_.pop_front();
      active_.push_back(job.id);
    }
    execute(job);
    {
      std::lock_guard lock(mu_);
      active_.erase(std::find(active_.begin(), active_.end(), job.id));
    }
    finished_.notify_all();
  }
}

void RunQueue::execute(const Job& job) {
  // A failing run must never take the server down: every error ends in the
  // store as the run's message.
  try {
    store_.mark_running(job.id);
    const auto t0 = std::chrono::steady_clock::now();
    const sim::Setup& setup = job.scenario.setup;
    const sim::Results results = sim::run(setup, sim::prepare(setup, &prepared_));
    metrics::Summary summary = metrics::summarize(job.scenario.name, results, job.scenario.costs,
                                                  job.scenario.direct_supply);
    summary.warnings = job.scenario.warnings;
    const double elapsed_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    store_.finish(job.id, metrics::to_json(summary).dump(),
                  run_facts_json(job.scenario.name, results), series_columns(results), elapsed_ms);
  } catch (const std::exception& e) {
    try {
      store_.fail(job.id, e.what());
    } catch (const std::exception&) {
      // The store itself failed; the run stays `running` and is retried on restart.
    }
  }
}

}  // namespace shapan::server
