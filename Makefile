# Two commands set everything up on a fresh machine (Python 3.11+ with venv):
#   make demo   drafts letters from the shipped examples into out/
#   make test   runs ruff, mypy and the test suite
# Both create .venv and install drafter into it (pinned by constraints.txt) the first time.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.drafter-installed

.PHONY: demo test test-fast lint bench clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/drafter render examples/*.yaml -o out --force
	$(BIN)/drafter check out/*.docx

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint
	$(BIN)/pytest -q

test-fast: $(STAMP)  # while working: skips the tests marked slow (wheel build, big batches)
	$(BIN)/pytest -q -m "not slow"

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev,bench]'
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) out build dist .mypy_cache .pytest_cache .ruff_cache
