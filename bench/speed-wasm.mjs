// Times gapcast's WebAssembly `forecast(values, { method: 'ets', horizon: 12, levels: [95], period })`
// under node on every series of a long CSV (series_id,period_index,value). Prints JSON
// { ms, series, repeat } on standard output: ms per series, best of `repeat` passes after a warm-up.
//
//   node bench/speed-wasm.mjs SERIES.csv PERIOD [REPEAT]
//
// Loads www/pkg/gapcast.js (or GAPCAST_WASM_PKG/gapcast.js) the way the offline page does:
// initSync({ module: bytes }).
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';

const [csvPath, periodArg, repeatArg] = process.argv.slice(2);
if (!csvPath || !periodArg) {
  console.error('usage: node bench/speed-wasm.mjs SERIES.csv PERIOD [REPEAT]');
  process.exit(2);
}
const period = Number(periodArg);
const repeat = Number(repeatArg ?? 3);
const pkg =
  process.env.GAPCAST_WASM_PKG ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'www', 'pkg');
const js = join(pkg, 'gapcast.js');
if (!existsSync(js)) {
  console.error(`${js} does not exist: build it with scripts/build.sh`);
  process.exit(2);
}
const mod = await import(pathToFileURL(js).href);
if (typeof mod.forecast !== 'function') {
  console.error(
    `${js} has no export \`forecast\` (exports: ${Object.keys(mod).join(', ')}); ` +
      'the forecast binding is not in this checkout yet',
  );
  process.exit(2);
}
mod.initSync({ module: readFileSync(join(pkg, 'gapcast_bg.wasm')) });

const series = new Map();
const lines = readFileSync(csvPath, 'utf8').trim().split('\n').slice(1);
for (const line of lines) {
  const [id, index, value] = line.split(',');
  if (!series.has(id)) series.set(id, []);
  series.get(id)[Number(index)] = Number(value);
}
const inputs = [...series.values()].map((v) => Float64Array.from(v));
const options = { method: 'ets', horizon: 12, levels: [95], period };

for (const y of inputs.slice(0, 5)) mod.forecast(y, options); // warm-up
let best = Infinity;
for (let r = 0; r < repeat; r++) {
  const start = performance.now();
  for (const y of inputs) {
    const f = mod.forecast(y, options);
    if (!f || f.point.length !== 12) throw new Error('forecast returned no 12-step point forecast');
  }
  best = Math.min(best, performance.now() - start);
}
console.log(JSON.stringify({ ms: best / inputs.length, series: inputs.length, repeat }));
