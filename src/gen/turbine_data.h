// The turbine CSV files of data/wind/, embedded into the library at build time
// by src/gen/wind.cmake (generated turbine_data_embedded.cc). Private to gen.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

namespace shapan::gen::detail {

struct EmbeddedFile {
  const char* name;            // file name in data/wind/, e.g. "oedb_power_curves.csv"
  const unsigned char* bytes;  // the file's bytes, followed by a 0 byte
  std::size_t size;            // without the trailing 0

  std::string_view text() const { return {reinterpret_cast<const char*>(bytes), size}; }
};

// Every embedded file, in the order wind.cmake lists them.
std::span<const EmbeddedFile> embedded_wind_files();

}  // namespace shapan::gen::detail
