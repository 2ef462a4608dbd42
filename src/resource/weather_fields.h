// Pieces shared by the weather readers (private to the resource module):
// reading one numeric field with its missing-value code and physical range,
// reading the calendar columns, and laying a year of hourly rows onto one
// calendar year.
#pragma once

#include <cstddef>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "shapan/core/csv.h"
#include "shapan/resource/weather.h"

namespace shapan::resource::detail {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
inline constexpr double kInf = std::numeric_limits<double>::infinity();

// One numeric column of a weather file. The range and the missing codes are in
// the file's own unit; `scale` converts to the WeatherSeries unit.
struct FieldSpec {
  std::string_view name;  // as the format's documentation or header names it
  std::string_view unit;  // the file's unit, for messages
  double lo = -kInf;      // physically possible range (checked on non-missing values)
  double hi = kInf;
  double missing_at_or_above = kInf;   // EPW codes (9999, 999, 99.9, ...)
  double missing_at_or_below = -kInf;  // TMY3 -9900, NSRDB -9999
  double scale = 1.0;
};

// The cell in series units, or NaN when it holds a missing code. Throws
// InputError (source:line:column) for a non-number or an out-of-range value.
double read_field(const CsvTable& table, const CsvRow& row, std::size_t column,
                  const FieldSpec& spec);

// A whole number in [lo, hi] (month, day, hour); InputError otherwise.
int read_int_in_range(const CsvTable& table, const CsvRow& row, std::size_t column,
                      std::string_view name, int lo, int hi);
// Throws InputError at `row` (column `column`) unless day is a day of month
// (29 February is accepted here; lay_out_year decides whether it may be there).
void check_day_of_month(const CsvTable& table, const CsvRow& row, std::size_t column, int month,
                        int day);

// Throws InputError unless the row has exactly `count` cells.
void require_columns(const CsvTable& table, const CsvRow& row, std::size_t count,
                     std::string_view what);

// The calendar stamp of one data row, already converted to the interval-start
// hour (0..23) in the zone of the file's stamps.
struct RowStamp {
  int line = 0;
  int year = 0;
  int month = 1;
  int day = 1;
  int hour = 0;
};

struct YearLayout {
  int year = 2001;            // calendar year the rows are laid on
  bool insert_feb29 = false;  // the rows skip 29 Feb of a leap year
  std::size_t row_count = 0;  // rows the file must have
};

// Nominal years for typical-year files whose rows come from different years:
// 2001 (not leap) or, when the rows contain 29 February, 2000.
inline constexpr int kNominalYear = 2001;
inline constexpr int kNominalLeapYear = 2000;

// Decides the calendar year of a year of hourly rows and checks that the rows
// run hour by hour from 1 January 00:00 to 31 December 23:00:
//  - all rows carry one year Y: Y (a leap Y without 29 Feb rows gets them
//    inserted from 28 Feb, see insert_feb29);
//  - rows from several years (a typical year): kNominalYear, or
//    kNominalLeapYear when 29 Feb is present.
// `hour_base` is added to hours in messages (1 for hour-ending files that
// number hours 1..24). `last_line` is the file's last line, for a truncated
// file. Throws InputError for a row out of sequence, 29 Feb in a non-leap
// year, too few or too many rows.
YearLayout lay_out_year(const CsvTable& table, std::span<const RowStamp> rows, int hour_base,
                        int last_line);

// Row count of a calendar year of hourly rows.
std::size_t hours_in_year(int year);

// A series with `n` NaN values in every field, starting at `start`, hourly.
WeatherSeries make_series(std::string source, WeatherLocation location, std::size_t n);
// Inserts 24 hours for 29 Feb, copied from 28 Feb, into every vector of a
// 365-day series (so that a leap-year file without 29 Feb stays on its year).
void insert_feb29(WeatherSeries& series);

// Fills missing values and defaults and checks the required fields
// (missing_values.cc; rules in docs/weather.md). Throws InputError naming the
// source when a required field is missing in every row.
void finish_series(WeatherSeries& series);

// The format readers. Each takes the whole file as CSV rows.
WeatherSeries read_epw(const CsvTable& table);
WeatherSeries read_tmy3(const CsvTable& table);
WeatherSeries read_sam_csv(const CsvTable& table);
WeatherSeries read_srw(const CsvTable& table);

}  // namespace shapan::resource::detail
