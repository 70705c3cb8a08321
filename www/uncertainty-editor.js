// @ts-check
/**
 * The uncertainty editor of one ledger item: a disclosure panel (a table row under the item,
 * opened by a button in the item's row) for the fields the Monte Carlo reads — `amountDist`
 * (90% range, triangular, PERT, uniform), `probability`, `startWindow` and `shock` — and the
 * read-only summary shown in the item's row.
 *
 * The page does no arithmetic: the panel copies text (an empty field of a newly chosen kind
 * starts as the item's amount, an enabled window as its start month, so that turning a piece
 * on changes nothing until a value is edited), and the summary is the scenario's values as
 * text. Checking is the core's job; the panel only reports a field that holds no number.
 * @module uncertainty-editor
 */
import { h } from './dom.js';
import { t, tf } from './i18n.js';

/** @typedef {import('./api-types.js').LedgerItem} LedgerItem */
/** @typedef {import('./api-types.js').AmountDist} AmountDist */
/** @typedef {import('./i18n.js').Lang} Lang */

/** Distribution kinds in menu order with their label key; `none` = no `amountDist`. */
const KINDS = /** @type {const} */ ([
  ['none', 'uncKindNone'],
  ['range90', 'uncKindRange90'],
  ['triangular', 'uncKindTriangular'],
  ['pert', 'uncKindPert'],
  ['uniform', 'uncKindUniform'],
]);

/** The number fields of each kind, in document order. */
const KIND_FIELDS = /** @type {Record<string, readonly string[]>} */ ({
  none: [],
  point: ['value'],
  range90: ['low', 'high'],
  triangular: ['min', 'mode', 'max'],
  pert: ['min', 'mode', 'max'],
  uniform: ['min', 'max'],
});

/** Every bound input, with its label key; the core reports their order at `amountDist`. */
const BOUNDS = /** @type {const} */ ([
  ['value', 'uncValue', false],
  ['low', 'uncLow', true],
  ['high', 'uncHigh', true],
  ['min', 'uncMin', true],
  ['mode', 'uncMode', false],
  ['max', 'uncMax', true],
]);

/** The keys of an item in the order an exported file shows them. */
const ITEM_ORDER = ['name', 'amount', 'startMonth', 'rampMonths', 'amountDist', 'probability', 'startWindow', 'shock'];

/** @param {string} tag @param {string} key @param {Record<string, any>} [attrs] */
const label = (tag, key, attrs) => h(tag, { ...attrs, 'data-i18n': key });

/** A number from a scenario as an input's text ('' when absent). @param {unknown} x */
const text = (x) => (x === undefined || x === null ? '' : String(x));

/**
 * The read-only summary of an item's uncertainty, from the scenario's values as text, in
 * parts: e.g. ["90% 24–45", "p 0.9", "6–9月起"]; ["确定"] / ["certain"] when there is none.
 * @param {LedgerItem} item
 * @param {Lang} lang
 * @returns {string[]}
 */
export function summaryParts(item, lang) {
  /** @type {string[]} */
  const parts = [];
  const d = item.amountDist;
  if (d) {
    if (d.type === 'range90') parts.push(tf(lang, 'uncSumRange90', text(d.low), text(d.high)));
    else if (d.type === 'triangular') parts.push(tf(lang, 'uncSumTriangular', text(d.min), text(d.mode), text(d.max)));
    else if (d.type === 'pert') parts.push(tf(lang, 'uncSumPert', text(d.min), text(d.mode), text(d.max)));
    else if (d.type === 'uniform') parts.push(tf(lang, 'uncSumUniform', text(d.min), text(d.max)));
    else if (d.type === 'point') parts.push(tf(lang, 'uncSumPoint', text(d.value)));
  }
  if (item.probability !== undefined) parts.push(tf(lang, 'uncSumProbability', text(item.probability)));
  if (item.startWindow) parts.push(tf(lang, 'uncSumWindow', text(item.startWindow.from), text(item.startWindow.to)));
  if (item.shock) parts.push(tf(lang, 'uncSumShock', item.shock.group, text(item.shock.correlation)));
  return parts.length > 0 ? parts : [t(lang, 'uncCertain')];
}

/**
 * Show the summary of `item` in `el`: its parts joined by " · ", each part kept on one line.
 * @param {Element} el
 * @param {LedgerItem} item
 * @param {Lang} lang
 */
export function renderSummary(el, item, lang) {
  const parts = summaryParts(item, lang);
  const uncertain = isUncertain(item);
  // Unchanged (an amount edit leaves every other summary as it was): the DOM is not touched, so
  // that the browser does not lay out hundreds of rows again after each edit.
  const shown = `${uncertain}\u0000${parts.join('\u0000')}`;
  if (shownSummary.get(el) === shown) return;
  shownSummary.set(el, shown);
  el.replaceChildren(...parts.flatMap((part, k) => [
    k > 0 ? ' · ' : '', h('span', { class: 'gf-unc-part', text: part })]));
  el.classList.toggle('gf-muted', !uncertain);
}

/** What each summary element shows, as {@link renderSummary} drew it. @type {WeakMap<Element, string>} */
const shownSummary = new WeakMap();

/** Whether the item has any uncertainty (any of the fields the Monte Carlo reads). @param {LedgerItem} item */
export function isUncertain(item) {
  return item.amountDist !== undefined || item.probability !== undefined || item.startWindow !== undefined
    || item.shock !== undefined;
}

/**
 * The cell of the item's row: the button that opens the panel, then the summary.
 * @param {number} l
 * @param {number} i
 */
export function uncertaintyCell(l, i) {
  const id = `gf-unc-toggle-${l}-${i}`;
  return h('td', { class: 'gf-unc-cell', 'data-i18n-label': 'colUnc' },
    h('button', {
      type: 'button', class: 'gf-button gf-unc-toggle', id,
      'aria-expanded': 'false', 'aria-controls': `gf-unc-${l}-${i}`,
      'aria-labelledby': `${id} gf-item-${l}-${i}`, 'data-testid': `unc-toggle-${l}-${i}`,
    }, label('span', 'uncEdit'), label('span', 'uncEditWhat', { class: 'gf-visually-hidden' })),
    h('span', { class: 'gf-unc-summary', 'data-testid': `unc-summary-${l}-${i}` }));
}

/**
 * The panel row under the item's row (hidden until its button opens it).
 * @param {number} l ledger index
 * @param {number} i item index
 * @param {LedgerItem} item as loaded
 * @param {string} ledgerName the default name of a new shock group
 * @param {number} colspan columns the panel spans
 * @param {(key: 'amount' | 'startMonth') => string} current the text of the item's amount / start input
 */
export function uncertaintyRow(l, i, item, ledgerName, colspan, current) {
  const base = `ledgers[${l}].items[${i}]`;
  const tid = (/** @type {string} */ name) => `unc-${name}-${l}-${i}`;
  /**
   * A labelled input.
   * @param {string} name test id part
   * @param {string} key label key
   * @param {string} path the field's path as the core names it
   * @param {string} value
   * @param {Record<string, any>} [attrs]
   */
  const field = (name, key, path, value, attrs = {}) => h('label', { class: 'gf-unc-field', 'data-field-name': name },
    label('span', key, { class: 'gf-unc-label' }),
    h('input', {
      type: 'number', step: 'any', inputmode: 'decimal', class: 'gf-input gf-unc-input',
      value, 'data-path': `${base}.${path}`, 'data-testid': tid(name), ...attrs,
    }));

  const d = item.amountDist;
  const kind = d ? d.type : 'none';
  const bounds = /** @type {Record<string, unknown>} */ (d ?? {});
  const kinds = d?.type === 'point' ? [...KINDS, /** @type {const} */ (['point', 'uncKindPoint'])] : KINDS;
  const kindSelect = /** @type {HTMLSelectElement} */ (h('select', { class: 'gf-input gf-unc-select',
    'data-path': `${base}.amountDist.type`, 'data-testid': tid('kind') },
  kinds.map(([value, key]) => label('option', key, { value, selected: value === kind }))));
  /** @param {string} name @param {string} path @param {boolean} checked */
  const checkbox = (name, path, checked) => /** @type {HTMLInputElement} */ (h('input', {
    type: 'checkbox', 'data-path': `${base}.${path}`, 'data-testid': tid(name), checked }));
  // Not fields of the scenario: their paths only serve to mark them when nothing else is named.
  const windowOn = checkbox('window-on', 'startWindow.enabled', Boolean(item.startWindow));
  const shockOn = checkbox('shock-on', 'shock.enabled', Boolean(item.shock));
  const clear = label('button', 'uncClear', { type: 'button', class: 'gf-button', 'data-testid': tid('clear') });
  const close = label('button', 'uncClose', { type: 'button', class: 'gf-button', 'data-testid': tid('close') });
  const titleId = `gf-unc-title-${l}-${i}`;

  const panel = h('div', { class: 'gf-unc', id: `gf-unc-${l}-${i}`, role: 'group', 'aria-labelledby': titleId },
    h('p', { class: 'gf-unc-title', id: titleId }, label('span', 'uncPanelTitle'), ' · ', h('span', { text: item.name })),
    label('p', 'uncPanelHint', { class: 'gf-muted gf-unc-hint' }),
    h('div', { class: 'gf-unc-groups' },
      h('fieldset', { class: 'gf-unc-group gf-unc-group--dist' },
        label('legend', 'uncDistLegend'),
        h('label', { class: 'gf-unc-field' }, label('span', 'uncKind', { class: 'gf-unc-label' }), kindSelect),
        BOUNDS.map(([name, key, ordered]) => field(name, key, `amountDist.${name}`, text(bounds[name]),
          ordered ? { 'data-group-path': `${base}.amountDist` } : {}))),
      h('fieldset', { class: 'gf-unc-group' },
        label('legend', 'uncProbLegend'),
        field('probability', 'uncProb', 'probability', text(item.probability), { min: '0', max: '1', placeholder: '1' })),
      h('fieldset', { class: 'gf-unc-group' },
        label('legend', 'uncWindowLegend'),
        h('label', { class: 'gf-unc-check' }, windowOn, label('span', 'uncWindowOn')),
        field('from', 'uncFrom', 'startWindow.from', text(item.startWindow?.from),
          { min: '1', max: '12', step: '1', inputmode: 'numeric', 'data-group-path': `${base}.startWindow` }),
        field('to', 'uncTo', 'startWindow.to', text(item.startWindow?.to),
          { min: '1', max: '12', step: '1', inputmode: 'numeric', 'data-group-path': `${base}.startWindow` })),
      h('fieldset', { class: 'gf-unc-group' },
        label('legend', 'uncShockLegend'),
        h('label', { class: 'gf-unc-check' }, shockOn, label('span', 'uncShockOn')),
        h('label', { class: 'gf-unc-field', 'data-field-name': 'group' },
          label('span', 'uncGroup', { class: 'gf-unc-label' }),
          h('input', { type: 'text', class: 'gf-input gf-unc-input gf-unc-text', value: item.shock?.group ?? '',
            autocomplete: 'off', 'data-path': `${base}.shock.group`, 'data-testid': tid('group') })),
        field('rho', 'uncRho', 'shock.correlation', text(item.shock?.correlation), { min: '0', max: '1' }))),
    h('div', { class: 'gf-unc-actions' }, clear, close));

  const row = h('tr', { class: 'gf-unc-row', hidden: true, 'data-ledger': l, 'data-item': i },
    h('td', { colspan, class: 'gf-unc-panel-cell' }, panel));

  /** @param {string} name */
  const input = (name) => /** @type {HTMLInputElement} */ (row.querySelector(`[data-testid="${tid(name)}"]`));

  /** Fill the empty fields of what was just turned on with the item's own values (text only). */
  function prefill() {
    for (const name of KIND_FIELDS[kindSelect.value] ?? []) {
      if (input(name).value === '') input(name).value = current('amount');
    }
    if (windowOn.checked) {
      for (const name of ['from', 'to']) if (input(name).value === '') input(name).value = current('startMonth');
    }
    if (shockOn.checked) {
      if (input('group').value.trim() === '') input('group').value = ledgerName;
      if (input('rho').value === '') input('rho').value = '0';
    }
    showFields();
  }

  /** Show the fields of the chosen kind and of the pieces that are on. */
  function showFields() {
    const shown = new Set(KIND_FIELDS[kindSelect.value] ?? []);
    if (windowOn.checked) shown.add('from').add('to');
    if (shockOn.checked) shown.add('group').add('rho');
    shown.add('probability');
    for (const el of row.querySelectorAll('[data-field-name]')) {
      /** @type {HTMLElement} */ (el).hidden = !shown.has(/** @type {string} */ (el.getAttribute('data-field-name')));
    }
  }

  // Before the table's own listener (on an ancestor) recomputes from what the panel shows.
  kindSelect.addEventListener('input', prefill);
  windowOn.addEventListener('input', prefill);
  shockOn.addEventListener('input', prefill);
  clear.addEventListener('click', () => {
    kindSelect.value = 'none';
    input('probability').value = '';
    windowOn.checked = false;
    shockOn.checked = false;
    showFields();
    kindSelect.dispatchEvent(new Event('change', { bubbles: true }));
  });
  close.addEventListener('click', () => setOpen(row, false, true));
  panel.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape') setOpen(row, false, true);
  });
  showFields();
  return row;
}

/**
 * Open or close a panel row and say so on its button.
 * @param {HTMLElement} row
 * @param {boolean} open
 * @param {boolean} [focusButton] move the focus back to the button (closing from inside)
 */
export function setOpen(row, open, focusButton = false) {
  row.hidden = !open;
  const id = row.querySelector('.gf-unc')?.id;
  const button = /** @type {HTMLButtonElement | null} */ (document.querySelector(`[aria-controls="${id}"]`));
  button?.setAttribute('aria-expanded', String(open));
  if (focusButton) button?.focus();
}

/**
 * A panel's controls, found once (the panel's elements never change): read on every edit of any
 * item, searching each panel for them took a third of an edit's time with 500 items.
 * @typedef {{ inputs: Map<string, HTMLInputElement>, kindSelect: HTMLSelectElement,
 *             windowOn: HTMLInputElement, shockOn: HTMLInputElement }} PanelControls
 * @type {WeakMap<HTMLElement, PanelControls>}
 */
const panelControlsOf = new WeakMap();

/** @param {HTMLElement} row a panel row @returns {PanelControls} */
function panelControls(row) {
  let controls = panelControlsOf.get(row);
  if (!controls) {
    const [windowOn, shockOn] = /** @type {HTMLInputElement[]} */ ([...row.querySelectorAll('input[type="checkbox"]')]);
    controls = {
      inputs: new Map([...row.querySelectorAll('[data-field-name]')].map((field) => [
        /** @type {string} */ (field.getAttribute('data-field-name')),
        /** @type {HTMLInputElement} */ (field.querySelector('input'))])),
      kindSelect: /** @type {HTMLSelectElement} */ (row.querySelector('select')),
      windowOn,
      shockOn,
    };
    panelControlsOf.set(row, controls);
  }
  return controls;
}

/**
 * Put what the panel shows into `item` (a draft): the fields of the chosen kind as
 * `amountDist`, and `probability`, `startWindow`, `shock` when set; absent pieces are deleted.
 * A field that holds no number is left out and its path returned.
 * @param {HTMLElement} row the panel row
 * @param {LedgerItem & Record<string, unknown>} item
 * @returns {string[]} paths of the fields that hold no number
 */
export function readUncertainty(row, item) {
  /** @type {string[]} */
  const bad = [];
  const { inputs, kindSelect, windowOn, shockOn } = panelControls(row);
  /** @param {string} name @returns {HTMLInputElement} */
  const input = (name) => /** @type {HTMLInputElement} */ (inputs.get(name));
  /** @param {HTMLInputElement} el */
  const num = (el) => {
    const s = el.value.trim();
    const x = s === '' || el.validity.badInput ? NaN : Number(s);
    if (!Number.isFinite(x)) bad.push(/** @type {string} */ (el.dataset.path));
    return x;
  };
  const kind = kindSelect.value;

  const uncertain = /** @type {Record<string, unknown>} */ ({});
  if (kind !== 'none') {
    /** @type {Record<string, unknown>} */
    const dist = { type: kind };
    for (const name of KIND_FIELDS[kind] ?? []) dist[name] = num(input(name));
    uncertain.amountDist = dist;
  }
  // Blank is "certain" (no field); text the browser could not read as a number is not blank.
  const p = input('probability');
  if (p.value.trim() !== '' || p.validity.badInput) uncertain.probability = num(p);
  if (windowOn.checked) uncertain.startWindow = { from: num(input('from')), to: num(input('to')) };
  if (shockOn.checked) uncertain.shock = { group: input('group').value.trim(), correlation: num(input('rho')) };

  // Rebuild the item in the usual key order; other keys (none today) keep their place after.
  const rest = Object.fromEntries(Object.entries(item).filter(([k]) => !ITEM_ORDER.includes(k)));
  const merged = { ...item, ...uncertain };
  for (const key of Object.keys(item)) delete item[key];
  for (const key of ITEM_ORDER) {
    const isUncertain = key === 'amountDist' || key === 'probability' || key === 'startWindow' || key === 'shock';
    const value = isUncertain ? uncertain[key] : merged[key];
    if (value !== undefined) item[key] = value;
  }
  Object.assign(item, rest);
  return bad;
}
