"""The body diagram widget, driven like a user would: markers, highlight, clicks, zones, answers."""

from __future__ import annotations

import dataclasses
import math
import re
from types import MappingProxyType

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QPolygonF
from PySide6.QtWidgets import QLabel, QToolButton

from app.domain import anatomy, pain_zones
from app.domain.anatomy import LANDMARKS, MIRRORED_VIEWS, VIEWS
from app.domain.figure_notes import notes_for
from app.domain.models import Laterality
from app.domain.vocabulary import View
from app.paths import resources_dir
from app.ui.diagram import BodyDiagram
from app.ui.diagram.items import FIGURE_DARK, FigureLabel, MarkerItem


@pytest.fixture
def diagram(qtbot, catalog) -> BodyDiagram:
    widget = BodyDiagram(catalog)
    qtbot.addWidget(widget)
    widget.resize(520, 900)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def viewport_pos(diagram: BodyDiagram, scene_pos: QPointF) -> QPoint:
    return diagram.mapFromScene(scene_pos)


def zone_click_point(diagram: BodyDiagram, zone_id: str) -> QPoint:
    """A pixel inside the zone as far as possible from every marker (markers win clicks)."""
    frame = anatomy.VIEW_FRAMES["back"]
    poly = QPolygonF([QPointF(*frame.to_scene(x, y)) for x, y in pain_zones.ZONE_SHAPES[zone_id][0]])
    rect = poly.boundingRect()
    markers = [
        viewport_pos(diagram, m.pos()) for i in diagram.scene().items() if isinstance(m := i, MarkerItem)
    ]
    best, best_gap = None, -1.0
    for i in range(1, 20):
        for j in range(1, 20):
            p = QPointF(rect.left() + rect.width() * i / 20, rect.top() + rect.height() * j / 20)
            if not poly.containsPoint(p, Qt.FillRule.OddEvenFill):
                continue
            v = viewport_pos(diagram, p)
            gap = min((math.dist((v.x(), v.y()), (q.x(), q.y())) for q in markers), default=1e9)
            if gap > best_gap:
                best, best_gap = v, gap
    assert best is not None
    return best


def all_markers(diagram: BodyDiagram) -> dict[str, list[tuple[str, MarkerItem]]]:
    """Every marker on every view, by point code (visits each view like a user would)."""
    out: dict[str, list[tuple[str, MarkerItem]]] = {}
    for view in VIEWS:
        diagram.set_view(view)
        for item in diagram.scene().items():
            if isinstance(item, MarkerItem):
                out.setdefault(item.code, []).append((view, item))
    return out


def test_every_point_of_every_pattern_has_a_marker_on_some_view(diagram, catalog) -> None:
    markers = all_markers(diagram)
    for pattern in catalog.patterns.values():
        for code in pattern.points_by_role():
            assert markers.get(code), f"{pattern.id}: {code} has no marker"


def test_bilateral_points_have_two_markers_and_midline_points_one(diagram, catalog) -> None:
    diagram.set_view("back")
    for code in ("BL23", "BL40", "GV4"):
        point = catalog.points[code]
        expected = 2 if point.laterality == Laterality.BILATERAL else 1
        positions = diagram.marker_scene_pos(code)
        assert len(positions) == expected, code
        if expected == 2:  # mirrored about the midline
            xs = sorted(diagram.scene_to_cun(p)[0] for p in positions)
            assert xs[0] == pytest.approx(-xs[1])


def test_markers_sit_where_the_anchor_says(diagram) -> None:
    diagram.set_view("back")
    cun = sorted(diagram.scene_to_cun(p) for p in diagram.marker_scene_pos("BL23"))
    assert cun == [pytest.approx((-1.5, LANDMARKS["L2"].y)), pytest.approx((1.5, LANDMARKS["L2"].y))]


@pytest.mark.parametrize(
    "pattern_id", ["blood_stagnation", "kidney_qi_deficiency", "liver_qi_stagnation", "wind_cold"]
)
def test_highlight_marks_exactly_the_patterns_points(diagram, catalog, pattern_id) -> None:
    roles = catalog.patterns[pattern_id].points_by_role()
    diagram.highlight(roles)
    marked: dict[str, str] = {}
    for code, items in all_markers(diagram).items():
        for _view, marker in items:
            if marker.role is not None:
                marked[code] = marker.role
            else:
                assert marker.opacity() < 1.0, f"{code} should be dimmed"
    assert marked == roles


def test_local_and_distal_markers_differ_in_shape_not_only_colour(diagram) -> None:
    diagram.highlight({"BL23": "local", "BL40": "distal"})
    diagram.set_view("back")
    local = diagram.marker_items("BL23")[0].path().elementCount()
    distal = diagram.marker_items("BL40")[0].path().elementCount()
    assert local != distal  # an ellipse (curves) against a diamond (four corners)


def test_highlight_only_restyles_the_existing_items(diagram, catalog) -> None:
    diagram.set_view("back")
    markers = sorted(id(item) for item in diagram.scene().items() if isinstance(item, MarkerItem))
    for pattern in catalog.patterns.values():
        diagram.highlight(pattern.points_by_role())
    assert sorted(id(item) for item in diagram.scene().items() if isinstance(item, MarkerItem)) == markers
    # a code tag is made once, when first placed: a second round of switches makes nothing new
    after_first = sorted(id(item) for item in diagram.scene().items())
    for pattern in catalog.patterns.values():
        diagram.highlight(pattern.points_by_role())
    assert sorted(id(item) for item in diagram.scene().items()) == after_first


def test_clicking_bl40s_marker_emits_point_clicked_and_selects_it(qtbot, diagram) -> None:
    diagram.set_view("back")
    pos = viewport_pos(diagram, diagram.marker_scene_pos("BL40")[0])
    with qtbot.waitSignal(diagram.pointClicked, timeout=1000) as blocker:
        qtbot.mouseClick(diagram.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert blocker.args == ["BL40"]
    assert diagram.selected_point() == "BL40"
    assert all(m.ring.isVisible() for m in diagram.marker_items("BL40"))


def test_clicking_the_body_reports_cun_coordinates_that_round_trip(qtbot, diagram) -> None:
    diagram.set_view("back")
    target = (2.2, 44.0)  # the back of the thigh, away from every marker
    pos = viewport_pos(diagram, diagram.cun_to_scene(*target))
    with qtbot.waitSignal(diagram.bodyClicked, timeout=1000) as blocker:
        qtbot.mouseClick(diagram.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    view, x, y = blocker.args
    one_pixel = 1 / (diagram.transform().m11() * anatomy.VIEW_FRAMES["back"].units_per_cun)
    assert view == "back"
    assert x == pytest.approx(target[0], abs=2 * one_pixel) and y == pytest.approx(
        target[1], abs=2 * one_pixel
    )
    # and back: the reported spot maps to the pixel that was clicked
    assert (viewport_pos(diagram, diagram.cun_to_scene(x, y)) - pos).manhattanLength() <= 1


def test_a_drag_pans_and_is_not_a_click(qtbot, diagram) -> None:
    diagram.set_view("back")
    for _ in range(4):
        diagram.zoom_in()
    bar = diagram.verticalScrollBar()
    start_value = bar.value()
    start = QPoint(260, 450)
    clicks: list[tuple] = []
    diagram.bodyClicked.connect(lambda *a: clicks.append(a))
    qtbot.mousePress(diagram.viewport(), Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, 6):
        qtbot.mouseMove(diagram.viewport(), start + QPoint(0, -20 * step))
    qtbot.mouseRelease(diagram.viewport(), Qt.MouseButton.LeftButton, pos=start + QPoint(0, -100))
    assert bar.value() > start_value
    assert clicks == []


def test_zoom_in_out_and_reset(diagram) -> None:
    base = diagram.transform().m11()
    diagram.zoom_in()
    assert diagram.transform().m11() == pytest.approx(base * 1.25)
    diagram.zoom_out()
    diagram.zoom_out()
    assert diagram.transform().m11() == pytest.approx(base / 1.25)
    diagram.reset_zoom()
    assert diagram.transform().m11() == pytest.approx(base)


def test_wheel_zooms(qtbot, diagram) -> None:
    from PySide6.QtCore import QPointF as P
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    base = diagram.transform().m11()
    centre = P(diagram.viewport().rect().center())
    event = QWheelEvent(
        centre,
        diagram.viewport().mapToGlobal(centre),
        QPoint(0, 0),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(diagram.viewport(), event)
    assert diagram.transform().m11() == pytest.approx(base * 1.25)


def test_zone_mode_toggles_zones_on_the_back_view(qtbot, diagram, catalog) -> None:
    diagram.set_view("front")
    diagram.set_zone_mode(True)
    assert diagram.current_view() == "back"
    pos = zone_click_point(diagram, "paraspinal_left")
    assert diagram.scene_to_cun(diagram.mapToScene(pos))[0] < 0  # the patient's left is the viewer's left
    with qtbot.waitSignal(diagram.zoneToggled, timeout=1000) as blocker:
        qtbot.mouseClick(diagram.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert blocker.args == ["paraspinal_left", True]
    assert diagram.zones() == {"paraspinal_left"}
    with qtbot.waitSignal(diagram.zoneToggled, timeout=1000) as blocker:
        qtbot.mouseClick(diagram.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert blocker.args == ["paraspinal_left", False]
    assert diagram.zones() == set()


def test_every_zone_is_clickable(qtbot, diagram, catalog) -> None:
    diagram.set_zone_mode(True)
    toggled: list[str] = []
    diagram.zoneToggled.connect(lambda zone_id, on: toggled.append(zone_id))
    for zone_id in catalog.zones:
        pos = zone_click_point(diagram, zone_id)
        qtbot.mouseClick(diagram.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert toggled == list(catalog.zones)


def test_set_zones_shows_them_without_signalling(qtbot, diagram) -> None:
    diagram.set_zone_mode(True)
    with qtbot.assertNotEmitted(diagram.zoneToggled):
        diagram.set_zones({"midline", "leg_side_left"})
    assert diagram.zones() == {"midline", "leg_side_left"}


def test_zones_are_hidden_outside_zone_mode(qtbot, diagram) -> None:
    diagram.set_view("back")
    pos = viewport_pos(diagram, diagram.zone_scene_center("paraspinal_left"))
    with qtbot.assertNotEmitted(diagram.zoneToggled):
        qtbot.mouseClick(diagram.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def test_show_answer_draws_the_landmark_rule_and_the_distance(diagram) -> None:
    diagram.set_view("back")
    guess = (2.3, LANDMARKS["L2"].y + 0.6)
    distance = diagram.show_answer("BL23", guess)
    assert distance == pytest.approx(math.dist((1.5, LANDMARKS["L2"].y), guess))
    assert distance == pytest.approx(diagram.cun_distance("BL23", "back", *guess))
    texts = set(diagram.answer_texts())
    assert "L2" in texts
    assert "1.5 cun" in texts
    assert any(re.fullmatch(rf"your click: {distance:.1f} cun away", t) for t in texts)
    diagram.clear_answer()
    assert not diagram.answer_shown()


def test_head_answers_give_cun_on_the_face_and_none_along_the_side_panels_scalp(diagram) -> None:
    """BL4 on the face panel: 1.5 and 0.5 cun from the hairline's midpoint, as its text says. GV21 on
    the side panel: its position follows the scalp's curve, so no drawing offset is offered as cun."""
    diagram.set_view("head")
    diagram.show_answer("BL4", None)
    texts = set(diagram.answer_texts())
    assert {"1.5 cun", "0.5 cun above"} <= texts
    diagram.show_answer("GV21", None)
    texts = diagram.answer_texts()
    assert "GV21" in texts and not [t for t in texts if "cun" in t]
    diagram.clear_answer()


def test_show_answer_switches_to_the_points_view(diagram) -> None:
    diagram.set_view("hand")
    assert diagram.show_answer("BL40", None) is None
    assert diagram.current_view() == "back" and diagram.answer_shown()


def test_cun_distance_is_zero_at_the_point_and_infinite_off_its_view(diagram) -> None:
    y = LANDMARKS["L2"].y
    assert diagram.cun_distance("BL23", "back", -1.5, y) == 0
    assert diagram.cun_distance("BL23", "back", 1.5, y + 1.0) == pytest.approx(1.0)
    assert diagram.cun_distance("BL23", "hand", 0, 0) == math.inf


def test_hiding_markers_for_a_quiz_leaves_clicks_for_the_body(qtbot, diagram) -> None:
    diagram.set_view("back")
    diagram.set_markers_visible(False)
    pos = viewport_pos(diagram, diagram.marker_scene_pos("BL40")[0])
    with qtbot.assertNotEmitted(diagram.pointClicked), qtbot.waitSignal(diagram.bodyClicked, timeout=1000):
        qtbot.mouseClick(diagram.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def test_hovering_a_marker_reports_its_code(qtbot, diagram) -> None:
    diagram.set_view("back")
    pos = viewport_pos(diagram, diagram.marker_scene_pos("BL40")[0])
    with qtbot.waitSignal(diagram.pointHovered, timeout=1000) as blocker:
        qtbot.mouseMove(diagram.viewport(), pos + QPoint(30, 30))
        qtbot.mouseMove(diagram.viewport(), pos)
    assert blocker.args == ["BL40"]


def test_labels_can_be_hidden(diagram) -> None:
    diagram.set_view("back")
    diagram.highlight({"BL40": "distal"})
    assert any(m.tag.isVisible() for m in diagram.marker_items("BL40"))
    diagram.set_labels_visible(False)
    assert not any(m.tag.isVisible() for m in diagram.marker_items("BL40"))


def test_tags_of_highlighted_points_never_overlap(diagram, catalog) -> None:
    diagram.set_view("back")
    for pattern in catalog.patterns.values():
        diagram.highlight(pattern.points_by_role())
        boxes = [
            m.tag.deviceTransform(diagram.viewportTransform()).mapRect(m.tag.text_rect()).toAlignedRect()
            for items in [diagram.marker_items(c) for c in catalog.points]
            for m in items
            if m.tag.isVisible()
        ]
        on_back = [
            c for c in pattern.points_by_role() if any(a.view == "back" for a in catalog.points[c].anchors)
        ]
        assert len(boxes) >= len(on_back)  # most tags found room
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                assert not a.adjusted(1, 1, -1, -1).intersects(b.adjusted(1, 1, -1, -1)), pattern.id


def test_catalog_text_is_shown_as_plain_text(qtbot, catalog) -> None:
    """Markup in the catalog is escaped in tooltips and never rendered by the legend."""
    point = dataclasses.replace(
        catalog.points["BL40"],
        pinyin="<b>Wěi</b>zhōng",
        location="<i>Behind</i> the knee & <a href='x'>link</a>.",
    )
    points = dict(catalog.points)
    points["BL40"] = point
    patched = dataclasses.replace(catalog, points=MappingProxyType(points))
    widget = BodyDiagram(patched)
    qtbot.addWidget(widget)
    widget.set_view("back")
    tip = widget.marker_items("BL40")[0].toolTip()
    assert "&lt;b&gt;Wěi&lt;/b&gt;" in tip and "&lt;i&gt;Behind&lt;/i&gt;" in tip and "&amp;" in tip
    assert "<b>Wěi" not in tip and "<a href" not in tip
    legend = widget.legend_widget()
    widget.highlight({"BL40": "distal", "LR3": "distal"})
    for label in legend.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText


def test_legend_names_points_drawn_on_other_views(qtbot, diagram, catalog) -> None:
    legend = diagram.legend_widget()
    qtbot.addWidget(legend)
    roles = {code: "distal" for code, p in catalog.points.items() if p.anchors}
    diagram.highlight(roles)
    diagram.set_view("back")
    elsewhere = {}
    for code in roles:
        views = diagram.views_of(code)
        if "back" not in views:
            elsewhere.setdefault(views[0], []).append(code)
    entries = legend.entries()
    names = {
        "front": "the front view",
        "back": "the back view",
        "hand": "the hand close-up",
        "foot": "the foot close-up",
        "side": "the right side view",
        "head": "the head and neck close-up",
    }
    for view, codes in elsewhere.items():
        n = len(codes)
        assert f"{n} point{'s' if n > 1 else ''} on {names[view]} ›" in entries
    buttons = [b for b in legend.findChildren(QToolButton) if b.isVisibleTo(legend)]
    if elsewhere:
        target = next(iter(elsewhere))
        button = next(b for b in buttons if View(target).caption.lower() in b.text().lower())
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert diagram.current_view() == target


def test_dark_theme_recolours_the_figure_and_background(diagram) -> None:
    light = diagram.backgroundBrush().color().name()
    diagram.set_theme(True)
    assert diagram.backgroundBrush().color().name() != light
    diagram.set_theme(False)
    assert diagram.backgroundBrush().color().name() == light


def test_every_figure_colour_has_a_dark_counterpart() -> None:
    for view in VIEWS:
        svg = (resources_dir() / "figures" / f"{view}.svg").read_text(encoding="utf-8")
        colours = set(re.findall(r"#[0-9a-fA-F]{6}\b", svg))
        assert colours <= set(FIGURE_DARK), f"{view}.svg: {colours - set(FIGURE_DARK)}"


def test_the_view_has_an_accessible_name_and_describes_its_state(diagram) -> None:
    diagram.set_view("back")
    diagram.highlight({"BL23": "local"})
    diagram.select_point("BL23")
    assert diagram.accessibleName() == "Body diagram"
    assert (
        "Back view" in diagram.accessibleDescription() and "BL23 (local)" in diagram.accessibleDescription()
    )


def test_unknown_view_is_refused(diagram) -> None:
    with pytest.raises(ValueError, match="unknown diagram view"):
        diagram.set_view("top")


def test_mirrored_views_are_only_front_and_back() -> None:
    assert set(MIRRORED_VIEWS) == {"front", "back"}


def test_a_hidden_diagram_fits_its_size_for_offscreen_export(qtbot, catalog) -> None:
    """Exports render the widget without showing it: the figure must still fill the given size."""
    widget = BodyDiagram(catalog)
    qtbot.addWidget(widget)
    widget.resize(500, 700)
    widget.set_view("back")
    widget.reset_zoom()
    assert not widget.isVisible()
    assert widget.viewport().size().toTuple() == (500, 700)
    centre = widget.mapFromScene(widget.scene().sceneRect().center())
    assert abs(centre.x() - 250) <= 2 and abs(centre.y() - 350) <= 2
    figure = widget.mapFromScene(widget.scene().sceneRect()).boundingRect()
    assert figure.height() >= 0.95 * 700  # height-limited fit


def test_the_pain_map_keeps_only_highlighted_markers(diagram) -> None:
    diagram.highlight({"BL40": "plan"})
    diagram.set_zone_mode(True)
    assert all(m.isVisible() for m in diagram.marker_items("BL40"))
    assert not any(m.isVisible() for m in diagram.marker_items("BL23"))
    diagram.set_zone_mode(False)
    assert all(m.isVisible() for m in diagram.marker_items("BL23"))


def test_selecting_a_point_when_zoomed_in_brings_it_into_view(diagram) -> None:
    diagram.set_view("back")
    for _ in range(6):
        diagram.zoom_in()
    diagram.centerOn(diagram.cun_to_scene(0, 5))  # looking at the head
    target = diagram.marker_scene_pos("BL40")[0]
    assert not diagram.viewport().rect().contains(diagram.mapFromScene(target))
    diagram.select_point("BL40")
    assert diagram.viewport().rect().contains(diagram.mapFromScene(target))


def _pixel(diagram: BodyDiagram, x: float, y: float) -> str:
    image = diagram.viewport().grab().toImage()
    pos = viewport_pos(diagram, diagram.cun_to_scene(x, y))
    return image.pixelColor(
        pos.x() * image.width() // diagram.viewport().width(),
        pos.y() * image.height() // diagram.viewport().height(),
    ).name()


def test_the_figure_itself_is_drawn_and_recoloured_for_the_dark_theme(diagram) -> None:
    diagram.set_view("back")
    spot = (4.0, 45.0)  # the back of the thigh: skin, no marker
    light_skin = _pixel(diagram, *spot)
    assert light_skin == "#f1e8de"  # the figure's skin colour (tools/draw_figures.py PALETTE)
    diagram.set_theme(True)
    assert _pixel(diagram, *spot) == FIGURE_DARK["#f1e8de"]


def test_an_answer_below_its_landmark_shows_the_distance_down(diagram, catalog) -> None:
    anchor = next(a for a in catalog.points["BL57"].anchors if a.view == "back")
    assert anchor.down_cun > 0
    diagram.set_view("back")
    diagram.show_answer("BL57", None)
    texts = diagram.answer_texts()
    assert f"{anchor.down_cun:g} cun below" in texts
    assert anatomy.landmark_label(anchor.landmark) in texts


def _visible_text_boxes(diagram: BodyDiagram) -> tuple[dict[str, object], list[object]]:
    """(visible figure names by text, visible code-tag boxes), in view pixels."""
    t = diagram.viewportTransform()
    names = {
        item.text(): item.deviceTransform(t).mapRect(item.boundingRect()).toAlignedRect()
        for item in diagram.scene().items()
        if isinstance(item, FigureLabel) and item.isVisible()
    }
    tags = [
        m.tag.deviceTransform(t).mapRect(m.tag.text_rect()).toAlignedRect()
        for item in diagram.scene().items()
        if isinstance(m := item, MarkerItem) and m.tag.isVisible()
    ]
    return names, tags


@pytest.mark.parametrize("view", ["back", "front"])
def test_landmark_names_and_caption_stay_legible_and_clear_of_code_tags(diagram, catalog, view) -> None:
    diagram.set_view(view)
    for pattern in catalog.patterns.values():
        diagram.highlight(pattern.points_by_role())
        names, tags = _visible_text_boxes(diagram)
        caption = next(n.text for n in notes_for(view) if n.caption)
        assert caption in names  # the patient's side is always spelled out
        shown = [n.text for n in notes_for(view) if not (n.caption or n.side) and n.text in names]
        assert len(shown) >= 3, (pattern.id, shown)  # most landmarks are named at this size
        for text in shown:
            box = names[text]
            assert box.height() >= 9  # a constant pixel size, not the figure's scale
            assert not any(box.adjusted(1, 1, -1, -1).intersects(tag) for tag in tags), (pattern.id, text)


def test_landmark_names_give_way_when_the_figure_is_tiny(qtbot, diagram) -> None:
    widget = diagram
    widget.set_view("back")
    widget.resize(160, 260)
    qtbot.waitUntil(lambda: widget.viewport().height() < 300)
    widget.viewport().repaint()  # what a user sees: the markers and names follow a resize as it paints
    names, _tags = _visible_text_boxes(widget)
    assert not any(n.text in names for n in notes_for("back") if not n.side)  # R, L stay if they fit
    # zooming in makes room again
    for _ in range(8):
        widget.zoom_in()
    names, _tags = _visible_text_boxes(widget)
    assert any(n.text in names for n in notes_for("back") if not (n.caption or n.side))


def test_a_locate_answer_names_its_landmark_once(diagram, catalog) -> None:
    diagram.set_view("back")
    # a plan highlighted, as in use: with nothing highlighted every point's code tag is wanted and
    # the arm points' tags take the margin beside the forearm where the level names stand
    diagram.highlight(catalog.patterns["kidney_qi_deficiency"].points_by_role())
    diagram.show_answer("BL57", (3.0, 60.0))
    names, _tags = _visible_text_boxes(diagram)
    assert not any(n.text in names for n in notes_for("back") if not (n.caption or n.side))
    diagram.clear_answer()
    names, _tags = _visible_text_boxes(diagram)
    assert any(n.text in names for n in notes_for("back") if not (n.caption or n.side))  # they come back


def test_resizing_keeps_a_shown_answer_in_view(qtbot, diagram) -> None:
    diagram.set_view("back")
    for _ in range(4):
        diagram.zoom_in()
    guess = (3.0, 61.0)
    diagram.show_answer("BL57", guess)
    diagram.resize(480, 700)
    qtbot.wait(10)
    seen = diagram.mapToScene(diagram.viewport().rect()).boundingRect()
    assert seen.contains(diagram.cun_to_scene(*guess))


def test_resizes_before_a_paint_restyle_the_markers_once(qtbot, diagram, monkeypatch) -> None:
    """A window being laid out resizes the diagram several times before it paints: the fit follows
    each size, the markers and tags only the last one, when the view paints."""
    from app.ui.diagram.scene import ViewScene, marker_size_for

    calls = []
    real = ViewScene.restyle
    monkeypatch.setattr(ViewScene, "restyle", lambda self, style: (calls.append(1), real(self, style)))
    for height in (400, 520, 640):  # one layout pass (a resize event is sent at once to a shown widget)
        diagram.resize(300, height)
    assert calls == []  # nothing restyled yet: no frame has been drawn
    diagram.viewport().repaint()
    assert len(calls) == 1
    scene = diagram.scene()
    assert scene.marker_size == marker_size_for(diagram.transform().m11() * scene.frame.units_per_cun)
