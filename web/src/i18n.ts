// Chinese and English labels. Every visible string goes through t(); units
// are part of the label or of the number's formatter below.
export type Lang = 'zh' | 'en';

const zh = {
  title: '沙盘 · 风光水储一体化算力基地数字沙盘',
  scenario: '场景',
  pv: '光伏电站',
  wind: '风电场',
  hydro: '水电站',
  reservoir: '水库',
  battery: '储能电站',
  grid: '电网',
  datacenter: '数据中心',
  bus: '汇流母线',
  curtailed: '弃电',
  import: '购电',
  export: '售电',
  charge: '充电',
  discharge: '放电',
  it_load: 'IT负载',
  facility: '设施总负荷',
  soc: '储能荷电状态',
  level: '水库水位',
  play: '播放',
  pause: '暂停',
  speed: '速度',
  hour_per_s: '1小时/秒',
  day_per_s: '1天/秒',
  week_per_s: '1周/秒',
  jump: '跳转',
  most_curtailment: '弃电最多的一天',
  lowest_green: '绿电占比最低的一天',
  windless_week: '无风的一周',
  representative_week: '典型周',
  kpi_day: '当日指标',
  kpi_run: '全年指标',
  green_share: '绿电占比（年度，封顶100%）',
  annual_matching: '年度绿电匹配（不封顶，含上网）',
  cfe_score: '逐时无碳电力匹配度',
  direct_supply: '绿电直连（650号文）',
  ds_self_use: '新能源自发自用/可用发电量',
  ds_consumption: '新能源自发自用/总用电量',
  ds_export: '新能源上网电量/可用发电量',
  compliant: '合规',
  not_compliant: '不合规',
  carbon_basis: '电网排放因子口径',
  curtailment: '弃电率',
  emissions: '碳排放',
  cost: '成本',
  grid_cost: '购电费用',
  lcoe: '度电成本',
  charts: '图表',
  window: '时间窗口',
  day: '日',
  week: '周',
  month: '月',
  gen_vs_load: '发电构成与负荷',
  storage_chart: '储能荷电状态与水库水位',
  price_carbon: '电价与电网碳强度',
  price: '购电电价',
  carbon: '碳强度',
  whatif: '情景推演',
  pv_cap: '光伏装机',
  wind_cap: '风机台数',
  battery_cap: '储能容量',
  hydro_share: '水电份额',
  it_cap: 'IT容量',
  scheduler: '作业调度策略',
  strategy: '调度策略',
  rerun: '重新计算',
  reset: '恢复基准',
  running: '计算中…',
  redraw: '重算并重绘用时',
  compare: '与上一次运行对比',
  previous: '上一次',
  current: '本次',
  change: '变化',
  no_previous: '再移动一个滑块即可对比',
  run: '运行',
  steps: '步',
  kiosk: '展厅模式',
  lang: 'English',
  jobs: '作业',
  error: '出错',
  unserved: '缺电',
  sched_default: '场景默认',
  fcfs: '先到先服务',
  green_following: '追踪绿电',
  forecast_threshold: '预测阈值',
  power_capping: '功率封顶',
  rule_based: '规则调度',
  hours: '小时',
  stored: '储能充电',
  monthly_energy: '各月电量：按来源供给负荷、缺电、储能充电与上网',
  jobs_running: '运行中作业',
  jobs_count: '个作业',
  cosim: '算电协同',
  cosim_idle: '无作业运行',
  cosim_clean: '本时段全部由绿电供电',
  cosim_partly: '绿电供给',
  cosim_surplus: '仍有弃电',
  cosim_no_jobs: '本场景没有可调度的作业负荷',
  cosim_waiting: '个可调度作业延后等待',
  cosim_capped: '个作业限功率运行',
  compare_runs: '任选两次运行对比',
  run_a: '运行A',
  run_b: '运行B',
  compare_go: '对比',
  compare_week: '对比周',
  week_n: '第{n}周',
  diff: 'B − A',
  no_runs: '至少需要两次已完成的运行',
  grid_to_load: '电网供电',
  clean_to_load: '绿电供给负荷',
};

type Key = keyof typeof zh;

const en: Record<Key, string> = {
  title: 'Shapan · digital sandbox of a wind–solar–hydro–storage computing base',
  scenario: 'Scenario',
  pv: 'PV field',
  wind: 'Wind farm',
  hydro: 'Hydro plant',
  reservoir: 'Reservoir',
  battery: 'Battery',
  grid: 'Grid',
  datacenter: 'Data center',
  bus: 'Bus',
  curtailed: 'Curtailed',
  import: 'Import',
  export: 'Export',
  charge: 'Charging',
  discharge: 'Discharging',
  it_load: 'IT load',
  facility: 'Facility load',
  soc: 'Battery SOC',
  level: 'Reservoir level',
  play: 'Play',
  pause: 'Pause',
  speed: 'Speed',
  hour_per_s: '1 hour/s',
  day_per_s: '1 day/s',
  week_per_s: '1 week/s',
  jump: 'Jump to',
  most_curtailment: 'Day of most curtailment',
  lowest_green: 'Day of lowest green share',
  windless_week: 'Windless week',
  representative_week: 'Representative week',
  kpi_day: 'This day',
  kpi_run: 'Whole run',
  green_share: 'Green share (annual, capped at 100 %)',
  annual_matching: 'Annual matching (uncapped, exports counted)',
  cfe_score: 'Hourly CFE score',
  direct_supply: 'Direct green supply 绿电直连 (No. 650)',
  ds_self_use: 'Wind+solar used on site / available',
  ds_consumption: 'Wind+solar used on site / consumption',
  ds_export: 'Wind+solar exported / available',
  compliant: 'compliant',
  not_compliant: 'not compliant',
  carbon_basis: 'Grid carbon basis',
  curtailment: 'Curtailment',
  emissions: 'Emissions',
  cost: 'Cost',
  grid_cost: 'Grid purchases',
  lcoe: 'LCOE',
  charts: 'Charts',
  window: 'Window',
  day: 'Day',
  week: 'Week',
  month: 'Month',
  gen_vs_load: 'Generation mix vs load',
  storage_chart: 'Battery SOC and reservoir level',
  price_carbon: 'Price and grid carbon intensity',
  price: 'Import price',
  carbon: 'Carbon intensity',
  whatif: 'What if',
  pv_cap: 'PV capacity',
  wind_cap: 'Wind turbines',
  battery_cap: 'Battery energy',
  hydro_share: 'Hydro share',
  it_cap: 'IT capacity',
  scheduler: 'Job scheduler',
  strategy: 'Dispatch strategy',
  rerun: 'Run again',
  reset: 'Back to baseline',
  running: 'running…',
  redraw: 'Rerun and redraw',
  compare: 'Compared with the previous run',
  previous: 'Previous',
  current: 'This run',
  change: 'Change',
  no_previous: 'Move a slider to compare with this run',
  run: 'Run',
  steps: 'steps',
  kiosk: 'Kiosk',
  lang: '中文',
  jobs: 'jobs',
  error: 'Error',
  unserved: 'Unserved',
  sched_default: 'scenario default',
  fcfs: 'First come, first served',
  green_following: 'Green following',
  forecast_threshold: 'Forecast threshold',
  power_capping: 'Power capping',
  rule_based: 'Rule based',
  hours: 'h',
  stored: 'Stored',
  monthly_energy: 'Monthly energy: delivered to the load by source, unserved, stored and exported',
  jobs_running: 'Jobs running',
  jobs_count: 'jobs',
  cosim: '算电协同 compute–power coordination',
  cosim_idle: 'no jobs running',
  cosim_clean: 'all on clean power this hour',
  cosim_partly: 'clean power',
  cosim_surplus: 'still curtailing',
  cosim_no_jobs: 'this scenario has no schedulable workload',
  cosim_waiting: 'flexible jobs deferred',
  cosim_capped: 'power-capped',
  compare_runs: 'Compare any two runs',
  run_a: 'Run A',
  run_b: 'Run B',
  compare_go: 'Compare',
  compare_week: 'Week compared',
  week_n: 'week {n}',
  diff: 'B − A',
  no_runs: 'needs two finished runs',
  grid_to_load: 'Grid to load',
  clean_to_load: 'Clean to load',
};

let lang: Lang = 'zh';

export function setLang(l: Lang): void {
  lang = l;
  document.documentElement.lang = l === 'zh' ? 'zh-CN' : 'en';
}
export function getLang(): Lang {
  return lang;
}
export function t(key: Key): string {
  return (lang === 'zh' ? zh : en)[key];
}
export type { Key as LabelKey };

// Number formatting with units. Powers arrive in kW.
export function fmtPower(kw: number): string {
  const a = Math.abs(kw);
  if (a >= 1000) return `${(kw / 1000).toFixed(a >= 100000 ? 0 : 1)} MW`;
  return `${kw.toFixed(0)} kW`;
}
export function fmtEnergyKwh(kwh: number): string {
  const a = Math.abs(kwh);
  if (a >= 1e6) return `${(kwh / 1e6).toFixed(2)} GWh`;
  if (a >= 1e3) return `${(kwh / 1e3).toFixed(1)} MWh`;
  return `${kwh.toFixed(0)} kWh`;
}
export function fmtPct(frac: number): string {
  return `${(frac * 100).toFixed(1)} %`;
}
export function fmtTonnes(t_: number): string {
  return lang === 'zh' ? `${t_.toFixed(t_ < 100 ? 1 : 0)} 吨CO₂` : `${t_.toFixed(t_ < 100 ? 1 : 0)} tCO₂`;
}
export function fmtCny(cny: number): string {
  if (lang === 'zh') {
    if (Math.abs(cny) >= 1e8) return `${(cny / 1e8).toFixed(2)} 亿元`;
    if (Math.abs(cny) >= 1e4) return `${(cny / 1e4).toFixed(1)} 万元`;
    return `${cny.toFixed(0)} 元`;
  }
  if (Math.abs(cny) >= 1e6) return `CNY ${(cny / 1e6).toFixed(1)} M`;
  if (Math.abs(cny) >= 1e3) return `CNY ${(cny / 1e3).toFixed(1)} k`;
  return `CNY ${cny.toFixed(0)}`;
}
export function fmtCnyPerKwh(v: number): string {
  return lang === 'zh' ? `${v.toFixed(3)} 元/千瓦时` : `${v.toFixed(3)} CNY/kWh`;
}
