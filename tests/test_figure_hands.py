"""The hands of the whole figures (front and back views) are the hand close-up's hand (no Qt).

Each hand hangs from its wrist with five digits in the close-up's proportions, thumb lateral (the
anatomical position), clear of the thigh and inside the frame; the points the figures place on the
hand or the wrist sit inside the drawn hand, where the close-up puts them.
"""

from __future__ import annotations

import math

import pytest

from app.domain import anatomy, body_hands, hand_figure, silhouette
from app.domain.anatomy import BACK, FRONT, HAND, LANDMARKS, VIEW_FRAMES, anchor_positions
from app.domain.anatomy_arm import WRIST_CREASE_Y
from app.domain.loader import load_catalog
from app.domain.models import Laterality
from app.domain.silhouette import ARM
from app.paths import catalog_path

_CATALOG = load_catalog(catalog_path())
SIDES = (1, -1)


def _polygon_contains(poly: list[tuple[float, float]], x: float, y: float) -> bool:
    return anatomy.polygon_contains(poly, x, y)


def _in_drawn_hand_or_wrist(x: float, y: float) -> bool:
    """Inside the arm's outline (which runs round the hand) or a digit, on either side."""
    arms = [[(s * ax, ay) for ax, ay in ARM] for s in SIDES]
    digits = [d for s in SIDES for d in body_hands.digit_outlines(s)]
    return any(_polygon_contains(poly, x, y) for poly in arms + digits)


def test_each_hand_has_five_digits_hanging_below_the_wrist_in_the_close_ups_proportion() -> None:
    for side in SIDES:
        digits = body_hands.digit_outlines(side)
        assert len(digits) == 5
        for d, outline in zip(body_hands.BODY_DIGITS, digits, strict=True):
            tip_y = max(y for _x, y in outline)  # the digits point down: the tip is the lowest point
            expected = WRIST_CREASE_Y + body_hands.HAND_SCALE * d.tip[1]
            assert tip_y == pytest.approx(expected, abs=0.02), d.name
    # the middle finger is the longest and ends 8 cun below the wrist crease (drawing proportion)
    tips = {d.name: body_hands.fingertip(d.name) for d in body_hands.BODY_DIGITS}
    assert tips["middle"][1] - WRIST_CREASE_Y == pytest.approx(8.0)
    assert max(tips.values(), key=lambda p: p[1]) == tips["middle"]
    assert tips["thumb"][1] < min(tips[name][1] for name in ("index", "ring", "little"))


def test_the_fingers_are_the_close_ups_fingers_scaled() -> None:
    """The same rays in the same proportions: every finger keeps its close-up length ratio."""
    close = {d.name: math.dist(d.head, d.tip) for d in hand_figure.FINGERS}
    body = {
        d.name: math.dist(body_hands.place(*d.head), body_hands.place(*d.tip))
        for d in body_hands.BODY_DIGITS
        if d.dip is not None
    }
    for name, length in close.items():
        assert body[name] == pytest.approx(length * body_hands.HAND_SCALE, abs=1e-3), name  # place rounds
    # the border of the hand is the close-up's back-of-hand outline, placed
    border = body_hands.hand_border()
    wanted = [body_hands.place(u, v) for u, v in hand_figure.HAND_BODY if v >= body_hands.HAND_TOP_V]
    assert border == wanted


def test_the_thumb_points_away_from_the_body_and_the_fingers_run_little_to_index_outwards() -> None:
    """The anatomical position, palms forward: on both views the thumb is lateral (the larger |x|)."""
    for side in SIDES:
        order = ["little", "ring", "middle", "index", "thumb"]
        xs = [side * body_hands.place(*body_hands.BODY_DIGIT[name].tip, side)[0] for name in order]
        assert xs == sorted(xs), side
        thumb = body_hands.BODY_DIGIT["thumb"]
        assert thumb.axis[0] > 0  # from its base the thumb runs down and outwards


def test_the_fingertips_are_apart() -> None:
    """Four separated fingers and a thumb: no digit's tip lies inside a neighbour's outline."""
    for side in SIDES:
        outlines = body_hands.digit_outlines(side)
        for i, d in enumerate(body_hands.BODY_DIGITS):
            tip = body_hands.place(*d.along(0.3), side)
            for j, other in enumerate(outlines):
                if j != i:
                    assert not _polygon_contains(other, *tip), (d.name, body_hands.BODY_DIGITS[j].name)


def test_the_hands_fit_the_frame_and_clear_the_thighs() -> None:
    frame = VIEW_FRAMES[FRONT]
    stroke = 2.0 / frame.units_per_cun  # the silhouette's outline and a little air
    for side in SIDES:
        for outline in body_hands.hand_outlines(side):
            for x, y in outline:
                assert frame.x_min + stroke < x < frame.x_max - stroke, (x, y)
    hand_x = min(x for outline in body_hands.hand_outlines(1) for x, _y in outline)
    thigh_x = max(x for x, y in silhouette.LEG_OUTER if y > WRIST_CREASE_Y)
    assert hand_x - thigh_x > 0.5  # a gap of air between the hanging hand and the thigh


def _whole_figure_hand_points() -> list[tuple[str, str, float, float]]:
    """Every marker on the front or back view at or below the wrist on the arm: (code, view, x, y)."""
    found = []
    for code, point in _CATALOG.points.items():
        bilateral = point.laterality == Laterality.BILATERAL
        for anchor in point.anchors:
            if anchor.view not in (FRONT, BACK):
                continue
            for x, y in anchor_positions(anchor, bilateral):
                if y >= WRIST_CREASE_Y - 1.6 and abs(x) > 8.0:
                    found.append((code, anchor.view, x, y))
    return found


def test_the_hand_and_wrist_points_are_found() -> None:
    codes = {code for code, *_ in _whole_figure_hand_points()}
    assert {"LI4", "SI3", "SI4", "HT6", "LU8"} <= codes


_HAND_POINTS = _whole_figure_hand_points()


@pytest.mark.parametrize(
    ("code", "view", "x", "y"), _HAND_POINTS, ids=[f"{c}-{v}-{x:+.1f}" for c, v, x, _y in _HAND_POINTS]
)
def test_every_hand_and_wrist_point_lies_inside_the_drawn_hand_or_wrist(
    code: str, view: str, x: float, y: float
) -> None:
    assert _in_drawn_hand_or_wrist(x, y), f"{code} at ({x:.2f}, {y:.2f}) on the {view} view"


def _hand_coordinates(x: float, y: float) -> tuple[float, float]:
    """A hand close-up marker in hand coordinates (the palm panel is the mirror image)."""
    if hand_figure.panel_of(x) == "dorsum":
        return (x, y)
    return (hand_figure.PALM_ORIGIN[0] - x, y - hand_figure.PALM_ORIGIN[1])


@pytest.mark.parametrize("code", ["LI4", "SI3", "SI4"])
def test_a_point_on_the_back_of_the_hand_sits_where_the_close_up_puts_it(code: str) -> None:
    """The two drawings agree: the back view's marker is the close-up's, placed on the figure."""
    point = _CATALOG.points[code]
    (close,) = [xy for a in point.anchors if a.view == HAND for xy in anchor_positions(a, False)]
    (back,) = [xy for a in point.anchors if a.view == BACK for xy in anchor_positions(a, False)]
    expected = body_hands.place(*_hand_coordinates(*close))
    assert math.dist(back, expected) <= 0.02, (code, back, expected)
    assert body_hands.on_hand(*back)


def test_the_back_hand_landmarks_are_on_the_hand_and_named() -> None:
    for key in body_hands.HAND_SHORT_LABELS_BACK:
        mark = LANDMARKS[key]
        assert mark.view == BACK and body_hands.on_hand(mark.x, mark.y), key
        assert "drawing proportion" in mark.description
        assert anatomy.landmark_label(key) == body_hands.HAND_SHORT_LABELS_BACK[key]
