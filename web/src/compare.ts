// Runs side by side. `renderPrevious` shows the run before the last what-if
// change against the current one; `CompareRuns` lets the user pick any two
// stored runs (GET /api/runs) and compares their KPIs (GET /api/compare),
// monthly energy and a chosen week, with the differences highlighted: green
// where B is better than A, red where it is worse.
import uPlot from 'uplot';
import * as api from './api';
import type { Run, Series, Summary } from './api';
import { spanKpis } from './analysis';
import { fmtCny, fmtCnyPerKwh, fmtEnergyKwh, fmtPct, fmtTonnes, t, type LabelKey } from './i18n';
import { DELIVERED, monthlyChart, monthlyEnergy, type MonthEnergy } from './monthly';

type Compared = Awaited<ReturnType<typeof api.compare>>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) e.append(c);
  return e;
}

// A table cell for b − a: 'better' or 'worse' (lower is better for costs,
// emissions, curtailment, imports and unserved energy).
function diffCell(dv: number, f: (x: number) => string, lowerIsBetter: boolean): HTMLElement {
  const good = lowerIsBetter ? dv < 0 : dv > 0;
  const cls = !Number.isFinite(dv) || Math.abs(dv) < 1e-9 ? 'same' : good ? 'better' : 'worse';
  return h('td', { class: `diff ${cls}` }, Number.isFinite(dv) ? (dv > 0 ? '+' : '') + f(dv) : '—');
}

function row(key: LabelKey, f: (x: number) => string, va: number, vb: number, lowerIsBetter = false, attr = 'data-compare'): HTMLElement {
  return h('tr', { [attr]: key }, h('th', {}, t(key)), h('td', {}, f(va)), h('td', {}, f(vb)), diffCell(vb - va, f, lowerIsBetter));
}

function kpiRows(sa: Summary, sb: Summary, attr: string): HTMLElement[] {
  const e = (s: Summary, k: string) => s.energy_kwh[k] ?? 0;
  return [
    row('cfe_score', fmtPct, sa.cfe_score, sb.cfe_score, false, attr),
    row('green_share', fmtPct, sa.green_share, sb.green_share, false, attr),
    row('curtailment', fmtPct, sa.curtailment_rate, sb.curtailment_rate, true, attr),
    row('emissions', fmtTonnes, sa.emissions_t, sb.emissions_t, true, attr),
    row('cost', fmtCny, sa.cost.total_cny, sb.cost.total_cny, true, attr),
    row('lcoe', fmtCnyPerKwh, sa.cost.lcoe_per_kwh, sb.cost.lcoe_per_kwh, true, attr),
    row('pv', fmtEnergyKwh, e(sa, 'pv'), e(sb, 'pv'), false, attr),
    row('wind', fmtEnergyKwh, e(sa, 'wind'), e(sb, 'wind'), false, attr),
    row('hydro', fmtEnergyKwh, e(sa, 'hydro'), e(sb, 'hydro'), false, attr),
    row('import', fmtEnergyKwh, e(sa, 'grid_import'), e(sb, 'grid_import'), true, attr),
    row('unserved', fmtEnergyKwh, e(sa, 'unserved'), e(sb, 'unserved'), true, attr),
  ];
}

function head(a: string, b: string): HTMLElement {
  return h('thead', {}, h('tr', {}, h('th', {}), h('th', {}, a), h('th', {}, b), h('th', {}, t('change'))));
}

// The previous run against this one (the what-if panel).
export function renderPrevious(box: HTMLElement, data: Compared | null): void {
  box.innerHTML = '';
  if (!data) {
    box.append(h('p', { class: 'hint' }, t('no_previous')));
    return;
  }
  const { a, b } = data;
  const rows = kpiRows(a.summary!, b.summary!, 'data-compare').slice(0, 5);
  rows.push(...kpiRows(a.summary!, b.summary!, 'data-compare').filter((r) => ['pv', 'wind', 'import'].includes(r.dataset.compare!)));
  box.append(
    h('table', {}, head(`${t('previous')} #${a.id}`, `${t('current')} #${b.id}`), h('tbody', {}, ...rows)),
    bars([
      ['cfe_score', a.summary!.cfe_score, b.summary!.cfe_score],
      ['green_share', a.summary!.green_share, b.summary!.green_share],
      ['curtailment', a.summary!.curtailment_rate, b.summary!.curtailment_rate],
    ]),
    h('p', { class: 'hint' }, `${t('previous')}: ${a.overrides.join(', ') || '—'}`),
    h('p', { class: 'hint' }, `${t('current')}: ${b.overrides.join(', ') || '—'}`),
  );
}

// Side by side: A's share (grey) over B's (blue).
function bars(rows: [LabelKey, number, number][]): HTMLElement {
  const box = h('div', { class: 'cmp-bars', 'data-testid': 'compare-bars' });
  for (const [key, a, b] of rows) {
    const bar = (v: number, cls: string) => {
      const e = h('div', { class: `cmp-bar ${cls}` }, fmtPct(v));
      e.style.width = `${Math.max(2, Math.min(100, v * 100))}%`;
      return e;
    };
    box.append(h('div', { class: 'cmp-row' }, h('span', { class: 'cmp-name' }, t(key)), h('div', { class: 'cmp-track' }, bar(a, 'prev'), bar(b, 'cur'))));
  }
  return box;
}

// The chosen week of both runs: clean energy to the load and grid imports,
// A solid and B dashed, in MW (site standard time).
function weekChart(sa: Series, sb: Series, utcOffsetH: number, from: number, to: number, width: number): HTMLElement {
  const div = h('div', { class: 'chart', 'data-testid': 'cmp-week-chart' });
  const x = Array.from({ length: to - from }, (_, k) => sa.start_unix_s + (from + k) * sa.step_s + utcOffsetH * 3600);
  const mw = (s: Series, col: string) => Array.from(s.columns[col].subarray(from, to), (v) => v / 1000);
  const line = (label: string, stroke: string, dash?: number[]) => ({ label, stroke, width: 2, ...(dash ? { dash } : {}) });
  const opts: uPlot.Options = {
    title: `${t('clean_to_load')} / ${t('import')} (MW)`,
    width,
    height: 240,
    tzDate: (ts: number) => uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC'),
    legend: { show: true, live: false },
    series: [{}, line(`A ${t('clean_to_load')}`, '#2f855a'), line(`B ${t('clean_to_load')}`, '#2f855a', [6, 4]), line(`A ${t('import')}`, '#8a63d2'), line(`B ${t('import')}`, '#8a63d2', [6, 4])],
    axes: [{}, { label: 'MW' }],
  };
  const data = [x, mw(sa, 'green_to_load_kw'), mw(sb, 'green_to_load_kw'), mw(sa, 'grid_import_kw'), mw(sb, 'grid_import_kw')] as unknown as uPlot.AlignedData;
  // Drawn once the element is in the page (uPlot measures its container).
  requestAnimationFrame(() => new uPlot(opts, data, div));
  return div;
}

function runLabel(r: Run): string {
  return `#${r.id} ${r.scenario}${r.overrides.length ? ` (${r.overrides.join(', ')})` : ''}`;
}

const mwh = (v: number) => fmtEnergyKwh(v * 1000);
const clean = (m: MonthEnergy) => DELIVERED.filter(([k]) => k !== 'grid_mwh').reduce((s, [k]) => s + m[k], 0);

// Any two stored runs, picked from the list.
export class CompareRuns {
  private selA = h('select', { 'data-testid': 'cmp-a' });
  private selB = h('select', { 'data-testid': 'cmp-b' });
  private weekSel = h('select', { 'data-testid': 'cmp-week' });
  private go = h('button', { 'data-testid': 'cmp-go' });
  private out = h('div', { class: 'cmp-out', 'data-testid': 'cmp-out' });
  private data: { cmp: Compared; sa: Series; sb: Series } | null = null;

  constructor(private box: HTMLElement) {
    box.append(h('div', { class: 'cmp-pick' }, h('label', { class: 'ctl' }, h('span', { 'data-i18n': 'run_a' }), this.selA), h('label', { class: 'ctl' }, h('span', { 'data-i18n': 'run_b' }), this.selB), this.go, h('label', { class: 'ctl' }, h('span', { 'data-i18n': 'compare_week' }), this.weekSel)), this.out);
    this.go.onclick = () => void this.compare();
    this.weekSel.onchange = () => this.render();
    for (let w = 0; w < 52; w++) this.weekSel.append(h('option', { value: String(w) }, String(w + 1)));
    this.weekSel.value = '25';
  }

  // Fills the pickers with the stored finished runs: A the older, B the newer of the last two.
  async refresh(): Promise<void> {
    const runs = (await api.listRuns()).filter((r) => r.status === 'done');
    const keep = [this.selA.value, this.selB.value];
    for (const [k, sel] of [this.selA, this.selB].entries()) {
      sel.innerHTML = '';
      for (const r of runs) sel.append(h('option', { value: String(r.id) }, runLabel(r)));
      const fallback = runs[Math.min(runs.length - 1, k === 0 ? 1 : 0)];
      sel.value = keep[k] && runs.some((r) => String(r.id) === keep[k]) ? keep[k] : String(fallback?.id ?? '');
    }
    this.go.disabled = runs.length < 2;
    if (runs.length < 2 && !this.data) this.out.textContent = t('no_runs');
  }

  async compare(): Promise<void> {
    const a = Number(this.selA.value), b = Number(this.selB.value);
    const [cmp, sa, sb] = await Promise.all([api.compare(a, b), api.getSeries(a), api.getSeries(b)]);
    this.data = { cmp, sa, sb };
    this.render();
  }

  relabel(): void {
    this.go.textContent = t('compare_go');
    for (const o of Array.from(this.weekSel.options)) o.textContent = t('week_n').replace('{n}', String(Number(o.value) + 1));
    this.render();
  }

  private render(): void {
    if (!this.data) return;
    const { cmp, sa, sb } = this.data;
    const [A, B] = [`A #${cmp.a.id}`, `B #${cmp.b.id}`];
    const fa = cmp.a.facts!, fb = cmp.b.facts!;
    const ma = monthlyEnergy(sa.columns, sa.start_unix_s, sa.step_s, fa.utc_offset_h);
    const mb = monthlyEnergy(sb.columns, sb.start_unix_s, sb.step_s, fb.utc_offset_h);
    const months = h('tbody', {});
    for (let k = 0; k < Math.min(ma.length, mb.length); k++) {
      const [x, y] = [ma[k], mb[k]];
      months.append(h('tr', { 'data-month': x.label }, h('th', {}, x.label), h('td', {}, mwh(clean(x))), h('td', {}, mwh(clean(y))), diffCell(clean(y) - clean(x), mwh, false), h('td', {}, mwh(x.grid_mwh)), h('td', {}, mwh(y.grid_mwh)), diffCell(y.grid_mwh - x.grid_mwh, mwh, true), h('td', {}, mwh(x.unserved_mwh)), h('td', {}, mwh(y.unserved_mwh)), diffCell(y.unserved_mwh - x.unserved_mwh, mwh, true)));
    }
    const perDay = Math.max(1, Math.round(86400 / sa.step_s));
    const w = Number(this.weekSel.value);
    const from = w * 7 * perDay, to = Math.min(sa.columns.datacenter_kw.length, sb.columns.datacenter_kw.length, from + 7 * perDay);
    const ka = spanKpis(sa.columns, from, to, sa.step_s / 3600), kb = spanKpis(sb.columns, from, to, sb.step_s / 3600);
    const weekRows = [
      row('cfe_score', fmtPct, ka.cfe_score, kb.cfe_score, false, 'data-week'),
      row('green_share', fmtPct, ka.green_share, kb.green_share, false, 'data-week'),
      row('curtailment', fmtPct, ka.curtailment_rate, kb.curtailment_rate, true, 'data-week'),
      row('emissions', fmtTonnes, ka.emissions_t, kb.emissions_t, true, 'data-week'),
      row('grid_cost', fmtCny, ka.grid_cost_cny, kb.grid_cost_cny, true, 'data-week'),
    ];
    const th = (k: LabelKey) => h('th', { colspan: '3' }, t(k));
    this.out.innerHTML = '';
    this.out.append(
      h('p', { class: 'hint' }, `A: ${runLabel(cmp.a)} · B: ${runLabel(cmp.b)}`),
      h('table', { 'data-testid': 'cmp-kpis' }, head(A, B), h('tbody', {}, ...kpiRows(cmp.a.summary!, cmp.b.summary!, 'data-kpi-cmp'))),
      h('h3', {}, t('monthly_energy')),
      h('table', { 'data-testid': 'cmp-months' }, h('thead', {}, h('tr', {}, h('th', {}), th('clean_to_load'), th('grid_to_load'), th('unserved')), h('tr', {}, h('th', {}), ...[0, 1, 2].flatMap(() => [h('th', {}, 'A'), h('th', {}, 'B'), h('th', {}, t('diff'))]))), months),
      h('div', { class: 'cmp-charts' }, monthlyChart(ma, A), monthlyChart(mb, B)),
      h('h3', {}, `${t('compare_week')}: ${t('week_n').replace('{n}', String(w + 1))}`),
      h('table', { 'data-testid': 'cmp-week-kpis' }, head(A, B), h('tbody', {}, ...weekRows)),
      weekChart(sa, sb, fa.utc_offset_h, from, to, Math.max(320, this.box.clientWidth - 40)),
    );
  }
}
