// Test 2: bad input keeps the last good state. An amount of -5 and a malformed or invalid imported
// file show the core's error (role="alert") and leave the scenario and the results as they were; a
// file that is not text says so, and one saved in GBK or UTF-16 is read as written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { useServerAndBrowser, SEED, ROOT } from './support.mjs';
import * as X from './expected.mjs';

const e2e = useServerAndBrowser();

/** The figures on screen that must not move when input is bad. @param {import('playwright-core').Page} page */
async function snapshot(page) {
  const ids = ['plan-gap', 'plan-projection', 'reinforcement-amount', 'total-net', 'title',
    `effect-${X.EDIT.ledger}-${X.EDIT.item}`, 'light-gap-text'];
  return Object.fromEntries(await Promise.all(ids.map(async (id) => [id, await page.getByTestId(id).textContent()])));
}

test('an amount of -5 shows the error and keeps the results', async () => {
  const { context, page, errors } = await e2e.open();
  const before = await snapshot(page);
  const input = page.getByTestId(`amount-${X.EDIT.ledger}-${X.EDIT.item}`);
  await input.fill('-5');
  const alert = page.getByRole('alert');
  await page.waitForFunction(() => (document.querySelector('[data-testid="error"]')?.textContent ?? '') !== '');
  const text = await alert.textContent();
  assert.ok(text && text.length > 0, 'the error area shows text');
  assert.match(text ?? '', /ledgers\[4\]\.items\[0\]\.amount/, 'the problem names the field');
  assert.equal(await input.getAttribute('aria-invalid'), 'true', 'the input is marked invalid');
  assert.deepEqual(await snapshot(page), before, 'results unchanged');

  // Start month 13 is refused too; then a good value clears everything and recomputes.
  await input.fill(X.EDIT.from);
  const start = page.getByTestId(`start-${X.EDIT.ledger}-${X.EDIT.item}`);
  await start.fill('13');
  await page.waitForFunction(() => (document.querySelector('[data-testid="error"]')?.textContent ?? '') !== '');
  assert.equal(await start.getAttribute('aria-invalid'), 'true');
  assert.deepEqual(await snapshot(page), before, 'results unchanged after start month 13');
  await start.fill('1');
  assert.equal(await page.getByTestId('error').textContent(), '', 'error cleared');
  assert.equal(await start.getAttribute('aria-invalid'), null);
  await input.fill(X.EDIT.to);
  assert.equal(X.fixed2(Number((await page.getByTestId('plan-gap').textContent())?.replace(/,/g, ''))),
    X.fixed2(X.GAP_AFTER_EDIT));
  assert.deepEqual(errors, [], 'no console errors');
  await context.close();
});

test('a paste that is not one number pastes nothing and says why; full-width digits paste', async () => {
  const { context, page, errors } = await e2e.open();
  const before = await snapshot(page);
  const input = page.getByTestId(`amount-${X.EDIT.ledger}-${X.EDIT.item}`);
  const was = await input.inputValue();
  /** @param {string} text */
  const paste = (text) => input.evaluate((el, t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
  // left to the browser, these became 1234, 3040, 365 and 80 with no error
  for (const bad of ['12\t34', '30\n40', '36,5', '８０%', 'abc']) {
    await paste(bad);
    assert.equal(await input.inputValue(), was, `${JSON.stringify(bad)}: nothing pasted`);
    assert.match(await input.evaluate((el) => /** @type {HTMLInputElement} */ (el).validationMessage),
      /粘贴的内容不是一个数字/, JSON.stringify(bad));
    assert.deepEqual(await snapshot(page), before, `${JSON.stringify(bad)}: results unchanged`);
  }
  // the edit's amount in full-width digits recomputes as typing it does
  await paste(X.EDIT.to.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)).replace('.', '．'));
  assert.equal(await input.inputValue(), X.EDIT.to);
  await page.waitForFunction((want) => document.querySelector('[data-testid="plan-gap"]')?.textContent !== want,
    before['plan-gap']);
  assert.equal(X.fixed2(Number((await page.getByTestId('plan-gap').textContent())?.replace(/,/g, ''))),
    X.fixed2(X.GAP_AFTER_EDIT));
  assert.equal(await input.evaluate((el) => /** @type {HTMLInputElement} */ (el).validationMessage), '');
  assert.deepEqual(errors, [], 'no console errors');
  await context.close();
});

test('a failed import shows the error and keeps the scenario', async () => {
  const { context, page, errors } = await e2e.open({ acceptDownloads: true });
  const before = await snapshot(page);
  const importInput = page.getByTestId('import-input');
  const seedText = await readFile(SEED, 'utf8');

  /** @param {string} name @param {string | Buffer} text */
  async function importFile(name, text) {
    await page.evaluate(() => { const el = document.querySelector('[data-testid="error"]'); if (el) el.textContent = ''; });
    await importInput.setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
    await page.waitForFunction(() => (document.querySelector('[data-testid="error"]')?.textContent ?? '') !== '');
    return (await page.getByRole('alert').textContent()) ?? '';
  }

  const malformed = await importFile('broken.json', '{ "version": 1, "title": ');
  assert.match(malformed, /broken\.json/, 'names the file');
  assert.match(malformed, /json/i, 'shows the core error code or message');
  assert.deepEqual(await snapshot(page), before, 'malformed JSON: scenario unchanged');

  const wrongVersion = JSON.parse(seedText);
  wrongVersion.version = 2;
  wrongVersion.title = 'SHOULD NOT APPEAR';
  await importFile('v2.json', JSON.stringify(wrongVersion));
  assert.deepEqual(await snapshot(page), before, 'wrong version: scenario unchanged');

  const unknownField = JSON.parse(seedText);
  unknownField.colour = 'red';
  unknownField.title = 'SHOULD NOT APPEAR';
  await importFile('unknown.json', JSON.stringify(unknownField));
  assert.deepEqual(await snapshot(page), before, 'unknown field: scenario unchanged');

  // Bytes that are text in none of UTF-8, UTF-16 and GB18030 (0xFF starts no character in
  // either of the first two, nor in GB18030): said so, nothing decoded into U+FFFD and imported.
  const binary = await importFile('binary.json', Buffer.from([0x7B, 0xFF, 0xFE, 0x22, 0x80, 0x7D]));
  assert.match(binary, /binary\.json/, 'names the file');
  assert.match(binary, /UTF-8、UTF-16 或 GB18030/, binary);
  assert.equal(await page.locator('#gf-error .gf-error-box').getAttribute('data-code'), 'file.encoding');
  assert.deepEqual(await snapshot(page), before, 'not text: scenario unchanged');

  // The scenario kept is the one exported.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-button').click()]);
  assert.deepEqual(JSON.parse(await readFile(await download.path(), 'utf8')), JSON.parse(seedText));

  // A good file does replace the scenario (with a UTF-8 BOM, as Windows Notepad writes it).
  const good = JSON.parse(seedText);
  good.title = '导入测试';
  good.ledgers[X.EDIT.ledger].items[X.EDIT.item].amount = Number(X.EDIT.to);
  await importInput.setInputFiles({ name: 'good.json', mimeType: 'application/json',
    buffer: Buffer.from(`\uFEFF${JSON.stringify(good)}`) });
  await page.waitForFunction(() => document.querySelector('[data-testid="title"]')?.textContent === '导入测试');
  assert.equal(await page.getByTestId('error').textContent(), '', 'error cleared by a good import');
  assert.equal(X.fixed2(Number((await page.getByTestId('plan-gap').textContent())?.replace(/,/g, ''))),
    X.fixed2(X.GAP_AFTER_EDIT));
  assert.equal(await page.getByTestId(`amount-${X.EDIT.ledger}-${X.EDIT.item}`).inputValue(), X.EDIT.to);
  assert.equal(await page.locator('#gf-status').textContent(), '', 'UTF-8: nothing to say');

  // A file saved in GBK (GB18030) by a Chinese Windows editor: its Chinese read as written, and
  // the status line says how it was read, in either language.
  await importInput.setInputFiles(path.join(ROOT, 'tests', 'data', 'qiantang-2023-gbk.json'));
  await page.waitForFunction(() => document.querySelector('[data-testid="title"]')?.textContent === 'GBK 编码的情景');
  assert.equal(await page.getByTestId('ledger-name-0').textContent(), '新建项目投产（GBK）');
  assert.equal(await page.getByTestId('error').textContent(), '');
  assert.equal(await page.locator('#gf-status').textContent(), '已导入 qiantang-2023-gbk.json（按 GB18030（GBK） 编码读取）');
  await page.getByTestId('lang-en').click();
  assert.equal(await page.locator('#gf-status').textContent(), 'Imported qiantang-2023-gbk.json (read as GB18030 (GBK))');
  await page.getByTestId('lang-zh').click();

  // UTF-16 with its byte order mark (Excel's and Notepad's "Unicode").
  const utf16 = JSON.parse(seedText);
  utf16.title = 'UTF-16 情景';
  await importInput.setInputFiles({ name: 'utf16.json', mimeType: 'application/json',
    buffer: Buffer.from(`\uFEFF${JSON.stringify(utf16)}`, 'utf16le') });
  await page.waitForFunction(() => document.querySelector('[data-testid="title"]')?.textContent === 'UTF-16 情景');
  assert.match(await page.locator('#gf-status').textContent() ?? '', /UTF-16/);
  assert.deepEqual(errors, [], 'no console errors');
  await context.close();
});
