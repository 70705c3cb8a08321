#!/usr/bin/env bash
# Creates (idempotently) the Python venv of the benchmarks at .venv-bench/ and installs the pinned
# bench/requirements.txt (statsforecast and its dependencies, from PyPI). Sourced by
# scripts/bench-accuracy.sh and scripts/bench-speed.sh; safe to run again (it reinstalls only when
# the requirements file changed).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv-bench/bin/python ]; then
  echo "== bench: creating .venv-bench with $($PYTHON --version)" >&2
  "$PYTHON" -m venv .venv-bench
fi
stamp=.venv-bench/.requirements.sha256
want="$(sha256sum bench/requirements.txt | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  echo "== bench: pip install -r bench/requirements.txt" >&2
  .venv-bench/bin/python -m pip install --quiet --upgrade pip >&2
  .venv-bench/bin/python -m pip install --quiet -r bench/requirements.txt >&2
  echo "$want" > "$stamp"
fi
