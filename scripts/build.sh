#!/usr/bin/env bash
# Builds the WASM package into www/pkg/ (wasm-pack with the pinned wasm-bindgen, no downloads),
# shrinks it with wasm-opt from the npm package binaryen, and writes the offline file
# dist/gapcast.html. Run scripts/setup.sh first (the README commands do).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

# --mode no-install: use the wasm-bindgen on PATH (same version as Cargo.lock), never download.
wasm-pack build --target web --out-dir www/pkg --release --mode no-install --no-pack
raw=$(stat -c %s www/pkg/gapcast_bg.wasm)
# Debian's binaryen (108) emits modules that fail to load; the npm package's wasm-opt works.
# -O1, not -Oz: from -O2 up (-O2, -O3, -Os, -Oz) the Monte Carlo ran about 20 % slower in node 20's
# V8 than with the unoptimized module, and about 5 % slower in Chromium 156; -O1 is not slower and
# keeps nearly all of the saving (799 596 bytes instead of 775 091, gzipped 301 662 instead of 300 350).
# Measured with `scripts/bench-sim.sh` (repeated, best of 9) on each level's module.
node_modules/.bin/wasm-opt -O1 --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  www/pkg/gapcast_bg.wasm -o www/pkg/gapcast_bg.wasm
opt=$(stat -c %s www/pkg/gapcast_bg.wasm)
gz=$(gzip -9 -c www/pkg/gapcast_bg.wasm | wc -c)
echo "gapcast_bg.wasm: ${raw} bytes from wasm-bindgen, ${opt} bytes after wasm-opt -O1, ${gz} bytes gzipped"
if [ -f scripts/bundle-offline.mjs ]; then node scripts/bundle-offline.mjs; fi
