"""What a practitioner would see cut off: every visible text that does not fit its widget.

Used in-process at scale 1 and, as ``python tests/screen_check.py SIZES``, in a fresh process at
QT_SCALE_FACTOR=2 (the scale is fixed when Qt starts). Sizes are logical (device-independent)
window sizes: at scale 2 the same layout is drawn with twice the pixels, so rounding and font
hinting change, and that is what the second run catches.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QTabBar,
    QTableWidget,
    QWidget,
)

SIZES = ((960, 600), (1366, 768), (1920, 1080))
SLACK = 1  # px: rounding
CELL_PADDING = 8  # px a table cell keeps round its text (style margins)


def _shown(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _name(w: QWidget) -> str:
    return f"{type(w).__name__}({w.objectName() or w.accessibleName() or ''})"


def _label(w: QLabel) -> str | None:
    text = w.text()
    if not text or (w.pixmap() is not None and not w.pixmap().isNull()):
        return None
    if w.textFormat().name == "RichText":
        return None  # rich text lays itself out (a link list), checked by its own height below
    room = w.contentsRect().width() - 2 * max(w.margin(), 0) - max(w.indent(), 0)
    if w.wordWrap():
        need = w.heightForWidth(w.width())
        if need > w.height() + SLACK:
            return f"{_name(w)} '{text[:40]}' needs {need}px of height, has {w.height()}"
        return None
    lines = _shown(text) if w.buddy() is not None else text
    need = max(w.fontMetrics().horizontalAdvance(line) for line in lines.splitlines())
    if need > room + SLACK:
        return f"{_name(w)} '{text[:40]}' needs {need}px, has {room}"
    return None


def _button(w: QAbstractButton) -> str | None:
    if not w.text():
        return None
    if w.metaObject().className() == "QToolBoxButton":
        need = w.fontMetrics().horizontalAdvance(_shown(w.text())) + 2 * w.style().pixelMetric(
            w.style().PixelMetric.PM_ButtonMargin
        )
    elif isinstance(w, (QPushButton, QCheckBox, QRadioButton)):
        need = w.sizeHint().width()
    else:
        return None
    if need > w.width() + SLACK:
        return f"{_name(w)} '{_shown(w.text())}' needs {need}px, has {w.width()}"
    return None


def _tabs(w: QTabBar) -> list[str]:
    out = []
    for i in range(w.count()):
        if not w.isTabVisible(i):
            continue
        need = w.fontMetrics().horizontalAdvance(_shown(w.tabText(i))) + CELL_PADDING
        if need > w.tabRect(i).width() + SLACK:
            out.append(f"tab '{_shown(w.tabText(i))}' needs {need}px, has {w.tabRect(i).width()}")
        if not w.rect().contains(w.tabRect(i)):
            out.append(f"tab '{_shown(w.tabText(i))}' is outside its tab bar (scrolled away)")
    return out


def _table(w: QTableWidget) -> list[str]:
    out = []
    header = w.horizontalHeader()
    metrics = w.fontMetrics()
    for col in range(w.columnCount()):
        if w.isColumnHidden(col):
            continue
        width = w.columnWidth(col)
        head = w.horizontalHeaderItem(col)
        if head is not None:
            need = header.fontMetrics().horizontalAdvance(head.text()) + CELL_PADDING
            if need > header.sectionSize(col) + SLACK:
                out.append(f"{_name(w)} header '{head.text()}' needs {need}px, has {header.sectionSize(col)}")
        for row in range(w.rowCount()):
            item = w.item(row, col)
            combo = w.cellWidget(row, col)
            if isinstance(combo, QComboBox):
                problem = _combo(combo)
                if problem:
                    out.append(problem)
            if item is None or not item.text():
                continue
            lines = item.text().splitlines()
            pieces = [word for line in lines for word in line.split()] if w.wordWrap() else lines
            need = max(metrics.horizontalAdvance(p) for p in pieces) + CELL_PADDING
            if need > width + SLACK:
                out.append(f"{_name(w)} cell ({row},{col}) '{item.text()[:30]}' needs {need}px, has {width}")
            if w.wordWrap():
                rect = metrics.boundingRect(
                    0, 0, width - CELL_PADDING, 10_000, 0x1000, item.text()
                )  # WordWrap
                if rect.height() > w.rowHeight(row) + SLACK:
                    out.append(f"{_name(w)} cell ({row},{col}) '{item.text()[:30]}' cut at the bottom")
    return out


def _combo(w: QComboBox) -> str | None:
    text = w.currentText()
    if not text:
        return None
    arrow = w.style().pixelMetric(w.style().PixelMetric.PM_ScrollBarExtent) + CELL_PADDING
    need = w.fontMetrics().horizontalAdvance(text) + arrow
    if need > w.width() + SLACK:
        return f"{_name(w)} '{text}' needs {need}px, has {w.width()}"
    return None


def problems(root: QWidget) -> list[str]:
    """Every visible text under ``root`` that is cut (elided, clipped or squeezed)."""
    out: list[str] = []
    for w in root.findChildren(QWidget):
        if not w.isVisible() or w.width() <= 0:
            continue
        if isinstance(w, QLabel):
            problem = _label(w)
        elif isinstance(w, QAbstractButton):
            problem = _button(w)
        elif isinstance(w, QComboBox) and not isinstance(w.parentWidget(), QAbstractScrollArea):
            problem = None if isinstance(w.parentWidget().parentWidget(), QTableWidget) else _combo(w)
        elif isinstance(w, QGroupBox):
            need = w.fontMetrics().horizontalAdvance(_shown(w.title())) + CELL_PADDING
            problem = f"{_name(w)} title needs {need}px" if need > w.width() + SLACK else None
        elif isinstance(w, QTabBar):
            out += _tabs(w)
            continue
        elif isinstance(w, QTableWidget):
            out += _table(w)
            continue
        elif isinstance(w, QHeaderView):
            continue
        else:
            continue
        if problem:
            out.append(problem)
    return out


def fill(window) -> None:
    """Issue 12's standard case in the intake (a full plan table), so its rows are checked too."""
    from app.ui.intake_workspace import IntakeWorkspace

    ws = next(w for w in window.workspace_widgets() if isinstance(w, IntakeWorkspace))
    ws.intake.set_checked(
        ("kd_insidious_onset", "onset_chronic", "kd_weak_loins_knees"),
        ("anticoagulants", "first_treatment"),
        (),
        50,
    )
    ws.zone_boxes["leg_side_left"].setChecked(True)
    ws.use_suggestion()
    ws.plan_panel.case_label.setText("Case 12 — lumbar strain")


def check_window(window, app: QApplication, sizes=SIZES) -> dict[str, list[str]]:
    """Each workspace at each size: what is cut."""
    fill(window)
    found: dict[str, list[str]] = {}
    for width, height in sizes:
        window.resize(width, height)
        for index in range(window.workspaces.count()):
            window.workspaces.setCurrentIndex(index)
            for _ in range(3):
                app.processEvents()
            key = f"{width}x{height} {window.workspaces.tabText(index)}"
            if window.width() != width:
                found[key] = [f"the window is {window.width()}px wide, not {width}"]
            found[key] = found.get(key, []) + problems(window)
    return found


def main() -> int:
    app = QApplication(sys.argv[:1])
    from app.domain.loader import load_catalog
    from app.paths import catalog_path
    from app.ui.main_window import MainWindow

    settings = QSettings(sys.argv[1], QSettings.Format.IniFormat)
    window = MainWindow(load_catalog(catalog_path()), settings, data_dir=Path(sys.argv[2]))
    window.show()
    app.processEvents()
    print(json.dumps(check_window(window, app)))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    raise SystemExit(main())
