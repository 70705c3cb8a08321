// @ts-check
/**
 * The table of the ten ledgers: one row per item, grouped by ledger, with editable amount,
 * start month and ramp months, and a summary of the item's uncertainty with a button that
 * opens its editor (a panel row under the item, see uncertainty-editor.js); ledger
 * subtotals; totals of increases, decreases and the net.
 *
 * The rows are built once per scenario (`build`); after an edit only the computed cells are
 * refreshed (`update`), so the input being typed in keeps its focus and its text.
 * @module ledger-table
 */
import { h } from './dom.js';
import { t } from './i18n.js';
import { numberText } from './number-text.js';
import * as fmt from './format.js';
import { readUncertainty, renderSummary, setOpen, uncertaintyCell, uncertaintyRow } from './uncertainty-editor.js';

/** @typedef {import('./api-types.js').Scenario} Scenario */
/** @typedef {import('./api-types.js').AccountSummary} AccountSummary */
/** @typedef {import('./i18n.js').Lang} Lang */

/** Columns of the item rows after the ledger and direction cells (which span the ledger's rows). */
const ITEM_COLUMNS = 7;

/**
 * The editable fields of an item, in column order; `absent` is what the core reads when a
 * document leaves the field out (docs/scenario.md: startMonth 1, rampMonths 0; amount is required).
 */
const FIELDS = /** @type {const} */ ([
  { key: 'amount', testid: 'amount', col: 'colAmount', absent: '', attrs: { min: '0', step: 'any', inputmode: 'decimal' } },
  { key: 'startMonth', testid: 'start', col: 'colStart', absent: '1', attrs: { min: '1', max: '12', step: '1', inputmode: 'numeric' } },
  { key: 'rampMonths', testid: 'ramp', col: 'colRamp', absent: '0', attrs: { min: '0', max: '12', step: '1', inputmode: 'numeric' } },
]);

/** The path of a field as the core names it in `Problem.path`. */
export function fieldPath(/** @type {number} */ l, /** @type {number} */ i, /** @type {string} */ key) {
  return `ledgers[${l}].items[${i}].${key}`;
}

/**
 * A header or label cell whose text follows the language (filled by `applyI18n`).
 * @param {string} tag
 * @param {string} key i18n key
 * @param {Record<string, any>} [attrs]
 */
function label(tag, key, attrs) {
  return h(tag, { ...attrs, 'data-i18n': key });
}

/** Text of an effect with the sign its direction gives (effects are >= 0 in the result). */
function directed(/** @type {'increase'|'decrease'} */ direction, /** @type {number} */ x) {
  return `${direction === 'decrease' ? '-' : '+'}${fmt.amount(x)}`;
}

/**
 * @param {HTMLElement} root where the table goes
 * @param {{ onEdit: (input: HTMLInputElement | HTMLSelectElement) => void }} handlers
 */
export function createLedgerTable(root, handlers) {
  /** @type {HTMLElement | null} the <table>, once built */
  let table = null;
  /**
   * The table's elements, found once per build (the rows never change until the next build): a
   * search of the whole table for each of them on every edit took most of an edit's time with a
   * few hundred items.
   * @type {{ cells: Map<string, HTMLElement>, inputs: HTMLInputElement[], panels: HTMLElement[],
   *          controls: HTMLElement[], marked: Set<HTMLElement> }}
   */
  let found = { cells: new Map(), inputs: [], panels: [], controls: [], marked: new Set() };
  /** @type {Lang} the language of the last update (for the paste message) */
  let shownLang = 'zh';

  /**
   * Build the rows for `scenario`, filled with `summary`.
   * @param {Scenario} scenario
   * @param {AccountSummary} summary
   * @param {Lang} lang
   */
  function build(scenario, summary, lang) {
    const el = h('table', { class: 'gf-ledgers', 'data-testid': 'ledger-table' },
      label('caption', 'tableCaption'),
      h('thead', null, h('tr', null,
        label('th', 'colLedger', { scope: 'col', id: 'gf-col-ledger' }),
        label('th', 'colDirection', { scope: 'col' }),
        label('th', 'colItem', { scope: 'col' }),
        ...FIELDS.map((f) => label('th', f.col, { scope: 'col', id: `gf-col-${f.testid}`, class: 'gf-col-num' })),
        label('th', 'colShare', { scope: 'col', class: 'gf-col-num' }),
        label('th', 'colEffect', { scope: 'col', class: 'gf-col-num' }),
        label('th', 'colUnc', { scope: 'col', class: 'gf-col-unc' }))),
      ...scenario.ledgers.map((ledger, l) => ledgerBody(ledger, l)),
      h('tfoot', null,
        totalRow('totalIncrease', 'total-increases', 'gf-total--increase'),
        totalRow('totalDecrease', 'total-decreases', 'gf-total--decrease'),
        totalRow('totalNet', 'total-net', 'gf-total--net')));
    el.addEventListener('input', onInput);
    el.addEventListener('change', onInput);
    el.addEventListener('click', onClick);
    el.addEventListener('paste', onPaste);
    root.replaceChildren(el);
    table = el;
    /** @param {string} selector */
    const all = (selector) => [...el.querySelectorAll(selector)].map((e) => /** @type {HTMLElement} */ (e));
    found = {
      cells: new Map(all('[data-testid]').map((e) => [/** @type {string} */ (e.getAttribute('data-testid')), e])),
      inputs: all('input[data-field]').map((e) => /** @type {HTMLInputElement} */ (e)),
      panels: all('tr.gf-unc-row'),
      controls: all('[data-path]'),
      marked: new Set(),
    };
    update(summary, scenario, lang);
  }

  /**
   * A paste into a number box takes the clipboard's text as one number (full-width digits and
   * thousands separators allowed) or pastes nothing and says why: left to itself the browser
   * keeps whatever characters it can read, so "12⇥34" from a spreadsheet became 1234 and
   * "36,5" 365, with no error.
   * @param {ClipboardEvent} ev
   */
  function onPaste(ev) {
    const input = ev.target;
    if (!(input instanceof HTMLInputElement) || input.type !== 'number') return;
    ev.preventDefault();
    const text = ev.clipboardData?.getData('text/plain') ?? '';
    const value = numberText(text);
    if (value === null) {
      input.setCustomValidity(`${t(shownLang, 'pasteNotANumber')}“${text.slice(0, 40)}”`);
      input.reportValidity();
      input.addEventListener('input', () => input.setCustomValidity(''), { once: true });
      return;
    }
    input.setCustomValidity('');
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }

  /** @param {Event} ev */
  function onInput(ev) {
    const input = ev.target;
    if ((input instanceof HTMLInputElement || input instanceof HTMLSelectElement) && input.dataset.path) {
      handlers.onEdit(input);
    }
  }

  /** A button in an item's row opens or closes its uncertainty panel. @param {Event} ev */
  function onClick(ev) {
    const button = /** @type {Element} */ (ev.target).closest?.('.gf-unc-toggle');
    const panel = button && document.getElementById(/** @type {string} */ (button.getAttribute('aria-controls')));
    const row = /** @type {HTMLElement | null} */ (panel?.closest('tr') ?? null);
    if (row) setOpen(row, row.hidden);
  }

  /**
   * @param {Scenario['ledgers'][number]} ledger
   * @param {number} l
   */
  function ledgerBody(ledger, l) {
    const span = 2 * ledger.items.length + 1; // the items, their uncertainty panels and the subtotal row
    const dirKey = ledger.direction === 'decrease' ? 'dirDecrease' : 'dirIncrease';
    /** @param {number} i @returns {(key: 'amount' | 'startMonth') => string} */
    const current = (i) => (key) => /** @type {HTMLInputElement | null} */ (table?.querySelector(
      `input[data-path="${fieldPath(l, i, key)}"]`))?.value ?? '';
    const rows = ledger.items.flatMap((item, i) => [h('tr', { class: 'gf-item' },
      i === 0 ? h('th', { scope: 'rowgroup', rowspan: span, class: 'gf-ledger-name', id: `gf-ledger-${l}`,
        'data-testid': `ledger-name-${l}`, text: ledger.name }) : null,
      i === 0 ? label('td', dirKey, { rowspan: span, class: `gf-dir gf-dir--${ledger.direction}` }) : null,
      h('th', { scope: 'row', class: 'gf-item-name', id: `gf-item-${l}-${i}`, text: item.name }),
      ...FIELDS.map((f) => h('td', { class: 'gf-col-num gf-cell-input', 'data-i18n-label': f.col },
        h('input', {
          type: 'number', class: 'gf-input', ...f.attrs,
          value: item[f.key] == null ? f.absent : String(item[f.key]),
          'data-testid': `${f.testid}-${l}-${i}`,
          'data-path': fieldPath(l, i, f.key),
          'data-ledger': l, 'data-item': i, 'data-field': f.key,
          'aria-labelledby': `gf-ledger-${l} gf-item-${l}-${i} gf-col-${f.testid}`,
        }))),
      h('td', { class: 'gf-col-num', 'data-i18n-label': 'colShare', 'data-testid': `share-${l}-${i}` }),
      h('td', { class: 'gf-col-num gf-effect', 'data-i18n-label': 'colEffect', 'data-testid': `effect-${l}-${i}` }),
      uncertaintyCell(l, i)),
    uncertaintyRow(l, i, item, ledger.name, ITEM_COLUMNS, current(i))]);
    const subtotal = h('tr', { class: 'gf-subtotal' },
      label('th', 'subtotal', { scope: 'row', colspan: 5 }),
      h('td', { class: 'gf-col-num', 'data-i18n-label': 'colEffect', 'data-testid': `subtotal-${l}` }),
      h('td', { class: 'gf-subtotal-pad' }));
    return h('tbody', { class: `gf-ledger gf-ledger--${ledger.direction}`, 'data-ledger': l }, rows, subtotal);
  }

  /**
   * @param {string} key
   * @param {string} testid
   * @param {string} cls
   */
  function totalRow(key, testid, cls) {
    return h('tr', { class: `gf-total ${cls}` },
      label('th', key, { scope: 'row', colspan: 7 }),
      h('td', { class: 'gf-col-num', 'data-testid': testid }),
      h('td', { class: 'gf-total-pad' }));
  }

  /**
   * Refresh the computed cells from `summary` and the uncertainty summaries from `scenario`.
   * @param {AccountSummary} summary
   * @param {Scenario} scenario
   * @param {Lang} lang
   */
  function update(summary, scenario, lang) {
    if (!table) return;
    shownLang = lang;
    const { cells } = found;
    // only what changed: rewriting every cell made the browser lay out the whole table again
    /** @param {string} id @param {string} text */
    const set = (id, text) => {
      const el = cells.get(id);
      if (el && el.textContent !== text) el.textContent = text;
    };
    summary.ledgers.forEach((ledger, l) => {
      ledger.items.forEach((item, i) => {
        set(`share-${l}-${i}`, fmt.share(item.yearShare));
        set(`effect-${l}-${i}`, directed(ledger.direction, item.effect));
      });
      set(`subtotal-${l}`, directed(ledger.direction, ledger.effect));
    });
    set('total-increases', `+${fmt.amount(summary.increases)}`);
    set('total-decreases', `-${fmt.amount(summary.decreases)}`);
    set('total-net', fmt.signed(summary.netLedgers));
    scenario.ledgers.forEach((ledger, l) => ledger.items.forEach((item, i) => {
      const el = cells.get(`unc-summary-${l}-${i}`);
      if (el) renderSummary(el, item, lang);
    }));
  }

  /**
   * The scenario as the inputs show it: `good` with every input's value put in, and each
   * item's uncertainty as its panel shows it (a field `good` leaves out and whose input still
   * shows its default stays out). An input that holds no number is reported in `bad` (its path)
   * and left as in `good` (a panel field is left out).
   * @param {Scenario} good
   * @returns {{ scenario: Scenario, bad: string[] }}
   */
  function readDraft(good) {
    const scenario = structuredClone(good);
    /** @type {string[]} */
    const bad = [];
    for (const input of found.inputs) {
      const { ledger, item, field } = input.dataset;
      const text = input.value.trim();
      const value = text === '' ? NaN : Number(text);
      if (!Number.isFinite(value)) {
        bad.push(/** @type {string} */ (input.dataset.path));
        continue;
      }
      const target = /** @type {any} */ (scenario.ledgers[Number(ledger)].items[Number(item)]);
      const absent = FIELDS.find((f) => f.key === field)?.absent;
      // a default the document left out stays out, so that export gives back what was imported
      if (target[/** @type {string} */ (field)] == null && absent && value === Number(absent)) continue;
      target[/** @type {string} */ (field)] = value;
    }
    for (const row of found.panels) {
      const { ledger, item } = row.dataset;
      bad.push(...readUncertainty(row, /** @type {any} */ (scenario.ledgers[Number(ledger)].items[Number(item)])));
    }
    return { scenario, bad };
  }

  /**
   * Mark the controls whose paths are in `paths` as invalid, and clear the others. A bound
   * also answers to the path of its pair (`…amountDist`, `…startWindow`: the core's order
   * check). A closed uncertainty panel with a marked field is opened.
   * @param {Set<string>} paths
   * @returns {number} how many controls were marked
   */
  function markInvalid(paths) {
    const { marked } = found;
    for (const control of marked) control.removeAttribute('aria-invalid');
    marked.clear();
    // (nothing to mark, the usual case after a good edit: the marked ones are cleared above)
    if (paths.size === 0) return 0;
    for (const control of found.controls) {
      const { path, groupPath } = control.dataset;
      if (paths.has(/** @type {string} */ (path)) || (groupPath !== undefined && paths.has(groupPath))) {
        control.setAttribute('aria-invalid', 'true');
        marked.add(control);
        const row = /** @type {HTMLElement | null} */ (control.closest('tr.gf-unc-row'));
        if (row?.hidden) setOpen(row, true);
      }
    }
    return marked.size;
  }

  return { build, update, readDraft, markInvalid };
}
