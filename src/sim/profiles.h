// Weather-driven series computed before the time loop: variable renewables
// and the data center's demand. (Private to sim.)
#pragma once

#include <vector>

#include "shapan/sim/prepared.h"
#include "shapan/sim/simulation.h"

namespace shapan::sim {

struct Profiles {
  std::vector<double> pv_kw;        // all PV arrays, AC
  std::vector<double> wind_kw;      // all wind farms, AC
  std::vector<double> facility_kw;  // data-center demand (0 without a data center)
  std::vector<double> it_kw;
  std::vector<double> pue;
};

// The prepared parts (prepared.h) summed and copied into the run's columns.
Profiles compute_profiles(const PreparedRun& prepared);

}  // namespace shapan::sim
