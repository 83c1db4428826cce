#!/usr/bin/env bash
# Lighthouse (mobile) performance of the login page and the request list, the figures issue 6
# asks for: builds nothing (run scripts/test.sh or scripts/run.sh first, for dist/ and the
# release server), installs lighthouse + puppeteer-core from npm into ~/.cache/guanjia when
# missing, starts the release server on a fresh demo database, and prints each run's score.
# Usage: scripts/lighthouse.sh [RUNS] [all]   (default 3; LIGHTHOUSE_PORT, default 18091)
# With `all`: the four categories (performance, accessibility, best practices, SEO), and the
# audits that cost points, instead of performance alone.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TARGET=${CARGO_TARGET_DIR:-$HOME/.cache/guanjia/target}
# GUANJIA_BIN and GUANJIA_DIST (as for the end-to-end tests) measure another build.
BIN=${GUANJIA_BIN:-$TARGET/release/guanjia}
DIST=${GUANJIA_DIST:-$ROOT/dist}
TOOLS="$HOME/.cache/guanjia/lighthouse"
[ -x "$BIN" ] || { echo "build the release server first: cargo build --release -p server" >&2; exit 1; }
[ -f "$DIST/index.html" ] || { echo "build the app first (scripts/test.sh or scripts/run.sh)" >&2; exit 1; }
if [ ! -d "$TOOLS/node_modules/lighthouse" ]; then
  mkdir -p "$TOOLS" && (cd "$TOOLS" && npm install --silent lighthouse@12 puppeteer-core@23)
fi
DATA=$(mktemp -d)
PORT=${LIGHTHOUSE_PORT:-18091}
"$BIN" serve --demo --addr "127.0.0.1:$PORT" --database-url "sqlite://$DATA/lh.db" --dist "$DIST" \
  >"$DATA/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/api/v1/health" >/dev/null && break; sleep 0.2; done
# The files' best-ratio encodings are computed in the background at start (about 2 s for the
# wasm); until then they go out compressed on the fly, larger. Measure what tablets get.
for _ in $(seq 150); do grep -q "app files precompressed" "$DATA/server.log" && break; sleep 0.2; done
# A copy beside node_modules (so its imports resolve), one per port (runs may overlap).
cp "$ROOT/scripts/lighthouse/pages.mjs" "$TOOLS/pages-$PORT.mjs"
node "$TOOLS/pages-$PORT.mjs" "http://127.0.0.1:$PORT" "${1:-3}" "${2:-performance}"
