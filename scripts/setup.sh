#!/usr/bin/env bash
# Installs everything gapcast needs to build and test, idempotently (safe to run again).
# Only package registries are reachable on these machines (crates.io, npm, PyPI, Debian), so nothing
# here downloads a prebuilt binary: wasm-pack and wasm-bindgen-cli are compiled by cargo, wasm-opt
# comes from the npm package `binaryen`, Chromium from Debian.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\n== setup: %s\n' "$*"; }

# The wasm-bindgen version pinned in Cargo.toml; the CLI must match it exactly.
WASM_BINDGEN_VERSION="$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)"/\1/p' Cargo.toml | head -n 1)"
WASM_PACK_VERSION="0.15.1"
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  say "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION (several minutes the first time)"
  # --locked can fail when a locked transitive crate is missing from the registry mirror.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --locked --force \
    || cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if [ "$(wasm-pack --version 2>/dev/null | awk '{print $2}')" != "$WASM_PACK_VERSION" ]; then
  say "cargo install wasm-pack $WASM_PACK_VERSION (a few minutes the first time)"
  cargo install wasm-pack --version "$WASM_PACK_VERSION" --locked --force \
    || cargo install wasm-pack --version "$WASM_PACK_VERSION" --force
fi

# fonts-wqy-microhei: a CJK font, so that screenshots of the page show Chinese text.
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null \
   || ! dpkg -s fonts-wqy-microhei >/dev/null 2>&1; then
  say "apt-get install chromium chromium-driver fonts-wqy-microhei"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium chromium-driver fonts-wqy-microhei
fi

if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] \
   || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "npm ci"
  npm ci --no-audit --no-fund
fi
say "ready: $(wasm-bindgen --version), $(wasm-pack --version), $(chromium --version 2>/dev/null | head -1)"
