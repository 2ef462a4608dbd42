// Where a base stands. Site standard time is utc_offset_h hours east of UTC
// (no daylight saving: China Standard Time is +8 all year).
#pragma once

#include <string>

namespace shapan {

struct Site {
  std::string name;
  double latitude_deg = 0.0;   // north positive, -90..90
  double longitude_deg = 0.0;  // east positive, -180..180
  double elevation_m = 0.0;    // above mean sea level
  double utc_offset_h = 0.0;   // -12..14
  bool operator==(const Site&) const = default;
};

}  // namespace shapan
