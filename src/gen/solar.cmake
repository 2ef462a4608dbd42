# Solar: sun position (NREL SPA), irradiance, PVWatts chain. Included by
# src/gen/CMakeLists.txt in its own scope, so list(APPEND) reaches it.
list(APPEND GEN_SOURCES
  ${CMAKE_CURRENT_SOURCE_DIR}/spa.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/solar_position.cc
)
list(APPEND GEN_TESTS
  ${CMAKE_CURRENT_SOURCE_DIR}/spa_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/solar_position_test.cc
)
