#!/usr/bin/env bash
# Installs the front end's npm packages (web/node_modules) exactly as
# web/package-lock.json says, once per source tree: again only when the lock
# file changes. Several builds at once (build folders, scripts) wait for one
# another on a lock instead of installing over each other. No browser is
# downloaded (playwright-core drives Debian's Chromium).
#   scripts/web-deps.sh [STAMP]   STAMP: a file touched afterwards (for CMake)
set -euo pipefail
web="$(cd "$(dirname "$0")/../web" && pwd)"

exec 9>"$web/.npm-install.lock"
flock 9
# npm ci writes node_modules/.package-lock.json last.
if [[ ! -f $web/node_modules/.package-lock.json || $web/package-lock.json -nt $web/node_modules/.package-lock.json ]]; then
  (cd "$web" && npm ci --no-audit --no-fund)
fi
if (($#)); then touch "$1"; fi
