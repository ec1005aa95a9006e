#!/usr/bin/env bash
# The Rust API on stable Rust: a plain `cargo build --release --target wasm32-unknown-unknown`
# (no RUSTC_BOOTSTRAP, no -Z flags, no RUSTFLAGS), then the wasm-bindgen-test suite
# (tests/rust_api.rs) built once on that profile and run against the mock in Node and in
# headless Chromium. Prints "SUITE <name> <passed> <failed>" lines.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
# shellcheck source=/dev/null
. target/toolchain.env
LOGS=target/test-logs
mkdir -p "$LOGS"
KEY="sk-zcw-rust-api-SECRET-4d2b91e7" # tests/rust_api.rs's KEY
export MOCK_BIN="${MOCK_BIN:-$ROOT/target/debug/zilliz-mock}"
# A plain stable build: the pinned compiler, nothing else in the environment.
stable() { env -u RUSTFLAGS -u RUSTC_BOOTSTRAP -u CARGO_ENCODED_RUSTFLAGS RUSTUP_TOOLCHAIN="$WASM_TOOLCHAIN" \
  CARGO_TARGET_DIR=target/stable "$@"; }

if stable cargo build --release --target wasm32-unknown-unknown 2>&1 | tee "$LOGS/stable-build.log"; then
  echo "SUITE stable-build 1 0"
else
  echo "SUITE stable-build 0 1"
fi

# The browser run's page is served by wasm-bindgen-test-runner on a port named here, so that
# the mock can let that origin script its /__mock/ control surface (it answers only its own).
RUNNER_PORT="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
# shellcheck source=scripts/lib.sh
. scripts/lib.sh
start_mock "$KEY" --control-origin "http://127.0.0.1:$RUNNER_PORT" ||
  { echo "rust-api: the mock did not start" >&2; MOCK_URL=""; }
echo "rust-api: mock at $MOCK_URL" >&2

run_tests() { # $1 = suite name, then environment assignments for the runner
  local name="$1" log="$LOGS/$1.log" p f; shift
  if [ -z "$MOCK_URL" ]; then echo "SUITE $name 0 1"; return; fi
  stable env "$@" ZCW_MOCK_URL="$MOCK_URL" ZCW_FUZZ_CASES="${ZCW_FUZZ_CASES:-3000}" \
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
    WASM_BINDGEN_TEST_TIMEOUT=120 cargo test --release --target wasm32-unknown-unknown ${TEST_ARGS:---test rust_api} 2>&1 | tee "$log"
  read -r p f <<<"$(cargo_totals "$log")"
  if ! grep -q 'test result:' "$log"; then f=$((f + 1)); fi
  echo "SUITE $name $p $f"
}
run_tests rust-api-node
run_tests rust-api-chromium WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER=/usr/bin/chromedriver \
  WASM_BINDGEN_TEST_ADDRESS="127.0.0.1:$RUNNER_PORT" \
  WASM_BINDGEN_TEST_WEBDRIVER_JSON="$ROOT/tests/rust/webdriver.json"
# A Rust program that uses the crate by path with its own #[global_allocator] (tests/rust-app/):
# it builds for wasm32, and drops a cluster of the mock, in Node.
TEST_ARGS="-p zcw-rust-app --test drop" run_tests rust-app
