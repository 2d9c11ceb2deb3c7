# Mindwell. `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help run test test-fast lint fmt bench e2e lock migrate demo static check-deploy clean model eval-screening bench-enumeration

help: ## List every target
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-13s %s\n", $$1, $$2}'

$(VENV)/.runtime: requirements.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.lock
	@touch $@

$(VENV)/.dev: requirements-dev.lock $(VENV)/.runtime
	$(PY) -m pip install -q -r requirements-dev.lock
	@touch $@

migrate: $(VENV)/.runtime ## Apply database migrations
	$(PY) manage.py migrate --no-input -v 0

demo: migrate ## Load the demo community if the database has no questions
	$(PY) manage.py load_demo --if-empty

static: $(VENV)/.runtime
	$(PY) manage.py collectstatic --no-input -v 0

run: demo static ## Install, migrate, load the demo, start web server + worker (HOST=, PORT=)
	$(PY) manage.py schedule_maintenance
	@scripts/run.sh $(HOST) $(PORT)

test: $(VENV)/.dev ## Run the whole test suite (SQLite, or DATABASE_URL)
	$(PY) -m pytest -n 2 --dist loadgroup

test-fast: $(VENV)/.dev ## Run the suite without the browser tests
	$(PY) -m pytest -n 2 -m "not e2e"

e2e: $(VENV)/.dev ## Run only the end-to-end browser tests
	$(PY) -m pytest -m e2e

lint: $(VENV)/.dev ## ruff, format, migrations, mypy, import rules, the model is what the corpus builds
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/mypy mindwell
	DJANGO_SETTINGS_MODULE=mindwell.settings $(VENV)/bin/lint-imports
	$(PY) manage.py train_screening_model --check
	$(PY) manage.py train_boundary_model --check

fmt: $(VENV)/.dev ## Format and auto-fix the code
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: $(VENV)/.dev ## Pages and search on SQLite and PostgreSQL, 10k and 100k questions (tables)
	$(PY) bench/all.py

bench-enumeration: $(VENV)/.dev ## Do sign-up and log-in times tell whether an address is registered? (table)
	$(PY) bench/enumeration.py

model: $(VENV)/.dev ## Rebuild the crisis-screening and boundary models from their labelled texts (fixed seed)
	$(PY) manage.py train_screening_model
	$(PY) manage.py train_boundary_model

eval-screening: $(VENV)/.dev ## Crisis screening and professional boundaries: dev splits and blind held-out sets (tables)
	$(PY) manage.py eval_screening
	$(PY) manage.py eval_boundaries

check-deploy: $(VENV)/.runtime ## manage.py check --deploy with production settings
	HTTPS=true DEBUG=false SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))') \
		$(PY) manage.py check --deploy --fail-level WARNING

lock: ## Re-resolve requirements*.in into the lock files
	scripts/lock.sh

clean: ## Remove the virtualenv and local data (var/)
	rm -rf $(VENV) var
