#!/usr/bin/env bash
# What `make build` costs a newcomer: it installs only what the package's build needs, and a
# second build of an unchanged tree does nothing (make demo on a built tree starts at once).
# Prints "SUITE build <passed> <failed>".
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
passed=0 failed=0
check() { # $1 = what, $2 = 0 if it held
  if [ "$2" = 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "build: FAIL $1" >&2; fi
}

before="$(stat -c %Y pkg/zilliz_cloud_wasm_bg.wasm pkg/package.json 2>/dev/null)"
out="$(bash scripts/build.sh 2>&1)"
after="$(stat -c %Y pkg/zilliz_cloud_wasm_bg.wasm pkg/package.json 2>/dev/null)"
[ "$out" = "build: pkg/ up to date" ] && [ -n "$before" ] && [ "$before" = "$after" ]
check "a second build of an unchanged tree leaves pkg/ as it is ($out)" $?

# make build's bootstrap runs `npm ci --omit=dev`: the root package's optionalDependencies are
# all it gets (not dependencies, which wasm-bindgen would hand on to every build of the crate).
deps="$(node -e 'const m = require("./package.json"); console.log(Object.keys(m.optionalDependencies).sort().join(" ") + (m.dependencies ? " +dependencies" : ""))')"
[ "$deps" = "binaryen esbuild" ]
check "make build installs only wasm-opt (binaryen) and esbuild from npm, not the test runtimes ($deps)" $?

echo "SUITE build $passed $failed"
