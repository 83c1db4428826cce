# shellcheck shell=bash
# Installs and configures what Guanjia's build needs, only when missing. Sourced by
# scripts/run.sh and scripts/test.sh; safe to source again (every step checks first).
#
# The WebAssembly standard library comes from `rustup target add` where that works (an
# ordinary laptop) and from Debian's rustc-web + rust-web-src otherwise (machines without
# a route to the rustup servers; see docs/building.md).

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/guanjia/target}
WASM_TARGET_DIR=${WASM_TARGET_DIR:-$HOME/.cache/guanjia/target-wasm}
export PATH="$HOME/.cargo/bin:$PATH"

# Each step says how long the script has run so far (bash's SECONDS), so a slow step shows.
say() { printf '\033[1;34m==>\033[0m [%dm%02ds] %s\n' $((SECONDS / 60)) $((SECONDS % 60)) "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

APT_UPDATED=0
apt_install() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing Debian packages: ${missing[*]}"
  if [ "$APT_UPDATED" = 0 ]; then as_root apt-get update -q; APT_UPDATED=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
}

ensure_rust() {
  command -v cargo >/dev/null || { echo "cargo not found: install rustup first (https://rustup.rs)"; exit 1; }
  apt_install pkg-config build-essential
}

# Chooses how wasm32 is built and exports WASM_ENV (an `env` prefix for wasm commands).
ensure_wasm_toolchain() {
  if rustup target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$'; then
    WASM_MODE=rustup
  elif dpkg-query -W -f='${Status}' rustc-web 2>/dev/null | grep -q "install ok installed" \
    && [ -d /usr/lib/rustlib/src/rust ]; then
    WASM_MODE=debian
  elif timeout 90 rustup target add wasm32-unknown-unknown >/dev/null 2>&1; then
    WASM_MODE=rustup
  else
    say "rustup cannot fetch the wasm32 standard library here: using Debian's rustc-web"
    WASM_MODE=debian
  fi
  if [ "$WASM_MODE" = debian ]; then
    apt_install rustc-web cargo-web rust-web-src lld-22 rust-web-clippy
  fi
  if [ "$WASM_MODE" = debian ]; then
    WASM_ENV=(env RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort
      PATH="/usr/bin:$HOME/.cargo/bin:$PATH" CARGO_TARGET_DIR="$WASM_TARGET_DIR")
  else
    WASM_ENV=(env CARGO_TARGET_DIR="$WASM_TARGET_DIR")
  fi
}

ensure_wasm_bindgen() {
  local want have
  want=$(grep -A1 '^name = "wasm-bindgen"$' "$ROOT/Cargo.lock" | sed -n 's/^version = "\(.*\)"/\1/p')
  have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
  if [ "$want" != "$have" ]; then
    say "installing wasm-bindgen-cli $want (matches Cargo.lock)"
    cargo install wasm-bindgen-cli --version "$want" --force
  fi
}

ensure_trunk() {
  command -v trunk >/dev/null && return 0
  say "installing Trunk (once; several minutes on 2 cores)"
  local v
  v=$(rustc --version | awk '{print $2}')
  if printf '1.96.1\n%s\n' "$v" | sort -V -C; then
    cargo install trunk --locked
  elif rustup toolchain list | grep -q '^nightly'; then
    cargo +nightly install trunk --locked
  else
    cargo install trunk --version 0.21.14 --locked
  fi
}

# An S3-compatible object-storage server for the tests of the S3 blob store (s3s-fs: a real S3
# server over a directory; MinIO is not packaged for Debian).
ensure_s3s() {
  if ! command -v s3s-fs >/dev/null 2>&1; then
    say "installing s3s-fs 0.14.1 (S3-compatible server for the blob store tests)"
    cargo install s3s-fs --version 0.14.1 --features binary --locked
  fi
}

# axe-core's browser bundle for the accessibility walk (tests/tests/every_page_every_role.rs,
# which reads GUANJIA_AXE, default below, and fails without it). From npm, pinned major.
AXE_DIR=${AXE_DIR:-$HOME/.cache/guanjia/axe}
ensure_axe() {
  export GUANJIA_AXE=${GUANJIA_AXE:-$AXE_DIR/node_modules/axe-core/axe.min.js}
  [ -f "$GUANJIA_AXE" ] && return 0
  command -v npm >/dev/null || apt_install npm
  say "installing axe-core 4 into $AXE_DIR (accessibility checks of the end-to-end tests)"
  npm install --prefix "$AXE_DIR" --no-audit --no-fund axe-core@4
}

# Builds the app into dist/ (release, no downloads).
build_app() {
  ensure_wasm_toolchain
  ensure_wasm_bindgen
  ensure_trunk
  say "building the app (WebAssembly, release)"
  (cd "$ROOT" && "${WASM_ENV[@]}" "$(command -v trunk)" build --release --offline)
}
