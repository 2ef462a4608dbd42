# Storage and grid models: battery, hydro plant (reservoir + turbine), grid tie.
list(APPEND GEN_SOURCES
  ${CMAKE_CURRENT_SOURCE_DIR}/battery.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/hydro.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/grid.cc)
list(APPEND GEN_TESTS
  ${CMAKE_CURRENT_SOURCE_DIR}/battery_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/hydro_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/grid_test.cc)
