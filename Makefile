# Parley — the two entry points are `make run` and `make test`; every target
# installs what it needs first (scripts/install-deps is idempotent).
SHELL := /bin/bash
JOBS ?= $(shell nproc)
FUZZ_SECONDS ?= 20
BIN := build/release/bin

.PHONY: deps build test run bench bench-instructions unit sanitize asan tsan fuzz interop install-test e2e browser deploy-check clean docs

deps:
	@scripts/install-deps

build: deps
	cmake --preset release >/dev/null
	cmake --build --preset release -j $(JOBS)

# Every test layer: unit + integration (release), ASan/UBSan and TSan runs of
# the tracing suite, bounded fuzzing, interop against real decoders, the
# install/consumer check, and end-to-end tests when they exist.
test: build unit asan tsan fuzz interop install-test e2e browser deploy-check
	@echo "make test: all layers passed"

unit: build
	ctest --test-dir build/release --output-on-failure -j $(JOBS)

asan: deps
	cmake --preset asan >/dev/null
	cmake --build --preset asan -j $(JOBS)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --test-dir build/asan --output-on-failure -L unit -j $(JOBS)

tsan: deps
	cmake --preset tsan >/dev/null
	cmake --build --preset tsan -j $(JOBS)
	TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 \
	  ctest --test-dir build/tsan --output-on-failure -L unit -j $(JOBS)

sanitize: asan tsan

fuzz: deps
	cmake --preset fuzz >/dev/null
	cmake --build --preset fuzz -j $(JOBS)
	scripts/run-fuzzers build/fuzz/bin $(FUZZ_SECONDS)

interop: build
	@for suite in tests/interop/*/run.sh; do \
	  [ -f "$$suite" ] || continue; \
	  echo "== interop: $$suite"; \
	  bash "$$suite" "$(CURDIR)/$(BIN)" || exit 1; \
	done

install-test: build
	scripts/install-test

e2e: build
	@for suite in tests/e2e/*/run.sh; do \
	  [ -f "$$suite" ] || continue; \
	  echo "== e2e: $$suite"; \
	  bash "$$suite" "$(CURDIR)/$(BIN)" || exit 1; \
	done

# The chat page and the trace page in headless Chromium (installed if missing).
browser: build
	bash tests/browser/run.sh "$(CURDIR)/$(BIN)"

# The backend configurations in deploy/ are consistent (ports, pipelines, links).
deploy-check:
	bash tests/deploy/run.sh

run: build
	scripts/run

bench: build
	$(BIN)/parley-bench --benchmark_min_time=0.5

bench-instructions: build
	scripts/bench-instructions $(BIN)/parley-bench

docs: build
	$(BIN)/parley-config-doc > docs/CONFIGURATION.md

clean:
	rm -rf build
