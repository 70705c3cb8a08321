// @ts-check
/**
 * Every string the page shows that does not come from the scenario or from the core.
 * Chinese first; English second. Keys are grouped by area.
 * A value is either a string or a function of its parameters.
 * @module i18n
 */

/** @typedef {'zh' | 'en'} Lang */

export const strings = {
  zh: {
    appName: 'gapcast 目标缺口测算',
    tagline: '规上工业产值目标缺口与“十本账”测算',
    privacy: '所有计算均在本机浏览器内完成，数据不上传。',
    loading: '正在加载计算模块…',
    examples: '示例',
    examplesChoose: '选择示例…',
    import: '导入情景',
    export: '导出情景',
    langLabel: '语言',
    notes: '说明',

    // headline
    baseTitle: (/** @type {number} */ y) => `${y}年全年预计`,
    baseYtd: (/** @type {string} */ months) => `${months}实际`,
    baseComplete: '全年实际（已完整）',
    basePaceSeasonal: '按季节进度推算',
    basePaceCalendar: '按序时进度推算',
    baseShare: (/** @type {string} */ months, /** @type {string} */ share) => `往年${months}通常完成全年的 ${share}`,
    baseGrowth: '累计同比',
    projTitle: (/** @type {number} */ y) => `${y}年台账测算`,
    projRule: (/** @type {number} */ y, /** @type {string} */ base, /** @type {string} */ net) =>
      `= ${y}年全年预计 ${base} + 十本账净增 ${net}`,
    targetTitle: (/** @type {number} */ y) => `${y}年年度目标`,
    gapTitle: '目标缺口',
    gapOfTarget: (/** @type {string} */ pct) => `占目标 ${pct}`,
    gapShort: (/** @type {string} */ x, /** @type {string} */ unit) => `预计低于目标 ${x} ${unit}`,
    gapExceeds: (/** @type {string} */ x, /** @type {string} */ unit) => `预计超出目标 ${x} ${unit}`,
    gapMeets: () => '预计恰好完成目标',
    gapRule: '缺口 = 年度目标 − 台账测算（正数为缺口，负数为超出）',
    reinfTitle: '补强目标',
    reinfRule: (/** @type {string} */ share, /** @type {string} */ target, /** @type {string} */ rule, /** @type {string} */ net) =>
      `规则：${share} × 年度目标 ${target} = ${rule}，减去十本账净增 ${net}`,
    reinfNeeded: '仍需补强',
    reinfMet: '十本账净增已达到规则要求',
    chainTitle: '补链强链目标',
    chainNote: '新招引产值，参考值',

    // full-year estimate method (rules.estimateMethod)
    methodLabel: '全年预估方法',
    methodHint: '用于尚未完整的年度：全年预计 = 累计值 + 其余月份的预测',
    methodAuto: '自动选择',
    methodEts: 'ETS 指数平滑',
    methodTheta: 'Theta 法',
    methodSnaive: '季节朴素法',
    methodPace: '季节进度法',
    methodCombo: '组合（ETS、Theta、季节朴素的中位数）',
    estMethod: '预估方法',
    estModel: '模型',
    estRange: '全年 80% 区间',
    estRangeShort: '80% 区间',
    autoResolved: (/** @type {string} */ used) => `自动选择 → ${used}`,
    // Spring Festival regressor (rules.springFestival)
    festivalLabel: '春节因素调整',
    festivalHint: '按春节所在月份调整 1–3 月的预测：由历史数据估计春节效应',
    estFestival: '春节因素',
    festivalEffect: (/** @type {string} */ effect, /** @type {string} */ se, /** @type {number} */ before, /** @type {number} */ after) =>
      `窗口全部落在一期时 ${effect}（标准误 ${se} 个百分点）；窗口为节前 ${before} 天至节后 ${after} 天`,
    baseShareRef: (/** @type {string} */ months, /** @type {string} */ share) => `参考：往年${months}通常完成全年的 ${share}`,

    inYearTitle: (/** @type {number} */ y, /** @type {string} */ months) => `${y}年年内进度（${months}）`,
    inYtd: '累计完成',
    inCompletion: '完成率',
    inCalendarPace: '序时进度',
    inSeasonalPace: '季节进度',
    inPaceGap: (/** @type {string} */ basis) => `进度差（对${basis}）`,
    inEstimate: '年内全年预计',
    inGap: '年内缺口',
    inRemaining: '剩余月数',
    inRequiredAvg: '剩余月份需月均',
    inRequiredGrowth: '剩余月份需同比增长',
    paceBasisSeasonal: '季节进度',
    paceBasisCalendar: '序时进度',
    pp: '个百分点',
    months: (/** @type {number} */ n) => `${n}个月`,
    na: '—',

    lightsTitle: '预警灯',
    lightPace: '进度灯',
    lightGap: '缺口灯',
    lightRule: '规则',
    levelGood: '正常',
    levelWatch: '关注',
    levelAlert: '预警',
    levelNone: '不适用',
    noticesTitle: '提示',

    // Monte Carlo
    simTitle: '蒙特卡洛模拟',
    simHint: '按情景中各账的分布随机抽样，估计全年总产值的分布和达到目标的概率。同一随机种子的结果可重现。',
    simRuns: '运行次数',
    simSeed: '随机种子',
    simRun: '运行',
    simRunning: '正在模拟…',
    simRunningPercent: (/** @type {string} */ percent) => `正在模拟… ${percent}%`,
    simStop: '停止',
    simStopped: '已停止；以下仍是上一次的模拟结果。',
    simStoppedEmpty: '已停止。',
    simMeetTitle: (/** @type {string} */ target) => `P(达到目标 ${target})`,
    simSe: (/** @type {string} */ se) => `± ${se} 个百分点（蒙特卡洛标准误）`,
    simSeAllMeet: (/** @type {string} */ n) => `（${n} 次运行全部达标；未达标概率的 95% 上限约为 3/${n}）`,
    simSeNoneMeet: (/** @type {string} */ n) => `（${n} 次运行全部未达标；达标概率的 95% 上限约为 3/${n}）`,
    simSeTooFew: (/** @type {string} */ n) => `（${n} 次运行结果全部相同，次数太少，无法估计误差）`,
    simRunsUsed: (/** @type {string} */ runs, /** @type {string} */ seed) => `${runs} 次运行，随机种子 ${seed}`,
    simTotalTitle: '全年总产值',
    simMedian: 'p50（中位数）',
    simMean: '均值',
    simReinfTitle: '补强目标（模拟）',
    simByRule: '按规则',
    simForLevel: (/** @type {string} */ level) => `达标概率 ≥ ${level} 还需`,
    simStale: '情景已修改，以下为修改前的模拟结果；请重新运行。',
    simErrorTitle: '无法模拟，以下显示的是上一次的模拟结果',
    simChartFan: '累计产值扇形图',
    simChartHistogram: '全年总产值分布',
    simChartWaterfall: '十本账瀑布图',
    simChartTornado: '十本账敏感性',

    // table
    tableTitle: '十本账',
    tableCaption: '十本账明细（金额为全年化产值；年内影响 = 金额 × 年内占比）',
    colLedger: '账',
    colDirection: '方向',
    colItem: '条目',
    colAmount: '全年金额',
    colStart: '起始月',
    colRamp: '爬坡月数',
    colShare: '年内占比',
    colEffect: '年内影响',
    subtotal: '小计',
    dirIncrease: '增量 +',
    dirDecrease: '减量 −',
    totalIncrease: '增量合计',
    totalDecrease: '减量合计',
    totalNet: '净增',
    editHint: '可直接修改金额、起始月和爬坡月数，结果即时重算。“不确定性”一列的“编辑”可设置模拟用的全年产值分布、实现概率、起始月窗口和共同冲击。',

    // uncertainty editor (one panel per item; drives the Monte Carlo only)
    colUnc: '不确定性（模拟用）',
    uncCertain: '确定',
    uncEdit: '编辑',
    uncEditWhat: '不确定性',
    uncPanelTitle: '不确定性',
    uncPanelHint: '“全年金额”仍是台账测算所用的计划金额；这里的分布、概率、起始月窗口和共同冲击只用于蒙特卡洛模拟。',
    uncDistLegend: '全年产值分布',
    uncKind: '类型',
    uncKindNone: '无（确定值）',
    uncKindPoint: '固定值',
    uncKindRange90: '90% 区间',
    uncKindTriangular: '三角分布',
    uncKindPert: 'PERT 分布',
    uncKindUniform: '均匀分布',
    uncValue: '值',
    uncLow: '下限（5% 分位）',
    uncHigh: '上限（95% 分位）',
    uncMin: '最小值',
    uncMode: '最可能值',
    uncMax: '最大值',
    uncProbLegend: '实现概率',
    uncProb: '概率（0–1，留空为 1，即一定实现）',
    uncWindowLegend: '起始月窗口',
    uncWindowOn: '起始月不确定：在窗口内各月等可能',
    uncFrom: '最早起始月',
    uncTo: '最晚起始月',
    uncShockLegend: '共同冲击',
    uncShockOn: '与同组条目一起波动',
    uncGroup: '组名',
    uncRho: '相关系数 ρ（0–1）',
    uncClear: '清除全部不确定性',
    uncClose: '收起',
    uncSumRange90: (/** @type {string} */ low, /** @type {string} */ high) => `90% ${low}–${high}`,
    uncSumTriangular: (/** @type {string} */ min, /** @type {string} */ mode, /** @type {string} */ max) => `三角 ${min}/${mode}/${max}`,
    uncSumPert: (/** @type {string} */ min, /** @type {string} */ mode, /** @type {string} */ max) => `PERT ${min}/${mode}/${max}`,
    uncSumUniform: (/** @type {string} */ min, /** @type {string} */ max) => `均匀 ${min}–${max}`,
    uncSumPoint: (/** @type {string} */ value) => `固定 ${value}`,
    uncSumProbability: (/** @type {string} */ p) => `p ${p}`,
    uncSumWindow: (/** @type {string} */ from, /** @type {string} */ to) => `${from}–${to}月起`,
    uncSumShock: (/** @type {string} */ group, /** @type {string} */ rho) => `冲击「${group}」ρ ${rho}`,

    // errors
    errorTitle: '无法计算，以下显示的是上一次有效的结果',
    importErrorTitle: (/** @type {string} */ file) => `导入失败（${file}），当前情景未改变`,
    exampleErrorTitle: '示例加载失败，当前情景未改变',
    fileNotText: '文件不是 UTF-8、UTF-16 或 GB18030（GBK）编码的文本，无法读取。请用文本编辑器另存为 UTF-8 编码后再导入。',
    importedReadAs: (/** @type {string} */ file, /** @type {string} */ encoding) => `已导入 ${file}（按 ${encoding} 编码读取）`,
    encodingGb18030: 'GB18030（GBK）',
    encodingUtf16: 'UTF-16',
    fatalTitle: '页面无法启动',
    notANumber: '请输入一个数字',
    pasteNotANumber: '粘贴的内容不是一个数字，未粘贴：',
    errorCode: '错误代码',
    unitPrefix: '单位：',
  },
  en: {
    appName: 'gapcast target gap',
    tagline: 'Industrial output target gap and the ten ledgers',
    privacy: 'Everything is computed in this browser; no data leaves your machine.',
    loading: 'Loading the calculation module…',
    examples: 'Examples',
    examplesChoose: 'Choose an example…',
    import: 'Import scenario',
    export: 'Export scenario',
    langLabel: 'Language',
    notes: 'Notes',

    baseTitle: (/** @type {number} */ y) => `${y} full-year estimate`,
    baseYtd: (/** @type {string} */ months) => `${months} actual`,
    baseComplete: 'Full-year actual (complete)',
    basePaceSeasonal: 'Estimated from seasonal pace',
    basePaceCalendar: 'Estimated from calendar pace',
    baseShare: (/** @type {string} */ months, /** @type {string} */ share) => `${months} usually reaches ${share} of the year`,
    baseGrowth: 'YTD y/y',
    projTitle: (/** @type {number} */ y) => `${y} ledger account`,
    projRule: (/** @type {number} */ y, /** @type {string} */ base, /** @type {string} */ net) =>
      `= ${y} full-year estimate ${base} + net ledgers ${net}`,
    targetTitle: (/** @type {number} */ y) => `${y} annual target`,
    gapTitle: 'Target gap',
    gapOfTarget: (/** @type {string} */ pct) => `${pct} of the target`,
    gapShort: (/** @type {string} */ x, /** @type {string} */ unit) => `Projected to fall short of the target by ${x} ${unit}`,
    gapExceeds: (/** @type {string} */ x, /** @type {string} */ unit) => `Projected to exceed the target by ${x} ${unit}`,
    gapMeets: () => 'Projected to meet the target exactly',
    gapRule: 'Gap = annual target − ledger account (positive: short; negative: exceeds)',
    reinfTitle: 'Reinforcement target',
    reinfRule: (/** @type {string} */ share, /** @type {string} */ target, /** @type {string} */ rule, /** @type {string} */ net) =>
      `Rule: ${share} × annual target ${target} = ${rule}, minus net ledgers ${net}`,
    reinfNeeded: 'Still needed',
    reinfMet: 'Net ledgers already meet the rule',
    chainTitle: 'Chain-strengthening target',
    chainNote: 'newly attracted output, for reference',

    methodLabel: 'Full-year estimate method',
    methodHint: 'For a year not yet complete: full-year estimate = YTD + forecast of the remaining months',
    methodAuto: 'Auto',
    methodEts: 'ETS (exponential smoothing)',
    methodTheta: 'Theta',
    methodSnaive: 'Seasonal naive',
    methodPace: 'Seasonal share (pace)',
    methodCombo: 'Combination (median of ETS, Theta, seasonal naive)',
    estMethod: 'Estimate method',
    estModel: 'Model',
    estRange: 'Full-year 80% range',
    estRangeShort: '80% range',
    autoResolved: (/** @type {string} */ used) => `Auto → ${used}`,
    festivalLabel: 'Adjust for Spring Festival',
    festivalHint: 'Adjusts the January–March forecast for where the festival falls, with its effect estimated from the history',
    estFestival: 'Spring Festival effect',
    festivalEffect: (/** @type {string} */ effect, /** @type {string} */ se, /** @type {number} */ before, /** @type {number} */ after) =>
      `${effect} for a period holding the whole window (standard error ${se} pp); window ${before} days before to ${after} days after the festival`,
    baseShareRef: (/** @type {string} */ months, /** @type {string} */ share) => `For reference: ${months} usually reaches ${share} of the year`,

    inYearTitle: (/** @type {number} */ y, /** @type {string} */ months) => `${y} in-year progress (${months})`,
    inYtd: 'YTD',
    inCompletion: 'Completion',
    inCalendarPace: 'Calendar pace',
    inSeasonalPace: 'Seasonal pace',
    inPaceGap: (/** @type {string} */ basis) => `Pace gap (vs ${basis})`,
    inEstimate: 'In-year full-year estimate',
    inGap: 'In-year gap',
    inRemaining: 'Months remaining',
    inRequiredAvg: 'Required monthly average',
    inRequiredGrowth: 'Required y/y growth, remaining months',
    paceBasisSeasonal: 'seasonal pace',
    paceBasisCalendar: 'calendar pace',
    pp: 'pp',
    months: (/** @type {number} */ n) => `${n} ${n === 1 ? 'month' : 'months'}`,
    na: '—',

    lightsTitle: 'Lights',
    lightPace: 'Pace light',
    lightGap: 'Gap light',
    lightRule: 'Rule',
    levelGood: 'Good',
    levelWatch: 'Watch',
    levelAlert: 'Alert',
    levelNone: 'Not applicable',
    noticesTitle: 'Notices',

    simTitle: 'Monte Carlo',
    simHint: 'Draws every ledger from its distribution in the scenario to estimate the spread of the full-year total and the chance of meeting the target. The same seed gives the same result.',
    simRuns: 'Runs',
    simSeed: 'Seed',
    simRun: 'Run',
    simRunning: 'Simulating…',
    simRunningPercent: (/** @type {string} */ percent) => `Simulating… ${percent}%`,
    simStop: 'Stop',
    simStopped: 'Stopped; the last simulation results are still shown.',
    simStoppedEmpty: 'Stopped.',
    simMeetTitle: (/** @type {string} */ target) => `P(meeting the target ${target})`,
    simSe: (/** @type {string} */ se) => `± ${se} pp (Monte Carlo standard error)`,
    simSeAllMeet: (/** @type {string} */ n) => `(all ${n} runs meet it; a 95 % upper bound on the chance of missing is about 3/${n})`,
    simSeNoneMeet: (/** @type {string} */ n) => `(none of ${n} runs meets it; a 95 % upper bound on the chance of meeting is about 3/${n})`,
    simSeTooFew: (/** @type {string} */ n) => `(all ${n} runs agree: too few to estimate the error)`,
    simRunsUsed: (/** @type {string} */ runs, /** @type {string} */ seed) => `${runs} runs, seed ${seed}`,
    simTotalTitle: 'Full-year total',
    simMedian: 'p50 (median)',
    simMean: 'Mean',
    simReinfTitle: 'Reinforcement (simulated)',
    simByRule: 'By the rule',
    simForLevel: (/** @type {string} */ level) => `Still needed for P(meet) ≥ ${level}`,
    simStale: 'The scenario has changed; these results are from before the change. Run again.',
    simErrorTitle: 'Cannot simulate; the last simulation results are shown',
    simChartFan: 'Fan chart of the cumulative output',
    simChartHistogram: 'Distribution of the full-year total',
    simChartWaterfall: 'Waterfall of the ten ledgers',
    simChartTornado: 'Sensitivity to the ten ledgers',

    tableTitle: 'Ten ledgers',
    tableCaption: 'Ten ledgers (amounts are annualised output; in-year effect = amount × year share)',
    colLedger: 'Ledger',
    colDirection: 'Direction',
    colItem: 'Item',
    colAmount: 'Annual amount',
    colStart: 'Start month',
    colRamp: 'Ramp months',
    colShare: 'Year share',
    colEffect: 'In-year effect',
    subtotal: 'Subtotal',
    dirIncrease: 'Increase +',
    dirDecrease: 'Decrease −',
    totalIncrease: 'Total increases',
    totalDecrease: 'Total decreases',
    totalNet: 'Net',
    editHint: 'Edit amounts, start months and ramp months directly; results update at once. "Edit" in the Uncertainty column sets the amount distribution, probability, start window and shared shock used by the Monte Carlo.',

    colUnc: 'Uncertainty (simulation)',
    uncCertain: 'certain',
    uncEdit: 'Edit',
    uncEditWhat: ' uncertainty',
    uncPanelTitle: 'Uncertainty',
    uncPanelHint: 'The annual amount stays the planned amount used by the ledger account; the distribution, probability, start window and shared shock here drive only the Monte Carlo.',
    uncDistLegend: 'Amount distribution',
    uncKind: 'Kind',
    uncKindNone: 'None (certain)',
    uncKindPoint: 'Fixed value',
    uncKindRange90: '90% range',
    uncKindTriangular: 'Triangular',
    uncKindPert: 'PERT',
    uncKindUniform: 'Uniform',
    uncValue: 'Value',
    uncLow: 'Low (5th percentile)',
    uncHigh: 'High (95th percentile)',
    uncMin: 'Minimum',
    uncMode: 'Most likely',
    uncMax: 'Maximum',
    uncProbLegend: 'Probability',
    uncProb: 'Probability it happens (0–1; blank = 1, certain)',
    uncWindowLegend: 'Start window',
    uncWindowOn: 'Uncertain start: any month in the window, equally likely',
    uncFrom: 'Earliest start month',
    uncTo: 'Latest start month',
    uncShockLegend: 'Shared shock',
    uncShockOn: 'Moves together with the other items of a group',
    uncGroup: 'Group',
    uncRho: 'Correlation ρ (0–1)',
    uncClear: 'Remove all uncertainty',
    uncClose: 'Close',
    uncSumRange90: (/** @type {string} */ low, /** @type {string} */ high) => `90% ${low}–${high}`,
    uncSumTriangular: (/** @type {string} */ min, /** @type {string} */ mode, /** @type {string} */ max) => `tri ${min}/${mode}/${max}`,
    uncSumPert: (/** @type {string} */ min, /** @type {string} */ mode, /** @type {string} */ max) => `PERT ${min}/${mode}/${max}`,
    uncSumUniform: (/** @type {string} */ min, /** @type {string} */ max) => `uniform ${min}–${max}`,
    uncSumPoint: (/** @type {string} */ value) => `fixed ${value}`,
    uncSumProbability: (/** @type {string} */ p) => `p ${p}`,
    uncSumWindow: (/** @type {string} */ from, /** @type {string} */ to) => `start ${from}–${to}`,
    uncSumShock: (/** @type {string} */ group, /** @type {string} */ rho) => `shock "${group}" ρ ${rho}`,

    errorTitle: 'Cannot compute; the last valid results are shown',
    importErrorTitle: (/** @type {string} */ file) => `Import failed (${file}); the current scenario is unchanged`,
    exampleErrorTitle: 'The example could not be loaded; the current scenario is unchanged',
    fileNotText: 'The file is not text in UTF-8, UTF-16 or GB18030 (GBK), so it cannot be read. Save it as UTF-8 in a text editor and import it again.',
    importedReadAs: (/** @type {string} */ file, /** @type {string} */ encoding) => `Imported ${file} (read as ${encoding})`,
    encodingGb18030: 'GB18030 (GBK)',
    encodingUtf16: 'UTF-16',
    fatalTitle: 'The page could not start',
    notANumber: 'Enter a number',
    pasteNotANumber: 'What was pasted is not one number, so nothing was pasted: ',
    errorCode: 'Code',
    unitPrefix: 'Unit: ',
  },
};

/**
 * The estimate methods in menu order, each with the key of its display name.
 * `auto` is what a scenario without `rules.estimateMethod` uses.
 */
export const METHODS = /** @type {const} */ ([
  ['auto', 'methodAuto'],
  ['pace', 'methodPace'],
  ['ets', 'methodEts'],
  ['theta', 'methodTheta'],
  ['combo', 'methodCombo'],
  ['snaive', 'methodSnaive'],
]);

/**
 * The display name of an estimate method; an unknown code is shown as it is.
 * @param {Lang} lang
 * @param {string} code
 */
export function methodName(lang, code) {
  const entry = METHODS.find(([c]) => c === code);
  return entry ? t(lang, entry[1]) : code;
}

/** Unit names: the scenario stores the Chinese name. */
export const units = {
  zh: { '亿元': '亿元', '万元': '万元' },
  en: { '亿元': '100m yuan', '万元': '10k yuan' },
};

/**
 * "1–10月" / "Jan–Oct" for a year-to-date period ending at `lastMonth`.
 * @param {Lang} lang
 * @param {number} lastMonth 1..12
 */
export function ytdMonths(lang, lastMonth) {
  if (lang === 'zh') return lastMonth === 1 ? '1月' : `1–${lastMonth}月`;
  const names = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return lastMonth === 1 ? 'Jan' : `Jan–${names[lastMonth - 1]}`;
}

/**
 * Look up a plain string.
 * @param {Lang} lang
 * @param {keyof typeof strings.zh} key
 * @returns {string}
 */
export function t(lang, key) {
  const v = strings[lang][key];
  return typeof v === 'string' ? v : String(key);
}

/**
 * Look up a string template and fill it.
 * @param {Lang} lang
 * @param {keyof typeof strings.zh} key
 * @param {...any} args
 * @returns {string}
 */
export function tf(lang, key, ...args) {
  const v = strings[lang][key];
  return typeof v === 'function' ? /** @type {(...a: any[]) => string} */ (v)(...args) : String(v);
}

/**
 * Fill every `[data-i18n]` element's text and every `[data-i18n-label]` element's
 * `data-label` / `aria-label` under `root`.
 * @param {ParentNode} root
 * @param {Lang} lang
 */
export function applyI18n(root, lang) {
  for (const el of root.querySelectorAll('[data-i18n]')) {
    el.textContent = t(lang, /** @type {any} */ (el.getAttribute('data-i18n')));
  }
  for (const el of root.querySelectorAll('[data-i18n-label]')) {
    const text = t(lang, /** @type {any} */ (el.getAttribute('data-i18n-label')));
    el.setAttribute('data-label', text);
  }
  for (const el of root.querySelectorAll('[data-i18n-aria]')) {
    el.setAttribute('aria-label', t(lang, /** @type {any} */ (el.getAttribute('data-i18n-aria'))));
  }
}
