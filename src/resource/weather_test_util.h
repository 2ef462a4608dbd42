// Helpers for the resource tests: small weather files built in memory, and
// the InputError message of a call.
#pragma once

#include <fmt/format.h>

#include <functional>
#include <string>

#include "shapan/core/error.h"
#include "shapan/core/time.h"

namespace shapan::resource::testing {

// The message of the InputError `f` throws, or "no error".
inline std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

inline constexpr const char* kEpwHeader =
    "LOCATION,Testville,-,TST,test,000000,36.50,101.50,8.0,2000.0\n"
    "DESIGN CONDITIONS,0\n"
    "TYPICAL/EXTREME PERIODS,0\n"
    "GROUND TEMPERATURES,0\n"
    "HOLIDAYS/DAYLIGHT SAVINGS,No,0,0,0\n"
    "COMMENTS 1,test file\n"
    "COMMENTS 2,\n"
    "DATA PERIODS,1,1,Data,Sunday, 1/ 1,12/31\n";

// One EPW data row for `civil` (hour 0..23 is written as hour-ending 1..24).
// `ghi` and `temp` are written as given (text, so that bad values can be used).
inline std::string epw_row(const CivilTime& c, const std::string& ghi, const std::string& temp) {
  return fmt::format(
      "{},{},{},{},0,?9?9,{},-10.0,50,80000,9999,9999,300,{},100,50,999999,999999,999999,9999,"
      "180,3.0,5,5,999,99999,9,999999999,0,0.1,0,88,0.25,0,0\n",
      c.year, c.month, c.day, c.hour + 1, temp, ghi);
}

// A full EPW year for 2005: GHI = 100 * (hour of day in 9..15), else 0;
// temperature 5 C. Line numbers: header lines 1..8, row i at line 9 + i.
inline std::string epw_year(int rows = 8760) {
  std::string text = kEpwHeader;
  CivilTime c{.year = 2005};
  for (int i = 0; i < rows; ++i) {
    const bool day = c.hour >= 9 && c.hour <= 15;
    text += epw_row(c, day ? "100" : "0", "5.0");
    c = to_civil(to_timestamp(c, 0.0) + Duration::hours(1), 0.0);
  }
  return text;
}

}  // namespace shapan::resource::testing
