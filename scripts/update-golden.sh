#!/usr/bin/env bash
# Rewrites the expected outputs on purpose, from the release build: the golden scenarios'
# tests/scenarios/<case>/expected/ (from `shapan run`) and the bad-input catalogue's
# tests/bad_input/*.expected (the loader's messages). Run it after a change that moves
# results or messages, read the `git diff` (that diff is what a reviewer reads), and say in
# the commit why they moved. Deterministic: running it twice leaves no diff.
#   scripts/update-golden.sh              every case, and the bad-input catalogue
#   scripts/update-golden.sh CASE...      only these golden cases (folders in tests/scenarios)
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/build.sh release shapan shapan_golden shapan_bad_input_test >/dev/null
if (($# == 0)); then
  cases=(tests/scenarios/*/)
  SHAPAN_UPDATE_GOLDEN=1 build/release/tests/shapan_bad_input_test --gtest_brief=1 >/dev/null
  echo "bad-input catalogue: expected messages written"
else
  cases=("${@/#/tests/scenarios/}")
fi
build/release/tests/shapan_golden --shapan build/release/apps/cli/shapan --update "${cases[@]%/}"
git status --short -- tests/scenarios tests/bad_input
