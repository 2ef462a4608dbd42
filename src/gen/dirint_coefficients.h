// The DIRINT coefficient table (private to gen).
#pragma once

#include <array>

namespace shapan::gen::detail {

// [kt' bin][zenith bin][delta kt' bin][w bin], bins counted from 0 (see
// decomposition.cc for the bin edges).
using DirintTable = std::array<std::array<std::array<std::array<double, 5>, 7>, 6>, 6>;
extern const DirintTable kDirintCoefficients;

}  // namespace shapan::gen::detail
