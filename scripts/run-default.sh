#!/usr/bin/env bash
# The main job: installs what is needed, builds Shapan and runs the shipped
# default scenario (a Qinghai wind-solar-hydro-storage computing base).
# Results go to out/default/ (summary.json, timeseries.csv).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
scripts/build.sh release shapan
build/release/apps/cli/shapan run examples/qinghai_base.toml --out out/default "$@"
