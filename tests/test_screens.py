"""Issue 12 item 3: every workspace at 960x600, 1366x768 and 1920x1080, at scale 1 and 2, with no
text cut; and no Alt letter answering to two things on one screen."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import screen_check
from offscreen_run import ROOT, last_json_line
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QHBoxLayout, QPushButton, QWidget

from app.ui.keyboard import mnemonic_letter, widget_mnemonics
from app.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (propagateSizeHints|raise|grabbing)")


@pytest.fixture
def window(qtbot, catalog, tmp_path: Path) -> MainWindow:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    win = MainWindow(catalog, settings, data_dir=tmp_path)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    for ws in win.workspace_widgets():
        if hasattr(ws, "files"):
            ws.files.maybe_save = lambda: True  # pytest-qt closes windows first
    return win


def test_no_text_is_cut_at_any_size_at_scale_1(window: MainWindow) -> None:
    found = screen_check.check_window(window, QApplication.instance())
    assert len(found) == len(screen_check.SIZES) * window.workspaces.count()
    assert {k: v for k, v in found.items() if v} == {}


def test_no_text_is_cut_at_any_size_at_scale_2(tmp_path: Path) -> None:
    script = [str(ROOT / "tests" / "screen_check.py"), str(tmp_path / "s.ini"), str(tmp_path)]
    # room for a 1920x1080 logical window at scale 2
    found = last_json_line(script, tmp_path, "2", (3840, 2160), timeout=240)
    assert len(found) == len(screen_check.SIZES) * 4
    assert {k: v for k, v in found.items() if v} == {}


def test_the_check_sees_a_squeezed_button_and_a_cut_label(qtbot) -> None:
    root = QWidget()
    qtbot.addWidget(root)
    row = QHBoxLayout(root)
    button = QPushButton("Export the treatment sheet as a PDF", root)
    button.setMinimumWidth(10)
    button.setMaximumWidth(60)
    row.addWidget(button)
    root.resize(80, 40)
    root.show()
    qtbot.waitExposed(root)
    assert any("Export the treatment sheet" in p for p in screen_check.problems(root))


def letters_on_screen(window: MainWindow) -> Counter[str]:
    """The Alt letters that answer on the current workspace: the menu bar's and every visible
    button, group title, tab and buddy label's."""
    seen: Counter[str] = Counter()
    for action in window.menuBar().actions():
        if letter := mnemonic_letter(action.text()):
            seen[letter] += 1
    for widget in window.workspaces.currentWidget().findChildren(QWidget):
        if widget.isVisibleTo(window):
            seen.update(widget_mnemonics(widget))
    return seen


def test_no_two_things_on_a_screen_share_an_alt_letter(window: MainWindow) -> None:
    window.resize(1366, 768)
    for index in range(window.workspaces.count()):
        window.workspaces.setCurrentIndex(index)
        QApplication.processEvents()
        seen = letters_on_screen(window)
        assert len(seen) >= 4
        assert [k for k, n in seen.items() if n > 1] == [], window.workspaces.tabText(index)
        file_menu = Counter(mnemonic_letter(a.text()) for a in window.file_menu.actions() if a.text())
        del file_menu[None]
        assert [k for k, n in file_menu.items() if n > 1] == [], window.workspaces.tabText(index)


def test_every_intake_group_has_an_alt_letter(window: MainWindow) -> None:
    from app.ui.intake_workspace import IntakeWorkspace

    ws = next(w for w in window.workspace_widgets() if isinstance(w, IntakeWorkspace))
    pages = ws.intake.pages
    assert all(mnemonic_letter(pages.itemText(i)) for i in range(pages.count()))
    assert mnemonic_letter(ws.pain_box.title()) == "M"
