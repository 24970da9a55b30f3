"""Issue 12's standard case by keyboard alone, counted: a 50-year-old with a chronic dull ache,
weak knees and pain down the side of the left leg, on warfarin, at a first treatment; from an empty
intake to a saved plan, a treatment sheet and a handout on a 1366x768 screen, nothing scrolled."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import pdf_text
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QScrollArea, QWidget

from app.domain.models import Catalog
from app.domain.plan_file import load_plan
from app.domain.settings import Setting
from app.ui.intake_workspace import IntakeWorkspace
from app.ui.main_window import MainWindow
from app.ui.settings_store import Settings

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (propagateSizeHints|raise|grabbing)")
KEYSTROKE_LIMIT = 30  # issue 12: under 30 keystrokes


class Keyboard:
    """Presses keys where the focus is, as a person would, and counts them (a chord is one)."""

    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot
        self.count = 0

    def focus(self) -> QWidget:
        widget = QApplication.focusWidget()
        assert widget is not None, "nothing has the keyboard focus"
        return widget

    def press(self, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        self.count += 1
        self.qtbot.keyClick(self.focus(), key, modifiers)

    def type(self, text: str) -> None:
        for char in text:
            self.count += 1
            self.qtbot.keyClicks(self.focus(), char)

    def alt(self, letter: str) -> None:
        self.press(getattr(Qt.Key, f"Key_{letter.upper()}"), Qt.KeyboardModifier.AltModifier)

    def ctrl(self, letter: str, shift: bool = False) -> None:
        mods = Qt.KeyboardModifier.ControlModifier | (
            Qt.KeyboardModifier.ShiftModifier if shift else Qt.KeyboardModifier.NoModifier
        )
        self.press(getattr(Qt.Key, f"Key_{letter.upper()}"), mods)


def letter_of(text: str) -> str:
    return text[text.index("&") + 1]


def title_letter(ws: IntakeWorkspace, box_id: str) -> str:
    """The Alt letter the screen shows for the group holding ``box_id`` (as a user reads it)."""
    panel = ws.intake
    box = {**panel.sign_boxes, **panel.factor_boxes}[box_id]
    index = next(i for i in range(panel.pages.count()) if panel.pages.widget(i).isAncestorOf(box))
    return letter_of(panel.pages.itemText(index))


def no_scroll_moved(root: QWidget) -> bool:
    return all(
        area.verticalScrollBar().value() == 0 and area.horizontalScrollBar().value() == 0
        for area in root.findChildren(QScrollArea)
    )


def test_the_standard_case_by_keyboard(qtbot, catalog: Catalog, tmp_path: Path, monkeypatch) -> None:
    qsettings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    Settings(qsettings)[Setting.FILE_FOLDER] = str(tmp_path)
    window = MainWindow(catalog, qsettings, data_dir=None)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    keys = Keyboard(qtbot)
    proposed: list[str] = []

    def save_dialog(_parent, _title, path, _filter):  # the proposed name, accepted with Enter
        keys.count += 1
        proposed.append(path)
        return path, _filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)

    keys.press(Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)  # the Intake & plan workspace
    ws = window.workspaces.currentWidget()
    assert isinstance(ws, IntakeWorkspace)
    ws.files.maybe_save = lambda: True  # type: ignore[method-assign]  # pytest-qt closes windows first
    qtbot.waitUntil(lambda: ws.intake.age_spin.hasFocus())

    keys.type("50")  # the age; "Over 40 years old" follows it
    keys.alt(title_letter(ws, "anticoagulants"))  # Patient factors, focus on its first box
    keys.type("t")  # Taking blood thinners
    keys.press(Qt.Key.Key_Space)
    keys.type("f")  # First acupuncture treatment
    keys.press(Qt.Key.Key_Space)
    keys.alt(title_letter(ws, "onset_chronic"))
    keys.type("s")  # Slow onset (the next line starting with S after "Sudden onset")
    keys.press(Qt.Key.Key_Space)
    keys.alt(title_letter(ws, "kd_insidious_onset"))
    keys.type("sl")  # Slow onset; a dull, lingering pain
    keys.press(Qt.Key.Key_Space)
    keys.alt(title_letter(ws, "kd_weak_loins_knees"))  # General signs: its first line, weak knees
    keys.press(Qt.Key.Key_Space)
    keys.alt(letter_of(ws.pain_box.title()))  # the pain map's first zone
    keys.type("dd")  # Down the back of the leg, then Down the side of the leg
    keys.press(Qt.Key.Key_Space)  # its left box
    assert no_scroll_moved(ws)
    keys.ctrl("u")  # Use suggestion
    keys.ctrl("s")  # Save plan (+ Enter in the dialog)
    keys.ctrl("e")  # Export treatment sheet
    keys.ctrl("e", shift=True)  # Export aftercare handout

    assert keys.count < KEYSTROKE_LIMIT, keys.count
    plan = ws.session.plan
    assert plan.age == 50
    assert set(plan.signs) >= {"kd_over_40", "onset_chronic", "kd_insidious_onset", "kd_weak_loins_knees"}
    assert set(plan.factors) == {"anticoagulants", "first_treatment"}
    assert plan.zones == ("leg_side_left",)
    assert ws.last_result.chief == "kidney_qi_deficiency" and plan.patterns[0] == "kidney_qi_deficiency"
    assert no_scroll_moved(ws)

    saved, sheet, handout = (Path(p) for p in proposed)
    assert saved.parent == tmp_path and sheet.suffix == handout.suffix == ".pdf"
    assert load_plan(catalog, saved).zones == ("leg_side_left",)
    sheet_text = pdf_text(sheet)
    for item in ("Age 50", "Taking blood thinners", "First acupuncture treatment", "Kidney Qi deficiency"):
        assert item in sheet_text, item
    assert "GB30" in sheet_text and "Down the side of the leg (left)" in sheet_text
    handout_text = pdf_text(handout)
    assert "Kidney Qi deficiency" in handout_text or "treatment" in handout_text.lower()
