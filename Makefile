# Two commands: `make run` (set up everything and serve) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: run test openapi install lock migrate seed-demo clean

$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $(STAMP)

install: $(STAMP)

# Embedded default: SQLite under var/ (one database per service), the demo applicatie on (the
# Zaken service also reads the Catalogi service at :8001 with it, unless ZAKEN_CLIENT_ID and
# ZAKEN_SECRET are set), selectielijst validation off (no network needed); Catalogi and Zaken take
# the rights of secret-only applicaties from the Autorisaties service at :8004 (unless
# ZGW_AUTORISATIES_API_URL is set; see `run_environments` in services/cli.py). Override any of
# these in the environment.
run: install
	ZGW_DEMO_ENABLED=$${ZGW_DEMO_ENABLED:-true} \
	CATALOGI_SELECTIELIJST_VALIDATION=$${CATALOGI_SELECTIELIJST_VALIDATION:-false} \
	$(BIN)/zgw run

test: install
	$(BIN)/python -m pytest

openapi: install
	$(BIN)/zgw openapi

migrate: install
	$(BIN)/zgw migrate

seed-demo: install
	ZGW_DEMO_ENABLED=true CATALOGI_SELECTIELIJST_VALIDATION=false $(BIN)/zgw seed-demo

# Regenerate the lock file after changing dependencies in pyproject.toml.
lock: install
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --universal --python-version 3.11 -o requirements.lock

clean:
	rm -rf $(VENV) var
