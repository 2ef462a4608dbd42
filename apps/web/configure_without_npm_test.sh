#!/usr/bin/env bash
# Issue 18: configuring without Node.js and npm fails with a message that
# says so, and -DSHAPAN_WITH_WEB=OFF then configures an API-only build.
# Node and npm are hidden by a PATH holding only the other tools configure
# needs, with CMake's system search paths for programs off.
#   configure_without_npm_test.sh SOURCE_DIR CXX_COMPILER
set -euo pipefail
src=$1
cxx=$2
# A compiler launcher (ccache) would be looked for on the reduced PATH too.
unset CMAKE_CXX_COMPILER_LAUNCHER CMAKE_C_COMPILER_LAUNCHER
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/bin"
for tool in sh bash pkg-config ninja ar ranlib ld as nm objdump strip; do
  path=$(command -v "$tool" || true)
  [[ -n $path ]] && ln -s "$path" "$tmp/bin/$tool"
done
cmake=$(command -v cmake)
configure() {
  PATH="$tmp/bin" "$cmake" -S "$src" -B "$tmp/build" -G Ninja -DCMAKE_CXX_COMPILER="$cxx" \
    -DCMAKE_FIND_USE_CMAKE_SYSTEM_PATH=OFF -DCMAKE_PREFIX_PATH=/usr \
    -DCMAKE_IGNORE_PATH="/usr/bin;/bin;/usr/local/bin" \
    -DSHAPAN_BUILD_TESTS=OFF -DSHAPAN_BUILD_BENCH=OFF "$@" >"$tmp/log" 2>&1
}
if configure; then
  echo "FAIL: configured without node and npm" >&2
  exit 1
fi
# CMake wraps the message: compare it as one line.
message=$(tr -s '\n ' '  ' <"$tmp/log")
[[ $message == *"node or npm was not found on PATH"* ]] || { cat "$tmp/log" >&2; exit 1; }
[[ $message == *"-DSHAPAN_WITH_WEB=OFF for an API-only shapan"* ]] || { cat "$tmp/log" >&2; exit 1; }
configure -DSHAPAN_WITH_WEB=OFF || { cat "$tmp/log" >&2; echo "FAIL: -DSHAPAN_WITH_WEB=OFF did not configure" >&2; exit 1; }
echo "without npm: configure fails and says so; -DSHAPAN_WITH_WEB=OFF configures"
