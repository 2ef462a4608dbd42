// Runs scenarios for the server on a bounded pool of worker threads.
//
// A submitted run waits in a queue of at most `queue_limit` runs; when the
// queue is full, try_submit refuses (the API answers 429). Each worker
// simulates, summarises and stores one run at a time (RunStore::finish or
// fail), then notifies waiters.
//
// The workers prepare every run through one sim::PreparedStore, so that a
// what-if rerun (a slider moved: another PV, battery or IT size) reuses the
// sun positions, PV planes, wind output, data-center demand and jobs of the
// runs before it wherever their keys match (shapan/sim/prepared.h); results
// are the same, bit for bit, as a run prepared from scratch. The store keeps
// at most kPreparedEntriesPerPart parts of each kind and drops the oldest
// beyond that, so a server that runs for months stays bounded in memory.
//
// Thread-safety: all members may be called from any thread. The destructor
// lets running runs finish and drops queued ones (they stay `queued` in the
// store and are resubmitted by the next server).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "shapan/io/scenario.h"
#include "shapan/server/store.h"
#include "shapan/sim/prepared.h"

namespace shapan::server {

// The per-step columns the API serves (sim::kStepColumns marked served), in
// their order.
std::vector<SeriesColumn> series_columns(const sim::Results& results);
// Facts about a run that the front end needs next to the series: its name,
// start, step and the capacities it was computed with (Results::capacities,
// not the scenario read back), as JSON text.
std::string run_facts_json(const std::string& name, const sim::Results& results);

class RunQueue {
 public:
  // Parts of each kind the shared PreparedStore keeps: the scenarios a few
  // users work on at once (a year at 15-minute steps: a weather series is
  // about 3 MB, a PV plane about 1 MB).
  static constexpr std::size_t kPreparedEntriesPerPart = 8;

  // Requires: workers >= 1, queue_limit >= 1.
  RunQueue(RunStore& store, std::size_t workers, std::size_t queue_limit);
  ~RunQueue();
  RunQueue(const RunQueue&) = delete;
  RunQueue& operator=(const RunQueue&) = delete;

  // Queues run `id` (already created in the store) with its loaded scenario.
  // False, and nothing queued, when the queue is full.
  [[nodiscard]] bool try_submit(std::int64_t id, io::Scenario scenario);

  // Holds a queue slot for a run not yet created, so that a refusal (false)
  // comes before anything is stored. Each true is followed by exactly one
  // submit_reserved or release_reservation.
  [[nodiscard]] bool try_reserve();
  void submit_reserved(std::int64_t id, io::Scenario scenario);
  void release_reservation();

  // Waits until run `id` is neither queued nor running, or `timeout` passes.
  void wait_for(std::int64_t id, std::chrono::milliseconds timeout);

  // Runs waiting (not yet running), reserved slots included.
  std::size_t queued() const;

  // The prepared parts the runs share (for tests).
  const sim::PreparedStore& prepared() const { return prepared_; }

 private:
  struct Job {
    std::int64_t id = 0;
    io::Scenario scenario;
  };
  void work();
  void execute(const Job& job);

  RunStore& store_;
  const std::size_t queue_limit_;
  sim::PreparedStore prepared_{kPreparedEntriesPerPart, sim::PreparedStore::WhenFull::kDropOldest};
  mutable std::mutex mu_;
  std::condition_variable wake_;
  std::condition_variable finished_;
  std::deque<Job> queue_;
  std::size_t reserved_ = 0;  // slots held by try_reserve
  std::vector<std::int64_t> active_;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace shapan::server
