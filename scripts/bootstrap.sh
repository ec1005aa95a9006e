#!/usr/bin/env bash
# Installs what the build (`bootstrap.sh build`, for make build and make demo) or the build and
# every test (`bootstrap.sh`, for make test) need, and nothing twice: rustup's wasm32 target if
# it can be had, else Debian's rustc-web with a wasm32 std built from its own source.
# `build` leaves out what only the tests use: Chromium, the rust-version's compiler,
# worker-build, and the npm test tools and runtimes (the root package's devDependencies).
# Writes target/toolchain.env, which the other scripts source.
set -euo pipefail
FOR="${1:-test}"
case "$FOR" in build|test) ;; *) echo "bootstrap: usage: bootstrap.sh [build|test]" >&2; exit 2 ;; esac
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
mkdir -p target
log() { printf 'bootstrap: %s\n' "$*" >&2; }

APT_UPDATED=0
apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$APT_UPDATED" = 0 ]; then
    log "apt-get update"; DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null; APT_UPDATED=1
  fi
  log "apt-get install ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# --- Packages from Debian: Chromium for the browser tests, gzip/curl for scripts.
if [ "$FOR" = test ]; then apt_install chromium chromium-driver curl ca-certificates; fi

# --- The pinned compiler for wasm32 builds: Rust 1.96.0, the release Debian's rustc-web
# ships too, so that both paths build the package with the same compiler (its size build
# uses unstable build flags, whose meaning a new compiler may change). With rust-src:
# scripts/build.sh rebuilds std with immediate-abort panics, for size.
PINNED_RUST=1.96.0
toolchain_ready() { # $1 = toolchain name
  local sysroot; sysroot="$(RUSTUP_TOOLCHAIN="$1" rustc --print sysroot 2>/dev/null)" || return 1
  RUSTUP_TOOLCHAIN="$1" rustc --version 2>/dev/null | grep -q "^rustc $PINNED_RUST" &&
    compgen -G "$sysroot/lib/rustlib/wasm32-unknown-unknown/lib/libstd-*.rlib" >/dev/null &&
    compgen -G "$sysroot/lib/rustlib/wasm32-unknown-unknown/lib/libtest-*.rlib" >/dev/null &&
    [ -d "$sysroot/lib/rustlib/src/rust/library/std" ]
}
WASM_TOOLCHAIN=""
RUSTUP_OK=1
# ZCW_FORCE_DEBIAN_RUST=1 takes the offline path even where rustup works (to test it).
if [ "${ZCW_FORCE_DEBIAN_RUST:-0}" = 1 ]; then RUSTUP_OK=0; fi
if [ "$RUSTUP_OK" = 1 ] && toolchain_ready "$PINNED_RUST"; then
  WASM_TOOLCHAIN="$PINNED_RUST"
elif toolchain_ready debian-web && [ -x /usr/bin/rust-lld ]; then
  WASM_TOOLCHAIN=debian-web
elif [ "$RUSTUP_OK" = 1 ] && log "rustup toolchain install $PINNED_RUST" &&
     timeout 180 rustup toolchain install "$PINNED_RUST" --profile minimal \
       --target wasm32-unknown-unknown --component rust-src --component clippy >/dev/null 2>&1 &&
     toolchain_ready "$PINNED_RUST"; then
  WASM_TOOLCHAIN="$PINNED_RUST"
else
  RUSTUP_OK=0
  log "rustup cannot install $PINNED_RUST here: building it from Debian's rustc-web"
  # rust-web-llvm provides /usr/bin/rust-lld (-> lld-22), the wasm linker.
  apt_install rustc-web cargo-web rust-web-src rust-web-llvm lld-22
  if ! /usr/bin/rustc --version | grep -q "^rustc $PINNED_RUST"; then
    log "Debian's rustc-web is $(/usr/bin/rustc --version), not $PINNED_RUST: update PINNED_RUST in scripts/bootstrap.sh"
    exit 1
  fi
  # With libtest: the wasm-bindgen-test suite of the Rust API builds a test harness.
  if ! compgen -G "/usr/lib/rustlib/wasm32-unknown-unknown/lib/libtest-*.rlib" >/dev/null; then
    scratch="$(mktemp -d)"
    mkdir -p "$scratch/src" && : >"$scratch/src/lib.rs"
    printf '[package]\nname = "wasmstdscratch"\nversion = "0.0.0"\nedition = "2021"\n[lib]\npath = "src/lib.rs"\n' >"$scratch/Cargo.toml"
    log "building the wasm32 std (a few minutes)"
    ( cd "$scratch" && env -u RUSTUP_TOOLCHAIN PATH="/usr/bin:$PATH" RUSTC_BOOTSTRAP=1 RUSTFLAGS=-Cembed-bitcode=yes \
        /usr/bin/cargo build -q --release --target wasm32-unknown-unknown -Zbuild-std=std,panic_abort,test )
    mkdir -p /usr/lib/rustlib/wasm32-unknown-unknown/lib
    # Only this build's rlibs: two copies of std would make every build ambiguous.
    rm -f /usr/lib/rustlib/wasm32-unknown-unknown/lib/*.rlib
    cp "$scratch"/target/wasm32-unknown-unknown/release/deps/lib*.rlib /usr/lib/rustlib/wasm32-unknown-unknown/lib/
    rm -f /usr/lib/rustlib/wasm32-unknown-unknown/lib/libwasmstdscratch*.rlib
    rm -rf "$scratch"
  fi
  rustup toolchain list | grep -q '^debian-web' || rustup toolchain link debian-web /usr
  WASM_TOOLCHAIN=debian-web
fi
# clippy for the wasm32 lint stage of scripts/test.sh (a toolchain installed before it was asked for lacks it).
if [ "$WASM_TOOLCHAIN" = "$PINNED_RUST" ] && ! RUSTUP_TOOLCHAIN="$PINNED_RUST" cargo clippy --version >/dev/null 2>&1; then
  timeout 120 rustup component add clippy --toolchain "$PINNED_RUST" >/dev/null 2>&1 || log "no clippy for $PINNED_RUST"
fi
log "wasm toolchain: $WASM_TOOLCHAIN ($(RUSTUP_TOOLCHAIN="$WASM_TOOLCHAIN" rustc --version))"

# --- The rust-version of Cargo.toml, for scripts/msrv-suite.sh: only rustup can bring an
# older compiler; on the offline path that stage says it cannot run.
MSRV="$(awk -F'"' '/^rust-version = /{print $2; exit}' Cargo.toml)"
MSRV_TOOLCHAIN=""
if [ "$RUSTUP_OK" = 1 ] && [ "$FOR" = test ]; then
  msrv_ready() {
    local sysroot; sysroot="$(RUSTUP_TOOLCHAIN="$MSRV.0" rustc --print sysroot 2>/dev/null)" || return 1
    compgen -G "$sysroot/lib/rustlib/wasm32-unknown-unknown/lib/libstd-*.rlib" >/dev/null
  }
  if msrv_ready || { log "rustup toolchain install $MSRV.0 (the rust-version)" &&
       timeout 180 rustup toolchain install "$MSRV.0" --profile minimal --target wasm32-unknown-unknown >/dev/null 2>&1 && msrv_ready; }; then
    MSRV_TOOLCHAIN="$MSRV.0"
  fi
fi

# --- wasm-bindgen CLI, exactly the version in Cargo.lock.
WBG_VERSION="$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)"
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WBG_VERSION" ]; then
  log "cargo install wasm-bindgen-cli $WBG_VERSION (about 3 minutes)"
  env -u RUSTUP_TOOLCHAIN cargo install -q wasm-bindgen-cli --version "=$WBG_VERSION" --force
fi

# --- worker-build, for the workers-rs example (examples/worker); scripts/worker-suite.sh
# points it at the local esbuild, wasm-opt and wasm-bindgen instead of its downloads.
WORKER_BUILD_VERSION=0.8.7
if [ "$FOR" = test ] && [ "$(worker-build --version 2>/dev/null)" != "$WORKER_BUILD_VERSION" ]; then
  log "cargo install worker-build $WORKER_BUILD_VERSION (about 2 minutes)"
  env -u RUSTUP_TOOLCHAIN cargo install -q worker-build --version "=$WORKER_BUILD_VERSION" --force
fi

# --- npm tools, pinned by package-lock.json: for the build only its optionalDependencies
# (binaryen's wasm-opt, esbuild; `npm ci --omit=dev` installs them); for the tests its
# devDependencies too (runtimes, bundlers, playwright-core).
# target/.npm-installed-lock records the lock installed and, on its first line, for what.
installed="$(head -1 target/.npm-installed-lock 2>/dev/null || true)"
if [ ! -f node_modules/.package-lock.json ] || ! tail -n +2 target/.npm-installed-lock 2>/dev/null | cmp -s package-lock.json - ||
   { [ "$FOR" = test ] && [ "$installed" != "for test" ]; }; then
  if [ "$FOR" = test ]; then
    log "npm ci"
    npm ci --no-audit --no-fund --loglevel=error >/dev/null
  else
    log "npm ci --omit=dev (the build's tools only)"
    npm ci --omit=dev --no-audit --no-fund --loglevel=error >/dev/null
  fi
  { echo "for $FOR"; cat package-lock.json; } >target/.npm-installed-lock
fi

cat >target/toolchain.env <<ENV
WASM_TOOLCHAIN=$WASM_TOOLCHAIN
WASM_BINDGEN_VERSION=$WBG_VERSION
MSRV_TOOLCHAIN=$MSRV_TOOLCHAIN
ENV
log "ready"
