// Reading delimited text files (CSV and friends) with line numbers kept, so
// that every value read from a file can be blamed on its file:line:column.
//
// Quoted cells ("a,b") and doubled quotes are handled; a UTF-8 byte-order mark
// is skipped; CRLF and LF line ends are both accepted.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shapan/core/files.h"

namespace shapan {

struct CsvRow {
  int line = 0;  // 1-based line number in the file
  std::vector<std::string> cells;
};

struct CsvTable {
  std::string source;  // the file path as given, for messages
  std::vector<CsvRow> rows;
};

// Reads every non-empty line of `path` through `files`. Throws InputError if
// the file cannot be read (naming the path) or a quote is left open.
CsvTable read_csv(const std::filesystem::path& path, char separator = ',',
                  const Files& files = local_files());
// Splits text that is already in memory; `source` is used in messages.
CsvTable parse_csv(std::string_view text, std::string source, char separator = ',');

// Reads cell `column` (0-based) of `row` as a number. Throws InputError naming
// source:line:column and `field` when the cell is absent, empty or not a number.
double cell_double(const CsvTable& table, const CsvRow& row, std::size_t column,
                   std::string_view field);
int cell_int(const CsvTable& table, const CsvRow& row, std::size_t column, std::string_view field);
// The cell as text; throws InputError when the row is too short.
const std::string& cell_text(const CsvTable& table, const CsvRow& row, std::size_t column,
                             std::string_view field);

// Parses a whole-string number; nullopt for empty text, trailing junk, or a
// non-finite value.
std::optional<double> parse_double(std::string_view text);

// Index of the header cell equal to `name` (case-insensitive, surrounding
// spaces ignored), or nullopt.
std::optional<std::size_t> find_column(const CsvRow& header, std::string_view name);

// Index of column `name` in the table's first row (its header). Throws
// InputError naming the file, the header's line and the column when the table
// is empty or the header has no such column.
std::size_t require_column(const CsvTable& table, std::string_view name);

}  // namespace shapan
