# involve: `make run` serves the demo; `make test` runs the whole suite. Both set everything up
# first, and skip any step whose inputs have not changed since it last ran.

PYTHON ?= python3
PORT ?= 5000
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
export NLTK_DATA := $(CURDIR)/.empty-nltk-data

.PHONY: run test setup python-deps assets fonts browser migrate seed lint serve clean

run: setup migrate seed serve

test: setup browser lint
	$(BIN)/pytest

setup: python-deps assets fonts

python-deps: $(VENV)/.installed

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

assets: static/govuk/.built

static/govuk/.built: node_modules/.installed scripts/build-assets.mjs $(wildcard static/src/*.scss)
	node scripts/build-assets.mjs
	touch $@

# Compliance report PDFs embed DejaVu Sans so any script prints; without it they fall back to
# Helvetica (Latin only), so a machine where apt-get cannot run still works.
fonts:
	@test -d /usr/share/fonts/truetype/dejavu || { \
	  echo "Installing Debian's fonts-dejavu-core for PDF reports"; \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-dejavu-core; } \
	  || echo "Could not install fonts-dejavu-core: PDF reports will use Helvetica"; }

# Browser tests drive Debian's Chromium; Playwright never downloads a browser of its own.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

migrate: python-deps
	$(FLASK) db upgrade

seed: python-deps
	$(FLASK) involve seed-demo

serve:
	@echo ""
	@echo "involve is running at http://127.0.0.1:$(PORT)"
	@echo "Staff sign in at http://127.0.0.1:$(PORT)/sign-in as admin@example.gov.uk"
	@echo "with the demo password shown above (or INVOLVE_DEMO_PASSWORD if you set it)."
	@echo ""
	$(FLASK) run --host 127.0.0.1 --port $(PORT)

lint: python-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) node_modules static/govuk .pytest_cache
