# Each target creates or refreshes .venv itself: `make run` and `make test` work on a fresh clone.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test check lint types imports bench screenshots clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(PY) -m app

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

types: $(STAMP)
	$(VENV)/bin/mypy

imports: $(STAMP)
	$(VENV)/bin/lint-imports

# The gate: what CI runs, and what runs before every commit.
check: lint types imports test

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m bench

# Every PNG in docs/screenshots: under xvfb-run (or a desktop) for the real fonts, offscreen without a display.
SHOTS_ENV := $(if $(DISPLAY),,QT_QPA_PLATFORM=offscreen)
screenshots: $(STAMP)
	$(SHOTS_ENV) $(PY) -m tools.screenshots
	$(SHOTS_ENV) $(PY) -m tools.draw_figures --screenshots
	$(SHOTS_ENV) $(PY) -m tools.intake_screenshots
	$(SHOTS_ENV) $(PY) -m tools.study_screenshots
	$(SHOTS_ENV) $(PY) -m tools.study_screenshots --theme dark
	$(SHOTS_ENV) $(PY) -m tools.course_screenshots
	$(SHOTS_ENV) $(PY) -m tools.course_screenshots --theme dark

clean:
	rm -rf $(VENV) build dist .pytest_cache
