"""The intercostal spaces as sloping lines (app/domain/chest.py), no Qt: their stations against the
texts they come from, and every chest point in the space its text names, measured along the line."""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise

import pytest

from app.domain import chest
from app.domain.anatomy import FRONT, LANDMARKS, SIDE, level_below, point_positions
from app.domain.anchor_text import TOLERANCE_CUN, point_drifts
from app.domain.landmarks_side import AXILLA_Y
from app.domain.loader import load_catalog
from app.paths import catalog_path

_CATALOG = load_catalog(catalog_path())
_SPACE = re.compile(r"\b(?:\d(?:st|nd|rd|th)|first|second|third|fourth|fifth) intercostal space")
IN_A_SPACE = sorted(
    code
    for code, p in _CATALOG.points.items()
    if _SPACE.search(p.location) and any(a.view in (FRONT, SIDE) for a in p.anchors)
)


def _y(landmark: str) -> float:
    return LANDMARKS[landmark].y


def _marker(code: str, view: str = FRONT) -> tuple[float, float]:
    return max(point_positions(_CATALOG.points[code], view))  # the one at +x on the front view


def test_the_points_in_a_space_are_the_chest_points_of_every_channel() -> None:
    assert set(IN_A_SPACE) >= {
        *(f"KI{n}" for n in range(22, 27)),
        *(f"ST{n}" for n in (14, 15, 16, 18)),
        *(f"SP{n}" for n in range(17, 22)),
        *(f"CV{n}" for n in range(17, 21)),
        "PC1",
        "LR14",
        "GB22",
        "GB23",
        "GB24",
        "LU1",
    }


@pytest.mark.parametrize("code", IN_A_SPACE)
def test_the_point_is_in_its_space_at_its_distance_on_every_view(code: str) -> None:
    """The drift report measures "in the Nth intercostal space" along the space's line at the
    marker's distance out (anatomy.level_below): read here for each point, on each view it shows on."""
    point = _CATALOG.points[code]
    drifts = [d for d in point_drifts(_CATALOG, point) if "intercostal" in d.words]
    views = {a.view for a in point.anchors if a.view in (FRONT, SIDE)}
    assert {d.view for d in drifts} == views, code
    assert all(d.drift_cun <= TOLERANCE_CUN for d in drifts), drifts


def test_the_upper_spaces_are_level_lines_from_their_sources() -> None:
    notch, clavicle = _y("suprasternal_notch"), _y("clavicle_lower_border")
    for x in (0.0, 2.0, 4.0, 5.0, 6.0):
        # WHO: LU1 1 B-cun below LU2 on the clavicle line (CV21, 1 below the notch), on one
        # transverse line with ST14, KI26 and CV20
        assert chest.level(FRONT, 1, x) == pytest.approx(clavicle + 1) == pytest.approx(notch + 2)
        assert chest.level(FRONT, 4, x) == pytest.approx(_y("nipple"))  # CV17 between the nipples
    assert _marker("LU1")[1] - _marker("LU2")[1] == pytest.approx(1.0)
    for a, b in ((1, 2), (2, 3), (3, 4)):  # evenly between the 1st and the 4th at the sternum
        assert chest.level(FRONT, b, 0) - chest.level(FRONT, a, 0) == pytest.approx(chest.STERNAL_SPACING)
    # the same spacing on down brings the 7th to the xiphisternal junction (WHO row 5)
    assert chest.level(FRONT, 7, 0) == pytest.approx(_y("xiphisternal_junction"))


def test_the_lower_spaces_slope_down_to_the_nipple_line_and_up_to_the_axilla() -> None:
    # WHO: LR14 in the 6th space on the nipple line, 2 B-cun lateral to ST19 (6 above the umbilicus)
    assert chest.level(FRONT, 6, 4) == pytest.approx(_y("umbilicus") - 6) == pytest.approx(_marker("ST19")[1])
    assert _marker("LR14")[1] == pytest.approx(_marker("ST19")[1])
    for n in (5, 6, 7):
        sternal, mammillary = chest.level(FRONT, n, 0), chest.level(FRONT, n, chest.MAMMILLARY_X)
        assert sternal < mammillary > chest.level(FRONT, n, chest.MIDAXILLARY_FRONT_X), n
    # Guangming: SP21 6 cun below the axilla, 3 below GB22, on the mid-axillary line in the 6th space
    assert _marker("GB22", SIDE)[1] - AXILLA_Y == pytest.approx(3.0)
    assert _marker("SP21", SIDE)[1] - AXILLA_Y == pytest.approx(6.0)
    # the side view's stations are the front view's
    for n in (4, 5, 6, 7):
        assert chest.level(SIDE, n, 0) == pytest.approx(chest.level(FRONT, n, chest.MIDAXILLARY_FRONT_X))
        assert chest.level(SIDE, n, chest.MAMMILLARY_SIDE_X) == pytest.approx(
            chest.level(FRONT, n, chest.MAMMILLARY_X)
        )


@pytest.mark.parametrize("view", [FRONT, SIDE])
def test_the_spaces_never_cross(view: str) -> None:
    spaces = sorted(chest.STATIONS[view])
    xs = [i / 10 for i in range(0, 63)] if view == FRONT else [i / 10 for i in range(0, 41)]
    for x in xs:
        levels = [chest.level(view, n, x) for n in spaces]
        assert all(b - a > 0.9 for a, b in pairwise(levels)), (x, levels)


def test_the_chest_points_are_between_the_clavicle_and_the_costal_margin_as_their_texts_say() -> None:
    for code in ("KI27", "ST13", "LU2"):  # "just below the clavicle", on the line of its lower border
        x, y = _marker(code)
        assert 0.3 < y - chest.clavicle_level(x) < 0.8, code
    for code in ("KI22", "ST18", "LR14", "GB24"):  # in a space, so over the ribs
        x, y = _marker(code)
        assert y < chest.margin_level(FRONT, x) - 0.3, code
    x, y = _marker("GB24", SIDE)
    assert y < chest.margin_level(SIDE, x) - 0.3
    for code in ("ST19", "ST20", "SP16"):  # on the upper abdomen, below the margin
        x, y = _marker(code)
        assert y > chest.margin_level(FRONT, x), code


def test_a_marker_at_the_spaces_sternal_level_is_caught() -> None:
    """The old level spaces: LR14 at the 6th space's sternal level, 4 cun out, is 3 cun above its line."""
    lr14 = _CATALOG.points["LR14"]
    moved = replace(lr14, anchors=(replace(lr14.anchors[0], landmark="ics6", lateral_cun=4.0),))
    drift = next(d for d in point_drifts(_CATALOG, moved) if d.words == "6th intercostal space")
    expected = chest.level(FRONT, 6, 4) - chest.level(FRONT, 6, 0)
    assert drift.drift_cun == pytest.approx(expected, abs=1e-3)  # landmarks are kept to 3 decimals
    assert drift.drift_cun > 3
    assert level_below(FRONT, "ics6", 4.0, chest.level(FRONT, 6, 4.0)) == pytest.approx(0.0)
    assert level_below(FRONT, "ics6", -4.0, chest.level(FRONT, 6, 4.0)) == pytest.approx(0.0)  # either side


def test_the_spaces_landmarks_lie_on_their_lines() -> None:
    for mark in LANDMARKS.values():
        n = chest.space_of(mark.id)
        if n is not None:
            assert mark.y == pytest.approx(chest.level(mark.view, n, mark.x), abs=1e-3), mark.id
    assert chest.space_of("ics5_2cun") == 5 and chest.space_of("side_ics7_4cun") == 7
    assert chest.space_of("iliac_crest_top") is None
