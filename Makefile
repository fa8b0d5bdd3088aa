# tweetathon — two commands set everything up on a fresh machine:
#   make demo   creates .venv, installs, simulates a small #poltwt, imports it into SQLite, prints the figures
#   make test   installs what the tests need (system packages, PostgreSQL when missing), runs the whole suite
SHELL := /bin/bash
.DEFAULT_GOAL := help
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO := demo
TW := TWEETATHON_DB=$(DEMO)/tweetathon.db $(BIN)/tweetathon
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SYSTEM_PACKAGES := chromium poppler-utils libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
	apertium apertium-eng-spa apertium-eng-cat apertium-isl-eng apertium-eu-en apertium-en-gl

.PHONY: help install demo test prepare lint system postgres pds axe bench clean constraints
PYTEST_WORKERS ?= 2

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-9s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev,live,web]'
	touch $(STAMP)

install: $(STAMP)  ## create .venv and install tweetathon with every extra

demo: $(STAMP)  ## simulate a small #poltwt, organise it, import it into SQLite, print stats and figures, write a report
	rm -rf $(DEMO) && mkdir -p $(DEMO)
	$(BIN)/tweetathon simulate tweetathon --out $(DEMO)/poltwt --posts 3000 --seed 1
	$(TW) event create --from $(DEMO)/poltwt/event.json
	$(TW) participants import $(DEMO)/poltwt/participants.csv --event poltwt
	$(TW) participants approve --all --event poltwt
	$(TW) import $(DEMO)/poltwt/data --event poltwt
	$(TW) stats
	$(TW) figures --event poltwt
	$(TW) report --event poltwt --out $(DEMO)/report.html
	$(TW) map poltwt --out $(DEMO)/map.html
	$(TW) publish report --event poltwt
	@echo "demo: database $(DEMO)/tweetathon.db, report $(DEMO)/report.html, map $(DEMO)/map.html"
	@echo "serve the demo (public pages, API, console):"
	@echo "  $(BIN)/tweetathon serve --db $(DEMO)/tweetathon.db    # then open http://127.0.0.1:8000/events/poltwt"
	@echo "  console accounts: $(BIN)/tweetathon user add NAME --role organiser --db $(DEMO)/tweetathon.db"

system:  ## Debian packages the tests need (Chromium, pdftoppm, Pango for PDFs, PostgreSQL), when missing: one apt run
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done; \
	  command -v pg_lsclusters >/dev/null || echo postgresql); \
	if [ -n "$$missing" ]; then \
	  echo "installing: $$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

postgres: system  ## make sure PostgreSQL answers on 127.0.0.1:5432 (installed by `system`; started when down)
	@if ! pg_isready -q -h 127.0.0.1 -p 5432; then \
	  for v in $$(ls /etc/postgresql); do $(SUDO) pg_ctlcluster --skip-systemctl-redirect $$v main start || true; done; \
	  for i in $$(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done; fi
	@pg_isready -h 127.0.0.1 -p 5432
	@psql -h 127.0.0.1 -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='test'" | grep -q 1 \
	  || psql -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE test"

pds:  ## install the pinned local Bluesky PDS used by the capture tests (cached outside the repo)
	@if [ -x scripts/setup-bluesky-pds.sh ]; then scripts/setup-bluesky-pds.sh; fi

axe:  ## fetch axe-core (pinned, npm pack) into ~/.cache/tweetathon/ for the browser accessibility tests
	@scripts/fetch-axe-core.sh >/dev/null

# The set-up steps are independent (pip, apt, the PDS build, PostgreSQL's start): run them side by side.
prepare: $(STAMP) system postgres pds axe

test:  ## run the whole suite (with CI=true nothing may be skipped); PYTEST_WORKERS=1 for one process
	@$(MAKE) --no-print-directory -j4 --output-sync=target prepare
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/pytest -q -n $(PYTEST_WORKERS)

lint: $(STAMP)  ## ruff and mypy
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

bench: $(STAMP)  ## run every benchmark (prints figures; slow)
	@for b in benchmarks/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

constraints:  ## re-pin constraints.txt to the newest releases pyproject.toml allows (then run make test)
	rm -rf .venv-constraints
	$(PYTHON) -m venv .venv-constraints
	.venv-constraints/bin/pip install --quiet --upgrade pip
	.venv-constraints/bin/pip install --quiet -e '.[dev,live,web]'
	{ echo "# Exact versions every install uses (make install, make test, CI). Re-pin: make constraints"; \
	  .venv-constraints/bin/pip freeze --exclude-editable; } > constraints.txt
	rm -rf .venv-constraints

clean:  ## remove the venv, caches and demo output
	rm -rf $(VENV) $(DEMO) .pytest_cache .mypy_cache .ruff_cache
