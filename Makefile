# The two commands of the README: `make brief` and `make test`. Both set everything up first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DATE   ?= 2025-07-22

.PHONY: setup brief test bench-dates clean

setup: $(STAMP)

$(STAMP): pyproject.toml scripts/system-deps.sh
	./scripts/system-deps.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

brief: setup
	$(BIN)/briefings build samples --date $(DATE)

test: setup
	$(BIN)/python -m pytest

bench-dates: setup
	$(BIN)/python benchmarks/bench_dates.py

clean:
	rm -rf $(VENV) reports build dist *.egg-info .pytest_cache .hypothesis
