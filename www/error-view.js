// @ts-check
/**
 * The error area (role="alert"). Messages come from the core in both languages
 * (`error.message` is English, `error.zh` Chinese, `error.problems` lists every problem);
 * the page adds only the heading that says what was kept.
 * @module error-view
 */
import { h, replaceChildren } from './dom.js';
import { t, tf } from './i18n.js';

/** @typedef {import('./api-types.js').CoreError} CoreError */
/** @typedef {import('./api-types.js').Problem} Problem */
/** @typedef {import('./i18n.js').Lang} Lang */

/**
 * What went wrong, kept in the page state so it can be redrawn in the other language.
 * @typedef {{ kind: 'core', source: 'edit' | 'import' | 'example' | 'initial' | 'simulate', error: CoreError, file?: string }
 *   | { kind: 'input', paths: string[] }
 *   | { kind: 'file', file: string }
 *   | { kind: 'fatal', error: unknown }} ErrorState
 */

/**
 * The problems of a core error (an error without a list counts as one problem).
 * @param {CoreError} error
 * @returns {Problem[]}
 */
export function problemsOf(error) {
  if (Array.isArray(error?.problems) && error.problems.length > 0) return error.problems;
  return [{ code: String(error?.name ?? 'error'), path: '', en: String(error?.message ?? error), zh: String(error?.zh ?? error?.message ?? error) }];
}

/**
 * Draw `state` into `root`; an empty area when there is no error.
 * @param {HTMLElement} root
 * @param {ErrorState | null} state
 * @param {Lang} lang
 */
export function renderError(root, state, lang) {
  if (!state) {
    root.replaceChildren();
    return;
  }
  if (state.kind === 'input') {
    replaceChildren(root, h('div', { class: 'gf-error-box' },
      h('p', { class: 'gf-error-title', text: t(lang, 'errorTitle') }),
      h('ul', { class: 'gf-error-list' }, state.paths.map((p) => problemItem(lang, '', p, t(lang, 'notANumber'))))));
    return;
  }
  if (state.kind === 'file') {
    replaceChildren(root, h('div', { class: 'gf-error-box', 'data-code': 'file.encoding' },
      h('p', { class: 'gf-error-title', text: tf(lang, 'importErrorTitle', state.file) }),
      h('p', { text: t(lang, 'fileNotText') })));
    return;
  }
  if (state.kind === 'fatal') {
    const e = /** @type {CoreError} */ (state.error);
    replaceChildren(root, h('div', { class: 'gf-error-box' },
      h('p', { class: 'gf-error-title', text: t(lang, 'fatalTitle') }),
      h('p', { text: String((lang === 'zh' && e?.zh) || e?.message || e) })));
    return;
  }
  const e = state.error;
  const title = state.source === 'import' ? tf(lang, 'importErrorTitle', state.file ?? '')
    : state.source === 'example' ? t(lang, 'exampleErrorTitle')
      : state.source === 'simulate' ? t(lang, 'simErrorTitle')
        : t(lang, 'errorTitle');
  const problems = problemsOf(e);
  const summary = lang === 'zh' ? (e.zh ?? e.message) : e.message;
  const single = problems.length === 1 && (lang === 'zh' ? problems[0].zh : problems[0].en) === summary;
  replaceChildren(root, h('div', { class: 'gf-error-box', 'data-code': e.name },
    h('p', { class: 'gf-error-title', text: title }),
    single ? null : h('p', { class: 'gf-error-summary' },
      h('code', { class: 'gf-error-code', title: t(lang, 'errorCode'), text: e.name }), ' ', summary),
    h('ul', { class: 'gf-error-list' },
      problems.map((p) => problemItem(lang, p.code, p.path, lang === 'zh' ? p.zh : p.en)))));
}

/**
 * One problem: the message first, then its code and path (small, for support and for the tests).
 * @param {Lang} lang
 * @param {string} code
 * @param {string} path
 * @param {string} message
 */
function problemItem(lang, code, path, message) {
  return h('li', { 'data-code': code || null, 'data-path': path || null },
    h('span', { class: 'gf-error-message', text: message }),
    code || path ? ' ' : null,
    code || path ? h('span', { class: 'gf-error-where', title: t(lang, 'errorCode') },
      code ? h('code', { class: 'gf-error-code', text: code }) : null,
      code && path ? ' ' : null,
      path ? h('span', { class: 'gf-error-path', text: path }) : null) : null);
}
