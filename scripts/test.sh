#!/usr/bin/env bash
# Sets up (idempotently) and runs every test: native unit/golden/property/CLI tests, the binding in
# headless Chromium (wasm-bindgen-test), the release build with the offline file, and the end-to-end
# page tests (served over http:// and opened from file://). The last line is the summary of all runners.
set -uo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

bash scripts/setup.sh || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }

log="$(mktemp -d)"
status=0
step() { printf '\n== test: %s\n' "$1"; }

step "native (cargo test)"
cargo test --color never 2>&1 | tee "$log/native.txt"
[ "${PIPESTATUS[0]}" = 0 ] || status=1

step "binding in headless Chromium (wasm-bindgen-test)"
CHROMEDRIVER=/usr/bin/chromedriver WASM_BINDGEN_TEST_TIMEOUT=120 \
  cargo test --color never --target wasm32-unknown-unknown --test web 2>&1 | tee "$log/wasm.txt"
[ "${PIPESTATUS[0]}" = 0 ] || status=1

step "release build, wasm-opt, offline file"
if ! bash scripts/build.sh 2>&1 | tee "$log/build.txt"; then
  status=1
  echo "build failed" | tee -a "$log/build-failed.txt"
fi

step "native CLI, release build (the page tests compare the page with it)"
cargo build --release --bin gapcast 2>&1 | tail -n 2

step "type check of www/ (tsc --checkJs: the page, and the worker in its own scope)"
ok=0; bad=0
for project in tsconfig.json tsconfig.worker.json; do
  if node_modules/.bin/tsc -p "$project" 2>&1; then ok=$((ok + 1)); else bad=$((bad + 1)); fi
done
echo "tsc: $ok passed; $bad failed;" | tee "$log/tsc.txt"

step "benchmark metrics (python unittest: bench/test_metrics.py, numpy in .venv-test)"
# The Python copies of the metrics and the choice of scored years (the benchmarks use them).
want="$(sha256sum bench/requirements-test.txt | cut -d' ' -f1)"
if { [ -x .venv-test/bin/python ] || python3 -m venv .venv-test; } &&
  { [ "$(cat .venv-test/.requirements.sha256 2>/dev/null)" = "$want" ] ||
    { .venv-test/bin/python -m pip install --quiet -r bench/requirements-test.txt &&
      echo "$want" > .venv-test/.requirements.sha256; }; }; then
  (cd bench && ../.venv-test/bin/python -m unittest -v test_metrics) 2>&1 | tee "$log/python-unittest.log"
  code=${PIPESTATUS[0]}
  ok=$(grep -cE '\.\.\. ok$' "$log/python-unittest.log")
  bad=$(grep -cE '\.\.\. (FAIL|ERROR)$' "$log/python-unittest.log")
  # a run that failed before any test (an import error) counts as one failure
  [ "$code" = 0 ] || [ "$bad" -gt 0 ] || bad=1
  echo "python unittest: $ok passed; $bad failed;" | tee "$log/python.txt"
else
  echo "python unittest: 0 passed; 1 failed; (could not set up .venv-test)" | tee "$log/python.txt"
fi

step "end-to-end page tests (node --test, playwright-core, Debian chromium)"
node --test --test-reporter=spec tests/e2e/ 2>&1 | tee "$log/e2e.txt"
[ "${PIPESTATUS[0]}" = 0 ] || status=1

# Add up every runner's counts: cargo's "test result: … N passed; M failed" (and the Python step's line
# in the same form) and node's "ℹ pass N".
sum() { grep -hoE "$1" "$log"/*.txt | grep -oE '[0-9]+' | awk '{s+=$1} END {print s+0}'; }
passed=$(( $(sum '[0-9]+ passed;') + $(sum 'ℹ pass [0-9]+') ))
failed=$(( $(sum '[0-9]+ failed;') + $(sum 'ℹ fail [0-9]+') + $(ls "$log"/build-failed.txt 2>/dev/null | wc -l) ))
[ "$failed" = 0 ] || status=1
echo
echo "$passed passed, $failed failed"
exit $status
