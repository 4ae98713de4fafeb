# Two commands: `make run` (set up everything and serve) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: run serve-postgres test test-fast lint conformance openapi compose install lock migrate seed-demo clean

$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $(STAMP)

install: $(STAMP)

# Embedded default: SQLite under var/ (one database per service), on first start a year of demo
# history (~2,000 zaken through the APIs, services/demo_history.py; HISTORY=false: an empty
# start), the demo applicatie on (the
# Zaken service also reads the Catalogi service at :8001 with it, unless ZAKEN_CLIENT_ID and
# ZAKEN_SECRET are set), selectielijst validation off (no network needed); Catalogi and Zaken take
# the rights of secret-only applicaties from the Autorisaties service at :8004 (unless
# ZGW_AUTORISATIES_API_URL is set; see `run_environments` in services/cli.py). Override any of
# these in the environment.
run: install
	ZGW_DEMO_ENABLED=$${ZGW_DEMO_ENABLED:-true} \
	CATALOGI_SELECTIELIJST_VALIDATION=$${CATALOGI_SELECTIELIJST_VALIDATION:-false} \
	$(BIN)/zgw run $(if $(filter false,$(HISTORY)),--no-history)

# The production shape without Docker (what bench/load.py measures): every service its own process
# with WORKERS uvicorn workers, on PostgreSQL (one database per service, $(PG_DB_PREFIX)<service>,
# created when missing and migrated), and a `zgw dispatch` process per service with notification
# targets (none in the API processes). Wired as `make run` (`run_environments`): the Autorisaties
# API, its callbacks, the Rapportage webhook. An applicaties file with the limited benchmark client
# (BENCH_CLIENT_ID/BENCH_CLIENT_SECRET; its rights come from the Autorisaties API) unless
# ZGW_AUTORISATIES_FILE is set. No demo data unless SEED_DEMO=true (the benchmark data come from
# `python -m bench.generate`). Ctrl-C stops everything.
PG_URL              ?= postgresql://postgres@127.0.0.1:5432
PG_DB_PREFIX        ?= bench_
WORKERS             ?= 2
SEED_DEMO           ?= false
ACCESS_LOG          ?= false
BENCH_CLIENT_ID     ?= bench-beperkt
BENCH_CLIENT_SECRET ?= bench-beperkt-secret-0123456789abcdef
BENCH_APPLICATIES   := var/serve-postgres-applicaties.json

serve-postgres: install
	@mkdir -p var
	@printf '{"applicaties": [{"label": "Benchmark (beperkt)", "clientIds": ["%s"], "secret": "%s"}]}\n' \
		'$(BENCH_CLIENT_ID)' '$(BENCH_CLIENT_SECRET)' > $(BENCH_APPLICATIES)
	ZGW_AUTORISATIES_FILE=$${ZGW_AUTORISATIES_FILE:-$(BENCH_APPLICATIES)} \
	ZGW_DEMO_ENABLED=$${ZGW_DEMO_ENABLED:-true} \
	CATALOGI_SELECTIELIJST_VALIDATION=$${CATALOGI_SELECTIELIJST_VALIDATION:-false} \
	$(BIN)/zgw run --postgres-databases $(PG_URL)/$(PG_DB_PREFIX) --create-databases --workers $(WORKERS) --separate-dispatch \
		$(if $(filter true,$(SEED_DEMO)),--no-history,--no-seed) $(if $(filter true,$(ACCESS_LOG)),,--no-access-log)

# on every core (pytest-xdist): each worker is a test session with its own databases and schemas
test: install
	$(BIN)/python -m pytest -n auto

# the same less the real processes and the property-based runs (markers in pyproject.toml):
# the quick loop while working; `make test` runs everything
test-fast: install
	$(BIN)/python -m pytest -n auto -m "not processes and not schemathesis"

# the style and the types, as CI checks them (settings in pyproject.toml)
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# VNG's ZGW behaviour suite (../shared/conformance) against the services as `zgw run` serves them,
# compared with conformance/known-failures.txt (conformance/run.py). newman comes from npm into
# .cache/ (not committed).
NEWMAN := .cache/newman/node_modules/.bin/newman

$(NEWMAN):
	npm install --silent --no-audit --no-fund --prefix .cache/newman newman@6.2.2

conformance: install $(NEWMAN)
	$(BIN)/python -m conformance.run

openapi: install
	$(BIN)/zgw openapi

# docker-compose.yml from services/registry.py (services/compose.py); a test fails when it is stale
compose: install
	$(BIN)/zgw compose

migrate: install
	$(BIN)/zgw migrate

seed-demo: install
	ZGW_DEMO_ENABLED=true CATALOGI_SELECTIELIJST_VALIDATION=false $(BIN)/zgw seed-demo $(if $(filter false,$(HISTORY)),,--history)

# Regenerate the lock file after changing dependencies in pyproject.toml.
lock: install
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --universal --python-version 3.11 -o requirements.lock

clean:
	rm -rf $(VENV) var
