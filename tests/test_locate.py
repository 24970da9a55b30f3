"""Locate scoring: distance in cun to the nearest true position, with the documented tolerance."""

from __future__ import annotations

import math

import pytest
from study_catalog import small_catalog

from app.domain.anatomy import LANDMARKS, anchor_positions, point_positions
from app.domain.locate import (
    CLOSE_CUN,
    CORRECT_CUN,
    Verdict,
    describe_position,
    score_locate,
    verdict_for,
)
from app.domain.models import Laterality


@pytest.fixture(scope="module")
def points():
    return small_catalog().points


def test_bl23_sits_at_l2_level_one_and_a_half_cun_either_side(points) -> None:
    y = LANDMARKS["L2"].y
    assert sorted(point_positions(points["BL23"], "back")) == [(-1.5, y), (1.5, y)]


def test_exact_click_is_correct_with_zero_distance(points) -> None:
    y = LANDMARKS["L2"].y
    result = score_locate(points["BL23"], "back", 1.5, y)
    assert result.distance_cun == 0 and result.verdict == Verdict.CORRECT


def test_either_side_of_a_bilateral_point_counts(points) -> None:
    y = LANDMARKS["L2"].y
    left = score_locate(points["BL23"], "back", -1.6, y)
    assert left.target == (-1.5, y)
    assert left.distance_cun == pytest.approx(0.1)


@pytest.mark.parametrize(
    ("dx", "dy", "verdict"),
    [
        (0.0, 0.5, Verdict.CORRECT),  # boundary: 0.5 cun is still correct
        (0.3, 0.4, Verdict.CORRECT),  # 3-4-5: exactly 0.5 cun
        (0.6, 0.0, Verdict.CLOSE),
        (0.6, 0.8, Verdict.CLOSE),  # exactly 1.0 cun
        (1.5, 0.0, Verdict.MISS),  # the outer bladder line, 3 cun lateral
        (0.0, 1.2, Verdict.MISS),  # about one lumbar level off
    ],
)
def test_verdict_by_distance(points, dx: float, dy: float, verdict: Verdict) -> None:
    y = LANDMARKS["L2"].y
    result = score_locate(points["BL23"], "back", 1.5 + dx, y + dy)
    assert result.distance_cun == pytest.approx(math.hypot(dx, dy))
    assert result.verdict == verdict


def test_midline_point_has_one_position(points) -> None:
    gv4 = points["GV4"]
    assert gv4.laterality == Laterality.MIDLINE
    assert point_positions(gv4, "back") == [(0.0, LANDMARKS["L2"].y)]


def test_click_on_another_view_is_a_miss_without_target(points) -> None:
    result = score_locate(points["BL23"], "front", 1.5, LANDMARKS["L2"].y)
    assert result.verdict == Verdict.MISS and result.target is None and math.isinf(result.distance_cun)
    assert "not on this view" in result.describe()


def test_describe_shows_distance_and_tolerance(points) -> None:
    text = score_locate(points["BL23"], "back", 2.3, LANDMARKS["L2"].y).describe()
    assert text.startswith("Close: 0.8 cun")
    assert f"correct within {CORRECT_CUN:g} cun" in text and f"close within {CLOSE_CUN:g} cun" in text


def test_thresholds() -> None:
    assert verdict_for(CORRECT_CUN) == Verdict.CORRECT
    assert verdict_for(CORRECT_CUN + 0.01) == Verdict.CLOSE
    assert verdict_for(CLOSE_CUN) == Verdict.CLOSE
    assert verdict_for(CLOSE_CUN + 0.01) == Verdict.MISS


def test_every_shipped_point_scores_zero_at_its_own_position(catalog) -> None:
    for point in catalog.points.values():
        for anchor in point.anchors:
            for x, y in anchor_positions(anchor, point.laterality == Laterality.BILATERAL):
                result = score_locate(point, anchor.view, x, y)
                assert result.distance_cun == 0 and result.verdict == Verdict.CORRECT, point.code


def test_keyboard_cross_is_described_by_side_and_nearest_landmark() -> None:
    y = LANDMARKS["L2"].y
    assert describe_position("back", 1.5, y) == (
        "1.5 cun to the patient's right. "
        "Nearest landmark: Inferior border of the L2 spinous process, 1.5 cun away, level with it."
    )
    left = describe_position("back", -1.5, y + 0.3)
    assert left.startswith("1.5 cun to the patient's left.") and "0.3 cun below it" in left
    # front view: the viewer's right is the patient's left
    assert describe_position("front", 2.0, 30.0).startswith("2.0 cun to the patient's left.")
    assert describe_position("front", 0.0, 29.0).startswith(
        "On the midline. Nearest landmark: Centre of the umbilicus"
    )
    # close-ups show one side: no side, only the landmark
    assert describe_position("hand", 0.0, 0.0).startswith("Nearest landmark: ")
