// Save full-page screenshots of the served page so that a person can look at it:
//   dist/screenshot.png      1280×900
//   dist/screenshot-390.png  390 px wide (phone)
// Usage: node scripts/screenshot.mjs [--dir www] [--lang en] [--out dist/screenshot.png]
//          [--example qiantang-2023-q1] [--method ets] [--editor 0-0] [--dark]
//   --example  load this example from the Examples menu first (default: the page's first scenario)
//   --method   then choose this full-year estimate method
//   --editor   then open the uncertainty editor of ledger-item L-I (comma-separated for several)
// Needs www/pkg/ (bash scripts/build.sh) and /usr/bin/chromium.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, WWW, serve, launch, openPage, chooseMethod } from '../tests/e2e/support.mjs';

const { values: args } = parseArgs({
  options: {
    dir: { type: 'string', default: WWW },
    lang: { type: 'string', default: 'zh' },
    out: { type: 'string', default: path.join(ROOT, 'dist', 'screenshot.png') },
    dark: { type: 'boolean', default: false },
    example: { type: 'string' },
    method: { type: 'string' },
    editor: { type: 'string' },
  },
});

const server = await serve(path.resolve(args.dir));
const browser = await launch();
try {
  await mkdir(path.dirname(args.out), { recursive: true });
  const shots = [
    { width: 1280, height: 900, out: args.out },
    { width: 390, height: 844, out: args.out.replace(/\.png$/, '-390.png') },
  ];
  for (const shot of shots) {
    const { context, page, errors } = await openPage(browser, {
      viewport: { width: shot.width, height: shot.height },
      colorScheme: args.dark ? 'dark' : 'light',
    });
    await page.goto(server.url);
    await page.getByTestId('plan-gap').waitFor();
    if (args.example) {
      const title = await page.getByTestId('title').textContent();
      await page.getByTestId('examples-select').selectOption(args.example);
      await page.waitForFunction((before) => document.querySelector('[data-testid="title"]')?.textContent !== before
        || document.querySelector('[data-testid="error"]')?.textContent, title);
    }
    if (args.method) await chooseMethod(page, args.method);
    if (args.lang === 'en') await page.getByTestId('lang-en').click();
    for (const which of args.editor ? args.editor.split(',') : []) {
      await page.getByTestId(`unc-toggle-${which}`).click();
      await page.getByTestId(`unc-kind-${which}`).waitFor();
    }
    await page.screenshot({ path: shot.out, fullPage: true });
    console.log(`${shot.out} (${shot.width}px)${errors.length ? `; console errors: ${errors.join(' | ')}` : ''}`);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
