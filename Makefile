# The two commands a reader needs: `make book` and `make test`. Everything else is for maintainers.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NOTEBOOKS := $(sort $(wildcard notebooks/*.ipynb)) seeds/index.ipynb appendix/data.ipynb
JB_FLAGS := -W -n --keep-going
export PYTHONHASHSEED := 0
export SOURCE_DATE_EPOCH := 0

.PHONY: book test validate notebooks serve bench clean chromium pdf
PORT ?= 8000
NODE_STAMP := node_modules/.installed

## Set-up: (re)create .venv only when it is missing or requirements.txt / pyproject.toml changed.
$(STAMP): requirements.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip==26.3
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@touch $(STAMP)

book: $(STAMP)
	$(BIN)/jupyter-book build . $(JB_FLAGS)
	@echo "Book built: $(CURDIR)/_build/html/index.html"

validate: $(STAMP)
	$(BIN)/python -m pakjapan.validate

notebooks: $(STAMP)
	$(BIN)/python -m pakjapan.execute $(NOTEBOOKS)

## Browser tests, the PDF and Lighthouse need Chromium: install Debian's package when it is
## missing and we may (root).
chromium:
	@if ! command -v chromium >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    (apt-get install -y -qq chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium)) ; \
	  else echo "chromium missing and not root: the browser tests will skip"; fi; \
	fi

## axe-core and Lighthouse, pinned in package.json / package-lock.json; npm from Debian if missing.
$(NODE_STAMP): package.json package-lock.json
	@if ! command -v npm >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    (apt-get install -y -qq nodejs npm >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq nodejs npm)) ; \
	  else echo "npm missing and not root: install Node.js 18.16 or later"; exit 1; fi; \
	fi
	npm ci --no-audit --no-fund --loglevel=error
	@touch $(NODE_STAMP)

test: $(STAMP) chromium $(NODE_STAMP)
	$(BIN)/python -m pakjapan.validate
	$(BIN)/jupyter-book build . --all $(JB_FLAGS)
	@if command -v chromium >/dev/null 2>&1; then $(BIN)/python -m pakjapan.pdf; \
	else echo "no chromium: no PDF, so the PDF and browser tests will skip"; fi
	$(BIN)/python -m pytest -n 2 --dist loadscope --nbval --nbval-current-env tests $(NOTEBOOKS)

## The whole book as one PDF (_build/html/pakistan-japan.pdf, linked from every page): Chromium
## prints the single-page HTML build.
pdf: $(STAMP) chromium
	$(BIN)/python -m pakjapan.pdf

## Serve the site compressed (gzip, precompressed .gz files first); PORT=8001 to use another port.
serve: book pdf
	$(BIN)/python -m pakjapan.serve --port $(PORT)

## Timings and page weight (pakjapan.bench), then Lighthouse mobile on every page of the built
## site, served compressed, against its targets (score >= 0.95, LCP <= 2.5 s).
bench: $(STAMP) chromium $(NODE_STAMP)
	@status=0; $(BIN)/python -m pakjapan.bench || status=1; \
	$(BIN)/jupyter-book build . $(JB_FLAGS) >/dev/null && $(BIN)/python -m pakjapan.pdf >/dev/null || status=1; \
	$(BIN)/python -m pakjapan.bench --lighthouse || status=1; exit $$status

clean:
	rm -rf _build
