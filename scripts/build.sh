#!/usr/bin/env bash
# Configures and builds one flavour of Shapan.
#   scripts/build.sh release   optimised, warnings as errors   -> build/release
#   scripts/build.sh asan      Debug with ASan + UBSan          -> build/asan
# Extra arguments are passed to the build tool (targets, -j).
set -euo pipefail
cd "$(dirname "$0")/.."

flavour=${1:-release}
shift || true
case "$flavour" in
  release) flags=(-DCMAKE_BUILD_TYPE=Release -DSHAPAN_WERROR=ON) ;;
  asan) flags=(-DCMAKE_BUILD_TYPE=Debug -DSHAPAN_WERROR=ON -DSHAPAN_SANITIZE=ON
               -DSHAPAN_BUILD_BENCH=OFF -DCMAKE_CXX_FLAGS_DEBUG=-O1) ;;
  *) echo "usage: $0 release|asan [targets...]" >&2; exit 2 ;;
esac

cmake -S . -B "build/$flavour" -G Ninja "${flags[@]}" >/dev/null
cmake --build "build/$flavour" -- "$@"
