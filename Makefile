# The Spine Health Handbook: every task is a make target. `make help` lists them.
#
# The first run creates .venv and installs the exact versions pinned in
# requirements.lock; it is made again whenever the pins change.

PYTHON      ?= python3
VENV        := .venv
BIN         := $(VENV)/bin
INSTALLED   := $(VENV)/.installed
SOURCES     := docs
BUILDDIR    := _build
# Every warning is an error; -n also reports every broken cross-reference.
STRICT      := -W --keep-going -n
SPHINXOPTS  ?=
DRAFTS      ?=
# The site's public address (canonical links, sitemap, link previews); conf.py has the default.
BASEURL     ?=
SPHINXBUILD := $(BIN)/python -m sphinx
# Reproducible output: dates come from the last commit, not the clock
# (outside a git checkout there is none, and Sphinx refuses an empty value).
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
ifneq ($(SOURCE_DATE_EPOCH),)
export SOURCE_DATE_EPOCH
endif
BUILDFLAGS   = $(STRICT) $(if $(filter 1 yes true,$(DRAFTS)),-D handbook_include_drafts=1) $(if $(BASEURL),-D html_baseurl=$(BASEURL)) $(SPHINXOPTS)

.DEFAULT_GOAL := help
.PHONY: help html pdf handouts quicksheets test test-fast readability bench dist linkcheck clean lock livehtml article check check-code check-types check-spelling check-content

help: ## List the make targets
	@echo "Spine Health Handbook: make <target>"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 14 | sed 's/^/  /'
	@echo ""
	@echo "  Variables: DRAFTS=1 (include draft articles), SPHINXOPTS=... (extra sphinx-build flags),"
	@echo "             BASEURL=https://... (the site's public address), PORT=8000 (make livehtml),"
	@echo "             PAPER=A4 (paper of the PDFs), LARGE=1 (make handouts/quicksheets in large print)"

$(INSTALLED): requirements.lock pyproject.toml
	@test -d $(VENV) && [ requirements.lock -nt $(VENV)/.pins ] && { echo "Pins changed: re-creating $(VENV)"; rm -rf $(VENV); } || true
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --requirement requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation --editable .
	@cp requirements.lock $(VENV)/.pins
	@touch $@

html: $(INSTALLED) ## Build the website into _build/html (open _build/html/index.html)
	$(SPHINXBUILD) -b html -c . $(SOURCES) $(BUILDDIR)/html $(BUILDFLAGS)

# Paper size of the PDFs: conf.py's handbook_paper_size, or else its country's (docs/_data/countries.yaml), unless PAPER=A4 or similar.
PAPER       ?=
# LARGE=1: handouts and quick sheets in large print (all text 16 pt or more), into handouts-large/ and quicksheets-large/.
LARGE       ?=
LARGEPRINT   = $(filter 1 yes true,$(LARGE))
PAPERFLAGS   = $(if $(PAPER),--paper $(PAPER))
PRINTFLAGS   = $(PAPERFLAGS) $(if $(LARGEPRINT),--large-print)
PRINTED      = $(if $(LARGEPRINT),-large)

pdf: html ## Build the whole handbook as a book: _build/pdf/handbook.pdf
	@bash .ci/system-packages pdf
	$(BIN)/python -m handbook.printing.commands book $(BUILDDIR)/html $(BUILDDIR)/pdf/handbook.pdf $(PRINTFLAGS)

handouts: html ## Build a printable handout per article: _build/handouts/<section>/<article>.pdf (LARGE=1: handouts-large/)
	@bash .ci/system-packages pdf
	$(BIN)/python -m handbook.printing.commands handouts $(BUILDDIR)/html $(BUILDDIR)/handouts$(PRINTED) $(PRINTFLAGS)

quicksheets: html ## Build a one-page quick sheet per article: _build/quicksheets/<section>/<article>.pdf (LARGE=1: quicksheets-large/)
	@bash .ci/system-packages pdf
	$(BIN)/python -m handbook.printing.commands quicksheets $(BUILDDIR)/html $(BUILDDIR)/quicksheets$(PRINTED) $(PRINTFLAGS)

# make livehtml: the preview is served from this machine, so its links and 404 page use that address.
HOST        ?= 127.0.0.1
PORT        ?= 8000
livehtml: BASEURL = http://$(HOST):$(PORT)/
livehtml: $(INSTALLED) ## Preview at http://127.0.0.1:8000 while you write: rebuilds when docs/, _static/, _templates/, conf.py or handbook/ change
	$(BIN)/sphinx-autobuild -b html -c . $(SOURCES) $(BUILDDIR)/livehtml $(BUILDFLAGS) \
	  --host $(HOST) --port $(PORT) --watch _static --watch _templates --watch handbook --watch conf.py \
	  --ignore $(SOURCES)/_tags --re-ignore '/__pycache__/'
# sphinx-tags rewrites docs/_tags on every build: watching it would rebuild for ever.

article: $(INSTALLED) ## Start an article: make article SECTION=treatments SLUG=hydrotherapy TITLE="Water therapy"
	@$(BIN)/python -m handbook.tools.new_article --section "$$SECTION" --slug "$$SLUG" --title "$$TITLE"

# Every step runs even when an earlier one fails, so one run lists every problem.
# Each step's make is told the venv is done (-o): this make just checked it, and make does not pass -o on, so a
# test's copy of the project, run with -o .venv/.installed, would otherwise re-install into the venv it shares.
CHECKS      := check-code check-types check-spelling check-content
check: $(INSTALLED) ## Quick checks before a commit (no website build): code, types, spelling, content rules; all run, then it fails if any did
	@failed=; for step in $(CHECKS); do $(MAKE) --no-print-directory -o $(INSTALLED) $$step || failed="$$failed $$step"; done; \
	  [ -z "$$failed" ] || { echo "make check: failed:$$failed" >&2; exit 1; }

check-code: $(INSTALLED) ## ruff: lint and formatting of the Python code
	$(BIN)/ruff check --output-format concise conf.py handbook tests
	$(BIN)/ruff format --check conf.py handbook tests

check-types: $(INSTALLED) ## mypy: the type hints of handbook/ are checked
	$(BIN)/mypy

check-spelling: $(INSTALLED) ## codespell on the articles and README (settings in .codespellrc)
	@out=$$($(BIN)/codespell $(SOURCES) README.md); status=$$?; \
	  [ -z "$$out" ] || printf '%s\n' "$$out" | sed -E 's/^([^:]+:[0-9]+): /\1: ERROR: spelling: /' >&2; exit $$status

check-content: $(INSTALLED) ## Every article rule of the build (metadata, topics, raw HTML, reading level), reading only: no pages written
	$(SPHINXBUILD) -b dummy -c . $(SOURCES) $(BUILDDIR)/check -q $(BUILDFLAGS)

test: $(INSTALLED) ## Run every test (pytest), after checking the Debian packages they need
	@bash .ci/system-packages
	$(BIN)/python -m pytest

# The tiers are pytest markers (pyproject.toml, tests/conftest.py).
FAST        := not browser and not pdf and not make and not slow
test-fast: $(INSTALLED) ## The edit-loop tests, under a minute: no browser, PDF, subprocess build or whole-site build
	$(BIN)/python -m pytest -m "$(FAST)"

readability: $(INSTALLED) ## Print each article's words, Flesch-Kincaid grade and SMOG, hardest first
	$(SPHINXBUILD) -b readability -c . $(SOURCES) $(BUILDDIR)/readability -q $(BUILDFLAGS)
	@cat $(BUILDDIR)/readability/readability.md

bench: $(INSTALLED) ## Measure search quality and speed; numbers go to _build/bench/results.json
	@bash .ci/system-packages
	$(BIN)/python -m tests.bench

# make dist always makes both the normal and the large-print handouts and quick sheets, so it takes only the paper.
dist: $(INSTALLED) ## Build site, book, handouts, quick sheets (also in large print) and offline zip into _build/dist, replaced only if all succeed
	@bash .ci/system-packages pdf
	$(BIN)/python -m handbook.tools.publish $(BUILDDIR)/dist $(PAPERFLAGS) -- $(BUILDFLAGS)

linkcheck: $(INSTALLED) ## Check external links (needs the internet; not part of make test)
	$(SPHINXBUILD) -b linkcheck -c . $(SOURCES) $(BUILDDIR)/linkcheck $(SPHINXOPTS) \
	  || { echo "Some links could not be checked: see $(BUILDDIR)/linkcheck/output.txt"; exit 1; }

clean: ## Remove everything generated: _build/ and the topic pages in docs/_tags/
	rm -rf $(BUILDDIR) $(SOURCES)/_tags

lock: ## Re-resolve the newest allowed versions into requirements.lock
	rm -rf $(BUILDDIR)/lock-venv
	$(PYTHON) -m venv $(BUILDDIR)/lock-venv
	$(BUILDDIR)/lock-venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade '.[test]'
	{ echo '# Exact versions for every machine (Python 3.11 to 3.13). Regenerate with `make lock`.'; \
	  $(BUILDDIR)/lock-venv/bin/python -m pip freeze --all --exclude-editable \
	  | grep -v -e '^pip==' -e '^spine-health-handbook'; } > requirements.lock
	rm -rf $(BUILDDIR)/lock-venv
