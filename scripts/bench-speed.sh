#!/usr/bin/env bash
# Speed benchmark: seasonal and non-seasonal AutoETS (120 monthly values, 12 steps, 95 % interval)
# natively through `gapcast forecast`, in WebAssembly under node, and with statsforecast, on the
# same 200 series; prints ms per series and the ratios.
#
#   scripts/bench-speed.sh                    # builds the release binary and www/pkg first
#   scripts/bench-speed.sh --no-build         # use the existing binary and www/pkg
#   scripts/bench-speed.sh --n 50 --repeat 1  # fewer series / passes (see --help)
#
# Data: GAPCAST_BENCH_DATA (default ../shared/bench-data). Binary: GAPCAST_BIN, else this repository's
# release build (CARGO_TARGET_DIR honoured).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bench-venv.sh

build=1 native=1 wasm=1
args=()
for a in "$@"; do
  case "$a" in
    --no-build) build=0 ;;
    --skip-native) native=0; args+=("$a") ;;
    --skip-wasm) wasm=0; args+=("$a") ;;
    -h | --help) build=0; args+=("$a") ;;
    *) args+=("$a") ;;
  esac
done
if [ "$build" = 1 ] && [ "$native" = 1 ] && [ -z "${GAPCAST_BIN:-}" ]; then
  echo "== bench: cargo build --release --bin gapcast" >&2
  cargo build --release --quiet --bin gapcast
fi
if [ "$build" = 1 ] && [ "$wasm" = 1 ]; then
  echo "== bench: scripts/build.sh (www/pkg)" >&2
  scripts/build.sh >&2
fi
exec .venv-bench/bin/python bench/speed.py "${args[@]}"
