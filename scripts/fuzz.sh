#!/usr/bin/env bash
# The long forms of the property tests, 1,000,000 cases each: the core against serde_json
# (tests/fuzz.rs), base URLs against the runtime's URL (tests/node/base-url.test.mjs, on the
# packed package) and HTTP dates against Date.parse (tests/rust_api.rs, in Node and Chromium).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
CASES="${CASES:-1000000}"
PROPTEST_CASES="$CASES" cargo test --release --test fuzz -- --nocapture
bash scripts/build.sh
TARBALL="$ROOT/target/$(npm pack ./pkg --pack-destination target --loglevel=error | tail -1)"
( cd tests/node && rm -rf node_modules &&
  npm install --no-save --no-package-lock --no-audit --no-fund --loglevel=error "$TARBALL" >/dev/null &&
  ZCW_FUZZ_CASES="$CASES" node --test base-url.test.mjs )
cargo build -q -p zilliz-mock
ZCW_FUZZ_CASES="$CASES" bash scripts/rust-api-suite.sh
