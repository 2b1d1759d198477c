# Assistant AICT — two commands for users: `make run` and `make test`.
# The interpreter for the venv: the first one not older than 3.11.8. CPython 3.11.0-3.11.7 share one
# recursion counter between threads in ast.parse (cpython#106905), so Streamlit compiling the app while the
# warm-up thread reads a NumPy header fails now and then with « AST constructor recursion depth mismatch ».
PYTHON ?= $(shell for p in python3.12 python3.13 $$HOME/.pyenv/versions/3.1[23].*/bin/python3 python3; do \
            $$p -c 'import sys; sys.exit(sys.version_info < (3, 11, 8))' >/dev/null 2>&1 && { echo $$p; exit; }; \
          done; echo python3)
VENV   := .venv
PY     := $(VENV)/bin/python
UV     := $(VENV)/bin/uv
HOST   ?= 127.0.0.1
PORT   ?= 8501

.PHONY: run test bench install install-test ingest clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check uv

# Bytecode compiled once at install: this machine's environment sets PYTHONDONTWRITEBYTECODE, and each process
# (the app, ingest.py, every CLI call of the tests) would otherwise compile chromadb and LangChain again (~3 s).
$(VENV)/.installed: pyproject.toml | $(PY)
	$(UV) pip install --quiet --compile-bytecode --python $(PY) -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(UV) pip install --quiet --compile-bytecode --python $(PY) -e ".[test]"
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

# Index corpus/ (a no-op when nothing changed), then serve the app.
ingest: install
	$(PY) ingest.py

run: install
	-$(PY) ingest.py
	$(PY) -m assistant serve --host $(HOST) --port $(PORT)

test: install-test
	$(PY) -m compileall -q assistant app.py ingest.py >/dev/null
	$(PY) -m pytest -q -p no:cacheprovider

bench: install-test
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) data .pytest_cache
