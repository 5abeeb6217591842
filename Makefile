# Everything runs from a local virtual environment, made on first use, with
# exactly the packages of requirements.lock (every one pinned, with hashes).
PYTHON3 ?= python3
VENV := .venv
# Material for MkDocs announces its end of life (May 2027) on every build; the
# move to its successor is noted in the README, so keep the output readable.
export NO_MKDOCS_2_WARNING := 1
# Python keeps each module it compiles (in __pycache__/, the libraries' in
# .venv/): where PYTHONDONTWRITEBYTECODE is set, as on this machine, every
# process would compile every module it imports, every time (a clean build
# on a fresh clone: 98 s instead of 70).
unexport PYTHONDONTWRITEBYTECODE
BIN := $(VENV)/bin
UV := $(BIN)/uv
INSTALLED := $(VENV)/.installed
LOCK := requirements.lock
BENCH_LOCK := requirements-bench.lock
# How the locks are made from pyproject.toml (`make lock` refreshes them).
COMPILE := $(UV) pip compile pyproject.toml --quiet --universal \
	--python-version 3.11.5 --generate-hashes --custom-compile-command "make lock"

.PHONY: install serve build preview screenshots test lint bench lock clean

install: $(INSTALLED)

$(UV): requirements-uv.txt
	@$(PYTHON3) -c 'import sys; sys.exit(sys.version_info < (3, 11, 5))' || \
		{ echo "error: Python 3.11.5 or newer is needed (found $$($(PYTHON3) --version))" >&2; exit 1; }
	$(PYTHON3) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements-uv.txt
	touch $@

$(INSTALLED): $(UV) $(LOCK) pyproject.toml
	$(UV) pip sync --quiet --python $(BIN)/python --require-hashes $(LOCK)
	$(UV) pip install --quiet --python $(BIN)/python --no-deps --editable .
	touch $@

# Serve the site on http://127.0.0.1:8000/kmeans-in-practice/, rebuilding on
# every saved change: only what the change touched (see sitebuild/rebuilds.py).
serve: $(INSTALLED)
	$(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000

# The static site, in site/.
build: $(INSTALLED)
	$(BIN)/mkdocs build

# Exactly what will be deployed: the built site/, served as GitHub Pages
# serves it, under its sub-path, on http://127.0.0.1:8000/kmeans-in-practice/.
preview: build
	$(BIN)/python -m tutorial_code.sitebuild.preview site --port 8000

# Every page (or those named: PAGES="digits/evaluation/ ...") in four views,
# desktop and phone, light and dark, in .cache/screenshots/ (needs Chromium).
screenshots: build
	$(BIN)/python -m tests.browser.screenshots site $(if $(PAGES),--pages $(PAGES))

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/pytest

# Speed side by side: the authoring loop, the quantizers, the lessons.
# Prints Markdown tables and saves them in benchmarks/results.md.
bench: $(VENV)/.installed-bench
	$(BIN)/python -m benchmarks

$(VENV)/.installed-bench: $(INSTALLED) $(BENCH_LOCK)
	$(UV) pip sync --quiet --python $(BIN)/python --require-hashes $(BENCH_LOCK)
	$(UV) pip install --quiet --python $(BIN)/python --no-deps --editable .
	touch $@

# After a change of the dependencies in pyproject.toml: pin every package
# again, transitive ones included, with hashes (the bench lock keeps the
# versions of the main lock).
lock: $(UV)
	$(COMPILE) --extra docs --extra test -o $(LOCK)
	$(COMPILE) --extra docs --extra test --extra bench -c $(LOCK) -o $(BENCH_LOCK)

clean:
	rm -rf site .cache
