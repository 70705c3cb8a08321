// @ts-check
/**
 * Start the WASM module. The offline file carries the module as base64 in
 * `<script type="application/octet-stream" id="gf-wasm">` (file:// cannot fetch it);
 * a served page fetches `pkg/gapcast_bg.wasm`.
 * @module wasm-loader
 */
import init from './pkg/gapcast.js';

/**
 * Decode base64 text (whitespace allowed) to bytes.
 * @param {string} text
 * @returns {Uint8Array<ArrayBuffer>}
 */
export function base64ToBytes(text) {
  const binary = atob(text.replace(/\s+/g, ''));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Compile the module (from the embedded bytes when the page has them, else `pkg/gapcast_bg.wasm`
 * next to this file) and initialise the glue with it, once. The compiled module is returned for
 * the Monte Carlo worker, which instantiates the same module (see sim-runner.js).
 * @param {Document} doc
 * @returns {Promise<WebAssembly.Module>}
 */
export async function loadWasm(doc) {
  const embedded = doc.getElementById('gf-wasm');
  const text = embedded?.textContent?.trim();
  let bytes;
  if (text) {
    bytes = base64ToBytes(text);
  } else {
    const url = new URL('./pkg/gapcast_bg.wasm', import.meta.url);
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    bytes = await response.arrayBuffer();
  }
  // Asynchronous compile: Chromium limits synchronous compiles on the main thread.
  const module = await WebAssembly.compile(bytes);
  await init({ module_or_path: module });
  return module;
}
