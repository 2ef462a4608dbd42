#include "shapan/optimize/lp.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <utility>

#include "shapan/core/assert.h"

namespace shapan::optimize {
namespace {

// Running min/max of nonzero finite magnitudes.
struct Span {
  double min_abs = kInf;
  double max_abs = 0.0;
  bool add(double v) {
    const double a = std::abs(v);
    if (a == 0.0 || !std::isfinite(a)) return false;
    const bool new_min = a < min_abs;
    min_abs = std::min(min_abs, a);
    max_abs = std::max(max_abs, a);
    return new_min;
  }
  double lo() const { return max_abs == 0.0 ? 0.0 : min_abs; }
};

}  // namespace

double CoefficientRange::matrix_ratio() const {
  return matrix_min_abs > 0.0 ? matrix_max_abs / matrix_min_abs : 1.0;
}

int LpModel::add_column(std::string name, double lower, double upper, double cost, bool integer) {
  columns_.push_back(Column{
      .name = std::move(name), .lower = lower, .upper = upper, .cost = cost, .integer = integer});
  return static_cast<int>(columns_.size()) - 1;
}

int LpModel::add_row(std::string name, double lower, double upper) {
  rows_.push_back(Row{.name = std::move(name), .lower = lower, .upper = upper});
  return static_cast<int>(rows_.size()) - 1;
}

void LpModel::add_entry(int row, int column, double value) {
  SHAPAN_ASSERT(row >= 0 && static_cast<std::size_t>(row) < rows_.size(), "row out of range");
  SHAPAN_ASSERT(column >= 0 && static_cast<std::size_t>(column) < columns_.size(),
                "column out of range");
  if (value == 0.0) return;
  entries_.push_back(Entry{.row = row, .column = column, .value = value});
}

void LpModel::set_column_bounds(int column, double lower, double upper) {
  columns_.at(static_cast<std::size_t>(column)).lower = lower;
  columns_.at(static_cast<std::size_t>(column)).upper = upper;
}

void LpModel::set_integer(int column, bool integer) {
  columns_.at(static_cast<std::size_t>(column)).integer = integer;
}

void LpModel::set_row_bounds(int row, double lower, double upper) {
  rows_.at(static_cast<std::size_t>(row)).lower = lower;
  rows_.at(static_cast<std::size_t>(row)).upper = upper;
}

void LpModel::set_cost(int column, double cost) {
  columns_.at(static_cast<std::size_t>(column)).cost = cost;
}

void LpModel::reserve(std::size_t columns, std::size_t rows, std::size_t entries) {
  columns_.reserve(columns);
  rows_.reserve(rows);
  entries_.reserve(entries);
}

bool LpModel::has_integers() const {
  return std::any_of(columns_.begin(), columns_.end(), [](const Column& c) { return c.integer; });
}

CoefficientRange LpModel::coefficient_range() const {
  CoefficientRange r;
  Span matrix;
  const Entry* smallest = nullptr;
  const Entry* largest = nullptr;
  for (const Entry& e : entries_) {
    const double before_max = matrix.max_abs;
    if (matrix.add(e.value)) smallest = &e;
    if (matrix.max_abs > before_max) largest = &e;
  }
  Span cost;
  Span bound;
  for (const Column& c : columns_) {
    cost.add(c.cost);
    bound.add(c.lower);
    bound.add(c.upper);
  }
  for (const Row& row : rows_) {
    bound.add(row.lower);
    bound.add(row.upper);
  }
  const auto where = [&](const Entry* e) {
    if (e == nullptr) return std::string();
    return rows_[static_cast<std::size_t>(e->row)].name + " / " +
           columns_[static_cast<std::size_t>(e->column)].name;
  };
  r.matrix_min_abs = matrix.lo();
  r.matrix_max_abs = matrix.max_abs;
  r.cost_min_abs = cost.lo();
  r.cost_max_abs = cost.max_abs;
  r.bound_min_abs = bound.lo();
  r.bound_max_abs = bound.max_abs;
  r.matrix_min_at = where(smallest);
  r.matrix_max_at = where(largest);
  return r;
}

std::vector<std::string> LpModel::check() const {
  std::vector<std::string> out;
  for (const Entry& e : entries_) {
    if (!std::isfinite(e.value)) {
      out.push_back(fmt::format("matrix entry {} / {} = {}: must be finite",
                                rows_[static_cast<std::size_t>(e.row)].name,
                                columns_[static_cast<std::size_t>(e.column)].name, e.value));
    }
  }
  for (const Column& c : columns_) {
    if (!std::isfinite(c.cost)) {
      out.push_back(fmt::format("column {}: cost = {}: must be finite", c.name, c.cost));
    }
    if (std::isnan(c.lower) || std::isnan(c.upper) || c.lower > c.upper || c.lower == kInf ||
        c.upper == -kInf) {
      out.push_back(
          fmt::format("column {}: bounds [{}, {}]: need -inf <= lower <= upper <= inf "
                      "with lower < inf and upper > -inf",
                      c.name, c.lower, c.upper));
    }
  }
  for (const Row& row : rows_) {
    if (std::isnan(row.lower) || std::isnan(row.upper) || row.lower > row.upper ||
        row.lower == kInf || row.upper == -kInf) {
      out.push_back(
          fmt::format("row {}: bounds [{}, {}]: need lower <= upper, lower < inf and "
                      "upper > -inf",
                      row.name, row.lower, row.upper));
    }
  }
  return out;
}

std::vector<std::string> check_model(const LpModel& model) {
  std::vector<std::string> out = model.check();
  const CoefficientRange r = model.coefficient_range();
  if (r.matrix_ratio() > kMaxMatrixRatio) {
    out.push_back(
        fmt::format("matrix coefficients span {:.3g} (|a| from {:.3g} at {} to {:.3g} at {}): more "
                    "than {:.0e}; "
                    "rescale the units (MW, MWh) or drop negligible coefficients",
                    r.matrix_ratio(), r.matrix_min_abs, r.matrix_min_at, r.matrix_max_abs,
                    r.matrix_max_at, kMaxMatrixRatio));
  }
  return out;
}

}  // namespace shapan::optimize
