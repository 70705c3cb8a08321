// Shared by the e2e tests and scripts/screenshot.mjs: a static server for www/, a headless
// Chromium from the system (no browser download), the before/after hooks that start and stop
// them, and the native CLI as an independent source of expected figures.
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// GAPCAST_WWW serves another folder (e.g. a copy of www/ with a different pkg/); default www/.
export const WWW = process.env.GAPCAST_WWW ? path.resolve(process.env.GAPCAST_WWW) : path.join(ROOT, 'www');
export const DIST_HTML = path.join(ROOT, 'dist', 'gapcast.html');
export const SEED = path.join(ROOT, 'seeds', 'qiantang-2023.json');
export const SEED_Q1 = path.join(ROOT, 'seeds', 'qiantang-2023-q1.json');

/**
 * Serve `dir` with python3's http.server on a free port of 127.0.0.1.
 * @param {string} [dir]
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}
 */
export function serve(dir = WWW) {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', ['-u', '-m', 'http.server', '0', '--bind', '127.0.0.1', '--directory', dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`http.server did not start: ${out}`));
    }, 15000);
    const onData = (/** @type {Buffer} */ chunk) => {
      out += chunk.toString();
      const m = /Serving HTTP on 127\.0\.0\.1 port (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        child.stdout.resume();
        child.stderr.resume();
        const port = Number(m[1]);
        resolve({
          url: `http://127.0.0.1:${port}/`,
          port,
          close: () => new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill();
          }),
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => { out += chunk.toString(); });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`http.server exited (${code}): ${out}`));
    });
  });
}

/** Headless Chromium from /usr/bin/chromium, with nothing that phones home. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    chromiumSandbox: false, // we run as root
    args: ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

/**
 * A page that records console errors, page errors and every request URL.
 * @param {import('playwright-core').Browser} browser
 * @param {import('playwright-core').BrowserContextOptions} [options]
 */
export async function openPage(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  /** @type {string[]} */
  const errors = [];
  /** @type {string[]} */
  const requests = [];
  page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
  page.on('pageerror', (err) => errors.push(String(err)));
  page.on('request', (req) => requests.push(req.url()));
  return { context, page, errors, requests };
}

/**
 * The first number in a text: "−1,234.56" / "-38.32" / "+79.84" / "3,637.43 亿元" -> number
 * (NaN when there is none).
 * @param {string | null | undefined} text
 */
export function numberIn(text) {
  const m = /[-+\u2212]?\d[\d,]*(?:\.\d+)?/.exec(String(text ?? ''));
  return m ? Number(m[0].replace(/,/g, '').replace('\u2212', '-')) : NaN;
}

/**
 * The number shown in an element (its first number; a unit after it is ignored).
 * @param {import('playwright-core').Page} page
 * @param {string} testid
 */
export async function shownNumber(page, testid) {
  return numberIn(await page.getByTestId(testid).textContent());
}

/**
 * @typedef {object} E2EContext
 * @property {Awaited<ReturnType<typeof serve>> | null} server null when started with `{ server: false }`
 * @property {import('playwright-core').Browser} browser
 * @property {(options?: import('playwright-core').BrowserContextOptions, url?: string) =>
 *   ReturnType<typeof openPage>} open a fresh page at `url` (default: the server), once the figures show
 */

/**
 * Register the `before`/`after` hooks of a test file: start the static server (unless
 * `server: false`) and the browser before the tests, stop both after them. The returned
 * context is filled in by the time the tests run.
 * @param {{ server?: boolean, setup?: () => void | Promise<void> }} [options]
 *   `setup` runs first in `before` (e.g. rebuild the offline file)
 * @returns {E2EContext}
 */
export function useServerAndBrowser({ server: wantServer = true, setup } = {}) {
  /** @type {E2EContext} */
  const ctx = {
    server: null,
    browser: /** @type {any} */ (null),
    async open(options = {}, url) {
      const target = url ?? ctx.server?.url;
      if (!target) throw new Error('open(): no URL and no server');
      const opened = await openPage(ctx.browser, options);
      await opened.page.goto(target);
      await opened.page.getByTestId('plan-gap').waitFor();
      return opened;
    },
  };
  before(async () => {
    if (setup) await setup();
    if (wantServer) ctx.server = await serve();
    ctx.browser = await launch();
  });
  after(async () => {
    await ctx.browser?.close();
    await ctx.server?.close();
  });
  return ctx;
}

/**
 * Choose an estimate method in the page's menu and wait until the results say it was used.
 * @param {import('playwright-core').Page} page
 * @param {string} method
 */
export async function chooseMethod(page, method) {
  await page.getByTestId('method-select').selectOption(method);
  await page.waitForFunction((m) => {
    const shown = document.querySelectorAll('[data-testid="base-method"], [data-testid="in-method"]');
    return shown.length > 0 && [...shown].every((el) => el.getAttribute('data-requested') === m);
  }, method);
}

/**
 * The native CLI's account of a scenario (`cargo run --release -q -- account FILE --json`):
 * figures worked out without the WASM module or the page.
 * @param {object} scenario
 * @returns {Promise<any>} the AccountSummary as JSON
 */
export async function cliAccount(scenario) {
  const dir = await mkdtemp(path.join(tmpdir(), 'gapcast-e2e-'));
  try {
    const file = path.join(dir, 'scenario.json');
    await writeFile(file, JSON.stringify(scenario));
    const cargoBin = path.join(process.env.CARGO_HOME ?? path.join(process.env.HOME ?? '', '.cargo'), 'bin');
    const stdout = await new Promise((resolve, reject) => {
      execFile('cargo', ['run', '--release', '-q', '--', 'account', file, '--json'], {
        cwd: ROOT, maxBuffer: 64 << 20, timeout: 15 * 60 * 1000,
        env: { ...process.env, PATH: `${cargoBin}${path.delimiter}${process.env.PATH ?? ''}` },
      }, (error, out, err) => (error ? reject(new Error(`cargo run failed: ${error.message}\n${err}`)) : resolve(out)));
    });
    return JSON.parse(/** @type {string} */ (stdout));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The native CLI's Monte Carlo of a scenario file
 * (`cargo run --release -q -- simulate FILE --runs N --seed S --json`).
 * @param {string} file
 * @param {{ runs: number, seed: number }} options
 * @returns {Promise<any>} the simulation summary as JSON
 */
export async function cliSimulate(file, { runs, seed }) {
  const cargoBin = path.join(process.env.CARGO_HOME ?? path.join(process.env.HOME ?? '', '.cargo'), 'bin');
  const stdout = await new Promise((resolve, reject) => {
    execFile('cargo', ['run', '--release', '-q', '--', 'simulate', file, '--runs', String(runs), '--seed', String(seed), '--json'], {
      cwd: ROOT, maxBuffer: 64 << 20, timeout: 15 * 60 * 1000,
      env: { ...process.env, PATH: `${cargoBin}${path.delimiter}${process.env.PATH ?? ''}` },
    }, (error, out, err) => (error ? reject(new Error(`cargo run failed: ${error.message}\n${err}`)) : resolve(out)));
  });
  return JSON.parse(/** @type {string} */ (stdout));
}

/**
 * A seed file with `rules.estimateMethod` set.
 * @param {string} file
 * @param {string} method
 */
export async function seedWithMethod(file, method) {
  const scenario = JSON.parse(await readFile(file, 'utf8'));
  scenario.rules = { ...(scenario.rules ?? {}), estimateMethod: method };
  return scenario;
}
