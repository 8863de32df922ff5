# guidekit: build, serve, test and package the MkDocs plugin and its guide site.
# Self-contained on a fresh machine: every target that needs Python depends on the venv,
# which is (re)installed from requirements/dev.lock (+ compat.lock: ProperDocs and Zensical)
# only when one of them or pyproject.toml changes.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.stamp
ADDR   ?= 127.0.0.1:8000
PDF    ?= build/guide.pdf
# Zensical builds a staged tree that `python -m guidekit generate` writes (it runs no MkDocs
# plugin); its site goes inside that tree (Zensical keeps site_dir within the project).
STAGING       := build/zensical
ZENSICAL_SITE := $(STAGING)/site
# Directories that ruff checks (benchmarks/ may not exist yet).
LINT_DIRS := $(wildcard plugin tests benchmarks)

# Mermaid draws the flowcharts when a reader opens one (guidekit's mermaid_js option). It comes
# from the npm registry at a pinned version, checked against its published integrity, and is
# never committed nor loaded from a CDN.
MERMAID_VERSION   := 12.3.0
MERMAID_INTEGRITY := sha512-4113TdXeLAsMruJ79OpFL5O8+LTFXhQqZ260rF3tgUmiNAtRm4Uume04I+65PRN6yZ69J4f8rVYWW8zRk65UYw==
VENDOR            := docs/assets/vendor
# The stamp names the version, so changing MERMAID_VERSION fetches again and nothing else does.
MERMAID           := $(VENDOR)/.mermaid-$(MERMAID_VERSION)

.PHONY: help venv .venv build serve test lint bench bench-all clean distclean dist vendor pdf example-imports zensical zensical-serve

help:
	@echo "make venv       create/refresh .venv from requirements/dev.lock (+ editable guidekit)"
	@echo "make build      mkdocs build --strict into site/"
	@echo "make serve      mkdocs serve --livereload on ADDR=$(ADDR)"
	@echo "make zensical   the same site with Zensical: generate, zensical build, postbuild ($(ZENSICAL_SITE))"
	@echo "make zensical-serve  zensical serve of the staged tree, regenerated on every data edit"
	@echo "make test       ruff and mypy, then pytest (all tests, headless Chromium included)"
	@echo "make lint       ruff check + mypy"
	@echo "make pdf        the print edition as one PDF (PDF=$(PDF)), by headless Chromium"
	@echo "make bench      run benchmarks/build.py"
	@echo "make bench-all  every benchmark of issue 24 in one run: build cost, page weight, matrix, Lighthouse"
	@echo "make dist       sdist + wheel into dist/"
	@echo "make example-imports  refresh the guide.json that examples/coffee imports"
	@echo "make clean      remove build outputs and caches (distclean: also .venv)"

$(STAMP): requirements/pip.lock requirements/dev.lock requirements/compat.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade -r requirements/pip.lock
	$(BIN)/python -m pip install -q -r requirements/dev.lock
	$(BIN)/python -m pip install -q -r requirements/compat.lock
	$(BIN)/python -m pip install -q --no-deps -e .
	touch $@

# Material 9.7+ prints an end-of-life notice whenever the theme is imported: a print to stderr,
# not a log warning (`mkdocs build --strict` exits 0 with it), shown on every build and every
# `mkdocs serve` rebuild. docs/use-guidekit/compatibility.md says what it says; this venv turns it
# off the way the notice names (NO_MKDOCS_2_WARNING), for every command run with the venv's
# Python, a bare `.venv/bin/mkdocs build --strict` included. Only this project's venv: the plugin
# itself changes nothing in the sites that install it.
NOTICE_OFF := $(VENV)/.material-notice-off
$(NOTICE_OFF): $(STAMP)
	$(BIN)/python -c 'import pathlib, sysconfig; pathlib.Path(sysconfig.get_paths()["purelib"], "guidekit-dev-env.pth").write_text("import os; os.environ.setdefault(\"NO_MKDOCS_2_WARNING\", \"1\")\n")'
	touch $@

venv .venv: $(NOTICE_OFF)

vendor: $(MERMAID)

$(MERMAID):
	mkdir -p .cache/npm $(VENDOR)
	cd .cache/npm && npm pack --silent mermaid@$(MERMAID_VERSION) >/dev/null
	test "sha512-$$(openssl dgst -sha512 -binary .cache/npm/mermaid-$(MERMAID_VERSION).tgz | base64 -w0)" = "$(MERMAID_INTEGRITY)"
	tar -xzf .cache/npm/mermaid-$(MERMAID_VERSION).tgz -C .cache/npm package/dist/mermaid.min.js package/LICENSE
	cp .cache/npm/package/LICENSE $(VENDOR)/mermaid.LICENSE.txt
	cp .cache/npm/package/dist/mermaid.min.js $(VENDOR)/mermaid.min.js
	touch $@

build: $(NOTICE_OFF) $(MERMAID)
	$(BIN)/mkdocs build --strict

# click > 8.2.1 turned livereload off by default: ask for it explicitly.
serve: $(NOTICE_OFF) $(MERMAID)
	$(BIN)/mkdocs serve --livereload -a $(ADDR)

# Two pytest-xdist workers: the guide's every-page walk (tests/gates/walk.py) keeps one busy
# for most of the run while the other takes every other test (tests/conftest.py keeps each
# expensive session fixture to one worker). TEST_WORKERS=0 runs the suite in one process.
TEST_WORKERS ?= 2
test: $(NOTICE_OFF) $(MERMAID)
	$(BIN)/ruff check $(LINT_DIRS)
	$(BIN)/mypy
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadgroup

# MkDocs is not involved: the pages are generated beforehand, Zensical renders them, and
# postbuild adds what needs every page's HTML (auto-links, "Discussed in", progress, print).
zensical: $(NOTICE_OFF) $(MERMAID)
	$(BIN)/python -m guidekit generate -f mkdocs.yml -o $(STAGING)
	cd $(STAGING) && ../../$(BIN)/zensical build
	$(BIN)/python -m guidekit postbuild $(ZENSICAL_SITE) --staging $(STAGING)

# The watch loop regenerates the staged tree on a data, docs or config edit; zensical serve
# sees the staged files change and rebuilds (see docs/use-guidekit/compatibility.md).
zensical-serve: $(NOTICE_OFF) $(MERMAID)
	$(BIN)/python -m guidekit generate -f mkdocs.yml -o $(STAGING)
	$(BIN)/python -m guidekit generate -f mkdocs.yml -o $(STAGING) --watch & \
	  trap 'kill $$!' EXIT; cd $(STAGING) && ../../$(BIN)/zensical serve -a $(ADDR)

lint: $(NOTICE_OFF)
	$(BIN)/ruff check $(LINT_DIRS)
	$(BIN)/mypy

# The whole guide as one PDF: the strict build's print page (guidekit's print option) printed
# by Debian's chromium, headless and offline; pdfinfo (poppler-utils) reports the page count.
pdf: build
	$(BIN)/python -m guidekit.pdf site $(PDF)
	@if command -v pdfinfo >/dev/null; then pdfinfo $(PDF) | grep '^Pages:'; fi

# examples/coffee links the guide's entities ([[sdg:kafka]]) through the guide's own guide.json,
# committed so the example builds offline and on its own: refresh it after the guide's data changes.
example-imports: build
	cp site/guide.json examples/coffee/imports/system-design-guide.json

bench: $(NOTICE_OFF) $(MERMAID)
	@test -f benchmarks/build.py || { echo "benchmarks/build.py does not exist yet" >&2; exit 1; }
	$(BIN)/python benchmarks/build.py

bench-all: $(NOTICE_OFF) $(MERMAID)
	$(BIN)/python benchmarks/all.py

dist: $(NOTICE_OFF)
	rm -rf dist
	$(BIN)/python -m build --outdir dist .

clean:
	rm -rf site dist build test-artifacts .pytest_cache .ruff_cache .mypy_cache .hypothesis .cache $(VENDOR)
	rm -rf plugin/*.egg-info
	find . -path ./.venv -prune -o -name __pycache__ -type d -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV)
