// A solver-neutral sparse linear (or mixed-integer) program.
//
//   minimise    c'x + objective_offset
//   subject to  row_lower <= A x <= row_upper
//               col_lower <=   x <= col_upper,  x_j integer where asked
//
// Columns and rows carry names for reports ("grid_import_mw[17]"). Bounds may
// be infinite (kInf); an equality row has lower == upper. The matrix is kept
// as (row, column, value) triplets; entries added twice to the same place are
// summed by the solver adapters. Units are the caller's: STYLE.md §4 asks for
// MW, MWh and money per MWh so that coefficients stay near 1, and
// check_coefficients() reports how far they spread before a solve.
// Thread-safety: a const LpModel may be shared; building one is not
// thread-safe.
#pragma once

#include <cstddef>
#include <limits>
#include <string>
#include <vector>

namespace shapan::optimize {

inline constexpr double kInf = std::numeric_limits<double>::infinity();

struct Column {
  std::string name;
  double lower = 0.0;
  double upper = kInf;
  double cost = 0.0;  // objective coefficient
  bool integer = false;
};

struct Row {
  std::string name;
  double lower = -kInf;
  double upper = kInf;
};

struct Entry {
  int row = 0;
  int column = 0;
  double value = 0.0;
};

// The spread of the model's nonzero magnitudes (smallest and largest |value|
// over the matrix, the costs and the finite nonzero bounds), and the places
// where the matrix extremes sit, for messages.
struct CoefficientRange {
  double matrix_min_abs = 0.0;
  double matrix_max_abs = 0.0;
  double cost_min_abs = 0.0;
  double cost_max_abs = 0.0;
  double bound_min_abs = 0.0;  // column and row bounds, finite and nonzero
  double bound_max_abs = 0.0;
  std::string matrix_min_at;  // "row name / column name"
  std::string matrix_max_at;
  // max/min of the matrix magnitudes (1 for an empty matrix).
  double matrix_ratio() const;
};

class LpModel {
 public:
  // Each returns the new column's or row's index.
  int add_column(std::string name, double lower, double upper, double cost, bool integer = false);
  int add_row(std::string name, double lower, double upper);
  // Requires: row and column exist. Zero values are skipped.
  void add_entry(int row, int column, double value);

  void set_column_bounds(int column, double lower, double upper);
  void set_row_bounds(int row, double lower, double upper);
  void set_cost(int column, double cost);
  void set_integer(int column, bool integer);
  void set_objective_offset(double offset) { objective_offset_ = offset; }

  void reserve(std::size_t columns, std::size_t rows, std::size_t entries);

  const std::vector<Column>& columns() const { return columns_; }
  const std::vector<Row>& rows() const { return rows_; }
  const std::vector<Entry>& entries() const { return entries_; }
  double objective_offset() const { return objective_offset_; }
  bool has_integers() const;

  CoefficientRange coefficient_range() const;
  // Problems that make the model unsolvable as given: a NaN or infinite
  // matrix value or cost, lower > upper, a bound of +inf below or -inf
  // above. Empty when the model is well formed.
  std::vector<std::string> check() const;

 private:
  std::vector<Column> columns_;
  std::vector<Row> rows_;
  std::vector<Entry> entries_;
  double objective_offset_ = 0.0;
};

// The largest matrix_ratio() a model may have before check_model() refuses it:
// beyond ~1e9 double-precision simplex loses the digits a 1e-9 answer needs.
inline constexpr double kMaxMatrixRatio = 1e9;

// check() plus the coefficient range: a message per problem (empty = fine).
std::vector<std::string> check_model(const LpModel& model);

}  // namespace shapan::optimize
