#!/usr/bin/env bash
# Builds everything and starts Guanjia on http://127.0.0.1:8080 with the embedded SQLite
# database in ./data/ and the demo site. Installs what is missing first. Re-running keeps
# the data and only rebuilds what changed.
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
cd "$ROOT"
ensure_rust
build_app
say "building the server (release)"
cargo build --release -p server --bin guanjia
mkdir -p data
DB_URL=${DATABASE_URL:-sqlite://data/guanjia.db}
# The demo site with a year of history (2,400 requests, mostly done and called back), so the
# reports have months to compare; seeded on the first start only (then it says it exists).
"$CARGO_TARGET_DIR/release/guanjia" demo --requests "${GUANJIA_DEMO_REQUESTS:-2400}" \
  --database-url "$DB_URL" >/dev/null
exec "$CARGO_TARGET_DIR/release/guanjia" serve --demo \
  --addr "${GUANJIA_ADDR:-127.0.0.1:8080}" \
  --database-url "$DB_URL" \
  --dist dist
