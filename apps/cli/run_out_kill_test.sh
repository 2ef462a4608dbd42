#!/usr/bin/env bash
# Issue 17 item 6: `shapan run --out DIR` killed at any moment leaves DIR as
# the older run's complete set of files or the new run's complete set, byte
# for byte, never a mix and never a partial set (apps/cli/output_folder.h).
#   run_out_kill_test.sh SHAPAN SCENARIO
# The runs use 15-minute steps (a 10 MB timeseries.csv) so that writing
# takes long enough to be killed in the middle of it: each run is SIGKILLed
# once its staging folder exists (it has started writing), after a delay
# that varies from run to run.
set -euo pipefail
shapan=$(realpath "$1")
scenario=$(realpath "$2")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
files=(summary.json timeseries.csv report.html)
args=(run "$scenario" --quiet --set simulation.step_minutes=15)
run() { "$shapan" "${args[@]}" "$@" 2>/dev/null; }
digest() { (cd "$1" && sha256sum "${files[@]}" 2>/dev/null) || true; }

# The two complete sets: an older run (other PV) and the new one.
run --set pv.0.dc_capacity_kw=150000 --out "$work/old"
run --out "$work/new"
old=$(digest "$work/old")
new=$(digest "$work/new")
[[ $old != "$new" ]] || { echo "the older and the new run wrote the same files" >&2; exit 1; }

staging() { compgen -G "$work/.out.shapan-new-*" >/dev/null; }
# The run has started writing: its staging folder exists, or (a run that
# writes into DIR itself) DIR has changed.
writing() {
  staging || compgen -G "$work/out/*.tmp*" >/dev/null || [[ ! -e $work/out/summary.json ]] ||
    ! cmp -s "$work/out/timeseries.csv" "$work/old/timeseries.csv"
}
as_old=0
as_new=0
while_writing=0
for i in $(seq 0 29); do
  rm -rf "$work/out"
  cp -r "$work/old" "$work/out"
  "$shapan" "${args[@]}" --out "$work/out" 2>/dev/null &
  pid=$!  # the process itself, not a subshell: SIGKILL must reach it
  # Until the run has started writing (its staging folder exists), or ended.
  for _ in $(seq 10000); do
    writing && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.001
  done
  sleep "0.$(printf '%03d' $((i * 23 % 700)))"
  writing && while_writing=$((while_writing + 1))
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  got=$(digest "$work/out")
  if [[ $got == "$old" ]]; then
    as_old=$((as_old + 1))
  elif [[ $got == "$new" ]]; then
    as_new=$((as_new + 1))
  else
    echo "kill $i: $work/out is neither the older run nor the new one:" >&2
    ls -la "$work/out" >&2
    echo "$got" >&2
    exit 1
  fi
  [[ -z $(ls -A "$work/out" | grep -v -x -e summary.json -e timeseries.csv -e report.html) ]] ||
    { echo "kill $i: other files in $work/out:" >&2; ls -la "$work/out" >&2; exit 1; }
done
((while_writing >= 5)) || { echo "only $while_writing kills landed while writing" >&2; exit 1; }

# The next run deletes the staging folders killed runs left behind.
run --out "$work/out"
[[ $(digest "$work/out") == "$new" ]] || { echo "the run after the kills is not the new run" >&2; exit 1; }
if staging; then echo "staging folders left behind:" >&2; ls -la "$work" >&2; exit 1; fi

# A write that fails part-way (the file size limit: timeseries.csv cannot be
# written whole) leaves the older run whole and no staging folder.
rm -rf "$work/out"
cp -r "$work/old" "$work/out"
if (ulimit -f 2000; trap '' XFSZ; run --out "$work/out"); then
  echo "the run succeeded although timeseries.csv is over the file size limit" >&2
  exit 1
fi
[[ $(digest "$work/out") == "$old" ]] || { echo "a failed write changed the older run" >&2; exit 1; }
if staging; then echo "a failed write left its staging folder" >&2; exit 1; fi

# A folder holding other files is replaced file by file: killed, it holds
# the other files and never an older run's file beside a new one.
mixed=0
for i in $(seq 0 9); do
  rm -rf "$work/out"
  cp -r "$work/old" "$work/out"
  echo keep >"$work/out/notes.txt"
  "$shapan" "${args[@]}" --out "$work/out" 2>/dev/null &
  pid=$!  # the process itself, not a subshell: SIGKILL must reach it
  for _ in $(seq 10000); do writing && break; kill -0 "$pid" 2>/dev/null || break; sleep 0.001; done
  sleep "0.$(printf '%03d' $((i * 71 % 700)))"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  [[ $(cat "$work/out/notes.txt") == keep ]] || { echo "notes.txt was lost" >&2; exit 1; }
  n_old=0
  n_new=0
  for f in "${files[@]}"; do
    [[ -e $work/out/$f ]] || continue
    if cmp -s "$work/out/$f" "$work/old/$f"; then n_old=$((n_old + 1)); else n_new=$((n_new + 1)); fi
  done
  if ((n_old > 0 && n_new > 0)); then mixed=1; ls -la "$work/out" >&2; fi
done
((mixed == 0)) || { echo "a folder with other files got old and new run files mixed" >&2; exit 1; }
# --out naming the working folder: filled in place (a swap would leave the
# shell in a deleted folder), the folder itself kept.
mkdir "$work/cwd"
inode=$(stat -c %i "$work/cwd")
(cd "$work/cwd" && "$shapan" run "$scenario" --quiet --out . 2>/dev/null)
[[ $(stat -c %i "$work/cwd") == "$inode" && -s $work/cwd/summary.json ]] ||
  { echo "--out . replaced or did not fill the working folder" >&2; exit 1; }
echo "30 kills: $as_old left the older run, $as_new the new one ($while_writing while writing); never a mix"
