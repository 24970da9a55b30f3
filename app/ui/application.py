"""Start the Yaotong window: QApplication, one instance, catalog, theme, main window.

A second start raises the first window and ends (``app.ui.single_instance``).
A catalog that does not load never crashes the app: a window lists every
problem (file, line, field) and offers to try again once the file is fixed.
A damaged settings file never stops it either: every read goes through the
typed settings (``app.domain.settings``), which fall back to the defaults.
"""

from __future__ import annotations

import linecache
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.models import Catalog
from app.paths import catalog_path, resources_dir, user_cache_dir
from app.ui.single_instance import SingleInstance, default_data_dir

APP_NAME = "Yaotong"


def load_catalog_problems(path: Path, cache_dir: Path | None = None) -> tuple[Catalog | None, list[str]]:
    """The catalog, or None and the problems that stopped it loading (one line each). With
    ``cache_dir``, a catalog validated at an earlier start is taken from there
    (``app.domain.catalog_cache``)."""
    from app.domain.catalog_cache import load_catalog_cached
    from app.domain.errors import CatalogError

    try:
        return load_catalog_cached(path, cache_dir), []
    except CatalogError as error:
        problems = [str(p) for p in getattr(error, "problems", ())] or [str(error)]
        return None, problems
    except OSError as error:
        return None, [f"{path}: {error.strerror or error}"]


class CatalogProblemsWindow(QMainWindow):
    """Shown instead of the reference when the catalog has problems; stays open until fixed."""

    def __init__(self, path: Path, problems: list[str], on_loaded: object) -> None:
        super().__init__()
        self.path = path
        self._on_loaded = on_loaded
        self.setWindowTitle("Yaotong — the catalog could not be loaded")
        self.resize(900, 480)
        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        self.problem_list = QPlainTextEdit(self)
        self.problem_list.setReadOnly(True)
        self.problem_list.setAccessibleName("Catalog problems")
        retry = QPushButton("&Try again", self)
        retry.clicked.connect(self.retry)
        quit_button = QPushButton("&Quit", self)
        quit_button.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(retry)
        buttons.addWidget(quit_button)
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.addWidget(self.heading)
        layout.addWidget(self.problem_list, 1)
        layout.addLayout(buttons)
        self.setCentralWidget(body)
        self.show_problems(problems)

    def show_problems(self, problems: list[str]) -> None:
        count = len(problems)
        self.heading.setText(
            f"Yaotong could not load its catalog, {self.path}, because of {count} "
            f"{'problem' if count == 1 else 'problems'}. Fix the file and press Try again."
        )
        self.problem_list.setPlainText("\n".join(problems))

    def retry(self) -> None:
        catalog, problems = load_catalog_problems(self.path)
        if catalog is None:
            self.show_problems(problems)
            return
        self._on_loaded(catalog)  # type: ignore[operator]
        self.close()


def problems_dialog(parent: QWidget, path: Path, problems: list[str]) -> QMessageBox:
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        "Catalog problems",
        f"The catalog {path.name} has {len(problems)} problem(s); Yaotong cannot show it"
        " until they are fixed.",
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setDetailedText("\n".join(problems))
    box.open()
    return box


def open_main_window(
    catalog: Catalog, settings: QSettings | None = None, data_dir: Path | None = None
) -> QMainWindow:
    from app.ui.main_window import MainWindow

    window = MainWindow(catalog, settings, data_dir=data_dir)
    window.show()
    return window


def raise_window(window: QWidget) -> None:
    """Bring ``window`` to the front (another start asked for it)."""
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()


LISTEN_AFTER_MS = 200  # well inside the two seconds a second start keeps trying
# The guard of the running start (one per process); a new start with another folder (tests) replaces it.
_instance: SingleInstance | None = None


def run(argv: list[str], path: Path | None = None) -> int:
    """``yaotong`` with no command: open the window and run until it is closed (or, when Yaotong
    is already running, raise its window and end)."""
    app, windows = start(argv, path)
    if not windows:
        return 0 if _instance is None or not _instance.problem else 1
    return app.exec()


def start(
    argv: list[str],
    path: Path | None = None,
    settings: QSettings | None = None,
    data_dir: Path | None = None,
) -> tuple[QApplication, list[QMainWindow]]:
    """Create the application and show the first window (the reference, or the
    catalog's problems); returns them so the caller keeps them alive.

    ``data_dir``: the user's data folder when None (study progress and the single-instance
    lock). When another Yaotong runs on that folder, its window is raised and no window is
    returned."""
    global _instance
    from app.ui.theme import FUSION_ARGS, FUSION_PROPERTY

    app = QApplication.instance()
    if app is None:  # made in the Fusion style the theme applies (Qt's own argument)
        app = QApplication([sys.argv[0], *argv, *FUSION_ARGS])
        app.setProperty(FUSION_PROPERTY, True)
    assert isinstance(app, QApplication)
    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    if _instance is not None:
        _instance.release()
    _instance = SingleInstance(data_dir if data_dir is not None else default_data_dir(), app)
    if not _instance.acquire(listen=False):
        if _instance.problem:
            print(f"Yaotong is already running, but did not answer: {_instance.problem}.", file=sys.stderr)
        return app, []
    icon = resources_dir() / "icons" / "yaotong.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    # The theme first, so the first frame is already in the right colours.
    from app.domain.settings import Setting
    from app.ui.main_window import default_settings
    from app.ui.settings_store import Settings
    from app.ui.theme import apply_theme

    settings = settings if settings is not None else default_settings()
    apply_theme(app, Settings(settings)[Setting.THEME])

    path = path or catalog_path()
    windows: list[QMainWindow] = []
    _instance.activated.connect(lambda: raise_window(windows[-1]) if windows else None)
    # With a data folder of its own (tests, tools), the cache goes there too.
    cache_dir = data_dir / "cache" if data_dir is not None else user_cache_dir()
    # PySide reads the source of each module imported after it (to find its feature switches),
    # and linecache keeps every line: 2.5 MB nothing reads again (a traceback reads its lines
    # anew), freed here for the catalog and the window to be built in.
    linecache.clearcache()
    catalog, problems = load_catalog_problems(path, cache_dir)
    if catalog is not None:
        windows.append(open_main_window(catalog, settings, data_dir))
    else:
        problem_window = CatalogProblemsWindow(
            path, problems, lambda c: windows.append(open_main_window(c, settings, data_dir))
        )
        problem_window.show()
        windows.append(problem_window)
        problems_dialog(problem_window, path, problems)
    # Other starts are answered once the first frame is up (they retry meanwhile): the local
    # socket's module is not needed to show the window (a 0 ms timer can run before the first paint).
    QTimer.singleShot(LISTEN_AFTER_MS, _instance.listen)
    return app, windows
