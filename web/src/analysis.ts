// Figures computed in the browser from a run's per-step series: KPIs of a
// span of steps (the current day), and the notable days to jump to.
import type { Columns } from './api';

export interface SpanKpis {
  green_share: number; // min(1, (pv + wind + hydro − curtailed) / load), as docs/results.md
  annual_matching: number; // the same, uncapped
  ds_self_use: number; // wind+solar to load / (pv + wind); NaN without the column
  ds_consumption: number; // wind+solar to load / load
  ds_export: number; // wind+solar to grid / (pv + wind)
  cfe_score: number; // Σ min(load, green to load) / Σ load
  curtailment_rate: number; // curtailed / (pv + wind + hydro)
  emissions_t: number; // grid imports × carbon intensity
  grid_cost_cny: number; // grid imports × price
}

export function spanKpis(c: Columns, from: number, to: number, stepH: number): SpanKpis {
  let gen = 0, curt = 0, load = 0, green = 0, em = 0, cost = 0;
  let ws = 0, wsLoad = 0, wsGrid = 0;
  const wsToLoad = c.wind_solar_to_load_kw;
  const wsToGrid = c.wind_solar_to_grid_kw;
  for (let i = from; i < to; i++) {
    ws += c.pv_kw[i] + c.wind_kw[i];
    if (wsToLoad) wsLoad += wsToLoad[i];
    if (wsToGrid) wsGrid += wsToGrid[i];
    const g = c.pv_kw[i] + c.wind_kw[i] + c.hydro_kw[i];
    gen += g;
    curt += c.curtailed_kw[i];
    load += c.datacenter_kw[i];
    green += Math.min(c.datacenter_kw[i], c.green_to_load_kw[i]);
    em += c.grid_import_kw[i] * (c.grid_carbon_g_per_kwh[i] || 0);
    cost += c.grid_import_kw[i] * (c.import_price_cny_per_kwh[i] || 0);
  }
  return {
    green_share: load > 0 ? Math.min(1, (gen - curt) / load) : 0,
    annual_matching: load > 0 ? (gen - curt) / load : 0,
    ds_self_use: !wsToLoad ? NaN : ws > 0 ? wsLoad / ws : 0,
    ds_consumption: !wsToLoad ? NaN : load > 0 ? wsLoad / load : 0,
    ds_export: !wsToGrid ? NaN : ws > 0 ? wsGrid / ws : 0,
    cfe_score: load > 0 ? green / load : 0,
    curtailment_rate: gen > 0 ? curt / gen : 0,
    emissions_t: (em * stepH) / 1e6,
    grid_cost_cny: cost * stepH,
  };
}

export interface Notable {
  mostCurtailmentDay: number; // first step of the day
  lowestGreenDay: number;
  windlessWeek: number; // first step of the week
  representativeWeek: number;
}

function dailySums(v: Float64Array, perDay: number): number[] {
  const days = Math.floor(v.length / perDay);
  const out: number[] = new Array(days).fill(0);
  for (let d = 0; d < days; d++) for (let i = d * perDay; i < (d + 1) * perDay; i++) out[d] += v[i];
  return out;
}

function argBest(a: number[], better: (x: number, y: number) => boolean): number {
  let best = 0;
  for (let i = 1; i < a.length; i++) if (better(a[i], a[best])) best = i;
  return best;
}

export function notable(c: Columns, stepsPerDay: number): Notable {
  const curt = dailySums(c.curtailed_kw, stepsPerDay);
  const load = dailySums(c.datacenter_kw, stepsPerDay);
  const green = dailySums(c.green_to_load_kw, stepsPerDay);
  const wind = dailySums(c.wind_kw, stepsPerDay);
  const days = load.length;
  const share = load.map((l, d) => (l > 0 ? green[d] / l : 1));
  const weekly = (a: number[]) => a.slice(0, Math.max(1, days - 6)).map((_, d) => a.slice(d, d + 7).reduce((x, y) => x + y, 0));
  const windWeek = weekly(wind);
  // Representative: the week whose green share is closest to the median week's.
  const shareWeek = weekly(share).map((s) => s / 7);
  const sorted = [...shareWeek].sort((x, y) => x - y);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  return {
    mostCurtailmentDay: argBest(curt, (x, y) => x > y) * stepsPerDay,
    lowestGreenDay: argBest(share, (x, y) => x < y) * stepsPerDay,
    windlessWeek: argBest(windWeek, (x, y) => x < y) * stepsPerDay,
    representativeWeek: argBest(shareWeek.map((s) => -Math.abs(s - median)), (x, y) => x > y) * stepsPerDay,
  };
}
