// Test 6: the full-year estimate method (rules.estimateMethod). The menu shows the scenario's method
// ("auto" when it names none); the base-year card and the in-year block say which method was used
// (auto resolved), its model and the 80% range; choosing a method recomputes through account(),
// and the in-year estimate for ETS equals what the native CLI gives for the same scenario.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { useServerAndBrowser, shownNumber, numberIn, chooseMethod, cliAccount, seedWithMethod, SEED, SEED_Q1 }
  from './support.mjs';
import * as X from './expected.mjs';

const e2e = useServerAndBrowser();

/**
 * account() for a scenario, called in the page (the module is already started).
 * @param {import('playwright-core').Page} page
 * @param {object} scenario
 */
function pageAccount(page, scenario) {
  return page.evaluate(async (s) => (await import('./pkg/gapcast.js')).account(s), scenario);
}

/** "3,408.31–3,719.29" or "3,408.31–3,719.29 亿元" -> [3408.31, 3719.29]. @param {string | null} text */
function shownRange(text) {
  const parts = String(text).split('–');
  assert.equal(parts.length, 2, `a range: ${text}`);
  return parts.map(numberIn);
}

test('seed: the menu shows auto and the base card says auto chose the seasonal share', async () => {
  const { context, page, errors } = await e2e.open({ acceptDownloads: true });
  const seed = JSON.parse(await readFile(SEED, 'utf8'));
  assert.equal(seed.rules.estimateMethod, undefined, 'the seed names no method');
  const core = await pageAccount(page, seed);
  assert.deepEqual([core.base.forecast.requested, core.base.forecast.method], ['auto', 'pace']);

  const select = page.getByTestId('method-select');
  assert.equal(await select.inputValue(), 'auto');
  assert.equal(await select.locator('option:checked').textContent(), '自动选择');
  const method = page.getByTestId('base-method');
  assert.equal(await method.textContent(), '预估方法：自动选择 → 季节进度法');
  assert.equal(await method.getAttribute('data-requested'), 'auto');
  assert.equal(await method.getAttribute('data-method'), 'pace');
  assert.equal(await page.getByTestId('base-model').textContent(), core.base.forecast.model);
  const range = shownRange(await page.getByTestId('base-range').textContent());
  assert.deepEqual(range.map(X.fixed2), [core.base.forecast.p10, core.base.forecast.p90].map(X.fixed2));
  // The pace method made the estimate, so the seasonal-share line says how.
  assert.equal(await page.getByTestId('pace-basis').getAttribute('data-role'), 'basis');
  assert.match(await page.getByTestId('pace-basis').textContent() ?? '', /^按季节进度推算：往年1–10月通常完成全年的 82\.7%$/);
  assert.equal(X.fixed2(await shownNumber(page, 'base-estimate')), X.fixed2(X.BASE_ESTIMATE), 'still the hand-worked pace');
  assert.match(await page.getByTestId('notices').textContent() ?? '', /自动方法采用季节进度法/);
  assert.equal(await page.locator('[data-testid="notices"] li[data-code="forecast.autoTooShort"]').count(), 1);

  await page.getByTestId('lang-en').click();
  assert.equal(await page.locator('.gf-method-control > span').textContent(), 'Full-year estimate method');
  assert.equal(await select.locator('option:checked').textContent(), 'Auto');
  assert.equal(await method.textContent(), 'Estimate method: Auto → Seasonal share (pace)');
  await page.getByTestId('lang-zh').click();
  assert.equal(await page.locator('.gf-method-control > span').textContent(), '全年预估方法');

  // ETS for the base year: the estimate and the gap follow account(); the seasonal share stays
  // only as a labelled reference.
  const withEts = await pageAccount(page, { ...seed, rules: { ...seed.rules, estimateMethod: 'ets' } });
  await chooseMethod(page, 'ets');
  assert.equal(await method.textContent(), '预估方法：ETS 指数平滑');
  assert.equal(await method.getAttribute('data-method'), 'ets');
  assert.equal(await page.getByTestId('base-model').textContent(), withEts.base.forecast.model);
  assert.equal(X.fixed2(await shownNumber(page, 'base-estimate')), X.fixed2(withEts.base.estimate));
  assert.equal(X.fixed2(await shownNumber(page, 'plan-gap')), X.fixed2(withEts.plan.gap));
  assert.notEqual(X.fixed2(withEts.plan.gap), X.fixed2(X.GAP), 'ETS gives another gap than pace');
  assert.equal(await page.getByTestId('pace-basis').getAttribute('data-role'), 'reference');
  assert.match(await page.getByTestId('pace-basis').textContent() ?? '', /^参考：往年1–10月通常完成全年的 82\.7%$/);

  // The export carries the choice; back to auto restores the hand-worked figures.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-button').click()]);
  const saved = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.deepEqual(saved, { ...seed, rules: { ...seed.rules, estimateMethod: 'ets' } });
  await chooseMethod(page, 'auto');
  assert.equal(X.fixed2(await shownNumber(page, 'plan-gap')), X.fixed2(X.GAP));
  assert.equal(await page.getByTestId('error').textContent(), '');
  assert.deepEqual(errors, [], 'no console errors');
  await context.close();
});

test('2023 Q1: choosing ETS gives the native CLI in-year estimate', async () => {
  // Independent of the page and of the WASM module: the native build on a copy of the seed.
  const expected = await cliAccount(await seedWithMethod(SEED_Q1, 'ets'));
  assert.equal(expected.inYear.forecast.method, 'ets');

  const { context, page, errors } = await e2e.open();
  await page.getByTestId('examples-select').selectOption('qiantang-2023-q1');
  await page.getByTestId('in-year').waitFor();
  assert.equal(await page.getByTestId('method-select').inputValue(), 'auto');
  assert.equal(await page.getByTestId('base-method').count(), 0, 'the base year is complete: no forecast');
  assert.equal(await page.getByTestId('in-method').textContent(), '自动选择 → 季节进度法');
  const autoShown = await page.getByTestId('in-estimate').textContent();

  await chooseMethod(page, 'ets');
  assert.notEqual(await page.getByTestId('in-estimate').textContent(), autoShown, 'the in-year estimate changes');
  assert.equal(X.fixed2(await shownNumber(page, 'in-estimate')), X.fixed2(expected.inYear.estimate),
    'shown in-year estimate = CLI inYear.estimate');
  assert.equal(await page.getByTestId('in-method').textContent(), 'ETS 指数平滑');
  assert.equal(await page.getByTestId('in-model').textContent(), expected.inYear.forecast.model);
  const range = shownRange(await page.getByTestId('in-range').textContent());
  assert.deepEqual(range.map(X.fixed2), [expected.inYear.forecast.p10, expected.inYear.forecast.p90].map(X.fixed2));
  assert.equal(X.fixed2(await shownNumber(page, 'in-gap')), X.fixed2(expected.inYear.gap));

  // Another example brings its own method (none: auto).
  await page.getByTestId('examples-select').selectOption('qiantang-2023');
  await page.waitForFunction(() => !document.querySelector('[data-testid="in-year"]'));
  assert.equal(await page.getByTestId('method-select').inputValue(), 'auto');
  assert.equal(await page.getByTestId('base-method').getAttribute('data-method'), 'pace');
  assert.deepEqual(errors, [], 'no console errors');
  await context.close();
});

test('a method chosen while a ledger cell is bad waits for the cell, like any edit', async () => {
  const { context, page, errors } = await e2e.open();
  const seed = JSON.parse(await readFile(SEED, 'utf8'));
  const amount = page.getByTestId(`amount-${X.EDIT.ledger}-${X.EDIT.item}`);
  const before = await page.getByTestId('base-estimate').textContent();
  await amount.fill('-5');
  await page.waitForFunction(() => (document.querySelector('[data-testid="error"]')?.textContent ?? '') !== '');

  await page.getByTestId('method-select').selectOption('ets');
  assert.notEqual(await page.getByTestId('error').textContent(), '', 'the error stays');
  assert.equal(await page.getByTestId('base-estimate').textContent(), before, 'the last good results stay');
  assert.equal(await page.getByTestId('base-method').getAttribute('data-method'), 'pace');

  await amount.fill(X.EDIT.to);
  await page.waitForFunction(() => document.querySelector('[data-testid="base-method"]')?.getAttribute('data-method') === 'ets');
  assert.equal(await page.getByTestId('error').textContent(), '');
  const edited = structuredClone(seed);
  edited.rules.estimateMethod = 'ets';
  edited.ledgers[X.EDIT.ledger].items[X.EDIT.item].amount = Number(X.EDIT.to);
  const core = await pageAccount(page, edited);
  assert.equal(X.fixed2(await shownNumber(page, 'plan-gap')), X.fixed2(core.plan.gap), 'both the edit and ETS apply');
  assert.deepEqual(errors, [], 'no console errors');
  await context.close();
});
