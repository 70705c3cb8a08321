// @ts-check
/**
 * Start the WASM module. The offline file carries the module as base64 in
 * `<script type="application/octet-stream" id="gf-wasm">` (file:// cannot fetch it);
 * a served page lets the generated glue fetch `pkg/gapcast_bg.wasm` next to itself.
 * @module wasm-loader
 */
import init from './pkg/gapcast.js';

/**
 * Decode base64 text (whitespace allowed) to bytes.
 * @param {string} text
 * @returns {Uint8Array}
 */
export function base64ToBytes(text) {
  const binary = atob(text.replace(/\s+/g, ''));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Initialise the module once, from the embedded bytes when the page has them.
 * @param {Document} doc
 */
export async function loadWasm(doc) {
  const embedded = doc.getElementById('gf-wasm');
  const text = embedded?.textContent?.trim();
  if (text) {
    // Asynchronous compile: Chromium limits synchronous compiles on the main thread.
    await init({ module_or_path: base64ToBytes(text) });
  } else {
    await init();
  }
}
