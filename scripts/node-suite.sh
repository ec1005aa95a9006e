#!/usr/bin/env bash
# Packs pkg/, installs the tarball by name into tests/node, runs the Node suite
# against the mock. $1: where to write the TAP report.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
TAP="$(realpath -m "${1:-target/test-logs/node.tap}")"
rm -f target/zilliz-cloud-wasm-*.tgz "$TAP"
mkdir -p "$(dirname "$TAP")"
TARBALL="$ROOT/target/$(npm pack ./pkg --pack-destination target --loglevel=error | tail -1)"
cd tests/node
rm -rf node_modules
npm install --no-save --no-package-lock --no-audit --no-fund --loglevel=error "$TARBALL" >/dev/null
MOCK_BIN="$ROOT/target/debug/zilliz-mock" node --test \
  --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$TAP" \
  ./*.test.mjs
