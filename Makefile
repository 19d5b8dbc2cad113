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

.PHONY: book test validate notebooks serve bench clean chromium

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

## Browser tests need Chromium: install Debian's package when it is missing and we may (root).
chromium:
	@if ! command -v chromium >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    (apt-get install -y -qq chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium)) ; \
	  else echo "chromium missing and not root: the browser tests will skip"; fi; \
	fi

test: $(STAMP) chromium
	$(BIN)/python -m pakjapan.validate
	$(BIN)/jupyter-book build . --all $(JB_FLAGS)
	@# Without ../shared/datasets (or $$PAKJAPAN_DATASETS) the notebooks and tests that need them are
	@# skipped, each with its reason (-rs); PAKJAPAN_REQUIRE_DATASETS=1 (set by .ci/run) fails them instead.
	$(BIN)/python -m pytest -n 2 --dist loadscope -rs --nbval --nbval-current-env tests $(NOTEBOOKS)

serve: book
	$(BIN)/python -m http.server --bind 127.0.0.1 --directory _build/html 8000

bench: $(STAMP)
	$(BIN)/python -m pakjapan.bench

clean:
	rm -rf _build
