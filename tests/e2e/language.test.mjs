// Test 4: the language switch changes the headline labels and the lights' text (taken from the core).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { useServerAndBrowser, SEED } from './support.mjs';

const e2e = useServerAndBrowser();

test('switching to English and back', async () => {
  const { context, page, errors } = await e2e.open();
  const core = await page.evaluate(async (seedText) => {
    const m = await import('./pkg/gapcast.js');
    return m.account(JSON.parse(seedText)).lights;
  }, await readFile(SEED, 'utf8'));

  const gapCard = page.locator('.gf-card--gap .gf-card-label');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  assert.equal(await gapCard.textContent(), '目标缺口');
  assert.equal(await page.getByTestId('light-gap-text').textContent(), core.gap.zh);
  assert.equal(await page.getByTestId('light-pace-text').textContent(), core.pace.zh);
  const gapZh = await page.getByTestId('plan-gap').textContent();

  await page.getByTestId('lang-en').click();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  assert.equal(await gapCard.textContent(), 'Target gap');
  assert.equal(await page.locator('.gf-card--projection .gf-card-label').textContent(), '2023 ledger account');
  assert.equal(await page.getByTestId('light-gap-text').textContent(), core.gap.en);
  assert.equal(await page.getByTestId('light-pace-text').textContent(), core.pace.en);
  assert.match(await page.getByTestId('light-gap-rule').textContent() ?? '', new RegExp(escape(core.gap.ruleEn)));
  assert.equal(await page.locator('thead th').first().textContent(), 'Ledger');
  assert.equal(await page.getByTestId('lang-en').getAttribute('aria-pressed'), 'true');
  assert.equal(await page.getByTestId('plan-gap').textContent(), gapZh, 'the figures do not change');

  // An error shown in English switches language with the page.
  await page.getByTestId('amount-4-0').fill('-5');
  await page.waitForFunction(() => (document.querySelector('[data-testid="error"]')?.textContent ?? '') !== '');
  assert.match(await page.getByRole('alert').textContent() ?? '', /Cannot compute/);
  await page.getByTestId('lang-zh').click();
  assert.match(await page.getByRole('alert').textContent() ?? '', /无法计算/);
  assert.equal(await gapCard.textContent(), '目标缺口');
  assert.equal(await page.getByTestId('light-gap-text').textContent(), core.gap.zh);

  assert.deepEqual(errors, [], 'no console errors');
  await context.close();
});

/** @param {string} s */
function escape(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
