# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEV_ENV := DJANGO_DEBUG=1

.PHONY: run test install install-dev check lint format clean bench loadtest

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Running needs requirements.txt only; testing, linting and benchmarks add requirements-dev.txt.
$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

## run: set up everything and serve the portal with demo data on http://127.0.0.1:8000 (SQLite)
run: install
	mkdir -p var
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput
	$(DEV_ENV) $(BIN)/python manage.py load_demo
	$(DEV_ENV) $(BIN)/python manage.py load_demo_plans
	$(DEV_ENV) $(BIN)/python manage.py build_evidence_tables
	$(DEV_ENV) $(BIN)/python manage.py demo_accounts
	$(DEV_ENV) $(BIN)/python manage.py runserver 127.0.0.1:8000

## test: the whole suite (browser tests skip with a message where Chromium is missing)
test: install-dev
	$(BIN)/python -m pytest

## bench: search and browse at 100,000 entries on a throwaway PostgreSQL, then 10,000 on SQLite; then imports and the plans board; then evidence (100,000-row load, measure page p95) and backup and restore (2,000 and 10,000 entries) on both
bench: install-dev
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk >/dev/null)
	@if [ -n "$$DATABASE_URL" ]; then $(BIN)/python -m bench.run $(BENCH_ARGS); \
	else scripts/with-postgres $(BIN)/python -m bench.run $(BENCH_ARGS); \
	rm -f var/bench.sqlite3; DATABASE_URL=sqlite:///var/bench.sqlite3 $(BIN)/python -m bench.run $(BENCH_ARGS); fi
	rm -f var/bench-import.sqlite3; DATABASE_URL=sqlite:///var/bench-import.sqlite3 $(BIN)/python -m bench.imports
	rm -f var/bench-plans.sqlite3; DATABASE_URL=sqlite:///var/bench-plans.sqlite3 $(BIN)/python -m bench.plans_board
	@if [ -n "$$DATABASE_URL" ]; then $(BIN)/python -m bench.evidence; else scripts/with-postgres $(BIN)/python -m bench.evidence; fi
	rm -f var/bench-evidence.sqlite3; DATABASE_URL=sqlite:///var/bench-evidence.sqlite3 $(BIN)/python -m bench.evidence
	rm -rf var/bench-backup-media
	@if [ -n "$$DATABASE_URL" ]; then $(BIN)/python -m bench.backup; else scripts/with-postgres $(BIN)/python -m bench.backup; fi
	rm -rf var/bench-backup-media var/bench-backup.sqlite3
	DATABASE_URL=sqlite:///var/bench-backup.sqlite3 $(BIN)/python -m bench.backup

## loadtest: 50 users for 60 s on gunicorn and a throwaway PostgreSQL with 100,000 entries (LOADTEST_ARGS="--entries 2000"); LOADTEST_ARGS="--front nginx --ramp": connections 8 to 128 through nginx to two instances then one, p99 and req/s per step, the knee named
loadtest: install-dev
	@if [ -n "$$DATABASE_URL" ]; then $(BIN)/python -m bench.loadtest $(LOADTEST_ARGS); \
	else scripts/with-postgres $(BIN)/python -m bench.loadtest $(LOADTEST_ARGS); fi

## check: lint, missing migrations and Django's deployment checks
check: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DATABASE_URL=sqlite:///:memory: $(DEV_ENV) $(BIN)/python manage.py makemigrations --check --dry-run

format: install-dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) var/portal.sqlite3 var/media var/staticfiles
