#!/usr/bin/env bash
# Times what-if reruns through `shapan serve` as the sandbox's PV slider makes them
# (docs/benchmarks.md, "What-if rerun on the server"): POST /api/runs of
# examples/qinghai_base.toml with a PV size not seen before (so no stored run is reused),
# wait for the run, fetch its series. One line per rerun: the POST (loading and checking the
# scenario), the wait, the server's own elapsed_ms (prepare, simulate, summarise, store),
# the series and the total, in ms. The scenario as written runs first, untimed, as the page
# runs it before any slider moves.
#   scripts/whatif-times.sh BINARY [PORT] [RERUNS]    e.g. build/release/apps/cli/shapan 18777 8
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$1
port=${2:-18777}
n=${3:-8}
store=$(mktemp -d)/runs.sqlite
"$bin" serve --port "$port" --scenarios examples --store "$store" >/dev/null 2>&1 &
pid=$!
trap 'kill $pid' EXIT
for _ in $(seq 50); do
  curl -sf "http://127.0.0.1:$port/api/health" >/dev/null && break
  sleep 0.1
done
ms() { echo $((($2 - $1) / 1000000)); }
first=$(curl -s -X POST "http://127.0.0.1:$port/api/runs" -H 'Content-Type: application/json' \
          -d '{"scenario":"qinghai_base"}' | sed 's/.*"id":\([0-9]*\).*/\1/')
curl -s "http://127.0.0.1:$port/api/runs/$first?wait_ms=30000" >/dev/null
base=$((RANDOM * 7 + 100000))
for i in $(seq 1 "$n"); do
  kw=$((base + i * 1111))
  t0=$(date +%s%N)
  id=$(curl -s -X POST "http://127.0.0.1:$port/api/runs" -H 'Content-Type: application/json' \
         -d "{\"scenario\":\"qinghai_base\",\"overrides\":{\"pv.0.dc_capacity_kw\":$kw}}" |
       sed 's/.*"id":\([0-9]*\).*/\1/')
  t1=$(date +%s%N)
  run=$(curl -s "http://127.0.0.1:$port/api/runs/$id?wait_ms=30000")
  t2=$(date +%s%N)
  curl -s "http://127.0.0.1:$port/api/runs/$id/series" -o /dev/null
  t3=$(date +%s%N)
  elapsed=$(echo "$run" | grep -o '"elapsed_ms":[0-9.]*' | cut -d: -f2)
  echo "rerun $i pv=${kw}kW: post $(ms "$t0" "$t1"), wait $(ms "$t1" "$t2") (server run" \
       "${elapsed%.*}), series $(ms "$t2" "$t3"), total $(ms "$t0" "$t3")"
done
