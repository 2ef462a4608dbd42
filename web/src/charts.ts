// The window's charts (uPlot): stacked generation vs load, SOC and reservoir
// level, price and carbon intensity. A vertical line marks the current step.
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
    const hydro = mw('hydro_kw');
    const wind = mw('wind_kw');
    const pv = mw('pv_kw');
    const dis = mw('battery_discharge_kw');
    const imp = mw('grid_import_kw');
    const cum = (...parts: number[][]) => parts[0].map((_, i) => parts.reduce((s, p) => s + p[i], 0));
    const s1 = cum(hydro);
    const s2 = cum(hydro, wind);
    const s3 = cum(hydro, wind, pv);
    const s4 = cum(hydro, wind, pv, dis);
    const s5 = cum(hydro, wind, pv, dis, imp);
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
        area(t('import'), '#8a63d2'),
        area(t('discharge'), '#2ba84a'),
        area(t('pv'), '#e0a100'),
        area(t('wind'), '#14a3a3'),
        area(t('hydro'), '#2f6fd6'),
        { label: t('facility'), stroke: '#111', width: 2 },
      ],
      axes: [{}, { label: 'MW' }],
    };
    const storage: uPlot.Options = {
      ...(base(`${t('storage_chart')} (%)`) as uPlot.Options),
      scales: { pct: { range: [0, 100] } },
      series: [
        {},
        { label: `${t('soc')} (%)`, stroke: '#2ba84a', width: 2, scale: 'pct' },
        { label: `${t('level')} (%)`, stroke: '#2f6fd6', width: 2, scale: 'pct' },
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
    const data: uPlot.AlignedData[] = [
      [x, s5, s4, s3, s2, s1, load] as unknown as uPlot.AlignedData,
      [x, levelPct('battery_soc_frac'), this.levelFrac ? sl('reservoir_storage_hm3').map((v) => this.levelFrac!(v) * 100) : []] as unknown as uPlot.AlignedData,
      [x, sl('import_price_cny_per_kwh'), sl('grid_carbon_g_per_kwh')] as unknown as uPlot.AlignedData,
    ];
    [gen, storage, price].forEach((opts, i) => {
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
