#!/usr/bin/env bash
# The size budget (tests/size/size.mjs) of the built package in pkg/.
set -uo pipefail
cd "$(dirname "$0")/.."
node tests/size/size.mjs
node tests/size/patterns.mjs
