#!/usr/bin/env bash
# Issue 17 item 6: the server's run store survives SIGKILL in the middle of
# runs. Each round starts the real server on a throwaway store, posts runs,
# SIGKILLs the server once one is running (after a delay that varies, so
# some kills land while a run's result is being written), and checks the
# file with PRAGMA integrity_check. The next server must then run again
# every run left queued or running, so that in the end every run is done,
# with its summary and its 23 series columns. The six runs of a round (a
# year at 15-minute steps each) are posted at once, so that a kill finds
# some done, some running or being stored, and some queued.
#   serve_kill_test.sh SERVER
set -euo pipefail
server=$1
work=$(mktemp -d)
pid=
cleanup() {
  if [[ -n $pid ]]; then kill -9 "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
db=$work/store.db
sql() { sqlite3 -cmd '.timeout 5000' "$db" "$1"; }

start() {
  : >"$work/server.log"
  "$server" --host 127.0.0.1 --port 0 --scenarios examples --store "$db" --web "$work/none" \
    --workers 2 --queue 32 >"$work/server.log" 2>&1 &
  pid=$!
  port=
  for _ in $(seq 600); do
    port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$work/server.log")
    [[ -n $port ]] && return 0
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "the server did not start:" >&2
  cat "$work/server.log" >&2
  exit 1
}

post() {
  curl -sS -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
    -d "{\"scenario\":\"qinghai_base\",\"overrides\":{\"simulation.step_minutes\":15,\"pv.0.dc_capacity_kw\":$1}}" \
    "http://127.0.0.1:$port/api/runs"
}

interrupted=0
for round in 0 1 2 3 4 5; do
  start
  for k in 0 1 2 3 4 5; do
    post $((100000 + round * 10000 + k * 1000)) >"$work/post.$k" &
  done
  wait $(jobs -p | grep -v -x "$pid")
  for k in 0 1 2 3 4 5; do
    code=$(cat "$work/post.$k")
    [[ $code == 202 ]] || { echo "round $round: POST answered $code" >&2; exit 1; }
  done
  for _ in $(seq 3000); do
    [[ $(sql "SELECT count(*) FROM runs WHERE status = 'running'") -gt 0 ]] && break
    sleep 0.01
  done
  sleep "0.$(printf '%03d' $((round * 67 % 400)))"
  kill -9 "$pid"
  wait "$pid" 2>/dev/null || true
  pid=
  check=$(sql "PRAGMA integrity_check")
  [[ $check == ok ]] || { echo "round $round: integrity_check: $check" >&2; exit 1; }
  left=$(sql "SELECT count(*) FROM runs WHERE status IN ('queued', 'running')")
  interrupted=$((interrupted + left))
  echo "round $round: killed with $left of $(sql 'SELECT count(*) FROM runs') runs unfinished"
done
((interrupted > 0)) || { echo "no kill interrupted a run" >&2; exit 1; }

# A server on the killed store runs the unfinished ones again.
start
# Up to 15 minutes: under the sanitizers the runs are 10-20 times slower.
for _ in $(seq 9000); do
  [[ $(sql "SELECT count(*) FROM runs WHERE status IN ('queued', 'running')") == 0 ]] && break
  sleep 0.1
done
runs=$(sql "SELECT count(*) FROM runs")
done_runs=$(sql "SELECT count(*) FROM runs WHERE status = 'done' AND summary <> ''")
whole=$(sql "SELECT count(*) FROM runs WHERE (SELECT count(*) FROM series WHERE run_id = runs.id) = 23")
if [[ $runs != 36 || $done_runs != 36 || $whole != 36 ]]; then
  echo "after the restart: $runs runs, $done_runs done, $whole with their 23 series columns" >&2
  sql "SELECT id, status, error FROM runs" >&2
  exit 1
fi
code=$(curl -sS -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/runs/1/series?from=0&to=4")
[[ $code == 200 ]] || { echo "GET a resumed run's series: $code" >&2; exit 1; }
kill "$pid"
wait "$pid" 2>/dev/null || true
pid=
[[ $(sql "PRAGMA integrity_check") == ok ]] || { echo "integrity_check after the restart" >&2; exit 1; }
echo "6 SIGKILLs with $interrupted runs unfinished: all 36 runs done after a restart, integrity_check ok"
