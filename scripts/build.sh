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
# panic-message formatting is linked (about 8 KB gzipped); nor are source
# paths for panic locations or Debug formatting. This needs the toolchain's
# std source and RUSTC_BOOTSTRAP, as ../shared/TOOLCHAIN.md's own offline std
# build does; only these build flags are unstable, never the crate's code, and
# the compiler is the one scripts/bootstrap.sh pins (1.96.0 from rustup, or
# Debian's rustc-web of the same release), so their meaning cannot drift.
# The crate itself builds on stable with a plain `cargo build` (scripts/stable-suite.sh).
RUSTUP_TOOLCHAIN="$WASM_TOOLCHAIN" CARGO_TARGET_DIR=target/wasm RUSTC_BOOTSTRAP=1 \
  RUSTFLAGS="-Ctarget-feature=-reference-types -Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none" \
  cargo build --quiet --release --target wasm32-unknown-unknown -p zilliz-cloud-wasm --lib --features npm \
  -Zbuild-std=std,panic_abort
# Everything below reads only these: when none changed since pkg/ was made, pkg/ is up to date
# (make demo on a built tree starts at once instead of spending 20 s on wasm-bindgen and wasm-opt).
STAMP="$(cat target/wasm/wasm32-unknown-unknown/release/zilliz_cloud_wasm.wasm js/* src/transport/attempt.js \
  scripts/build.sh scripts/package.mjs scripts/minify-names.mjs scripts/prune-closure-table.mjs \
  Cargo.toml Cargo.lock package-lock.json LICENSE | sha256sum | cut -d' ' -f1)"
if [ -f pkg/.build-stamp ] && [ "$(cat pkg/.build-stamp)" = "$STAMP" ] && [ -f pkg/package.json ]; then
  echo "build: pkg/ up to date" >&2
  exit 0
fi
rm -rf target/bindgen pkg
wasm-bindgen --target web --out-dir target/bindgen --out-name zilliz_cloud_wasm \
  target/wasm/wasm32-unknown-unknown/release/zilliz_cloud_wasm.wasm
mkdir -p pkg
# -Oz until it stops shrinking, without the producers and target-features
# sections. --low-memory-unused lets it fold constant offsets into loads and
# stores: true of Rust's layout, where the first 1 KB is the far end of a 1 MB
# stack. Then short names for every import, export and import module, with the
# glue rewritten to match (scripts/minify-names.mjs).
# Closure shims that no code can call leave the function table first (scripts/prune-closure-table.mjs).
node scripts/prune-closure-table.mjs target/bindgen/zilliz_cloud_wasm_bg.wasm target/bindgen/pruned.wasm >&2
node_modules/.bin/wasm-opt -Oz --converge --low-memory-unused --strip-producers --strip-target-features "${WASM_FEATURES[@]}" \
  target/bindgen/pruned.wasm -o target/bindgen/optimized.wasm
node_modules/.bin/wasm-opt --minify-imports-and-exports-and-modules "${WASM_FEATURES[@]}" \
  target/bindgen/optimized.wasm -o pkg/zilliz_cloud_wasm_bg.wasm >target/bindgen/names.json
node scripts/minify-names.mjs target/bindgen/zilliz_cloud_wasm.js target/bindgen/names.json pkg/zilliz_cloud_wasm_bg.wasm
node scripts/package.mjs
echo "$STAMP" >pkg/.build-stamp
echo "build: pkg/ ready ($(wc -c <pkg/zilliz_cloud_wasm_bg.wasm) bytes of wasm)" >&2
