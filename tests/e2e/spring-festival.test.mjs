// Test: the Spring Festival adjustment (rules.springFestival). The checkbox shows the scenario's
// rule (off for the seed); ticking it recomputes through account(): on a monthly series with a
// known festival effect (tests/data/spring-festival-monthly.json, β = −0.25) the in-year estimate
// changes to what the native CLI gives for the same scenario with the rule, and the estimated
// effect and its standard error are shown as the core gives them; on the seed (January–February
// combined, the window never reaching March in 2021–2022) the core says why it was skipped.
// Unticking restores the scenario as imported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { useServerAndBrowser, shownNumber, cliAccount, ROOT, SEED } from './support.mjs';
import * as X from './expected.mjs';

const e2e = useServerAndBrowser();
const MONTHLY = path.join(ROOT, 'tests', 'data', 'spring-festival-monthly.json');

/**
 * Tick or untick the checkbox and wait for the recomputed page: the effect, or the core's
 * notice of why there is none, appears (on) or goes (off).
 * @param {import('playwright-core').Page} page
 * @param {boolean} on
 */
async function toggle(page, on) {
  const box = page.getByTestId('festival-toggle');
  if (on) await box.check(); else await box.uncheck();
  await page.waitForFunction((want) => (document.querySelector(
    '[data-testid="in-festival"], [data-testid="base-festival"], [data-testid="notices"] li[data-code^="springFestival."]',
  ) !== null) === want, on);
}

test('monthly series: ticking the checkbox gives the CLI estimate with the festival and shows its effect', async () => {
  const text = await readFile(MONTHLY, 'utf8');
  const scenario = JSON.parse(text);
  const withRule = structuredClone(scenario);
  withRule.rules = { ...withRule.rules, springFestival: { enabled: true } };
  // independent of the page and the WASM module: the native build on the same scenario
  const expected = await cliAccount(withRule);
  const effect = expected.inYear.forecast.springFestival;
  assert.ok(effect, 'the CLI estimates the effect');
  const plain = await cliAccount(scenario);

  const { context, page, errors } = await e2e.open({ acceptDownloads: true });
  await page.getByTestId('import-input').setInputFiles({ name: 'monthly.json', mimeType: 'application/json',
    buffer: Buffer.from(text) });
  await page.waitForFunction((title) => document.querySelector('[data-testid="title"]')?.textContent === title, scenario.title);
  await page.getByTestId('in-year').waitFor();
  // the file's one item leaves out rampMonths: the cell shows the core's default, so that the
  // recomputation below (which reads every cell) does not stop at an empty one
  assert.equal(await page.getByTestId('ramp-0-0').inputValue(), '0');
  const box = page.getByTestId('festival-toggle');
  assert.equal(await box.isChecked(), false, 'the scenario names no rule: off');
  assert.equal(await page.locator('.gf-festival-control > span').textContent(), '春节因素调整');
  assert.equal(await page.getByTestId('in-festival').count(), 0);
  const before = await page.getByTestId('in-estimate').textContent();
  assert.equal(X.fixed2(await shownNumber(page, 'in-estimate')), X.fixed2(plain.inYear.estimate));

  await toggle(page, true);
  assert.notEqual(await page.getByTestId('in-estimate').textContent(), before, 'the in-year estimate changes');
  assert.equal(X.fixed2(await shownNumber(page, 'in-estimate')), X.fixed2(expected.inYear.estimate),
    'shown in-year estimate = CLI inYear.estimate with the rule');
  assert.equal(X.fixed2(await shownNumber(page, 'in-gap')), X.fixed2(expected.inYear.gap));
  const shown = page.getByTestId('in-festival');
  const fixed = (/** @type {number} */ x) => x.toFixed(2);
  const sign = effect.effectPct > 0 ? '+' : '-';
  assert.equal(await shown.textContent(),
    `窗口全部落在一期时 ${sign}${fixed(Math.abs(effect.effectPct))}%（标准误 ${fixed(effect.effectSePct)} 个百分点）；窗口为节前 7 天至节后 14 天`);
  assert.ok(effect.effectPct < -20 && effect.effectPct > -25, `close to e^-0.25 - 1: ${effect.effectPct}`);
  assert.equal(Number(await shown.getAttribute('data-effect-pct')), effect.effectPct);

  await page.getByTestId('lang-en').click();
  assert.equal(await page.locator('.gf-festival-control > span').textContent(), 'Adjust for Spring Festival');
  assert.match(await shown.textContent() ?? '', /^-2\d\.\d\d% for a period holding the whole window \(standard error \d+\.\d\d pp\); window 7 days before to 14 days after the festival$/);
  await page.getByTestId('lang-zh').click();

  // the export carries the rule; unticking gives back the scenario as imported
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-button').click()]);
  assert.deepEqual(JSON.parse(await readFile(await download.path(), 'utf8')), withRule);
  await toggle(page, false);
  assert.equal(await page.getByTestId('in-estimate').textContent(), before);
  const [again] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-button').click()]);
  assert.deepEqual(JSON.parse(await readFile(await again.path(), 'utf8')), scenario);
  assert.equal(await page.getByTestId('error').textContent(), '');
  assert.deepEqual(errors, [], 'no console errors');
  await context.close();
});

test('seed: with January–February combined the core says why the festival was not estimated', async () => {
  const { context, page, errors } = await e2e.open();
  const seed = JSON.parse(await readFile(SEED, 'utf8'));
  assert.equal(seed.rules.springFestival, undefined);
  const before = await page.getByTestId('base-estimate').textContent();
  await toggle(page, true);
  const notice = page.locator('[data-testid="notices"] li[data-code="springFestival.tooShort"]');
  assert.equal(await notice.count(), 1);
  assert.match(await notice.textContent() ?? '', /^未做春节因素调整：.*1–2月合并/);
  assert.equal(await page.getByTestId('base-festival').count(), 0, 'no effect to show');
  assert.equal(await page.getByTestId('base-estimate').textContent(), before, 'the forecast is the one without it');
  await toggle(page, false);
  assert.equal(await notice.count(), 0);
  assert.deepEqual(errors, [], 'no console errors');
  await context.close();
});
