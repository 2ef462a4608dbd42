// The digital sandbox page: loads a scenario, runs it on the server, plays
// the year on the sand table, and reruns it when a what-if slider moves.
import * as api from './api';
import type { Columns, DirectSupply, Run, Series } from './api';
import { notable, spanKpis, type Notable, type SpanKpis } from './analysis';
import { Charts } from './charts';
import { CompareRuns, h, renderPrevious } from './compare';
import { fmtCny, fmtCnyPerKwh, fmtEnergyKwh, fmtPct, fmtPower, fmtTonnes, getLang, setLang, t, type Lang, type LabelKey } from './i18n';
import { monthlyChart, monthlyEnergy } from './monthly';
import { Gauge, SandTable } from './sandtable';
import { coordinationLine } from './status_line';
import { Planner } from './plan';
import { SweepView, type FrontPoint } from './sweep_view';

interface SliderDef {
  key: LabelKey;
  id: string;
  min: number;
  max: number;
  step: number;
  value: number; // multiplier of the baseline
  describe: (mult: number) => string;
  overrides: (mult: number) => Record<string, number>;
}

const params = new URLSearchParams(location.search);
const kiosk = params.get('kiosk') === '1';

const state = {
  scenario: params.get('scenario') ?? '',
  config: null as any,
  run: null as Run | null,
  series: null as Series | null,
  previous: null as Run | null,
  cursor: 0,
  playing: kiosk,
  hoursPerSecond: kiosk ? 24 : 24,
  windowKind: 'week' as 'day' | 'week' | 'month',
  windowFrom: -1,
  windowPin: -1, // a jumped-to week starts the window while the cursor is in it
  notable: null as Notable | null,
  loopFrom: -1,
  loopTo: -1,
  busy: false,
  pending: false,
  lastRedrawMs: NaN,
  scheduler: '',
  extra: {} as FrontPoint['overrides'], // a sweep point's configuration, loaded on top of the sliders
};

// For the browser tests and the curious: the page's live figures.
(window as any).__shapan = {
  get runId() { return state.run?.id ?? null; },
  get cursor() { return state.cursor; },
  get playing() { return state.playing; },
  get lastRedrawMs() { return state.lastRedrawMs; },
  get busy() { return state.busy || state.pending; },
  get previousId() { return state.previous?.id ?? null; },
  sweepPoint: (i: number) => sweeps.pointPosition(i),
};

function i18n(key: LabelKey, tag: keyof HTMLElementTagNameMap = 'span', attrs: Record<string, string> = {}): HTMLElement {
  const e = h(tag, { ...attrs, 'data-i18n': key });
  e.textContent = t(key);
  return e;
}

// ---- layout -------------------------------------------------------------
const app = document.getElementById('app')!;
if (kiosk) document.body.classList.add('kiosk');

const scenarioSelect = h('select', { 'data-testid': 'scenario' });
const langButton = h('button', { 'data-testid': 'lang', class: 'lang' });
const kioskLink = h('a', { href: '?kiosk=1', 'data-i18n': 'kiosk', class: 'kiosk-link' });
const header = h('header', {}, h('h1', { 'data-i18n': 'title' }), h('label', { class: 'ctl' }, i18n('scenario'), scenarioSelect), kioskLink, langButton);

const tableBox = h('div', { class: 'table-box' });
const gauges = h('div', { class: 'gauges' });
const status = h('div', { class: 'status', 'data-testid': 'status' });
const cosimLine = h('div', { class: 'cosim', 'data-testid': 'cosim' });

const playButton = h('button', { 'data-testid': 'play', class: 'play' });
const speedSelect = h('select', { 'data-testid': 'speed' });
const scrubber = h('input', { type: 'range', min: '0', max: '0', value: '0', step: '1', 'data-testid': 'scrubber', class: 'scrubber' }) as HTMLInputElement;
const clock = h('span', { class: 'clock', 'data-testid': 'clock' });
const jumps = h('div', { class: 'jumps' });
const timeBar = h('div', { class: 'timebar' }, playButton, h('label', { class: 'ctl' }, i18n('speed'), speedSelect), scrubber, clock);

const kpiBox = h('div', { class: 'kpis', 'data-testid': 'kpis' });
const sliderBox = h('div', { class: 'sliders' });
const redrawInfo = h('div', { class: 'redraw', 'data-testid': 'redraw' });
const compareBox = h('div', { class: 'compare', 'data-testid': 'compare' });
const windowSelect = h('select', { 'data-testid': 'window' });
const chartsBox = h('div', { class: 'charts' });
const monthlyBox = h('div', { class: 'monthly-box', 'data-testid': 'monthly' });
const compareRunsBox = h('section', { class: 'compare-runs panel', 'data-testid': 'compare-runs' });
const planBox = h('div', { class: 'panel plan', 'data-testid': 'plan' });
const sweepBox = h('div', { class: 'panel sweeps', 'data-testid': 'sweeps' });

app.append(
  header,
  h('main', {},
    h('section', { class: 'stage' }, tableBox, cosimLine, h('div', { class: 'under-table' }, gauges, status), timeBar, jumps),
    h('aside', { class: 'side' },
      h('div', { class: 'panel' }, kpiBox),
      h('div', { class: 'panel whatif' }, i18n('whatif', 'h2'), sliderBox, redrawInfo),
      planBox,
      sweepBox,
      h('div', { class: 'panel' }, i18n('compare', 'h2'), compareBox)),
  ),
  h('section', { class: 'charts-section' }, h('div', { class: 'charts-head' }, i18n('charts', 'h2'), h('label', { class: 'ctl' }, i18n('window'), windowSelect)), chartsBox, monthlyBox),
  compareRunsBox,
);
compareRunsBox.append(i18n('compare_runs', 'h2'));
const compareRuns = new CompareRuns(compareRunsBox);

const table = new SandTable(tableBox);
const socGauge = new Gauge(gauges, 'soc', '#2ba84a', 'gauge-soc');
const levelGauge = new Gauge(gauges, 'level', '#2f6fd6', 'gauge-level');
const itGauge = new Gauge(gauges, 'it_load', '#e0621b', 'gauge-it');
const charts = new Charts(chartsBox);
function adopt(run: Run, series: Series): void { // the optimiser's year, or any stored run, on the table
  if (state.run && state.run.id !== run.id) state.previous = state.run;
  [state.run, state.series, state.cursor] = [run, series, Math.min(state.cursor, run.facts!.steps - 1)];
  onNewRun();
}
const planner = new Planner(planBox, { scenario: () => state.scenario, overrides: () => currentOverrides(), adopt });
const sweeps = new SweepView(sweepBox, (base, o) => void loadConfiguration(base, o));

// ---- helpers ------------------------------------------------------------
const cols = (): Columns => state.series!.columns;
const steps = (): number => state.run?.facts?.steps ?? 0;
const stepH = (): number => (state.series?.step_s ?? 3600) / 3600;
const perDay = (): number => Math.max(1, Math.round(24 / stepH()));

function localDate(step: number): Date {
  const f = state.run!.facts!;
  return new Date((f.start_unix_s + step * f.step_s + f.utc_offset_h * 3600) * 1000);
}
function fmtDate(d: Date, withHour: boolean): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const day = `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}`;
  return withHour ? `${day} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}` : day;
}

function levelFrac(storageHm3: number): number {
  const f = state.run?.facts;
  if (!f || f.reservoir_max_hm3 <= f.reservoir_min_hm3) return NaN;
  return (storageHm3 - f.reservoir_min_hm3) / (f.reservoir_max_hm3 - f.reservoir_min_hm3);
}

function windowLength(): number {
  return perDay() * (state.windowKind === 'day' ? 1 : state.windowKind === 'week' ? 7 : 30);
}

// ---- rendering ----------------------------------------------------------
function relabel(): void {
  document.title = getLang() === 'zh' ? 'Shapan 数字沙盘' : 'Shapan digital sandbox';
  document.querySelectorAll<HTMLElement>('[data-i18n]').forEach((e) => (e.textContent = t(e.dataset.i18n as LabelKey)));
  langButton.textContent = t('lang');
  speedSelect.innerHTML = '';
  for (const [v, k] of [['1', 'hour_per_s'], ['24', 'day_per_s'], ['168', 'week_per_s']] as const) {
    const o = h('option', { value: v }, t(k));
    if (Number(v) === state.hoursPerSecond) o.selected = true;
    speedSelect.append(o);
  }
  windowSelect.innerHTML = '';
  for (const k of ['day', 'week', 'month'] as const) {
    const o = h('option', { value: k }, t(k));
    if (k === state.windowKind) o.selected = true;
    windowSelect.append(o);
  }
  jumps.innerHTML = '';
  jumps.append(i18n('jump'));
  for (const [k, id] of [['most_curtailment', 'jump-curtail'], ['lowest_green', 'jump-green'], ['windless_week', 'jump-windless'], ['representative_week', 'jump-representative']] as const) {
    const b = h('button', { 'data-testid': id }, t(k));
    b.onclick = () => jumpTo(k);
    jumps.append(b);
  }
  table.relabel();
  socGauge.relabel();
  levelGauge.relabel();
  itGauge.relabel();
  buildSliders();
  renderKpis();
  renderCompare();
  compareRuns.relabel();
  planner.relabel();
  sweeps.relabel();
  renderMonthly();
  renderRedrawInfo();
  state.windowFrom = -1;
  renderStep();
}

function kpiRow(key: LabelKey, day: string, run: string): HTMLElement {
  return h('tr', { 'data-kpi': key }, h('th', {}, t(key)), h('td', { class: 'kpi-day' }, day), h('td', { class: 'kpi-run' }, run));
}

function renderKpis(): void {
  kpiBox.innerHTML = '';
  if (!state.run?.summary || !state.series) return;
  const s = state.run.summary;
  const d0 = Math.floor(Math.floor(state.cursor) / perDay()) * perDay();
  const d = spanKpis(cols(), d0, Math.min(steps(), d0 + perDay()), stepH());
  const date = fmtDate(localDate(d0), false);
  kpiBox.append(
    h('table', {},
      h('thead', {}, h('tr', {}, h('th', {}), h('th', {}, `${t('kpi_day')} ${date}`), h('th', {}, t('kpi_run')))),
      h('tbody', {},
        // The headline first: hourly matching tells designs apart; annual
        // matching reads 100 % for a base that still buys power at night.
        kpiRow('cfe_score', fmtPct(d.cfe_score), fmtPct(s.cfe_score)),
        kpiRow('annual_matching', fmtPct(d.annual_matching), s.annual_matching_frac === undefined ? '—' : fmtPct(s.annual_matching_frac)),
        kpiRow('green_share', fmtPct(d.green_share), fmtPct(s.green_share)),
        ...directSupplyRows(d, s.direct_supply),
        kpiRow('curtailment', fmtPct(d.curtailment_rate), fmtPct(s.curtailment_rate)),
        kpiRow('emissions', fmtTonnes(d.emissions_t), fmtTonnes(s.emissions_t)),
        kpiRow('carbon_basis', '', s.grid_carbon_basis ?? '—'),
        kpiRow('cost', `${t('grid_cost')} ${fmtCny(d.grid_cost_cny)}`, fmtCny(s.cost.total_cny)),
        kpiRow('lcoe', '—', fmtCnyPerKwh(s.cost.lcoe_per_kwh)))),
  );
}

// 绿电直连 rows: the run's figures against their thresholds; the day's
// figures for reference (the rules apply to a year).
function directSupplyRows(d: SpanKpis, ds: DirectSupply | undefined): HTMLElement[] {
  if (!ds) return [];
  const day = (v: number) => (Number.isFinite(v) ? fmtPct(v) : '—');
  const run = (v: number, op: string, limit: number, ok: boolean) =>
    `${fmtPct(v)} (${op} ${(limit * 100).toFixed(0)} %) ${ok ? '✓' : '✗'}`;
  return [
    kpiRow('direct_supply', '', t(ds.compliant ? 'compliant' : 'not_compliant')),
    kpiRow('ds_self_use', day(d.ds_self_use), run(ds.self_use_frac, '≥', ds.self_use_min_frac, ds.self_use_frac >= ds.self_use_min_frac)),
    kpiRow('ds_consumption', day(d.ds_consumption), run(ds.consumption_share_frac, '≥', ds.consumption_share_min_frac, ds.consumption_share_frac >= ds.consumption_share_min_frac)),
    kpiRow('ds_export', day(d.ds_export), run(ds.export_share_frac, '≤', ds.export_share_max_frac, ds.export_share_frac <= ds.export_share_max_frac)),
  ];
}

let lastKpiDay = -1;
function renderStep(): void {
  if (!state.series || !state.run?.facts) return;
  const c = cols();
  const i = Math.min(steps() - 1, Math.max(0, Math.floor(state.cursor)));
  table.update({
    pv_kw: c.pv_kw[i], wind_kw: c.wind_kw[i], hydro_kw: c.hydro_kw[i],
    charge_kw: c.battery_charge_kw[i], discharge_kw: c.battery_discharge_kw[i],
    import_kw: c.grid_import_kw[i], export_kw: c.grid_export_kw[i], curtailed_kw: c.curtailed_kw[i],
    datacenter_kw: c.datacenter_kw[i], it_kw: c.it_kw[i], jobs_it_kw: c.jobs_it_kw?.[i] ?? 0, jobs_running: c.jobs_running?.[i] ?? 0, unserved_kw: c.unserved_kw[i],
    soc_frac: c.battery_soc_frac[i], level_frac: levelFrac(c.reservoir_storage_hm3[i]),
  });
  socGauge.set(c.battery_soc_frac[i]);
  const lf = levelFrac(c.reservoir_storage_hm3[i]);
  levelGauge.set(lf, Number.isFinite(lf) ? `${c.reservoir_level_m[i].toFixed(1)} m` : '—');
  const itCap = state.run.facts.it_capacity_kw || 1;
  itGauge.set(c.it_kw[i] / itCap, fmtPower(c.it_kw[i]));
  clock.textContent = fmtDate(localDate(i), true);
  cosimLine.textContent = coordinationLine(c, i, policy(), hasJobs());
  if (document.activeElement !== scrubber) scrubber.value = String(i);
  const day = Math.floor(i / perDay());
  if (day !== lastKpiDay) {
    lastKpiDay = day;
    renderKpis();
  }
  const len = windowLength();
  const pinned = state.windowPin >= 0 && i >= state.windowPin && i < state.windowPin + len;
  const from = pinned ? state.windowPin : Math.min(Math.max(0, steps() - len), Math.floor(i / len) * len);
  if (from !== state.windowFrom) {
    state.windowFrom = from;
    charts.setWindow(c, state.series.start_unix_s, state.series.step_s, state.run.facts.utc_offset_h, from, Math.min(steps(), from + len));
  }
  const f = state.run.facts;
  charts.setCursor(f.start_unix_s + i * f.step_s + f.utc_offset_h * 3600);
}

function renderRedrawInfo(): void {
  const parts: string[] = [];
  if (state.busy) parts.push(t('running'));
  if (state.run) parts.push(`${t('run')} #${state.run.id}`);
  if (Number.isFinite(state.lastRedrawMs)) parts.push(`${t('redraw')} ${state.lastRedrawMs.toFixed(0)} ms`);
  redrawInfo.textContent = parts.join(' · ');
  redrawInfo.dataset.ms = Number.isFinite(state.lastRedrawMs) ? state.lastRedrawMs.toFixed(1) : '';
}

let compareData: Awaited<ReturnType<typeof api.compare>> | null = null;
function renderCompare(): void {
  renderPrevious(compareBox, compareData);
}

// ---- what-if ------------------------------------------------------------
const sliders: SliderDef[] = [];

function configArray(name: string): any[] {
  const v = state.config?.[name];
  return Array.isArray(v) ? v : v ? [v] : [];
}

function defineSliders(): void {
  sliders.length = 0;
  const pv = configArray('pv');
  const wind = configArray('wind');
  const bat = configArray('battery');
  const hydro = state.config?.hydro;
  const dc = state.config?.datacenter;
  const num = (v: unknown, d: number) => (typeof v === 'number' ? v : d);
  if (pv.length) {
    const base = pv.map((p) => num(p.dc_capacity_kw, 1000));
    sliders.push({ key: 'pv_cap', id: 'slider-pv', min: 0.1, max: 3, step: 0.1, value: 1,
      describe: (m) => `${fmtPower(base.reduce((a, b) => a + b, 0) * m)} DC`,
      overrides: (m) => Object.fromEntries(base.map((b, i) => [`pv.${i}.dc_capacity_kw`, Math.round(b * m)])) });
  }
  if (wind.length) {
    const base = wind.map((w) => num(w.count, 1));
    sliders.push({ key: 'wind_cap', id: 'slider-wind', min: 0.1, max: 3, step: 0.1, value: 1,
      describe: (m) => `${base.reduce((a, b) => a + Math.max(1, Math.round(b * m)), 0)}`,
      overrides: (m) => Object.fromEntries(base.map((b, i) => [`wind.${i}.count`, Math.max(1, Math.round(b * m))])) });
  }
  if (bat.length) {
    sliders.push({ key: 'battery_cap', id: 'slider-battery', min: 0.1, max: 4, step: 0.1, value: 1,
      describe: (m) => fmtEnergyKwh(bat.reduce((a, b) => a + num(b.energy_kwh, 1000), 0) * m),
      overrides: (m) => {
        const o: Record<string, number> = {};
        bat.forEach((b, i) => {
          o[`battery.${i}.energy_kwh`] = Math.round(num(b.energy_kwh, 1000) * m);
          if (typeof b.max_charge_kw === 'number') o[`battery.${i}.max_charge_kw`] = Math.round(b.max_charge_kw * m);
          if (typeof b.max_discharge_kw === 'number') o[`battery.${i}.max_discharge_kw`] = Math.round(b.max_discharge_kw * m);
        });
        return o;
      } });
  }
  if (hydro) {
    sliders.push({ key: 'hydro_share', id: 'slider-hydro', min: 0.1, max: 3, step: 0.1, value: 1,
      describe: (m) => `×${m.toFixed(1)} (${fmtPower(num(hydro.rated_power_kw, 0) * m)})`,
      overrides: (m) => {
        const o: Record<string, number> = {};
        for (const k of ['inflow_scale_frac', 'rated_power_kw', 'max_turbine_flow_m3_per_s', 'min_release_m3_per_s', 'inflow_m3_per_s']) {
          if (typeof hydro[k] === 'number') o[`hydro.${k}`] = hydro[k] * m;
        }
        return o;
      } });
  }
  if (dc) {
    const base = num(dc.it_capacity_kw, 10000);
    sliders.push({ key: 'it_cap', id: 'slider-it', min: 0.1, max: 3, step: 0.1, value: 1,
      describe: (m) => fmtPower(base * m),
      overrides: (m) => ({ 'datacenter.it_capacity_kw': Math.round(base * m) }) });
  }
}

function buildSliders(): void {
  sliderBox.innerHTML = '';
  for (const s of sliders) {
    const input = h('input', { type: 'range', min: String(s.min), max: String(s.max), step: String(s.step), value: String(s.value), 'data-testid': s.id }) as HTMLInputElement;
    const out = h('output', {}, s.describe(s.value));
    input.oninput = () => (out.textContent = s.describe(Number(input.value)));
    input.onchange = () => {
      s.value = Number(input.value);
      out.textContent = s.describe(s.value);
      void rerun(performance.now());
    };
    sliderBox.append(h('label', { class: 'slider' }, h('span', { class: 'slider-name' }, t(s.key)), input, out));
  }
  const sched = h('select', { 'data-testid': 'scheduler' });
  for (const k of ['', 'fcfs', 'green_following', 'forecast_threshold', 'power_capping'] as const) {
    const o = h('option', { value: k }, k ? t(k) : t('sched_default'));
    if (k === state.scheduler) o.selected = true;
    sched.append(o);
  }
  sched.onchange = () => {
    state.scheduler = sched.value;
    void rerun(performance.now());
  };
  const reset = h('button', { 'data-testid': 'reset' }, t('reset'));
  reset.onclick = () => {
    sliders.forEach((s) => (s.value = 1));
    state.scheduler = '';
    state.extra = {};
    buildSliders();
    void rerun(performance.now());
  };
  sliderBox.append(h('label', { class: 'slider' }, h('span', { class: 'slider-name' }, t('scheduler')), sched), reset);
}

function currentOverrides(): Record<string, number | string | boolean> {
  const o: Record<string, number | string | boolean> = {};
  for (const s of sliders) if (s.value !== 1) Object.assign(o, s.overrides(s.value));
  if (state.scheduler) o['scheduler.policy'] = state.scheduler;
  return Object.assign(o, state.extra);
}

// Runs the scenario with the sliders' overrides and redraws everything;
// `t0` is when the user let go of the control. A change made while a run is
// in flight is run once that one is done.
async function rerun(t0: number): Promise<void> {
  if (state.busy) {
    state.pending = true;
    return;
  }
  state.busy = true;
  renderRedrawInfo();
  status.textContent = '';
  status.classList.remove('error');
  try {
    const id = await api.startRun(state.scenario, currentOverrides());
    const run = await api.waitRun(id);
    // The series and the comparison are fetched together.
    const before = state.run;
    const [series, cmp] = await Promise.all([api.getSeries(id), before ? api.compare(before.id, run.id) : Promise.resolve(null)]);
    const keepCursor = state.cursor;
    if (before) state.previous = before;
    state.run = run;
    state.series = series;
    state.cursor = Math.min(keepCursor, steps() - 1);
    onNewRun();
    if (cmp) {
      compareData = cmp;
      renderCompare();
    }
    // Measured once the browser has painted the new frame.
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    state.lastRedrawMs = performance.now() - t0;
  } catch (e) {
    status.textContent = `${t('error')}: ${(e as Error).message}`;
    status.classList.add('error');
  } finally {
    state.busy = false;
    renderRedrawInfo();
    if (state.pending) {
      state.pending = false;
      void rerun(performance.now());
    }
  }
}

// A sweep point: its base scenario (if listed) with its overrides instead of the sliders'.
async function loadConfiguration(base: string, o: FrontPoint['overrides']): Promise<void> {
  if (base !== state.scenario && [...scenarioSelect.options].some((x) => x.value === base)) {
    [state.scenario, scenarioSelect.value, state.config] = [base, base, (await api.getScenario(base)).config];
    defineSliders();
  }
  sliders.forEach((s) => (s.value = 1));
  [state.scheduler, state.extra] = ['', o];
  relabel();
  await rerun(performance.now());
}

// The scenario's schedulable workload and its policy (the what-if choice first).
const hasJobs = (): boolean => Boolean(state.config?.workload);
const policy = (): string => (hasJobs() ? state.scheduler || state.config?.scheduler?.policy || 'fcfs' : '');

// Only what the scenario has is drawn: counts from the scenario, the grid from the run.
function showComponents(): void {
  const f = state.run!.facts!;
  const downstream = state.config?.hydro?.downstream;
  const hydro = state.config?.hydro ? 1 + (Array.isArray(downstream) ? downstream.length : 0) : 0;
  const battery = configArray('battery').length;
  table.setComponents({ pv: configArray('pv').length, wind: configArray('wind').length, hydro, battery, grid: f.has_grid, jobs: hasJobs() });
  socGauge.show(battery > 0);
  levelGauge.show(f.reservoir_max_hm3 > f.reservoir_min_hm3);
  charts.hasBattery = battery > 0;
}

function renderMonthly(): void {
  monthlyBox.innerHTML = '';
  if (!state.series || !state.run?.facts) return;
  const s = state.series;
  monthlyBox.append(monthlyChart(monthlyEnergy(s.columns, s.start_unix_s, s.step_s, state.run.facts.utc_offset_h), t('monthly_energy')));
}

function onNewRun(): void {
  const f = state.run!.facts!;
  showComponents();
  renderMonthly();
  void compareRuns.refresh();
  table.setScale({
    pv: f.pv_ac_kw, wind: f.wind_kw, hydro: f.hydro_kw, battery: f.battery_power_kw,
    grid: f.grid_import_limit_kw || f.it_capacity_kw * 1.5, dc: Math.max(f.it_capacity_kw * 1.5, 1),
  });
  charts.levelFrac = f.reservoir_max_hm3 > f.reservoir_min_hm3 ? levelFrac : null;
  scrubber.max = String(f.steps - 1);
  state.notable = notable(cols(), perDay());
  if (kiosk) {
    state.loopFrom = state.notable.representativeWeek;
    state.loopTo = Math.min(f.steps, state.loopFrom + 7 * perDay());
    if (state.cursor < state.loopFrom || state.cursor >= state.loopTo) state.cursor = state.loopFrom;
  }
  state.windowFrom = -1;
  lastKpiDay = -1;
  renderStep();
  renderRedrawInfo();
}

function jumpTo(k: 'most_curtailment' | 'lowest_green' | 'windless_week' | 'representative_week'): void {
  const n = state.notable;
  if (!n) return;
  const to = { most_curtailment: n.mostCurtailmentDay, lowest_green: n.lowestGreenDay, windless_week: n.windlessWeek, representative_week: n.representativeWeek }[k];
  // Show the day around noon, so the sun is up on the table.
  state.cursor = to + (k.endsWith('week') ? 0 : Math.floor(perDay() / 2));
  if (k.endsWith('week')) {
    state.windowKind = 'week';
    windowSelect.value = 'week';
  }
  state.windowPin = k.endsWith('week') ? to : -1;
  state.windowFrom = -1;
  renderStep();
}

// ---- time ---------------------------------------------------------------
function setPlaying(p: boolean): void {
  state.playing = p;
  playButton.textContent = p ? `⏸ ${t('pause')}` : `▶ ${t('play')}`;
  playButton.dataset.playing = String(p);
}

let lastFrame = performance.now();
function frame(now: number): void {
  const dt = Math.min(0.1, (now - lastFrame) / 1000);
  lastFrame = now;
  if (state.playing && state.series) {
    state.cursor += (state.hoursPerSecond * dt) / stepH();
    if (kiosk && state.loopTo > 0 && state.cursor >= state.loopTo) state.cursor = state.loopFrom;
    if (state.cursor >= steps()) state.cursor = 0;
    renderStep();
  }
  table.tick(dt);
  requestAnimationFrame(frame);
}

// ---- wiring -------------------------------------------------------------
playButton.onclick = () => setPlaying(!state.playing);
speedSelect.onchange = () => (state.hoursPerSecond = Number(speedSelect.value));
scrubber.oninput = () => {
  state.cursor = Number(scrubber.value);
  renderStep();
};
windowSelect.onchange = () => {
  state.windowKind = windowSelect.value as typeof state.windowKind;
  state.windowFrom = -1;
  renderStep();
};
langButton.onclick = () => {
  const next: Lang = getLang() === 'zh' ? 'en' : 'zh';
  setLang(next);
  try {
    localStorage.setItem('shapan.lang', next);
  } catch {
    // Storage may be off; the switch still works for this page.
  }
  relabel();
  setPlaying(state.playing);
};
scenarioSelect.onchange = () => {
  const u = new URL(location.href);
  u.searchParams.set('scenario', scenarioSelect.value);
  location.href = u.toString();
};
if (kiosk) {
  document.addEventListener('click', () => document.documentElement.requestFullscreen?.().catch(() => undefined), { once: true });
}
window.addEventListener('resize', () => {
  state.windowFrom = -1;
  renderStep();
});

async function start(): Promise<void> {
  const stored = (() => {
    try {
      return localStorage.getItem('shapan.lang');
    } catch {
      return null;
    }
  })();
  setLang((params.get('lang') ?? stored ?? 'zh') === 'en' ? 'en' : 'zh');
  setPlaying(state.playing);
  try {
    const list = await api.listScenarios();
    if (!state.scenario || !list.some((s) => s.name === state.scenario)) {
      state.scenario = list.find((s) => s.name === 'qinghai_base')?.name ?? list[0]?.name ?? '';
    }
    for (const s of list) {
      const o = h('option', { value: s.name }, s.title);
      if (s.name === state.scenario) o.selected = true;
      scenarioSelect.append(o);
    }
    const sc = await api.getScenario(state.scenario);
    state.config = sc.config;
    defineSliders();
    relabel();
    await rerun(performance.now());
    await sweeps.start().catch(() => undefined);
    document.body.dataset.ready = 'true';
  } catch (e) {
    status.textContent = `${t('error')}: ${(e as Error).message}`;
    status.classList.add('error');
  }
  requestAnimationFrame(frame);
}

void start();
