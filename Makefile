# orglife — `make run` starts the app with demo data; `make test` runs the tests.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help install run test lint format check migrations messages bench clean

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

run: install ## Migrate, load the demo data and serve on http://127.0.0.1:8000
	@mkdir -p var
	DEBUG=true $(BIN)/python manage.py migrate --noinput
	DEBUG=true $(BIN)/python manage.py load_demo
	@echo ""
	@echo "  orglife: http://$(HOST):$(PORT)/"
	@echo "  demo logins (password demo-pass-2026): secretary1 member1 secretary2 supervisor admin"
	@echo ""
	@if [ -n "$$REDIS_URL$$CELERY_BROKER_URL" ]; then \
	  trap 'kill 0' EXIT; \
	  $(BIN)/celery -A config worker --loglevel=INFO --concurrency=2 & \
	  $(BIN)/celery -A config beat --loglevel=INFO --schedule=var/celerybeat-schedule & \
	  DEBUG=true $(BIN)/python manage.py runserver $(HOST):$(PORT); \
	else \
	  DEBUG=true $(BIN)/python manage.py runserver $(HOST):$(PORT); \
	fi

test: install ## Run the test suite (PostgreSQL/Redis from DATABASE_URL/REDIS_URL when set)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install ## ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install ## Apply ruff fixes and formatting
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install ## Django system checks and missing migrations
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

migrations: install ## Write new migrations
	$(BIN)/python manage.py makemigrations

messages: install ## Refresh and compile the English translation
	$(BIN)/python manage.py makemessages -l en --ignore=.venv --ignore=tests --ignore=bench
	$(BIN)/python manage.py compilemessages -l en --ignore=.venv

clean: ## Remove the virtualenv and local data
	rm -rf $(VENV) var staticfiles .pytest_cache .ruff_cache
