// A sweep's Pareto front (GET /api/sweeps/{name}: the front.json that
// `shapan sweep` writes, from the folders given with `shapan serve --sweeps`)
// as a scatter on its first two objectives (uPlot), the other candidates in
// grey; clicking a front point, or its row in the table below, loads that
// configuration (its overrides) into the sand table.
import uPlot from 'uplot';
import { h } from './compare';
import { fmtCny, fmtPct, t } from './i18n';

export interface FrontPoint {
  id: number;
  overrides: Record<string, number | string | boolean>;
  kpis: Record<string, number>;
}
export interface Front {
  base: string;
  without?: string[]; // sections of the base the sweep left out (the sand table keeps them)
  axes: string[];
  objectives: { kpi: string; sense: 'min' | 'max' }[];
  front: FrontPoint[];
  others: [number, number][];
}
interface SweepEntry {
  name: string;
  ok: boolean;
  base?: string;
  points?: number;
  error?: string;
}

// Fractions as percent, money as money, anything else as a number.
function fmtKpi(kpi: string, v: number): string {
  if (/cfe|share|_frac|rate/.test(kpi)) return fmtPct(v);
  if (/cost|cny|usd/.test(kpi)) return fmtCny(v);
  return v.toPrecision(4);
}

export class SweepView {
  private list: SweepEntry[] = [];
  private front: Front | null = null;
  private plot: uPlot | null = null;
  private select = h('select', { 'data-testid': 'sweep-select' }) as HTMLSelectElement;
  private chart = h('div', { class: 'sweep-chart', 'data-testid': 'sweep-chart' });
  private table = h('div', { 'data-testid': 'sweep-points' });
  private note = h('div', { class: 'hint', 'data-testid': 'sweep-note' });
  private picked = -1; // the id of the point loaded last

  // `load`: loads a point's overrides into the sand table (on `base`, the
  // sweep's base scenario).
  constructor(private box: HTMLElement, private load: (base: string, overrides: FrontPoint['overrides'], label: string) => void) {
    this.select.onchange = () => void this.open(this.select.value);
  }

  async start(): Promise<void> {
    const res = await fetch('/api/sweeps');
    this.list = res.ok ? await res.json() : [];
    this.relabel();
    const first = this.list.find((s) => s.ok);
    if (first) await this.open(first.name);
  }

  relabel(): void {
    const note = this.note.textContent;
    this.box.innerHTML = '';
    this.box.append(h('h2', {}, t('sweeps')));
    this.box.hidden = this.list.length === 0;
    const current = this.select.value;
    this.select.innerHTML = '';
    for (const s of this.list) {
      this.select.append(h('option', { value: s.name }, s.ok ? `${s.name} (${s.base}, ${s.points})` : `${s.name}: ${s.error}`));
    }
    if (current) this.select.value = current;
    this.box.append(h('label', { class: 'ctl' }, t('sweep_pick'), this.select), h('div', { class: 'hint' }, t('sweep_hint')), this.chart, this.table, this.note);
    this.draw();
    this.note.textContent = note;
  }

  async open(name: string): Promise<void> {
    this.note.textContent = '';
    const res = await fetch(`/api/sweeps/${encodeURIComponent(name)}`);
    const body = await res.json();
    if (!res.ok) {
      this.front = null;
      this.note.textContent = `${t('error')}: ${body.error}`;
    } else {
      this.front = body as Front;
    }
    this.select.value = name;
    this.picked = -1;
    this.draw();
  }

  // Client coordinates of front point `i` on the scatter (for tests and the curious).
  pointPosition(i: number): { x: number; y: number } | null {
    if (!this.plot || !this.front) return null;
    const [kx, ky] = this.front.objectives.map((o) => o.kpi);
    const p = this.front.front[i];
    const r = this.plot.over.getBoundingClientRect();
    return { x: r.left + this.plot.valToPos(p.kpis[kx], 'x'), y: r.top + this.plot.valToPos(p.kpis[ky], 'y') };
  }

  private pick(i: number): void {
    const f = this.front!;
    const p = f.front[i];
    this.picked = p.id;
    this.table.querySelectorAll('tr.picked').forEach((r) => r.classList.remove('picked'));
    this.table.querySelector(`tr[data-point="${p.id}"]`)?.classList.add('picked');
    const without = f.without?.length ? ` [${t('sweep_without')}: ${f.without.join(', ')}]` : '';
    this.note.textContent = `${t('sweep_loaded')} #${p.id} (${f.base})${without}`;
    this.load(f.base, p.overrides, `#${p.id}`);
  }

  private draw(): void {
    this.plot?.destroy();
    this.plot = null;
    this.chart.innerHTML = '';
    this.table.innerHTML = '';
    const f = this.front;
    if (!f || f.objectives.length < 2 || f.front.length === 0) return;
    const [ox, oy] = f.objectives;
    // uPlot wants x ascending: every point's x, sorted, with the cloud and
    // the front as two point series (null where a point belongs to the other).
    const pts = [
      ...f.others.map(([x, y]) => ({ x, y, front: false })),
      ...f.front.map((p) => ({ x: p.kpis[ox.kpi], y: p.kpis[oy.kpi], front: true })),
    ].sort((a, b) => a.x - b.x);
    const xs = pts.map((p) => p.x);
    const cloud = pts.map((p) => (p.front ? null : p.y));
    const front = pts.map((p) => (p.front ? p.y : null));
    const label = (o: { kpi: string; sense: string }) => `${o.kpi} (${o.sense})`;
    const opts: uPlot.Options = {
      width: 400,
      height: 260,
      scales: { x: { time: false } },
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      series: [
        { label: label(ox) },
        { label: 'candidates', stroke: '#a0aec0', paths: () => null, points: { show: true, size: 4, fill: '#a0aec0' } },
        { label: 'front', stroke: '#c53030', paths: () => null, points: { show: true, size: 9, fill: '#c53030' } },
      ],
      axes: [
        { label: label(ox), values: (_u, v) => v.map((x) => fmtKpi(ox.kpi, x)), size: 40 },
        { label: label(oy), values: (_u, v) => v.map((y) => fmtKpi(oy.kpi, y)), size: 60 },
      ],
    };
    this.plot = new uPlot(opts, [xs, cloud, front] as unknown as uPlot.AlignedData, this.chart);
    // A click picks the nearest front point within 24 px.
    this.plot.over.addEventListener('click', (e) => {
      const u = this.plot!;
      let best = -1;
      let bestD = 24 * 24;
      f.front.forEach((p, i) => {
        const dx = u.valToPos(p.kpis[ox.kpi], 'x') - e.offsetX;
        const dy = u.valToPos(p.kpis[oy.kpi], 'y') - e.offsetY;
        if (dx * dx + dy * dy < bestD) {
          bestD = dx * dx + dy * dy;
          best = i;
        }
      });
      if (best >= 0) this.pick(best);
    });
    const head = h('tr', {}, h('th', {}, '#'), ...f.axes.map((a) => h('th', {}, a)), ...f.objectives.map((o) => h('th', {}, o.kpi)));
    const rows = f.front.map((p, i) => {
      const tr = h('tr', { 'data-point': String(p.id), class: p.id === this.picked ? 'sweep-point picked' : 'sweep-point' }, h('td', {}, String(p.id)),
        ...f.axes.map((a) => h('td', {}, String(p.overrides[a]))),
        ...f.objectives.map((o) => h('td', {}, fmtKpi(o.kpi, p.kpis[o.kpi]))));
      tr.onclick = () => this.pick(i);
      return tr;
    });
    this.table.append(h('table', {}, h('thead', {}, head), h('tbody', {}, ...rows)));
  }
}
