// Write dist/gapcast.html: ONE self-contained page that works from file:// with no network.
//   - CSS inlined in <style>;
//   - www/main.js and its imports (incl. www/pkg/gapcast.js) bundled by esbuild into one inline
//     <script type="module"> (Chromium refuses module scripts and fetch from file://);
//   - the WASM as base64 in <script type="application/octet-stream" id="gf-wasm">;
//   - the Monte Carlo worker (www/sim-worker.js and the glue, bundled as a classic script) as text
//     in <script type="text/x-gapcast-worker" id="gf-worker">, started from a blob: URL;
//   - seeds/qiantang-2023.json in <script type="application/json" id="gf-scenario">.
// Run after the WASM build (bash scripts/build.sh runs it): node scripts/bundle-offline.mjs
//   [--out FILE]  write there instead of dist/gapcast.html (a test's own copy)
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WWW = path.join(ROOT, 'www');
const PKG = path.join(WWW, 'pkg');
const SEED = path.join(ROOT, 'seeds', 'qiantang-2023.json');
const { values: args } = parseArgs({ options: { out: { type: 'string' } } });
const OUT = args.out ? path.resolve(args.out) : path.join(ROOT, 'dist', 'gapcast.html');

/** @param {string} message */
function fail(message) {
  console.error(`bundle-offline: ${message}`);
  process.exit(1);
}

for (const file of [path.join(PKG, 'gapcast.js'), path.join(PKG, 'gapcast_bg.wasm'), SEED]) {
  if (!existsSync(file)) fail(`missing ${path.relative(ROOT, file)} (run bash scripts/build.sh first)`);
}

/**
 * Put `replacement` where `marker` is in `html`; the marker must be there exactly once.
 * @param {string} html
 * @param {string} marker
 * @param {string} replacement
 */
function replaceOnce(html, marker, replacement) {
  const at = html.indexOf(marker);
  if (at < 0 || html.indexOf(marker, at + 1) >= 0) fail(`www/index.html must contain ${marker} exactly once`);
  return html.slice(0, at) + replacement + html.slice(at + marker.length);
}

/** Text safe inside a <script> element: no "</script" and no "<!--". */
function scriptSafeJs(/** @type {string} */ js) {
  // "<\/" means "</" inside JS strings, template literals and regular expressions alike.
  const out = js.replace(/<\/(script)/gi, '<\\/$1');
  if (out.includes('<!--')) fail('the bundled JS contains "<!--", which would break the inline <script>');
  return out;
}

/** JSON text safe inside a <script> element ("<" only occurs inside JSON strings). */
function scriptSafeJson(/** @type {string} */ json) {
  return json.replace(/<\//g, '<\\/').replace(/<!--/g, '<\\u0021--');
}

const [html, css, wasm, seedText] = await Promise.all([
  readFile(path.join(WWW, 'index.html'), 'utf8'),
  readFile(path.join(WWW, 'style.css'), 'utf8'),
  readFile(path.join(PKG, 'gapcast_bg.wasm')),
  readFile(SEED, 'utf8'),
]);

/**
 * One minified script of `entry` and everything it imports, as text.
 * @param {string} entry a file in www/
 * @param {import('esbuild').BuildOptions} options
 */
async function bundleScript(entry, options) {
  const out = await esbuild.build({
    entryPoints: [path.join(WWW, entry)], bundle: true, platform: 'browser', target: 'es2022', minify: true,
    charset: 'utf8', legalComments: 'none', write: false, logLevel: 'warning', ...options,
  });
  return out.outputFiles[0].text;
}

const js = await bundleScript('main.js', { format: 'esm' });
// The worker runs as a classic script from a blob: URL. The glue names import.meta.url only to find
// the .wasm when it is given no module, and the worker always gives it one.
const worker = await bundleScript('sim-worker.js', { format: 'iife', define: { 'import.meta.url': 'self.location.href' } });
const cssMin = await esbuild.transform(css, { loader: 'css', minify: true, charset: 'utf8' });

// Re-serialise the seed so that a syntax error in it stops the build here, not in the page.
const seed = JSON.stringify(JSON.parse(seedText), null, 1);

let page = html;
page = replaceOnce(page, '<link rel="stylesheet" href="style.css">',
  `<style>\n${cssMin.code.replace(/<\/(style)/gi, '<\\/$1')}</style>`);
page = replaceOnce(page, '<script type="module" src="main.js"></script>', [
  `<script type="application/json" id="gf-scenario">${scriptSafeJson(seed)}</script>`,
  `<script type="application/octet-stream" id="gf-wasm">${wasm.toString('base64')}</script>`,
  `<script type="text/x-gapcast-worker" id="gf-worker">${scriptSafeJs(worker)}</script>`,
  `<script type="module">\n${scriptSafeJs(js)}</script>`,
].join('\n  '));

await mkdir(path.dirname(OUT), { recursive: true });
await writeFile(OUT, page);
const size = (await stat(OUT)).size;
const kb = (/** @type {number} */ n) => `${(n / 1024).toFixed(1)} KiB`;
console.log(`wrote ${path.relative(ROOT, OUT)}: ${size} bytes (${kb(size)}; ${kb(gzipSync(page).length)} gzip); `
  + `wasm ${kb(wasm.length)}, js ${kb(Buffer.byteLength(js))}, worker js ${kb(Buffer.byteLength(worker))}`);
