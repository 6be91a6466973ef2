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
# Where `make dump` and `make backup` write: a new, dated file each time, never replaced.
STAMP := $(shell date -u +%Y%m%dT%H%M%SZ)
ARCHIVE ?= var/archive/claims-$(STAMP).jsonl
BACKUP ?= var/backup/claims-$(STAMP).db

.PHONY: run serve test test-pg test-replica test-readme-pg dump backup lint format seed seed-check eval venv venv-bench bench bench-db browser clean

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
# the benchmark serves through this recipe too, and so does its HTTP ceiling (SERVE_APP,
# a bare WSGI app on the same set-up).
serve: venv
	$(BIN)/python -m api.serve --port $(PORT) --workers $(WORKERS) --threads $(THREADS) \
		$(if $(SERVE_APP),--app $(SERVE_APP))

# Debian's Chromium and Korean fonts for the browser tests (tests/pages), installed
# when missing, as wrk and PostgreSQL are; Playwright drives this Chromium.
browser:
	@command -v chromium >/dev/null && fc-list 2>/dev/null | grep -q "Noto Sans CJK" || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk)

test: venv browser
	$(BIN)/python -m pytest

# The same suite on PostgreSQL: a throwaway server (Debian's package, installed when
# missing) in a temporary directory, stopped and deleted afterwards, pass or fail.
test-pg: venv browser
	bash .ci/with-postgres $(BIN)/python -m pytest

# The read-replica tests on a throwaway primary and its streaming replica (Unix sockets
# only, see .ci/with-postgres --replica); the rest of the suite skips them.
test-replica: venv
	bash .ci/with-postgres --replica $(BIN)/python -m pytest tests/test_replica.py

# The whole archive (see docs/archive.md), or a SQLite online backup, into a new dated file.
dump: venv
	mkdir -p $(dir $(ARCHIVE))
	$(BIN)/flask --app api dump $(ARCHIVE)

backup: venv
	mkdir -p $(dir $(BACKUP))
	$(BIN)/flask --app api backup $(BACKUP)

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
# development corpus, the four blind rehearsals (each first run is in its notes), the two
# held-out corpora (never tuned on; each first run is recorded in its first-run.json)
# and the earlier, cleaner sets.
eval: venv
	$(BIN)/python -m extractor.evaluate seed dev validation validation-2 validation-3 validation-4 validation-5 validation-6 validation-7 validation-8 validation-9 heldout heldout-2 heldout-3 heldout-4 heldout-5 heldout-6 heldout-7 heldout-8 legacy

$(BIN)/.bench-installed: $(BIN)/.installed requirements-bench.txt
	$(BIN)/pip install --quiet -r requirements-bench.txt
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	touch $@

venv-bench: $(BIN)/.bench-installed

# A realistic database of N claims through the project's own import path.
bench-db: venv-bench
	$(BIN)/python -m bench.generate --n $(N) --database-url $(DATABASE_URL)

# Build a database of N claims, serve it as `make run` does, measure, compare; then the
# render time of a 200-claim document page (bench/pages.py), the archive's dump and
# restore speed on the same N claims (bench/archive.py), and what linking adds to
# importing N claims and how fast the conflicted figures page (bench/figures.py).
bench: venv-bench
	$(BIN)/python -m bench.run --n $(N)
	$(BIN)/python -m bench.pages --json var/bench/pages.json
	$(BIN)/python -m bench.archive --n $(N)
	$(BIN)/python -m bench.figures --n $(N)
	$(BIN)/python -m extractor.benchmark

clean:
	rm -rf $(VENV) var
