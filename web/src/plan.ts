// Planning from the page (issue 18 item 2): "optimise dispatch" and "size
// for a target" run the optimiser on the current scenario with the page's
// what-if overrides (POST /api/optimize), show its progress with a cancel
// button, then the result against the rule-based run (capacities, cost,
// CFE, emissions, 绿电直连) and hand the optimised year to the sand table.
import * as api from './api';
import type { Run, Series, Summary } from './api';
import { h } from './compare';
import { fmtCny, fmtEnergyKwh, fmtPct, fmtPower, fmtTonnes, t, type LabelKey } from './i18n';

export interface Job {
  id: number;
  mode: 'dispatch' | 'sizing';
  status: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  phase: string;
  progress_frac: number;
  gap_frac?: number;
  message: string;
  error?: string;
  run_id?: number;
  rule_run_id?: number;
  optimize?: any;
}

// What the planner needs from the page.
export interface PageHooks {
  scenario: () => string;
  overrides: () => Record<string, number | string | boolean>;
  // Shows a stored run on the sand table (the optimised year).
  adopt: (run: Run, series: Series) => void;
}

async function json<T>(res: Response): Promise<T> {
  const body = await res.json().catch(() => ({ error: `HTTP ${res.status}` }));
  if (!res.ok) throw new api.ApiError(res.status, (body as { error?: string }).error ?? `HTTP ${res.status}`);
  return body as T;
}

const post = (path: string, body: unknown) =>
  fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

async function getRun(id: number): Promise<Run> {
  return json(await fetch(`/api/runs/${id}`));
}

// A row of the result table: rule-based, optimised, and the change
// (green where the optimised run is better, red where worse; capacities,
// `lowerIsBetter` null, are neither).
function row(key: LabelKey, f: (x: number) => string, a: number, b: number, lowerIsBetter: boolean | null): HTMLElement {
  const d = b - a;
  const same = !Number.isFinite(d) || Math.abs(d) <= 1e-9 * Math.max(1, Math.abs(a));
  const cls = same ? 'same' : lowerIsBetter === null ? 'changed' : (lowerIsBetter ? d < 0 : d > 0) ? 'better' : 'worse';
  return h('tr', { 'data-plan-kpi': key }, h('th', {}, t(key)), h('td', {}, f(a)), h('td', {}, f(b)),
    h('td', { class: `diff ${cls}` }, same ? '—' : (d > 0 ? '+' : '') + f(d)));
}

function directSupply(s: Summary): string {
  const ds = s.direct_supply;
  if (!ds) return '—';
  return `${t(ds.compliant ? 'compliant' : 'not_compliant')} ${ds.compliant ? '✓' : '✗'}`;
}

export class Planner {
  private job: Job | null = null;
  private progress = h('progress', { max: '1', value: '0', 'data-testid': 'opt-progress' }) as HTMLProgressElement;
  private phase = h('div', { class: 'hint', 'data-testid': 'opt-phase' });
  private cancelButton = h('button', { 'data-testid': 'opt-cancel', disabled: '' });
  private errorBox = h('div', { class: 'status error', 'data-testid': 'opt-error' });
  private result = h('div', { 'data-testid': 'opt-result' });
  private kind = h('select', { 'data-testid': 'size-kind' }) as HTMLSelectElement;
  private value = h('input', { type: 'number', min: '1', max: '100', step: '1', value: '90', 'data-testid': 'size-value' }) as HTMLInputElement;
  private span = h('select', { 'data-testid': 'size-span' }) as HTMLSelectElement;
  private bounds: Record<string, HTMLInputElement> = {};
  private runs: { rule: Run; opt: Run } | null = null;

  constructor(private box: HTMLElement, private hooks: PageHooks) {
    for (const k of ['pv_max_kw', 'wind_max_kw', 'battery_max_kw', 'battery_max_kwh']) {
      this.bounds[k] = h('input', { type: 'number', min: '0', step: 'any', 'data-testid': `bound-${k}` }) as HTMLInputElement;
    }
    this.cancelButton.onclick = () => void this.cancel();
    this.relabel();
  }

  get busy(): boolean {
    return this.job !== null && (this.job.status === 'queued' || this.job.status === 'running');
  }

  relabel(): void {
    const kind = this.kind.value || 'cfe';
    this.kind.innerHTML = '';
    this.kind.append(h('option', { value: 'cfe' }, t('target_cfe')), h('option', { value: 'green_share' }, t('target_green')));
    this.kind.value = kind;
    const span = this.span.value || 'year';
    this.span.innerHTML = '';
    this.span.append(h('option', { value: 'year' }, t('span_year')), h('option', { value: 'days' }, t('span_days')));
    this.span.value = span;
    this.cancelButton.textContent = t('cancel');
    const dispatchButton = h('button', { 'data-testid': 'opt-dispatch' }, t('opt_dispatch'));
    dispatchButton.onclick = () => void this.start({ mode: 'dispatch' });
    const sizeButton = h('button', { 'data-testid': 'size-go' }, t('size_target'));
    sizeButton.onclick = () => void this.start(this.sizingRequest());
    const boundRow = (k: string, label: LabelKey) => h('label', { class: 'plan-bound' }, h('span', {}, t(label)), this.bounds[k]);
    this.box.innerHTML = '';
    this.box.append(
      h('h2', {}, t('plan')),
      h('div', { class: 'plan-row' }, dispatchButton),
      h('div', { class: 'plan-row' }, h('span', {}, t('target_kind')), this.kind, this.value, h('span', {}, '%'), sizeButton),
      h('div', { class: 'plan-row' }, h('span', {}, t('size_span')), this.span),
      h('div', { class: 'hint' }, t('bounds')),
      h('div', { class: 'plan-bounds' }, boundRow('pv_max_kw', 'bound_pv'), boundRow('wind_max_kw', 'bound_wind'),
        boundRow('battery_max_kw', 'bound_battery_mw'), boundRow('battery_max_kwh', 'bound_battery_mwh')),
      h('div', { class: 'plan-row' }, this.progress, this.cancelButton),
      this.phase, this.errorBox, this.result);
    this.renderJob();
    this.renderResult();
  }

  // Target in percent; bounds in MW or MWh on the page, kW or kWh in the request.
  private sizingRequest(): Record<string, unknown> {
    const bounds: Record<string, number> = {};
    for (const [k, input] of Object.entries(this.bounds)) {
      if (input.value.trim() !== '') bounds[k] = Number(input.value) * 1000;
    }
    const request: Record<string, unknown> = { mode: 'sizing', target: { kind: this.kind.value, value_frac: Number(this.value.value) / 100 }, bounds };
    if (this.span.value === 'days') request.representative_days = 24;
    return request;
  }

  private async start(request: Record<string, unknown>): Promise<void> {
    if (this.busy) return;
    this.errorBox.textContent = '';
    this.runs = null;
    this.renderResult();
    try {
      const body = { scenario: this.hooks.scenario(), overrides: this.hooks.overrides(), ...request };
      const { id } = await json<{ id: number }>(await post('/api/optimize', body));
      this.job = { id, mode: request.mode as Job['mode'], status: 'queued', phase: '', progress_frac: 0, message: '' };
      this.renderJob();
      while (this.busy) {
        this.job = await json<Job>(await fetch(`/api/optimize/${id}?wait_ms=400`));
        this.renderJob();
      }
      if (this.job.status === 'done') await this.finish(this.job);
      else this.errorBox.textContent = this.job.status === 'cancelled' ? `${t('cancelled')}: ${this.job.error ?? ''}` : `${t('error')}: ${this.job.error ?? ''}`;
    } catch (e) {
      this.errorBox.textContent = `${t('error')}: ${(e as Error).message}`;
    }
    this.renderJob();
  }

  private async cancel(): Promise<void> {
    if (!this.job || !this.busy) return;
    this.job = await json<Job>(await post(`/api/optimize/${this.job.id}/cancel`, {}));
    this.renderJob();
  }

  private async finish(job: Job): Promise<void> {
    const [rule, opt] = await Promise.all([getRun(job.rule_run_id!), getRun(job.run_id!)]);
    this.runs = { rule, opt };
    this.renderResult();
    await this.play(opt);
  }

  private async play(run: Run): Promise<void> {
    this.hooks.adopt(run, await api.getSeries(run.id));
  }

  private renderJob(): void {
    const j = this.job;
    this.cancelButton.disabled = !this.busy;
    this.progress.value = j ? j.progress_frac : 0;
    this.box.dataset.jobStatus = j?.status ?? '';
    if (!j) {
      this.phase.textContent = '';
      return;
    }
    const phaseKey = `phase_${j.phase}` as LabelKey;
    const phase = j.status === 'queued' ? t('queued') : j.status === 'cancelled' ? t('cancelled') : j.phase ? t(phaseKey) ?? j.phase : '';
    const gap = j.gap_frac !== undefined && j.status === 'running' ? ` · gap ${(j.gap_frac * 100).toPrecision(3)} %` : '';
    this.phase.textContent = `#${j.id} ${phase} ${(j.progress_frac * 100).toFixed(0)} %${gap}`;
  }

  private renderResult(): void {
    this.result.innerHTML = '';
    if (!this.runs || !this.runs.rule.summary || !this.runs.opt.summary) return;
    const { rule, opt } = this.runs;
    const a = rule.summary!;
    const b = opt.summary!;
    const fa = rule.facts!;
    const fb = opt.facts!;
    const o = this.job?.optimize ?? (fb as any).optimize ?? {};
    const table = h('table', {},
      h('thead', {}, h('tr', {}, h('th', {}), h('th', {}, `${t('rule_based')} #${rule.id}`), h('th', {}, `${t('optimised')} #${opt.id}`), h('th', {}, t('change')))),
      h('tbody', {},
        row('pv_ac', fmtPower, fa.pv_ac_kw, fb.pv_ac_kw, null),
        row('wind_kw', fmtPower, fa.wind_kw, fb.wind_kw, null),
        row('battery_power', fmtPower, fa.battery_power_kw, fb.battery_power_kw, null),
        row('battery_energy', fmtEnergyKwh, fa.battery_capacity_kwh, fb.battery_capacity_kwh, null),
        row('total_cost', fmtCny, a.cost.total_cny, b.cost.total_cny, true),
        row('cfe_score', fmtPct, a.cfe_score, b.cfe_score, false),
        row('green_share', fmtPct, a.green_share, b.green_share, false),
        row('emissions', fmtTonnes, a.emissions_t, b.emissions_t, true),
        row('curtailment', fmtPct, a.curtailment_rate, b.curtailment_rate, true),
        h('tr', { 'data-plan-kpi': 'direct_supply' }, h('th', {}, t('direct_supply')), h('td', {}, directSupply(a)), h('td', {}, directSupply(b)), h('td', {}, ''))));
    for (const k of ['pv_ac', 'wind_kw', 'battery_power', 'battery_energy']) table.querySelector(`[data-plan-kpi="${k}"]`)?.classList.add('capacity');
    const binding = (o.binding_constraints ?? []) as { name: string; shadow_price: number; shadow_price_unit: string }[];
    const status = o.status ?? '';
    const play = h('div', { class: 'plan-row' });
    const playOpt = h('button', { 'data-testid': 'play-optimised' }, t('play_optimised'));
    playOpt.onclick = () => void this.play(opt);
    const playRule = h('button', { 'data-testid': 'play-rules' }, t('play_rules'));
    playRule.onclick = () => void this.play(rule);
    play.append(playOpt, playRule);
    const days = o.representative_days as { days: number; total_per_year: number; full_run_total_per_year?: number; error_frac?: number } | undefined;
    const daysNote = days
      ? h('div', { class: 'hint', 'data-testid': 'opt-days' }, `${t('days_note')}: ${days.days} · ${t('days_cost')} ${fmtCny(days.total_per_year)}` +
        (days.full_run_total_per_year !== undefined ? ` · ${t('days_full_year')} ${fmtCny(days.full_run_total_per_year)} · ${t('days_error')} ${((days.error_frac ?? 0) * 100).toFixed(1)} %` : ''))
      : '';
    this.result.append(
      h('h3', {}, t('opt_result')), table, daysNote,
      h('div', { class: 'hint', 'data-testid': 'opt-status' }, `${t('lp_status')}: ${status}` +
        (binding.length ? ` · ${t('lp_binding')}: ${binding.map((x) => `${x.name} (${x.shadow_price.toPrecision(4)} ${x.shadow_price_unit})`).join(', ')}` : '')),
      play);
  }
}
