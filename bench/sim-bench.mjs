// Monte Carlo benchmark: gapcast's WebAssembly `simulate(scenario, { runs, seed })` under node and in
// headless Chromium, against Squiggle (@quri/squiggle-lang) evaluating the same items in the same
// engines: Σ ± (low to high) × bernoulli(p), i.e. each item's lognormal 90% range times its chance
// of happening, without the months (Squiggle has no notion of them; gapcast also phases every item
// over the plan year, forecasts the base year's missing months and draws their sample paths, and
// computes the fan, waterfall, tornado, histogram, reinforcement and the four SVG charts).
//
//   node bench/sim-bench.mjs [--scenario bench/sim/ledgers-30.json] [--runs 100000] [--repeat 5]
//                            [--skip-browser] [--skip-squiggle]
//
// Prints one JSON object on standard output (scripts/bench-sim.sh turns it into the table); progress
// on standard error. Each time is the best (and the median) of `repeat` calls after five warm-up calls.
// Memory: the WebAssembly linear memory after the runs (it only grows, so this is its peak).
import { readFileSync, existsSync, mkdirSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { ROOT, serve, launch } from '../tests/e2e/support.mjs';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const scenarioPath = path.resolve(opt('scenario', path.join(ROOT, 'bench', 'sim', 'ledgers-30.json')));
const runs = Number(opt('runs', 100000));
const repeat = Number(opt('repeat', 5));
const skipBrowser = args.includes('--skip-browser');
const skipSquiggle = args.includes('--skip-squiggle');
const pkg = process.env.GAPCAST_WASM_PKG ?? path.join(ROOT, 'www', 'pkg');
if (!existsSync(path.join(pkg, 'gapcast.js'))) {
  console.error(`${pkg}/gapcast.js does not exist: build it with scripts/build.sh`);
  process.exit(2);
}
const scenario = JSON.parse(readFileSync(scenarioPath, 'utf8'));

/** The Squiggle program for the scenario's items, and the closed-form mean of its total. */
function squiggleModel(sc) {
  const z95 = 1.6448536269514722;
  const terms = [];
  let mean = 0;
  for (const ledger of sc.ledgers) {
    for (const item of ledger.items) {
      const d = item.amountDist;
      if (!d || d.type !== 'range90' || !(d.low > 0)) {
        throw new Error(`item ${item.name}: the Squiggle model needs a range90 with low > 0 (lognormal)`);
      }
      const p = item.probability ?? 1;
      const sign = ledger.direction === 'increase' ? 1 : -1;
      terms.push(`${sign > 0 ? '+' : '-'} (${d.low} to ${d.high}) * bernoulli(${p})`);
      // E[lognormal] = exp(μ + σ²/2) with μ, σ from the 5% and 95% quantiles
      const mu = (Math.log(d.low) + Math.log(d.high)) / 2;
      const sigma = (Math.log(d.high) - Math.log(d.low)) / (2 * z95);
      mean += sign * p * Math.exp(mu + (sigma * sigma) / 2);
    }
  }
  const code = `total = 0 ${terms.join(' ')}
summary = {mean: mean(total), p10: quantile(total, 0.1), p50: quantile(total, 0.5), p90: quantile(total, 0.9)}
summary`;
  return { code, mean, items: terms.length };
}

/**
 * Best and median of `repeat` timed calls of `fn` after five warm-up calls. One was not enough in
 * Chromium: WebAssembly starts in the baseline compiler (Liftoff) and is recompiled by the
 * optimizing one (TurboFan) in the background; on this 2-core machine that sometimes finished only
 * after the timed calls, which then measured baseline code (75 ms instead of 48). Squiggle's
 * JavaScript gets the same warm-up.
 */
async function timeIt(fn, n) {
  for (let i = 0; i < 5; i++) await fn();
  const ms = [];
  let last;
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    last = await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { bestMs: ms[0], medianMs: ms[Math.floor(ms.length / 2)], last };
}

/** Squiggle's summary as plain numbers. */
function squiggleSummary(out) {
  if (!out.result.ok) throw new Error(`Squiggle failed: ${out.result.value.toString()}`);
  // asJS() of a dict: { vtype: 'Dict', value: { name: number } }
  const dict = out.result.value.result.asJS().value;
  return Object.fromEntries(Object.entries(dict).map(([k, v]) => [k, Number(v)]));
}

const model = squiggleModel(scenario);
const result = { scenario: path.relative(ROOT, scenarioPath), runs, repeat, items: model.items, closedFormMean: model.mean };

// --- node ---------------------------------------------------------------------------------------
{
  console.error('== gapcast WebAssembly under node');
  const mod = await import(pathToFileURL(path.join(pkg, 'gapcast.js')).href);
  const wasm = mod.initSync({ module: readFileSync(path.join(pkg, 'gapcast_bg.wasm')) });
  const before = wasm.memory.buffer.byteLength;
  const t = await timeIt(() => mod.simulate(scenario, { runs, seed: 1 }), repeat);
  result.nodeGapcast = {
    bestMs: t.bestMs, medianMs: t.medianMs,
    memoryBeforeMiB: before / 2 ** 20, memoryAfterMiB: wasm.memory.buffer.byteLength / 2 ** 20,
    pMeet: t.last.meet.p, p50: t.last.total.p50,
  };
  if (!skipSquiggle) {
    console.error('== Squiggle under node');
    const { run } = await import('@quri/squiggle-lang');
    const env = { sampleCount: runs, xyPointLength: 1000, seed: 'gapcast' };
    const s = await timeIt(() => run(model.code, { environment: env }), repeat);
    result.nodeSquiggle = { bestMs: s.bestMs, medianMs: s.medianMs, summary: squiggleSummary(s.last) };
  }
}

// --- headless Chromium --------------------------------------------------------------------------
if (!skipBrowser) {
  console.error('== headless Chromium');
  const out = path.join(ROOT, 'bench', 'out');
  mkdirSync(out, { recursive: true });
  if (!skipSquiggle) {
    await build({
      entryPoints: [path.join(ROOT, 'node_modules', '@quri', 'squiggle-lang', 'dist', 'index.js')],
      bundle: true, format: 'esm', platform: 'browser', minify: true, logLevel: 'error',
      outfile: path.join(out, 'squiggle.js'),
    });
  }
  const server = await serve(ROOT);
  const browser = await launch();
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}bench/sim/blank.html`);
    const pkgUrl = `${server.url}${path.relative(ROOT, pkg).split(path.sep).join('/')}/`;
    result.browser = await page.evaluate(async ({ pkgUrl, squiggleUrl, scenario, runs, repeat, code, timeItSource }) => {
      // the same timing function as under node, passed as text
      const timeIt = (0, eval)(`(${timeItSource})`);
      const time = (fn) => timeIt(fn, repeat);
      const mod = await import(`${pkgUrl}gapcast.js`);
      const wasm = await mod.default({ module_or_path: `${pkgUrl}gapcast_bg.wasm` });
      const before = wasm.memory.buffer.byteLength;
      const g = await time(() => mod.simulate(scenario, { runs, seed: 1 }));
      const out = {
        gapcast: {
          bestMs: g.bestMs, medianMs: g.medianMs,
          memoryBeforeMiB: before / 2 ** 20, memoryAfterMiB: wasm.memory.buffer.byteLength / 2 ** 20,
          pMeet: g.last.meet.p, p50: g.last.total.p50,
        },
        userAgent: navigator.userAgent,
      };
      if (squiggleUrl) {
        const { run } = await import(squiggleUrl);
        const env = { sampleCount: runs, xyPointLength: 1000, seed: 'gapcast' };
        const s = await time(() => run(code, { environment: env }));
        if (!s.last.result.ok) throw new Error(String(s.last.result.value));
        const dict = s.last.result.value.result.asJS().value;
        out.squiggle = { bestMs: s.bestMs, medianMs: s.medianMs, summary: Object.fromEntries(Object.entries(dict).map(([k, v]) => [k, Number(v)])) };
      }
      return out;
    }, { pkgUrl, squiggleUrl: skipSquiggle ? null : `${server.url}bench/out/squiggle.js`, scenario, runs, repeat, code: model.code, timeItSource: timeIt.toString() });
  } finally {
    await browser.close();
    await server.close();
  }
}

console.log(JSON.stringify(result));
