"""The left side view in the window: its button and key, clicks on its markers, its names and list."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import show_active
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QToolButton

from app.domain.models import Catalog
from app.ui.diagram import BodyDiagram
from app.ui.diagram.items import FigureLabel, MarkerItem
from app.ui.main_window import MainWindow
from app.ui.reference_workspace import ReferenceWorkspace

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def window(qtbot, catalog: Catalog, tmp_path: Path) -> MainWindow:
    win = MainWindow(catalog, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    show_active(qtbot, win)
    return win


def _view_button(ref: ReferenceWorkspace, text: str) -> QToolButton:
    return next(b for b in ref.diagram_bar.findChildren(QToolButton) if b.text() == text)


def test_shift_s_shows_the_left_side_and_s_the_right(qtbot, window: MainWindow) -> None:
    ref = window.reference
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ShiftModifier)
    assert ref.current_view == "left" and window.diagram.current_view() == "left"
    assert _view_button(ref, "Left side").isChecked() and not _view_button(ref, "Right side").isChecked()
    assert "Shift+S" in window.shortcuts_text() and "Left side" in window.shortcuts_text()
    qtbot.keyClick(window, Qt.Key.Key_S)
    assert ref.current_view == "side" and _view_button(ref, "Right side").isChecked()
    assert [a.text() for a in window.view_menu.actions()][2:4] == ["Right side", "Left side"]


def test_the_left_side_button_shows_it(qtbot, reference: ReferenceWorkspace) -> None:
    button = _view_button(reference, "Left side")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert reference.current_view == "left" and reference.diagram.current_view() == "left"
    assert button.toolTip() == "Left side view"
    assert reference.diagram.accessibleDescription().startswith("Left side view.")


def test_a_marker_clicked_on_the_left_side_selects_its_point(qtbot, reference: ReferenceWorkspace) -> None:
    diagram: BodyDiagram = reference.diagram
    reference.set_view("left")
    qtbot.wait(10)
    (left_pos,) = diagram.marker_scene_pos("GB30")
    width = diagram.scene().sceneRect().width()
    reference.set_view("side")
    (right_pos,) = diagram.marker_scene_pos("GB30")
    assert left_pos.x() == pytest.approx(width - right_pos.x())
    assert left_pos.y() == pytest.approx(right_pos.y())
    reference.set_view("left")
    with qtbot.waitSignal(diagram.pointClicked) as blocker:
        qtbot.mouseClick(diagram.viewport(), Qt.MouseButton.LeftButton, pos=diagram.mapFromScene(left_pos))
    assert blocker.args == ["GB30"] and reference.selected_point == "GB30"
    assert reference.detail_stack.currentWidget() is reference.point_detail
    assert reference.current_view == "left"  # the point is on the view shown: the view stays


def test_the_left_sides_names_read_the_right_way_round(qtbot, reference: ReferenceWorkspace) -> None:
    diagram = reference.diagram
    reference.set_view("left")
    qtbot.wait(10)
    assert diagram.transform().m11() > 0  # the scene itself is not mirrored: only the SVG's drawing
    labels = [i for i in diagram.scene().items() if isinstance(i, FigureLabel) and i.isVisible()]
    texts = {label.text(): label for label in labels}
    assert "Left side: the patient faces left" in texts
    for label in labels:
        assert label.deviceTransform(diagram.viewportTransform()).m11() > 0, label.text()
    # a name written left of its landmark on the right side (its end at the spot) is right of it
    # here, its start at the spot: the mirrored place, the text itself the right way round
    centre = diagram.scene().sceneRect().center().x()
    (left_crest,) = [n for n in diagram.scene().notes if n.text() == "iliac crest (L4)"]
    reference.set_view("side")
    (right_crest,) = [n for n in diagram.scene().notes if n.text() == "iliac crest (L4)"]
    assert right_crest.scenePos().x() < centre < left_crest.scenePos().x()
    assert right_crest.transform().dx() == pytest.approx(-right_crest.boundingRect().width())
    assert left_crest.transform().dx() == 0


def test_tags_stand_on_the_mirrored_side(qtbot, reference: ReferenceWorkspace) -> None:
    diagram = reference.diagram
    reference.select_pattern("")  # every point plain: each has its tag where there is room

    def leftward(view: str) -> float:
        reference.set_view(view)
        qtbot.wait(20)
        markers = [i for i in diagram.scene().items() if isinstance(i, MarkerItem) and i.tag.isVisible()]
        assert len(markers) >= 3, view
        return sum(m.tag.pos().x() < 0 for m in markers) / len(markers)

    assert leftward("left") > 0.5 > leftward("side")


def test_the_point_list_follows_the_left_side(reference: ReferenceWorkspace) -> None:
    listed = reference.figure_points
    reference.left_tabs.setCurrentWidget(listed)
    reference.set_view("side")
    right = listed.codes()
    reference.set_view("left")
    assert listed.codes() == right and "GB30" in right
    assert listed.accessibleDescription().startswith(f"Left side view: {len(right)} points")


def test_a_channel_runs_down_the_left_side(reference: ReferenceWorkspace) -> None:
    diagram = reference.diagram
    diagram.set_channels(["GB"])
    reference.set_view("left")
    diagram.repaint()
    assert diagram.scene().channels.get("GB") is not None
    assert "Channels drawn: " in diagram.accessibleDescription()
