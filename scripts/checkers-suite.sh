#!/usr/bin/env bash
# The package as the ecosystem's own checkers see it, on the packed pkg/: publint (packaging
# errors) and attw --pack (@arethetypeswrong/cli: whether each entry's types tell the truth in
# node10, node16 from CommonJS and from ESM, and bundlers). Either failing on any error or
# warning fails the stage. Uses the pkg/ that scripts/test.sh built.
# Prints "SUITE publint <passed> <failed>" and "SUITE attw <passed> <failed>".
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
LOGS=target/test-logs
mkdir -p "$LOGS"

# publint: errors and warnings fail; suggestions are reported. The one suggestion it makes is
# that pkg.browser could move into exports: the field is there on purpose, for tools that read
# no exports (Parcel unless packageExports is on, docs/runtimes/parcel.md), which exports cannot serve.
if node_modules/.bin/publint run pkg --strict 2>&1 | tee "$LOGS/publint.log"; then
  echo "SUITE publint 1 0"
else
  echo "SUITE publint 0 1"
fi

# attw packs pkg/ itself (npm pack) and checks every entry point of its exports map.
if node_modules/.bin/attw --pack pkg --format ascii 2>&1 | tee "$LOGS/attw.log"; then
  echo "SUITE attw 1 0"
else
  echo "SUITE attw 0 1"
fi
