// Test 5: the Examples menu lists examples() and loads one; the in-year block and both lights show
// what account() gives, each light with an icon and words, not colour alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser } from './support.mjs';

const e2e = useServerAndBrowser();

const ICONS = { good: '✓', watch: '!', alert: '✕', none: '–' };

test('examples menu, in-year block and lights', async () => {
  const { context, page, errors } = await e2e.open();

  const list = await page.evaluate(async () => {
    const m = await import('./pkg/gapcast.js');
    return m.examples().map((/** @type {any} */ e) => ({ id: e.id, title: e.title, summary: m.account(e.scenario) }));
  });
  const select = page.getByTestId('examples-select');
  const options = await select.locator('option').evaluateAll((els) => els.map((el) => /** @type {HTMLOptionElement} */ (el).value));
  assert.deepEqual(options.filter(Boolean), list.map((e) => e.id), 'one menu entry per example');
  assert.equal(await select.inputValue(), 'qiantang-2023', 'the seed is loaded first');

  const inYear = list.find((e) => e.summary.inYear !== null);
  assert.ok(inYear, 'some example has plan-year data');
  await select.selectOption(inYear.id);
  await page.getByTestId('in-year').waitFor();
  assert.equal(await page.getByTestId('title').textContent(), inYear.summary.title);
  const y = inYear.summary.inYear;
  assert.equal(await page.getByTestId('in-completion').textContent(), `${y.completionPct.toFixed(2)}%`);
  assert.equal(Number((await page.getByTestId('plan-gap').textContent())?.replace(/,/g, '')).toFixed(2),
    inYear.summary.plan.gap.toFixed(2));

  for (const kind of ['pace', 'gap']) {
    const light = inYear.summary.lights[kind];
    const el = page.getByTestId(`light-${kind}`);
    assert.equal(await el.getAttribute('data-level'), light.level);
    assert.match(await el.getAttribute('class') ?? '', new RegExp(`gf-light--${light.colour}`));
    assert.equal(await el.locator('.gf-light-icon').textContent(), ICONS[/** @type {keyof typeof ICONS} */ (light.level)]);
    assert.ok((await page.getByTestId(`light-${kind}-level`).textContent())?.length, 'a level word');
    assert.equal(await page.getByTestId(`light-${kind}-text`).textContent(), light.zh);
    assert.match(await page.getByTestId(`light-${kind}-rule`).textContent() ?? '', /绿/);
  }
  for (const notice of inYear.summary.notices) {
    assert.ok((await page.getByTestId('notices').textContent() ?? '').includes(notice.zh), `notice ${notice.code}`);
  }

  // Back to the seed: no in-year block.
  await select.selectOption('qiantang-2023');
  await page.waitForFunction(() => !document.querySelector('[data-testid="in-year"]'));
  assert.deepEqual(errors, [], 'no console errors');
  await context.close();
});

test('an amount edit rewrites in the table only the cells whose figures change', async () => {
  // With hundreds of items, rewriting every cell after each edit made the browser lay out the whole
  // table again (an edit of 500 items took 0.1–0.2 s); the cells that keep their text are not touched.
  const { context, page, errors } = await e2e.open();
  const touched = await page.evaluate(async () => {
    const table = /** @type {HTMLElement} */ (document.querySelector('[data-testid="ledger-table"]'));
    /** @type {Set<string>} */
    const ids = new Set();
    const observer = new MutationObserver((records) => {
      for (const r of records) {
        const el = r.target instanceof Element ? r.target : r.target.parentElement;
        ids.add(el?.closest('[data-testid]')?.getAttribute('data-testid') ?? '(none)');
      }
    });
    observer.observe(table, { subtree: true, childList: true, characterData: true });
    const input = /** @type {HTMLInputElement} */ (document.querySelector('[data-testid="amount-2-0"]'));
    input.value = '20.6';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((resolve) => setTimeout(resolve, 0));
    observer.disconnect();
    return [...ids].sort();
  });
  // 小升规's one item: its effect, its ledger's subtotal, the increases and the net
  assert.deepEqual(touched, ['effect-2-0', 'subtotal-2', 'total-increases', 'total-net']);
  assert.equal(await page.getByTestId('effect-2-0').textContent(), '+20.60');
  assert.deepEqual(errors, [], 'no console errors');
  await context.close();
});
