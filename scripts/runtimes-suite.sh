#!/usr/bin/env bash
# Runs the shared contract suite (tests/shared/contract-suite.mjs) in every runtime: Node 20 and
# 22 (import and require()), Bun, Deno, workerd (a wrangler-built Worker in miniflare), Chromium
# (a page with an import map, with the default and the inline entry; a module Web Worker; Vite's
# build and dev server; esbuild, Rollup, webpack and bun build bundles), a bun build for Bun, and
# the Next.js app (Turbopack and webpack builds); and tool rows in fresh projects: Parcel (build,
# build with packageExports, dev server), TypeScript's module modes (checked, compiled and run),
# edge-runtime with an esbuild bundle, a deno serve handler and an Astro 5 endpoint; plus the
# README check (README.md and docs/); examples/cleanup-worker's scheduled runs in workerd and
# examples/console-proxy in workerd and Chromium; and both examples' local runs (wrangler dev in a
# fresh folder) as their READMEs write them.
# Prints one "SUITE <name> <passed> <failed>" line per runtime; a runtime that printed none
# (a crash, a hang) gets "SUITE <name> 0 1". Assumes pkg/ and the mock are built.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
RUNTIMES=(node-shared node22-shared node20-require node22-require bun deno workerd
  chromium-page chromium-page-inline chromium-worker chromium-bundled chromium-vite-dev
  chromium-esbuild chromium-esbuild-inline chromium-rollup chromium-rollup-inline
  chromium-webpack chromium-webpack-inline chromium-bun-build-inline bun-build-bun-inline
  next-turbopack next-webpack
  chromium-parcel chromium-parcel-exports chromium-parcel-serve
  ts-node16-esm ts-node16-cjs ts-nodenext-esm ts-nodenext-cjs ts-bundler ts-node10 ts-defaults
  edge-runtime deno-serve astro cleanup-worker cleanup-worker-local console-proxy console-proxy-local readme)
OUT="$ROOT/target/runtimes-suite.out"
mkdir -p target
: >"$OUT"
# Well under the CI budget: the whole run takes a few minutes on 2 cores.
timeout --kill-after=10 1200 node tests/runtimes/run.mjs "${RUNTIMES[@]}" | tee "$OUT"
status=${PIPESTATUS[0]}
[ "$status" -eq 0 ] || echo "runtimes: run.mjs exited with $status" >&2
for name in "${RUNTIMES[@]}"; do
  grep -qE "^SUITE $name [0-9]+ [0-9]+$" "$OUT" || echo "SUITE $name 0 1"
done
