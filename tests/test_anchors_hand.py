"""The hand points against their location texts (no Qt): each marker uses the landmark its text
names, sits on the side of it the text says, on the panel (back of the hand or palm) that shows
it, and inside the drawn hand; the nail points are 0.1 F-cun from the drawn nail's corner."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.domain import hand_figure as H
from app.domain.anatomy import HAND, LANDMARKS, VIEW_FRAMES, anchor_positions, landmark_label
from app.domain.anchor_text import TOLERANCE_CUN, point_drifts
from app.domain.loader import load_catalog
from app.domain.locate import describe_position, score_locate
from app.domain.models import Laterality
from app.paths import catalog_path

ROOT = Path(__file__).resolve().parent.parent
_CATALOG = load_catalog(catalog_path())
DORSUM, PALM = "dorsum", "palm"


@dataclass(frozen=True)
class Case:
    landmarks: tuple[str, ...]  # the landmark(s) the text names, one per spot
    panel: str
    # (side, reference landmark): "radial", "ulnar", "proximal", "distal", "level" (within 0.05 cun)
    sides: tuple[tuple[str, str], ...] = ()
    on_border: bool = False  # on the border of red and white flesh: at the drawn outline's edge


CASES: dict[str, Case] = {
    # nail points and fingertips (measured against the drawn nail below)
    "LU11": Case(("thumb_nail_radial_corner",), DORSUM),
    "LI1": Case(("index_nail_radial_corner",), DORSUM),
    "HT9": Case(("little_nail_radial_corner",), DORSUM),
    "SI1": Case(("little_nail_ulnar_corner",), DORSUM),
    "TE1": Case(("ring_nail_ulnar_corner",), DORSUM),
    "EX-UE11": Case(tuple(f"{d.name}_nail_free_edge" for d in H.DIGITS), DORSUM),
    # "in the middle of the tip of the middle finger": on the palm, where the fingertip's pad is
    "PC9": Case(("middle_fingertip",), PALM, (("distal", "middle_pip_crease"),)),
    # the webs and the knuckles, back of the hand
    "EX-UE9": Case(("first_web", "web_2_3", "web_3_4", "web_4_5"), DORSUM, on_border=True),
    "TE2": Case(
        ("web_4_5",), DORSUM, (("proximal", "web_4_5"), ("radial", "fifth_mcp"), ("ulnar", "fourth_mcp"))
    ),
    "LI2": Case(("second_mcp_radial",), DORSUM, (("distal", "second_mcp"), ("radial", "second_mcp")), True),
    "LI3": Case(("second_mcp_radial",), DORSUM, (("proximal", "second_mcp"), ("radial", "second_mcp"))),
    "SI2": Case(("fifth_mcp_ulnar",), DORSUM, (("distal", "fifth_mcp"), ("ulnar", "fifth_mcp")), True),
    # the back of the wrist: on the dorsal wrist crease, level with each other (TE4's text)
    "LI5": Case(
        ("dorsal_wrist_crease_radial_end",),
        DORSUM,
        (("distal", "radial_styloid"), ("radial", "dorsal_wrist_crease"), ("level", "dorsal_wrist_crease")),
    ),
    "TE4": Case(
        ("extensor_digitorum_ulnar_edge",),
        DORSUM,
        (("ulnar", "dorsal_wrist_crease"), ("level", "dorsal_wrist_crease")),
    ),
    "SI5": Case(
        ("dorsal_wrist_crease_ulnar_end",),
        DORSUM,
        (("distal", "ulnar_head"), ("ulnar", "dorsal_wrist_crease"), ("level", "dorsal_wrist_crease")),
    ),
    # the front of the wrist: on the palmar wrist crease, by its tendons
    "LU9": Case(("palmar_wrist_crease_radial_end",), PALM, (("radial", "palmar_wrist_crease_pl_fcr"),)),
    "PC7": Case(
        ("palmar_wrist_crease_pl_fcr",),
        PALM,
        (("radial", "palmar_wrist_crease_fcu_radial"), ("ulnar", "palmar_wrist_crease_radial_end")),
    ),
    "HT7": Case(
        ("palmar_wrist_crease_fcu_radial",),
        PALM,
        (("proximal", "pisiform"), ("radial", "pisiform"), ("ulnar", "palmar_wrist_crease_pl_fcr")),
    ),
    # the palm
    "LU10": Case(("first_metacarpal_mid_radial",), PALM, on_border=True),
    "PC8": Case(
        ("palm_metacarpal_2_3",), PALM, (("radial", "palm_metacarpal_4_5"), ("level", "palm_metacarpal_4_5"))
    ),
    "HT8": Case(("palm_metacarpal_4_5",), PALM, (("ulnar", "palm_metacarpal_2_3"),)),
    "EX-UE10": Case(tuple(f"{d.name}_pip_crease" for d in H.FINGERS), PALM),
}
# Points of the hand region anchored before the palm panel: they stay on the back of the hand.
EARLIER = {
    "LI4": "second_metacarpal_mid_radial",
    "SI3": "fifth_mcp_ulnar",
    "SI4": "ulnar_head",
    "TE3": "metacarpal_4_5_distal",
}
# The nail points: digit, which corner (radial or not).
NAIL_POINTS = {
    "LU11": ("thumb", True),
    "LI1": ("index", True),
    "HT9": ("little", True),
    "SI1": ("little", False),
    "TE1": ("ring", False),
}


def _markers(code: str) -> list[tuple[float, float]]:
    point = _CATALOG.points[code]
    bilateral = point.laterality == Laterality.BILATERAL
    return [xy for a in point.anchors if a.view == HAND for xy in anchor_positions(a, bilateral)]


def _xy(landmark_id: str) -> tuple[float, float]:
    mark = LANDMARKS[landmark_id]
    return (mark.x, mark.y)


def _radial_offset(x: float, ref_x: float) -> float:
    """How far x is towards the thumb from ref_x on its panel (the palm is the mirror image)."""
    return (x - ref_x) if H.panel_of(x) == DORSUM else (ref_x - x)


def _near_edge(x: float, y: float, reach: float = 0.2) -> bool:
    return any(
        not H.on_hand(x + reach * math.cos(k * math.pi / 12), y + reach * math.sin(k * math.pi / 12))
        for k in range(24)
    )


def test_every_point_of_the_hand_region_is_on_the_hand_view() -> None:
    region = {code for code, p in _CATALOG.points.items() if p.region == "hand"}
    assert region == set(CASES) | set(EARLIER)
    assert all(_markers(code) for code in region)


def _problems(case: Case, markers: list[tuple[float, float]]) -> list[str]:
    """What is wrong with markers for a case: panel, outline, sides, border."""
    found = []
    for x, y in markers:
        if H.panel_of(x) != case.panel:
            found.append(f"({x:.2f}, {y:.2f}) is not on the {case.panel} panel")
        if not H.on_hand(x, y):
            found.append(f"({x:.2f}, {y:.2f}) is off the drawn hand")
        for side, ref in case.sides:
            rx, ry = _xy(ref)
            if side == "level":
                ok = abs(y - ry) <= TOLERANCE_CUN
            else:
                off = {
                    "radial": _radial_offset(x, rx),
                    "ulnar": -_radial_offset(x, rx),
                    "distal": y - ry,
                    "proximal": ry - y,
                }
                ok = off[side] > 0.05
            if not ok:
                found.append(f"({x:.2f}, {y:.2f}) is not {side} of {ref}")
        if case.on_border and not _near_edge(x, y):
            found.append(f"({x:.2f}, {y:.2f}) is not at the border of red and white flesh")
    return found


@pytest.mark.parametrize("code", sorted(CASES))
def test_the_marker_uses_the_landmark_its_text_names_on_its_side_and_panel(code: str) -> None:
    case = CASES[code]
    anchors = [a for a in _CATALOG.points[code].anchors if a.view == HAND]
    assert [a.landmark for a in anchors] == list(case.landmarks)
    assert all(H.panel_of(LANDMARKS[a.landmark].x) == case.panel for a in anchors)
    markers = _markers(code)
    assert len(markers) == len(case.landmarks)  # one spot per finger, web or fingertip on the one hand
    problems = _problems(case, markers)
    assert not problems, "\n".join(problems)


def test_the_checks_fail_for_a_marker_moved_off_its_text() -> None:
    (x, y) = _markers("LI3")[0]
    assert _problems(CASES["LI3"], [(x, y + 0.7)]) == ["(1.58, 4.65) is not proximal of second_mcp"]
    assert "off the drawn hand" in _problems(CASES["LI3"], [(x + 3.0, y)])[0]
    assert "not on the palm panel" in _problems(CASES["PC8"], [(1.0, 3.0)])[0]
    assert "border" in _problems(CASES["LU10"], [H.palm(1.0, 1.5)])[0]


@pytest.mark.parametrize("code", sorted(EARLIER))
def test_the_earlier_hand_points_stay_on_the_back_of_the_hand(code: str) -> None:
    (anchor,) = [a for a in _CATALOG.points[code].anchors if a.view == HAND]
    assert anchor.landmark == EARLIER[code]
    for x, y in _markers(code):
        assert H.panel_of(x) == DORSUM and H.on_hand(x, y), code


@pytest.mark.parametrize("code", sorted(NAIL_POINTS))
def test_a_nail_point_is_0_1_f_cun_proximal_and_to_the_side_of_the_nail_corner(code: str) -> None:
    """WHO: where the line of the nail's side border crosses the line of its base, 0.1 F-cun from
    the corner (one F-cun is drawn as one cun, hand_figure.F_CUN)."""
    digit, radial = NAIL_POINTS[code]
    d = H.DIGIT[digit]
    corner = d.nail_corner(radial)
    assert _xy(CASES[code].landmarks[0]) == pytest.approx(corner, abs=1e-3)
    ((x, y),) = _markers(code)
    dx, dy = x - corner[0], y - corner[1]
    (ax, ay), (rx, ry) = d.axis, d.radial
    proximal, towards_thumb = -(dx * ax + dy * ay), dx * rx + dy * ry
    assert proximal == pytest.approx(0.1 * H.F_CUN, abs=TOLERANCE_CUN)
    assert (towards_thumb if radial else -towards_thumb) == pytest.approx(0.1 * H.F_CUN, abs=TOLERANCE_CUN)


def test_shixuan_is_at_each_fingertip_0_1_cun_beyond_the_nail() -> None:
    markers = _markers("EX-UE11")
    for d, (x, y) in zip(H.DIGITS, markers, strict=True):
        edge = d.along(H.NAIL_FREE_EDGE_BACK)
        (ax, ay) = d.axis
        assert (x - edge[0]) * ax + (y - edge[1]) * ay == pytest.approx(0.1, abs=TOLERANCE_CUN)
        assert math.dist((x, y), d.tip) < 0.15  # on the tip itself


def test_sifeng_and_pc9_sit_on_the_palm_where_the_finger_is_drawn() -> None:
    for d, (x, y) in zip(H.FINGERS, _markers("EX-UE10"), strict=True):
        assert (x, y) == pytest.approx(H.palm(*d.pip))
    ((x, y),) = _markers("PC9")
    assert math.dist((x, y), H.palm(*H.DIGIT["middle"].tip)) < 0.15


@pytest.mark.parametrize("code", sorted(set(CASES) | set(EARLIER)))
def test_the_levels_a_hand_text_states_are_met(code: str) -> None:
    """HT8 "level with PC8", PC7 "level with HT7", TE4 "level with LI5 and SI5"."""
    drifts = [d for d in point_drifts(_CATALOG, _CATALOG.points[code]) if d.view == HAND]
    assert all(d.drift_cun <= TOLERANCE_CUN for d in drifts), [str(d) for d in drifts]


def test_the_stated_levels_are_measured() -> None:
    measured = {
        d.code for code in ("HT8", "PC7", "TE4") for d in point_drifts(_CATALOG, _CATALOG.points[code])
    }
    assert measured == {"HT8", "PC7", "TE4"}


# ------------------------------------------------------------------ the panels and the figure
def test_the_two_panels_fit_the_frame_and_do_not_overlap() -> None:
    frame = VIEW_FRAMES[HAND]
    dorsum = [xy for part in H.panel_parts(DORSUM) for xy in part]
    palm = [xy for part in H.panel_parts(PALM) for xy in part]
    assert max(x for x, _ in dorsum) < H.PANEL_SPLIT_X < min(x for x, _ in palm)
    for x, y in dorsum + palm:
        assert frame.x_min < x < frame.x_max and frame.y_min - 0.3 < y < frame.y_max


def test_the_palm_is_the_mirror_image_of_the_back_of_the_hand() -> None:
    for back, front in zip(H.panel_parts(DORSUM), H.panel_parts(PALM), strict=True):
        for (bx, by), (fx, fy) in zip(back, front, strict=True):
            assert fx == pytest.approx(H.PALM_ORIGIN[0] - bx, abs=1e-3) and fy == pytest.approx(by, abs=1e-3)
    # the thumb is on the viewer's right of the back of the hand and on the left of the palm
    assert H.dorsum(*H.DIGIT["thumb"].tip)[0] > 0 > H.dorsum(*H.DIGIT["little"].tip)[0]
    assert H.palm(*H.DIGIT["thumb"].tip)[0] < H.PALM_ORIGIN[0] < H.palm(*H.DIGIT["little"].tip)[0]


def test_a_click_on_the_palm_scores_against_the_palm_marker() -> None:
    pc8 = _CATALOG.points["PC8"]
    x, y = _markers("PC8")[0]
    assert score_locate(pc8, HAND, x, y).verdict == "correct"
    # the same spot on the back of the hand is the other panel: a miss
    assert score_locate(pc8, HAND, H.PALM_ORIGIN[0] - x, y).verdict == "miss"
    assert "between the 2nd and 3rd metacarpals" in describe_position(HAND, x, y)


def test_the_hand_landmarks_have_short_labels() -> None:
    for landmark_id, mark in LANDMARKS.items():
        if mark.view == HAND:
            assert 0 < len(landmark_label(landmark_id)) <= 40, landmark_id


def test_the_figure_is_titled_and_captioned_for_both_panels() -> None:
    svg = (ROOT / "resources" / "figures" / "hand.svg").read_text(encoding="utf-8")
    assert "<title>Close-up of the right hand: the back of the hand and the palm</title>" in svg
    assert ">Back of the hand</text>" in svg and ">Palm</text>" in svg
    assert "its back (left) and its palm (right)" in svg
