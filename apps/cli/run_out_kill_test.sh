#!/usr/bin/env bash
# Issue 17 item 6: a `shapan run --out DIR` killed at any moment never leaves
# DIR with new result files beside an older run's. DIR starts with an older
# run's three files (marked OLD); the run is SIGKILLed after a varying delay,
# and DIR must then hold old files only or new files only.
#   run_out_kill_test.sh SHAPAN SCENARIO
set -euo pipefail
shapan=$1
scenario=$2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
files=(summary.json timeseries.csv report.html)
# A run that fails part-way through writing (summary.json cannot be replaced:
# it is a non-empty folder) must not leave new files beside the old ones.
for f in "${files[@]}"; do echo OLD >"$out/$f"; done
rm "$out/summary.json"
mkdir -p "$out/summary.json/x"
if "$shapan" run "$scenario" --out "$out" --quiet 2>/dev/null; then
  echo "the run succeeded although summary.json is a folder" >&2
  exit 1
fi
for f in timeseries.csv report.html; do
  if [[ -e $out/$f && $(head -c 4 "$out/$f") != OLD* ]]; then
    echo "a failed write left a new $f beside the older run's files" >&2
    exit 1
  fi
done
rm -rf "$out/summary.json"
checked=0
for delay_ms in $(seq 0 15 450); do
  rm -rf "$out"/*
  for f in "${files[@]}"; do echo OLD >"$out/$f"; done
  "$shapan" run "$scenario" --out "$out" --quiet 2>/dev/null &
  pid=$!
  sleep "$(printf '0.%03d' "$delay_ms")"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  old=0
  new=0
  for f in "${files[@]}"; do
    [[ -e $out/$f ]] || continue
    if [[ $(head -c 4 "$out/$f") == OLD* ]]; then old=$((old + 1)); else new=$((new + 1)); fi
  done
  if ((old > 0 && new > 0)); then
    echo "killed after ${delay_ms} ms: $old old and $new new result files mixed in $out:" >&2
    ls -l "$out" >&2
    exit 1
  fi
  checked=$((checked + 1))
done
echo "$checked kills, never a mixed folder"
