#!/usr/bin/env bash
# Monte Carlo benchmark (issue 4): 100 000 runs of bench/sim/ledgers-30.json (10 ledgers, 30 uncertain
# items, 12 months, the base year's missing months forecast) natively, in WebAssembly under node and
# in headless Chromium, against Squiggle evaluating the same items (lognormal × Bernoulli, no months)
# in the same engines, in the same run. Prints a table with the ratios and the peak memory.
#
#   scripts/bench-sim.sh                         # builds the example and www/pkg first
#   scripts/bench-sim.sh --no-build              # use what is built
#   scripts/bench-sim.sh --runs 10000 --repeat 3 # fewer runs / passes
#   scripts/bench-sim.sh --skip-browser          # node only
#
# Needs scripts/setup.sh once (wasm toolchain, chromium, npm packages incl. @quri/squiggle-lang).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

build=1 runs=100000 repeat=5 scenario=bench/sim/ledgers-30.json
pass=()
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build=0 ;;
    --runs) runs="$2"; shift ;;
    --repeat) repeat="$2"; shift ;;
    --scenario) scenario="$2"; shift ;;
    --skip-browser | --skip-squiggle) pass+=("$1") ;;
    -h | --help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "bench-sim: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

if [ "$build" = 1 ]; then
  echo "== bench-sim: cargo build --release --example sim_speed" >&2
  cargo build --release --quiet --example sim_speed
  echo "== bench-sim: scripts/build.sh (www/pkg)" >&2
  scripts/build.sh >&2
fi
target="${CARGO_TARGET_DIR:-target}"
echo "== bench-sim: native" >&2
native=$("$target/release/examples/sim_speed" "$scenario" "$runs" "$repeat")
echo "== bench-sim: WebAssembly and Squiggle" >&2
js=$(node bench/sim-bench.mjs --scenario "$scenario" --runs "$runs" --repeat "$repeat" "${pass[@]}")

NATIVE="$native" JS="$js" node --input-type=module -e '
const n = JSON.parse(process.env.NATIVE);
const j = JSON.parse(process.env.JS);
const f = (x) => (x == null ? "–" : x.toFixed(1));
const rows = [
  ["gapcast, native", n.bestMs, n.medianMs, n.peakRssMiB != null ? `${f(n.peakRssMiB)} MiB peak RSS (whole process)` : "–"],
  ["gapcast, WebAssembly, node", j.nodeGapcast.bestMs, j.nodeGapcast.medianMs, `${f(j.nodeGapcast.memoryAfterMiB)} MiB linear memory`],
];
if (j.browser) rows.push(["gapcast, WebAssembly, Chromium", j.browser.gapcast.bestMs, j.browser.gapcast.medianMs, `${f(j.browser.gapcast.memoryAfterMiB)} MiB linear memory`]);
if (j.nodeSquiggle) rows.push(["Squiggle, node", j.nodeSquiggle.bestMs, j.nodeSquiggle.medianMs, ""]);
if (j.browser && j.browser.squiggle) rows.push(["Squiggle, Chromium", j.browser.squiggle.bestMs, j.browser.squiggle.medianMs, ""]);
console.log(`Monte Carlo: ${j.runs} runs × ${j.items} items (${j.scenario}), best / median of ${j.repeat} after five warm-up calls`);
console.log("");
console.log("| | best ms | median ms | memory |");
console.log("|---|---:|---:|---|");
for (const [name, best, median, mem] of rows) console.log(`| ${name} | ${f(best)} | ${f(median)} | ${mem} |`);
console.log("");
if (j.nodeSquiggle) console.log(`Squiggle / gapcast, node:     ${(j.nodeSquiggle.bestMs / j.nodeGapcast.bestMs).toFixed(1)}×`);
if (j.browser && j.browser.squiggle) console.log(`Squiggle / gapcast, Chromium: ${(j.browser.squiggle.bestMs / j.browser.gapcast.bestMs).toFixed(1)}×`);
if (j.browser) console.log(`Chromium: ${j.browser.userAgent}`);
console.log("");
console.log(`Same model check: closed-form mean of the items (no months) ${j.closedFormMean.toFixed(2)}; Squiggle ${j.nodeSquiggle ? j.nodeSquiggle.summary.mean.toFixed(2) : "–"}.`);
console.log(`Same numbers check: P(meet) native ${n.pMeet}, node ${j.nodeGapcast.pMeet}${j.browser ? `, Chromium ${j.browser.gapcast.pMeet}` : ""}.`);
'
