// Test 3: dist/gapcast.html opened from file:// works with no network: same figures, same edit,
// the same choice of estimate method, and no request other than file:, data: and blob: URLs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { useServerAndBrowser, shownNumber, chooseMethod, cliAccount, cliSimulate, numberIn, seedWithMethod, DIST_HTML, ROOT,
  SEED, SEED_Q1 } from './support.mjs';
import * as X from './expected.mjs';

const e2e = useServerAndBrowser({
  server: false,
  setup() {
    // Rebuild the offline file from the current www/ so that the test never checks a stale one.
    if (existsSync(path.join(ROOT, 'www', 'pkg', 'gapcast.js'))) {
      execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'bundle-offline.mjs')], { stdio: 'inherit' });
    }
  },
});

/** @param {import('playwright-core').BrowserContextOptions} [options] */
function openOffline(options) {
  assert.ok(existsSync(DIST_HTML), `${DIST_HTML} exists (bash scripts/build.sh)`);
  return e2e.open(options, pathToFileURL(DIST_HTML).href);
}

/** @param {string[]} requests */
function foreignRequests(requests) {
  return requests.filter((url) => !/^(file|data|blob):/.test(url));
}

test('file://: the offline file shows the plan gap and recomputes after an edit', async () => {
  const { context, page, errors, requests } = await openOffline();

  const gap = await shownNumber(page, 'plan-gap');
  assert.equal(X.fixed2(gap), X.fixed2(X.GAP), 'shown gap = hand-worked gap (-38.32)');
  assert.equal(X.fixed2(await shownNumber(page, 'plan-projection')), X.fixed2(X.PROJECTION));
  assert.equal(X.fixed2(await shownNumber(page, 'reinforcement-amount')), X.fixed2(X.REINFORCEMENT));

  const shownBefore = await page.getByTestId('plan-gap').textContent();
  await page.getByTestId(`amount-${X.EDIT.ledger}-${X.EDIT.item}`).fill(X.EDIT.to);
  await page.waitForFunction((before) => document.querySelector('[data-testid="plan-gap"]')?.textContent !== before,
    shownBefore);
  const gapAfter = await shownNumber(page, 'plan-gap');
  assert.equal(X.fixed2(gapAfter - gap), '-10.00', 'the gap decreases by exactly 10.00');
  assert.equal(X.fixed2(gapAfter), X.fixed2(X.GAP_AFTER_EDIT));

  // The examples menu works offline too (the seeds are inside the WASM module).
  assert.ok(await page.getByTestId('examples-select').locator('option[value="qiantang-2023"]').count() === 1);

  assert.deepEqual(errors, [], 'no console errors');
  assert.deepEqual(foreignRequests(requests), [], 'only file:, data: and blob: requests');
  await context.close();
});

test('file://: choosing ETS for the 2023 Q1 example gives the native CLI in-year estimate', async () => {
  // Independent of the page and of the WASM module: the native build on a copy of the seed.
  const expected = await cliAccount(await seedWithMethod(SEED_Q1, 'ets'));
  assert.equal(expected.inYear.forecast.method, 'ets');

  const { context, page, errors, requests } = await openOffline();
  assert.equal(await page.getByTestId('method-select').inputValue(), 'auto');
  await page.getByTestId('examples-select').selectOption('qiantang-2023-q1');
  await page.getByTestId('in-year').waitFor();
  const autoShown = await page.getByTestId('in-estimate').textContent();

  await chooseMethod(page, 'ets');
  assert.notEqual(await page.getByTestId('in-estimate').textContent(), autoShown, 'the in-year estimate changes');
  assert.equal(X.fixed2(await shownNumber(page, 'in-estimate')), X.fixed2(expected.inYear.estimate),
    'shown in-year estimate = CLI inYear.estimate');
  assert.equal(await page.getByTestId('in-method').getAttribute('data-method'), 'ets');
  assert.equal(await page.getByTestId('in-model').textContent(), expected.inYear.forecast.model);

  assert.deepEqual(errors, [], 'no console errors');
  assert.deepEqual(foreignRequests(requests), [], 'only file:, data: and blob: requests');
  await context.close();
});

test('file://: the Monte Carlo runs in a worker started from the file itself, with the CLI figures', async () => {
  const cli = await cliSimulate(SEED, { runs: 10000, seed: 1 });
  const { context, page, errors, requests } = await openOffline();
  await page.getByTestId('sim-run').click();
  await page.waitForFunction(() => (document.querySelector('[data-testid="sim-result"]')?.innerHTML ?? '') !== '');
  assert.equal(await page.getByTestId('sim-result').getAttribute('data-runner'), 'worker');
  assert.equal(await page.getByTestId('sim-error').textContent(), '');
  assert.equal(numberIn(await page.getByTestId('sim-meet').textContent()).toFixed(1), (cli.meet.p * 100).toFixed(1));
  assert.equal(numberIn(await page.getByTestId('sim-p50').textContent()), Number(cli.total.p50.toFixed(2)));
  assert.deepEqual(errors, [], 'no console errors');
  assert.deepEqual(foreignRequests(requests), [], 'only file:, data: and blob: requests');
  await context.close();
});
