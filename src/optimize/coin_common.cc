#include "coin_common.h"

#include <CoinFinite.hpp>
#include <algorithm>
#include <numeric>

namespace shapan::optimize::coin {
namespace {

double to_coin(double bound) {
  if (bound == kInf) return COIN_DBL_MAX;
  if (bound == -kInf) return -COIN_DBL_MAX;
  return bound;
}

}  // namespace

CompressedModel compress(const LpModel& model) {
  CompressedModel m;
  m.num_columns = static_cast<int>(model.columns().size());
  m.num_rows = static_cast<int>(model.rows().size());
  const std::vector<Entry>& entries = model.entries();
  // Counting sort by column, then by row within each column.
  std::vector<int> count(static_cast<std::size_t>(m.num_columns) + 1, 0);
  for (const Entry& e : entries) ++count[static_cast<std::size_t>(e.column) + 1];
  std::partial_sum(count.begin(), count.end(), count.begin());
  std::vector<int> order(entries.size());
  std::vector<int> next(count.begin(), count.end() - 1);
  for (std::size_t k = 0; k < entries.size(); ++k) {
    order[static_cast<std::size_t>(next[static_cast<std::size_t>(entries[k].column)]++)] =
        static_cast<int>(k);
  }
  m.start.reserve(static_cast<std::size_t>(m.num_columns) + 1);
  m.index.reserve(entries.size());
  m.value.reserve(entries.size());
  m.start.push_back(0);
  for (int j = 0; j < m.num_columns; ++j) {
    const auto begin = order.begin() + count[static_cast<std::size_t>(j)];
    const auto end = order.begin() + count[static_cast<std::size_t>(j) + 1];
    std::sort(begin, end, [&](int a, int b) {
      return entries[static_cast<std::size_t>(a)].row < entries[static_cast<std::size_t>(b)].row;
    });
    for (auto it = begin; it != end; ++it) {
      const Entry& e = entries[static_cast<std::size_t>(*it)];
      if (!m.index.empty() && static_cast<int>(m.index.size()) > m.start.back() &&
          m.index.back() == e.row) {
        m.value.back() += e.value;
      } else {
        m.index.push_back(e.row);
        m.value.push_back(e.value);
      }
    }
    m.start.push_back(static_cast<int>(m.index.size()));
  }
  m.column_lower.reserve(static_cast<std::size_t>(m.num_columns));
  m.column_upper.reserve(static_cast<std::size_t>(m.num_columns));
  m.cost.reserve(static_cast<std::size_t>(m.num_columns));
  for (const Column& c : model.columns()) {
    m.column_lower.push_back(to_coin(c.lower));
    m.column_upper.push_back(to_coin(c.upper));
    m.cost.push_back(c.cost);
  }
  m.row_lower.reserve(static_cast<std::size_t>(m.num_rows));
  m.row_upper.reserve(static_cast<std::size_t>(m.num_rows));
  for (const Row& r : model.rows()) {
    m.row_lower.push_back(to_coin(r.lower));
    m.row_upper.push_back(to_coin(r.upper));
  }
  return m;
}

std::string model_problems(const LpModel& model, const SolveOptions& options) {
  std::string out;
  for (const std::string& problem :
       options.check_coefficients ? check_model(model) : model.check()) {
    if (!out.empty()) out += "; ";
    out += problem;
  }
  return out;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace shapan::optimize::coin
