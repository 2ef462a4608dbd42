#!/usr/bin/env bash
# Configures and builds one flavour of Shapan.
#   scripts/build.sh release   optimised, warnings as errors   -> build/release
#   scripts/build.sh asan      Debug with ASan + UBSan          -> build/asan
#   scripts/build.sh tsan      Debug with ThreadSanitizer       -> build/tsan
#   scripts/build.sh fuzz      clang, libFuzzer + ASan + UBSan  -> build/fuzz (scripts/fuzz.sh;
#                              build the target shapan_fuzz: every fuzz target)
# Extra arguments are passed to the build tool (targets, -j).
set -euo pipefail
cd "$(dirname "$0")/.."

flavour=${1:-release}
shift || true
case "$flavour" in
  release) flags=(-DCMAKE_BUILD_TYPE=Release -DSHAPAN_WERROR=ON) ;;
  asan) flags=(-DCMAKE_BUILD_TYPE=Debug -DSHAPAN_WERROR=ON -DSHAPAN_SANITIZE=ON
               -DSHAPAN_BUILD_BENCH=OFF -DCMAKE_CXX_FLAGS_DEBUG=-O1) ;;
  tsan) flags=(-DCMAKE_BUILD_TYPE=Debug -DSHAPAN_WERROR=ON -DSHAPAN_TSAN=ON
               -DSHAPAN_BUILD_BENCH=OFF -DCMAKE_CXX_FLAGS_DEBUG=-O1) ;;
  fuzz) flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DSHAPAN_FUZZ=ON -DSHAPAN_BUILD_TESTS=OFF
               -DSHAPAN_BUILD_BENCH=OFF -DCMAKE_CXX_COMPILER=clang++) ;;
  *) echo "usage: $0 release|asan|tsan|fuzz [targets...]" >&2; exit 2 ;;
esac

cmake -S . -B "build/$flavour" -G Ninja "${flags[@]}" >/dev/null
cmake --build "build/$flavour" -- "$@"
