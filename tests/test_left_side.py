"""The left side view (no Qt): the right side's mirror image, placed from the right side's anchors."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from app.domain import anatomy
from app.domain.anatomy import LEFT, SIDE, VIEW_FRAMES, covering_views, point_positions, views_of
from app.domain.decks import QuestionType, build_decks
from app.domain.figure_notes import notes_for
from app.domain.models import Anchor, Laterality
from app.domain.vocabulary import ANCHORED_VIEWS, View

ROOT = Path(__file__).resolve().parent.parent
SVG = "{http://www.w3.org/2000/svg}"


def test_the_left_side_is_named_apart_from_the_right() -> None:
    assert View.LEFT.mirror_of is View.SIDE and View.SIDE.mirror_of is None
    assert (View.SIDE.short_caption, View.LEFT.short_caption) == ("Right side", "Left side")
    assert View.LEFT.caption == "Left side view" and View.LEFT.phrase == "the left side view"
    assert LEFT not in ANCHORED_VIEWS and SIDE in ANCHORED_VIEWS


def test_every_marker_is_the_right_sides_mirrored_exactly(catalog) -> None:
    right, left = VIEW_FRAMES[SIDE], VIEW_FRAMES[LEFT]
    assert (left.width, left.height) == (right.width, right.height)
    placed = 0
    for point in catalog.points.values():
        on_right = point_positions(point, SIDE)
        on_left = point_positions(point, LEFT)
        assert on_left == [(-x, y) for x, y in on_right], point.code
        for (rx, ry), (lx, ly) in zip(on_right, on_left, strict=True):
            rsx, rsy = right.to_scene(rx, ry)
            lsx, lsy = left.to_scene(lx, ly)
            assert lsx == pytest.approx(right.width - rsx) and lsy == pytest.approx(rsy), point.code
        placed += len(on_left)
    assert placed >= 30  # the gallbladder channel down the flank, the stomach's down the shin ...
    gb30 = catalog.points["GB30"]
    (x, _y), (lx, _ly) = point_positions(gb30, SIDE)[0], point_positions(gb30, LEFT)[0]
    assert x < 0 < lx  # GB30 is behind the trochanter: left of it on the right side, right on the left


def test_a_midline_point_on_the_side_shows_once_on_each_side(catalog) -> None:
    anchor = Anchor(View.SIDE, "side_umbilicus", lateral_cun=0.3)  # on the front of the belly
    point = dataclasses.replace(catalog.points["CV8"], laterality=Laterality.MIDLINE, anchors=(anchor,))
    (rx, ry), (lx, ly) = *point_positions(point, SIDE), *point_positions(point, LEFT)
    assert (lx, ly) == (-rx, ry)
    assert views_of(point) == [View.SIDE, View.LEFT]


def test_a_point_is_on_the_left_side_exactly_when_it_is_on_the_right(catalog) -> None:
    for point in catalog.points.values():
        views = views_of(point)
        assert (LEFT in views) == (SIDE in views), point.code
        assert views == [v for v in anatomy.VIEWS if v in views]  # view order
    assert views_of(catalog.points["GB34"]) == [View.FRONT, View.SIDE, View.LEFT]


def test_the_treatment_sheet_never_needs_the_left_side(catalog) -> None:
    side_points = [p for p in catalog.points.values() if SIDE in views_of(p)]
    assert SIDE in covering_views(side_points) and LEFT not in covering_views(side_points)
    assert LEFT not in covering_views(catalog.points.values())


def test_no_locate_question_is_asked_on_the_left_side(catalog) -> None:
    """A left-side question would be the right side's question mirrored: same landmark, same offsets."""
    views = {c.view for c in build_decks(catalog) if c.qtype == QuestionType.LOCATE}
    assert SIDE in views and LEFT not in views


def test_the_left_sides_names_are_the_right_sides_mirrored_and_upright() -> None:
    right = [n for n in notes_for(SIDE) if not n.caption]
    left = [n for n in notes_for(LEFT) if not n.caption]
    swapped = {"start": "end", "end": "start", "middle": "middle"}
    assert [n.text for n in left] == [n.text for n in right] and len(left) >= 5
    for r, m in zip(right, left, strict=True):
        assert (m.x, m.y, m.anchor, m.view) == (-r.x, r.y, swapped[r.anchor], LEFT)
    (caption,) = [n.text for n in notes_for(LEFT) if n.caption]
    assert caption == "Left side: the patient faces left"


def _texts(svg: ET.Element) -> list[tuple[str, float, str]]:
    return [(t.text or "", float(t.get("x", "0")), t.get("text-anchor", "")) for t in svg.iter(f"{SVG}text")]


def test_the_left_figure_is_the_right_figure_mirrored_with_its_text_upright() -> None:
    figures = ROOT / "resources" / "figures"
    right = ET.parse(figures / "side.svg").getroot()
    left = ET.parse(figures / "left.svg").getroot()
    width = float(left.get("width", "0"))
    parents = {child: parent for parent in left.iter() for child in parent}
    for text in left.iter(f"{SVG}text"):
        node = text
        while node in parents:  # no text sits under a transform: none is drawn backwards
            assert node.get("transform") is None, text.text
            node = parents[node]
    (mirror,) = [g for g in left.iter(f"{SVG}g") if g.get("transform")]
    assert mirror.get("transform") == f"matrix(-1 0 0 1 {width:.0f} 0)"
    # the mirrored group holds the right side's drawing itself (drawn by its code), text aside
    assert [g.get("id") for g in mirror] == ["silhouette", "details"]
    shapes = (f"{SVG}path", f"{SVG}circle", f"{SVG}ellipse")
    assert [e.attrib for e in mirror.iter() if e.tag in shapes] == [
        e.attrib for e in right.iter() if e.tag in shapes
    ]
    assert left.findtext(f"{SVG}title") == "Left side view of the body"
    # "Front" and "Back" change sides, anchored by their other end, and read the right way round
    swapped = {"start": "end", "end": "start", "middle": "middle"}
    expected = [(s, pytest.approx(width - x, abs=0.11), swapped[a]) for s, x, a in _texts(right)]
    assert _texts(left) == expected
    header = {s: x for s, x, _a in _texts(left)}
    assert header["Front"] < width / 2 < header["Back"]
