// One line saying what 算电协同 (compute–power coordination: the job
// scheduler following clean power) is doing at the current step, from the
// run's series: how many jobs run and their IT power, under which policy,
// how many flexible jobs it defers (waiting to start or paused: jobs_waiting)
// and runs under a GPU power cap (jobs_capped), and how much of the step's
// load clean power covers (with any curtailment still left over for more jobs).
import type { Columns } from './api';
import { fmtPct, fmtPower, getLang, t, type LabelKey } from './i18n';

export function coordinationLine(c: Columns, i: number, policy: string, hasJobs: boolean): string {
  const known = ['fcfs', 'green_following', 'forecast_threshold', 'power_capping'];
  const name = known.includes(policy) ? t(policy as LabelKey) : policy;
  const head = `${t('cosim')}${name ? ` (${name})` : ''}: `;
  if (!hasJobs) return head + t('cosim_no_jobs');
  const n = Math.round(c.jobs_running?.[i] ?? 0);
  const jobsKw = c.jobs_it_kw?.[i] ?? 0;
  const load = c.datacenter_kw[i];
  const clean = load > 0 ? Math.min(1, (c.green_to_load_kw[i] || 0) / load) : 1;
  const curtailed = c.curtailed_kw[i] || 0;
  const sep = getLang() === 'zh' ? '，' : ', ';
  const jobs = n === 0 ? t('cosim_idle') : getLang() === 'zh' ? `${n} ${t('jobs_count')}运行中，IT ${fmtPower(jobsKw)}` : `${n} ${t('jobs_count')} running, ${fmtPower(jobsKw)} IT`;
  const waiting = Math.round(c.jobs_waiting?.[i] ?? 0);
  const capped = Math.round(c.jobs_capped?.[i] ?? 0);
  const held = (waiting > 0 ? `${sep}${waiting} ${t('cosim_waiting')}` : '') + (capped > 0 ? `${sep}${capped} ${t('cosim_capped')}` : '');
  const power = clean >= 0.999 ? t('cosim_clean') : `${t('cosim_partly')} ${fmtPct(clean)}`;
  const surplus = curtailed > 1 ? `${sep}${t('cosim_surplus')} ${fmtPower(curtailed)}` : '';
  return head + jobs + held + sep + power + surplus;
}
