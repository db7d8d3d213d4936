# The two commands a newcomer needs (README.md): `make run` and `make test`.
VENV ?= .venv
PYTHON_VENV := $(VENV)/bin/python
export VENV

.PHONY: run test lint setup

$(VENV)/.installed: requirements.txt requirements-dev.txt scripts/venv.sh
	scripts/venv.sh

setup: $(VENV)/.installed

## Sets up the virtualenv and an SQLite database with the demo data, then serves on 127.0.0.1:8000.
run: $(VENV)/.installed
	$(PYTHON_VENV) manage.py migrate --noinput
	$(PYTHON_VENV) manage.py load_demo
	$(PYTHON_VENV) manage.py runserver 127.0.0.1:8000

## Sets up the virtualenv and runs the whole test suite (DATABASE_URL picks the database).
test: $(VENV)/.installed
	$(PYTHON_VENV) -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
