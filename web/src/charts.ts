// The window's charts (uPlot): energy delivered to the load by source (with
// unserved on top, up to the demand; stored and exported apart), SOC and
// reservoir level (each only where the scenario has one), price and carbon
// intensity. A vertical line marks the current step.
import uPlot from 'uplot';
import type { Columns } from './api';
import { t } from './i18n';

type Built = { plot: uPlot; make: () => uPlot.Options };

function cursorLine(getX: () => number | null): uPlot.Plugin {
  return {
    hooks: {
      draw: (u: uPlot) => {
        const x = getX();
        if (x === null) return;
        const px = u.valToPos(x, 'x', true);
        if (px < u.bbox.left || px > u.bbox.left + u.bbox.width) return;
        const ctx = u.ctx;
        ctx.save();
        ctx.strokeStyle = '#c53030';
        ctx.lineWidth = 2 * devicePixelRatio;
        ctx.beginPath();
        ctx.moveTo(px, u.bbox.top);
        ctx.lineTo(px, u.bbox.top + u.bbox.height);
        ctx.stroke();
        ctx.restore();
      },
    },
  };
}

export class Charts {
  private plots: Built[] = [];
  private cursorX: number | null = null;
  private width = 600;

  constructor(private container: HTMLElement) {}

  // Redraws all three charts for steps [from, to) of the run.
  hasBattery = true;

  setWindow(c: Columns, startUnix: number, stepS: number, utcOffsetH: number, from: number, to: number, kwPerMw = 1000): void {
    for (const p of this.plots) p.plot.destroy();
    this.plots = [];
    this.container.innerHTML = '';
    this.width = Math.max(300, Math.floor(this.container.clientWidth / 3) - 12);
    // Times shown in site standard time: shift by the offset and format as UTC.
    const x = new Float64Array(to - from);
    for (let i = from; i < to; i++) x[i - from] = startUnix + i * stepS + utcOffsetH * 3600;
    const sl = (k: string, scale = 1) => Array.from(c[k].subarray(from, to), (v) => v / scale);
    const mw = (k: string) => sl(k, kwPerMw);
    // Delivered to the load by source, split as the monthly chart (monthly.ts).
    const n = to - from;
    const pv = new Array<number>(n), wind = new Array<number>(n), hydro = new Array<number>(n), grid = new Array<number>(n), unserved = new Array<number>(n), apart = new Array<number>(n);
    for (let i = from; i < to; i++) {
      const un = c.unserved_kw[i] || 0;
      const served = Math.max(0, c.datacenter_kw[i] - un);
      const clean = Math.min(served, Math.max(0, c.green_to_load_kw[i] || 0));
      const ws = Math.min(clean, Math.max(0, c.wind_solar_to_load_kw?.[i] ?? 0));
      const vre = c.pv_kw[i] + c.wind_kw[i];
      const f = vre > 0 ? c.pv_kw[i] / vre : 0;
      const k = i - from;
      pv[k] = (ws * f) / kwPerMw;
      wind[k] = (ws * (1 - f)) / kwPerMw;
      hydro[k] = (clean - ws) / kwPerMw;
      grid[k] = (served - clean) / kwPerMw;
      unserved[k] = un / kwPerMw;
      apart[k] = (c.battery_charge_kw[i] + c.grid_export_kw[i]) / kwPerMw;
    }
    const cum = (...parts: number[][]) => parts[0].map((_, i) => parts.reduce((s, p) => s + p[i], 0));
    const s1 = cum(hydro);
    const s2 = cum(hydro, wind);
    const s3 = cum(hydro, wind, pv);
    const s4 = cum(hydro, wind, pv, grid);
    const s5 = cum(hydro, wind, pv, grid, unserved);
    const load = mw('datacenter_kw');
    const plugin = cursorLine(() => this.cursorX);
    const tz = (ts: number) => uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC');
    const base = (title: string): Partial<uPlot.Options> => ({
      title,
      width: this.width,
      height: 220,
      tzDate: tz,
      plugins: [plugin],
      legend: { show: true, live: false },
      cursor: { drag: { x: false, y: false } },
    });
    // Cumulative areas drawn from the largest down, so each band shows.
    const area = (label: string, color: string) => ({ label, stroke: color, fill: color + 'cc', width: 1 });
    const gen: uPlot.Options = {
      ...(base(`${t('gen_vs_load')} (MW)`) as uPlot.Options),
      series: [
        {},
        area(t('unserved'), '#d63b3b'),
        area(t('import'), '#8a63d2'),
        area(t('pv'), '#e0a100'),
        area(t('wind'), '#14a3a3'),
        area(t('hydro'), '#2f6fd6'),
        { label: t('facility'), stroke: '#111', width: 2 },
        { label: `${t('stored')} + ${t('export')}`, stroke: '#2ba84a', width: 1.5, dash: [6, 4] },
      ],
      axes: [{}, { label: 'MW' }],
    };
    const storage: uPlot.Options = {
      // Titled by what it shows: the battery, the reservoir or both.
      ...(base(`${this.hasBattery && this.levelFrac ? t('storage_chart') : this.hasBattery ? t('soc') : t('level')} (%)`) as uPlot.Options),
      scales: { pct: { range: [0, 100] } },
      // Only what the scenario has: no SOC line without a battery.
      series: [
        {},
        ...(this.hasBattery ? [{ label: `${t('soc')} (%)`, stroke: '#2ba84a', width: 2, scale: 'pct' }] : []),
        ...(this.levelFrac ? [{ label: `${t('level')} (%)`, stroke: '#2f6fd6', width: 2, scale: 'pct' }] : []),
      ],
      axes: [{}, { scale: 'pct', label: '%' }],
    };
    const price: uPlot.Options = {
      ...(base(t('price_carbon')) as uPlot.Options),
      series: [
        {},
        { label: `${t('price')} (${t('hours') === 'h' ? 'CNY/kWh' : '元/千瓦时'})`, stroke: '#c05621', width: 2, scale: 'price' },
        { label: `${t('carbon')} (gCO₂/kWh)`, stroke: '#4a5568', width: 2, scale: 'carbon' },
      ],
      axes: [{}, { scale: 'price', label: t('hours') === 'h' ? 'CNY/kWh' : '元/千瓦时' }, { scale: 'carbon', side: 1, label: 'gCO₂/kWh', grid: { show: false } }],
    };
    const levelPct = (k: string) => sl(k).map((v) => v * 100);
    const storageData: number[][] = [];
    if (this.hasBattery) storageData.push(levelPct('battery_soc_frac'));
    if (this.levelFrac) storageData.push(sl('reservoir_storage_hm3').map((v) => this.levelFrac!(v) * 100));
    const data: uPlot.AlignedData[] = [
      [x, s5, s4, s3, s2, s1, load, apart] as unknown as uPlot.AlignedData,
      [x, ...storageData] as unknown as uPlot.AlignedData,
      [x, sl('import_price_cny_per_kwh'), sl('grid_carbon_g_per_kwh')] as unknown as uPlot.AlignedData,
    ];
    [gen, storage, price].forEach((opts, i) => {
      if (i === 1 && storageData.length === 0) return; // neither a battery nor a reservoir
      const div = document.createElement('div');
      div.className = 'chart';
      div.dataset.testid = ['chart-gen', 'chart-storage', 'chart-price'][i];
      div.setAttribute('data-testid', div.dataset.testid);
      this.container.appendChild(div);
      this.plots.push({ plot: new uPlot(opts, data[i], div), make: () => opts });
    });
  }

  levelFrac: ((storageHm3: number) => number) | null = null;

  setCursor(unixLocal: number): void {
    this.cursorX = unixLocal;
    for (const p of this.plots) p.plot.redraw(false, false);
  }
}
