# Helpers that give every module the same shape: one library `shapan_<name>`
# (alias shapan::<name>) with its public headers under include/shapan/<name>,
# and one GoogleTest program `shapan_<name>_test` registered with ctest.

function(shapan_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                           -Wno-sign-conversion -Wno-missing-field-initializers
                                           -Wnon-virtual-dtor)
  if(SHAPAN_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(SHAPAN_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined
                                             -fno-sanitize-recover=undefined
                                             -fno-omit-frame-pointer)
    # GCC 12's flow analysis under -fsanitize at -O1 reports std::function
    # members inside libstdc++'s <regex> (used by cpp-httplib's router) as
    # "maybe uninitialized": a false positive that the release build, which
    # keeps the warning, does not see.
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
      target_compile_options(${target} PRIVATE -Wno-maybe-uninitialized)
    endif()
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
  if(SHAPAN_TSAN)
    target_compile_options(${target} PRIVATE -fsanitize=thread -fno-omit-frame-pointer)
    target_link_options(${target} PRIVATE -fsanitize=thread)
  endif()
endfunction()

# shapan_module(NAME SOURCES a.cc b.cc DEPS shapan::core fmt::fmt)
function(shapan_module name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(shapan_${name} STATIC ${ARG_SOURCES})
  add_library(shapan::${name} ALIAS shapan_${name})
  target_include_directories(shapan_${name} PUBLIC ${PROJECT_SOURCE_DIR}/include
                                            PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
  target_link_libraries(shapan_${name} PUBLIC ${ARG_DEPS})
  shapan_warnings(shapan_${name})
endfunction()

# shapan_module_test(NAME SOURCES a_test.cc DEPS ...): tests run from the
# source tree's root so that they can read data/ and tests/ files.
function(shapan_module_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  if(NOT SHAPAN_BUILD_TESTS)
    return()
  endif()
  add_executable(shapan_${name}_test ${ARG_SOURCES})
  target_include_directories(shapan_${name}_test PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})
  target_link_libraries(shapan_${name}_test PRIVATE shapan::${name} ${ARG_DEPS} GTest::gtest
                                                    GTest::gmock GTest::gtest_main)
  shapan_warnings(shapan_${name}_test)
  gtest_discover_tests(shapan_${name}_test WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
                       DISCOVERY_TIMEOUT 60)
endfunction()
