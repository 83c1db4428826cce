#!/usr/bin/env bash
# The API contract test: schemathesis (from PyPI) generates requests from the published
# OpenAPI document (GET /api/v1/openapi.json) and runs every check it has (`--checks all`)
# against the real `guanjia` binary, on a fresh embedded database with the demo site, signed
# in as the demo's office user. Any failure (a 500, a status or body the document does not
# state, a request the document calls invalid but the server takes, or valid but refuses)
# fails the script. Run by scripts/test.sh after the server is built; runs alone too:
#   scripts/contract.sh            (GUANJIA_BIN, default $CARGO_TARGET_DIR/debug/guanjia)
# CONTRACT_EXAMPLES (default 30) bounds the cases per operation and phase; CONTRACT_SEED
# (default 1) makes a run repeatable: another seed explores other inputs.
#
# Two passes, because one route ends the session that signs the requests:
#  1. every route but `POST /auth/logout`, which would revoke the token every later request
#     carries (the event stream is read up to its first event: scripts/contract/schemathesis.toml);
#  2. `POST /auth/logout` alone, with a token of its own (`supervisor`'s): after its first
#     call the token is revoked and the rest are answered 401, as the document says.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TARGET=${CARGO_TARGET_DIR:-$HOME/.cache/guanjia/target}
BIN=${GUANJIA_BIN:-$TARGET/debug/guanjia}
ST_VERSION=4.32.5
VENV="$HOME/.cache/guanjia/schemathesis-$ST_VERSION"
PORT=${GUANJIA_CONTRACT_PORT:-54331}
EXAMPLES=${CONTRACT_EXAMPLES:-30}
SEED=${CONTRACT_SEED:-1}
say() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }

[ -x "$BIN" ] || { echo "build the server first: cargo build -p server --bin guanjia" >&2; exit 1; }
if [ ! -x "$VENV/bin/schemathesis" ]; then
  say "installing schemathesis $ST_VERSION into $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q "schemathesis==$ST_VERSION"
fi

DATA=$(mktemp -d /tmp/guanjia-contract.XXXXXX)
"$BIN" serve --demo --addr "127.0.0.1:$PORT" --database-url "sqlite://$DATA/contract.db" \
  --blob-dir "$DATA/blobs" --dist "$DATA/no-app" >"$DATA/server.log" 2>&1 &
SERVER=$!
stop() {
  local rc=$?
  if [ "$rc" != 0 ] && ! kill -0 "$SERVER" 2>/dev/null; then
    echo "guanjia is no longer running; the end of its log:" >&2
    tail -n 20 "$DATA/server.log" >&2
  fi
  kill "$SERVER" 2>/dev/null || true
  wait "$SERVER" 2>/dev/null || true
  # A failure's server side: the log's errors, before the scratch directory goes.
  [ "$rc" = 0 ] || grep -E "ERROR|panicked" "$DATA/server.log" | tail -n 20 >&2 || true
  rm -rf "$DATA"
}
trap stop EXIT
BASE="http://127.0.0.1:$PORT/api/v1"
# Up once it says so (it prints that after binding: another process on the port cannot pass
# for it); the demo site is seeded before.
for _ in $(seq 600); do
  grep -q "Guanjia is running at" "$DATA/server.log" && break
  kill -0 "$SERVER" 2>/dev/null || { cat "$DATA/server.log"; exit 1; }
  sleep 0.1
done
curl -sf "$BASE/health" >/dev/null

# A demo user's token, through the API as a client gets it.
token() {
  curl -sf -X POST -H 'content-type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"guanjia123\"}" "$BASE/auth/login" |
    "$VENV/bin/python" -c 'import json, sys; print(json.load(sys.stdin)["token"])'
}
# Both before any generated login: failed logins from this address slow later ones down.
OFFICE=$(token office)
SUPERVISOR=$(token supervisor)
# A stored photo for the blob routes to reach (and `GET` to answer 200 with its bytes).
"$VENV/bin/python" "$ROOT/scripts/contract/seed.py" "$BASE" "$OFFICE"

# Run from the scratch directory: whatever schemathesis writes stays out of the checkout.
# One worker: with two threads, hypothesis parses lambdas' source in both at once, and
# Debian's Python 3.11 then fails at random ("AST constructor recursion depth mismatch",
# CPython gh-106905, a process-wide counter): a runtime error of the tool, not of the API.
st() {
  (cd "$DATA" && "$VENV/bin/schemathesis" --config-file "$ROOT/scripts/contract/schemathesis.toml" \
    run "$BASE/openapi.json" --checks all --no-color \
    --max-examples "$EXAMPLES" --seed "$SEED" --generation-database none \
    --request-timeout 60 --workers 1 --suppress-health-check too_slow,filter_too_much "$@")
}
say "contract 1/2: every route but logout, as office"
st -H "Authorization: Bearer $OFFICE" --exclude-path /api/v1/auth/logout
say "contract 2/2: logout, with its own token"
st -H "Authorization: Bearer $SUPERVISOR" --include-path /api/v1/auth/logout
if grep -q "panicked" "$DATA/server.log"; then
  grep -B2 -A10 "panicked" "$DATA/server.log" >&2
  exit 1
fi
say "contract: 0 failures"
