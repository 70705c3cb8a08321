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

step "end-to-end page tests (node --test, playwright-core, Debian chromium)"
node --test --test-reporter=spec tests/e2e/ 2>&1 | tee "$log/e2e.txt"
[ "${PIPESTATUS[0]}" = 0 ] || status=1

# Add up every runner's counts: cargo's "test result: … N passed; M failed" and node's "ℹ pass N".
sum() { grep -hoE "$1" "$log"/*.txt | grep -oE '[0-9]+' | awk '{s+=$1} END {print s+0}'; }
passed=$(( $(sum '[0-9]+ passed;') + $(sum 'ℹ pass [0-9]+') ))
failed=$(( $(sum '[0-9]+ failed;') + $(sum 'ℹ fail [0-9]+') + $(ls "$log"/build-failed.txt 2>/dev/null | wc -l) ))
[ "$failed" = 0 ] || status=1
echo
echo "$passed passed, $failed failed"
exit $status
