# Two commands for a newcomer: `make run` (install, migrate, seed the demo, serve) and
# `make test` (lint, checks, the whole suite).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000
# The development server and the demo run with DEBUG on; production sets its own env.
DEV_ENV := DEBUG=1

.PHONY: help system system-run install demo run test lint format worker clean messages mutation

help:
	@echo "make run      install, migrate, load the demo organisation, serve on http://$(HOST):$(PORT)"
	@echo "make test     ruff, the import contract, manage.py check, makemigrations --check, pytest"
	@echo "make system   install the Debian packages run and test need (system-packages.txt)"
	@echo "make install  create .venv and install the pinned requirements"
	@echo "make demo     migrate the database and load the demo organisation"
	@echo "make worker   run the background task worker"
	@echo "make mutation mutation testing of the rule modules (slow; not part of make test)"

# The Debian packages (fonts, WeasyPrint's HarfBuzz, poppler, Chromium): installed as root,
# otherwise the exact apt-get line is printed and the command stops.
system:
	@scripts/system-packages.sh test

system-run:
	@scripts/system-packages.sh run

$(BIN)/activate: requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' || { \
	  echo "Python >= 3.12 is required (found $$($(PYTHON) --version 2>&1))."; \
	  echo "Install it (e.g. 'pyenv install 3.12' or 'apt-get install python3.12 python3.12-venv')"; \
	  echo "and run again, or point the Makefile at it: make run PYTHON=python3.12"; \
	  exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	@touch $(BIN)/activate

install: $(BIN)/activate

demo: system-run install
	$(DEV_ENV) $(PY) manage.py migrate --no-input
	$(DEV_ENV) $(PY) manage.py seed_demo

# The task worker renders documents; it runs beside the development server and stops with it.
run: demo
	@$(DEV_ENV) $(PY) manage.py db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(DEV_ENV) $(PY) manage.py runserver $(HOST):$(PORT)

worker: install
	$(PY) manage.py db_worker

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

messages: install
	@scripts/system-packages.sh messages
	$(DEV_ENV) $(PY) manage.py makemessages -l en --no-obsolete
	$(DEV_ENV) $(PY) manage.py compilemessages -l en

test: system lint
	$(BIN)/lint-imports
	DJANGO_SETTINGS_MODULE=config.test_settings $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=config.test_settings $(PY) manage.py makemigrations --check --dry-run
	$(BIN)/pytest

# Mutation testing of the rule modules ([tool.mutmut] in pyproject.toml): a fresh copy under
# mutants/ (its temporary files too), one worker to spare shared machines, then the share
# of mutants killed per module with the survivors named.
MUTANTS := "scoring.rules.*" "scoring.tree.*" "awards.quotas.*" "awards.eligibility.*" \
	"awards.prizes.x_prize_money__*" "awards.prizes.x_base_salary_on__*" \
	"awards.prizes.x_prize_base_on__*" "awards.prizes.x_awardee_prize__*"

$(BIN)/mutmut:
	$(MAKE) install
	$(BIN)/pip install --quiet -r requirements-mutation.txt

mutation: $(BIN)/mutmut
	rm -rf mutants && mkdir -p mutants/tmp
	TMPDIR=$(CURDIR)/mutants/tmp $(BIN)/mutmut run --max-children 1 $(MUTANTS)
	$(PY) scripts/mutation_score.py

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache test-artifacts mutants
