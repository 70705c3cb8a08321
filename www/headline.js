// @ts-check
/**
 * The headline: cards for the base-year estimate, the plan-year ledger account, the target,
 * the target gap, the reinforcement and chain targets; the in-year block; the two lights;
 * the notices. Pure rendering of an `AccountSummary`: every number comes from the core.
 * @module headline
 */
import { h, replaceChildren } from './dom.js';
import * as fmt from './format.js';
import { methodName, t, tf, units, ytdMonths } from './i18n.js';

/** @typedef {import('./api-types.js').AccountSummary} AccountSummary */
/** @typedef {import('./api-types.js').Light} Light */
/** @typedef {import('./api-types.js').YearForecast} YearForecast */
/** @typedef {import('./i18n.js').Lang} Lang */

/** Icons by light level: the light never relies on colour alone. */
const ICONS = { good: '✓', watch: '!', alert: '✕', none: '–' };
const LEVEL_KEYS = /** @type {const} */ ({ good: 'levelGood', watch: 'levelWatch', alert: 'levelAlert', none: 'levelNone' });

/**
 * Draw the headline for `summary` into `root` (replacing what was there).
 * @param {HTMLElement} root
 * @param {AccountSummary} s
 * @param {Lang} lang
 */
export function renderHeadline(root, s, lang) {
  const unit = units[lang][s.unit] ?? s.unit;
  replaceChildren(
    root,
    h('div', { class: 'gf-cards' },
      baseCard(s, lang, unit),
      projectionCard(s, lang, unit),
      targetCard(s, lang, unit),
      gapCard(s, lang, unit),
      reinforcementCard(s, lang, unit),
      s.chainTarget === null || s.chainTarget === undefined ? null : chainCard(s, lang, unit)),
    s.inYear ? inYearBlock(s, lang, unit) : null,
    lightsBlock(s, lang),
    noticesBlock(s, lang),
  );
}

/**
 * The title line above the cards.
 * @param {HTMLElement} root
 * @param {AccountSummary} s
 * @param {Lang} lang
 */
export function renderTitle(root, s, lang) {
  const unit = units[lang][s.unit] ?? s.unit;
  replaceChildren(
    root,
    h('h1', { class: 'gf-title', 'data-testid': 'title', text: s.title }),
    h('p', { class: 'gf-meta' },
      h('span', { text: s.region }), ' · ',
      h('span', { text: s.indicator }), ' · ',
      h('span', { text: t(lang, 'unitPrefix') + unit })),
  );
}

/**
 * One headline card.
 * @param {string} cls extra class
 * @param {string} label
 * @param {string} testid data-testid of the main figure
 * @param {string} value formatted figure
 * @param {string} unit
 * @param {...(Node | string | null)} details
 */
function card(cls, label, testid, value, unit, ...details) {
  return h('section', { class: `gf-card ${cls}` },
    h('h2', { class: 'gf-card-label', text: label }),
    h('p', { class: 'gf-card-figure' },
      h('span', { class: 'gf-num', 'data-testid': testid, text: value }), ' ',
      h('span', { class: 'gf-unit', text: unit })),
    ...details.map((d) => (d === null ? null : typeof d === 'string' ? h('p', { class: 'gf-card-detail', text: d }) : d)));
}

/** @param {AccountSummary} s @param {Lang} lang @param {string} unit */
function baseCard(s, lang, unit) {
  const b = s.base;
  const months = ytdMonths(lang, b.lastMonth);
  const colon = lang === 'zh' ? '：' : ': ';
  const ytdLine = b.complete ? t(lang, 'baseComplete') : `${tf(lang, 'baseYtd', months)} ${fmt.amount(b.ytd)}`;
  const growth = b.ytdGrowthPct === null || b.ytdGrowthPct === undefined
    ? '' : `${lang === 'zh' ? '，' : ', '}${t(lang, 'baseGrowth')} ${fmt.signedPct(b.ytdGrowthPct)}`;
  const f = b.complete ? null : b.forecast ?? null;
  // The seasonal share says how the estimate was made only when the pace method made it;
  // for another method it is shown as a reference, and not at all when it is only the calendar.
  const usedPace = !f || f.method === 'pace';
  const basis = b.complete ? null
    : usedPace
      ? `${t(lang, b.paceBasis === 'seasonal' ? 'basePaceSeasonal' : 'basePaceCalendar')}${colon}`
        + tf(lang, 'baseShare', months, fmt.share(b.share))
      : b.paceBasis === 'seasonal' ? tf(lang, 'baseShareRef', months, fmt.share(b.share)) : null;
  return card('gf-card--base', tf(lang, 'baseTitle', b.year), 'base-estimate', fmt.amount(b.estimate), unit,
    h('p', { class: 'gf-card-detail', 'data-testid': 'base-ytd', text: ytdLine + growth }),
    f ? h('p', { class: 'gf-card-detail', 'data-testid': 'base-method', 'data-method': f.method,
      'data-requested': f.requested }, `${t(lang, 'estMethod')}${colon}`, methodUsed(f, lang)) : null,
    f ? h('p', { class: 'gf-card-detail gf-muted' }, `${t(lang, 'estModel')}${colon}`,
      h('code', { class: 'gf-model', 'data-testid': 'base-model', text: f.model })) : null,
    f ? h('p', { class: 'gf-card-detail' }, `${t(lang, 'estRangeShort')}${colon}`,
      h('span', { class: 'gf-num', 'data-testid': 'base-range', text: range(f) })) : null,
    f?.springFestival ? h('p', { class: 'gf-card-detail', 'data-testid': 'base-festival',
      'data-effect-pct': String(f.springFestival.effectPct) },
    `${t(lang, 'estFestival')}${colon}`, festivalText(f.springFestival, lang)) : null,
    basis ? h('p', { class: 'gf-card-detail gf-muted', 'data-testid': 'pace-basis',
      'data-role': usedPace ? 'basis' : 'reference', text: basis }) : null);
}

/**
 * "季节进度法", or "自动选择 → 季节进度法" when the method was chosen automatically.
 * @param {YearForecast} f
 * @param {Lang} lang
 */
function methodUsed(f, lang) {
  const used = methodName(lang, f.method);
  return f.requested === 'auto' ? tf(lang, 'autoResolved', used) : used;
}

/**
 * "窗口全部落在一期时 -22.34%（标准误 1.02 个百分点）；…": the Spring Festival effect as the core
 * gives it (its % effect and standard error are the core's; only formatted here).
 * @param {import('./api-types.js').FestivalEffect} e
 * @param {Lang} lang
 */
function festivalText(e, lang) {
  return tf(lang, 'festivalEffect', fmt.signedPct(e.effectPct), fmt.amount(e.effectSePct),
    e.window.daysBefore, e.window.daysAfter);
}

/**
 * "3,408.31–3,719.29": the 80% range of the annual total, as the core gives it.
 * @param {YearForecast} f
 */
function range(f) {
  return `${fmt.amount(f.p10)}–${fmt.amount(f.p90)}`;
}

/** @param {AccountSummary} s @param {Lang} lang @param {string} unit */
function projectionCard(s, lang, unit) {
  return card('gf-card--projection', tf(lang, 'projTitle', s.planYear), 'plan-projection',
    fmt.amount(s.plan.projection), unit,
    h('p', { class: 'gf-card-detail gf-muted', 'data-testid': 'projection-rule',
      text: tf(lang, 'projRule', s.base.year, fmt.amount(s.base.estimate), fmt.amount(s.netLedgers)) }));
}

/** @param {AccountSummary} s @param {Lang} lang @param {string} unit */
function targetCard(s, lang, unit) {
  return card('gf-card--target', tf(lang, 'targetTitle', s.planYear), 'target', fmt.amount(s.target), unit);
}

/** @param {AccountSummary} s @param {Lang} lang @param {string} unit */
function gapCard(s, lang, unit) {
  const gap = s.plan.gap;
  const verdictKey = gap > 0 ? 'gapShort' : gap < 0 ? 'gapExceeds' : 'gapMeets';
  const state = gap > 0 ? 'short' : gap < 0 ? 'exceeds' : 'meets';
  return h('section', { class: `gf-card gf-card--gap gf-gap--${state}`, 'data-gap-state': state },
    h('h2', { class: 'gf-card-label', text: t(lang, 'gapTitle') }),
    h('p', { class: 'gf-card-figure' },
      h('span', { class: 'gf-num', 'data-testid': 'plan-gap', text: fmt.signed(gap) }), ' ',
      h('span', { class: 'gf-unit', text: unit })),
    h('p', { class: 'gf-card-detail', 'data-testid': 'plan-gap-pct', text: tf(lang, 'gapOfTarget', fmt.signedPct(s.plan.gapPct)) }),
    h('p', { class: 'gf-card-verdict', 'data-testid': 'plan-gap-verdict', text: tf(lang, verdictKey, fmt.magnitude(gap), unit) }),
    h('p', { class: 'gf-card-detail gf-muted', text: t(lang, 'gapRule') }));
}

/** @param {AccountSummary} s @param {Lang} lang @param {string} unit */
function reinforcementCard(s, lang, unit) {
  const r = s.reinforcement;
  const status = r.status === 'needed' ? t(lang, 'reinfNeeded') : t(lang, 'reinfMet');
  return card('gf-card--reinforcement', t(lang, 'reinfTitle'), 'reinforcement-amount', fmt.amount(r.amount), unit,
    h('p', { class: 'gf-card-verdict', 'data-testid': 'reinforcement-status', 'data-status': r.status, text: status }),
    h('p', { class: 'gf-card-detail gf-muted', 'data-testid': 'reinforcement-rule',
      text: tf(lang, 'reinfRule', fmt.rate(r.share), fmt.amount(s.target), fmt.amount(r.ruleAmount), fmt.amount(r.netLedgers)) }));
}

/** @param {AccountSummary} s @param {Lang} lang @param {string} unit */
function chainCard(s, lang, unit) {
  return card('gf-card--chain', t(lang, 'chainTitle'), 'chain-target', fmt.amount(s.chainTarget), unit,
    h('p', { class: 'gf-card-detail gf-muted', text: t(lang, 'chainNote') }));
}

/** @param {AccountSummary} s @param {Lang} lang @param {string} unit */
function inYearBlock(s, lang, unit) {
  const y = /** @type {NonNullable<AccountSummary['inYear']>} */ (s.inYear);
  const basis = t(lang, y.paceBasis === 'seasonal' ? 'paceBasisSeasonal' : 'paceBasisCalendar');
  const ppWord = lang === 'zh' ? t(lang, 'pp') : ` ${t(lang, 'pp')}`;
  /** @param {string} x */
  const paren = (x) => (lang === 'zh' ? `（${x}）` : ` (${x})`);
  const f = y.forecast ?? null;
  /** @typedef {[string, string, string, Record<string, string>?]} Row label, testid, value, attributes */
  /** @type {Row[]} */
  const rows = [
    [`${t(lang, 'inYtd')}${paren(ytdMonths(lang, y.lastMonth))}`, 'in-ytd', `${fmt.amount(y.ytd)} ${unit}`],
    [t(lang, 'inCompletion'), 'in-completion', fmt.pct(y.completionPct)],
    [t(lang, 'inCalendarPace'), 'in-calendar-pace', fmt.pct(y.calendarPacePct)],
    [t(lang, 'inSeasonalPace'), 'in-seasonal-pace', y.seasonalPacePct === null ? t(lang, 'na') : fmt.pct(y.seasonalPacePct)],
    [tf(lang, 'inPaceGap', basis), 'in-pace-gap', `${fmt.pp(y.paceGapPp)}${ppWord}`],
    [t(lang, 'inEstimate'), 'in-estimate', `${fmt.amount(y.estimate)} ${unit}`],
    ...(f ? /** @type {Row[]} */ ([
      [t(lang, 'estMethod'), 'in-method', methodUsed(f, lang), { 'data-method': f.method, 'data-requested': f.requested }],
      [t(lang, 'estModel'), 'in-model', f.model, { class: 'gf-model' }],
      [t(lang, 'estRange'), 'in-range', `${range(f)} ${unit}`],
    ]) : []),
    ...(f?.springFestival ? /** @type {Row[]} */ ([
      [t(lang, 'estFestival'), 'in-festival', festivalText(f.springFestival, lang),
        { 'data-effect-pct': String(f.springFestival.effectPct) }],
    ]) : []),
    [t(lang, 'inGap'), 'in-gap', `${fmt.signed(y.gap)} ${unit}${paren(fmt.signedPct(y.gapPct))}`],
    [t(lang, 'inRemaining'), 'in-remaining', tf(lang, 'months', y.remainingMonths)],
    [t(lang, 'inRequiredAvg'), 'in-required-avg',
      y.requiredMonthlyAverage === null ? t(lang, 'na') : `${fmt.amount(y.requiredMonthlyAverage)} ${unit}`],
    [t(lang, 'inRequiredGrowth'), 'in-required-growth',
      y.requiredGrowthPct === null ? t(lang, 'na') : fmt.signedPct(y.requiredGrowthPct)],
  ];
  const title = tf(lang, 'inYearTitle', s.planYear, ytdMonths(lang, y.lastMonth));
  return h('section', { class: 'gf-inyear', 'data-testid': 'in-year' },
    h('h2', { class: 'gf-section-title', text: title }),
    h('dl', { class: 'gf-facts' },
      rows.map(([label, testid, value, attrs]) => h('div', { class: 'gf-fact' },
        h('dt', { text: label }),
        h('dd', { ...attrs, 'data-testid': testid, text: value })))));
}

/** @param {AccountSummary} s @param {Lang} lang */
function lightsBlock(s, lang) {
  return h('section', { class: 'gf-lights', 'aria-label': t(lang, 'lightsTitle') },
    light(s.lights.pace, t(lang, 'lightPace'), lang),
    light(s.lights.gap, t(lang, 'lightGap'), lang));
}

/**
 * One light: icon + level word + the core's status text + the rule, coloured by `light.colour`.
 * @param {Light} l
 * @param {string} name
 * @param {Lang} lang
 */
function light(l, name, lang) {
  const level = t(lang, LEVEL_KEYS[l.level] ?? 'levelNone');
  return h('div', { class: `gf-light gf-light--${l.colour}`, 'data-testid': `light-${l.kind}`,
    'data-level': l.level, 'data-colour': l.colour },
    h('span', { class: 'gf-light-icon', 'aria-hidden': 'true', text: ICONS[l.level] ?? '–' }),
    h('div', { class: 'gf-light-body' },
      h('p', { class: 'gf-light-head' },
        h('span', { class: 'gf-light-name', text: name }), ' ',
        h('span', { class: 'gf-light-level', 'data-testid': `light-${l.kind}-level`, text: level })),
      h('p', { class: 'gf-light-text', 'data-testid': `light-${l.kind}-text`, text: lang === 'zh' ? l.zh : l.en }),
      h('p', { class: 'gf-light-rule gf-muted', 'data-testid': `light-${l.kind}-rule` },
        `${t(lang, 'lightRule')}${lang === 'zh' ? '：' : ': '}`, lang === 'zh' ? l.ruleZh : l.ruleEn)));
}

/** @param {AccountSummary} s @param {Lang} lang */
function noticesBlock(s, lang) {
  if (!s.notices || s.notices.length === 0) return null;
  return h('section', { class: 'gf-notices', 'data-testid': 'notices', 'aria-label': t(lang, 'noticesTitle') },
    h('h2', { class: 'gf-section-title', text: t(lang, 'noticesTitle') }),
    h('ul', null, s.notices.map((n) => h('li', { 'data-code': n.code, text: lang === 'zh' ? n.zh : n.en }))));
}
