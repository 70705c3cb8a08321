// Test 1: the page served over http:// shows the seed's plan gap, recomputes it after an edit,
// logs no console error, and requests nothing but its own files on 127.0.0.1.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { useServerAndBrowser, shownNumber, SEED } from './support.mjs';
import * as X from './expected.mjs';

const e2e = useServerAndBrowser();

test('the seed is as the expected figures assume', async () => {
  const seed = JSON.parse(await readFile(SEED, 'utf8'));
  assert.equal(seed.history.start, '2021-02');
  assert.equal(seed.history.janFebCombined, true);
  assert.equal(seed.history.values[8], X.Y2021_JAN_OCT);
  assert.equal(seed.history.values[10], X.Y2021_ANNUAL);
  assert.equal(seed.history.values[19], X.Y2022_JAN_OCT);
  assert.equal(seed.target, X.TARGET);
  const item = seed.ledgers[X.EDIT.ledger].items[X.EDIT.item];
  assert.equal(item.name, '重点企业增产（示例）');
  assert.deepEqual([item.amount, item.startMonth, item.rampMonths], [Number(X.EDIT.from), 1, 0]);
});

test('http: plan gap of the seed, then an edit moves it by exactly 10.00', async () => {
  const { context, page, errors, requests } = await e2e.open();

  // What account() itself gives for the seed, called in the page (the module is already started).
  const core = await page.evaluate(async (seedText) => {
    const m = await import('./pkg/gapcast.js');
    const s = m.account(JSON.parse(seedText));
    return { gap: s.plan.gap, projection: s.plan.projection, reinforcement: s.reinforcement.amount };
  }, await readFile(SEED, 'utf8'));

  const gap = await shownNumber(page, 'plan-gap');
  assert.equal(X.fixed2(gap), X.fixed2(core.gap), 'shown gap = account().plan.gap');
  assert.equal(X.fixed2(gap), X.fixed2(X.GAP), 'shown gap = hand-worked gap (-38.32)');
  assert.equal(X.fixed2(await shownNumber(page, 'plan-projection')), X.fixed2(X.PROJECTION));
  assert.equal(X.fixed2(core.projection), X.fixed2(X.PROJECTION));
  assert.equal(X.fixed2(await shownNumber(page, 'reinforcement-amount')), X.fixed2(X.REINFORCEMENT));
  assert.equal(X.fixed2(await shownNumber(page, 'total-net')), X.fixed2(X.NET));
  assert.match(await page.getByTestId('plan-gap-verdict').textContent() ?? '', /超出/, 'says the target is exceeded');

  const input = page.getByTestId(`amount-${X.EDIT.ledger}-${X.EDIT.item}`);
  assert.equal(await input.inputValue(), X.EDIT.from);
  const shownBefore = await page.getByTestId('plan-gap').textContent();
  await input.fill(X.EDIT.to);
  await page.waitForFunction((before) => document.querySelector('[data-testid="plan-gap"]')?.textContent !== before,
    shownBefore);
  const gapAfter = await shownNumber(page, 'plan-gap');
  assert.equal(X.fixed2(gapAfter - gap), '-10.00', 'the gap decreases by exactly 10.00');
  assert.equal(X.fixed2(gapAfter), X.fixed2(X.GAP_AFTER_EDIT), 'gap after the edit (-48.32)');
  assert.equal(await page.getByTestId('error').textContent(), '', 'no error shown');

  assert.deepEqual(errors, [], 'no console errors');
  const foreign = requests.filter((url) => new URL(url).hostname !== '127.0.0.1');
  assert.deepEqual(foreign, [], 'no request leaves 127.0.0.1');
  assert.ok(requests.some((url) => url.endsWith('/pkg/gapcast_bg.wasm')), 'the wasm came from the server');
  await context.close();
});

test('http: export downloads the current scenario as JSON', async () => {
  const { context, page, errors } = await e2e.open({ acceptDownloads: true });
  await page.getByTestId(`amount-${X.EDIT.ledger}-${X.EDIT.item}`).fill(X.EDIT.to);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-button').click()]);
  assert.match(download.suggestedFilename(), /\.json$/);
  const path = await download.path();
  const saved = JSON.parse(await readFile(path, 'utf8'));
  const seed = JSON.parse(await readFile(SEED, 'utf8'));
  seed.ledgers[X.EDIT.ledger].items[X.EDIT.item].amount = Number(X.EDIT.to);
  assert.deepEqual(saved, seed, 'the export is the seed with the edit');
  assert.deepEqual(errors, []);
  await context.close();
});
