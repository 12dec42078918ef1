# Two commands matter: `make run` (set up, ingest if needed, start the chat) and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
PORT   ?= 8501

export HF_HUB_OFFLINE := 1
export ANONYMIZED_TELEMETRY := False

.PHONY: install run ingest ui test test-fast lint eval eval-quick bench clean

$(STAMP): pyproject.toml requirements.lock
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	# torch first: `torch==2.13.0` takes the local CPU wheel; a plain `torch` would pull CUDA.
	$(BIN)/python -m pip install -q -c requirements.lock torch==2.13.0
	$(BIN)/python -m pip install -q -c requirements.lock -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

ingest: install
	$(BIN)/overhoop ingest

run: install
	$(BIN)/overhoop ingest --if-stale
	$(BIN)/overhoop ui --port $(PORT)

test: install
	$(BIN)/python -m pytest

test-fast: install
	$(BIN)/python -m pytest -m "not slow"

lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy basics ingest assistant ui evals bench overhoop
	$(BIN)/lint-imports

eval: install
	$(BIN)/overhoop ingest --if-stale
	$(BIN)/overhoop eval

eval-quick: install
	$(BIN)/overhoop ingest --if-stale
	$(BIN)/overhoop eval --quick

bench: install
	$(BIN)/overhoop bench

clean:
	rm -rf $(VENV) data
