#!/usr/bin/env bash
# Rewrites the golden scenarios' expected outputs (tests/scenarios/<case>/expected/) from the
# release build's `shapan`, on purpose: run it after a change that moves results, read the
# `git diff` of tests/scenarios (that diff is what a reviewer reads), and say in the commit
# why the numbers moved. Deterministic: running it twice leaves no diff.
#   scripts/update-golden.sh              every case
#   scripts/update-golden.sh CASE...      only these (folder names under tests/scenarios)
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/build.sh release shapan shapan_golden >/dev/null
if (($# == 0)); then
  cases=(tests/scenarios/*/)
else
  cases=("${@/#/tests/scenarios/}")
fi
build/release/tests/shapan_golden --shapan build/release/apps/cli/shapan --update "${cases[@]%/}"
git status --short -- tests/scenarios
