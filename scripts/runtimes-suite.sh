#!/usr/bin/env bash
# Runs the shared contract suite (tests/shared/contract-suite.mjs) in every runtime: Node 20 and
# 22, Deno, workerd (a wrangler-built Worker in miniflare), and Chromium (a page with an import
# map, a module Web Worker, a Vite-built page, the Vite dev server), plus the README check.
# Prints one "SUITE <name> <passed> <failed>" line per runtime; a runtime that printed none
# (a crash, a hang) gets "SUITE <name> 0 1". Assumes pkg/ and the mock are built.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
RUNTIMES=(node-shared node22-shared deno workerd chromium-page chromium-worker chromium-bundled chromium-vite-dev readme)
OUT="$ROOT/target/runtimes-suite.out"
mkdir -p target
: >"$OUT"
# Well under the CI budget: the whole run takes about 30 s on 2 cores.
timeout --kill-after=10 600 node tests/runtimes/run.mjs "${RUNTIMES[@]}" | tee "$OUT"
status=${PIPESTATUS[0]}
[ "$status" -eq 0 ] || echo "runtimes: run.mjs exited with $status" >&2
for name in "${RUNTIMES[@]}"; do
  grep -qE "^SUITE $name [0-9]+ [0-9]+$" "$OUT" || echo "SUITE $name 0 1"
done
