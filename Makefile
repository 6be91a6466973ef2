# Two commands matter: `make run` (set up, seed, serve) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
DATABASE_URL ?= sqlite:///$(CURDIR)/var/claims.db
WORKERS ?= 2
THREADS ?= 4
export DATABASE_URL

N ?= 1000000

.PHONY: run serve test test-pg test-readme-pg lint format seed seed-check eval venv venv-bench bench bench-db clean

# The virtualenv is rebuilt whenever a requirements file changes.
$(BIN)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	# Debian programs the tests run as users would: pandoc reads our CSL-JSON, curl the README.
	command -v pandoc >/dev/null && command -v curl >/dev/null \
		|| (apt-get update -qq && apt-get install -y -qq pandoc curl)
	touch $@

venv: $(BIN)/.installed

seed: venv
	$(BIN)/flask --app api seed

seed-check: venv
	$(BIN)/flask --app api seed --check

run: seed serve

# The production server (granian, see api/serve.py), exactly as `make run` starts it;
# the benchmark serves through this recipe too.
serve: venv
	$(BIN)/python -m api.serve --port $(PORT) --workers $(WORKERS) --threads $(THREADS)

test: venv
	$(BIN)/python -m pytest

# The same suite on PostgreSQL: a throwaway server (Debian's package, installed when
# missing) in a temporary directory, stopped and deleted afterwards, pass or fail.
test-pg: venv
	bash .ci/with-postgres $(BIN)/python -m pytest

# The README's PostgreSQL set-up, run exactly as written on a fresh Debian cluster
# (root only: it installs and creates a cluster; see .ci/readme-postgres).
test-readme-pg: venv
	bash .ci/readme-postgres

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: venv
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# The extractor against every labelled set (extractor/LABELLING.md): the seed fixtures, the
# development corpus, the three blind rehearsals (each first run is in its notes), the
# held-out corpus (never tuned on; its first run is recorded in
# extractor/corpora/heldout/first-run.json) and the earlier, cleaner sets.
eval: venv
	$(BIN)/python -m extractor.evaluate seed dev validation validation-2 validation-3 heldout legacy

$(BIN)/.bench-installed: $(BIN)/.installed requirements-bench.txt
	$(BIN)/pip install --quiet -r requirements-bench.txt
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	touch $@

venv-bench: $(BIN)/.bench-installed

# A realistic database of N claims through the project's own import path.
bench-db: venv-bench
	$(BIN)/python -m bench.generate --n $(N) --database-url $(DATABASE_URL)

# Build a database of N claims, serve it as `make run` does, measure, compare; then what
# linking adds to importing N claims and how fast the conflicted figures page (issue 13).
bench: venv-bench
	$(BIN)/python -m bench.run --n $(N)
	$(BIN)/python -m bench.figures --n $(N)
	$(BIN)/python -m extractor.benchmark

clean:
	rm -rf $(VENV) var
