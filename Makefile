# The two commands a reader needs: `make book` and `make test`. Everything else is for maintainers.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NOTEBOOKS := $(sort $(wildcard notebooks/*.ipynb)) seeds/index.ipynb
JB_FLAGS := -W -n --keep-going
export PYTHONHASHSEED := 0
export SOURCE_DATE_EPOCH := 0

.PHONY: book test validate notebooks serve bench clean

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

test: $(STAMP)
	$(BIN)/python -m pakjapan.validate
	$(BIN)/python -m pytest -n 2 --dist loadscope --nbval --nbval-current-env tests $(NOTEBOOKS)
	$(BIN)/jupyter-book build . --all $(JB_FLAGS)

serve: book
	$(BIN)/python -m http.server --bind 127.0.0.1 --directory _build/html 8000

clean:
	rm -rf _build
