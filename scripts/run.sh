#!/usr/bin/env bash
# The main job: set up (idempotently), build the WASM package and the page, write the offline file
# dist/gapcast.html, then serve www/ on http://127.0.0.1:8000 with the bundled seed scenario loaded.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${PORT:-8000}"
bash scripts/setup.sh
bash scripts/build.sh
echo
echo "offline file: $(pwd)/dist/gapcast.html (open it from a USB stick or an e-mail attachment; no network needed)"
echo "serving the page: http://127.0.0.1:${PORT}/  (Ctrl-C to stop)"
exec python3 -m http.server "$PORT" --bind 127.0.0.1 --directory www
