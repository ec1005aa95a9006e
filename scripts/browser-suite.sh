#!/usr/bin/env bash
# The browser suites: the demo page (www/) and the package in a cross-origin page, in
# headless Debian Chromium driven by playwright-core. Uses the pkg/ and the mock binary
# that scripts/test.sh has already built (it never rebuilds them).
# Prints one line per sub-suite: "SUITE <name> <passed> <failed>".
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
LOGS=target/test-logs
mkdir -p "$LOGS" target/screenshots
export MOCK_BIN="${MOCK_BIN:-$ROOT/target/debug/zilliz-mock}"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"

missing=""
[ -x "$CHROMIUM" ] || missing+=" $CHROMIUM (apt-get install chromium; scripts/bootstrap.sh does it)"
[ -x "$MOCK_BIN" ] || missing+=" $MOCK_BIN (cargo build -p zilliz-mock)"
[ -f pkg/browser.js ] || missing+=" pkg/browser.js (bash scripts/build.sh)"
[ -d node_modules/playwright-core ] || missing+=" node_modules/playwright-core (npm ci)"

# name → test file
SUITES=("browser-demo tests/browser/demo.test.mjs" "browser-scenarios tests/browser/scenarios.test.mjs" "browser-package tests/browser/package.test.mjs")
status=0
for entry in "${SUITES[@]}"; do
  read -r name file <<<"$entry"
  tap="$LOGS/$name.tap"
  rm -f "$tap"
  if [ -n "$missing" ]; then
    echo "$name: cannot run, missing:$missing" >&2
    echo "SUITE $name 0 1"
    status=1
    continue
  fi
  printf '\n--- %s (%s) ---\n' "$name" "$file"
  # One file at a time: each starts its own mock(s) and one Chromium (2 cores here).
  node --test --test-concurrency=1 --test-timeout=120000 \
    --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$tap" \
    "$file" || status=1
  p=$(awk '/^# pass /{print $3}' "$tap" 2>/dev/null | tail -1)
  f=$(awk '/^# fail /{print $3}' "$tap" 2>/dev/null | tail -1)
  if [ -z "$p" ] || [ -z "$f" ]; then
    echo "$name: no TAP summary in $tap" >&2
    p=${p:-0}; f=$((${f:-0} + 1)); status=1
  fi
  echo "SUITE $name $p $f"
done
echo "screenshots: $ROOT/target/screenshots/" >&2
exit "$status"
