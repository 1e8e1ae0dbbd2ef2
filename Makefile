# STOP! Knowledge Exchange — developer commands.
# `make run` and `make test` are all a new machine needs (python3 and make).

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: bench bench-compare bench-tools run test install migrate demo lint format check admin clean system-deps \
	compilemessages jsdeps messages check-messages snapshot relevance

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

install: $(BIN)/.installed

# Debian packages listed in .ci/system-packages (installed when run as root).
system-deps:
	@missing="$$(for p in $$(grep -v '^#' .ci/system-packages); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done)"; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
		else \
			echo "Please install these Debian packages: $$missing" >&2; exit 1; \
		fi; \
	fi

# JavaScript tools the tests use (axe-core), pinned by package-lock.json.
node_modules/.package-lock.json: package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends npm; \
		else \
			echo "Please install npm (Debian package npm)." >&2; exit 1; \
		fi; }
	npm ci --no-audit --no-fund --loglevel=error

jsdeps: node_modules/.package-lock.json

# Translations (docs/translations.md). Translators edit locale/sr_Latn and locale/sl,
# and Wagtail's admin in admin_locale/*/sr_Latn (which makemessages never writes);
# every sr (Cyrillic) catalogue is written from its sr_Latn one. Needs gettext.
MESSAGES_IGNORE := --ignore '.venv*' --ignore 'tests/*' --ignore node_modules --ignore static --ignore bench

# Collect new strings into the catalogues and rewrite the Cyrillic one.
messages: install system-deps
	$(MANAGE) makemessages -l sr_Latn -l sl --add-location=file $(MESSAGES_IGNORE)
	@# File names without line numbers and no creation date: a catalogue changes
	@# only when a string does, so branches merge without conflicts.
	sed -i '/^"POT-Creation-Date: /d' locale/sr_Latn/LC_MESSAGES/django.po locale/sl/LC_MESSAGES/django.po
	$(MANAGE) transliterate_messages

# Fail when a string is untranslated or fuzzy (the admin's: when a msgid of the
# installed Wagtail is missing from admin_locale), or a Cyrillic catalogue is stale.
check-messages: install system-deps
	$(MANAGE) check_messages $(MESSAGES_IGNORE)

# Compile the catalogues of LOCALE_PATHS (locale/ and admin_locale/*) into the .mo
# files Django reads (not committed), after writing the Cyrillic ones from the Latin.
compilemessages: install
	$(MANAGE) transliterate_messages
	$(MANAGE) compilemessages --ignore '.venv*' --ignore node_modules --verbosity 0

migrate: install
	$(MANAGE) migrate --noinput

demo: migrate
	$(MANAGE) load_demo_content

run: system-deps demo compilemessages
	@echo "No account is created for you. To make an administrator, run:"
	@echo "    $(MANAGE) createsuperuser"
	@echo "Serving on http://$(HOST):$(PORT)/ (admin at /admin/)"
	$(MANAGE) runserver $(HOST):$(PORT)

# One pytest worker per core (pytest-xdist). The tests of one class, or of one
# module outside classes, run together on one worker, so each sets up its data
# once; the order stays pytest-django's (tests that commit, last).
# TEST_WORKERS=0 runs everything in this process.
TEST_WORKERS ?= auto
test: install system-deps compilemessages jsdeps
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadscope --no-loadscope-reorder $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

check: install
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

admin: migrate
	$(MANAGE) createsuperuser

# Benchmarks on 127.0.0.1 (SQLite and PostgreSQL); see docs/benchmarks.md.
BENCH_SIZES ?= 1000,10000
BENCH_TIMEOUT ?= 45m

bench-tools:
	@command -v wrk >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; \
		else \
			echo "Please install wrk (Debian package wrk)." >&2; exit 1; \
		fi; }

bench: install bench-tools
	timeout $(BENCH_TIMEOUT) $(BIN)/python bench/run.py --sizes $(BENCH_SIZES)

bench-compare: install bench-tools
	@test -n "$(REF)" || { echo "Usage: make bench-compare REF=<git ref>" >&2; exit 1; }
	$(BIN)/python bench/compare.py --ref $(REF) --sizes $(BENCH_SIZES)

# How well search ranks what readers mean on the demo content (bench/relevance.py):
# hit@3, MRR and nDCG@10 per language, on SQLite and on DATABASE_URL's PostgreSQL.
relevance: install
	$(BIN)/python bench/relevance.py

# What a reader gets from the demo content, as files (bench/snapshot.py): take
# one before and one after a restructuring and compare them with diff -r.
SNAPSHOT ?= snapshot
snapshot: install compilemessages
	$(BIN)/python bench/snapshot.py $(SNAPSHOT)

clean:
	rm -rf $(VENV) static node_modules artifacts
