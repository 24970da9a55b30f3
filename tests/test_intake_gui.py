"""Intake -> plan -> export driven through the real widgets with qtbot (mouse, and keyboard alone)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from gui_helpers import answer_box, click, click_pattern, pdf_text, plan_codes
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QCheckBox, QComboBox, QMessageBox

from app.domain.models import Catalog
from app.domain.plan import suggested_method
from app.domain.plan_file import dump_plan
from app.domain.vocabulary import NeedleMethod, Side
from app.ui.intake_workspace import IntakeWorkspace
from app.ui.main_window import MainWindow
from app.ui.plan_panel import COL_SAFETY, COL_SERVES, COL_SIDE
from app.ui.settings_store import Settings

# The offscreen platform plugin reports what it cannot do (size hints, raise, keyboard grabs for
# the completer popup); those are not our warnings.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (propagateSizeHints|raise|grabbing)")


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def ws(qtbot, catalog: Catalog, settings: QSettings) -> IntakeWorkspace:
    widget = IntakeWorkspace(catalog, None, Settings(settings))
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def row_text(ws: IntakeWorkspace, code: str, column: int) -> str:
    row = plan_codes(ws).index(code)
    return ws.plan_panel.table.item(row, column).text()


def test_mouse_flow_intake_to_export(qtbot, ws: IntakeWorkspace, catalog: Catalog, tmp_path: Path) -> None:
    intake = ws.intake
    # Signs of kidney deficiency and some of wind-cold (Cheng 1987 descriptions).
    for sign in (
        "kd_insidious_onset",
        "kd_worse_fatigue",
        "kd_better_rest",
        "wc_tight_painful",
        "wc_cold_area",
    ):
        box = intake.sign_boxes[sign]
        intake.ensureWidgetVisible(box)
        click(qtbot, box)
        assert box.isChecked()
    assert ws.suggestion.text() == ("Suggested: chief pattern Kidney Qi deficiency, secondary Wind-cold.")
    assert "suggested chief" in ws.pattern_boxes["kidney_qi_deficiency"].text()
    assert "Missing key signs (" in ws.reason_labels["kidney_qi_deficiency"].text()
    assert plan_codes(ws) == []  # the practitioner chooses: nothing yet

    click(qtbot, ws.use_suggestion_button)
    assert ws.chosen_patterns() == ("kidney_qi_deficiency", "wind_cold")
    assert "BL23" in plan_codes(ws) and "KI3" in plan_codes(ws)

    # Pain map: click the "side of the leg" zone on the diagram itself.
    diagram = ws.diagram
    pos = diagram.mapFromScene(diagram.zone_scene_center("leg_side_left"))
    qtbot.mouseClick(diagram.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert ws.zone_boxes["leg_side_left"].isChecked()
    for item in catalog.zones["leg_side_left"].distal:
        assert item.point in plan_codes(ws)
        assert catalog.zones["leg_side_left"].name in row_text(ws, item.point, COL_SERVES)

    # Pregnancy: the lumbosacral points are left out with the reason; BL23 goes back only on confirmation.
    intake.ensureWidgetVisible(intake.factor_boxes["pregnancy"])
    click(qtbot, intake.factor_boxes["pregnancy"])
    assert row_text(ws, "BL23", COL_SAFETY).startswith("Left out: Pregnant")
    ws.plan_panel.select_code("BL23")
    assert "Pregnancy" in ws.plan_panel.detail.text()
    answer_box(qtbot, "Cancel")
    click(qtbot, ws.plan_panel.include_button)
    assert not ws.plan_panel.plan.point("BL23").included
    seen: list[str] = []
    answer_box(qtbot, "Include anyway", seen)
    click(qtbot, ws.plan_panel.include_button)
    assert seen[0].startswith("BL23 is contraindicated for this patient")
    assert ws.plan_panel.plan.point("BL23").overridden
    assert row_text(ws, "BL23", COL_SAFETY).startswith("CONTRAINDICATED")

    # Red flag: banner with the reason, stays until cleared with a confirmation.
    flag = catalog.red_flags["cauda_equina"]
    intake.ensureWidgetVisible(intake.flag_boxes["cauda_equina"])
    click(qtbot, intake.flag_boxes["cauda_equina"])
    assert ws.banner.isVisible() and flag.reason in ws.banner_label.text()
    assert "Refer the patient for medical assessment" in ws.banner_label.text()
    answer_box(qtbot, "Cancel")
    click(qtbot, ws.clear_flags_button)
    assert ws.banner.isVisible()

    # Case label and notes typed; a point added by code; one removed.
    ws.plan_panel.case_label.setFocus()
    qtbot.keyClicks(ws.plan_panel.case_label, "<b>Case 9</b>")
    ws.plan_panel.notes.setFocus()
    qtbot.keyClicks(ws.plan_panel.notes, "Warm needle <i>only</i>")
    qtbot.keyClicks(ws.plan_panel.add_edit, "gb21")
    qtbot.keyClick(ws.plan_panel.add_edit, Qt.Key.Key_Return)
    assert "GB21" in plan_codes(ws) and ws.plan_panel.selected_code() == "GB21"
    click(qtbot, ws.plan_panel.remove_button)
    assert "GB21" not in plan_codes(ws)

    # Save, then export: the PDF carries the red flag, the override mark and the escaped label.
    assert ws.has_unsaved_changes()
    path = tmp_path / "case.yaotong"
    seen = []
    answer_box(qtbot, "Confirm and proceed", seen)  # the standing red flag asks first
    assert ws.files.save_to(path) and not ws.has_unsaved_changes()
    assert flag.label in seen[0] and ws.plan_panel.plan.flags_acknowledged == ("cauda_equina",)
    assert ws.files.recent_files() == [str(path)]
    ws.files.recent_menu.aboutToShow.emit()
    assert [a.text() for a in ws.files.recent_menu.actions()] == [str(path)]
    pypdf = pytest.importorskip("pypdf")
    pdf = ws.outputs.export_sheet(tmp_path / "sheet.pdf")
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(str(pdf)).pages)
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text))
    assert "<b>Case 9</b>" in text and "Warm needle <i>only</i>" in text
    assert "RED FLAG" in text and flag.label in text
    assert "CONTRAINDICATED — included after confirmation" in text

    # Clearing the red flag takes a confirmation; then the banner goes.
    answer_box(qtbot, "Clear red flags")
    click(qtbot, ws.clear_flags_button)
    assert not ws.banner.isVisible() and ws.plan_panel.plan.red_flags == ()


def tab_to(qtbot, widget) -> None:
    """Press Tab until ``widget`` has the keyboard focus."""
    for _ in range(200):
        if widget.hasFocus():
            return
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reaches {widget}")


def test_keyboard_only(qtbot, ws: IntakeWorkspace, tmp_path: Path, monkeypatch) -> None:
    """Intake to exported plan by keyboard alone: Tab and Space for the signs, the suggestion and the
    zones; arrows and F2 for a point's technique; Tab out of the plan table; Ctrl+E to export."""
    ws.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is ws)
    first = ws.intake.first_box()
    qtbot.waitUntil(lambda: first.hasFocus())
    boxes = {id(b): key for key, b in ws.intake.sign_boxes.items()}
    wanted = {"lq_anger", "lq_stress", "lq_frustration"}
    pages = ws.intake.pages
    holding = {  # the page titles (the toolbox's tab buttons) whose page holds a wanted sign
        pages.itemText(i)
        for i in range(pages.count())
        for sign in wanted
        if pages.widget(i).isAncestorOf(ws.intake.sign_boxes[sign])
    }
    for _ in range(80):
        focus = QApplication.focusWidget()
        if isinstance(focus, QCheckBox) and boxes.get(id(focus)) in wanted and not focus.isChecked():
            qtbot.keyClick(focus, Qt.Key.Key_Space)
        elif isinstance(focus, QAbstractButton) and focus.text() in holding:
            qtbot.keyClick(focus, Qt.Key.Key_Space)  # Space on a group's title opens that group
            holding.discard(focus.text())
        if set(ws.intake.signs()) == wanted:
            break
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert set(ws.intake.signs()) == wanted
    tab_to(qtbot, ws.use_suggestion_button)
    qtbot.keyClick(ws.use_suggestion_button, Qt.Key.Key_Space)
    assert ws.chosen_patterns() == ("liver_qi_stagnation",)
    box = ws.zone_boxes["midline"]
    tab_to(qtbot, box)
    qtbot.keyClick(box, Qt.Key.Key_Space)
    assert ws.diagram.zones() == {"midline"}
    assert "GV26" in plan_codes(ws)
    # The plan table: arrows to LR3, F2 opens its technique list, Down and Enter choose the next one.
    table = ws.plan_panel.table
    tab_to(qtbot, table)
    qtbot.keyClick(table, Qt.Key.Key_Home)
    while ws.plan_panel.selected_code() != "LR3":
        before = table.currentRow()
        qtbot.keyClick(table, Qt.Key.Key_Down)
        assert table.currentRow() != before, "LR3 not reached with the arrow keys"
    # The pattern's own needling method first (Guangming: even method for liver qi stagnation).
    methods = list(NeedleMethod)
    default = suggested_method(ws.session.catalog, "liver_qi_stagnation")
    assert ws.plan_panel.plan.point("LR3").method is default is NeedleMethod.EVEN
    qtbot.keyClick(table, Qt.Key.Key_F2)
    combo = table.cellWidget(table.currentRow(), 1)
    qtbot.waitUntil(lambda: combo.view().isVisible())
    qtbot.keyClick(combo.view(), Qt.Key.Key_Up)  # the even method is the last: Up picks the one above
    qtbot.keyClick(combo.view(), Qt.Key.Key_Return)
    above = methods[methods.index(default) - 1]
    qtbot.waitUntil(lambda: ws.plan_panel.plan.point("LR3").method is above)
    qtbot.waitUntil(lambda: table.hasFocus())
    assert ws.plan_panel.selected_code() == "LR3"
    # Tab leaves the table (it used to cycle through its cells for ever) to the point field.
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert ws.plan_panel.add_edit.hasFocus()
    qtbot.keyClicks(ws.plan_panel.add_edit, "GB34")
    qtbot.keyClick(ws.plan_panel.add_edit, Qt.Key.Key_Return)
    assert "GB34" in plan_codes(ws)
    # Ctrl+E exports the treatment sheet (the file dialog answered as a user would).
    out = tmp_path / "keys.pdf"
    monkeypatch.setattr(
        "app.ui.plan_outputs.QFileDialog.getSaveFileName", lambda *a, **k: (str(out), "PDF (*.pdf)")
    )
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert out.exists()
    text = pdf_text(out)
    assert "LR3" in text and "GB34" in text and above.label in text


def test_ctrl_s_saves_to_the_open_file(qtbot, ws: IntakeWorkspace, catalog: Catalog, tmp_path: Path) -> None:
    from app.domain.plan_file import load_plan

    ws.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is ws)
    path = tmp_path / "keys.yaotong"
    assert ws.files.save_to(path)
    ws.plan_panel.case_label.setFocus()
    qtbot.keyClicks(ws.plan_panel.case_label, "Case by keys")
    assert ws.has_unsaved_changes()
    qtbot.keyClick(ws.plan_panel.case_label, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not ws.has_unsaved_changes()
    assert load_plan(catalog, path).case_label == "Case by keys"


def test_damaged_file_keeps_the_current_plan(qtbot, ws: IntakeWorkspace, catalog, tmp_path: Path) -> None:
    click_pattern(qtbot, ws, "wind_cold")
    before = dump_plan(ws.plan_panel.plan)
    good = tmp_path / "good.yaotong"
    assert ws.files.save_to(good)
    damaged = tmp_path / "damaged.yaotong"
    text = good.read_text()
    for broken, expected in (
        (text[: len(text) // 2] + "\n  - [", "damaged.yaotong:"),  # truncated mid-write
        (re.sub(r"(?m)^version: \d+$", "version: 99", text), "newer Yaotong"),
    ):
        damaged.write_text(broken, encoding="utf-8")
        assert not ws.files.open_file(damaged)
        assert ws.files.last_error.startswith("damaged.yaotong could not be used: at line ")
        assert re.search(r"^damaged\.yaotong:\d+:\d+: ", ws.files.last_error, re.M)  # the detail
        assert expected in ws.files.last_error
        assert damaged.read_text(encoding="utf-8") == broken  # the file itself is never touched
    assert dump_plan(ws.plan_panel.plan) == before and ws.session.path == good
    boxes = [b for b in ws.findChildren(QMessageBox, "planError") if b.isVisible()]
    assert len(boxes) == 1 and "newer Yaotong" in boxes[0].informativeText()
    assert "still open" in boxes[0].informativeText()  # plain words; the file:line:column behind Details
    assert re.match(r"damaged\.yaotong:\d+:\d+: ", boxes[0].detailedText())
    click(qtbot, boxes[0].button(QMessageBox.StandardButton.Close))
    # A good file restores the whole intake too.
    click_pattern(qtbot, ws, "wind_cold")
    assert ws.files.open_file(good, ask=False)
    assert ws.pattern_boxes["wind_cold"].isChecked() and "BL40" in plan_codes(ws)


def test_main_window_asks_about_unsaved_changes(qtbot, catalog: Catalog, settings: QSettings) -> None:
    window = MainWindow(catalog, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    titles = [window.workspaces.tabText(i) for i in range(window.workspaces.count())]
    assert "Intake && plan" in titles
    ws = next(w for w in window.workspace_widgets() if isinstance(w, IntakeWorkspace))
    menu_texts = [a.text().replace("&", "") for a in window.file_menu.actions()]
    assert "Export treatment sheet (PDF)…" in menu_texts and "Print treatment sheet…" in menu_texts
    window.workspaces.setCurrentWidget(ws)
    click_pattern(qtbot, ws, "blood_stagnation")
    assert ws.has_unsaved_changes()
    answer_box(qtbot, "Cancel")
    assert not window.close()
    assert window.isVisible()
    answer_box(qtbot, "Discard")
    assert window.close()


def test_print_goes_through_the_print_dialog(qtbot, ws: IntakeWorkspace, tmp_path: Path) -> None:
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    click_pattern(qtbot, ws, "kidney_qi_deficiency")
    ws.plan_panel.case_label.setFocus()
    qtbot.keyClicks(ws.plan_panel.case_label, "<b>printed</b>")
    out = tmp_path / "printed.pdf"
    opened: list[str] = []

    def accept_to_file(cancel: bool) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QPrintDialog):
            QTimer.singleShot(20, lambda: accept_to_file(cancel))
            return
        opened.append(dialog.windowTitle())
        if cancel:
            dialog.reject()
            return
        dialog.accept()

    QTimer.singleShot(0, lambda: accept_to_file(True))
    ws.outputs.print_action.trigger()
    assert opened and not out.exists()  # cancelled: nothing printed
    # "Print to file" chosen through the printer the dialog starts from (no real printer in CI).
    ws.outputs.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    ws.outputs.printer.setOutputFileName(str(out))
    QTimer.singleShot(0, lambda: accept_to_file(False))
    ws.outputs.print_action.trigger()
    pypdf = pytest.importorskip("pypdf")
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(str(out)).pages)
    assert "<b>printed</b>" in text and "KI3" in text


def test_clicking_a_diagram_marker_adds_the_point(qtbot, ws: IntakeWorkspace) -> None:
    diagram = ws.diagram
    assert ws.plan_panel.plan.point("BL57") is None
    click(qtbot, ws.pick_points_box)  # the pain map shows only plan points; show them all
    assert not diagram.zone_mode()
    scene_pos = diagram.marker_scene_pos("BL57")[0]
    qtbot.mouseClick(diagram.viewport(), Qt.MouseButton.LeftButton, pos=diagram.mapFromScene(scene_pos))
    assert "BL57" in plan_codes(ws) and ws.plan_panel.selected_code() == "BL57"
    assert row_text(ws, "BL57", COL_SERVES) == "Added by hand"
    assert diagram.roles().get("BL57") == "plan"
    # Clicking it again selects its row; Delete on the table removes it.
    ws.plan_panel.table.clearSelection()
    qtbot.mouseClick(diagram.viewport(), Qt.MouseButton.LeftButton, pos=diagram.mapFromScene(scene_pos))
    assert ws.plan_panel.selected_code() == "BL57" and plan_codes(ws).count("BL57") == 1
    ws.plan_panel.table.setFocus()
    qtbot.keyClick(ws.plan_panel.table, Qt.Key.Key_Delete)
    assert "BL57" not in plan_codes(ws)


def test_checklist_comes_from_the_catalog_as_plain_text(ws: IntakeWorkspace, catalog: Catalog) -> None:
    from PySide6.QtWidgets import QLabel

    from app.domain.intake import all_sign_ids

    assert set(ws.intake.sign_boxes) == all_sign_ids(catalog)
    assert set(ws.intake.factor_boxes) == set(catalog.factors)
    assert set(ws.intake.flag_boxes) == set(catalog.red_flags)
    pages = ws.intake.pages
    titles = [pages.itemText(i).replace("&", "") for i in range(pages.count())]
    group_names = [g.name for g in catalog.sign_groups.values()]
    assert [t for t in titles if t in group_names] == group_names  # in intake order
    for label in ws.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName() or label.text()
    # A tooltip with catalog text is escaped, so it shows literally.
    line = ws.intake.sign_boxes["bs_trauma"].parentWidget()
    assert line.toolTip().startswith("<p style='white-space:pre-wrap'>Sign of: Blood stagnation")


def test_red_flag_stands_until_cleared(qtbot, ws: IntakeWorkspace, catalog: Catalog, tmp_path: Path) -> None:
    """Unticking a red flag's box does not clear it: it asks, and Cancel keeps the flag standing."""
    click_pattern(qtbot, ws, "wind_cold")
    box = ws.intake.flag_boxes["infection"]
    ws.intake.ensureWidgetVisible(box)
    click(qtbot, box)
    assert ws.banner.isVisible() and ws.plan_panel.plan.red_flags == ("infection",)
    seen: list[str] = []
    answer_box(qtbot, "Cancel", seen)
    click(qtbot, box)  # untick
    qtbot.waitUntil(lambda: bool(seen))
    assert catalog.red_flags["infection"].label in seen[0]
    assert box.isChecked() and ws.banner.isVisible()
    assert ws.plan_panel.plan.red_flags == ("infection",)
    text = pdf_text(ws.outputs.export_sheet(tmp_path / "sheet.pdf"))
    assert "RED FLAG" in text and catalog.red_flags["infection"].label in text
    # A second flag, then one cleared from its box (confirmed): the other still stands.
    click(qtbot, ws.intake.flag_boxes["cancer"])
    answer_box(qtbot, "Clear red flags")
    click(qtbot, box)
    qtbot.waitUntil(lambda: not box.isChecked())
    assert ws.plan_panel.plan.red_flags == ("cancer",) and ws.banner.isVisible()
    assert catalog.red_flags["infection"].label not in ws.banner_label.text()
    # Saved and opened again, the standing flag comes back with the banner.
    path = tmp_path / "flag.yaotong"
    answer_box(qtbot, "Confirm and proceed")  # saving with a standing flag records the confirmation
    assert ws.files.save_to(path)
    assert ws.plan_panel.plan.flags_acknowledged == ("cancer",)
    answer_box(qtbot, "Clear red flags")
    click(qtbot, ws.clear_flags_button)
    assert not ws.banner.isVisible() and ws.plan_panel.plan.red_flags == ()
    answer_box(qtbot, "Discard")
    assert ws.files.open_file(path)
    assert ws.banner.isVisible() and ws.intake.flag_boxes["cancer"].isChecked()
    assert ws.plan_panel.plan.red_flags == ("cancer",)


def test_age_is_recorded_saved_and_printed(qtbot, ws: IntakeWorkspace, tmp_path: Path) -> None:
    click_pattern(qtbot, ws, "kidney_qi_deficiency")
    spin = ws.intake.age_spin
    assert spin.text() == "not given" and ws.plan_panel.plan.age is None
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin.lineEdit(), "62")
    assert ws.plan_panel.plan.age == 62
    path = tmp_path / "age.yaotong"
    assert ws.files.save_to(path)
    spin.setValue(0)
    assert ws.plan_panel.plan.age is None
    answer_box(qtbot, "Discard")
    assert ws.files.open_file(path) and spin.value() == 62 and ws.plan_panel.plan.age == 62
    assert "Age 62" in pdf_text(ws.outputs.export_sheet(tmp_path / "sheet.pdf"))


def test_points_added_and_removed_from_the_browser(qtbot, ws: IntakeWorkspace) -> None:
    dialog = ws.plan_panel.browse_points()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.browser.search.hasFocus())
    qtbot.keyClicks(dialog.browser.search, "BL57")
    qtbot.keyClick(dialog.browser.search, Qt.Key.Key_Down)  # into the results
    assert dialog.code() == "BL57"
    qtbot.keyClick(dialog.browser.table, Qt.Key.Key_Return)  # the default button: Add to plan
    assert "BL57" in plan_codes(ws) and row_text(ws, "BL57", COL_SERVES) == "Added by hand"
    assert "Added BL57" in dialog.status.text() and not dialog.add_button.isEnabled()
    qtbot.keyClick(dialog.browser.table, Qt.Key.Key_Delete)
    assert "BL57" not in plan_codes(ws) and dialog.add_button.isEnabled()
    dialog.close()


def test_diagram_menu_adds_and_removes_a_point(qtbot, ws: IntakeWorkspace) -> None:
    from PySide6.QtWidgets import QMenu

    diagram = ws.diagram
    click(qtbot, ws.pick_points_box)
    pos = diagram.mapFromScene(diagram.marker_scene_pos("BL57")[0])

    def choose(expected: str) -> None:
        ws.diagram.customContextMenuRequested.emit(pos)
        menu = ws._diagram_context_menu
        assert isinstance(menu, QMenu)
        assert [a.text() for a in menu.actions()] == [expected]
        menu.actions()[0].trigger()
        menu.close()

    choose("Add BL57 to the plan")
    assert "BL57" in plan_codes(ws)
    choose("Remove BL57 from the plan")
    assert "BL57" not in plan_codes(ws)


def test_notes_alone_are_unsaved_changes(qtbot, ws: IntakeWorkspace) -> None:
    assert not ws.has_unsaved_changes()
    ws.plan_panel.notes.setFocus()
    qtbot.keyClicks(ws.plan_panel.notes, "Seen on Tuesday")
    assert ws.plan_panel.plan.points == () and ws.has_unsaved_changes()


# -- issue 15 item 3: a plan that cannot be shown never takes over the open file ------------------------


def test_an_oversized_course_value_is_refused_and_ctrl_s_still_saves_to_the_open_file(
    qtbot, ws: IntakeWorkspace, catalog: Catalog, tmp_path: Path
) -> None:
    from app.domain.plan_file import load_plan

    click_pattern(qtbot, ws, "wind_cold")
    good = tmp_path / "good.yaotong"
    assert ws.files.save_to(good)
    other = tmp_path / "other.yaotong"  # an older version (no checksum) a hand or a tool wrote
    other.write_text(
        "format: yaotong-plan\nversion: 2\ncase_label: other\npatterns: [kidney_qi_deficiency]\ncourse:\n"
        "  sessions_min: 6\n  sessions_max: 99999999999999999999\n  minutes_min: 15\n  minutes_max: 30\n"
        "  reassess_weeks_min: 6\n  reassess_weeks_max: 8\n",
        encoding="utf-8",
    )
    assert not ws.files.open_file(other, ask=False)
    assert "other.yaotong:7:17: course.sessions_max: expected 1 to 100" in ws.files.last_error
    assert ws.session.path == good and ws.plan_panel.plan.patterns == ("wind_cold",)
    before = other.read_bytes()
    for box in ws.findChildren(QMessageBox, "planError"):
        box.close()
    ws.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is ws)
    ws.plan_panel.case_label.setFocus()
    qtbot.keyClicks(ws.plan_panel.case_label, "kept")
    qtbot.keyClick(ws.plan_panel.case_label, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = load_plan(catalog, good)
    assert saved.case_label == "kept" and saved.patterns == ("wind_cold",)
    assert other.read_bytes() == before  # never written


def test_a_plan_a_widget_cannot_show_leaves_the_session_as_it_was(
    qtbot, ws: IntakeWorkspace, catalog: Catalog, tmp_path: Path, monkeypatch
) -> None:
    from app.domain.plan import build_plan
    from app.domain.plan_file import save_plan

    click_pattern(qtbot, ws, "wind_cold")
    good = tmp_path / "good.yaotong"
    assert ws.files.save_to(good)
    other = tmp_path / "other.yaotong"
    save_plan(build_plan(catalog, case_label="other", patterns=("kidney_qi_deficiency",)), other)
    panel = ws.plan_panel
    real_refresh = panel.refresh
    calls = []

    def failing_refresh() -> None:
        calls.append(1)
        if len(calls) == 1:
            raise OverflowError("value out of range")
        real_refresh()

    monkeypatch.setattr(panel, "refresh", failing_refresh)
    assert not ws.files.open_file(other, ask=False)
    assert "could not be shown" in ws.files.last_error
    assert ws.session.path == good and panel.plan.patterns == ("wind_cold",)
    assert (
        ws.pattern_boxes["wind_cold"].isChecked() and not ws.pattern_boxes["kidney_qi_deficiency"].isChecked()
    )


# -- issue 15 item 5: only what the user changed may change -----------------------------------------------


def test_editing_the_label_keeps_the_notes_and_a_long_label_byte_for_byte(
    qtbot, ws: IntakeWorkspace, catalog: Catalog, tmp_path: Path
) -> None:
    from app.domain.plan import CASE_LABEL_MAX, build_plan
    from app.domain.plan_file import load_plan, save_plan

    notes = "no-break\u00a0space\u2028line separator\u2029paragraph\r\nwindows line\n\ttab"
    label = "L" * (CASE_LABEL_MAX - 1)  # longer than the old 120-character cut
    path = tmp_path / "case.yaotong"
    save_plan(build_plan(catalog, case_label=label, patterns=("wind_cold",), notes=notes), path)
    assert ws.files.open_file(path, ask=False)
    assert ws.plan_panel.case_label.text() == label
    ws.plan_panel.case_label.setFocus()
    ws.plan_panel.case_label.end(False)
    qtbot.keyClicks(ws.plan_panel.case_label, "!")
    assert ws.plan_panel.plan.case_label == label + "!"
    assert ws.plan_panel.plan.notes == notes  # not re-read from the notes box
    assert ws.files.save_to(path)
    again = load_plan(catalog, path)
    assert (again.case_label, again.notes) == (label + "!", notes)
    # the label box takes no more than a plan file holds
    qtbot.keyClicks(ws.plan_panel.case_label, "more")
    assert ws.plan_panel.plan.case_label == label + "!"


def test_a_pasted_control_character_in_the_notes_is_explained_not_a_crash(qtbot, ws: IntakeWorkspace) -> None:
    ws.plan_panel.notes.setPlainText("bell \x07 here")
    assert ws.plan_panel.plan.notes == ""
    assert (
        "notes were not changed" in ws.plan_panel.summary.text() and "U+0007" in ws.plan_panel.summary.text()
    )


# -- issue 15 item 9: a failed export in the window is an error dialog, not a traceback ---------------------


def test_a_failed_export_shows_an_error_without_temp_names(
    qtbot, ws: IntakeWorkspace, tmp_path: Path, monkeypatch
) -> None:
    import errno
    import os

    from app.domain import atomic

    click_pattern(qtbot, ws, "wind_cold")
    out = tmp_path / "sheet.pdf"
    out.write_bytes(b"%PDF-1.4 the sheet from last week\n%%EOF\n")
    before = out.read_bytes()

    def refuse(*_args, **_kwargs):
        raise PermissionError(
            errno.EACCES, os.strerror(errno.EACCES), str(tmp_path / ".sheet.pdf.abcd1234.tmp")
        )

    monkeypatch.setattr(atomic.tempfile, "mkstemp", refuse)  # a read-only folder
    monkeypatch.setattr(
        "app.ui.plan_outputs.QFileDialog.getSaveFileName", lambda *a, **k: (str(out), "PDF (*.pdf)")
    )
    messages: list[str] = []
    ws.statusMessage.connect(messages.append)
    assert not ws.outputs.export_sheet_dialog()
    (box,) = [b for b in ws.findChildren(QMessageBox, "exportError") if b.isVisible()]
    assert box.text() == "The treatment sheet was not exported"
    assert box.informativeText() == f"{out}: Permission denied; the previous PDF was kept"
    assert ".tmp" not in box.informativeText() and messages[-1] == "The treatment sheet was not exported"
    assert out.read_bytes() == before


def test_opening_an_older_plan_says_it_has_no_checksum(qtbot, ws: IntakeWorkspace, tmp_path: Path) -> None:
    old = tmp_path / "old.yaotong"
    old.write_text(
        "format: yaotong-plan\nversion: 2\ncase_label: old\npatterns: [wind_cold]\n", encoding="utf-8"
    )
    messages: list[str] = []
    ws.statusMessage.connect(messages.append)
    assert ws.files.open_file(old, ask=False)
    assert "format version 2" in messages[-1] and "checksum" in messages[-1]
    assert ws.files.save_to(old)
    assert old.read_text(encoding="utf-8").splitlines()[-1].startswith("checksum: sha256:")


def test_the_side_chosen_in_the_table_reaches_the_plan_and_the_sheet(
    qtbot, ws: IntakeWorkspace, tmp_path: Path, monkeypatch
) -> None:
    """Issue 12 item 1: the plan carries the side to needle, chosen per point in the table."""
    click_pattern(qtbot, ws, "kidney_qi_deficiency")
    click_pattern(qtbot, ws, "wind_cold")  # GV3 and GV16: midline points
    table = ws.plan_panel.table
    combo = table.cellWidget(plan_codes(ws).index("KI3"), COL_SIDE)
    assert isinstance(combo, QComboBox) and combo.currentText() == "Both"
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # Both -> Left
    assert ws.session.plan.point("KI3").side is Side.LEFT
    assert table.cellWidget(plan_codes(ws).index("KI3"), COL_SIDE).currentText() == "Left"
    midline = next(p.code for p in ws.session.plan.points if p.side is None)
    assert table.item(plan_codes(ws).index(midline), COL_SIDE).text() == "Midline"
    out = tmp_path / "side.pdf"
    monkeypatch.setattr(
        "app.ui.plan_outputs.QFileDialog.getSaveFileName", lambda *a, **k: (str(out), "PDF (*.pdf)")
    )
    assert ws.outputs.export_sheet_dialog()
    text = " ".join(pdf_text(out).split())
    assert "Side: left side only" in text and "Side: both sides" in text and "Side: midline" in text
    ws.files.maybe_save = lambda: True  # type: ignore[method-assign]  # the unsaved-plan question
    ws.files.new_action.trigger()
    assert not ws.session.plan.sides
