#include "sweep_mpi.h"

#include <fmt/format.h>
#include <mpi.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <nlohmann/json.hpp>
#include <thread>

#include "progress_bar.h"
#include "shapan/core/error.h"
#include "shapan/sweep/sweep.h"

namespace shapan::cli {
namespace {

constexpr int kTagRows = 1;  // rank -> 0: rows of the last batch, and a request for the next
constexpr int kTagWork = 2;  // 0 -> rank: configuration ids; none: stop

// Rows as text with every double in hexadecimal (exact, NaN and infinities
// included).
std::string encode(const std::vector<sweep::Row>& rows) {
  nlohmann::json out = nlohmann::json::array();
  for (const sweep::Row& r : rows) {
    nlohmann::json kpis = nlohmann::json::array();
    for (const auto& [k, v] : r.kpis) kpis.push_back({k, fmt::format("{:a}", v)});
    out.push_back({{"id", r.id},
                   {"status", static_cast<int>(r.status)},
                   {"message", r.message},
                   {"elapsed_ms", fmt::format("{:a}", r.elapsed_ms)},
                   {"kpis", kpis}});
  }
  return out.dump();
}

std::vector<sweep::Row> decode(const std::string& text,
                               const std::vector<sweep::Configuration>& configs) {
  std::vector<sweep::Row> rows;
  for (const auto& j : nlohmann::json::parse(text)) {
    sweep::Row r;
    r.id = j.at("id").get<std::int64_t>();
    r.values = configs.at(static_cast<std::size_t>(r.id)).values;
    r.status = static_cast<sweep::RowStatus>(j.at("status").get<int>());
    r.message = j.at("message").get<std::string>();
    r.elapsed_ms = std::strtod(j.at("elapsed_ms").get<std::string>().c_str(), nullptr);
    for (const auto& kv : j.at("kpis")) {
      r.kpis.emplace_back(kv[0].get<std::string>(),
                          std::strtod(kv[1].get<std::string>().c_str(), nullptr));
    }
    rows.push_back(std::move(r));
  }
  return rows;
}

std::string receive_text(int source, int tag, MPI_Status* status_out) {
  MPI_Status status;
  MPI_Probe(source, tag, MPI_COMM_WORLD, &status);
  int bytes = 0;
  MPI_Get_count(&status, MPI_CHAR, &bytes);
  std::string text(static_cast<std::size_t>(bytes), '\0');
  MPI_Recv(text.data(), bytes, MPI_CHAR, status.MPI_SOURCE, tag, MPI_COMM_WORLD, &status);
  if (status_out != nullptr) *status_out = status;
  return text;
}

// Waits for a message without spinning a core: OpenMPI's blocking receive
// polls, which on a shared machine takes the core rank 0 computes on.
void wait_for(int source, int tag) {
  int flag = 0;
  MPI_Status status;
  while (true) {
    MPI_Iprobe(source, tag, MPI_COMM_WORLD, &flag, &status);
    if (flag) return;
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
}

void send_ids(int rank, const std::vector<std::int64_t>& ids) {
  MPI_Send(ids.data(), static_cast<int>(ids.size()), MPI_INT64_T, rank, kTagWork, MPI_COMM_WORLD);
}

std::vector<std::int64_t> take(std::deque<std::int64_t>& pending, std::size_t n) {
  std::vector<std::int64_t> out;
  while (!pending.empty() && out.size() < n) {
    out.push_back(pending.front());
    pending.pop_front();
  }
  return out;
}

int worker(const sweep::PreparedSweep& sweep, int threads) {
  std::vector<sweep::Row> rows;
  while (true) {
    const std::string text = encode(rows);
    MPI_Send(text.data(), static_cast<int>(text.size()), MPI_CHAR, 0, kTagRows, MPI_COMM_WORLD);
    wait_for(0, kTagWork);
    MPI_Status status;
    MPI_Probe(0, kTagWork, MPI_COMM_WORLD, &status);
    int n = 0;
    MPI_Get_count(&status, MPI_INT64_T, &n);
    std::vector<std::int64_t> ids(static_cast<std::size_t>(n));
    MPI_Recv(ids.data(), n, MPI_INT64_T, 0, kTagWork, MPI_COMM_WORLD, &status);
    if (ids.empty()) return 0;
    std::vector<sweep::Configuration> batch;
    batch.reserve(ids.size());
    for (const std::int64_t id : ids)
      batch.push_back(sweep.configs.at(static_cast<std::size_t>(id)));
    rows = sweep::evaluate_all(sweep.evaluator, batch, threads);
  }
}

}  // namespace

namespace {

// After the last batch: writes the sweep's outputs and, unless quiet, says
// what ran (`resumed`: configurations stored before this run).
void finish_sweep(const sweep::PreparedSweep& sweep, sweep::SweepStore& store,
                  const SweepOptions& options, int ranks, std::size_t resumed, double seconds) {
  sweep::write_outputs(sweep, store, options.out_dir);
  const std::size_t total = sweep.configs.size();
  sweep::SweepOutcome outcome{.total = total, .resumed = resumed, .ran = total - resumed};
  const sweep::RowCounts counts = sweep::count_rows(store.rows());
  outcome.done = counts.stored;
  outcome.invalid = counts.invalid;
  outcome.failed = counts.failed;
  if (!options.quiet) {
    std::printf(
        "%zu configurations on %d ranks: %zu stored before, %zu run now in %.1f s (%.1f per "
        "second); %zu invalid, %zu failed\n  results in %s/ (sweep.sqlite, pareto.csv, "
        "sweep.html)\n",
        total, ranks, outcome.resumed, outcome.ran, seconds,
        seconds > 0 ? static_cast<double>(outcome.ran) / seconds : 0.0, outcome.invalid,
        outcome.failed, options.out_dir.c_str());
  }
}

// Rank 0: hands out batches, stores what comes back, and computes too.
int coordinator(const sweep::PreparedSweep& sweep, const SweepOptions& options, int ranks) {
  sweep::SweepStore store = sweep::open_store(sweep, options.out_dir);
  const std::set<std::int64_t> stored = store.stored_ids();
  std::deque<std::int64_t> pending;
  for (const sweep::Configuration& c : sweep.configs) {
    if (stored.count(c.id) == 0) pending.push_back(c.id);
  }
  const std::size_t batch = sweep::batch_size(sweep.evaluator.definition(), options.threads);
  std::size_t done = stored.size();
  const std::size_t total = sweep.configs.size();
  ProgressBar bar("sweeping", "configurations");
  const auto progress = [&] {
    if (!options.quiet) bar.update(done, total);
  };
  progress();
  const auto started = std::chrono::steady_clock::now();
  int active = ranks - 1;
  std::vector<sweep::Configuration> own;  // rank 0's batch
  std::vector<sweep::Row> own_rows;
  std::size_t next_own = 0;
  const auto serve = [&] {
    int flag = 1;
    while (flag) {
      MPI_Status status;
      MPI_Iprobe(MPI_ANY_SOURCE, kTagRows, MPI_COMM_WORLD, &flag, &status);
      if (!flag) break;
      const std::string text = receive_text(status.MPI_SOURCE, kTagRows, nullptr);
      const std::vector<sweep::Row> rows = decode(text, sweep.configs);
      if (!rows.empty()) store.store(rows);
      done += rows.size();
      const std::vector<std::int64_t> ids = take(pending, batch);
      send_ids(status.MPI_SOURCE, ids);
      if (ids.empty()) --active;
      progress();
    }
  };
  while (true) {
    serve();
    if (next_own == own.size()) {
      if (!own_rows.empty()) {
        store.store(own_rows);
        done += own_rows.size();
        own_rows.clear();
        progress();
      }
      own.clear();
      next_own = 0;
      for (const std::int64_t id : take(pending, batch)) {
        own.push_back(sweep.configs.at(static_cast<std::size_t>(id)));
      }
    }
    if (own.empty()) {
      if (active == 0) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(1));  // nothing of its own: wait
      continue;
    }
    // A few configurations (one per thread) between looks for requests.
    const std::size_t n =
        std::min<std::size_t>(static_cast<std::size_t>(options.threads), own.size() - next_own);
    for (sweep::Row& r : sweep::evaluate_all(sweep.evaluator, std::span(own).subspan(next_own, n),
                                             options.threads)) {
      own_rows.push_back(std::move(r));
    }
    next_own += n;
  }
  bar.finish();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  finish_sweep(sweep, store, options, ranks, stored.size(), seconds);
  return 0;
}

// MPI_Init on construction, MPI_Finalize however the rank ends.
class MpiSession {
 public:
  MpiSession() {
    int provided = 0;
    MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
  }
  ~MpiSession() { MPI_Finalize(); }
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;
};

}  // namespace

bool launched_by_mpirun() {
  return std::getenv("OMPI_COMM_WORLD_SIZE") != nullptr || std::getenv("PMI_SIZE") != nullptr ||
         std::getenv("PMIX_RANK") != nullptr;
}

int sweep_mpi_command(const SweepOptions& options) {
  const MpiSession session;
  int rank = 0;
  int ranks = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &ranks);
  // Every rank reads and checks the same files and so fails alike: only rank
  // 0 reports it, and no rank is left waiting.
  std::optional<sweep::PreparedSweep> sweep;
  try {
    sweep.emplace(sweep::prepare_sweep(options.sweep_file));
  } catch (const InputError& e) {
    if (rank == 0) std::fprintf(stderr, "%s\n", e.what());
    return 2;
  }
  if (rank == 0) return coordinator(*sweep, options, ranks);
  return worker(*sweep, options.threads);
}

}  // namespace shapan::cli
