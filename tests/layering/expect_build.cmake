# cmake -DBUILD_DIR=... -DTARGET=... -DEXPECT=missing_header|success -DHEADER=... -P expect_build.cmake
# Builds one layering probe target (tests/layering/CMakeLists.txt) and checks the outcome:
#   success         the build succeeds;
#   missing_header  the build fails, and its output says HEADER was not found (GCC: "HEADER: No
#                   such file or directory", clang: "'HEADER' file not found"). Any other failure
#                   (a syntax error, a missing target) fails the test: it is not the layering.
foreach(var BUILD_DIR TARGET EXPECT HEADER)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "expect_build.cmake: -D${var}=... is required")
  endif()
endforeach()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${BUILD_DIR} --target ${TARGET}
                RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE output)
string(REPLACE "." "\\." header_regex "${HEADER}")
if(EXPECT STREQUAL "success")
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "${TARGET} should build, but the build failed (${status}):\n${output}")
  endif()
  message(STATUS "${TARGET} builds: ${HEADER} is visible to a module that links its module")
elseif(EXPECT STREQUAL "missing_header")
  if(status EQUAL 0)
    message(FATAL_ERROR "${TARGET} built, but it includes ${HEADER} from a module that does "
                        "not link the header's module: the layers are not enforced")
  endif()
  if(NOT output MATCHES "${header_regex}: No such file or directory"
     AND NOT output MATCHES "'${header_regex}' file not found")
    message(FATAL_ERROR "${TARGET} failed, but not because ${HEADER} is out of sight:\n${output}")
  endif()
  message(STATUS "${TARGET} fails as it should: ${HEADER} not found")
else()
  message(FATAL_ERROR "expect_build.cmake: EXPECT=${EXPECT}: expected missing_header or success")
endif()
