#!/usr/bin/env bash
# The server's load test (issue 17; figures in docs/reliability.md): starts
# the release server on a free loopback port with a throwaway store, runs
# scripts/load-test.mjs against it (about 15 s), stops the server.
#   scripts/load-test.sh [SERVER_BINARY] [SECONDS]
# Fails only far beyond the targets (see load-test.mjs), or on errors.
set -euo pipefail
cd "$(dirname "$0")/.."

server=${1:-build/release/apps/server/shapan-server}
seconds=${2:-10}
[[ -x $server ]] || { echo "load-test: no server at $server (scripts/build.sh release)" >&2; exit 2; }
work=$(mktemp -d)
pid=
cleanup() {
  if [[ -n $pid ]]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

"$server" --host 127.0.0.1 --port 0 --scenarios examples --store "$work/load.db" \
  --web "$work/none" >"$work/server.log" 2>&1 &
pid=$!
port=
for _ in $(seq 100); do
  port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$work/server.log")
  [[ -n $port ]] && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
  sleep 0.1
done
[[ -n $port ]] || { echo "load-test: the server did not start" >&2; cat "$work/server.log" >&2; exit 1; }

status=0
timeout 120 node scripts/load-test.mjs "$port" "$seconds" || status=$?
kill -0 "$pid" 2>/dev/null || { echo "load-test: the server died" >&2; cat "$work/server.log" >&2; status=1; }
exit "$status"
