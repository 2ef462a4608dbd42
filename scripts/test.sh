#!/usr/bin/env bash
# All tests: installs what is needed, checks the C++ formatting, builds with
# warnings as errors, runs clang-tidy on that build, runs the whole suite and
# the web sandbox's browser tests and the server's load test, then builds and
# runs the C++ suite again under ASan + UBSan, the server's tests under
# ThreadSanitizer, and every fuzz target for 5 s (clang, libFuzzer).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh

echo "== format (clang-format, .clang-format)"
scripts/check-format.sh

echo "== release build"
scripts/build.sh release

echo "== clang-tidy (.clang-tidy)"
scripts/check-tidy.sh

echo "== release tests"
ctest --test-dir build/release --output-on-failure -j2

echo "== web sandbox: browser and API tests (Chromium, headless; the page built into shapan)"
scripts/test-web.sh build/release/apps/cli/shapan

echo "== server load test (release build, loopback, about 15 s; docs/reliability.md)"
scripts/load-test.sh build/release/apps/server/shapan-server

echo "== ASan + UBSan build and tests"
scripts/build.sh asan
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build/asan --output-on-failure -j2

# What runs in parallel: the server (its connection guard, worker pool, run
# queue and store, shared by the HTTP threads and the workers) and the
# sweep's threads (evaluate_all on 1 and 2 threads sharing one LoadCache).
# The sweep's MPI tests are CLI tests of the `shapan` binary, not built here.
# BadRequestsAre4xx is left out: it loads a 50-year scenario, which under
# TSan outlasts the test client's 60 s timeout (the release and ASan runs
# cover it). Races inside Debian's uninstrumented cpp-httplib are suppressed
# (tests/tsan.supp).
echo "== ThreadSanitizer build: the server's and the sweep's tests"
scripts/build.sh tsan shapan_server_test shapan_sweep_test
TSAN_OPTIONS="halt_on_error=1 suppressions=$PWD/tests/tsan.supp" \
  ctest --test-dir build/tsan --output-on-failure -j2 \
  -R '^(Requests|RunStore|HttpServer|HttpErrors|FileAccess|Connections|RunReuse|RecordingFiles|RunRequestKey|Sha256|Definition|Evaluate|SweepStore|Pareto)Test\.' \
  -E 'BadRequestsAre4xxAndTheServerKeepsServing'

echo "== fuzz targets, 5 s each (clang, libFuzzer + ASan + UBSan; docs/reliability.md)"
scripts/fuzz.sh 5
