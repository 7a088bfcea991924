# De Directeurskamer: run `make help` for the list of commands.

PYTHON_BIN ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
TEST_WORKERS ?= auto

.DEFAULT_GOAL := help
.PHONY: help install run test lighthouse bench bench-newsletter load audit lint format check messages messages-check ci clean

help: ## Show this list of commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-17s %s\n", $$1, $$2}'

$(PY):
	$(PYTHON_BIN) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed-%: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[$*]"
	@touch $@

install: $(VENV)/.installed-dev ## Create .venv and install the site with its dev tools

# Links in pages and mails start with the address it serves on (core/site_url.py).
run: export WAGTAILADMIN_BASE_URL ?= http://$(HOST):$(PORT)
run: $(VENV)/.installed-dev ## Install, migrate, load the demo content and serve http://127.0.0.1:8000/ (publishing scheduled pages each minute)
	@mkdir -p var
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo_content
	$(MANAGE) ensure_demo_accounts
	@# Scheduled pages go live while the server runs, as the cron line does in production
	@# (docs/deploy.md): publish_scheduled every minute, stopped with the server.
	@( while sleep 60; do $(MANAGE) publish_scheduled; done ) & loop=$$!; \
	trap 'kill $$loop 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver $(HOST):$(PORT)

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

test: $(VENV)/.installed-test node_modules/.package-lock.json ## Install the test extra and run the whole test suite (SQLite, or DATABASE_URL)
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadgroup --no-loadscope-reorder $(PYTEST_ARGS)

lighthouse: $(VENV)/.installed-test node_modules/.package-lock.json ## Lighthouse scores (mobile) of the production configuration
	$(PY) scripts/lighthouse_scores.py

bench: $(VENV)/.installed-test ## Requests/s, latency, CPU ms per request, queries and memory of the production configuration (PostgreSQL, Redis, wrk); BENCH_ARGS="--reference URL ..." beside another site
	$(PY) bench/run.py $(BENCH_ARGS)

bench-newsletter: $(VENV)/.installed-test ## Time and worker memory of mailing an article to 2,500-10,000 subscribers (PostgreSQL)
	$(PY) bench/newsletter.py $(BENCH_ARGS)

load: $(VENV)/.installed-test $(VENV)/.installed-load ## 50 readers for 60 s with stories and signups: nothing lost, no 5xx (PostgreSQL, Redis)
	$(PY) bench/load.py $(LOAD_ARGS)

audit: $(VENV)/.installed-test $(VENV)/.installed-audit ## Known vulnerabilities in every installed package (pip-audit; needs PyPI's or OSV's vulnerability data)
	$(VENV)/bin/pip-audit --strict --progress-spinner off

lint: $(VENV)/.installed-test ## Code style (ruff) and the allowed imports between apps (import-linter)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: $(VENV)/.installed-test ## Reformat the code with ruff
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check: $(VENV)/.installed-test ## Django system checks and a check for missing migrations
	DJANGO_SETTINGS_MODULE=site_config.settings.test $(MANAGE) check
	DJANGO_SETTINGS_MODULE=site_config.settings.test $(MANAGE) makemigrations --check --dry-run

messages: $(VENV)/.installed-test ## Update and compile the Dutch translation catalogue
	$(MANAGE) makemessages --locale nl --no-obsolete --no-location --ignore '.venv/*' --ignore 'var/*'
	$(MANAGE) compilemessages --locale nl --ignore '.venv/*'

messages-check: messages ## Fail when templates or code have text missing from the catalogue
	@git diff --quiet -I 'POT-Creation-Date' -- locale/nl/LC_MESSAGES/django.po || \
		{ git diff -I 'POT-Creation-Date' -- locale/; echo "Run 'make messages' and translate the new entries."; exit 1; }

ci: lint check messages-check test ## What CI runs: lint, checks, the catalogue and the tests

clean: ## Remove the virtualenv, the local database and uploaded media
	rm -rf $(VENV) var
