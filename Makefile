# Two commands: `make run` and `make test`. Each creates .venv and installs on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-dates lint system-deps bench clean

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
	$(BIN)/lint-imports
	$(BIN)/pytest $(PYTEST_ARGS)

# The tests marked `dates` (they read the clock) again at three instants, through libfaketime:
# a Tuesday morning (a demo column day), 31/12 at 23:40 local time, and 29/02/2028 (also a
# Tuesday) at 18:30 local time, after that day's column has aired.
DATES_AT ?= 2027-03-16 01:30 UTC;2026-12-31 16:40 UTC;2028-02-29 11:30 UTC
test-dates: $(STAMP) system-deps
	@echo '$(DATES_AT)' | tr ';' '\n' | while read -r at; do \
	  echo "== tests marked dates, clock at $$at =="; \
	  sh scripts/at-date.sh "$$at" $(BIN)/pytest -m dates $(PYTEST_ARGS) </dev/null || exit 1; \
	done

lint: $(STAMP)
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

bench: $(STAMP)
	$(BIN)/python bench/ingest.py && $(BIN)/python bench/plan.py && $(BIN)/python bench/stations.py && $(BIN)/python bench/archive.py

clean:
	rm -rf $(VENV) instance .pytest_cache
