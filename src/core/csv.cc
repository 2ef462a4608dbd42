#include "shapan/core/csv.h"

#include <fmt/format.h>

#include <cctype>
#include <charconv>
#include <cmath>

#include "shapan/core/error.h"

namespace shapan {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

}  // namespace

CsvTable parse_csv(std::string_view text, std::string source, char separator) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  CsvTable table{.source = std::move(source), .rows = {}};
  int line = 1;
  std::size_t i = 0;
  while (i < text.size()) {
    CsvRow row{.line = line, .cells = {}};
    std::string cell;
    bool in_quotes = false;
    bool any = false;
    for (; i < text.size(); ++i) {
      const char c = text[i];
      if (in_quotes) {
        if (c == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            cell += '"';
            ++i;
          } else {
            in_quotes = false;
          }
        } else {
          if (c == '\n') ++line;
          cell += c;
        }
        continue;
      }
      if (c == '"') {
        in_quotes = true;
        any = true;
      } else if (c == separator) {
        row.cells.push_back(std::move(cell));
        cell.clear();
        any = true;
      } else if (c == '\n') {
        ++i;
        break;
      } else if (c != '\r') {
        cell += c;
        any = true;
      }
    }
    if (in_quotes) {
      throw_input_error(table.source, row.line, 0, "", "a quoted cell is not closed");
    }
    row.cells.push_back(std::move(cell));
    if (any) table.rows.push_back(std::move(row));
    ++line;
  }
  return table;
}

CsvTable read_csv(const std::filesystem::path& path, char separator, const Files& files) {
  return parse_csv(files.read(path), path.string(), separator);
}

std::optional<double> parse_double(std::string_view text) {
  text = trim(text);
  if (text.empty()) return std::nullopt;
  if (text.front() == '+') text.remove_prefix(1);
  double v = 0.0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || ptr != text.data() + text.size() || !std::isfinite(v)) {
    return std::nullopt;
  }
  return v;
}

const std::string& cell_text(const CsvTable& table, const CsvRow& row, std::size_t column,
                             std::string_view field) {
  if (column >= row.cells.size()) {
    throw_input_error(
        table.source, row.line, 0, std::string(field),
        fmt::format("the row has {} columns; expected at least {}", row.cells.size(), column + 1));
  }
  return row.cells[column];
}

double cell_double(const CsvTable& table, const CsvRow& row, std::size_t column,
                   std::string_view field) {
  const std::string& text = cell_text(table, row, column, field);
  const auto v = parse_double(text);
  if (!v) {
    throw_input_error(table.source, row.line, static_cast<int>(column) + 1, std::string(field),
                      fmt::format("expected a number, found '{}'", text));
  }
  return *v;
}

int cell_int(const CsvTable& table, const CsvRow& row, std::size_t column, std::string_view field) {
  const double v = cell_double(table, row, column, field);
  if (v != std::floor(v) || std::abs(v) > 2e9) {
    throw_input_error(table.source, row.line, static_cast<int>(column) + 1, std::string(field),
                      fmt::format("expected a whole number, found '{}'", row.cells[column]));
  }
  return static_cast<int>(v);
}

std::optional<std::size_t> find_column(const CsvRow& header, std::string_view name) {
  for (std::size_t i = 0; i < header.cells.size(); ++i) {
    const std::string_view cell = trim(header.cells[i]);
    if (cell.size() != name.size()) continue;
    bool same = true;
    for (std::size_t k = 0; k < cell.size() && same; ++k) {
      same = std::tolower(static_cast<unsigned char>(cell[k])) ==
             std::tolower(static_cast<unsigned char>(name[k]));
    }
    if (same) return i;
  }
  return std::nullopt;
}

std::size_t require_column(const CsvTable& table, std::string_view name) {
  if (table.rows.empty()) {
    throw_input_error(table.source, 0, 0, std::string(name), "the file is empty: no header row");
  }
  const auto column = find_column(table.rows.front(), name);
  if (!column) {
    throw_input_error(table.source, table.rows.front().line, 0, std::string(name),
                      "missing column in the header");
  }
  return *column;
}

}  // namespace shapan
