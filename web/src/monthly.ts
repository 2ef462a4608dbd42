// Monthly energy of a run, from its per-step series: the energy delivered to
// the load by source, unserved energy, and what went to storage and export
// (shown apart: they did not serve the load that month). The same split as
// report.html's monthly chart (src/metrics/report_html.cc):
//   served  = facility demand − unserved
//   clean   = min(served, green_to_load)      (on-site clean, direct or through storage)
//   wind+PV = min(clean, wind_solar_to_load)  (绿电直连's wind and solar to the load)
//   hydro   = clean − wind+PV,  grid = served − clean
// Wind and PV are told apart by each one's share of the step's wind+PV output.
import type { Columns } from './api';
import { t, type LabelKey } from './i18n';

export interface MonthEnergy {
  label: string; // YYYY-MM, site standard time
  pv_mwh: number;
  wind_mwh: number;
  hydro_mwh: number;
  grid_mwh: number;
  unserved_mwh: number;
  stored_mwh: number; // battery charging
  exported_mwh: number;
  load_mwh: number; // facility demand
}

export const DELIVERED = [
  ['pv_mwh', 'pv', '#e0a100'],
  ['wind_mwh', 'wind', '#14a3a3'],
  ['hydro_mwh', 'hydro', '#2f6fd6'],
  ['grid_mwh', 'import', '#8a63d2'],
] as const;
export const APART = [
  ['stored_mwh', 'stored', '#2ba84a'],
  ['exported_mwh', 'export', '#b794f4'],
] as const;

function emptyMonth(label: string): MonthEnergy {
  return { label, pv_mwh: 0, wind_mwh: 0, hydro_mwh: 0, grid_mwh: 0, unserved_mwh: 0, stored_mwh: 0, exported_mwh: 0, load_mwh: 0 };
}

export function monthlyEnergy(c: Columns, startUnix: number, stepS: number, utcOffsetH: number): MonthEnergy[] {
  const out: MonthEnergy[] = [];
  const mwh = stepS / 3600 / 1000;
  const n = c.datacenter_kw?.length ?? 0;
  let key = '';
  for (let i = 0; i < n; i++) {
    const d = new Date((startUnix + i * stepS + utcOffsetH * 3600) * 1000);
    const label = `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
    if (label !== key) {
      key = label;
      out.push(emptyMonth(label));
    }
    const m = out[out.length - 1];
    const unserved = c.unserved_kw[i] || 0;
    const served = Math.max(0, c.datacenter_kw[i] - unserved);
    const clean = Math.min(served, Math.max(0, c.green_to_load_kw[i] || 0));
    const ws = Math.min(clean, Math.max(0, c.wind_solar_to_load_kw?.[i] ?? 0));
    const vre = c.pv_kw[i] + c.wind_kw[i];
    const pvFrac = vre > 0 ? c.pv_kw[i] / vre : 0;
    m.pv_mwh += ws * pvFrac * mwh;
    m.wind_mwh += ws * (1 - pvFrac) * mwh;
    m.hydro_mwh += (clean - ws) * mwh;
    m.grid_mwh += (served - clean) * mwh;
    m.unserved_mwh += unserved * mwh;
    m.stored_mwh += c.battery_charge_kw[i] * mwh;
    m.exported_mwh += c.grid_export_kw[i] * mwh;
    m.load_mwh += c.datacenter_kw[i] * mwh;
  }
  return out;
}

const NS = 'http://www.w3.org/2000/svg';
function el(tag: string, attrs: Record<string, string | number>, parent: Element, text?: string): SVGElement {
  const e = document.createElementNS(NS, tag) as SVGElement;
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  parent.appendChild(e);
  return e;
}

function niceMax(v: number): number {
  if (!(v > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

// Per month three bars: delivered to the load (stacked by source, the
// demand as a black line across it), unserved (red, its own bar), and stored
// + exported (stacked, apart). Each rect carries data-month and data-part.
export function monthlyChart(months: MonthEnergy[], title: string): SVGSVGElement {
  const W = 760, H = 300, L = 56, T = 28, PW = W - L - 10, PH = 200;
  const svg = document.createElementNS(NS, 'svg') as SVGSVGElement;
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.setAttribute('class', 'monthly');
  el('text', { x: W / 2, y: 16, 'text-anchor': 'middle', class: 'm-title' }, svg, title);
  let top = 0;
  for (const m of months) {
    const delivered = DELIVERED.reduce((s, [k]) => s + m[k], 0);
    top = Math.max(top, delivered, m.load_mwh, m.unserved_mwh, m.stored_mwh + m.exported_mwh);
  }
  top = niceMax(top);
  const y = (v: number) => T + PH - (v / top) * PH;
  for (let g = 0; g <= 4; g++) {
    el('line', { x1: L, x2: L + PW, y1: y((top * g) / 4), y2: y((top * g) / 4), class: 'm-grid' }, svg);
    el('text', { x: L - 4, y: y((top * g) / 4) + 4, 'text-anchor': 'end', class: 'm-tick' }, svg, `${+((top * g) / 4).toPrecision(3)}`);
  }
  el('text', { x: 4, y: T - 8, class: 'm-tick' }, svg, 'MWh');
  const slot = PW / Math.max(1, months.length);
  const bw = slot * 0.27;
  months.forEach((m, k) => {
    const x0 = L + slot * k + slot * 0.06;
    const rect = (x: number, from: number, v: number, color: string, part: string) => {
      const r = el('rect', { x, y: y(from + v), width: bw, height: Math.max(0, y(from) - y(from + v)), fill: color, 'data-month': m.label, 'data-part': part, 'data-mwh': v.toFixed(1) }, svg);
      el('title', {}, r, `${m.label} ${t(part as LabelKey)}: ${v.toFixed(0)} MWh`);
    };
    let base = 0;
    for (const [k2, key, color] of DELIVERED) {
      rect(x0, base, m[k2], color, key);
      base += m[k2];
    }
    rect(x0 + bw, 0, m.unserved_mwh, '#d63b3b', 'unserved');
    base = 0;
    for (const [k2, key, color] of APART) {
      rect(x0 + 2 * bw + 2, base, m[k2], color, key);
      base += m[k2];
    }
    el('line', { x1: x0 - 2, x2: x0 + bw + 2, y1: y(m.load_mwh), y2: y(m.load_mwh), class: 'm-load', 'data-month': m.label, 'data-mwh': m.load_mwh.toFixed(1) }, svg);
    el('text', { x: x0 + 1.5 * bw, y: T + PH + 14, 'text-anchor': 'middle', class: 'm-tick' }, svg, m.label.slice(5));
  });
  const items: [string, string][] = [...DELIVERED.map(([, k, c]) => [t(k), c] as [string, string]), [t('unserved'), '#d63b3b'], ...APART.map(([, k, c]) => [t(k), c] as [string, string]), [t('facility'), '#111']];
  let lx = L;
  for (const [name, color] of items) {
    el('rect', { x: lx, y: T + PH + 26, width: 10, height: 10, fill: color }, svg);
    el('text', { x: lx + 13, y: T + PH + 35, class: 'm-tick' }, svg, name);
    lx += 22 + name.length * (/[\u4e00-\u9fff]/.test(name) ? 11 : 6);
  }
  return svg;
}
