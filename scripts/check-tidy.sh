#!/usr/bin/env bash
# Runs clang-tidy with .clang-tidy over the project's own sources (src, apps, bench, tests) and
# fails on any finding. Reads build/release/compile_commands.json and the headers generated
# there, so run scripts/build.sh release first. Fix findings in the code; where a check is
# wrong, a NOLINT(check) says why in its comment.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ ! -f build/release/compile_commands.json ]]; then
  echo "$0: no build/release/compile_commands.json; run scripts/build.sh release first" >&2
  exit 2
fi
# The files, as a regex on their absolute paths: the repository's own, not the generated ones
# under build/.
root=$(pwd | sed 's/[][\\.*^$(){}+?|]/\\&/g')
files="^$root/(src|apps|bench|tests)/"

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
run-clang-tidy-14 -p build/release -j2 -quiet "$files" >"$log" 2>&1 || status=$?
# Print what clang-tidy found, without the per-file command lines and warning counts
# (most of those warnings are in system headers and are not shown).
sed 's/\x1b\[[0-9;]*m//g' "$log" |
  grep -vE '^(clang-tidy-14 |[0-9]+ warnings? (and [0-9]+ errors? )?generated\.$)' || true
# WarningsAsErrors: '*' makes every finding an error, and run-clang-tidy-14 then exits non-zero;
# the findings are counted too, so that a finding fails this check whatever the exit status.
findings=$(sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -cE '^[^ ]+:[0-9]+:[0-9]+: (warning|error):' || true)
if ((status != 0 || findings != 0)); then
  echo "clang-tidy: ${findings} finding(s), exit status ${status}" >&2
  exit 1
fi
checked=$(grep -c '^clang-tidy-14 ' "$log" || true)
if ((checked == 0)); then
  echo "clang-tidy: no file of build/release/compile_commands.json matches $files" >&2
  exit 1
fi
echo "clang-tidy: no findings in ${checked} files"
