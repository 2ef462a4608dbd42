# Storage and grid models: battery (with rainflow-based ageing), hydro plant
# (reservoir + turbine), pumped storage, grid tie.
list(APPEND GEN_SOURCES
  ${CMAKE_CURRENT_SOURCE_DIR}/battery.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/degradation.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/rainflow.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/hydro.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/pumped_storage.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/grid.cc)
list(APPEND GEN_TESTS
  ${CMAKE_CURRENT_SOURCE_DIR}/battery_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/degradation_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/rainflow_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/hydro_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/pumped_storage_test.cc
  ${CMAKE_CURRENT_SOURCE_DIR}/grid_test.cc)
