# orglife — `make run` starts the app with demo data; `make test` runs the tests.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help install run test lint format check security migrations messages bench clean

help: ## List every target
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-12s %s\n", $$1, $$2}'

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "orglife needs Python 3.11 or newer (set PYTHON=python3.11)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet ".[dev]"
	@touch $@

install: $(STAMP) ## Create .venv and install the dependencies

run: install ## Migrate, load the demo data, serve http://127.0.0.1:8000 with a Celery worker and beat
	@mkdir -p var/celery/queue var/celery/processed var/celery/control
	DEBUG=true $(BIN)/python manage.py migrate --noinput
	DEBUG=true $(BIN)/python manage.py load_demo
	@echo ""
	@echo "  orglife: http://$(HOST):$(PORT)/"
	@echo "  demo logins (password demo-pass-2026): secretary1 member1 secretary2 supervisor admin"
	@echo "  broker: $${CELERY_BROKER_URL:-$${REDIS_URL:-filesystem (var/celery), no server needed}}"
	@echo ""
	@trap 'kill 0' EXIT INT TERM; \
	  DEBUG=true $(BIN)/celery -A config worker --loglevel=WARNING --pool=solo & \
	  DEBUG=true $(BIN)/celery -A config beat --loglevel=WARNING --schedule=var/celerybeat-schedule & \
	  DEBUG=true $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install ## Run the test suite (PostgreSQL/Redis from DATABASE_URL/REDIS_URL when set)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install ## ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install ## Apply ruff fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install ## Django system checks and missing migrations
	DEBUG=true $(BIN)/python manage.py check
	DEBUG=true $(BIN)/python manage.py makemigrations --check --dry-run

security: install ## bandit (fails on HIGH severity) and pip-audit (fails on a known vulnerability)
	$(BIN)/bandit -c pyproject.toml -r . --severity-level high
	@set -o pipefail; log=$$(mktemp); \
	  $(BIN)/pip-audit --progress-spinner off $(PIP_AUDIT_ARGS) 2>&1 | tee $$log; rc=$$?; \
	  n=$$(grep -c 'could not be audited' $$log || true); rm -f $$log; \
	  if [ "$$n" -gt 0 ]; then \
	    echo "WARNING: pip-audit could not audit $$n installed packages (PyPI's vulnerability data did not answer):"; \
	    echo "WARNING: there is NO vulnerability verdict for them. PIP_AUDIT_ARGS=--strict turns this into a failure."; \
	  fi; \
	  exit $$rc

migrations: install ## Write new migrations
	DEBUG=true $(BIN)/python manage.py makemigrations

messages: install ## Refresh and compile the English translation
	DEBUG=true $(BIN)/python manage.py makemessages -l en --ignore=.venv --ignore=tests --ignore=bench
	DEBUG=true $(BIN)/python manage.py compilemessages -l en --ignore=.venv

clean: ## Remove the virtualenv and local data
	rm -rf $(VENV) var staticfiles .pytest_cache .ruff_cache
