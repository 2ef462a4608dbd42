# Helpers that give every module the same shape: one library `shapan_<name>`
# (alias shapan::<name>) with its public headers under include/shapan/<name>,
# and one GoogleTest program `shapan_<name>_test` registered with ctest.
#
# Layers are enforced by include roots (STYLE.md section 2, docs/architecture.md):
# no target sees the whole include/ tree. Each module gets its own root in the
# build tree, ${CMAKE_BINARY_DIR}/include_roots/<name>, holding only
# shapan/<name> (a symbolic link to include/shapan/<name>, so a header added
# there is seen at once). A module's root is its PUBLIC include directory, so a
# target sees the headers of the modules it links (directly or through their
# PUBLIC deps) and no others: an upward include is "No such file or
# directory" at compile time (tests/layering checks it).

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

# shapan_add_modules(core resource ...): adds src/<module> for each module, in
# the order given (the layering order). Every module is required: a missing
# src/<module>/CMakeLists.txt, or one that defines no shapan::<module>, stops
# the configure step instead of leaving the module (and what links it) out.
# (tests/layering/missing_module checks both.)
function(shapan_add_modules)
  foreach(module IN LISTS ARGN)
    if(NOT EXISTS ${PROJECT_SOURCE_DIR}/src/${module}/CMakeLists.txt)
      message(FATAL_ERROR "module ${module}: src/${module}/CMakeLists.txt is missing")
    endif()
    add_subdirectory(${PROJECT_SOURCE_DIR}/src/${module})
    if(NOT TARGET shapan::${module})
      message(FATAL_ERROR
              "module ${module}: src/${module}/CMakeLists.txt defines no shapan::${module}")
    endif()
  endforeach()
endfunction()

# shapan_module(NAME SOURCES a.cc b.cc DEPS shapan::core fmt::fmt)
function(shapan_module_include_root name out_var)
  set(headers ${PROJECT_SOURCE_DIR}/include/shapan/${name})
  if(NOT IS_DIRECTORY ${headers})
    message(FATAL_ERROR "module ${name}: its public headers ${headers} are missing")
  endif()
  set(root ${CMAKE_BINARY_DIR}/include_roots/${name})
  file(MAKE_DIRECTORY ${root}/shapan)
  if(NOT IS_SYMLINK ${root}/shapan/${name})
    file(REMOVE_RECURSE ${root}/shapan/${name})
    file(CREATE_LINK ${headers} ${root}/shapan/${name} SYMBOLIC)
  endif()
  set(${out_var} ${root} PARENT_SCOPE)
endfunction()

function(shapan_module name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(shapan_${name} STATIC ${ARG_SOURCES})
  add_library(shapan::${name} ALIAS shapan_${name})
  shapan_module_include_root(${name} include_root)
  target_include_directories(shapan_${name} PUBLIC ${include_root}
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
