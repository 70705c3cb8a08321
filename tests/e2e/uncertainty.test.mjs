// Test: the uncertainty editor of the ledger items. Editing an item's 90% range changes the
// Monte Carlo result, and the page shows what the native CLI gives for the scenario the page
// exports (over http and from the offline file); an invalid edit shows the core's error in both
// languages, naming the item and the field, marks the input and keeps the last simulation; back
// to "none" removes the fields from the export; export -> import keeps them.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { useServerAndBrowser, cliSimulate, numberIn, ROOT, SEED } from './support.mjs';

/** Our own offline file (dist/gapcast.html may be rewritten by another test file meanwhile). */
let tmp = '';
const offlineHtml = () => path.join(tmp, 'gapcast.html');

const e2e = useServerAndBrowser({
  async setup() {
    tmp = await mkdtemp(path.join(tmpdir(), 'gapcast-unc-'));
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'bundle-offline.mjs'), '--out', offlineHtml()],
      { stdio: 'inherit' });
  },
});
after(() => rm(tmp, { recursive: true, force: true }));

const RUNS = 20000;
const SIM_SEED = 1;

/** @typedef {import('playwright-core').Page} Page */

/** The text of an element ('' when empty). @param {Page} page @param {string} testid */
async function textOf(page, testid) {
  return (await page.getByTestId(testid).textContent()) ?? '';
}

/** Wait until the page's error area is filled (or empty). @param {Page} page @param {boolean} shown */
async function waitError(page, shown) {
  await page.waitForFunction((want) => ((document.querySelector('[data-testid="error"]')?.textContent ?? '') !== '') === want,
    shown);
}

/** Set runs and seed, click Run and wait for a new, current result. @param {Page} page */
async function simulate(page) {
  await page.getByTestId('sim-runs').fill(String(RUNS));
  await page.getByTestId('sim-seed').fill(String(SIM_SEED));
  const before = await page.getByTestId('sim-result').innerHTML();
  await page.getByTestId('sim-run').click();
  await page.waitForFunction((b) => {
    const result = document.querySelector('[data-testid="sim-result"]');
    return result && result.innerHTML !== b && result.getAttribute('data-stale') === 'false'
      && result.querySelector('[data-testid="sim-meet"]');
  }, before);
  assert.equal(await textOf(page, 'sim-error'), '');
}

/** The simulation figures on screen. @param {Page} page */
async function simShown(page) {
  const ids = ['sim-meet', 'sim-meet-se', 'sim-p10', 'sim-p50', 'sim-p90', 'sim-mean'];
  return Object.fromEntries(await Promise.all(ids.map(async (id) => [id, await textOf(page, id)])));
}

/** Open the uncertainty editor of item `l`-`i` (by its button, as a user would). @param {Page} page */
async function openEditor(page, /** @type {string} */ which) {
  const toggle = page.getByTestId(`unc-toggle-${which}`);
  if (await toggle.getAttribute('aria-expanded') !== 'true') await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  await page.getByTestId(`unc-kind-${which}`).waitFor();
}

/** Wait until an item's summary reads `text`. @param {Page} page */
async function waitSummary(page, /** @type {string} */ which, /** @type {string} */ text) {
  await page.waitForFunction(([id, want]) => document.querySelector(`[data-testid="${id}"]`)?.textContent === want,
    [`unc-summary-${which}`, text]);
}

/** Export the scenario; its parsed JSON and the file. @param {Page} page */
async function exportScenario(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-button').click()]);
  const file = path.join(tmp, `export-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
  await download.saveAs(file);
  return { file, scenario: JSON.parse(await readFile(file, 'utf8')) };
}

for (const where of ['http', 'file']) {
  test(`${where}: editing a 90% range changes the simulation, which equals the CLI on the exported scenario`, async () => {
    const url = where === 'file' ? pathToFileURL(offlineHtml()).href : undefined;
    const { context, page, errors } = await e2e.open({ acceptDownloads: true }, url);
    await simulate(page);
    const before = await simShown(page);

    // 重点企业增产（示例）: 90% 50–80 -> 60–100 (the planned amount 65.21 stays inside).
    await openEditor(page, '4-0');
    assert.equal(await page.getByTestId('unc-kind-4-0').inputValue(), 'range90');
    assert.equal(await page.getByTestId('unc-low-4-0').inputValue(), '50');
    await page.getByTestId('unc-low-4-0').fill('60');
    await page.getByTestId('unc-high-4-0').fill('100');
    await waitSummary(page, '4-0', '90% 60–100 · 冲击「存量企业」ρ 0.6');
    await page.getByTestId('sim-stale').waitFor();
    assert.equal(await textOf(page, 'error'), '');

    await simulate(page);
    const after = await simShown(page);
    assert.notEqual(after['sim-meet'], before['sim-meet'], 'P(meet) changes');
    assert.notEqual(after['sim-p50'], before['sim-p50'], 'the median changes');

    const { file, scenario } = await exportScenario(page);
    assert.deepEqual(scenario.ledgers[4].items[0].amountDist, { type: 'range90', low: 60, high: 100 });
    const cli = await cliSimulate(file, { runs: RUNS, seed: SIM_SEED });
    assert.equal(numberIn(after['sim-meet']).toFixed(1), (cli.meet.p * 100).toFixed(1), `P(meet) ${after['sim-meet']}`);
    assert.equal(numberIn(after['sim-meet-se']).toFixed(2), (cli.meet.se * 100).toFixed(2));
    for (const q of ['p10', 'p50', 'p90', 'mean']) {
      assert.equal(numberIn(after[`sim-${q}`]), Number(cli.total[q].toFixed(2)), q);
    }
    assert.deepEqual(errors, [], 'no console errors');
    await context.close();
  });
}

test('invalid edits show the bilingual error at the item and field, keep the simulation; fixing clears it', async () => {
  const { context, page, errors } = await e2e.open();
  await simulate(page);
  const sim = await simShown(page);
  const gap = await textOf(page, 'plan-gap');

  const cases = [
    // [item, field typed in, bad value, good value, the core's path, inputs marked, the field's name in the message]
    ['0-0', 'low', '50', '24', 'ledgers[0].items[0].amountDist', ['low', 'high'], ['全年产值分布', 'amountDist'],
      '新建项目 A（示例）'],
    ['0-0', 'probability', '1.5', '0.9', 'ledgers[0].items[0].probability', ['probability'], ['实现概率', 'probability'],
      '新建项目 A（示例）'],
    ['0-1', 'from', '9', '6', 'ledgers[0].items[1].startWindow', ['from', 'to'], ['起始月窗口', 'startWindow'],
      '新建项目 B（示例）'],
  ];
  for (const [which, field, bad, good, problemPath, marked, [fieldZh, fieldEn], item] of cases) {
    await openEditor(page, /** @type {string} */ (which));
    if (field === 'from') {
      // the seed's window is 6–9; make it 9 -> 6
      await page.getByTestId(`unc-to-${which}`).fill('6');
      await page.getByTestId(`unc-from-${which}`).fill('6');
      await waitError(page, false);
    }
    const input = page.getByTestId(`unc-${field}-${which}`);
    await input.fill(/** @type {string} */ (bad));
    await waitError(page, true);

    const zh = await textOf(page, 'error');
    assert.match(zh, /无法计算/, zh);
    assert.ok(zh.includes(`「${item}」的${fieldZh}`), `zh names the item and field: ${zh}`);
    assert.ok(zh.includes(problemPath), `zh shows the path: ${zh}`);
    for (const name of /** @type {string[]} */ (marked)) {
      assert.equal(await page.getByTestId(`unc-${name}-${which}`).getAttribute('aria-invalid'), 'true', `${name} marked`);
    }
    assert.equal(await input.inputValue(), bad, 'the typed text stays');
    assert.deepEqual(await simShown(page), sim, 'the last simulation stays');
    assert.equal(await textOf(page, 'plan-gap'), gap, 'the last account stays');

    await page.getByTestId('lang-en').click();
    await page.waitForFunction(() => /Cannot compute/.test(document.querySelector('[data-testid="error"]')?.textContent ?? ''));
    const en = await textOf(page, 'error');
    assert.ok(en.includes(`item ${Number(String(which).split('-')[1]) + 1} "${item}", ${fieldEn}`),
      `en names the item and field: ${en}`);
    assert.equal(await input.inputValue(), bad, 'the typed text stays across the language switch');
    await page.getByTestId('lang-zh').click();

    await input.fill(/** @type {string} */ (good));
    await waitError(page, false);
    for (const name of /** @type {string[]} */ (marked)) {
      assert.equal(await page.getByTestId(`unc-${name}-${which}`).getAttribute('aria-invalid'), null, `${name} cleared`);
    }
  }
  // Back to the seed's values: the same account as before.
  assert.equal(await textOf(page, 'plan-gap'), gap);
  await page.getByTestId('unc-to-0-1').fill('9');
  await waitSummary(page, '0-1', 'p 0.85 · 6–9月起');

  // The keyboard: Escape closes the editor and puts the focus back on its button; Enter opens it.
  const toggle = page.getByTestId('unc-toggle-0-0');
  await page.getByTestId('unc-high-0-0').focus();
  await page.keyboard.press('Escape');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.getByTestId('unc-high-0-0').isVisible(), false);
  assert.equal(await toggle.evaluate((el) => el === document.activeElement), true, 'focus back on the button');
  await page.keyboard.press('Enter');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');

  // An invalid field left in a closed editor: the next recompute opens it again.
  await page.getByTestId('unc-high-0-0').fill('10');
  await waitError(page, true);
  await page.getByTestId('unc-close-0-0').click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  await page.getByTestId('amount-0-0').fill('36');
  await page.waitForFunction(() => document.querySelector('[data-testid="unc-toggle-0-0"]')?.getAttribute('aria-expanded') === 'true');
  assert.ok(await page.getByTestId('unc-high-0-0').isVisible(), 'the marked field is shown');
  assert.equal(await page.getByTestId('unc-high-0-0').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.getByTestId('unc-high-0-0').inputValue(), '10');
  assert.deepEqual(errors, [], 'no console errors');
  await context.close();
});

test('switching back to none removes the fields from the exported scenario', async () => {
  const { context, page, errors } = await e2e.open({ acceptDownloads: true });
  const seed = JSON.parse(await readFile(SEED, 'utf8'));

  // 新建项目 A: the distribution goes, the probability stays.
  await openEditor(page, '0-0');
  await page.getByTestId('unc-kind-0-0').selectOption('none');
  await waitSummary(page, '0-0', 'p 0.9');
  // 招商落地项目: everything goes, with one button.
  await openEditor(page, '6-0');
  await page.getByTestId('unc-clear-6-0').click();
  await waitSummary(page, '6-0', '确定');
  assert.equal(await page.getByTestId('unc-kind-6-0').inputValue(), 'none');
  assert.equal(await page.getByTestId('unc-window-on-6-0').isChecked(), false);

  const { scenario } = await exportScenario(page);
  const a = seed.ledgers[0].items[0];
  delete a.amountDist;
  const g = seed.ledgers[6].items[0];
  for (const key of ['amountDist', 'probability', 'startWindow']) delete g[key];
  assert.deepEqual(scenario, seed, 'the export is the seed without the removed fields');
  assert.deepEqual(Object.keys(scenario.ledgers[6].items[0]), ['name', 'amount', 'startMonth', 'rampMonths']);

  // A kind turned on starts from the item's amount (a point, so nothing changes until edited);
  // a piece turned back on gets back what its fields held.
  await page.getByTestId('unc-kind-0-0').selectOption('triangular');
  await waitSummary(page, '0-0', '三角 36/36/36 · p 0.9');
  await page.getByTestId('unc-window-on-6-0').check();
  await waitSummary(page, '6-0', '7–10月起');
  assert.equal(await textOf(page, 'error'), '');
  assert.deepEqual(errors, [], 'no console errors');
  await context.close();
});

test('export -> import keeps the uncertainty fields', async () => {
  const { context, page, errors } = await e2e.open({ acceptDownloads: true });
  // 技改项目 C: triangular -> PERT 20/28.5/35; 新升规企业: add a shared shock; 产值回归企业: a start window.
  await openEditor(page, '1-0');
  await page.getByTestId('unc-kind-1-0').selectOption('pert');
  await page.getByTestId('unc-min-1-0').fill('20');
  await page.getByTestId('unc-max-1-0').fill('35');
  await waitSummary(page, '1-0', 'PERT 20/28.5/35');
  await openEditor(page, '2-0');
  await page.getByTestId('unc-shock-on-2-0').check();
  await page.getByTestId('unc-group-2-0').fill('新企业');
  await page.getByTestId('unc-rho-2-0').fill('0.4');
  await page.getByTestId('unc-probability-2-0').fill('0.95');
  await waitSummary(page, '2-0', '90% 14–23 · p 0.95 · 冲击「新企业」ρ 0.4');
  await openEditor(page, '5-0');
  await page.getByTestId('unc-window-on-5-0').check();
  await page.getByTestId('unc-to-5-0').fill('5');
  await waitSummary(page, '5-0', 'p 0.7 · 3–5月起');
  assert.equal(await textOf(page, 'error'), '');

  const first = await exportScenario(page);
  const items = first.scenario.ledgers;
  assert.deepEqual(items[1].items[0].amountDist, { type: 'pert', min: 20, mode: 28.5, max: 35 });
  assert.deepEqual(items[2].items[0].shock, { group: '新企业', correlation: 0.4 });
  assert.equal(items[2].items[0].probability, 0.95);
  assert.deepEqual(items[5].items[0].startWindow, { from: 3, to: 5 });

  // Import it into a fresh page showing the other example.
  const fresh = await e2e.open({ acceptDownloads: true });
  await fresh.page.getByTestId('examples-select').selectOption('qiantang-2023-q1');
  await fresh.page.getByTestId('in-year').waitFor();
  await fresh.page.getByTestId('import-input').setInputFiles(first.file);
  await waitSummary(fresh.page, '1-0', 'PERT 20/28.5/35');
  await openEditor(fresh.page, '2-0');
  assert.equal(await fresh.page.getByTestId('unc-shock-on-2-0').isChecked(), true);
  assert.equal(await fresh.page.getByTestId('unc-group-2-0').inputValue(), '新企业');
  assert.equal(await fresh.page.getByTestId('unc-rho-2-0').inputValue(), '0.4');
  assert.equal(await textOf(fresh.page, 'unc-summary-5-0'), 'p 0.7 · 3–5月起');
  const second = await exportScenario(fresh.page);
  assert.deepEqual(second.scenario, first.scenario, 'the round trip keeps every field');
  assert.deepEqual(fresh.errors, [], 'no console errors');
  await fresh.context.close();

  assert.deepEqual(errors, [], 'no console errors');
  await context.close();
});
