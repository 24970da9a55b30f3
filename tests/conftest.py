"""Shared test set-up: Qt runs headless, Qt warnings fail the run (see
``qt_log_level_fail`` in pyproject.toml), the shipped catalog is loaded once, and
the user's own data and settings folders are out of reach: the whole run gets
folders of its own (a test building the Study tab never writes a study.sqlite3
of the user's, nor takes a running Yaotong's single-instance lock)."""

import os
import shutil
import sys
import tempfile

# A 1920x1080 screen for the offscreen platform (its own default is 800x800, smaller than the
# windows the tests open, which the main window would shrink to fit).
_SCREEN = os.path.join(tempfile.gettempdir(), "yaotong-offscreen-1920x1080.json")
with open(_SCREEN, "w", encoding="utf-8") as _handle:
    _handle.write(
        '{"screens": [{"name": "test", "x": 0, "y": 0, "width": 1920, "height": 1080,'
        ' "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}'
    )
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_SCREEN}"
_HOME = tempfile.mkdtemp(prefix="yaotong-tests-")
os.environ["XDG_DATA_HOME"] = os.path.join(_HOME, "data")  # QStandardPaths on Linux and the BSDs
os.environ["XDG_CONFIG_HOME"] = os.path.join(_HOME, "config")

import pytest  # noqa: E402 - after the environment above, before Qt loads


@pytest.fixture(scope="session", autouse=True)
def _private_user_folders():
    if sys.platform in ("darwin", "win32"):  # no XDG there: Qt's test folders instead
        from PySide6.QtCore import QStandardPaths

        QStandardPaths.setTestModeEnabled(True)
    yield
    shutil.rmtree(_HOME, ignore_errors=True)


@pytest.fixture(scope="session")
def catalog():
    """The shipped catalog, loaded once for the whole run (it is immutable)."""
    from app.domain.loader import load_catalog
    from app.paths import catalog_path

    return load_catalog(catalog_path())


@pytest.fixture
def reference(qtbot, catalog):
    """The Reference workspace on its own, shown at 1366x800, on the back view."""
    from app.ui.reference_workspace import ReferenceWorkspace

    ws = ReferenceWorkspace(catalog)
    qtbot.addWidget(ws)
    ws.resize(1366, 800)
    ws.show()
    qtbot.waitExposed(ws)
    ws.set_view("back")
    return ws
