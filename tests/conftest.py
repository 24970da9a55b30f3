"""Shared test set-up: Qt runs headless, Qt warnings fail the run (see
``qt_log_level_fail`` in pyproject.toml), and the shipped catalog is loaded once."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest


@pytest.fixture(scope="session")
def catalog():
    """The shipped catalog, loaded once for the whole run (it is immutable)."""
    from app.domain.loader import load_catalog
    from app.paths import catalog_path

    return load_catalog(catalog_path())
