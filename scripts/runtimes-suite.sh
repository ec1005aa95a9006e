#!/usr/bin/env bash
# Runs the shared contract suite (tests/shared/contract-suite.mjs) in every runtime: Node 20 and
# 22 (import and require()), Bun, Deno, workerd (a wrangler-built Worker in miniflare), Chromium
# (a page with an import map, with the default and the inline entry; a module Web Worker; Vite's
# build and dev server; esbuild, Rollup, webpack and bun build bundles), a bun build for Bun, and
# the Next.js app (Turbopack and webpack builds), plus the README check.
# Prints one "SUITE <name> <passed> <failed>" line per runtime; a runtime that printed none
# (a crash, a hang) gets "SUITE <name> 0 1". Assumes pkg/ and the mock are built.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
RUNTIMES=(node-shared node22-shared node20-require node22-require bun deno workerd
  chromium-page chromium-page-inline chromium-worker chromium-bundled chromium-vite-dev
  chromium-esbuild chromium-esbuild-inline chromium-rollup chromium-rollup-inline
  chromium-webpack chromium-webpack-inline chromium-bun-build-inline bun-build-bun-inline
  next-turbopack next-webpack readme)
OUT="$ROOT/target/runtimes-suite.out"
mkdir -p target
: >"$OUT"
# Well under the CI budget: the whole run takes about 80 s on 2 cores (measured: 76 s).
timeout --kill-after=10 600 node tests/runtimes/run.mjs "${RUNTIMES[@]}" | tee "$OUT"
status=${PIPESTATUS[0]}
[ "$status" -eq 0 ] || echo "runtimes: run.mjs exited with $status" >&2
for name in "${RUNTIMES[@]}"; do
  grep -qE "^SUITE $name [0-9]+ [0-9]+$" "$OUT" || echo "SUITE $name 0 1"
done
