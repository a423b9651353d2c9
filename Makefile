# Two commands a new user needs: `make run` and `make test`.
# Everything else the project needs is installed from here.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

# Browser tests drive Debian's Chromium (never a downloaded browser build).
CHROMIUM := /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install browser fonts pg-client nginx run team team-stop load test lint bench clean messages

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# Creates the demo company on first start, then serves the app on 127.0.0.1:8501 while the
# knowledge base is indexed in the background (only what changed; the first start takes
# minutes). Until it is done the Ask panel says so; the log is data/ingest.log.
run: install fonts
	$(BIN)/desk init --demo --if-empty
	@mkdir -p data
	@test ! -f data/demo-logins.txt || echo "Demo logins (user password role): data/demo-logins.txt"
	@echo "Indexing the knowledge base in the background: tail -f data/ingest.log"
	PYTHONUNBUFFERED=1 $(BIN)/desk ingest knowledge/sources --prune \
		> data/ingest.log 2>&1 &
	$(BIN)/streamlit run server.py

# The catalogue: every string a person reads, as `pybabel extract` finds it in the code.
I18N    := assistant/i18n
EXTRACT := $(BIN)/pybabel -q extract -F babel.cfg --no-location --sort-output \
	--project "Order Desk" --copyright-holder "Order Desk" --msgid-bugs-address "" .

# After changing words in the code: refresh the template and both catalogues, then
# translate what is new (python -m assistant.i18n.maintain fill BATCH.json or any PO editor).
messages: install
	$(EXTRACT) -o $(I18N)/desk.pot
	for language in hr en; do $(BIN)/pybabel -q update -i $(I18N)/desk.pot -d $(I18N)/locales \
		-D desk -l $$language --init-missing --no-fuzzy-matching --ignore-obsolete \
		--ignore-pot-creation-date -w 100 || exit 1; done

lint: install
	@mkdir -p .cache
	$(EXTRACT) -o .cache/extracted.pot
	$(BIN)/python -m assistant.i18n.maintain check .cache/extracted.pot
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

$(CHROMIUM):
	$(SUDO) apt-get update -qq
	$(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

browser: $(CHROMIUM)

# The Reports page's PDF embeds DejaVu Sans for č, ć, đ, š, ž (Debian's fonts-dejavu-core).
DEJAVU := /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf

$(DEJAVU):
	$(SUDO) apt-get update -qq
	$(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-dejavu-core

fonts: $(DEJAVU)

# `desk backup`/`desk restore` on PostgreSQL run pg_dump and pg_restore (Debian's
# postgresql-client; its major version must be the server's or newer).
PG_DUMP := /usr/bin/pg_dump

$(PG_DUMP):
	$(SUDO) apt-get update -qq
	$(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-client

pg-client: $(PG_DUMP)

# The team set-up's reverse proxy (Debian's nginx; `make team` runs it as the current user).
NGINX := /usr/sbin/nginx

$(NGINX):
	$(SUDO) apt-get update -qq
	$(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx

nginx: $(NGINX)

# A trial team set-up on one machine (docs/deployment.md): a PostgreSQL database of its own
# on 127.0.0.1:5432 with the demo company, `chroma run`, N Streamlit processes (default 3)
# and nginx with sticky sessions on http://127.0.0.1:8080. Settings: deploy/team.env.example.
N ?=
team: install nginx
	deploy/team.sh up $(N)

# Stops exactly the processes `make team` started (their ids are in data/team/*.pid).
team-stop:
	deploy/team.sh down

# Load and fault runs on the team set-up (docs/deployment.md, "Load and fault runs"): team up,
# LOAD_OPERATORS simulated operators for LOAD_SECONDS each, faults (it restarts the machine's
# PostgreSQL), call-backs through nginx (Locust), 5 browsers, team down; bench/load/REPORT.md.
# Never part of `make test`. A short trial: make load LOAD_SECONDS=30 LOAD_OPERATORS="5 10".
LOAD_VARS := LOAD_OPERATORS LOAD_SECONDS LOAD_INTERVAL LOAD_FAULT_OPERATORS LOAD_FAULT_SECONDS \
	LOAD_CALLBACKS LOAD_BROWSERS LOAD_INGEST_WAIT LOAD_LABEL
load: install nginx browser
	$(foreach v,$(LOAD_VARS),$(if $($(v)),$(v)="$($(v))")) bench/load/load.sh

# One pytest worker per core (at most 4): each keeps its own SQLite files and PostgreSQL database.
test: lint browser fonts pg-client nginx
	$(BIN)/pytest -q -n auto --maxprocesses=4

bench: install
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) data/*.db
