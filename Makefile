# The Spine Health Handbook: every task is a make target. `make help` lists them.
#
# The first run creates .venv and installs the exact versions pinned, with
# hashes, in requirements.lock (the build) and, for the targets that test or
# check, requirements-test.lock; it is made again whenever either lock changes.

PYTHON      ?= python3
VENV        := .venv
BIN         := $(VENV)/bin
# Two locks: what the build needs, and what tests and editors' tools add on top.
LOCK        := requirements.lock
TESTLOCK    := requirements-test.lock
# Stamps: the build lock is installed; the test lock is too.
INSTALLED   := $(VENV)/.installed
INSTALLED_TEST := $(VENV)/.installed-test
# Every file pip downloads must match a hash in the lock, and every package must be pinned there.
# --no-deps: each lock holds every package, resolved once by uv; pip installs the pins as they are (pip 23
# re-resolves a pinned package asked for with an extra, "fonttools[woff]", from the index and fails the hash
# check when a newer release is out; https://github.com/pypa/pip/issues/9644), and pip check then checks them.
PIPINSTALL   = $(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes
SOURCES     := docs
BUILDDIR    := _build
# Every warning is an error; -n also reports every broken cross-reference.
STRICT      := -W --keep-going -n
SPHINXOPTS  ?=
DRAFTS      ?=
# The site's public address (canonical links, sitemap, link previews); conf.py has the default.
BASEURL     ?=
# NOCACHE=1: every cache off (handbook_cache = False, and Sphinx's saved environment with -E); the same output, slower.
NOCACHE     ?=
SPHINXBUILD := $(BIN)/python -m sphinx
# The languages (handbook.i18n.languages): conf.py's handbook_languages, the articles' own first, published at
# the root and each other one in its folder (_build/html/es). LANGUAGES=en builds only those named.
CONF_LANGUAGES := $(or $(shell sed -n -E "s/^handbook_languages *= *\[(.*)\].*/\1/p" conf.py 2>/dev/null | tr -d "\"',"),en)
SOURCE_LANGUAGE := $(firstword $(CONF_LANGUAGES))
LANGUAGES   ?= $(CONF_LANGUAGES)
# Reproducible output: dates come from the last commit, not the clock
# (outside a git checkout there is none, and Sphinx refuses an empty value).
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
ifneq ($(SOURCE_DATE_EPOCH),)
export SOURCE_DATE_EPOCH
endif
BUILDFLAGS   = $(STRICT) $(if $(filter 1 yes true,$(DRAFTS)),-D handbook_include_drafts=1) $(if $(BASEURL),-D html_baseurl=$(BASEURL)) \
	       $(if $(filter 1 yes true,$(NOCACHE)),-E -D handbook_cache=0) $(SPHINXOPTS)

.DEFAULT_GOAL := help
.PHONY: help html gettext translations translations-status pdf handouts quicksheets test test-fast readability bench dist linkcheck clean lock livehtml article check check-code check-types check-spelling check-content

help: ## List the make targets
	@echo "Spine Health Handbook: make <target>"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 14 | sed 's/^/  /'
	@echo ""
	@echo "  Variables: DRAFTS=1 (include draft articles), SPHINXOPTS=... (extra sphinx-build flags),"
	@echo "             BASEURL=https://... (the site's public address), PORT=8000 (make livehtml),"
	@echo "             PAPER=A4 (paper of the PDFs), LARGE=1 (make handouts/quicksheets in large print),"
	@echo "             NOCACHE=1 (build with every cache off: the same output, slower)"

# .pins is both locks as the venv was made from them: any change to either re-creates the venv,
# so no package of an old pin is left behind. A machine that only builds installs the build lock.
$(INSTALLED): $(LOCK) $(TESTLOCK) pyproject.toml
	@if [ -d $(VENV) ] && ! cat $(LOCK) $(TESTLOCK) | cmp -s - $(VENV)/.pins; then echo "Pins changed: re-creating $(VENV)"; rm -rf $(VENV); fi
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIPINSTALL) --requirement $(LOCK)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation --editable .
	$(BIN)/python -m pip check
	@cat $(LOCK) $(TESTLOCK) > $(VENV)/.pins
	@touch $@

# The tests and tools: both locks in one pip run, so the two are checked together.
$(INSTALLED_TEST): $(INSTALLED)
	$(PIPINSTALL) --requirement $(LOCK) --requirement $(TESTLOCK)
	$(BIN)/python -m pip check
	@touch $@

# The languages in turn, stopping at the first that fails: every language reads the same pages, so the next
# would only report the same errors again.
html: $(INSTALLED) ## Build the website into _build/html, each translation into _build/html/<language> (open _build/html/index.html)
	@for language in $(LANGUAGES); do \
	  if [ $$language = $(SOURCE_LANGUAGE) ]; then out=$(BUILDDIR)/html; set --; else out=$(BUILDDIR)/html/$$language; set -- -D language=$$language; fi; \
	  echo "$(SPHINXBUILD) -b html -c . $(SOURCES) $$out $$* $(BUILDFLAGS)"; \
	  $(SPHINXBUILD) -b html -c . $(SOURCES) $$out "$$@" $(BUILDFLAGS) || exit 1; \
	done

gettext: $(INSTALLED) ## Extract every message to translate into _build/gettext (then: make translations)
	$(SPHINXBUILD) -b gettext -c . $(SOURCES) $(BUILDDIR)/gettext $(BUILDFLAGS)

TRANSLATIONS := $(filter-out $(SOURCE_LANGUAGE),$(CONF_LANGUAGES))
translations: gettext $(INSTALLED_TEST) ## Refresh each translation's catalogs in docs/locales from the English (sphinx-intl); changed messages become fuzzy
	@rm -rf $(BUILDDIR)/gettext/_tags  # topic pages are made from docs/_data/topics.yaml on each build: no catalog of their own
	$(BIN)/sphinx-intl update --pot-dir $(BUILDDIR)/gettext --locale-dir $(SOURCES)/locales $(addprefix --language ,$(TRANSLATIONS)) --line-width -1

translations-status: $(INSTALLED) ## Print, for each translation and page, the share translated and the fuzzy messages
	$(BIN)/python -m handbook.i18n.status $(SOURCES) $(TRANSLATIONS)

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
livehtml: $(INSTALLED_TEST) ## Preview at http://127.0.0.1:8000 while you write: rebuilds when docs/, _static/, _templates/, conf.py or handbook/ change
	$(BIN)/sphinx-autobuild -b html -c . $(SOURCES) $(BUILDDIR)/livehtml $(BUILDFLAGS) \
	  --host $(HOST) --port $(PORT) --watch _static --watch _templates --watch handbook --watch conf.py \
	  --ignore $(SOURCES)/_tags --re-ignore '/__pycache__/'
# sphinx-tags rewrites docs/_tags on every build: watching it would rebuild for ever.

article: $(INSTALLED) ## Start an article: make article SECTION=treatments SLUG=hydrotherapy TITLE="Water therapy"
	@$(BIN)/python -m handbook.tools.new_article --section "$$SECTION" --slug "$$SLUG" --title "$$TITLE"

# Every step runs even when an earlier one fails, so one run lists every problem.
# Each step's make is told the venv is done (-o): this make just checked it, and make does not pass -o on, so a
# test's copy of the project, run with -o on the venv's stamps, would otherwise re-install into the venv it shares.
CHECKS      := check-code check-types check-spelling check-content
check: $(INSTALLED_TEST) ## Quick checks before a commit (no website build): code, types, spelling, content rules; all run, then it fails if any did
	@failed=; for step in $(CHECKS); do $(MAKE) --no-print-directory -o $(INSTALLED) -o $(INSTALLED_TEST) $$step || failed="$$failed $$step"; done; \
	  [ -z "$$failed" ] || { echo "make check: failed:$$failed" >&2; exit 1; }

check-code: $(INSTALLED_TEST) ## ruff: lint and formatting of the Python code
	$(BIN)/ruff check --output-format concise conf.py handbook tests
	$(BIN)/ruff format --check conf.py handbook tests

check-types: $(INSTALLED_TEST) ## mypy: the type hints of handbook/ are checked
	$(BIN)/mypy

check-spelling: $(INSTALLED_TEST) ## codespell on the articles and README (settings in .codespellrc)
	@out=$$($(BIN)/codespell $(SOURCES) README.md); status=$$?; \
	  [ -z "$$out" ] || printf '%s\n' "$$out" | sed -E 's/^([^:]+:[0-9]+): /\1: ERROR: spelling: /' >&2; exit $$status

check-content: $(INSTALLED) ## Every article rule of the build (metadata, topics, raw HTML, reading level), reading only: no pages written
	$(SPHINXBUILD) -b dummy -c . $(SOURCES) $(BUILDDIR)/check -q $(BUILDFLAGS)

# The tests run in parallel (pytest-xdist), one process a core; a test file goes whole to one process, so the
# session builds a file uses (the PDFs, the translated site) are made once. WORKERS=0: one process, in file order.
WORKERS     ?= auto
PARALLEL     = -n $(WORKERS) --dist loadfile
test: $(INSTALLED_TEST) ## Run every test (pytest, on every core), after checking the Debian packages they need
	@bash .ci/system-packages
	$(BIN)/python -m pytest $(PARALLEL)

# The tiers are pytest markers (pyproject.toml, tests/conftest.py).
FAST        := not browser and not pdf and not make and not slow
test-fast: $(INSTALLED_TEST) ## The edit-loop tests, under a minute: no browser, PDF, subprocess build or whole-site build
	$(BIN)/python -m pytest $(PARALLEL) -m "$(FAST)"

readability: $(INSTALLED) ## Print each article's words, Flesch-Kincaid grade and SMOG, hardest first
	$(SPHINXBUILD) -b readability -c . $(SOURCES) $(BUILDDIR)/readability -q $(BUILDFLAGS)
	@cat $(BUILDDIR)/readability/readability.md

bench: $(INSTALLED_TEST) ## Measure search quality and speed; numbers go to _build/bench/results.json
	@bash .ci/system-packages
	$(BIN)/python -m tests.bench

# make dist always makes both the normal and the large-print handouts and quick sheets, so it takes only the paper.
dist: $(INSTALLED) ## Build site, book, handouts, quick sheets (also in large print), each translation's in <language>/, and offline zip into _build/dist, replaced only if all succeed
	@bash .ci/system-packages pdf
	$(BIN)/python -m handbook.tools.publish $(BUILDDIR)/dist $(PAPERFLAGS) \
	  $(addprefix --translation ,$(filter-out $(SOURCE_LANGUAGE),$(LANGUAGES))) -- $(BUILDFLAGS)

linkcheck: $(INSTALLED) ## Check external links (needs the internet; not part of make test)
	$(SPHINXBUILD) -b linkcheck -c . $(SOURCES) $(BUILDDIR)/linkcheck $(SPHINXOPTS) \
	  || { echo "Some links could not be checked: see $(BUILDDIR)/linkcheck/output.txt"; exit 1; }

clean: ## Remove everything generated: _build/ and the topic pages in docs/_tags/
	rm -rf $(BUILDDIR) $(SOURCES)/_tags

# make lock: uv (pinned here, installed into a throwaway venv) resolves once for every
# platform and Python 3.11 to 3.13 (pyproject.toml's requires-python), with the hash of every file.
# The test lock is resolved under the build lock and leaves out what that already pins for
# every platform (a package it pins for some platforms only, like colorama, is pinned again).
UV_VERSION  := 0.13.9
UPGRADE     ?=
LOCKVENV    := $(BUILDDIR)/lock-venv
UVCOMPILE    = $(LOCKVENV)/bin/uv pip compile pyproject.toml --universal --generate-hashes --quiet \
	  --custom-compile-command "make lock" $(if $(filter 1 yes true,$(UPGRADE)),--upgrade)
lock: ## Re-resolve requirements.lock (build) and requirements-test.lock (tests, tools), keeping pins still allowed (UPGRADE=1: newest)
	rm -rf $(LOCKVENV)
	$(PYTHON) -m venv $(LOCKVENV)
	$(LOCKVENV)/bin/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(UVCOMPILE) --output-file $(LOCK)
	$(UVCOMPILE) --extra test --constraint $(LOCK) --output-file $(TESTLOCK) \
	  $$(sed -n -E 's/^([A-Za-z0-9._-]+)==[^ ;]+ \\$$/--no-emit-package \1/p' $(LOCK))
	rm -rf $(LOCKVENV)
