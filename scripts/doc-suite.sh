#!/usr/bin/env bash
# The crate's documentation as docs.rs builds it (Cargo.toml's [package.metadata.docs.rs]: the
# wasm32-unknown-unknown target), with every rustdoc warning an error: broken intra-doc links
# included. Prints "SUITE doc <passed> <failed>".
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
# shellcheck source=/dev/null
. target/toolchain.env
target="$(awk -F'"' '/^default-target = /{print $2; exit}' Cargo.toml)"
if RUSTUP_TOOLCHAIN="$WASM_TOOLCHAIN" CARGO_TARGET_DIR=target/doc-wasm RUSTDOCFLAGS="-D warnings" \
    cargo doc -q --no-deps --target "${target:?no docs.rs default-target in Cargo.toml}" -p zilliz-cloud-wasm; then
  echo "SUITE doc 1 0"
else
  echo "SUITE doc 0 1"
fi
