"""Files as a practitioner meets them (issue 12): the title names the case and marks unsaved
changes, dialogs open where the last file went and propose names from the case and the date,
New plan leaves nothing of the last patient, the handout carries the clinic's details."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from gui_helpers import click, click_pattern, pdf_text, plan_codes
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit

from app.domain.models import Catalog
from app.domain.settings import Setting
from app.ui.intake_workspace import IntakeWorkspace
from app.ui.main_window import MainWindow
from app.ui.settings_store import Settings

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (propagateSizeHints|raise|grabbing)")
TODAY = date.today().isoformat()


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, catalog: Catalog, settings: QSettings) -> MainWindow:
    win = MainWindow(catalog, settings, data_dir=None)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    win.workspaces.setCurrentIndex(1)  # Intake & plan
    return win


def intake_of(window: MainWindow) -> IntakeWorkspace:
    widget = window.workspaces.currentWidget()
    assert isinstance(widget, IntakeWorkspace)
    widget.files.maybe_save = lambda: True  # type: ignore[method-assign]  # pytest-qt closes windows first
    return widget


def type_label(qtbot, ws: IntakeWorkspace, text: str) -> None:
    edit = ws.plan_panel.case_label
    edit.setFocus()
    edit.selectAll()
    QTest.keyClicks(edit, text)
    QTest.keyClick(edit, Qt.Key.Key_Tab)


def test_the_title_names_the_case_and_marks_unsaved_changes(qtbot, window: MainWindow, tmp_path) -> None:
    ws = intake_of(window)
    assert window.windowTitle() == "New plan[*] — Yaotong 腰痛" and not window.isWindowModified()
    click_pattern(qtbot, ws, "wind_cold")
    type_label(qtbot, ws, "Case 12")
    assert window.windowTitle().startswith("Case 12[*]")
    assert window.isWindowModified()
    assert ws.files.save_to(tmp_path / "k12.yaotong")
    assert not window.isWindowModified()
    assert window.windowTitle().startswith("Case 12")


def test_dialogs_propose_the_case_and_date_and_remember_the_folder(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    ws = intake_of(window)
    click_pattern(qtbot, ws, "wind_cold")
    type_label(qtbot, ws, "Case 12 - lumbar strain")
    asked: list[str] = []
    folder = tmp_path / "clinic files"
    folder.mkdir()

    def save_dialog(_parent, _title, proposed, _filter):
        asked.append(proposed)
        return str(folder / Path(proposed).name), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    assert ws.files.save_as()
    assert Path(asked[-1]).name == f"case-12-lumbar-strain_{TODAY}.yaotong"
    assert Settings(window.settings.store)[Setting.FILE_FOLDER] == str(folder)
    assert ws.outputs.export_sheet_dialog()
    assert Path(asked[-1]) == folder / f"case-12-lumbar-strain_{TODAY}_sheet.pdf"
    assert (folder / f"case-12-lumbar-strain_{TODAY}_sheet.pdf").is_file()
    # the next patient: a new plan, a new label, new names, in the same folder
    ws.files.new_plan()
    click_pattern(qtbot, ws, "wind_cold")
    type_label(qtbot, ws, "Case 13")
    assert ws.files.save_as()
    assert Path(asked[-1]) == folder / f"case-13_{TODAY}.yaotong"


def test_new_plan_leaves_nothing_of_the_last_patient(qtbot, window: MainWindow, catalog) -> None:
    ws = intake_of(window)
    type_label(qtbot, ws, "Case 12")
    click(qtbot, ws.intake.factor_boxes["pregnancy"])
    click(qtbot, ws.intake.sign_boxes[next(iter(ws.intake.sign_boxes))])
    click_pattern(qtbot, ws, "kidney_qi_deficiency")
    click(qtbot, ws.zone_boxes["leg_side_left"])
    assert plan_codes(ws) and ws.diagram.roles()
    ws.files.new_action.trigger()
    assert plan_codes(ws) == []
    assert ws.diagram.roles() == {} and ws.diagram.zones() == set()  # no markers, no zones left
    assert not any(b.isChecked() for b in ws.zone_boxes.values())
    assert not any(b.isChecked() for b in ws.pattern_boxes.values())
    assert ws.intake.signs() == () and ws.intake.factors() == () and ws.intake.age() is None
    assert ws.plan_panel.case_label.text() == ""
    assert window.windowTitle().startswith("New plan")


def test_the_settings_dialog_puts_the_clinic_on_the_handout(qtbot, window: MainWindow, tmp_path) -> None:
    ws = intake_of(window)
    window.settings_action.trigger()
    dialog = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "settingsDialog")
    qtbot.waitExposed(dialog)
    edits = dialog.findChildren(QLineEdit)
    for edit, text in zip(edits, ("Riverside Acupuncture", "01632 960 123", "Tue 9 Dec, 10:00"), strict=True):
        edit.setFocus()
        QTest.keyClicks(edit, text)
    QTest.keyClick(edits[-1], Qt.Key.Key_Return)  # OK
    assert not dialog.isVisible()
    assert Settings(window.settings.store)[Setting.CLINIC_PHONE] == "01632 960 123"
    click_pattern(qtbot, ws, "wind_cold")
    text = pdf_text(ws.outputs.export_handout(tmp_path / "handout.pdf"))
    assert "Riverside Acupuncture" in text and "01632 960 123" in text
    assert "Your next appointment: Tue 9 Dec, 10:00" in text
