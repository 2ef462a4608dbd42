#!/usr/bin/env bash
# The planner's table of docs/optimization.md ("A planner's table"): the
# least-cost PV, wind, battery and grid tie of the default Qinghai base for
# hourly CFE targets of 80, 90, 95 and 99 %, with the cost per tCO2 avoided
# against the plant sized with no target, once with the flexible jobs moving
# within their windows and once held where fcfs runs them (move_jobs =
# false): how much plant flexible compute saves. The grid tie is sized at an
# assumed 800 CNY/kW of connection (the Golmud example's figure).
# Usage: scripts/planner-table.sh [SCENARIO]; needs build/release/apps/cli/shapan.
# Each of the two runs solves five sizing LPs over the full hourly year.
set -euo pipefail
cd "$(dirname "$0")/.."
scenario=${1:-examples/qinghai_base.toml}
shapan=build/release/apps/cli/shapan
out=${PLANNER_TABLE_OUT:-$(mktemp -d)}
mkdir -p "$out"
for move in true false; do
  /usr/bin/time -f "%e s wall" -o "$out/$move.time" \
    "$shapan" optimize "$scenario" --mode sizing --out "$out/$move" --quiet \
    --set 'optimize.cfe_curve_frac=[0.8,0.9,0.95,0.99]' --set optimize.size_grid_tie=true \
    --set grid.capex_per_kw=800 --set optimize.move_jobs="$move" &
done
wait
python3 - "$out" <<'PY'
import json, sys
out = sys.argv[1]
def cap(c, kind):
    return sum(x.get("capacity_kw", 0.0) for x in c if x.get("kind") == kind) / 1000
print("| jobs | CFE target | cost, M CNY/yr | PV, MW | wind, MW | battery, MW / MWh | grid tie, MW | CO2, t/yr | CNY per tCO2 avoided |")
print("|---|---|---|---|---|---|---|---|---|")
for move in ("true", "false"):
    j = json.load(open(f"{out}/{move}/optimize.json"))
    for p in j["cfe_curve"]:
        c = p.get("capacities", [])
        bat = [x for x in c if x.get("kind") == "battery"]
        p_mw = sum(x.get("power_kw", 0.0) for x in bat) / 1000
        e_mwh = sum(x.get("energy_kwh", 0.0) for x in bat) / 1000
        t = p.get("cfe_target_frac")
        avoided = p.get("cost_per_t_co2_avoided")
        print(f'| {"moving" if move == "true" else "held (fcfs)"} | '
              f'{"none" if t is None else f"{100 * t:.0f} %"} | {p["total_per_year"] / 1e6:,.2f} | '
              f'{cap(c, "pv"):,.1f} | {cap(c, "wind"):,.1f} | {p_mw:,.1f} / {e_mwh:,.1f} | '
              f'{cap(c, "grid"):,.1f} | {p["co2_per_year_t"]:,.0f} | '
              f'{"—" if avoided is None else f"{avoided:,.0f}"} |')
for move in ("true", "false"):
    print(f"jobs {move}: " + open(f"{out}/{move}.time").read().strip())
PY
