#!/usr/bin/env bash
# Regenerates the README's two pictures of the demo (a retry in progress, a maybeDropped
# result) from the scenario tests in headless Chromium: docs/demo-retry.png and
# docs/demo-maybe-dropped.png. Run by `make screenshots` (after make build).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
cargo build -q -p zilliz-mock
MOCK_BIN="$ROOT/target/debug/zilliz-mock" node --test --test-concurrency=1 \
  --test-name-pattern="rate limited twice|slow drop" tests/browser/scenarios.test.mjs
mkdir -p docs
cp target/screenshots/readme-retry-in-progress.png docs/demo-retry.png
cp target/screenshots/readme-maybe-dropped.png docs/demo-maybe-dropped.png
echo "screenshots: docs/demo-retry.png, docs/demo-maybe-dropped.png" >&2
