# Barcamp Planner: `make run` serves the app, `make test` runs every test.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PLANNER_DB ?= data/barcamp.db
PORT ?= 8501
DEMO_DB := data/demo.db

# PLANNER_WORKERS (Streamlit processes behind the front) passes through the environment.
export PLANNER_DB PLANNER_WORKERS

.PHONY: run demo test test-fast install install-test browser native clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Reinstall when a requirements file changes.
$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements.txt requirements-test.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-test.txt
	touch $(VENV)/.installed $@

install: $(VENV)/.installed native
install-test: $(VENV)/.installed-test browser native

# The scheduler's walk in C, built ahead with the system's C compiler (a first
# solve would build it otherwise; without a compiler the scheduler walks in Python).
native: $(VENV)/.installed
	@$(BIN)/python -m planner.scheduler.native >/dev/null || echo "No C compiler: the scheduler walks in Python (slower)."

# Debian's Chromium for the browser tests (Playwright cannot download one here).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing Debian's chromium for the browser tests..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# Caddy on PORT in front of the Streamlit workers and the public server (/p/).
run: install
	$(BIN)/python -m planner migrate --db $(PLANNER_DB)
	$(BIN)/python -m planner serve --db $(PLANNER_DB) --port $(PORT)

demo: install
	@test -f $(DEMO_DB) || $(BIN)/python -m planner demo --db $(DEMO_DB)
	$(BIN)/python -m planner serve --db $(DEMO_DB) --port $(PORT)

# Unit and page tests in two processes (pytest-xdist), then the browser journeys
# one at a time (two Chromiums with their servers overload two cores).
test: install-test
	$(BIN)/python -m pytest -n 2 -m "not browser"
	$(BIN)/python -m pytest -m browser

# Everything but the browser journeys.
test-fast: $(VENV)/.installed-test native
	$(BIN)/python -m pytest -n 2 -m "not browser"

clean:
	rm -rf $(VENV) .pytest_cache
