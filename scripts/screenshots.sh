#!/usr/bin/env bash
# Regenerates the README's pictures of the demo console from its tests in headless Chromium:
# the list, the confirmation of a cluster that cannot be restored, the renamed-cluster refusal,
# the wait after a drop, a retry in progress and a maybeDropped result, into docs/.
# Run by `make screenshots` (after make build).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
cargo build -q -p zilliz-mock
MOCK_BIN="$ROOT/target/debug/zilliz-mock" node --test --test-concurrency=1 \
  --test-name-pattern="lists the key's clusters|gone for good|renamed between|guarded by the confirmed name|default prod-\* protects|rate limited twice|slow drop" \
  tests/browser/demo.test.mjs tests/browser/scenarios.test.mjs
mkdir -p docs
for name in list confirm-free renamed wait protected; do
  cp "target/screenshots/readme-$name.png" "docs/console-$name.png"
done
cp target/screenshots/readme-retry-in-progress.png docs/demo-retry.png
cp target/screenshots/readme-maybe-dropped.png docs/demo-maybe-dropped.png
echo "screenshots: docs/console-{list,confirm-free,renamed,wait,protected}.png, docs/demo-retry.png, docs/demo-maybe-dropped.png" >&2
