#!/usr/bin/env bash
# Runs every test: formatting and lints, the shared crate (merge laws, simulation, golden
# vectors), the server suite on SQLite and on a real PostgreSQL server started here, the
# app's native tests and its wasm-bindgen tests in headless Chromium, the API contract test
# (schemathesis against the real server, scripts/contract.sh) and the end-to-end tests (real
# server + headless Chromium). Installs what is missing first.
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
cd "$ROOT"
ensure_rust
# Chinese fonts: without them Chromium draws 中文 as empty boxes and a printed PDF holds no
# Chinese text (the monthly report's print test reads it back).
apt_install chromium chromium-driver postgresql fonts-noto-cjk

# The release app spends most of its build on one core (one codegen unit, LTO): the host
# checks and tests run beside it, and only the steps that need the app wait for it. Its
# output is shown when it ends.
ensure_wasm_toolchain
APP_LOG=$(mktemp /tmp/guanjia-app-build.XXXXXX)
build_app >"$APP_LOG" 2>&1 &
APP_PID=$!
wait_for_app() {
  say "waiting for the app build (started at the beginning)"
  local status=0
  wait "$APP_PID" || status=$?
  APP_PID=
  cat "$APP_LOG"
  rm -f "$APP_LOG"
  [ "$status" = 0 ] || { echo "the app build failed ($status)" >&2; exit "$status"; }
}

say "cargo fmt --check and clippy (host)"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets -- -D warnings

# A throwaway PostgreSQL server on a private port and socket directory (it refuses to run
# as root, so it runs as the postgres user when we are root).
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)
PG_DIR=$(mktemp -d /tmp/guanjia-pg.XXXXXX)
PG_PORT=${GUANJIA_PG_PORT:-54329}
pg_as() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$PG_DIR"
S3_PID=
stop_pg() {
  [ -n "${APP_PID:-}" ] && kill "$APP_PID" 2>/dev/null
  pg_as "$PG_BIN/pg_ctl -D $PG_DIR/data -m immediate stop" >/dev/null 2>&1 || true
  [ -n "$S3_PID" ] && kill "$S3_PID" 2>/dev/null
  rm -rf "$PG_DIR"
}
trap stop_pg EXIT
say "starting PostgreSQL on 127.0.0.1:$PG_PORT"
pg_as "$PG_BIN/initdb -D $PG_DIR/data -A trust -U postgres >/dev/null"
pg_as "$PG_BIN/pg_ctl -D $PG_DIR/data -l $PG_DIR/log -w -o '-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200' start >/dev/null"
export GUANJIA_TEST_PG_URL="postgres://postgres@127.0.0.1:$PG_PORT/postgres"

# A throwaway S3-compatible server (s3s-fs) for the object-storage variants of the blob tests.
ensure_s3s
S3_PORT=${GUANJIA_S3_PORT:-54330}
mkdir -p "$PG_DIR/s3/guanjia-test"
say "starting s3s-fs on 127.0.0.1:$S3_PORT"
s3s-fs --host 127.0.0.1 --port "$S3_PORT" --access-key guanjia --secret-key guanjia-secret \
  "$PG_DIR/s3" >"$PG_DIR/s3.log" 2>&1 &
S3_PID=$!
for _ in $(seq 100); do
  curl -s -o /dev/null "http://127.0.0.1:$S3_PORT/" && break
  kill -0 "$S3_PID" 2>/dev/null || { cat "$PG_DIR/s3.log"; exit 1; }
  sleep 0.1
done
export GUANJIA_TEST_S3_URL="http://127.0.0.1:$S3_PORT"

# Every test runner's output also goes to a log, summed up in one closing line.
TEST_LOG="$PG_DIR/tests.log"
record() { "$@" 2>&1 | tee -a "$TEST_LOG"; }

say "host tests: shared, server (SQLite + PostgreSQL), app logic"
cargo build -p server --bin guanjia
record cargo test --workspace --exclude e2e

say "API contract: schemathesis against the real server (scripts/contract.sh)"
python3 -c 'import ensurepip, venv' 2>/dev/null || apt_install python3-venv
record env GUANJIA_BIN="$CARGO_TARGET_DIR/debug/guanjia" scripts/contract.sh

wait_for_app
say "clippy (the app for wasm32)"
"${WASM_ENV[@]}" cargo clippy -p app --target wasm32-unknown-unknown --all-targets -- -D warnings

say "app tests in headless Chromium (wasm-bindgen-test)"
record "${WASM_ENV[@]}" CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  CHROMEDRIVER=/usr/bin/chromedriver \
  cargo test -p app --target wasm32-unknown-unknown

say "end-to-end tests: real server + headless Chromium"
ensure_axe
record env GUANJIA_BIN="$CARGO_TARGET_DIR/debug/guanjia" GUANJIA_DIST="$ROOT/dist" \
  cargo test -p e2e -- --test-threads=1
passed=$(awk '/^test result: ok\./ { n += $4 } END { print n + 0 }' "$TEST_LOG")
say "all tests passed"
echo "$passed passed, 0 failed"
