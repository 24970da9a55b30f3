"""Channel courses on the reference diagram, driven as a student would: the Channels menu, a point's
"show the course" link, the dark theme, what a screen reader is told."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from app.domain import anatomy
from app.ui.diagram.channels import CHANNEL_STYLES
from app.ui.reference_workspace import ReferenceWorkspace

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def workspace(reference) -> ReferenceWorkspace:
    return reference


def _pixel(ws: ReferenceWorkspace, x: float, y: float) -> str:
    diagram = ws.diagram
    image = diagram.viewport().grab().toImage()
    pos = diagram.mapFromScene(diagram.cun_to_scene(x, y))
    scale = image.width() / diagram.viewport().width()
    return image.pixelColor(int(pos.x() * scale), int(pos.y() * scale)).name()


def _colours_near(ws: ReferenceWorkspace, x: float, y: float, radius: int = 3) -> set[str]:
    """The colours within a few pixels of a spot (a 2 px line is antialiased at its edges)."""
    diagram = ws.diagram
    image = diagram.viewport().grab().toImage()
    pos = diagram.mapFromScene(diagram.cun_to_scene(x, y))
    scale = image.width() / diagram.viewport().width()
    cx, cy = int(pos.x() * scale), int(pos.y() * scale)
    return {
        image.pixelColor(cx + dx, cy + dy).name()
        for dx in range(-radius, radius + 1)
        for dy in range(-radius, radius + 1)
    }


def _midway(catalog, a: str, b: str, view: str = "back") -> tuple[float, float]:
    def where(code: str) -> tuple[float, float]:
        anchor = next(x for x in catalog.points[code].anchors if x.view == view)
        return max(anatomy.anchor_positions(anchor, True))  # the +x side

    (x0, y0), (x1, y1) = where(a), where(b)
    return ((x0 + x1) / 2, (y0 + y1) / 2)


def test_the_channels_menu_draws_a_course_through_its_markers(workspace, catalog, qtbot) -> None:
    spot = _midway(catalog, "BL36", "BL37")  # the back of the thigh, three cun from either marker
    before = _pixel(workspace, *spot)
    workspace.channel_actions["BL"].trigger()
    qtbot.wait(10)
    item = workspace.diagram.channel_items("BL")
    assert item is not None and item.isVisible()
    assert workspace.channel_actions["BL"].isChecked()
    assert _pixel(workspace, *spot) != before
    assert CHANNEL_STYLES["BL"][0].lower() in _colours_near(workspace, *spot)
    assert "Bladder channel" in workspace.diagram.accessibleDescription()
    workspace.channel_actions["BL"].trigger()  # and off again
    assert workspace.diagram.channel_items("BL") is None
    assert _pixel(workspace, *spot) == before


def test_show_all_and_hide_all(workspace, catalog) -> None:
    actions = {a.text().replace("&", ""): a for a in workspace.channels_menu.actions()}
    actions["Show all channels"].trigger()
    assert len(workspace.diagram.channels_shown()) == 14
    assert all(a.isChecked() for a in workspace.channel_actions.values())
    assert workspace.diagram.channel_items("GV") is not None  # the midline of the back
    actions["Hide the channels"].trigger()
    assert workspace.diagram.channels_shown() == ()
    assert not any(a.isChecked() for a in workspace.channel_actions.values())


def test_the_patterns_own_channels(workspace, catalog) -> None:
    workspace.select_pattern("kidney_qi_deficiency")
    actions = {a.text().replace("&", ""): a for a in workspace.channels_menu.actions()}
    actions["Channels of this pattern"].trigger()
    expected = {catalog.points[c].channel for c in catalog.patterns["kidney_qi_deficiency"].points_by_role()}
    assert set(workspace.diagram.channels_shown()) == expected - {"EX"}


def test_a_points_page_shows_its_channels_whole_course(workspace, catalog, qtbot) -> None:
    workspace.show_point("BL23")
    browser = workspace.point_detail.browser
    words = "Show the course of the Bladder channel"
    found = browser.document().find(words)
    assert not found.isNull() and found.charFormat().anchorHref() == "channel:BL"
    inside = QTextCursor(browser.document())
    inside.setPosition(found.selectionStart() + 1)
    browser.setTextCursor(inside)
    browser.ensureCursorVisible()
    qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=browser.cursorRect(inside).center())
    assert workspace.diagram.channels_shown() == ("BL",)
    item = workspace.diagram.channel_items("BL")
    assert item is not None and item.pen().widthF() > 2.0  # emphasised


def test_the_dark_theme_draws_the_course_in_its_dark_colour(workspace, catalog, qtbot) -> None:
    workspace.set_channels(["BL"])
    workspace.set_dark(True)
    qtbot.wait(10)
    spot = _midway(catalog, "BL36", "BL37")
    assert CHANNEL_STYLES["BL"][1].lower() in _colours_near(workspace, *spot)
    assert CHANNEL_STYLES["BL"][0].lower() not in _colours_near(workspace, *spot)


def test_paired_channels_share_a_colour_and_differ_in_line(qtbot) -> None:
    pairs = [("LU", "LI"), ("ST", "SP"), ("HT", "SI"), ("BL", "KI"), ("PC", "TE"), ("GB", "LR"), ("GV", "CV")]
    colours = set()
    for a, b in pairs:
        assert CHANNEL_STYLES[a][:2] == CHANNEL_STYLES[b][:2]
        assert CHANNEL_STYLES[a][2] != CHANNEL_STYLES[b][2]
        colours.add(CHANNEL_STYLES[a][0])
    assert len(colours) == 7
