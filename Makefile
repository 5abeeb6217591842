# Everything runs from a local virtual environment, made on first use.
PYTHON3 ?= python3
VENV := .venv
# Material for MkDocs announces its end of life (May 2027) on every build; the
# move to its successor is noted in the README, so keep the output readable.
export NO_MKDOCS_2_WARNING := 1
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: install serve build preview test lint bench clean

install: $(INSTALLED)

$(INSTALLED): pyproject.toml
	@$(PYTHON3) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "error: Python 3.11 or newer is needed (found $$($(PYTHON3) --version))" >&2; exit 1; }
	$(PYTHON3) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --editable ".[docs,test]"
	touch $@

# Serve the site on http://127.0.0.1:8000/kmeans-in-practice/, rebuilding on
# every saved change.
serve: $(INSTALLED)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

# The static site, in site/.
build: $(INSTALLED)
	$(BIN)/mkdocs build

# Exactly what will be deployed: the built site/, served as GitHub Pages
# serves it, under its sub-path, on http://127.0.0.1:8000/kmeans-in-practice/.
preview: build
	$(BIN)/python -m tutorial_code.sitebuild.preview site --port 8000

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/pytest

# Speed side by side: the authoring loop, the quantizers, the lessons.
# Prints Markdown tables and saves them in benchmarks/results.md.
bench: $(VENV)/.installed-bench
	$(BIN)/python -m benchmarks

$(VENV)/.installed-bench: $(INSTALLED)
	$(BIN)/python -m pip install --quiet --editable ".[docs,test,bench]"
	touch $@

clean:
	rm -rf site .cache
