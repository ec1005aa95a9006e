#!/usr/bin/env bash
# Rebuilds the package at each commit of the size work, in scratch worktrees,
# and prints the budgeted size (tests/size/size.mjs) after each step.
# Usage: bash bench/size-steps.sh   (after make build; about 10 minutes)
#        ONLY="e3586ec:dlmalloc e3586ec HEAD" bash bench/size-steps.sh   (some steps only)
# A step "REV:dlmalloc" is REV built with std's dlmalloc instead of talc.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
STEPS=(
  "347e767|baseline: opt-level z, LTO, one codegen unit, panic=abort, wasm-opt -Oz"
  "7544bf9|+ std rebuilt with immediate-abort panics (no formatting machinery), lol_alloc for dlmalloc"
  "763590f|+ the runtime's JSON.parse instead of a Rust JSON parser, no str searcher or lossy UTF-8, glue minified"
  "fa98d82|+ wasm-opt --minify-imports-and-exports-and-modules, glue rewritten to match"
  "58d66eb|+ the validated body handed back as is (no strings copied into wasm), Content-Length read once"
  "f7230c5|+ an attempt's mechanics (fetch, deadline, body limit) in one JS snippet of the transport"
  "0ec8b12|+ no wasm-bindgen-futures: a small JS driver resumes a call's future"
  "6998567|+ the glue and its snippets as one minified module, without the async loader"
  "4c226f0|+ wasm-opt --converge --low-memory-unused, stripped sections; no panic locations or Debug formatting"
  "23de7ed|+ one redirect message for both forms, option values read without a temporary array, ZillizError's name by assignment"
  "2bdd01d|+ a call that could stall without a promise rejects with an Error (a branch not reached)"
  "4f5865d|issue 6's last commit (a signal whose listener methods throw is ignored)"
  "e3586ec:dlmalloc|+ issue 10: the Rust API on wasm-bindgen-futures, the core's call state machine, serde types, std's dlmalloc"
  "e3586ec|+ talc instead of dlmalloc: issue 10's last commit"
  "83d5422|+ issue 11's hardening, issue 13's onRetry: the last commit before issue 12"
  "bfb4e97|+ issue 12: a realm-safe WebAssembly.Module check in the glue: issue 12's last commit"
  "553fea6|+ issues 17 and 21: describe, list, suspend, resume and the drop as rows of one pipeline, the guarded drop, the waiter, clusters(), keptInRecycleBin"
  "01c4715|+ issue 22: ZillizError.option, the option an invalid_input refused"
  "0fdd393|+ issue 27: protection, the status waiters and the keyless mode, built without reference types, with unreachable closure shims out of the function table"
  "HEAD|+ one-byte string patterns instead of char patterns, the key's runs merged as found, HTTP dates split at spaces, endpoint paths stored split, an attempt's flags in one crossing; the current commit"
)
SCRATCH="$(mktemp -d)"
trap 'git -C "$ROOT" worktree prune; rm -rf "$SCRATCH"' EXIT
for step in "${STEPS[@]}"; do
  rev="${step%%|*}"; what="${step#*|}"
  if [ -n "${ONLY:-}" ] && [[ " $ONLY " != *" $rev "* ]]; then continue; fi
  dir="$SCRATCH/${rev/:/-}"
  git worktree add -q --detach "$dir" "${rev%%:*}"
  if [[ "$rev" == *:dlmalloc ]]; then
    sed -i '/^#\[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))\]$/,/^static ALLOCATOR/d' "$dir/src/lib.rs"
    grep -q ALLOCATOR "$dir/src/lib.rs" && { echo "size-steps: could not remove the allocator" >&2; exit 1; }
  fi
  mkdir -p "$dir/target"
  cp target/toolchain.env "$dir/target/"
  ln -s "$ROOT/node_modules" "$dir/node_modules"
  (cd "$dir" && bash scripts/build.sh >/dev/null 2>&1)
  echo "== $rev: $what"
  node tests/size/size.mjs "$dir/pkg" | grep -v '^SUITE' || true
  git worktree remove --force "$dir"
done
