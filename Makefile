# Two commands: `make run` and `make test`. Each creates .venv and installs on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint system-deps bench clean

$(STAMP): pyproject.toml
	@sh scripts/ensure-python-venv.sh $(PYTHON)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/radio init --demo
	$(BIN)/radio serve

system-deps:
	@sh scripts/ensure-system-deps.sh

test: $(STAMP) system-deps
	$(BIN)/ruff check .
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

bench: $(STAMP)
	$(BIN)/python bench/ingest.py && $(BIN)/python bench/plan.py && $(BIN)/python bench/stations.py && $(BIN)/python bench/archive.py

clean:
	rm -rf $(VENV) instance .pytest_cache
