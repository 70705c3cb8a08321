// Shared by the e2e tests and scripts/screenshot.mjs: a static server for www/ and a
// headless Chromium from the system (no browser download).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// GAPCAST_WWW serves another folder (e.g. a copy of www/ with a different pkg/); default www/.
export const WWW = process.env.GAPCAST_WWW ? path.resolve(process.env.GAPCAST_WWW) : path.join(ROOT, 'www');
export const DIST_HTML = path.join(ROOT, 'dist', 'gapcast.html');
export const SEED = path.join(ROOT, 'seeds', 'qiantang-2023.json');

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
 * The number shown in an element: "−1,234.56" / "-38.32" / "+79.84" -> number.
 * @param {import('playwright-core').Page} page
 * @param {string} testid
 */
export async function shownNumber(page, testid) {
  const text = await page.getByTestId(testid).textContent();
  return Number(String(text).replace(/[,\s]/g, '').replace('\u2212', '-'));
}
