"""What the GUI tests share: a shown, active window; answering a message box, clicking, reading the plan
and PDFs."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QCheckBox, QMessageBox, QWidget

from app.ui.intake_workspace import IntakeWorkspace


def show_active(qtbot, win: QWidget, width: int = 1366, height: int = 768) -> None:
    """Show the window at a laptop size and wait until it is exposed and has the focus, as a user's would."""
    win.resize(width, height)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)


def answer_box(qtbot, button_text: str, seen: list[str] | None = None) -> None:
    """Click ``button_text`` on the next modal message box (it runs its own event loop)."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        if seen is not None:
            seen.append(box.text())
        for button in box.buttons():
            if button.text().replace("&", "") == button_text:
                qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
                return
        raise AssertionError(f"no button {button_text!r} in {[b.text() for b in box.buttons()]}")

    QTimer.singleShot(0, click)


def click(qtbot, widget: QAbstractButton) -> None:
    # A check box only reacts on its indicator and text, which may not reach the widget's centre.
    pos = QPoint(8, widget.height() // 2) if isinstance(widget, QCheckBox) else widget.rect().center()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)


def click_pattern(qtbot, ws: IntakeWorkspace, pattern_id: str) -> None:
    box = ws.pattern_boxes[pattern_id]
    ws.suggestion_scroll.ensureWidgetVisible(box)
    was = box.isChecked()
    click(qtbot, box)
    assert box.isChecked() != was


def plan_codes(ws: IntakeWorkspace) -> list[str]:
    table = ws.plan_panel.table
    return [table.item(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(table.rowCount())]


def pdf_text(path: Path) -> str:
    pypdf = pytest.importorskip("pypdf")
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(str(path)).pages)
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text))
