#!/usr/bin/env bash
# Sweep result comparisons for ctest (docs/sweep.md):
#   compare_runs.sh threads SHAPAN SWEEP.toml   1 and 2 threads give the same rows
#   compare_runs.sh kill SHAPAN SWEEP.toml      SIGKILL part-way, resume, same rows
#   compare_runs.sh mpi SHAPAN SWEEP.toml       1 process and mpirun -np 2, same rows
#   compare_runs.sh mpi-kill SHAPAN SWEEP.toml  mpirun -np 2 killed part-way, resumed, same rows
# Rows compare sorted by id, every column but elapsed_ms; pareto.csv byte for
# byte; PRAGMA integrity_check must say ok.
set -euo pipefail
mode=$1 shapan=$2 sweep=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

dump() {  # every column but the timing, rows by id
  local db=$1/sweep.sqlite cols
  cols=$(sqlite3 "$db" "SELECT group_concat(printf('\"%w\"', name), ',') FROM
           (SELECT name FROM pragma_table_info('configs') WHERE name != 'elapsed_ms' ORDER BY name)")
  sqlite3 "$db" "SELECT $cols FROM configs ORDER BY id"
}
rows() { sqlite3 "$1/sweep.sqlite" "SELECT count(*) FROM configs" 2>/dev/null || echo 0; }
check_same() {
  test "$(sqlite3 "$2/sweep.sqlite" 'PRAGMA integrity_check')" = ok
  test "$(sqlite3 "$2/sweep.sqlite" 'SELECT count(*) - count(DISTINCT id) FROM configs')" = 0
  diff <(dump "$1") <(dump "$2")
  cmp "$1/pareto.csv" "$2/pareto.csv"
  echo "same rows ($(rows "$2")) and pareto.csv"
}

"$shapan" sweep "$sweep" --out "$work/a" --threads 1 --quiet
total=$(rows "$work/a")
case "$mode" in
  threads)
    "$shapan" sweep "$sweep" --out "$work/b" --threads 2 --quiet
    ;;
  kill|mpi-kill)
    if [ "$mode" = kill ]; then
      "$shapan" sweep "$sweep" --out "$work/b" --threads 1 --quiet &
    else
      mpirun --allow-run-as-root --oversubscribe -np 2 "$shapan" sweep "$sweep" --out "$work/b" --quiet &
    fi
    pid=$!
    until [ "$(rows "$work/b")" -ge 4 ] || ! kill -0 $pid 2>/dev/null; do sleep 0.01; done
    kill -KILL $pid 2>/dev/null || true
    # mpirun's ranks outlive a SIGKILLed mpirun for a while and would finish
    # the sweep: kill them too (every process writing to this folder).
    if [ "$mode" = mpi-kill ]; then pkill -KILL -f -- "--out $work/b" 2>/dev/null || true; fi
    wait $pid 2>/dev/null || true
    if [ "$mode" = mpi-kill ]; then sleep 1; fi
    stored=$(rows "$work/b")
    echo "killed with $stored of $total rows stored"
    test "$stored" -gt 0 && test "$stored" -lt "$total"
    if [ "$mode" = kill ]; then
      "$shapan" sweep "$sweep" --out "$work/b" --threads 1 --quiet
    else
      mpirun --allow-run-as-root --oversubscribe -np 2 "$shapan" sweep "$sweep" --out "$work/b" --quiet
    fi
    ;;
  mpi)
    mpirun --allow-run-as-root --oversubscribe -np 2 "$shapan" sweep "$sweep" --out "$work/b" --quiet
    ;;
  *) echo "unknown mode $mode" >&2; exit 2 ;;
esac
check_same "$work/a" "$work/b"
