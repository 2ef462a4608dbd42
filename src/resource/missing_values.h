// Filling missing values in weather series, and the physical relations used
// for defaults (private to the resource module; rules in docs/weather.md).
#pragma once

#include <vector>

namespace shapan::resource::detail {

// Replaces each NaN by linear interpolation (by index) between the nearest
// valid neighbours; NaNs before the first or after the last valid value take
// that value. Returns false (and leaves v alone) when no value is valid.
bool fill_gaps(std::vector<double>& v);

// Station pressure of the standard atmosphere at an elevation:
// p = 101325 Pa * (1 - 2.25577e-5 * h)^5.25588 (ISO 2533 troposphere, the
// form pvlib's alt2pres uses). NaN elevation gives sea level.
double standard_pressure_pa(double elevation_m);

// Relative humidity from temperature and dew point with the Magnus formula
// (Alduchov & Eskridge 1996: es = 6.1094 exp(17.625 T / (T + 243.04)) hPa),
// clamped to 0..100 %.
double relative_humidity_percent(double temp_c, double dew_c);
// Its inverse: dew point from temperature and relative humidity (> 0 %).
double dew_point_c(double temp_c, double relative_humidity_percent);

}  // namespace shapan::resource::detail
