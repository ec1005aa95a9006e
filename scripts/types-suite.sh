#!/usr/bin/env bash
# The TypeScript declarations in pkg/ compile strictly against a usage file,
# and refuse the misuses it marks with @ts-expect-error.
set -uo pipefail
cd "$(dirname "$0")/.."
if node_modules/.bin/tsc -p tests/types/tsconfig.json; then echo "SUITE types 1 0"; else echo "SUITE types 0 1"; fi
