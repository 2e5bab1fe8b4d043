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
SPHINXBUILD := $(BIN)/python -m sphinx
# Reproducible output: dates come from the last commit, not the clock.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null)
BUILDFLAGS   = $(STRICT) $(if $(filter 1 yes true,$(DRAFTS)),-D handbook_include_drafts=1) $(SPHINXOPTS)

.DEFAULT_GOAL := help
.PHONY: help html test readability bench dist linkcheck clean lock

help: ## List the make targets
	@echo "Spine Health Handbook: make <target>"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 14 | sed 's/^/  /'
	@echo ""
	@echo "  Variables: DRAFTS=1 (include draft articles), SPHINXOPTS=... (extra sphinx-build flags)"

$(INSTALLED): requirements.lock pyproject.toml
	@test -d $(VENV) && [ requirements.lock -nt $(VENV)/.pins ] && { echo "Pins changed: re-creating $(VENV)"; rm -rf $(VENV); } || true
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --requirement requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation --editable .
	@cp requirements.lock $(VENV)/.pins
	@touch $@

html: $(INSTALLED) ## Build the website into _build/html (open _build/html/index.html)
	$(SPHINXBUILD) -b html -c . $(SOURCES) $(BUILDDIR)/html $(BUILDFLAGS)

test: $(INSTALLED) ## Run every test (pytest), after checking the Debian packages they need
	@bash .ci/system-packages
	$(BIN)/python -m pytest

readability: $(INSTALLED) ## Print each article's words, Flesch-Kincaid grade and SMOG, hardest first
	$(SPHINXBUILD) -b readability -c . $(SOURCES) $(BUILDDIR)/readability -q $(BUILDFLAGS)
	@cat $(BUILDDIR)/readability/readability.md

bench: $(INSTALLED) ## Measure search quality and speed; numbers go to _build/bench/results.json
	@bash .ci/system-packages
	$(BIN)/python -m tests.bench

dist: $(INSTALLED) ## Build the publishable site into _build/dist, replacing it only if everything succeeds
	$(BIN)/python -m handbook.publish $(BUILDDIR)/dist $(BUILDFLAGS)

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
