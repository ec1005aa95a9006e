#!/usr/bin/env bash
# Runs every suite and ends with one line: "N passed, N failed".
# Assumes scripts/bootstrap.sh has run (make test does that first).
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
LOGS=target/test-logs
mkdir -p "$LOGS"
PASSED=0
FAILED=0
STAGE_FAILURES=()

stage() { printf '\n=== %s ===\n' "$1"; }
broken() { # a stage that could not run or report counts as one failure
  FAILED=$((FAILED + 1)); STAGE_FAILURES+=("$1")
}

# shellcheck source=scripts/lib.sh
. scripts/lib.sh

# Sums "test result: ... N passed; M failed" lines of cargo test.
count_cargo() {
  local p f
  read -r p f <<<"$(cargo_totals "$1")"
  PASSED=$((PASSED + p)); FAILED=$((FAILED + f))
  echo "cargo: $p passed, $f failed"
}

# Reads the "# pass N" / "# fail N" lines of a TAP file from node's test runner.
count_tap() {
  local name="$1" tap="$2" p f
  p=$(awk '/^# pass /{print $3}' "$tap" | tail -1)
  f=$(awk '/^# fail /{print $3}' "$tap" | tail -1)
  if [ -z "$p" ] || [ -z "$f" ]; then broken "$name (no summary)"; return; fi
  PASSED=$((PASSED + p)); FAILED=$((FAILED + f))
  echo "$name: $p passed, $f failed"
}

# Reads "SUITE <name> <passed> <failed>" lines.
count_suite_lines() {
  local suite="$1" log="$2" lines
  lines=$(grep -E '^SUITE [^ ]+ [0-9]+ [0-9]+$' "$log" || true)
  if [ -z "$lines" ]; then broken "$suite (no SUITE line)"; return; fi
  while read -r _ name p f; do
    PASSED=$((PASSED + p)); FAILED=$((FAILED + f))
    echo "$name: $p passed, $f failed"
  done <<<"$lines"
}
EXTRA_SUITES="${EXTRA_SUITES:-build size types checkers doc browser runtimes rust-api msrv worker}"

stage "cargo test (core and mock, native)"
if ! cargo test --workspace 2>&1 | tee "$LOGS/cargo.log"; then
  grep -q 'test result:' "$LOGS/cargo.log" || broken "cargo test"
fi
count_cargo "$LOGS/cargo.log"
stage "clippy (no unwrap, expect, panic, unreachable or unchecked indexing in src/)"
# shellcheck source=/dev/null
. target/toolchain.env
# Native, then wasm32 with the package's exports and the wasm-only Rust API tests (with the
# pinned toolchain where it has clippy: rustup's; Debian's rustc-web has none).
WASM_CLIPPY=1
RUSTUP_TOOLCHAIN="$WASM_TOOLCHAIN" cargo clippy --version >/dev/null 2>&1 ||
  { WASM_CLIPPY=0; echo "clippy: no clippy for $WASM_TOOLCHAIN: wasm32 not linted"; }
wasm_clippy() {
  [ "$WASM_CLIPPY" = 1 ] || return 0
  RUSTUP_TOOLCHAIN="$WASM_TOOLCHAIN" CARGO_TARGET_DIR=target/clippy-wasm cargo clippy -q --all-targets \
    --features npm --target wasm32-unknown-unknown -- -D warnings
}
if { cargo clippy -q --workspace --all-targets -- -D warnings && wasm_clippy; } 2>&1 | tee "$LOGS/clippy.log" && [ ! -s "$LOGS/clippy.log" ]; then
  PASSED=$((PASSED + 1)); echo "clippy: 1 passed, 0 failed"
else
  broken "clippy"
fi

# The Node suite needs the mock binary even if a native test failed.
cargo build -q -p zilliz-mock || broken "mock build"

stage "build the package (one build for every runtime suite)"
if bash scripts/build.sh; then
  stage "node (packed package installed by name)"
  bash scripts/node-suite.sh "$LOGS/node.tap" || true
  count_tap node "$LOGS/node.tap"
  # Further suites share the same build. Each prints one or more lines
  # "SUITE <name> <passed> <failed>"; a suite that prints none counts as failed.
  for suite in $EXTRA_SUITES; do
    # A misspelled suite name is a broken stage, never a silent skip.
    [ -f "scripts/$suite-suite.sh" ] || { broken "$suite (no scripts/$suite-suite.sh)"; continue; }
    stage "$suite"
    bash "scripts/$suite-suite.sh" 2>&1 | tee "$LOGS/$suite.log"
    count_suite_lines "$suite" "$LOGS/$suite.log"
  done
else
  broken "package build"
fi

printf '\n'
[ ${#STAGE_FAILURES[@]} -gt 0 ] && printf 'stage failed: %s\n' "${STAGE_FAILURES[@]}"
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
