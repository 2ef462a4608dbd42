#!/usr/bin/env bash
# Installs Shapan's build and test dependencies from Debian 12's archive.
# Run as root on a fresh machine; does nothing when everything is present.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  libfmt-dev nlohmann-json3-dev libtomlplusplus-dev libcli11-dev
  coinor-libclp-dev coinor-libcbc-dev libcpp-httplib-dev libsqlite3-dev libopenmpi-dev
  libssl-dev  # libcrypto: SHA-256 of the server's run requests (src/server/content_hash.cc)
  libgtest-dev libgmock-dev libbenchmark-dev
  # mpirun for MPI sweeps and their test; the sqlite3 shell the sweep tests
  # (tests/sweep/compare_runs.sh) read results with, and the server's SIGKILL
  # test (apps/server/serve_kill_test.sh) checks the store with; curl, that
  # test's HTTP client.
  openmpi-bin sqlite3 curl
  # The format check (scripts/check-format.sh), and clang-tidy with its
  # run-clang-tidy-14 (scripts/check-tidy.sh).
  clang-format clang-tidy
  # The fuzz targets (scripts/fuzz.sh): clang with libFuzzer and the sanitizer
  # runtimes, and llvm-symbolizer (in llvm) for readable stack traces.
  clang libclang-rt-14-dev llvm
  # The web sandbox's browser tests: Debian's Chromium (driven by playwright-core;
  # no browser is downloaded) and a CJK font for the Chinese labels in screenshots.
  chromium fonts-wqy-zenhei
)
# Node.js and npm build the web front end (web/). Machines that already have a
# Node.js (a newer one than Debian's) keep it; fresh Debian 12 gets Debian's.
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "Installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
