#!/usr/bin/env bash
# The TypeScript declarations in pkg/ compile strictly against a usage file,
# and refuse the misuses it marks with @ts-expect-error. tsc finds the package by name through
# its exports map (nodenext), as users' projects do: pkg/ is linked in as node_modules.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p tests/types/node_modules
ln -sfn ../../../pkg tests/types/node_modules/zilliz-cloud-wasm
if node_modules/.bin/tsc -p tests/types/tsconfig.json; then echo "SUITE types 1 0"; else echo "SUITE types 0 1"; fi
