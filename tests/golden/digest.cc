// One pass over a run's timeseries.csv: per-column digests (count, sum, min,
// max, hash of the values rounded to the column's decimals), the excerpt rows
// kept in full, and the problems found (unknown columns, bad cells, bounds).
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "golden.h"

namespace shapan::golden {
namespace {

// FNV-1a, 64 bit (Fowler, Noll, Vo; IETF draft-eastlake-fnv): small, stable
// across platforms and compilers, and enough to tell two columns apart.
constexpr std::uint64_t kFnvOffsetBasis = 14695981039346656037ULL;
constexpr std::uint64_t kFnvPrime = 1099511628211ULL;

void fnv1a(std::uint64_t& hash, std::string_view bytes) {
  for (const char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= kFnvPrime;
  }
}

void fnv1a(std::uint64_t& hash, std::int64_t value) {
  // Little-endian bytes of the value, whatever the host's order.
  auto u = static_cast<std::uint64_t>(value);
  for (int i = 0; i < 8; ++i) {
    hash ^= u & 0xFFU;
    hash *= kFnvPrime;
    u >>= 8U;
  }
}

std::vector<std::string_view> split(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (;;) {
    const std::size_t comma = line.find(',', start);
    out.push_back(line.substr(start, comma == std::string_view::npos ? comma : comma - start));
    if (comma == std::string_view::npos) return out;
    start = comma + 1;
  }
}

enum class Kind { kText, kBound, kDecimals };

struct ColumnState {
  std::string name;
  Kind kind = Kind::kDecimals;
  int decimals = 0;
  double scale = 1.0;  // 10^decimals
  double bound = 0.0;
  std::size_t count = 0;
  double sum = 0.0;
  double min = std::numeric_limits<double>::infinity();
  double max = -std::numeric_limits<double>::infinity();
  std::uint64_t hash = kFnvOffsetBasis;
  std::string first;
  std::string last;
  std::size_t beyond_bound = 0;
  double worst_abs = 0.0;
  std::size_t worst_row = 0;
};

ColumnState column_state(const std::string& name, const Rules& rules,
                         std::vector<std::string>& problems) {
  ColumnState c;
  c.name = name;
  if (std::find(rules.text_columns.begin(), rules.text_columns.end(), name) !=
      rules.text_columns.end()) {
    c.kind = Kind::kText;
  } else if (const auto b = rules.column_bound.find(name); b != rules.column_bound.end()) {
    c.kind = Kind::kBound;
    c.bound = b->second;
  } else if (const auto d = rules.column_decimals.find(name); d != rules.column_decimals.end()) {
    c.decimals = d->second;
    c.scale = std::pow(10.0, d->second);
  } else {
    problems.push_back(fmt::format(
        "timeseries column {}: no decimals stated for it in tests/scenarios/tolerances.toml "
        "([timeseries.decimals], [timeseries.bound] or text_columns); add it there",
        name));
    c.kind = Kind::kText;  // still digested, so the rest of the scan goes on
  }
  return c;
}

void add_number(ColumnState& c, std::string_view cell, std::size_t row,
                std::vector<std::string>& problems) {
  double v = 0.0;
  const auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), v);
  if (ec != std::errc() || end != cell.data() + cell.size() || !std::isfinite(v)) {
    if (problems.size() < 20) {
      problems.push_back(fmt::format("timeseries row {} column {}: \"{}\" is not a finite number",
                                     row, c.name, cell));
    }
    return;
  }
  ++c.count;
  if (c.kind == Kind::kBound) {
    if (std::abs(v) > c.bound) ++c.beyond_bound;
    if (std::abs(v) > c.worst_abs) {
      c.worst_abs = std::abs(v);
      c.worst_row = row;
    }
    return;
  }
  c.sum += v;
  c.min = std::min(c.min, v);
  c.max = std::max(c.max, v);
  fnv1a(c.hash, std::llround(v * c.scale));
}

void add_cell(ColumnState& c, std::string_view cell, std::size_t row,
              std::vector<std::string>& problems) {
  if (c.kind != Kind::kText) {
    add_number(c, cell, row, problems);
    return;
  }
  if (c.count == 0) c.first = cell;
  c.last = cell;
  ++c.count;
  fnv1a(c.hash, cell);
  fnv1a(c.hash, std::string_view("\n"));
}

// Fixed decimals without a sign on zero ("-0.000" reads as a change that is not one).
std::string fixed(double v, int decimals) {
  std::string s = fmt::format("{:.{}f}", v, decimals);
  if (s.front() == '-' && s.find_first_not_of("-0.") == std::string::npos) s.erase(0, 1);
  return s;
}

// An excerpt line without the cells of bounded columns: those hold round-off
// noise (the ledger's error) that would change the file at every refactoring.
std::string excerpt_line(std::string_view line, const std::vector<ColumnState>& columns) {
  const std::vector<std::string_view> cells = split(line);
  std::string out;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i < columns.size() && columns[i].kind == Kind::kBound) continue;
    if (!out.empty()) out += ',';
    out += cells[i];
  }
  return out;
}

ColumnDigest finish(const ColumnState& c, std::vector<std::string>& problems) {
  ColumnDigest d{.name = c.name, .count = c.count};
  switch (c.kind) {
    case Kind::kText:
      d.kind = "text";
      d.min = c.first;
      d.max = c.last;
      d.hash = fmt::format("{:016x}", c.hash);
      break;
    case Kind::kBound:
      d.kind = "bound";
      if (c.beyond_bound > 0) {
        problems.push_back(fmt::format(
            "timeseries column {}: {} of {} values beyond the bound |value| <= {:g}; the largest, "
            "{:.3g}, at row {}",
            c.name, c.beyond_bound, c.count, c.bound, c.worst_abs, c.worst_row));
      }
      break;
    case Kind::kDecimals:
      d.kind = std::to_string(c.decimals);
      if (c.count > 0) {
        d.sum = fixed(c.sum, c.decimals);
        d.min = fixed(c.min, c.decimals);
        d.max = fixed(c.max, c.decimals);
      }
      d.hash = fmt::format("{:016x}", c.hash);
      break;
  }
  return d;
}

}  // namespace

TimeseriesScan scan_timeseries(const std::filesystem::path& csv, const Rules& rules,
                               std::size_t excerpt_first_row, std::size_t excerpt_rows) {
  std::ifstream in(csv, std::ios::binary);
  if (!in) throw std::runtime_error(fmt::format("{}: cannot open", csv.string()));
  TimeseriesScan scan;
  std::string line;
  if (!std::getline(in, line)) {
    scan.problems.push_back(fmt::format("{}: empty file", csv.string()));
    return scan;
  }
  std::vector<ColumnState> columns;
  for (const std::string_view name : split(line)) {
    columns.push_back(column_state(std::string(name), rules, scan.problems));
  }
  scan.excerpt.push_back(excerpt_line(line, columns));
  std::size_t row = 0;
  for (; std::getline(in, line); ++row) {
    if (row >= excerpt_first_row && row < excerpt_first_row + excerpt_rows) {
      scan.excerpt.push_back(excerpt_line(line, columns));
    }
    const std::vector<std::string_view> cells = split(line);
    if (cells.size() != columns.size()) {
      scan.problems.push_back(fmt::format("timeseries row {}: {} cells for {} columns", row,
                                          cells.size(), columns.size()));
      continue;
    }
    for (std::size_t i = 0; i < cells.size(); ++i)
      add_cell(columns[i], cells[i], row, scan.problems);
  }
  if (row < excerpt_first_row + excerpt_rows) {
    scan.problems.push_back(
        fmt::format("timeseries has {} rows: the excerpt (rows {}..{}) is "
                    "beyond its end; fix excerpt_first_row in case.toml",
                    row, excerpt_first_row, excerpt_first_row + excerpt_rows - 1));
  }
  scan.digests.reserve(columns.size());
  for (const ColumnState& c : columns) scan.digests.push_back(finish(c, scan.problems));
  return scan;
}

std::string digests_to_csv(const std::vector<ColumnDigest>& digests) {
  std::string out = "column,kind,count,sum,min,max,hash\n";
  for (const ColumnDigest& d : digests) {
    out +=
        fmt::format("{},{},{},{},{},{},{}\n", d.name, d.kind, d.count, d.sum, d.min, d.max, d.hash);
  }
  return out;
}

std::vector<ColumnDigest> digests_from_csv(const std::string& text) {
  std::istringstream in(text);
  std::string line;
  std::getline(in, line);
  if (line != "column,kind,count,sum,min,max,hash") {
    throw std::runtime_error("timeseries_digest.csv: unexpected header \"" + line + "\"");
  }
  std::vector<ColumnDigest> out;
  while (std::getline(in, line)) {
    const std::vector<std::string_view> f = split(line);
    std::size_t count = 0;
    if (f.size() != 7 ||
        std::from_chars(f[2].data(), f[2].data() + f[2].size(), count).ec != std::errc()) {
      throw std::runtime_error("timeseries_digest.csv: bad line \"" + line + "\"");
    }
    out.push_back(ColumnDigest{.name = std::string(f[0]),
                               .kind = std::string(f[1]),
                               .count = count,
                               .sum = std::string(f[3]),
                               .min = std::string(f[4]),
                               .max = std::string(f[5]),
                               .hash = std::string(f[6])});
  }
  return out;
}

}  // namespace shapan::golden
