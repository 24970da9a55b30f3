"""The figure as text: the "On the figure" list follows the diagram and drives it (screen readers)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.ui.diagram import BodyDiagram
from app.ui.reference_workspace import ReferenceWorkspace

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def workspace(reference) -> ReferenceWorkspace:
    reference.select_pattern("kidney_qi_deficiency")
    reference.set_view("back")
    reference.left_tabs.setCurrentWidget(reference.figure_points)
    return reference


def _on_view(catalog, view: str) -> set[str]:
    return {c for c, p in catalog.points.items() if any(a.view == view for a in p.anchors)}


def test_it_lists_every_point_on_the_view_highlighted_first(workspace, catalog) -> None:
    listed = workspace.figure_points
    codes = listed.codes()
    assert set(codes) == _on_view(catalog, "back")
    roles = catalog.patterns["kidney_qi_deficiency"].points_by_role()
    on_back = [c for c in roles if c in _on_view(catalog, "back")]
    assert set(codes[: len(on_back)]) == set(on_back)
    first = listed.item(0)
    assert f"({'local' if roles[codes[0]] == 'local' else 'distal'} point)" in first.text()
    assert listed.accessibleName() == "Points on the figure"
    assert "highlighted" in listed.accessibleDescription()


def test_choosing_a_row_selects_the_point_everywhere(workspace, qtbot) -> None:
    listed = workspace.figure_points
    row = listed.codes().index("BL40")
    listed.setFocus()
    listed.setCurrentRow(0)
    for _ in range(row):
        qtbot.keyClick(listed, Qt.Key.Key_Down)
    assert workspace.selected_point == "BL40"
    assert workspace.diagram.selected_point() == "BL40"
    assert workspace.detail_stack.currentWidget() is workspace.point_detail


def test_a_marker_clicked_on_the_figure_becomes_the_current_row(workspace, qtbot) -> None:
    diagram: BodyDiagram = workspace.diagram
    marker = diagram.marker_items("BL23")[0]
    pos = diagram.mapFromScene(marker.scenePos())
    qtbot.mouseClick(diagram.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert workspace.selected_point == "BL23"
    assert workspace.figure_points.currentItem().text().startswith("BL23")


@pytest.mark.parametrize(
    ("view", "caption"), [("foot", "Foot"), ("side", "Right side view"), ("head", "Head")]
)
def test_switching_view_relists(workspace, catalog, view: str, caption: str) -> None:
    workspace.set_view(view)
    assert set(workspace.figure_points.codes()) == _on_view(catalog, view)
    assert caption in workspace.figure_points.accessibleDescription()
