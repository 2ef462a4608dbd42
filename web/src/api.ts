// The server's JSON API (apps/server, src/server/http_server.h).
export interface Facts {
  name: string;
  start_unix_s: number;
  step_s: number;
  utc_offset_h: number;
  steps: number;
  strategy: string;
  pv_ac_kw: number;
  wind_kw: number;
  hydro_kw: number;
  reservoir_min_hm3: number;
  reservoir_max_hm3: number;
  battery_capacity_kwh: number;
  battery_power_kw: number;
  grid_import_limit_kw: number;
  has_grid: boolean;
  it_capacity_kw: number;
}

// 绿电直连 compliance (docs/results.md): wind and solar only, fractions of the run.
export interface DirectSupply {
  self_use_frac: number;
  consumption_share_frac: number;
  export_share_frac: number;
  self_use_min_frac: number;
  consumption_share_min_frac: number;
  export_share_max_frac: number;
  compliant: boolean;
}

export interface Summary {
  green_share: number;
  annual_matching_frac?: number; // absent from runs of older servers
  cfe_score: number;
  direct_supply?: DirectSupply;
  grid_carbon_basis?: string;
  curtailment_rate: number;
  emissions_t: number;
  energy_kwh: Record<string, number>;
  cost: { total_cny: number; lcoe_per_kwh: number; grid_import_cny: number };
  [key: string]: unknown;
}

export interface Run {
  id: number;
  scenario: string;
  overrides: string[];
  status: 'queued' | 'running' | 'done' | 'failed';
  error?: string;
  elapsed_ms?: number;
  summary?: Summary;
  facts?: Facts;
}

export type Columns = Record<string, Float64Array>;

export interface Series {
  start_unix_s: number;
  step_s: number;
  columns: Columns;
}

export class ApiError extends Error {
  constructor(public status: number, message: string) {
    super(message);
  }
}

async function json<T>(res: Response): Promise<T> {
  const body = await res.json().catch(() => ({ error: `HTTP ${res.status}` }));
  if (!res.ok) throw new ApiError(res.status, (body as { error?: string }).error ?? `HTTP ${res.status}`);
  return body as T;
}

export async function listScenarios(): Promise<{ name: string; title: string }[]> {
  return json(await fetch('/api/scenarios'));
}

export async function getScenario(name: string): Promise<{ name: string; title: string; config: any }> {
  return json(await fetch(`/api/scenarios/${encodeURIComponent(name)}`));
}

export async function startRun(scenario: string, overrides: Record<string, number | string | boolean>): Promise<number> {
  const res = await fetch('/api/runs', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ scenario, overrides }),
  });
  return (await json<{ id: number }>(res)).id;
}

export async function waitRun(id: number): Promise<Run> {
  for (;;) {
    const run = await json<Run>(await fetch(`/api/runs/${id}?wait_ms=10000`));
    if (run.status === 'done') return run;
    if (run.status === 'failed') throw new ApiError(400, run.error ?? 'run failed');
  }
}

export async function getSeries(id: number): Promise<Series> {
  const raw = await json<{ start_unix_s: number; step_s: number; columns: Record<string, (number | null)[]> }>(
    await fetch(`/api/runs/${id}/series`),
  );
  const columns: Columns = {};
  for (const [k, v] of Object.entries(raw.columns)) columns[k] = Float64Array.from(v, (x) => (x === null ? NaN : x));
  return { start_unix_s: raw.start_unix_s, step_s: raw.step_s, columns };
}

export async function compare(a: number, b: number): Promise<{ a: Run; b: Run; delta: Record<string, any> }> {
  return json(await fetch(`/api/compare?a=${a}&b=${b}`));
}

// Stored runs, newest first (without their summaries).
export async function listRuns(limit = 100): Promise<Run[]> {
  return json(await fetch(`/api/runs?limit=${limit}`));
}
