#!/usr/bin/env bash
# The MPC tables of docs/optimization.md ("MPC"): cost, emissions and hourly
# CFE of the rule-based run, MPC with each forecast (48 h horizon, re-planned
# every EVERY hours) and perfect foresight, all through the engine, under
# the dispatch objective, with [hydro]'s reservoir at the end and the wall
# time of each run. Usage: scripts/mpc-table.sh [SCENARIO [EVERY ...]]
# (default: the Golmud example, re-planned every 24 h and every 1 h; the
# default base: scripts/mpc-table.sh examples/qinghai_base.toml 24);
# needs build/release/apps/cli/shapan. MPC_SET: more --set overrides for
# every run, e.g. MPC_SET='optimize.reservoir_end="run_start"'.
set -euo pipefail
cd "$(dirname "$0")/.."
scenario=${1:-examples/golmud_solar_wind_storage.toml}
shift || true
everies=("$@")
[ ${#everies[@]} -eq 0 ] && everies=(24 1)
shapan=build/release/apps/cli/shapan
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
row() {  # label, optimize.json, key path
  python3 - "$@" <<'PY'
import json, sys
label, path, key = sys.argv[1], sys.argv[2], sys.argv[3]
j = json.load(open(path))
o = j
for k in key.split("."):
    o = o[k]
# Perfect foresight: the fluid LP and, with flexible jobs, one LP per whole schedule.
pf_lps = 1 + len(j.get("perfect_foresight", {}).get("jobs", {}).get("schedules", []))
lps = j["mpc"]["lp_solves"] if key == "replay" else (str(pf_lps) if "perfect" in key else "—")
secs = f'{j["solver"]["solve_seconds"]:.2f}' if key == "replay" else "—"
wall = f'{o["wall_seconds"]:.2f}' if "wall_seconds" in o else "—"
end = "—"
if "hydro_end_volume_hm3" in o and "reservoir_start_hm3" in j:
    end = f'{o["hydro_end_volume_hm3"][0]:.2f} ({o["hydro_end_volume_hm3"][0] - j["reservoir_start_hm3"]:+.2f})'
print(f'| {label} | {o["cost"]:,.0f} | {o["co2_t"]:,.1f} | {o["cfe_score"]:.4f} | '
      f'{o["grid_import_kwh"] / 1000:,.1f} | {end} | {lps} | {secs} | {wall} |')
PY
}
echo "| run | cost | CO2, t | hourly CFE | imports, MWh | reservoir at the end, hm³ (vs start) | LPs | LP seconds | wall seconds |"
echo "|---|---|---|---|---|---|---|---|---|"
first=""
for every in "${everies[@]}"; do
  for forecast in perfect persistence noisy; do
    d="$out/${forecast}_${every}"
    "$shapan" optimize "$scenario" --mode mpc --out "$d" --quiet \
      --set optimize.forecast=\""$forecast"\" --set optimize.replan_every_h="$every" \
      ${MPC_SET:+--set "$MPC_SET"} 2>/dev/null ||
      [ -f "$d/optimize.json" ]  # exit 5: some windows found no plan (the json says how many)
    if [ -z "$first" ]; then
      first=$d
      row "rule-based (\`shapan run\`)" "$d/optimize.json" rule_based
    fi
    row "MPC, $forecast, re-plan every $every h" "$d/optimize.json" replay
  done
done
row "perfect foresight (LP, jobs made whole, replayed)" "$first/optimize.json" perfect_foresight.replay
