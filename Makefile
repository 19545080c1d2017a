# cleaner's tasks. The README's two set-up commands are `make run` and `make test`.
PYTHON ?= python3
OUT ?= out

.PHONY: install run test lint snapshots docs check-rules bench clean

install:
	$(PYTHON) -m pip install -q -e '.[test]'

# Install, then clean the sample corpus: cleaned text in out/clean, diff log in out/difflog.jsonl.
run: install
	cleaner clean samples -o $(OUT)/clean --log $(OUT)/difflog.jsonl
	@echo "cleaned text: $(OUT)/clean/   diff log: $(OUT)/difflog.jsonl"

# The whole test suite: rule examples, doctests, golden snapshots, properties, CLI, pre-commit.
test:
	$(PYTHON) -m pytest

# Regenerate golden snapshots of samples/ after an intended behaviour change; review the git diff.
snapshots:
	$(PYTHON) scripts/snapshots.py

# Render every rule pack to Markdown under docs/rules/.
docs:
	$(PYTHON) -c "from pathlib import Path; from cleaner.docs import render_all; from cleaner.registry import load_registry; print(*render_all(load_registry(), Path('docs/rules')), sep='\n')"

# Load and validate every pack, then run only the embedded rule examples.
check-rules:
	$(PYTHON) -m pytest -q tests/test_rule_examples.py tests/test_registry.py

# The corpus-scale benchmark (issue 7): builds a ~24 MB corpus in a temp folder, measures MB/s per core,
# lexicon cost, `cleaner check` wall time, --jobs speedup and memory, each against ftfy; prints JSON.
# Results of a run are kept in benchmarks/results/ (BENCH_ARGS="--save benchmarks/results/NAME.json").
bench:
	$(PYTHON) benchmarks/bench.py $(BENCH_ARGS)

lint:
	$(PYTHON) -m ruff check cleaner tests || echo "ruff not installed: pip install ruff"

clean:
	rm -rf $(OUT) .pytest_cache .hypothesis
