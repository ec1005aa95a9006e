# Every target installs what is missing first (scripts/bootstrap.sh is idempotent): make build
# and make demo only what the package's build needs, make test what every test needs too.
.PHONY: bootstrap build test demo fuzz load bench screenshots
SHELL := /bin/bash

bootstrap:
	@bash scripts/bootstrap.sh

build:
	@bash scripts/bootstrap.sh build
	@bash scripts/build.sh

test: bootstrap
	@bash scripts/test.sh

demo: build
	@bash scripts/demo.sh

# The long forms of the property tests: 1,000,000 cases each (scripts/fuzz.sh).
fuzz: bootstrap
	@bash scripts/fuzz.sh

# 1,000 concurrent calls against the mock with 10% faulted answers; prints its figures.
load: build
	@cargo build -q -p zilliz-mock
	@node bench/load.mjs

# The package against a plain-JS baseline (bench/baseline/): sizes, cold start, per-call cost,
# throughput against the mock; prints one table (README "Size and speed"). About 1.5 minutes.
bench: bootstrap build
	@cargo build -q --release -p zilliz-mock
	@node bench/bench.mjs

# The README's two pictures of the demo, from the scenario tests in Chromium.
screenshots: bootstrap build
	@bash scripts/screenshots.sh
