# DualGoal — two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# xstatic-bootstrap is an sdist whose setup.py still imports pkg_resources (gone from setuptools 81):
# the constraint reaches pip's isolated build environments through the environment variable.
export PIP_CONSTRAINT := $(CURDIR)/constraints/build.txt
export PIP_DISABLE_PIP_VERSION_CHECK := 1
HOST ?= 127.0.0.1
# The demo lives on a fixed date a few weeks after the seed plan (override: make run DUALGOAL_TODAY=)
DUALGOAL_TODAY ?= 2021-07-15
PORT ?= 8000

.PHONY: run test install lint format e2e messages clean worker

$(BIN)/dualgoal: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@

install: $(BIN)/dualgoal

run: install
	@mkdir -p var
	$(BIN)/dualgoal migrate --noinput
	DUALGOAL_TODAY=$(DUALGOAL_TODAY) $(BIN)/dualgoal load_demo
	@echo
	@echo "DualGoal: http://$(HOST):$(PORT)/"
	@$(BIN)/dualgoal demo_logins
	DUALGOAL_TODAY=$(DUALGOAL_TODAY) $(BIN)/dualgoal runserver $(HOST):$(PORT)

worker: install
	$(BIN)/dualgoal db_worker

test: install
	$(BIN)/pytest -n auto -q

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

e2e: install
	$(BIN)/pytest -q tests/e2e

messages: install
	cd src/dualgoal && ../../$(BIN)/dualgoal makemessages -l vi --no-obsolete && ../../$(BIN)/dualgoal compilemessages -l vi

clean:
	rm -rf $(VENV) var
