# Solar: sun position (NREL SPA), irradiance, transposition, trackers, cell
# temperature and the PVWatts v5 chain. Included by src/gen/CMakeLists.txt in
# its own scope, so list(APPEND) reaches it.
list(APPEND GEN_SOURCES
  ${CMAKE_CURRENT_SOURCE_DIR}/spa.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/solar_position.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/irradiance.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/transposition.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/tracking.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/cell_temperature.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/pvwatts.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/pv.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/pv_stages.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/clear_sky.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/decomposition.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/dirint_coefficients.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/iam.cc
)
list(APPEND GEN_TESTS
  ${CMAKE_CURRENT_SOURCE_DIR}/spa_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/solar_position_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/irradiance_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/transposition_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/tracking_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/cell_temperature_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/pvwatts_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/pv_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/pv_stages_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/pv_validation_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/clear_sky_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/decomposition_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/decomposition_year_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/iam_test.cc
)
