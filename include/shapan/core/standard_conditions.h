// Standard conditions: the values models assume where an input gives none
// (a weather file without a pressure, dew point or albedo column, a Params
// field left at its default). One place, so that every model falls back on
// the same figure; Params that expose a fallback take its default from here.
#pragma once

namespace shapan {

// Sea-level pressure of the ICAO/ISO standard atmosphere (ISO 2533:1975),
// Pa; also the reference pressure of Kasten's air mass correction and of the
// DISC/DIRINT models (Maxwell 1987, SERI/TR-215-3087).
inline constexpr double kStandardPressurePa = 101325.0;

// Ground reflectance used when neither the scenario nor the weather file
// gives one: PVWatts v5's default albedo (Dobos 2014, NREL/TP-6A20-62641,
// section 4: "albedo 0.2"), the usual figure for grass or bare soil.
inline constexpr double kDefaultAlbedoFrac = 0.2;

// Cell temperature of the standard test conditions (IEC 61215; with
// 1000 W/m² and AM1.5): the reference of PVWatts' temperature coefficient,
// and the temperature at which a battery's ageing model is referenced.
inline constexpr double kStcCellTempC = 25.0;

// Dew point taken when a weather file has none: air dry enough that the
// humidity limit of free cooling (DatacenterParams::dew_point_max_c) never
// binds, so that cooling follows the dry-bulb temperature alone, as the
// temperature PUE model does. -50 °C is the lower bound of the dew points
// the datacenter model accepts (its thresholds' range).
inline constexpr double kDryAirDewPointC = -50.0;

}  // namespace shapan
