# paperkg: `make demo` builds the seed corpus graph, `make test` runs the test suite.
# Both set everything up first (a virtualenv in .venv, the package with its dev extra, Chromium).

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
SEEDS  ?= ../shared/seeds
OUT    ?= out

.PHONY: setup browser demo test lint bench clean

$(BIN)/paperkg: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(BIN)/paperkg

setup: $(BIN)/paperkg

# Debian's Chromium for the HTML view tests (never a downloaded browser build).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	      || echo "warning: could not install chromium; browser tests will be skipped"; \
	  else echo "note: chromium not installed (sudo apt-get install chromium); browser tests will be skipped"; fi; }

demo: setup
	$(BIN)/paperkg build $(SEEDS) -o $(OUT)
	$(BIN)/paperkg stats $(OUT)

test: setup browser
	$(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff check paperkg tests benchmarks

bench: setup
	$(BIN)/python benchmarks/extract_speed.py
	$(BIN)/python benchmarks/store_load.py

clean:
	rm -rf $(OUT) .pytest_cache build *.egg-info
