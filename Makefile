# The two commands a newcomer needs (README.md): `make run` and `make test`.
VENV ?= .venv
PYTHON_VENV := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# Test workers: one per core (pytest-xdist); each has its own test database.
WORKERS ?= auto
export VENV

.PHONY: run test fuzz-local lint setup

$(VENV)/.installed: requirements.txt requirements-dev.txt scripts/venv.sh
	scripts/venv.sh

setup: $(VENV)/.installed

## Sets up the virtualenv and an SQLite database with the demo data, then serves on 127.0.0.1:8000.
run: $(VENV)/.installed
	$(PYTHON_VENV) manage.py migrate --noinput
	$(PYTHON_VENV) manage.py load_demo --site http://$(HOST):$(PORT)
	$(PYTHON_VENV) manage.py runserver $(HOST):$(PORT)

## Sets up the virtualenv and runs the whole test suite in parallel (DATABASE_URL picks the
## database; the property-based tests replay the same examples every run).
test: $(VENV)/.installed
	$(PYTHON_VENV) -m pytest -n $(WORKERS) $(PYTEST_ARGS)

## The property-based tests with new random examples each run, ten times as many (not in CI).
fuzz-local: $(VENV)/.installed
	HYPOTHESIS_PROFILE=explore $(PYTHON_VENV) -m pytest -n $(WORKERS) tests/security $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
