# Sales Plus CRM API. `make run` and `make test` are the README's two commands.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/test

.PHONY: run install install-test test test-sqlite test-postgres schema bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-test: $(BIN)/python
	$(BIN)/pip install --quiet -e ".[test]"

## Install, then serve on SQLite with the demo data and GraphiQL at http://127.0.0.1:8000/graphql
run: install
	SALESPLUS_DEMO=1 $(BIN)/salesplus serve --host 127.0.0.1 --port 8000

## Install, then run every test on SQLite, and again on PostgreSQL when it answers (required in CI)
test: install-test test-sqlite test-postgres

test-sqlite:
	$(BIN)/python -m pytest -q

test-postgres:
	@if $(BIN)/python -m tests.support.database $(PG_URL); then \
		SALESPLUS_TEST_DATABASE=$(PG_URL) $(BIN)/python -m pytest -q; \
	elif [ "$$CI" = "true" ]; then \
		echo "PostgreSQL is not reachable at $(PG_URL), and CI requires it."; exit 1; \
	else \
		echo "SKIPPED the PostgreSQL run: nothing answers at $(PG_URL) (set PG_URL to use another)."; \
	fi

## Regenerate the committed schema.graphql and the catalog's part of docs/export.schema.json
schema:
	$(BIN)/python -c "from schema import schema; open('schema.graphql', 'w').write(schema.as_str() + '\n')"
	$(BIN)/python -m rights.export_schema

bench:
	$(BIN)/python -m bench.guarded_list $(BENCH_ARGS)

clean:
	rm -rf $(VENV) salesplus.db .salesplus
