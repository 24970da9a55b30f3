"""Figure geometry (no Qt): WHO level rules, segment lengths, and every back point's
marker against its location text."""

from __future__ import annotations

import importlib.util
import itertools
import re
from pathlib import Path

import pytest

from app.domain import anatomy, silhouette
from app.domain.anatomy import (
    BACK,
    FRONT,
    LANDMARKS,
    MIRRORED_VIEWS,
    SPINE_LEVELS,
    VIEW_FRAMES,
    VIEWS,
    anchor_positions,
    landmark_label,
    patient_side,
)
from app.domain.models import Anchor, Laterality
from app.domain.pain_zones import ZONE_SHAPES

ROOT = Path(__file__).resolve().parent.parent
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}


def y(landmark_id: str) -> float:
    return LANDMARKS[landmark_id].y


# --------------------------------------------------------------- WHO level rules
def test_t3_is_level_with_the_medial_ends_of_the_scapular_spines() -> None:
    assert y("T3") == y("scapula_spine_medial")


def test_t7_is_level_with_the_inferior_angles_of_the_scapulae() -> None:
    assert y("T7") == y("scapula_inferior_angle")


def test_t12_is_midway_between_t7_and_the_iliac_crest() -> None:
    assert y("T12") == pytest.approx((y("scapula_inferior_angle") + y("iliac_crest_top")) / 2)


def test_l4_is_level_with_the_highest_points_of_the_iliac_crests() -> None:
    assert y("L4") == y("iliac_crest_top")


def test_spinous_processes_run_down_in_order_with_even_steps_between_landmarks() -> None:
    order = ["C7"] + [f"T{i}" for i in range(1, 13)] + [f"L{i}" for i in range(1, 6)]
    levels = [SPINE_LEVELS[k] for k in order]
    assert levels == sorted(levels) and len(set(levels)) == len(levels)
    lumbar = [SPINE_LEVELS[f"L{i}"] for i in range(1, 6)]
    steps = {round(b - a, 6) for a, b in itertools.pairwise(lumbar)}
    assert len(steps) == 1  # L1..L5 evenly spaced (L5 extrapolated one step below L4)
    assert SPINE_LEVELS["L5"] < y("S1_foramen") < y("S2_foramen") < y("S4_foramen")


def test_the_medial_border_of_the_scapula_is_three_cun_from_the_midline() -> None:
    assert LANDMARKS["scapula_spine_medial"].x == 3.0  # WHO row 9: 6 cun between the medial borders


# ------------------------------------------------------ WHO proportional segments
@pytest.mark.parametrize(
    ("top", "bottom", "cun"),
    [
        ("suprasternal_notch", "xiphisternal_junction", 9),  # WHO row 5
        ("xiphisternal_junction", "umbilicus", 8),  # row 6
        ("umbilicus", "pubic_symphysis_upper", 5),  # row 7
        ("pubic_symphysis_upper", "patella_base", 18),  # row 12
        ("patella_apex", "medial_malleolus", 15),  # row 13
        ("tibia_medial_condyle_lower", "medial_malleolus", 13),  # row 14
        ("greater_trochanter", "popliteal_crease_mid", 19),  # row 16
        ("gluteal_fold_mid", "popliteal_crease_mid", 14),  # row 17
        ("popliteal_crease_mid", "lateral_malleolus_back", 16),  # row 18
        ("anterior_hairline", "glabella", 3),  # row 2
    ],
)
def test_who_segment_lengths(top: str, bottom: str, cun: float) -> None:
    assert y(bottom) - y(top) == pytest.approx(cun)


def test_front_and_back_share_the_knee_and_ankle_levels() -> None:
    assert y("patella_apex") == y("popliteal_crease_mid")
    assert y("medial_malleolus") == y("medial_malleolus_back")
    assert y("lateral_malleolus") == y("lateral_malleolus_back")


# ------------------------------------------------------------ frames and sides
def test_every_landmark_lies_inside_its_view_frame() -> None:
    for mark in LANDMARKS.values():
        assert mark.view in VIEWS
        frame = VIEW_FRAMES[mark.view]
        for x in (mark.x, -mark.x) if mark.view in MIRRORED_VIEWS else (mark.x,):
            assert frame.x_min < x < frame.x_max, mark.id
        assert frame.y_min < mark.y < frame.y_max, mark.id


def test_scene_mapping_round_trips() -> None:
    for frame in VIEW_FRAMES.values():
        sx, sy = frame.to_scene(1.25, 3.5)
        assert frame.from_scene(sx, sy) == pytest.approx((1.25, 3.5))


def test_patient_sides_on_the_front_and_back_views() -> None:
    # front: the patient faces the viewer, so the viewer's left (x < 0) is the patient's right
    assert patient_side(FRONT, -2.0) == "right" and patient_side(FRONT, 2.0) == "left"
    # back: the viewer stands behind, so the viewer's left is the patient's left
    assert patient_side(BACK, -2.0) == "left" and patient_side(BACK, 2.0) == "right"
    assert patient_side(BACK, 0.0) == "midline"


def test_bilateral_points_are_mirrored_only_on_whole_figure_views() -> None:
    assert anchor_positions(Anchor(BACK, "L2", 1.5, 0.0), bilateral=True) == [
        (1.5, y("L2")),
        (-1.5, y("L2")),
    ]
    assert anchor_positions(Anchor(BACK, "L2", 0.0, 0.0), bilateral=False) == [(0.0, y("L2"))]
    hand = LANDMARKS["second_metacarpal_mid_radial"]
    assert anchor_positions(Anchor("hand", hand.id, 0.0, 0.0), bilateral=True) == [(hand.x, hand.y)]


def test_zones_follow_the_patients_sides_on_the_back_view() -> None:
    assert all(x < 0 for poly in ZONE_SHAPES["paraspinal_left"] for x, _ in poly)
    assert all(x > 0 for poly in ZONE_SHAPES["paraspinal_right"] for x, _ in poly)
    assert all(x < 0 for poly in ZONE_SHAPES["hip_side_left"] for x, _ in poly)
    assert {patient_side(BACK, x) for poly in ZONE_SHAPES["midline"] for x, _ in poly} == {"left", "right"}


def test_every_catalog_zone_has_a_shape(catalog) -> None:
    assert set(catalog.zones) <= set(ZONE_SHAPES)


def test_spinal_landmarks_have_short_labels() -> None:
    assert landmark_label("L2") == "L2"
    assert landmark_label("S2_foramen") == "S2 foramen"
    assert landmark_label("popliteal_crease_mid") == "popliteal crease"
    assert landmark_label("umbilicus") == "centre of the umbilicus"  # description up to the bracket
    for landmark_id in LANDMARKS:
        assert 0 < len(landmark_label(landmark_id)) <= 40, landmark_id


# ------------------------------------------ every back point against its location text
def _back_points(catalog):
    return [p for p in catalog.points.values() if any(a.view == BACK for a in p.anchors)]


def _spinal(landmark_id: str) -> bool:
    return landmark_id in SPINE_LEVELS or landmark_id.endswith("_foramen")


def _levels_named(text: str) -> set[str]:
    named = set(re.findall(r"\b([CTL]\d{1,2})\b", text))
    # "From T1 to L5": every level in the span (Huatuojiaji is a row of points)
    for first, last in re.findall(r"[Ff]rom ([CTL]\d{1,2}) to ([CTL]\d{1,2})", text):
        levels = list(SPINE_LEVELS)
        named |= set(levels[levels.index(first) : levels.index(last) + 1])
    for word in re.findall(r"\b(\w+) posterior sacral foramen", text):
        if word.lower() in ORDINALS:
            named.add(f"S{ORDINALS[word.lower()]}_foramen")
    return named


def _lateral_cun_named(text: str) -> float | None:
    offset = r"(?:lateral|from the posterior midline|out from the median sacral crest)"
    match = re.search(r"(\d+(?:\.\d+)?) (?:B-)?cun " + offset, text)
    if match:
        return float(match.group(1))
    if "on the posterior median line" in text or "on the posterior midline" in text.lower():
        return 0.0
    return None


def test_the_shipped_catalog_has_back_points_anchored_on_the_spine(catalog) -> None:
    spinal = [p.code for p in _back_points(catalog) if any(_spinal(a.landmark) for a in p.anchors)]
    assert {"BL23", "GV4", "BL52"} <= set(spinal)


def test_every_spinal_back_anchor_agrees_with_its_location_text(catalog) -> None:
    problems = []
    for point in _back_points(catalog):
        text = point.location
        for anchor in point.anchors:
            if anchor.view != BACK or not _spinal(anchor.landmark):
                continue
            if anchor.landmark not in _levels_named(text):
                problems.append(
                    f"{point.code}: anchored at {anchor.landmark}, text names {_levels_named(text)}"
                )
            named = _lateral_cun_named(text)
            if named is None and point.laterality == Laterality.MIDLINE:
                named = 0.0  # a midline extra point ("below the spinous process of L5") says no more
            if named is None or named != anchor.lateral_cun:
                problems.append(f"{point.code}: lateral_cun {anchor.lateral_cun}, text says {named}")
            if anchor.down_cun != 0:
                problems.append(
                    f"{point.code}: a spinal-level point is moved {anchor.down_cun} cun off its level"
                )
        # a level named "level with the inferior border of the X spinous process" must be the anchor's
        for level in re.findall(r"inferior border of the ([CTL]\d{1,2}) spinous process", text):
            if not any(a.landmark == level for a in point.anchors):
                problems.append(f"{point.code}: text is level with {level}, no anchor there")
    assert not problems, "\n".join(problems)


def test_every_spinal_back_marker_sits_at_the_landmark_level_and_offset(catalog) -> None:
    for point in _back_points(catalog):
        bilateral = point.laterality == Laterality.BILATERAL
        for anchor in point.anchors:
            if anchor.view != BACK or not _spinal(anchor.landmark):
                continue
            positions = anchor_positions(anchor, bilateral)
            for x, level_y in positions:
                assert abs(x) == pytest.approx(anchor.lateral_cun), point.code
                assert level_y == pytest.approx(LANDMARKS[anchor.landmark].y), point.code
            assert len(positions) == (2 if bilateral and anchor.lateral_cun else 1), point.code
            if point.laterality == Laterality.MIDLINE:
                assert positions == [(0.0, LANDMARKS[anchor.landmark].y)], point.code


def test_every_anchor_of_every_point_lands_inside_its_view(catalog) -> None:
    for point in catalog.points.values():
        bilateral = point.laterality == Laterality.BILATERAL
        for anchor in point.anchors:
            frame = VIEW_FRAMES[anchor.view]
            for x, py in anchor_positions(anchor, bilateral):
                assert frame.x_min < x < frame.x_max and frame.y_min < py < frame.y_max, point.code


# ------------------------------------------------------------- generated figures
def _draw_module():
    spec = importlib.util.spec_from_file_location("draw_figures", ROOT / "tools" / "draw_figures.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def test_committed_figures_are_generated_from_the_current_geometry() -> None:
    draw = _draw_module()
    for view, function in draw.DRAWINGS.items():
        committed = (ROOT / "resources" / "figures" / f"{view}.svg").read_text(encoding="utf-8")
        assert committed == function(), f"{view}.svg is stale: run python -m tools.draw_figures"


def test_figures_mark_left_and_right_the_right_way_round() -> None:
    from app.domain.figure_notes import notes_for

    # on the viewer's left (negative x): the patient's right seen from the front, left from behind
    for view, viewers_left, viewers_right in ((FRONT, "R", "L"), (BACK, "L", "R")):
        sides = {note.text: note for note in notes_for(view) if note.text in ("L", "R")}
        assert sides[viewers_left].x < 0 < sides[viewers_right].x, view
        assert VIEW_FRAMES[view].to_scene(sides[viewers_left].x, 0)[0] < VIEW_FRAMES[view].to_scene(0, 0)[0]


def _edge_distance(poly: list[tuple[float, float]], x: float, y: float) -> float:
    best = float("inf")
    for (x0, y0), (x1, y1) in zip(poly, poly[1:] + poly[:1], strict=True):
        dx, dy = x1 - x0, y1 - y0
        t = max(0.0, min(1.0, ((x - x0) * dx + (y - y0) * dy) / (dx * dx + dy * dy or 1.0)))
        best = min(best, ((x0 + t * dx - x) ** 2 + (y0 + t * dy - y) ** 2) ** 0.5)
    return best


def test_every_whole_figure_marker_lies_on_the_body(catalog) -> None:
    """A marker on the front or back view sits on the silhouette (a border point within half a cun)."""
    problems = []
    for point in catalog.points.values():
        bilateral = point.laterality == Laterality.BILATERAL
        for anchor in point.anchors:
            if anchor.view not in MIRRORED_VIEWS:
                continue
            parts = [poly for poly, _smooth in silhouette.silhouette_parts(anchor.view)]
            for x, py in anchor_positions(anchor, bilateral):
                if not any(anatomy.polygon_contains(poly, x, py) for poly in parts):
                    gap = min(_edge_distance(poly, x, py) for poly in parts)
                    if gap > 0.5:
                        problems.append(
                            f"{point.code} at ({x:.2f}, {py:.2f}) on {anchor.view}: {gap:.2f} cun off"
                        )
    assert not problems, "\n".join(problems)
