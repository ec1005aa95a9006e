#!/usr/bin/env bash
# Builds the npm package into pkg/: cargo → wasm-bindgen → wasm-opt → entries.
# One build serves every runtime and every test suite.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
# shellcheck source=/dev/null
. target/toolchain.env
WASM_FEATURES=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
  --enable-mutable-globals --enable-reference-types --enable-multivalue)

# std is rebuilt with the crate so that a panic aborts at once: none of std's
# panic-message formatting is linked (about 8 KB gzipped). This needs the
# toolchain's std source and RUSTC_BOOTSTRAP, as ../shared/TOOLCHAIN.md's own
# offline std build does; nothing in the crate relies on unstable features.
RUSTUP_TOOLCHAIN="$WASM_TOOLCHAIN" CARGO_TARGET_DIR=target/wasm RUSTC_BOOTSTRAP=1 \
  RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort" \
  cargo build --quiet --release --target wasm32-unknown-unknown -p zilliz-cloud-wasm --lib \
  -Zbuild-std=std,panic_abort
rm -rf target/bindgen pkg
wasm-bindgen --target web --out-dir target/bindgen --out-name zilliz_cloud_wasm \
  target/wasm/wasm32-unknown-unknown/release/zilliz_cloud_wasm.wasm
mkdir -p pkg
# -Oz, and short names for every import, export and import module; the glue is
# rewritten to match (scripts/minify-names.mjs).
node_modules/.bin/wasm-opt -Oz --minify-imports-and-exports-and-modules "${WASM_FEATURES[@]}" \
  target/bindgen/zilliz_cloud_wasm_bg.wasm -o pkg/zilliz_cloud_wasm_bg.wasm >target/bindgen/names.json
node scripts/minify-names.mjs target/bindgen/zilliz_cloud_wasm.js target/bindgen/names.json pkg/zilliz_cloud_wasm_bg.wasm
node scripts/package.mjs
echo "build: pkg/ ready ($(wc -c <pkg/zilliz_cloud_wasm_bg.wasm) bytes of wasm)" >&2
