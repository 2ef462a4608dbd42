#!/usr/bin/env bash
# Browser and API tests of the web sandbox: a real `shapan serve` started in
# an empty folder (the page comes from the binary: web/dist is removed first)
# and Debian's Chromium driven by playwright-core; any request to an address
# other than loopback fails a test. Screenshots and redraw-times.json go to
# web/test-results/.
#   scripts/test-web.sh [path/to/shapan]   (default: build/release/apps/cli/shapan)
set -euo pipefail
cd "$(dirname "$0")/.."

bin=${1:-build/release/apps/cli/shapan}
[[ $bin == /* ]] || bin="$PWD/$bin"
scripts/web-deps.sh
rm -rf web/dist  # a folder left by scripts/build-web.sh: the tests must not need it
cd web
SHAPAN_BIN="$bin" node --test --test-concurrency=1 tests/
