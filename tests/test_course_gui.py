"""The Course workspace in the real main window, driven with qtbot: a plan made in Intake & plan,
a case started from it, three visits typed in, the chart, the reassessment prompt, the prescription's
evolution, the progress report (PDF text), a damaged case book, and user text kept literal."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from gui_helpers import show_active
from PySide6.QtCore import QDate, QSettings, Qt
from PySide6.QtWidgets import QInputDialog, QLabel

from app.domain.models import Catalog
from app.ui import course_workspace
from app.ui.course_workspace import CourseWorkspace
from app.ui.intake_workspace import IntakeWorkspace
from app.ui.main_window import MainWindow

pypdf = pytest.importorskip("pypdf")
# The offscreen platform says these when a window or the point completer's popup is shown; not ours.
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints",
    "This plugin does not support raise",
    "This plugin does not support grabbing the keyboard",
)

LABEL = "K-12 <b>lumbar</b> & co"


def _nothing_to_ask(win: MainWindow) -> None:
    """Closing asks about unsaved work (a modal question): a finished test leaves nothing to ask."""
    for widget in win.workspace_widgets():
        if isinstance(widget, CourseWorkspace) and widget.session is not None:
            widget.form.dirty = False
        if isinstance(widget, IntakeWorkspace):
            widget.session.dirty = False


@pytest.fixture
def window(qtbot, catalog: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    book = tmp_path / "casebook.sqlite3"
    monkeypatch.setattr(course_workspace, "default_book_path", lambda: book)
    win = MainWindow(catalog, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win, before_close_func=_nothing_to_ask)
    show_active(qtbot, win)
    return win


def open_course(window: MainWindow) -> CourseWorkspace:
    tabs = window.workspaces
    index = next(i for i in range(tabs.count()) if tabs.tabText(i) == "Course")
    tabs.setCurrentIndex(index)  # built now, lazily
    course = tabs.widget(index)
    assert isinstance(course, CourseWorkspace)
    return course


def type_visit(
    qtbot, course: CourseWorkspace, day: date, pain: int, rating: int, flag: str | None = None
) -> None:
    form = course.form
    form.date_edit.setDate(QDate(day.year, day.month, day.day))
    for spin, value in ((form.pain_now, pain), (form.activity_ratings[0], rating)):
        spin.setFocus()
        spin.selectAll()
        qtbot.keyClicks(spin, str(value))
    if not form.activity_names[0].text():
        qtbot.keyClicks(form.activity_names[0], "Sitting <30 min>")
    if flag:
        qtbot.mouseClick(form.flag_boxes[flag], Qt.MouseButton.LeftButton)
        qtbot.keyClicks(form.flag_action, "Referred to the GP <today>")
    qtbot.mouseClick(form.asked, Qt.MouseButton.LeftButton)
    qtbot.keyClick(form.pain_now, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def pdf_text(path: Path) -> str:
    reader = pypdf.PdfReader(str(path))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text))


def test_a_plan_three_visits_the_chart_and_the_report(
    qtbot, window: MainWindow, catalog: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    intake = next(w for w in window.workspace_widgets() if isinstance(w, IntakeWorkspace))
    intake.intake.set_checked(["kd_over_40", "kd_insidious_onset", "kd_worse_fatigue"], [], [], 52)
    qtbot.mouseClick(intake.use_suggestion_button, Qt.MouseButton.LeftButton)
    plan = intake.session.plan
    assert plan.patterns and plan.included_points()

    course = open_course(window)
    assert course.session is not None and course.session.cases == []
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: (LABEL, True))
    qtbot.mouseClick(course.cases.from_plan_button, Qt.MouseButton.LeftButton)
    session = course.session
    assert session.label == LABEL and session.plan is not None
    assert session.plan.patterns == plan.patterns
    # The case list shows the label as typed (plain text), and says labels are never names.
    assert course.cases.list.item(0).text().startswith(LABEL)
    assert "never the patient's name" in course.cases.findChild(QLabel, "noNamesNote").text()
    # A first visit starts from the plan's points.
    assert course.form.prescription_codes() == [p.code for p in plan.included_points()]

    type_visit(qtbot, course, date(2026, 9, 7), 7, 3)
    assert len(session.visits) == 1 and not course.form.dirty
    assert course.review.prompt_heading.text() == "Too few visits to judge the change yet"
    # Visit 2 starts from the last visit; BL25 added by typing its code; BL40's method changed.
    form = course.form
    assert form.prescription_codes() == list(session.visits[0].point_codes())
    assert form.activity_names[0].text() == "Sitting <30 min>"  # the same activity, rated again
    assert not form.asked.isChecked() and not any(b.isChecked() for b in form.flag_boxes.values())
    qtbot.keyClicks(form.point_edit, "bl25")
    qtbot.keyClick(form.point_edit, Qt.Key.Key_Return)
    row = form.prescription_codes().index("BL25")
    assert form.points.item(row, 2).text() == "new"
    type_visit(qtbot, course, date(2026, 9, 28), 6, 4)
    # Visit 3: "same as last time" in one action brings BL25 back after removing it.
    form.points.selectRow(form.prescription_codes().index("BL25"))
    form.remove_selected()
    assert form.dropped.text() == "Dropped since the last visit: BL25"
    qtbot.mouseClick(form.same_button, Qt.MouseButton.LeftButton)
    assert "BL25" in form.prescription_codes() and form.dropped.text() == ""
    type_visit(qtbot, course, date(2026, 10, 19), 6, 4, flag="cancer")

    assert [v.pain_now for v in session.visits] == [7, 6, 6]
    assert session.visits[2].red_flags == ("cancer",) and session.visits[2].safety_checked
    # The chart: three points over six weeks, the important-change line and the reassessment band.
    data = course.review.chart.data()
    assert data is not None
    assert [p[1] for p in data.pain.points] == [7, 6, 6] and data.pain.target == 5
    assert data.function is not None and data.function.target == pytest.approx(4.4)
    assert (data.reassess_from, data.reassess_to) == (4, 4)  # the catalog's default: about a month
    assert (
        "Ostelo et al. 2008" in data.pain.target_label
        and data.reassess_label == "Reassess at 4 weeks (NHS Gloucestershire)"
    )
    assert "Maughan and Lewis 2010" in course.review.chart.accessibleDescription()
    # The prompt: past the reassessment point, no important improvement.
    assert course.review.prompt_heading.text().startswith("Reassessment due")
    assert "No improvement after about a month" in course.review.prompt_text.text()
    # How the prescription evolved: BL25 added at visit 2.
    evolution = course.review.evolution
    codes = [evolution.verticalHeaderItem(r).text() for r in range(evolution.rowCount())]
    assert evolution.item(codes.index("BL25"), 2).text() == "+E"
    assert evolution.item(codes.index("BL25"), 1).text() == ""

    report = course.export_report(tmp_path / "report.pdf")
    text = pdf_text(report)
    assert f"Progress report: {LABEL}" in text  # escaped, printed literally
    assert "REASSESSMENT DUE" in text and "Referred to the GP <today>" in text
    assert "+BL25" in text  # the prescription's changes, visit by visit
    assert "Raised at a visit" in text and "asked again at 3 of 3 visits" in text


def test_entries_are_checked_before_saving(qtbot, window: MainWindow) -> None:
    course = open_course(window)
    assert course.new_case("A")
    form = course.form
    form.pain_now.setFocus()
    qtbot.keyClick(form.pain_now, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert "Enter the pain now" in form.problems.text() and course.session.visits == ()
    form.pain_now.setValue(5)
    qtbot.keyClick(form.pain_now, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert "tick that you asked" in form.problems.text() and course.session.visits == ()
    qtbot.mouseClick(form.flag_boxes["fracture"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(form.asked, Qt.MouseButton.LeftButton)
    form.save()
    assert "say how it was handled" in form.problems.text() and course.session.visits == ()
    assert course.has_unsaved_changes()
    qtbot.keyClicks(form.flag_action, "Sent for an X-ray")
    form.save()
    assert len(course.session.visits) == 1 and not course.has_unsaved_changes()


def test_a_damaged_case_book_is_reported_and_the_app_keeps_running(
    qtbot, catalog: Catalog, tmp_path: Path
) -> None:
    book = tmp_path / "casebook.sqlite3"
    book.write_bytes(b"not a database" * 100)
    course = CourseWorkspace(catalog, book_path=book)
    qtbot.addWidget(course)
    assert course.notice.isVisibleTo(course) and "set aside unchanged" in course.notice.text()
    assert course.new_case("after")
    assert [p.name for p in tmp_path.iterdir() if ".corrupt-" in p.name]
    folder = tmp_path / "folder.sqlite3"
    folder.mkdir()
    blocked = CourseWorkspace(catalog, book_path=folder)
    qtbot.addWidget(blocked)
    assert blocked.session is None and "Nothing can be entered" in blocked.notice.text()
    assert not blocked.has_unsaved_changes() and blocked.maybe_save()
