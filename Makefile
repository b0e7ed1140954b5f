# `make` builds recueil and regenerates every compilation under sources/
# into output/; `make test` runs the whole test suite; `make bench` measures
# each stage (criterion) and prints the figures of the speed goals beside
# pandoc's and typst's; `make fuzz` fuzzes the reader and the parser for
# FUZZ_SECONDS (FUZZ_TARGET=docx for Word files).

CARGO ?= cargo
MANIFESTS := $(wildcard sources/*/compilation.toml)
# The binary, wherever cargo builds (CARGO_TARGET_DIR moves it).
RECUEIL := $(or $(CARGO_TARGET_DIR),target)/release/recueil
FUZZ_SECONDS ?= 600
FUZZ_TARGET ?= read_parse
# cargo-fuzz needs unstable compiler flags; this lets a stable toolchain
# accept them for the fuzz build only.
FUZZ_ENV := RUSTC_BOOTSTRAP=1

.PHONY: all setup setup-check setup-bench build compilations test bench fuzz shapes clean

all: compilations

# `make` needs only the fonts; `make test` also the tools that check outputs.
setup:
	@tools/setup-system.sh fonts

setup-check:
	@tools/setup-system.sh check

setup-bench:
	@tools/setup-system.sh bench

build: setup
	$(CARGO) build --release --locked

compilations: build
	@set -e; for m in $(MANIFESTS); do $(RECUEIL) compile $$m --out output; done

test: setup-check
	$(CARGO) test --locked --all-targets

# Stages first (criterion, numbers in target/criterion), then the figures:
# recueil beside pandoc and typst, run in turn on the same content.
bench: setup-bench
	$(CARGO) bench --locked --bench stages --bench pipeline
	$(CARGO) bench --locked --bench figures

# The corpus of report shapes in tests/shapes/ (Word, PDF, pdftotext's
# three modes), regenerated from tools/make-shapes.py; the tests read the
# files kept in the project and need neither LibreOffice nor pdftotext.
shapes: setup-check
	python3 tools/make-shapes.py

# Seeds are the test reports; new inputs go to fuzz/corpus/, and any crash
# to fuzz/artifacts/ (each becomes a regression test once fixed).
fuzz:
	@command -v cargo-fuzz >/dev/null 2>&1 || $(CARGO) install cargo-fuzz --locked
	@mkdir -p fuzz/corpus/$(FUZZ_TARGET)
	$(FUZZ_ENV) $(CARGO) fuzz run $(FUZZ_TARGET) $(CURDIR)/fuzz/corpus/$(FUZZ_TARGET) $(CURDIR)/tests/odd $(CURDIR)/tests/bad -- \
		-dict=$(CURDIR)/fuzz/read_parse.dict -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 -max_len=65536

clean:
	$(CARGO) clean
	find output -mindepth 1 ! -name .gitkeep -delete
