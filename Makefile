# Every target installs what is missing first (scripts/bootstrap.sh is idempotent).
.PHONY: bootstrap build test
SHELL := /bin/bash

bootstrap:
	@bash scripts/bootstrap.sh

build: bootstrap
	@bash scripts/build.sh

test: bootstrap
	@bash scripts/test.sh
