# Two commands do all the set-up: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench bench-archive bench-quotes clean
BENCH_STAMP := $(VENV)/.installed-bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the project's metadata changes, so both targets are fast once set up.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

# Byte-compiled once here, as pip does for an ordinary install: an editable install leaves that
# to the first start, which never does it where PYTHONDONTWRITEBYTECODE is set (80 ms a start).
COMPILE := $(BIN)/python -m compileall -q cli services tui store nlp

run: $(STAMP)
	$(COMPILE)
	$(BIN)/presscut sample_articles/

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .

bench: $(STAMP)
	$(COMPILE) bench
	$(BIN)/python -m bench.run

$(BENCH_STAMP): pyproject.toml | $(STAMP)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test,bench]'
	touch $(BENCH_STAMP)

# Quotation scores over all gold, beside textacy's direct_quotations on the same texts.
bench-quotes: $(BENCH_STAMP)
	$(BIN)/python -m bench.quotes_vs_textacy

clean:
	rm -rf $(VENV) build *.egg-info

# Issue 16's figures at 10,000 and 100,000 articles side by side (the 100,000 library is built
# once, a few minutes, into .bench-cache/; the run takes tens of minutes).
bench-archive: $(STAMP)
	$(COMPILE) bench
	$(BIN)/python -m bench.archive
