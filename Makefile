# Two commands matter: `make run` (set up, seed, serve) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
DATABASE_URL ?= sqlite:///$(CURDIR)/var/claims.db
WORKERS ?= 2
export DATABASE_URL

.PHONY: run test lint format seed seed-check eval venv clean

# The virtualenv is rebuilt whenever a requirements file changes.
$(BIN)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

venv: $(BIN)/.installed

seed: venv
	$(BIN)/flask --app api seed

seed-check: venv
	$(BIN)/flask --app api seed --check

run: seed
	$(BIN)/gunicorn --workers $(WORKERS) --bind 127.0.0.1:$(PORT) --access-logfile - "api:create_app()"

test: venv
	$(BIN)/python -m pytest

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: venv
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

eval: venv
	$(BIN)/python -m extractor.evaluate

clean:
	rm -rf $(VENV) var
