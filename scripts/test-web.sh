#!/usr/bin/env bash
# Browser and API tests of the web sandbox: a real `shapan serve` on
# 127.0.0.1 and Debian's Chromium driven by playwright-core.
# Screenshots and redraw-times.json go to web/test-results/.
#   scripts/test-web.sh [path/to/shapan]   (default: build/release/apps/cli/shapan)
set -euo pipefail
cd "$(dirname "$0")/.."

bin=${1:-build/release/apps/cli/shapan}
[[ $bin == /* ]] || bin="$PWD/$bin"
scripts/build-web.sh
cd web
SHAPAN_BIN="$bin" node --test --test-concurrency=1 tests/
