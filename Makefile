# cleaner's tasks. The README's two set-up commands are `make run` and `make test`.
#
# They work on a fresh machine with only a system Python (one that refuses `pip install` outside a
# virtualenv, PEP 668): the first one creates .venv/ and installs cleaner there; every task then runs
# with .venv/bin/python. VENV= (empty) uses $(PYTHON) as it is, for an environment you manage yourself.
PYTHON ?= python3
VENV ?= .venv
EXTRAS ?= test
OUT ?= out
ifeq ($(strip $(VENV)),)
PY := $(PYTHON)
STAMP := .cleaner-installed
else
PY := $(VENV)/bin/python
STAMP := $(VENV)/.cleaner-installed
endif

.PHONY: install run test test-slow test-all lint snapshots docs check-rules bench clean

# Install once (again when pyproject.toml changes): the virtualenv, then cleaner with $(EXTRAS).
install: $(STAMP)

$(STAMP): pyproject.toml
ifneq ($(strip $(VENV)),)
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || { \
	  echo "cleaner: could not create the virtualenv $(VENV) with $(PYTHON) -m venv." >&2; \
	  echo "  On Debian or Ubuntu: sudo apt install python3-venv, then run make again;" >&2; \
	  echo "  or use a Python you manage yourself: make VENV= $(MAKECMDGOALS)" >&2; exit 1; }
endif
	$(PY) -m pip install -q -e '.[$(EXTRAS)]'
	@touch $@

# Install, then clean the sample corpus: cleaned text in out/clean, diff log in out/difflog.jsonl.
run: install
	$(PY) -m cleaner clean samples -o $(OUT)/clean --log $(OUT)/difflog.jsonl
	@echo "cleaned text: $(OUT)/clean/   diff log: $(OUT)/difflog.jsonl"
ifneq ($(strip $(VENV)),)
	@echo "to run cleaner yourself: . $(VENV)/bin/activate && cleaner --help"
endif

# The test suite, less the long stress tests (marked slow: a 20 MB line, a 50 MB JSONL record, killed
# workers, the real pre-commit framework, Ray): a few minutes. `make test-slow` runs those; CI runs both.
test: install
	$(PY) -m pytest -m "not slow" --durations=5

test-slow: install
	$(PY) -m pytest -m slow --durations=10

test-all: install
	$(PY) -m pytest

# Regenerate golden snapshots of samples/ after an intended behaviour change; review the git diff.
snapshots:
	$(PY) scripts/snapshots.py

# Render every rule pack to Markdown under docs/rules/.
docs:
	$(PY) -c "from pathlib import Path; from cleaner.docs import render_all; from cleaner.registry import load_registry; print(*render_all(load_registry(), Path('docs/rules')), sep='\n')"

# Load and validate every pack, then run only the embedded rule examples.
check-rules:
	$(PY) -m pytest -q tests/test_rule_examples.py tests/test_registry.py

# The corpus-scale benchmark (issue 7): builds a ~24 MB corpus in a temp folder, measures MB/s per core,
# lexicon cost, `cleaner check` wall time, --jobs speedup and memory, each against ftfy; prints JSON.
# Results of a run are kept in benchmarks/results/ (BENCH_ARGS="--save benchmarks/results/NAME.json").
bench:
	$(PY) benchmarks/bench.py $(BENCH_ARGS)

lint:
	$(PY) -m ruff check cleaner tests || echo "ruff not installed: pip install ruff"

clean:
	rm -rf $(OUT) .pytest_cache .hypothesis .cleaner-installed
