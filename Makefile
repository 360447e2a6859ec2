# eks-spark — build, test, demo and benchmark entry points.
#
# `make demo` and `make test` are the README's two set-up commands: both install what is
# missing (Debian packages through apt, Python packages into the git-ignored .venv) and
# are safe to run again. Feature areas add their own rules in mk/*.mk and append to
# TEST_TARGETS / BENCH_TARGETS / DEMO_TARGETS.

SHELL := /bin/bash
.DEFAULT_GOAL := build
PREFIX ?= /usr/local
SWIFT ?= swift
SWIFT_FORMAT ?= swift format
RELEASE_FLAGS := -c release --static-swift-stdlib
BIN_DIR = $(shell $(SWIFT) build $(RELEASE_FLAGS) --show-bin-path 2>/dev/null)
DEBUG_BIN_DIR = $(shell $(SWIFT) build --show-bin-path 2>/dev/null)
EKS_SPARK := $(CURDIR)/.build/release/eks-spark
VENV := $(CURDIR)/.venv
PYTHON := $(VENV)/bin/python
APT_PACKAGES := libyaml-dev libcurl4-openssl-dev libssl-dev pkg-config python3-venv hyperfine docker-registry skopeo buildah umoci
PY_REQUIREMENTS := $(wildcard requirements/*.txt)

TEST_TARGETS := lint test-unit
BENCH_TARGETS :=
DEMO_TARGETS :=

-include mk/*.mk

.PHONY: all build build-debug deps venv test test-unit lint format demo bench install uninstall clean

all: build

## deps: install the Debian packages the build and the sandbox need (only those missing).
deps: .build-deps.stamp
.build-deps.stamp: Makefile
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  sudo_cmd=""; [ "$$(id -u)" = 0 ] || sudo_cmd="sudo"; \
	  $$sudo_cmd apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo_cmd apt-get install -y -qq $$missing; \
	fi
	@touch $@

## venv: a Python virtual environment for the sandbox and test tooling (never the product).
venv: $(VENV)/.installed
$(VENV)/.installed: $(PY_REQUIREMENTS) | deps
	@test -x $(PYTHON) || python3 -m venv $(VENV)
	@$(PYTHON) -m pip install -q --upgrade pip
	@for r in $(PY_REQUIREMENTS); do echo "pip install -r $$r"; $(PYTHON) -m pip install -q -r $$r || exit 1; done
	@touch $@

## build: the release binary, Swift standard library linked statically.
build: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product eks-spark

build-debug: deps
	$(SWIFT) build

## test: everything CI runs: lint, unit tests, then each area's integration suites.
test: $(TEST_TARGETS)
	@echo "make test: all passed"

test-unit: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --parallel --skip IntegrationTests

lint:
	$(SWIFT_FORMAT) lint --strict --recursive Sources Tests Package.swift

format:
	$(SWIFT_FORMAT) format --in-place --recursive Sources Tests Package.swift

## demo: the main job on the embedded sandbox.
demo: build $(DEMO_TARGETS)
	@if [ -z "$(DEMO_TARGETS)" ]; then $(EKS_SPARK) validate -f examples/stack.yaml -o yaml; fi

bench: build $(BENCH_TARGETS)

install: build install-completions
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 0755 "$(BIN_DIR)/eks-spark" $(DESTDIR)$(PREFIX)/bin/eks-spark

uninstall: uninstall-completions
	rm -f $(DESTDIR)$(PREFIX)/bin/eks-spark

clean:
	rm -rf .build .build-deps.stamp
