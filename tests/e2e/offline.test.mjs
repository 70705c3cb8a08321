// Test 3: dist/gapcast.html opened from file:// works with no network: same figures, same edit,
// and no request other than file:, data: and blob: URLs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, openPage, shownNumber, DIST_HTML, ROOT } from './support.mjs';
import * as X from './expected.mjs';

/** @type {import('playwright-core').Browser} */
let browser;

before(async () => {
  // Rebuild the offline file from the current www/ so that the test never checks a stale one.
  if (existsSync(path.join(ROOT, 'www', 'pkg', 'gapcast.js'))) {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'bundle-offline.mjs')], { stdio: 'inherit' });
  }
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('file://: the offline file shows the plan gap and recomputes after an edit', async () => {
  assert.ok(existsSync(DIST_HTML), `${DIST_HTML} exists (bash scripts/build.sh)`);
  const { context, page, errors, requests } = await openPage(browser);
  await page.goto(pathToFileURL(DIST_HTML).href);
  await page.getByTestId('plan-gap').waitFor();

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
  const foreign = requests.filter((url) => !/^(file|data|blob):/.test(url));
  assert.deepEqual(foreign, [], 'only file:, data: and blob: requests');
  await context.close();
});
