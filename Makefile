# `make` builds recueil and regenerates every compilation under sources/
# into output/; `make test` runs the whole test suite.

CARGO ?= cargo
MANIFESTS := $(wildcard sources/*/compilation.toml)
RECUEIL := target/release/recueil

.PHONY: all setup build compilations test bench clean

all: compilations

setup:
	@tools/setup-system.sh

build: setup
	$(CARGO) build --release --locked

compilations: build
	@set -e; for m in $(MANIFESTS); do $(RECUEIL) compile $$m --out output; done

test: setup
	$(CARGO) test --locked --all-targets

bench: setup
	$(CARGO) bench --locked

clean:
	$(CARGO) clean
	find output -mindepth 1 ! -name .gitkeep -delete
