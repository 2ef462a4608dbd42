#!/usr/bin/env bash
# Builds the sandbox front end into web/dist, for front-end work with
# `shapan serve --web web/dist` (reload the page after each build). The CMake
# build does this by itself and compiles the result into `shapan`
# (apps/web/CMakeLists.txt); this script is not needed to run the sandbox.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/web-deps.sh
cd web
npm run --silent typecheck
npm run --silent build
