# ktxh — entry points. `make run` and `make test` do all the set-up they need.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
KTXH := $(VENV)/bin/ktxh
STAMP := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)
HOST ?= 127.0.0.1
PORT ?= 8000
BENCH ?=

.PHONY: install run dev setup test test-sqlite test-postgres lint bench fuzz system-test-deps clean

install: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@rm -f $(VENV)/.installed-* && touch $@

# Set-up shared by run and dev: the schema (with the shared cache table), the demo district.
setup: install
	$(KTXH) manage migrate --noinput
	$(KTXH) demo

# The real server: gunicorn (several processes) + the background job worker (ktxh serve).
run: setup
	KTXH_DEMO=1 $(KTXH) serve --bind $(HOST):$(PORT)

# Development: Django's runserver, reloading on code changes, + the job worker.
dev: setup
	KTXH_DEMO=1 KTXH_DEBUG=$${KTXH_DEBUG:-1} $(KTXH) serve --dev --bind $(HOST):$(PORT)

system-test-deps:
	@scripts/ensure-system-packages.sh

lint: install
	$(VENV)/bin/ruff check ktxh tests bench conftest.py
	$(VENV)/bin/lint-imports  # import contracts: .importlinter

test: install system-test-deps lint test-sqlite test-postgres

test-sqlite: install
	$(PY) -m pytest

test-postgres: install
	scripts/with-postgres.sh $(PY) -m pytest

bench: install
	$(PY) bench/run.py $(BENCH)

# The parser properties of tests/security/test_fuzz.py with many examples (a few minutes).
FUZZ_EXAMPLES ?= 1000
fuzz: install
	KTXH_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(PY) -m pytest -m fuzz -q -p no:cacheprovider tests/security/test_fuzz.py ktxh/engine/text/tests/test_linear_time.py

clean:
	rm -rf var/ .pytest_cache .hypothesis
