// The delimited-text reader under every CSV parser (src/core/csv.cc): split
// the input, then read every cell as a number, an integer and text.
#include "shapan/core/csv.h"

#include "fuzz_common.h"
#include "shapan/core/error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    const shapan::CsvTable table = shapan::parse_csv(shapan::fuzz::as_text(data, size), "fuzz.csv");
    int last_line = 0;
    for (const auto& row : table.rows) {
      FUZZ_CHECK(row.line > last_line);
      last_line = row.line;
      for (std::size_t c = 0; c <= row.cells.size(); ++c) {
        try {
          (void)shapan::cell_double(table, row, c, "x");
        } catch (const shapan::InputError&) {
        }
        try {
          (void)shapan::cell_int(table, row, c, "x");
        } catch (const shapan::InputError&) {
        }
      }
      if (!table.rows.empty())
        (void)shapan::find_column(table.rows.front(), row.cells.empty() ? "" : row.cells.front());
    }
    if (!table.rows.empty() && !table.rows.front().cells.empty()) {
      (void)shapan::require_column(table, table.rows.front().cells.back());
    }
  } catch (const shapan::InputError&) {
  }
  return 0;
}
