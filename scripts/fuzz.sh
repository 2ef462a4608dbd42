#!/usr/bin/env bash
# Builds the libFuzzer targets (scripts/build.sh fuzz -> build/fuzz, clang with
# ASan + UBSan) and runs each for SECONDS (default 10), starting from the seeds
# in fuzz/corpus/<target>/ (new inputs go to build/fuzz/corpus/<target>/, not
# into the source tree). Fails on the first finding: a crash, a sanitizer
# report, a leak, an input slower than 10 s, more than 2 GB of memory, or an
# uncaught exception other than the parsers' InputError/RequestError. The
# input that caused it is left in build/fuzz/findings/<target>/ (reproduce:
# build/fuzz/fuzz/fuzz_<target> FILE).
#   scripts/fuzz.sh [SECONDS] [TARGET...]    targets: scripts/fuzz.sh --list
# Long runs (docs/reliability.md): scripts/fuzz.sh 1800 TARGET. FUZZ_NO_BUILD=1
# skips the build (for several runs in parallel after one build).
set -euo pipefail
cd "$(dirname "$0")/.."

targets_all=(csv weather_epw weather_tmy3 weather_psm3 weather_srw weather_auto power_curve
             inflow_monthly inflow_daily it_load carbon pod_trace node_list scenario server_body
             server_query)
if [[ "${1:-}" == "--list" ]]; then printf '%s\n' "${targets_all[@]}"; exit 0; fi
seconds=${1:-10}
shift || true
targets=("$@")
((${#targets[@]})) || targets=("${targets_all[@]}")

[[ -n ${FUZZ_NO_BUILD:-} ]] || scripts/build.sh fuzz shapan_fuzz >/dev/null

# Leaks are findings; UBSan stops at the first report (the build also says
# -fno-sanitize-recover=undefined).
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
printf '%-15s %10s %8s %9s %s\n' target execs seconds exec/s result
status=0
for t in "${targets[@]}"; do
  bin=build/fuzz/fuzz/fuzz_$t
  [[ -x $bin ]] || { echo "no fuzz target $t (scripts/fuzz.sh --list)" >&2; exit 2; }
  work=build/fuzz/corpus/$t
  findings=build/fuzz/findings/$t
  log=build/fuzz/logs/$t.log
  mkdir -p "$work" "$findings" "$(dirname "$log")"
  # A target's own dictionary, else the CSV one (every file reader is CSV-like).
  dict=(-dict=fuzz/dict/csv.dict)
  [[ -f fuzz/dict/$t.dict ]] && dict=(-dict="fuzz/dict/$t.dict")
  [[ $t == server_query ]] && dict=()
  start=$(date +%s)
  result=ok
  if ! "$bin" -max_total_time="$seconds" -rss_limit_mb=2048 -malloc_limit_mb=2048 -timeout=10 \
      -print_final_stats=1 -artifact_prefix="$findings/" "${dict[@]}" \
      "$work" "fuzz/corpus/$t" >"$log" 2>&1; then
    result="FINDING (log $log; input in $findings/)"
    status=1
  fi
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  elapsed=$(($(date +%s) - start))
  printf '%-15s %10s %8s %9s %s\n' "$t" "${execs:-?}" "$elapsed" \
    "$(( ${execs:-0} / (elapsed > 0 ? elapsed : 1) ))" "$result"
  if [[ $result != ok ]]; then grep -E 'ERROR|SUMMARY|contract broken|terminate|what\(\)' "$log" | head -5; fi
done
exit $status
