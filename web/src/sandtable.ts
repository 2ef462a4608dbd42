// The schematic sand table: plants, storage, grid and data center around a
// bus, with animated flows whose width and speed follow the power at the
// current step.
import { fmtPct, fmtPower, t, type LabelKey } from './i18n';

const NS = 'http://www.w3.org/2000/svg';

export interface StepView {
  pv_kw: number;
  wind_kw: number;
  hydro_kw: number;
  charge_kw: number;
  discharge_kw: number;
  import_kw: number;
  export_kw: number;
  curtailed_kw: number;
  datacenter_kw: number;
  it_kw: number;
  jobs_it_kw: number; // the part of it_kw that runs scheduled jobs
  jobs_running: number; // jobs that ran in the step (a count)
  unserved_kw: number;
  soc_frac: number;
  level_frac: number; // reservoir storage between dead and full, 0..1 (NaN: no reservoir)
}

interface Flow {
  path: SVGPathElement;
  offset: number;
  speed: number; // px per second, signed: positive along the path
}

function el<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, parent?: Element): SVGElementTagNameMap[K] {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  parent?.appendChild(e);
  return e;
}

const FLOW_PATHS: Record<string, { d: string; color: string }> = {
  pv: { d: 'M 185 190 C 185 300, 400 300, 540 300', color: '#e0a100' },
  wind: { d: 'M 450 225 C 455 265, 510 290, 540 296', color: '#14a3a3' },
  hydro: { d: 'M 300 455 C 410 455, 470 330, 540 306', color: '#2f6fd6' },
  battery: { d: 'M 555 315 C 545 360, 510 390, 505 430', color: '#2ba84a' },
  grid: { d: 'M 835 205 C 835 265, 700 298, 580 298', color: '#8a63d2' },
  dc: { d: 'M 580 306 C 660 320, 700 390, 765 420', color: '#e0621b' },
  curtailed: { d: 'M 565 285 C 580 240, 610 215, 640 200', color: '#d63b3b' },
};

// How many of each kind the scenario has: a kind with none is not drawn,
// several are labelled "×n".
export interface Components {
  pv: number;
  wind: number;
  hydro: number;
  battery: number;
  grid: boolean;
  jobs: boolean; // a schedulable workload
}
type Kind = 'pv' | 'wind' | 'hydro' | 'battery' | 'grid';
const KINDS: Kind[] = ['pv', 'wind', 'hydro', 'battery', 'grid'];

export class SandTable {
  readonly svg: SVGSVGElement;
  private flows: Record<string, Flow> = {};
  private flowTracks: Record<string, SVGPathElement> = {};
  private labels: Record<string, SVGTextElement> = {};
  private values: Record<string, SVGTextElement> = {};
  private rotors: SVGGElement[] = [];
  private rotorAngle = 0;
  private rotorSpeed = 0;
  private water!: SVGRectElement;
  private socFill!: SVGRectElement;
  private rackLights: SVGRectElement[] = [];
  private scale = { pv: 1, wind: 1, hydro: 1, battery: 1, grid: 1, dc: 1 };
  private groups: Record<string, SVGGElement> = {};
  private counts: Components = { pv: 1, wind: 1, hydro: 1, battery: 1, grid: true, jobs: false };

  constructor(container: HTMLElement) {
    this.svg = el('svg', { viewBox: '0 0 1000 600', class: 'sandtable', 'data-testid': 'sandtable', role: 'img' });
    container.appendChild(this.svg);
    this.draw();
  }

  setScale(s: { pv: number; wind: number; hydro: number; battery: number; grid: number; dc: number }): void {
    for (const k of Object.keys(s) as (keyof typeof s)[]) this.scale[k] = Math.max(1, s[k]);
  }

  private label(key: LabelKey, x: number, y: number, parent: Element = this.svg): void {
    this.labels[key] = el('text', { x, y, class: 'st-label', 'text-anchor': 'middle', 'data-testid': `label-${key}` }, parent);
    this.values[key] = el('text', { x, y: y + 20, class: 'st-value', 'text-anchor': 'middle', 'data-testid': `value-${key}` }, parent);
  }

  // The group that holds one kind's drawing, label and flow.
  private group(kind: string): SVGGElement {
    this.groups[kind] = el('g', { 'data-component': kind }, this.svg);
    return this.groups[kind];
  }

  // Shows the kinds the scenario has, "×n" where it has several.
  setComponents(c: Components): void {
    this.counts = c;
    for (const k of KINDS) {
      const n = k === 'grid' ? (c.grid ? 1 : 0) : c[k];
      this.groups[k].style.display = n > 0 ? '' : 'none';
      this.groups[k].dataset.count = String(n);
      this.flows[k].path.style.display = n > 0 ? '' : 'none';
      this.flowTracks[k].style.display = n > 0 ? '' : 'none';
    }
    this.values.jobs.style.display = c.jobs ? '' : 'none';
    this.relabel();
  }

  private draw(): void {
    const s = this.svg;
    const defs = el('defs', {}, s);
    const sky = el('linearGradient', { id: 'sky', x1: 0, y1: 0, x2: 0, y2: 1 }, defs);
    el('stop', { offset: '0%', 'stop-color': '#cfe6f7' }, sky);
    el('stop', { offset: '100%', 'stop-color': '#f3ead8' }, sky);
    el('rect', { x: 0, y: 0, width: 1000, height: 600, fill: 'url(#sky)' }, s);
    el('path', { d: 'M 0 250 Q 250 215 500 245 T 1000 235 L 1000 600 L 0 600 Z', fill: '#e8d7b0' }, s);
    el('path', { d: 'M 0 300 Q 300 280 600 310 T 1000 300', fill: 'none', stroke: '#d9c393', 'stroke-width': 2 }, s);

    // PV field: rows of tilted panels.
    const pvG = this.group('pv');
    const pv = el('g', { class: 'pv' }, pvG);
    for (let r = 0; r < 4; r++) {
      for (let c = 0; c < 6; c++) {
        const x = 70 + c * 38 + r * 6, y = 90 + r * 24;
        el('path', { d: `M ${x} ${y + 14} L ${x + 8} ${y} L ${x + 40} ${y} L ${x + 32} ${y + 14} Z`, fill: '#1f3f75', stroke: '#9fb8e0', 'stroke-width': 0.8 }, pv);
      }
    }
    this.label('pv', 185, 60, pvG);

    // Wind farm: three turbines with turning rotors.
    const windG = this.group('wind');
    for (const [x, h] of [[400, 140], [460, 160], [520, 130]] as const) {
      const base = 225;
      el('line', { x1: x, y1: base, x2: x, y2: base - h, stroke: '#f4f4f4', 'stroke-width': 4 }, windG);
      el('line', { x1: x, y1: base, x2: x, y2: base - h, stroke: '#b8b8b8', 'stroke-width': 1 }, windG);
      const g = el('g', { transform: `translate(${x} ${base - h})` }, windG);
      const rotor = el('g', {}, g);
      for (let b = 0; b < 3; b++) {
        el('path', { d: 'M 0 0 L -3 -6 L 0 -42 L 3 -6 Z', fill: '#fafafa', stroke: '#999', 'stroke-width': 0.8, transform: `rotate(${b * 120})` }, rotor);
      }
      el('circle', { r: 4, fill: '#ddd', stroke: '#888' }, g);
      this.rotors.push(rotor);
    }
    this.label('wind', 460, 40, windG);

    // Hydro: reservoir behind a dam, with a powerhouse.
    const hydroG = this.group('hydro');
    el('path', { d: 'M 40 400 L 250 400 L 250 540 L 40 540 Z', fill: '#c9b98e' }, hydroG);
    this.water = el('rect', { x: 40, y: 420, width: 210, height: 120, fill: '#4f8fd8', opacity: 0.85 }, hydroG);
    el('path', { d: 'M 250 380 L 272 380 L 290 545 L 250 545 Z', fill: '#9a9a9a', stroke: '#6d6d6d' }, hydroG);
    el('rect', { x: 285, y: 435, width: 30, height: 40, fill: '#7b7b7b', stroke: '#555' }, hydroG);
    this.label('hydro', 150, 370, hydroG);

    // Battery: containers whose fill shows the SOC.
    const batG = this.group('battery');
    el('rect', { x: 440, y: 440, width: 130, height: 70, rx: 4, fill: '#dfe9df', stroke: '#2ba84a', 'stroke-width': 2 }, batG);
    this.socFill = el('rect', { x: 444, y: 444, width: 122, height: 62, fill: '#2ba84a', opacity: 0.75 }, batG);
    for (let i = 1; i < 4; i++) el('line', { x1: 440 + i * 32.5, y1: 440, x2: 440 + i * 32.5, y2: 510, stroke: '#fff', 'stroke-width': 2 }, batG);
    this.label('battery', 505, 540, batG);

    // Grid: a transmission tower and line.
    const gridG = this.group('grid');
    const tw = el('g', { stroke: '#555', 'stroke-width': 2, fill: 'none' }, gridG);
    el('path', { d: 'M 815 205 L 835 60 L 855 205 M 820 170 L 850 170 M 825 120 L 845 120 M 805 90 L 865 90 M 815 205 L 850 170 M 855 205 L 820 170', }, tw);
    el('path', { d: 'M 865 90 Q 930 110 1000 95 M 805 90 Q 740 110 700 100', stroke: '#777', 'stroke-width': 1.2 }, tw);
    // Centred right of the tower, so that "Import 300 kW" in English fits inside the table.
    this.label('grid', 925, 150, gridG);

    // Data center: a hall with racks whose lights follow the IT load.
    el('rect', { x: 765, y: 360, width: 190, height: 130, fill: '#eef1f5', stroke: '#4a5568', 'stroke-width': 2 }, s);
    el('path', { d: 'M 755 362 L 860 325 L 965 362 Z', fill: '#cbd2dc', stroke: '#4a5568' }, s);
    for (let r = 0; r < 5; r++) {
      el('rect', { x: 780 + r * 34, y: 385, width: 22, height: 90, fill: '#2d3748' }, s);
      for (let l = 0; l < 6; l++) {
        this.rackLights.push(el('rect', { x: 784 + r * 34, y: 392 + l * 14, width: 14, height: 4, fill: '#48bb78' }, s));
      }
    }
    this.label('datacenter', 860, 520);
    this.values.jobs = el('text', { x: 860, y: 560, class: 'st-value', 'text-anchor': 'middle', 'data-testid': 'value-jobs' }, s);

    // The bus and the curtailment sink.
    el('circle', { cx: 560, cy: 300, r: 18, fill: '#fff', stroke: '#333', 'stroke-width': 2 }, s);
    el('text', { x: 560, y: 305, 'text-anchor': 'middle', class: 'st-bus' }, s).textContent = '⚡';
    el('path', { d: 'M 640 200 l 12 -18 l 12 18 Z', fill: '#d63b3b', opacity: 0.8 }, s);
    this.label('curtailed', 655, 160);

    for (const [key, { d, color }] of Object.entries(FLOW_PATHS)) {
      this.flowTracks[key] = el('path', { d, stroke: color, 'stroke-opacity': 0.18, 'stroke-width': 16, fill: 'none', 'stroke-linecap': 'round' }, s);
      const path = el('path', { d, stroke: color, fill: 'none', 'stroke-width': 2, 'stroke-dasharray': '14 10', 'stroke-linecap': 'round', class: 'flow', 'data-flow': key }, s);
      this.flows[key] = { path, offset: 0, speed: 0 };
    }
    this.relabel();
  }

  relabel(): void {
    for (const [k, e] of Object.entries(this.labels)) {
      const n = (this.counts as unknown as Record<string, number | boolean>)[k];
      e.textContent = typeof n === 'number' && n > 1 ? `${t(k as LabelKey)} ×${n}` : t(k as LabelKey);
    }
  }

  private setFlow(key: string, kw: number, max: number): void {
    const f = this.flows[key];
    const frac = Math.min(1, Math.abs(kw) / max);
    const on = Math.abs(kw) > max * 1e-3;
    f.path.setAttribute('stroke-width', on ? (1.5 + 12 * Math.sqrt(frac)).toFixed(2) : '0');
    f.path.setAttribute('data-kw', kw.toFixed(0));
    f.speed = on ? Math.sign(kw) * (15 + 120 * frac) : 0;
  }

  update(v: StepView): void {
    const sc = this.scale;
    this.setFlow('pv', v.pv_kw - 0, sc.pv);
    this.setFlow('wind', v.wind_kw, sc.wind);
    this.setFlow('hydro', v.hydro_kw, sc.hydro);
    this.setFlow('battery', v.charge_kw - v.discharge_kw, sc.battery);
    this.setFlow('grid', v.import_kw - v.export_kw, sc.grid);
    this.setFlow('dc', v.datacenter_kw, sc.dc);
    this.setFlow('curtailed', v.curtailed_kw, Math.max(sc.pv, sc.wind));
    this.values.pv.textContent = fmtPower(v.pv_kw);
    this.values.wind.textContent = fmtPower(v.wind_kw);
    this.values.hydro.textContent = fmtPower(v.hydro_kw);
    const bat = v.charge_kw > v.discharge_kw ? `${t('charge')} ${fmtPower(v.charge_kw)}` : v.discharge_kw > 0 ? `${t('discharge')} ${fmtPower(v.discharge_kw)}` : '0 kW';
    this.values.battery.textContent = `${bat} · SOC ${fmtPct(v.soc_frac)}`;
    this.values.grid.textContent = v.export_kw > v.import_kw ? `${t('export')} ${fmtPower(v.export_kw)}` : `${t('import')} ${fmtPower(v.import_kw)}`;
    this.values.datacenter.textContent = `${t('it_load')} ${fmtPower(v.it_kw)}`;
    // Running jobs as a count as well as their IT power.
    this.values.jobs.textContent = `${t('jobs_running')} ${Math.round(v.jobs_running)} · ${fmtPower(v.jobs_it_kw)}`;
    this.values.curtailed.textContent = fmtPower(v.curtailed_kw);
    this.rotorSpeed = 30 + 400 * Math.min(1, v.wind_kw / sc.wind);
    if (v.wind_kw <= 0) this.rotorSpeed = 0;
    const level = Number.isFinite(v.level_frac) ? Math.max(0, Math.min(1, v.level_frac)) : 0;
    const h = 120 * level;
    this.water.setAttribute('y', String(540 - h));
    this.water.setAttribute('height', String(h));
    const soc = Math.max(0, Math.min(1, v.soc_frac || 0));
    this.socFill.setAttribute('width', String(122 * soc));
    const lit = Math.round(this.rackLights.length * Math.min(1, v.it_kw / sc.dc));
    this.rackLights.forEach((r, i) => r.setAttribute('fill', i < lit ? '#48bb78' : '#4a5568'));
  }

  // Advances the animation by dt seconds of wall time.
  tick(dt: number): void {
    for (const f of Object.values(this.flows)) {
      if (f.speed === 0) continue;
      f.offset = (f.offset - f.speed * dt) % 240;
      f.path.setAttribute('stroke-dashoffset', f.offset.toFixed(1));
    }
    if (this.rotorSpeed > 0) {
      this.rotorAngle = (this.rotorAngle + this.rotorSpeed * dt) % 360;
      for (const r of this.rotors) r.setAttribute('transform', `rotate(${this.rotorAngle.toFixed(1)})`);
    }
  }
}

// A half-circle gauge for a fraction 0..1.
export class Gauge {
  private arc: SVGPathElement;
  private text: SVGTextElement;
  private caption: SVGTextElement;
  private svg: SVGSVGElement;
  constructor(container: HTMLElement, private labelKey: LabelKey, color: string, testid: string) {
    // Tall enough for the caption's descenders (the kiosk view cut them).
    const svg = el('svg', { viewBox: '0 0 120 84', class: 'gauge', 'data-testid': testid });
    this.svg = svg;
    container.appendChild(svg);
    el('path', { d: 'M 10 66 A 50 50 0 0 1 110 66', stroke: '#e2e8f0', 'stroke-width': 12, fill: 'none' }, svg);
    this.arc = el('path', { d: 'M 10 66 A 50 50 0 0 1 10 66', stroke: color, 'stroke-width': 12, fill: 'none' }, svg);
    this.text = el('text', { x: 60, y: 62, 'text-anchor': 'middle', class: 'gauge-value' }, svg);
    this.caption = el('text', { x: 60, y: 75, 'text-anchor': 'middle', class: 'gauge-label' }, svg);
    this.relabel();
  }
  relabel(): void {
    this.caption.textContent = t(this.labelKey);
  }
  // A gauge of something the scenario does not have is not shown.
  show(on: boolean): void {
    this.svg.style.display = on ? '' : 'none';
  }
  set(frac: number, text?: string): void {
    const f = Number.isFinite(frac) ? Math.max(0, Math.min(1, frac)) : 0;
    const a = Math.PI * (1 - f);
    const x = 60 + 50 * Math.cos(a), y = 66 - 50 * Math.sin(a);
    this.arc.setAttribute('d', `M 10 66 A 50 50 0 0 1 ${x.toFixed(2)} ${y.toFixed(2)}`);
    this.text.textContent = text ?? fmtPct(f);
  }
}
