// @ts-check
/**
 * A tiny element builder. Strings become text nodes, so user text (titles, names, notes,
 * messages) is never parsed as HTML.
 * @module dom
 */

/**
 * @typedef {Node | string | null | undefined | false} Child
 */

/**
 * Create an element.
 * `attrs`: `class`, `dataset` (object), `text`, any attribute (string/number/boolean), or `on<event>` handlers.
 * @param {string} tag
 * @param {Record<string, any> | null} [attrs]
 * @param {...(Child | Child[])} children
 * @returns {HTMLElement}
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') el.className = String(value);
    else if (key === 'text') el.textContent = String(value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

/**
 * @param {Node} parent
 * @param {(Child | Child[])[]} children
 */
function append(parent, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/**
 * Replace all children of `el`.
 * @param {Element} el
 * @param {...(Child | Child[])} children
 */
export function replaceChildren(el, ...children) {
  el.replaceChildren();
  append(el, children);
}
