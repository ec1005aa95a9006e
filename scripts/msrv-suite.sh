#!/usr/bin/env bash
# The crate packs and builds as published (cargo package), and Cargo.toml's rust-version is true: the crate checks for wasm32 on exactly that compiler.
# Only rustup can bring an older compiler; where scripts/bootstrap.sh could not (the offline
# Debian path) this stage says so and counts nothing.
set -uo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=/dev/null
. target/toolchain.env
# The crate as a Rust user gets it: `cargo package` builds the packed crate on its own.
if cargo package --allow-dirty --quiet 2>&1; then echo "SUITE crate-package 1 0"; else echo "SUITE crate-package 0 1"; fi
if [ -z "${MSRV_TOOLCHAIN:-}" ]; then
  echo "msrv: no rustup toolchain for the rust-version on this machine: not checked" >&2
  echo "SUITE msrv 0 0"
  exit 0
fi
if env -u RUSTFLAGS -u RUSTC_BOOTSTRAP RUSTUP_TOOLCHAIN="$MSRV_TOOLCHAIN" CARGO_TARGET_DIR=target/msrv \
  cargo check --lib --target wasm32-unknown-unknown 2>&1; then
  echo "SUITE msrv 1 0"
else
  echo "SUITE msrv 0 1"
fi
