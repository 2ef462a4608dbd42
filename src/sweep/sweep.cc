#include "shapan/sweep/sweep.h"

#include <fmt/format.h>

#include <chrono>
#include <system_error>

#include "shapan/metrics/writers.h"
#include "shapan/sweep/pareto.h"
#include "shapan/sweep/report_html.h"

namespace shapan::sweep {

PreparedSweep prepare_sweep(const std::filesystem::path& sweep_file) {
  Evaluator evaluator(read_definition(sweep_file));
  evaluator.check_axes();
  evaluator.check_kpis();
  std::vector<Configuration> configs = configurations(evaluator.definition());
  std::string hash = definition_hash(evaluator.definition(), evaluator.base_text(), configs);
  return PreparedSweep{
      .evaluator = std::move(evaluator), .configs = std::move(configs), .hash = std::move(hash)};
}

SweepStore open_store(const PreparedSweep& sweep, const std::filesystem::path& out_dir) {
  std::error_code ec;
  std::filesystem::create_directories(out_dir, ec);
  if (ec) {
    throw std::runtime_error(
        fmt::format("{}: cannot create the folder: {}", out_dir.string(), ec.message()));
  }
  return SweepStore(out_dir / "sweep.sqlite", sweep.evaluator.definition(), sweep.hash,
                    sweep.configs.size());
}

std::size_t batch_size(const SweepDefinition& definition, int threads) {
  if (definition.batch > 0) return static_cast<std::size_t>(definition.batch);
  return static_cast<std::size_t>(16 * std::max(1, threads));
}

void write_outputs(const PreparedSweep& sweep, SweepStore& store,
                   const std::filesystem::path& out_dir) {
  const SweepDefinition& d = sweep.evaluator.definition();
  store.mark_filter(d.filter);
  const std::vector<StoredRow> rows = store.rows();
  metrics::write_file_atomically(out_dir / "pareto.csv", pareto_csv(d, sweep.configs, rows));
  metrics::write_file_atomically(out_dir / "front.json", front_json(d, sweep.configs, rows));
  metrics::write_file_atomically(out_dir / "sweep.html", sweep_html(d, sweep.configs, rows));
}

RowCounts count_rows(const std::vector<StoredRow>& rows) {
  RowCounts c{.stored = rows.size()};
  for (const StoredRow& r : rows) {
    c.invalid += r.status == "invalid" ? 1 : 0;
    c.failed += r.status == "failed" ? 1 : 0;
  }
  return c;
}

SweepOutcome run_sweep(const std::filesystem::path& sweep_file,
                       const std::filesystem::path& out_dir, int threads,
                       const RowProgress& progress) {
  const PreparedSweep sweep = prepare_sweep(sweep_file);
  SweepStore store = open_store(sweep, out_dir);
  const std::set<std::int64_t> stored = store.stored_ids();
  std::vector<Configuration> todo;
  todo.reserve(sweep.configs.size() - std::min(sweep.configs.size(), stored.size()));
  for (const Configuration& c : sweep.configs) {
    if (stored.count(c.id) == 0) todo.push_back(c);
  }
  SweepOutcome outcome{.total = sweep.configs.size(), .resumed = stored.size()};
  const std::size_t batch = batch_size(sweep.evaluator.definition(), threads);
  const auto started = std::chrono::steady_clock::now();
  if (progress) progress(stored.size(), outcome.total);
  for (std::size_t begin = 0; begin < todo.size(); begin += batch) {
    const std::size_t n = std::min(batch, todo.size() - begin);
    const std::vector<Row> rows =
        evaluate_all(sweep.evaluator, std::span(todo).subspan(begin, n), threads);
    store.store(rows);
    outcome.ran += n;
    if (progress) progress(stored.size() + outcome.ran, outcome.total);
  }
  outcome.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  write_outputs(sweep, store, out_dir);
  const RowCounts counts = count_rows(store.rows());
  outcome.done = counts.stored;
  outcome.invalid = counts.invalid;
  outcome.failed = counts.failed;
  return outcome;
}

}  // namespace shapan::sweep
