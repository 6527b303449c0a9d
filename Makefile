# The two commands of the README: `make brief` and `make test`. Both set everything up first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DATE   ?= 2025-07-22

.PHONY: setup brief test lint golden bench bench-dates bench-feeds bench-pdf fuzz clean docker docker-test

setup: $(STAMP)

$(STAMP): pyproject.toml scripts/system-deps.sh
	./scripts/system-deps.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

brief: setup
	$(BIN)/briefings build samples --date $(DATE)

test: setup lint
	$(BIN)/python -m pytest

# ruff's default rules and mypy (settings in pyproject.toml): part of `make test`, so CI runs them.
lint: setup
	$(BIN)/ruff check .
	$(BIN)/mypy

# Rewrite tests/golden/samples-brief.html (the sample brief's HTML, build time masked) from the
# current code; review its diff before committing it. tests/test_golden.py compares against it.
golden: setup
	BRIEFINGS_UPDATE_GOLDEN=1 $(BIN)/python -m pytest -q tests/test_golden.py

# The long hostile-input campaign (issue 8): FUZZ_EXAMPLES per reader, FAULT_KILLS per kill loop.
FUZZ_EXAMPLES ?= 10000
FAULT_KILLS   ?= 50
fuzz: setup
	BRIEFINGS_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) BRIEFINGS_FAULT_KILLS=$(FAULT_KILLS) \
	  $(BIN)/python -m pytest -q -o timeout=0 -p no:logging --hypothesis-show-statistics \
	  tests/test_fuzz.py tests/test_faults.py tests/test_isolation.py

# Speed and scale (issue 9): N = 100, 1,000, 10,000 generated articles, reference points in the
# same run; prints a table, writes benchmarks/results/latest.json. Under 10 minutes on 2 cores.
bench: setup
	$(BIN)/python benchmarks/run.py

bench-dates: setup
	$(BIN)/python benchmarks/bench_dates.py

# feedparser's own test feeds through collect, on loopback (issue 20). Needs its unpacked sdist:
#   pip download --no-deps --no-binary :all: feedparser -d /tmp/fp && tar xzf /tmp/fp/feedparser-*.tar.gz -C /tmp/fp
FEEDPARSER_SDIST ?= /tmp/fp/feedparser-6.0.14
bench-feeds: setup
	$(BIN)/python benchmarks/feedparser_suite.py $(FEEDPARSER_SDIST)

bench-pdf: setup
	$(BIN)/python benchmarks/pdf_parts.py

# The container (Dockerfile): an image that builds the sample brief into reports/docker/reports/.
docker:
	docker build -t briefings .
	mkdir -p reports/docker
	docker run --rm -v "$(CURDIR)/reports/docker:/srv/briefings" --user "$$(id -u):$$(id -g)" briefings

# The slow test that builds the image (minutes, network); skipped by `make test`.
docker-test: setup
	BRIEFINGS_DOCKER_TEST=1 $(BIN)/python -m pytest -q -rs tests/test_docker.py

clean:
	rm -rf $(VENV) reports build dist *.egg-info .pytest_cache .hypothesis
