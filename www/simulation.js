// @ts-check
/**
 * The Monte Carlo section: pure rendering of a `simulate()` result. Every number comes from
 * the core; the four charts are complete SVG documents made by the core (which escapes their
 * text), inserted by parsing them as SVG and importing the <svg> element. No user string is
 * ever parsed as markup.
 * @module simulation
 */
import { h, replaceChildren } from './dom.js';
import * as fmt from './format.js';
import { t, tf, units } from './i18n.js';

/** @typedef {import('./api-types.js').SimulationResult} SimulationResult */
/** @typedef {import('./i18n.js').Lang} Lang */

/** The charts in the order they are shown, with the key of their caption. */
const CHARTS = /** @type {const} */ ([
  ['fan', 'simChartFan'],
  ['histogram', 'simChartHistogram'],
  ['waterfall', 'simChartWaterfall'],
  ['tornado', 'simChartTornado'],
]);

/**
 * Draw `r` into `root` (replacing what was there); an empty area when there is no result.
 * @param {HTMLElement} root
 * @param {SimulationResult | null} r
 * @param {Lang} lang
 * @param {boolean} stale the scenario changed since this result was made
 */
export function renderSimulation(root, r, lang, stale) {
  if (!r) {
    root.replaceChildren();
    return;
  }
  const unit = units[lang][/** @type {'亿元' | '万元'} */ (r.unit)] ?? r.unit;
  replaceChildren(root,
    stale ? h('p', { class: 'gf-sim-stale', 'data-testid': 'sim-stale', text: t(lang, 'simStale') }) : null,
    h('div', { class: 'gf-sim-facts' },
      meetBlock(r, lang),
      totalBlock(r, lang, unit),
      reinforcementBlock(r, lang, unit)),
    r.notices && r.notices.length > 0
      ? h('ul', { class: 'gf-sim-notices gf-muted', 'data-testid': 'sim-notices' },
        r.notices.map((n) => h('li', { 'data-code': n.code, text: lang === 'zh' ? n.zh : n.en })))
      : null,
    h('div', { class: 'gf-sim-charts' },
      CHARTS.map(([key, caption]) => h('figure', { class: 'gf-sim-chart', 'data-testid': `sim-chart-${key}` },
        svgOf(r.charts?.[key]),
        h('figcaption', { class: 'gf-visually-hidden', text: t(lang, caption) })))));
}

/** @param {SimulationResult} r @param {Lang} lang */
function meetBlock(r, lang) {
  return h('section', { class: 'gf-card gf-sim-meet' },
    h('h3', { class: 'gf-card-label', text: tf(lang, 'simMeetTitle', fmt.amount0(r.target)) }),
    h('p', { class: 'gf-card-figure' },
      h('span', { class: 'gf-num', 'data-testid': 'sim-meet', text: fmt.share(r.meet.p) }), ' ',
      h('span', { class: 'gf-sim-se', 'data-testid': 'sim-meet-se', text: meetErrorText(r, lang) })),
    h('p', { class: 'gf-card-detail', 'data-testid': 'sim-runs-used',
      text: tf(lang, 'simRunsUsed', fmt.count(r.runs), String(r.seed)) }));
}

/**
 * The Monte Carlo error of P(meet). When every run agrees (a share of 0 or 1) the binomial
 * standard error is 0 and says nothing: instead, the rule of three (a 95 % upper bound of about
 * 3/N on the chance no run showed; Hanley and Lippman-Hand, JAMA 1983), from 30 runs on.
 * @param {SimulationResult} r @param {Lang} lang
 */
function meetErrorText(r, lang) {
  const { p, se, runs } = r.meet;
  if (se !== 0) return tf(lang, 'simSe', fmt.ppOfShare(se));
  const n = fmt.count(runs);
  if (runs < 30) return tf(lang, 'simSeTooFew', n);
  return tf(lang, p === 1 ? 'simSeAllMeet' : 'simSeNoneMeet', n);
}

/** @param {SimulationResult} r @param {Lang} lang @param {string} unit */
function totalBlock(r, lang, unit) {
  /** @param {string} label @param {number} value @param {string} testid */
  const row = (label, value, testid) => [
    h('dt', { text: label }),
    h('dd', null, h('span', { 'data-testid': testid, text: fmt.amount(value) }), ' ', h('span', { class: 'gf-unit', text: unit }))];
  return h('section', { class: 'gf-card gf-sim-total' },
    h('h3', { class: 'gf-card-label', text: t(lang, 'simTotalTitle') }),
    h('dl', { class: 'gf-sim-list' },
      row('p10', r.total.p10, 'sim-p10'),
      row(t(lang, 'simMedian'), r.total.p50, 'sim-p50'),
      row('p90', r.total.p90, 'sim-p90'),
      row(t(lang, 'simMean'), r.total.mean, 'sim-mean')));
}

/** @param {SimulationResult} r @param {Lang} lang @param {string} unit */
function reinforcementBlock(r, lang, unit) {
  const re = r.reinforcement;
  /** @param {string} label @param {number} value @param {string} testid */
  const row = (label, value, testid) => [
    h('dt', { text: label }),
    h('dd', null, h('span', { 'data-testid': testid, text: fmt.amount(value) }), ' ', h('span', { class: 'gf-unit', text: unit }))];
  return h('section', { class: 'gf-card gf-sim-reinf' },
    h('h3', { class: 'gf-card-label', text: t(lang, 'simReinfTitle') }),
    h('dl', { class: 'gf-sim-list' },
      row(t(lang, 'simByRule'), re.byRule, 'sim-by-rule'),
      row(tf(lang, 'simForLevel', fmt.rate(re.level)), re.forLevel, 'sim-for-level')));
}

/**
 * The <svg> element of a chart made by the core, imported into this document
 * (nothing when the text is missing or is not an SVG document).
 * @param {string | undefined} text
 * @returns {Node | null}
 */
function svgOf(text) {
  if (typeof text !== 'string') return null;
  const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
  const svg = doc.documentElement;
  if (svg.localName !== 'svg' || doc.getElementsByTagName('parsererror').length > 0) return null;
  return document.importNode(svg, true);
}
