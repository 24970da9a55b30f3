"""One measurement in a fresh process: ``python -m bench.probe KIND``; prints one JSON line.

Kinds: ``bare`` (a PySide6 window showing one label), ``app`` (Yaotong as
``yaotong`` starts it), ``search`` and ``search10k`` (keystroke to filtered
table, per keystroke), ``switch`` (pattern switch, diagram restyled),
``steady`` (memory once every workspace has been built and shown),
``interactions`` (the first locate card, a treatment-sheet export, building the
Intake & plan workspace: each the first time in a fresh window).
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import sys
import time


def _emit(data: dict[str, object]) -> None:
    data["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    sys.stdout.write(json.dumps(data) + "\n")
    sys.stdout.flush()


def _first_paint_then_report(app: object, window: object) -> None:
    """Report once the window has painted its first frame, then quit."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        done = False

        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not self.done:
                self.done = True
                QTimer.singleShot(0, self.report)
            return False

        def report(self) -> None:
            _emit({"shown": True})
            app.quit()  # type: ignore[attr-defined]

    watcher = FirstPaint(app)  # type: ignore[arg-type]
    window.installEventFilter(watcher)  # type: ignore[attr-defined]
    window._first_paint_watcher = watcher  # type: ignore[attr-defined]


def bare() -> None:
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication(sys.argv[:1])
    label = QLabel("Yaotong")
    label.resize(1366, 768)
    _first_paint_then_report(app, label)
    label.show()
    app.exec()


def yaotong() -> None:
    import tempfile
    from pathlib import Path

    from app.ui.application import start

    # A data folder of its own: a Yaotong the user has open must not turn this start into a raise.
    # The same one for every run of a benchmark (beside its settings), so a start after the first
    # finds the validated catalog in its cache, as a user's does.
    home = os.environ.get("XDG_CONFIG_HOME")
    data = Path(home) / "yaotong-data" if home else Path(tempfile.mkdtemp(prefix="yaotong-bench-"))
    app, windows = start([], data_dir=data)
    window = windows[-1]
    window.resize(1366, 768)
    _first_paint_then_report(app, window)
    window.repaint()
    app.exec()


def _window():
    from pathlib import Path

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from app.domain.catalog_cache import load_catalog_cached
    from app.paths import catalog_path
    from app.ui.main_window import MainWindow

    app = QApplication(sys.argv[:1])
    home = os.environ["XDG_CONFIG_HOME"]
    settings = QSettings(os.path.join(home, "bench.ini"), QSettings.Format.IniFormat)
    # The catalog as a session has it, from the cache the app probes filled (a first start parses
    # the YAML once; the parser's garbage stayed in this process's memory, 13 MB, which no later
    # start of the app holds), and the benchmark's own data folder, never the user's study progress.
    data = Path(home) / "yaotong-data"
    window = MainWindow(load_catalog_cached(catalog_path(), data / "cache"), settings, data_dir=data)
    window.resize(1366, 768)
    window.show()
    from PySide6.QtTest import QTest

    QTest.qWait(600)  # let the workspaces built after the first frame finish: measure the steady state
    return app, window


QUERIES = ["weizhong", "bl23", "委中", "shenshu", "kidney shu", "bl-40"]


def _type_queries(app, browser, queries: list[str]) -> list[float]:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtTest import QTest

    def type_char(field, ch: str) -> None:
        if ch.isascii():
            QTest.keyClicks(field, ch)
        else:  # Chinese characters arrive from an input method, not as key presses
            event = QInputMethodEvent()
            event.setCommitString(ch)
            app.sendEvent(field, event)

    times: list[float] = []
    field = browser.search
    field.setFocus()
    for query in queries:
        for ch in query:
            start = time.perf_counter()
            type_char(field, ch)
            browser.proxy.rowCount()
            app.processEvents()  # the table repaints
            times.append((time.perf_counter() - start) * 1000)
        for _ in query:
            start = time.perf_counter()
            QTest.keyClick(field, Qt.Key.Key_Backspace)
            app.processEvents()
            times.append((time.perf_counter() - start) * 1000)
    return times


def search() -> None:
    app, window = _window()
    window.reference.focus_search()
    app.processEvents()
    times = _type_queries(app, window.reference.browser, QUERIES)
    _emit({"median_ms": statistics.median(times), "max_ms": max(times), "n": len(times)})


def search10k() -> None:
    from PySide6.QtWidgets import QApplication

    from app.domain.loader import load_catalog
    from app.paths import catalog_path
    from app.ui.point_browser import PointBrowser
    from bench.synthetic import synthetic_catalog

    app = QApplication(sys.argv[:1])
    catalog = synthetic_catalog(load_catalog(catalog_path()), 10_000)
    browser = PointBrowser(catalog)
    browser.resize(420, 700)
    browser.show()
    app.processEvents()
    times = _type_queries(app, browser, [*QUERIES, "gate life", "sy12"])
    _emit(
        {
            "median_ms": statistics.median(times),
            "max_ms": max(times),
            "n": len(times),
            "points": len(catalog.points),
        }
    )


def switch() -> None:
    app, window = _window()
    patterns = list(window.catalog.patterns)
    times: list[float] = []
    for _round in range(6):
        for pid in patterns:
            start = time.perf_counter()
            window.reference.select_pattern(pid)
            app.processEvents()  # diagram restyled and the detail pane painted
            times.append((time.perf_counter() - start) * 1000)
    _emit({"median_ms": statistics.median(times), "max_ms": max(times), "n": len(times)})


def steady() -> None:
    """Every workspace built and shown once, then the window left to settle: the memory a session
    holds (the peak RSS of the process is its high-water mark)."""
    from PySide6.QtTest import QTest

    _app, window = _window()
    for index in range(window.workspaces.count()):
        window.workspaces.setCurrentIndex(index)
        QTest.qWait(200)
    window.workspaces.setCurrentIndex(0)
    QTest.qWait(200)
    _emit({"workspaces": window.workspaces.count()})


# The standard case of the intake issue: 50, chronic dull ache, weak knees, pain down the side of the
# leg, on warfarin.
STANDARD_CASE = {
    "case_label": "bench",
    "age": 50,
    "patterns": ("kidney_qi_deficiency",),
    "zones": ("midline", "leg_side_left"),
    "factors": ("anticoagulants",),
}


def interactions() -> None:
    import tempfile
    from pathlib import Path

    from PySide6.QtTest import QTest

    from app.domain.decks import QuestionType
    from app.domain.plan import build_plan
    from app.ui.intake_workspace import IntakeWorkspace
    from app.ui.plan_export import export_treatment_sheet
    from app.ui.study_workspace import StudyWorkspace

    app, window = _window()
    catalog = window.catalog
    times: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="yaotong-bench-") as tmp:
        start = time.perf_counter()
        study = StudyWorkspace(catalog, store_path=Path(tmp) / "study.sqlite3")
        study.resize(1366, 720)
        study.show()
        first = next(c for c in study.cards if c.qtype == QuestionType.LOCATE)
        study.start_session([first])
        app.processEvents()  # the card and its figure painted
        times["locate_ms"] = (time.perf_counter() - start) * 1000
        study.close()
        QTest.qWait(50)

        plan = build_plan(catalog, **STANDARD_CASE)  # type: ignore[arg-type]
        start = time.perf_counter()
        export_treatment_sheet(catalog, plan, Path(tmp) / "sheet.pdf")
        times["sheet_ms"] = (time.perf_counter() - start) * 1000

        start = time.perf_counter()
        intake = IntakeWorkspace(catalog)
        intake.resize(1366, 720)
        intake.show()
        app.processEvents()
        times["intake_ms"] = (time.perf_counter() - start) * 1000
    _emit(times)


KINDS = {
    "bare": bare,
    "app": yaotong,
    "search": search,
    "search10k": search10k,
    "switch": switch,
    "steady": steady,
    "interactions": interactions,
}

if __name__ == "__main__":
    KINDS[sys.argv[1]]()
