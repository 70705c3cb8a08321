#!/usr/bin/env bash
# Accuracy benchmark: gapcast (every method, through `gapcast forecast`) next to statsforecast
# AutoETS / AutoTheta / AutoARIMA / SeasonalNaive on the M1, tourism and classic monthly sets, and
# the annual-total task for gapcast auto vs pace. One table per set on standard output.
#
#   scripts/bench-accuracy.sh                 # full sets (about 20 minutes on 2 cores, mostly AutoARIMA)
#   scripts/bench-accuracy.sh --quick         # every 5th M1 / tourism series
#   scripts/bench-accuracy.sh --help          # every option (sets, methods, models, n_jobs, ...)
#
# Data: GAPCAST_BENCH_DATA (default ../shared/bench-data from the repository root).
# Binary: GAPCAST_BIN, else this repository's release build (built here, CARGO_TARGET_DIR honoured).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bench-venv.sh

skip_gapcast=0
for a in "$@"; do
  case "$a" in --skip-gapcast | -h | --help) skip_gapcast=1 ;; esac
done
if [ -z "${GAPCAST_BIN:-}" ] && [ "$skip_gapcast" = 0 ]; then
  echo "== bench: cargo build --release --bin gapcast" >&2
  cargo build --release --quiet --bin gapcast
fi
(cd bench && ../.venv-bench/bin/python -m unittest --quiet test_metrics 2>&1 | tail -n 1 >&2)
exec .venv-bench/bin/python bench/accuracy.py "$@"
