#!/usr/bin/env bash
# `make demo`: serves the demo page (www/) and the built package (pkg/) from the bundled mock
# control plane, on http://127.0.0.1:${PORT:-8787}/. Ctrl-C stops it; nothing is left running.
# Expects pkg/ to be built (make demo runs scripts/build.sh first).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

PORT="${PORT:-8787}"
API_KEY="${DEMO_API_KEY:-demo-api-key-0123456789abcdef}"
CLUSTERS=(in01-6183d6bac30f801 in01-0123456789abcde in02-fedcba987654321 in03-aaaaaaaaaaaaaaa)
UNKNOWN=in09-000000000000000

if [ ! -f pkg/browser.js ]; then
  echo "demo: pkg/ is not built; run 'make demo' (or bash scripts/build.sh first)" >&2
  exit 1
fi

# The same debug build the tests use (a fresh debug build takes about a minute on 2 cores).
echo "demo: building the mock control plane (cargo build -p zilliz-mock)..." >&2
cargo build -q -p zilliz-mock
MOCK=target/debug/zilliz-mock

OUT="$(mktemp -t zilliz-demo.XXXXXX)"
MOCK_PID=""
cleanup() {
  trap - INT TERM EXIT
  if [ -n "$MOCK_PID" ] && kill -0 "$MOCK_PID" 2>/dev/null; then
    kill -TERM "$MOCK_PID" 2>/dev/null || true
    wait "$MOCK_PID" 2>/dev/null || true
  fi
  rm -f "$OUT"
}
trap 'cleanup; echo; echo "demo: stopped." >&2; exit 0' INT TERM
trap cleanup EXIT

CLUSTER_LIST="$(IFS=,; echo "${CLUSTERS[*]}")"
# The mock prints its base URL as the first stdout line; its request log goes to stderr.
# Seconds, as a person watches them: a drop shows DELETING for 8 s, a suspend or resume 4 s.
"$MOCK" --port "$PORT" --api-key "$API_KEY" --clusters "$CLUSTER_LIST" --deleting-ms 8000 --transition-ms 4000 \
  --www www --pkg pkg >"$OUT" &
MOCK_PID=$!

URL=""
for _ in $(seq 100); do
  if [ "$(wc -l <"$OUT")" -ge 1 ]; then URL="$(head -n1 "$OUT")"; break; fi
  if ! kill -0 "$MOCK_PID" 2>/dev/null; then
    wait "$MOCK_PID" 2>/dev/null || true
    MOCK_PID=""
    echo "demo: the mock did not start (is port $PORT in use? try: PORT=8790 make demo)" >&2
    exit 1
  fi
  sleep 0.1
done
if [ -z "$URL" ]; then
  echo "demo: the mock printed no URL" >&2
  exit 1
fi

cat <<INFO

  ┌─ zilliz-cloud-wasm demo ──────────────────────────────────────────────
  │
  │  Open:      $URL/
  │
  │  API key:   $API_KEY
  │             (the mock's key; any other key shows the "auth" error, code 80001)
  │  Endpoint:  already set to the mock ("Custom base URL")
  │  Clusters:  ${CLUSTERS[0]}
  │             ${CLUSTERS[1]}
  │             ${CLUSTERS[2]}
  │             ${CLUSTERS[3]}
  │  Unknown:   $UNKNOWN   (shows "not_found"; so does a cluster dropped twice)
  │
  │  Type the key, press "Show clusters", then "Drop…" on a row and type the
  │  cluster's name to confirm. After a drop the page waits until it is gone.
  │  Scenarios: a panel under the list makes the mock misbehave for the next drop
  │  (a rename before the drop, rate limited twice, a slow drop retried into
  │  "maybe dropped", two 503s, a gateway's HTML page, a reset connection, a slow
  │  deletion, a permission error), so that every outcome can be seen from the page.
  │  Nothing reaches Zilliz Cloud. Requests are logged below. Ctrl-C stops the demo.
  └───────────────────────────────────────────────────────────────────────

INFO

wait "$MOCK_PID" || true
MOCK_PID=""
