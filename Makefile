# Each target creates or refreshes .venv itself: `make run` and `make test` work on a fresh clone.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
RUN_STAMP := $(VENV)/.installed-run
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run test check lint types imports bench screenshots clean

# `make run` installs what the app needs (PySide6-Essentials, PyYAML) and says what it is doing;
# the test, lint and type tools come only with the targets that use them.
$(RUN_STAMP): pyproject.toml
	@echo "== Setting up $(VENV) for Yaotong (first run only) =="
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --upgrade pip --progress-bar on
	$(PY) -m pip install -e . --progress-bar on
	@touch $@

$(TEST_STAMP): $(RUN_STAMP)
	@echo "== Adding the test tools to $(VENV) =="
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $@

run: $(RUN_STAMP)
	$(PY) -m app

test: $(TEST_STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -n auto --dist loadfile

lint: $(TEST_STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

types: $(TEST_STAMP)
	$(VENV)/bin/mypy

imports: $(TEST_STAMP)
	$(VENV)/bin/lint-imports

# The gate: what CI runs, and what runs before every commit.
check: lint types imports test

bench: $(TEST_STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m bench

# Every PNG in docs/screenshots: under xvfb-run (or a desktop) for the real fonts, offscreen without a display.
SHOTS_ENV := $(if $(DISPLAY),,QT_QPA_PLATFORM=offscreen)
screenshots: $(TEST_STAMP)
	$(SHOTS_ENV) $(PY) -m tools.screenshots
	$(SHOTS_ENV) $(PY) -m tools.draw_figures --screenshots
	$(SHOTS_ENV) $(PY) -m tools.intake_screenshots
	$(SHOTS_ENV) $(PY) -m tools.study_screenshots
	$(SHOTS_ENV) $(PY) -m tools.study_screenshots --theme dark
	$(SHOTS_ENV) $(PY) -m tools.course_screenshots
	$(SHOTS_ENV) $(PY) -m tools.course_screenshots --theme dark

clean:
	rm -rf $(VENV) build dist .pytest_cache
