"""The intake on a 1366x768 screen (issue 12): what the standard case needs is on screen without
scrolling, and nothing overlaps or is cut."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, QSettings
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from app.ui.intake_workspace import IntakeWorkspace
from app.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (propagateSizeHints|raise|grabbing)")


@pytest.fixture
def intake(qtbot, catalog, tmp_path) -> IntakeWorkspace:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(catalog, settings)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.workspaces.setCurrentIndex(1)
    widget = window.workspaces.currentWidget()
    assert isinstance(widget, IntakeWorkspace)
    widget.files.maybe_save = lambda: True  # type: ignore[method-assign]
    qtbot.wait(50)
    return widget


def on_screen(widget: QWidget) -> bool:
    """Visible and wholly inside the window and inside every scroll viewport above it."""
    if not widget.isVisible():
        return False
    rect = QRect(widget.mapTo(widget.window(), QPoint(0, 0)), widget.size())
    parent = widget.parentWidget()
    while parent is not None:
        if parent.objectName() == "qt_scrollarea_viewport":
            view = QRect(parent.mapTo(widget.window(), QPoint(0, 0)), parent.size())
            if not view.contains(rect):
                return False
        parent = parent.parentWidget()
    return widget.window().rect().contains(rect)


def test_the_standard_case_starts_on_screen(intake: IntakeWorkspace) -> None:
    assert on_screen(intake.intake.age_spin)
    assert on_screen(intake.intake.factor_boxes["anticoagulants"])
    assert on_screen(intake.intake.factor_boxes["first_treatment"])
    assert on_screen(intake.use_suggestion_button)
    assert on_screen(intake.diagram)


def test_every_group_is_one_click_away_and_its_title_is_whole(intake: IntakeWorkspace) -> None:
    pages = intake.intake.pages
    titles = [
        b for b in pages.findChildren(QAbstractButton) if b.metaObject().className() == "QToolBoxButton"
    ]
    assert len(titles) == pages.count() >= 10
    for title in titles:
        assert on_screen(title), title.text()
        needed = title.fontMetrics().horizontalAdvance(title.text()) + 2 * title.style().pixelMetric(
            title.style().PixelMetric.PM_ButtonMargin
        )
        assert needed <= title.width(), title.text()


def test_zone_rows_never_overlap(intake: IntakeWorkspace) -> None:
    rows = [box.parentWidget() for box in intake.zone_boxes.values()]
    for i, a in enumerate(rows):
        for b in rows[i + 1 :]:
            assert not a.geometry().intersects(b.geometry()), (a.accessibleName(), b.accessibleName())
        label = a.findChild(QLabel)
        assert label is not None and label.wordWrap()
        assert label.height() >= label.heightForWidth(label.width()) - 1  # the wrapped text fits


def test_a_group_shows_what_is_ticked_in_it(qtbot, intake: IntakeWorkspace) -> None:
    panel = intake.intake
    panel.factor_boxes["anticoagulants"].setChecked(True)
    assert panel.pages.itemText(0).endswith("(1 ticked)")
