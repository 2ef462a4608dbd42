#!/usr/bin/env bash
# The MPC table of docs/optimization.md ("MPC"): cost, emissions and hourly
# CFE of the rule-based run, MPC with each forecast (48 h horizon, re-planned
# daily and hourly) and perfect foresight, all through the engine, under the
# dispatch objective. Usage: scripts/mpc-table.sh [SCENARIO] (default: the
# Golmud example); needs build/release/apps/cli/shapan.
set -euo pipefail
cd "$(dirname "$0")/.."
scenario=${1:-examples/golmud_solar_wind_storage.toml}
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
lps = j["mpc"]["lp_solves"] if key == "replay" else ("1" if "perfect" in key else "—")
secs = f'{j["solver"]["solve_seconds"]:.2f}' if key == "replay" else "—"
print(f'| {label} | {o["cost"]:,.0f} | {o["co2_t"]:,.1f} | {o["cfe_score"]:.4f} | '
      f'{o["grid_import_kwh"] / 1000:,.1f} | {lps} | {secs} |')
PY
}
echo "| run | cost | CO2, t | hourly CFE | imports, MWh | LPs | LP seconds |"
echo "|---|---|---|---|---|---|---|"
first=""
for every in 24 1; do
  for forecast in perfect persistence noisy; do
    d="$out/${forecast}_${every}"
    "$shapan" optimize "$scenario" --mode mpc --out "$d" --quiet \
      --set optimize.forecast=\""$forecast"\" --set optimize.replan_every_h="$every" 2>/dev/null
    if [ -z "$first" ]; then
      first=$d
      row "rule-based (\`shapan run\`)" "$d/optimize.json" rule_based
    fi
    row "MPC, $forecast, re-plan every $every h" "$d/optimize.json" replay
  done
done
row "perfect foresight (one cyclic LP, replayed)" "$first/optimize.json" perfect_foresight.replay
