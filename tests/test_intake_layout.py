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


def test_zone_lines_never_overlap_and_tell_left_from_right(intake: IntakeWorkspace, catalog) -> None:
    boxes = list(intake.zone_boxes.values())
    grid = boxes[0].parentWidget()
    labels = [w for w in grid.findChildren(QLabel) if w.isVisible() and w.parentWidget() is grid]
    widgets: list[QWidget] = [*boxes, *labels]
    low_back_and_legs = ("midline", "paraspinal", "hip_side", "leg_back", "leg_side")
    for zid, box in intake.zone_boxes.items():  # the standard case's zones, without scrolling
        assert on_screen(box) or not zid.startswith(low_back_and_legs), zid
    for i, a in enumerate(widgets):
        for b in widgets[i + 1 :]:
            assert not a.geometry().intersects(b.geometry()), (a.accessibleName(), b.accessibleName())
    heads = [w for w in labels if w.text() in ("Left", "Right")]
    assert [h.text() for h in sorted(heads, key=lambda h: h.x())] == ["Left", "Right"]  # column heads
    for label in labels:
        assert label in heads or label.wordWrap()
        assert label.height() >= label.heightForWidth(label.width()) - 1
    for zid, box in intake.zone_boxes.items():
        assert box.accessibleName() == catalog.zones[zid].name
        if zid.endswith("_left"):
            right = intake.zone_boxes[zid.removesuffix("_left") + "_right"]
            # the back view shows the patient's left on the viewer's left: so does the grid
            assert box.x() < right.x() and box.y() == right.y()
            assert abs(box.geometry().center().x() - heads[0].geometry().center().x()) <= 2  # under "Left"


def test_a_group_shows_what_is_ticked_in_it(qtbot, intake: IntakeWorkspace) -> None:
    panel = intake.intake
    panel.factor_boxes["anticoagulants"].setChecked(True)
    assert panel.pages.itemText(0).endswith("(1 ticked)")
