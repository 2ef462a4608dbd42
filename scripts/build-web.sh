#!/usr/bin/env bash
# Builds the sandbox front end: web/dist (served by `shapan serve`).
# `npm ci` installs exactly web/package-lock.json; no browser is downloaded.
set -euo pipefail
cd "$(dirname "$0")/../web"

if [[ ! -d node_modules || package-lock.json -nt node_modules ]]; then
  npm ci --no-audit --no-fund
fi
npm run --silent typecheck
npm run --silent build
