"""The right side view's markers and the lower-back and perineal points of the back view (no Qt).

Each point anchored here is checked against its location text: the landmark the text names, the
side of it the text says (on the side view ``+x`` is anterior, ``+y`` down), and inside the drawn
outline. Stated distances ("7 B-cun above the popliteal crease", "level with the centre of the
umbilicus") are measured by ``app.domain.anchor_text`` (``tests/test_anchor_text.py``).
"""

from __future__ import annotations

import math

import pytest

from app.domain import anatomy, body_hands, silhouette
from app.domain import landmarks_side as side
from app.domain.anatomy import BACK, FRONT, LANDMARKS, SIDE, anchor_positions
from app.domain.anchor_text import LANDMARK_PHRASES, TOLERANCE_CUN, claims, point_drifts
from app.domain.figure_notes import FIGURE_NOTES
from app.domain.loader import load_catalog
from app.domain.models import Anchor, Laterality, Point
from app.paths import catalog_path

_CATALOG = load_catalog(catalog_path())

# (code, view, landmark the text names, sign of the x offset, sign of the y offset): on the side view
# +x is anterior (in front of), -x posterior (behind); +y below, -y above; 0: on the landmark's line.
PLACED = [
    ("GB22", SIDE, "side_ics4", 0, 0),  # in the 4th intercostal space, on the midaxillary line
    ("GB23", SIDE, "side_ics4", 1, 0),  # 4th space, 1 B-cun in front of the midaxillary line
    ("HT1", SIDE, "side_axillary_fossa", 0, 0),  # the centre of the axillary fossa
    ("SP21", SIDE, "side_ics6", 0, 0),  # on the midaxillary line in the 6th space
    ("GB25", SIDE, "side_rib12_end", 0, 1),  # just below the free end of the 12th rib
    ("LR13", SIDE, "side_rib11_end", 0, 1),  # just below the free end of the 11th rib
    ("GB26", SIDE, "side_rib11_end", 0, 1),  # below the free end of the 11th rib (below LR13)
    ("GB27", SIDE, "side_asis", 1, 0),  # medial to the ASIS (the abdomen curves forward), at its level
    ("GB28", SIDE, "side_asis", 1, 1),  # below and medial to the ASIS (and to GB27)
    ("GB24", SIDE, "side_ics7_4cun", 0, 0),  # 7th space below the nipple, on the front of the chest
    ("GB29", SIDE, "side_asis_trochanter_mid", 0, 0),  # midpoint ASIS - greater trochanter
    ("GB30", SIDE, "side_trochanter_hiatus_lateral_third", 0, 0),  # lateral third, trochanter - hiatus
    ("GB31", SIDE, "side_middle_fingertip", 0, 0),  # where the middle fingertip rests
    ("GB32", SIDE, "side_popliteal_crease", 1, -1),  # 7 B-cun above the crease, on the lateral thigh
    ("GB33", SIDE, "side_femur_lateral_epicondyle", -1, -1),  # behind and above the lateral epicondyle
    ("GB34", SIDE, "side_fibula_head", 1, 1),  # below and in front of the head of the fibula
    ("GB35", SIDE, "side_lateral_malleolus", -1, -1),  # behind the fibula, above the malleolus
    ("GB36", SIDE, "side_lateral_malleolus", 1, -1),  # in front of the fibula
    ("GB37", SIDE, "side_lateral_malleolus", 1, -1),
    ("GB38", SIDE, "side_lateral_malleolus", 1, -1),
    ("GB39", SIDE, "side_lateral_malleolus", 1, -1),
    ("GB40", SIDE, "side_lateral_malleolus", 1, 1),  # below and in front of the lateral malleolus
    ("ST32", SIDE, "side_patella_base", 1, -1),  # on the patella base - ASIS line, above the base
    ("ST33", SIDE, "side_patella_base", 1, -1),
    ("ST34", SIDE, "side_patella_base", 1, -1),
    ("ST35", SIDE, "side_lateral_knee_eye", 0, 0),  # the hollow lateral to the patellar ligament
    ("ST36", SIDE, "side_lateral_knee_eye", -1, 1),  # below ST35, lateral of the shin: behind it here
    ("ST37", SIDE, "side_lateral_knee_eye", -1, 1),
    ("ST38", SIDE, "side_lateral_knee_eye", -1, 1),
    ("ST39", SIDE, "side_lateral_knee_eye", -1, 1),
    (
        "ST40",
        SIDE,
        "side_lateral_malleolus",
        1,
        -1,
    ),  # lateral border of tibialis anterior, in front of the fibula
    ("BL58", SIDE, "side_lateral_malleolus", -1, -1),  # posterolateral leg, above BL60
    ("BL59", SIDE, "side_lateral_malleolus", -1, -1),  # between the fibula and the calcaneal tendon
    ("BL60", SIDE, "side_lateral_malleolus", -1, 0),  # between the malleolus and the calcaneal tendon
    ("BL35", BACK, "coccyx_tip", 1, 0),  # 0.5 B-cun lateral to the tip of the coccyx
    ("EX-B8", BACK, "L5", 0, 0),  # below the L5 spinous process (the landmark is its lower border)
    ("EX-B9", BACK, "coccyx_tip", 0, -1),  # 2 cun directly above the tip of the coccyx
    ("GV1", BACK, "coccyx_tip", 0, 1),  # below the coccyx, halfway to the anus
    ("KI10", BACK, "popliteal_crease_medial_end", 1, 0),  # on the crease, just lateral to the tendon
]


def _anchor(code: str, view: str) -> Anchor:
    (anchor,) = [a for a in _CATALOG.points[code].anchors if a.view == view]
    return anchor


def _markers(point: Point, view: str) -> list[tuple[float, float]]:
    bilateral = point.laterality == Laterality.BILATERAL
    return [xy for a in point.anchors if a.view == view for xy in anchor_positions(a, bilateral)]


def _sign(value: float) -> int:
    return 0 if math.isclose(value, 0.0, abs_tol=1e-9) else (1 if value > 0 else -1)


def _inside(view: str, x: float, y: float) -> bool:
    return any(anatomy.polygon_contains(poly, x, y) for poly, _smooth in silhouette.silhouette_parts(view))


@pytest.mark.parametrize(("code", "view", "landmark", "dx", "dy"), PLACED, ids=[row[0] for row in PLACED])
def test_the_marker_sits_by_the_landmark_its_text_names(
    code: str, view: str, landmark: str, dx: int, dy: int
) -> None:
    anchor = _anchor(code, view)
    assert anchor.landmark == landmark
    assert LANDMARKS[landmark].view == view
    assert (_sign(anchor.lateral_cun), _sign(anchor.down_cun)) == (dx, dy)
    for x, y in _markers(_CATALOG.points[code], view):
        assert _inside(view, x, y), f"{code} at ({x:.2f}, {y:.2f}) is off the {view} figure"


def test_every_side_marker_is_one_marker_on_the_body() -> None:
    on_side = [p for p in _CATALOG.points.values() if any(a.view == SIDE for a in p.anchors)]
    assert {p.code for p in on_side} == {row[0] for row in PLACED if row[1] == SIDE}
    for point in on_side:
        (xy,) = _markers(point, SIDE)  # the side view shows one side: a bilateral point once
        assert _inside(SIDE, *xy), point.code


# Levels the side view shares with the front and back views (the foot close-up has its own axes).
@pytest.mark.parametrize(
    "code",
    sorted(
        code
        for code, p in _CATALOG.points.items()
        if {a.view for a in p.anchors} >= {SIDE} and {a.view for a in p.anchors} & {FRONT, BACK}
    ),
)
def test_a_point_on_the_side_and_the_front_or_back_view_is_at_the_same_level(code: str) -> None:
    point = _CATALOG.points[code]
    side_y = {round(y, 6) for _x, y in _markers(point, SIDE)}
    other_y = {round(y, 6) for view in (FRONT, BACK) for _x, y in _markers(point, view)}
    assert side_y == other_y, code


def test_the_side_view_levels_are_the_front_and_back_views_levels() -> None:
    pairs = {
        "side_umbilicus": "umbilicus",
        "side_nipple": "nipple",
        "side_asis": "asis",
        "side_ics7_4cun": "ics7_4cun",  # the 7th space on the mammillary line (GB24)
        "side_iliac_crest_top": "L4",
        "side_greater_trochanter": "greater_trochanter",
        "side_gluteal_fold": "gluteal_fold_mid",
        "side_popliteal_crease": "popliteal_crease_mid",
        "side_patella_base": "patella_base_lateral",
        "side_lateral_knee_eye": "lateral_knee_eye",
        "side_fibula_head": "fibula_head",
        "side_lateral_malleolus": "lateral_malleolus",
        "side_asis_trochanter_mid": "asis_trochanter_mid",
        "side_trochanter_hiatus_lateral_third": "trochanter_hiatus_lateral_third",
    }
    for side_id, other in pairs.items():
        assert LANDMARKS[side_id].y == pytest.approx(LANDMARKS[other].y), side_id


ARM_CHANNELS = {"LU", "LI", "HT", "SI", "PC", "TE"}


def test_no_side_marker_is_hidden_by_the_raised_arm() -> None:
    """The arm is drawn opaque, raised behind the head: every marker is on the body and clear of
    the arm (the side view places no point on the arm itself)."""
    for point in _CATALOG.points.values():
        for x, y in _markers(point, SIDE):
            assert anatomy.polygon_contains(side.BODY, x, y), point.code
            assert not side.under_arm(x, y), f"{point.code} at ({x:.2f}, {y:.2f}) is under the arm"
            if point.channel in ARM_CHANNELS:  # HT1, in the axilla the raised arm opens
                assert y > max(y for _x, y in side.ARM_BORDER[:1] + side.ARM_BORDER[-1:]), point.code


def test_the_raised_arm_leaves_the_axilla_and_the_flank_open() -> None:
    axilla = LANDMARKS["side_axillary_fossa"]
    assert not side.under_arm(axilla.x, axilla.y)
    # the arm rises from the shoulder above the axilla to the elbow above the back of the head
    assert all(y < axilla.y for _x, y in side.ARM)
    elbow = min(side.ARM, key=lambda p: p[1])
    assert elbow[1] < 1.5 and elbow[0] < min(x for x, y in side.BODY if y < 9.0) + 1.0
    # the ear and the face stay in view, in front of the arm
    for x, y in side.EAR:
        assert not side.under_arm(x, y), (x, y)


def test_the_raised_arm_bends_at_the_elbow_and_rests_its_hand_on_the_head() -> None:
    """An arm, not a loop: the olecranon is its highest point, above the back of the head; the
    forearm comes forward from the elbow over the crown, clear of it below the bend; the fingers
    end on the front of the crown, above the hairline, and the face stays in view."""
    olecranon = min(side.ARM, key=lambda p: p[1])
    bend = side.ELBOW_BEND  # the inside of the elbow
    assert bend in side.ARM
    assert olecranon[0] < bend[0] - 0.8
    assert not anatomy.polygon_contains(side.BODY, *bend)  # the forearm is lifted off the crown there
    hairline = LANDMARKS["anterior_hairline"].y
    for _name, (_knuckle, _mid, tip), _half in side.ARM_FINGERS:
        assert tip[0] > 2.5 and tip[1] < hairline, tip
        assert min(math.dist(tip, p) for p in side.BODY[:6]) < 1.2  # on the scalp, not in the air
    tips = {name: line[-1] for name, line, _half in side.ARM_FINGERS}
    assert tips["middle"][0] > tips["index"][0] and tips["middle"][0] > tips["little"][0]
    caption = next(n for n in FIGURE_NOTES if n.view == SIDE and n.caption)
    assert olecranon[1] > caption.y + 0.4  # below the view's caption
    for x, y in side.BODY[4:16]:  # forehead, brow, nose, lips, chin
        assert not side.under_arm(x, y), (x, y)


def test_every_side_landmark_is_on_the_figure() -> None:
    for mark in LANDMARKS.values():
        if mark.view == SIDE:
            assert _inside(SIDE, mark.x, mark.y), mark.id


def test_the_mid_axillary_points_are_on_the_mid_axillary_line_below_the_axilla() -> None:
    axilla = LANDMARKS["side_axillary_fossa"]
    for code in ("HT1", "GB22", "SP21"):
        ((x, y),) = _markers(_CATALOG.points[code], SIDE)
        assert x == 0.0 and y >= axilla.y, code
    ((gb23_x, gb23_y),) = _markers(_CATALOG.points["GB23"], SIDE)
    ((gb22_x, gb22_y),) = _markers(_CATALOG.points["GB22"], SIDE)
    assert (gb23_x - gb22_x, gb23_y - gb22_y) == (1.0, 0.0)  # 1 B-cun in front of the line
    # below the 11th and 12th ribs' free ends: GB25 behind the posterior axillary fold's line
    ((gb25_x, _),) = _markers(_CATALOG.points["GB25"], SIDE)
    ((lr13_x, lr13_y),) = _markers(_CATALOG.points["LR13"], SIDE)
    ((gb26_x, gb26_y),) = _markers(_CATALOG.points["GB26"], SIDE)
    assert gb25_x < -2.0 < 0.0 < lr13_x
    assert gb26_x == lr13_x and gb26_y > lr13_y  # below LR13, level with the umbilicus


def test_gb28_is_below_and_medial_to_gb27() -> None:
    ((x27, y27),) = _markers(_CATALOG.points["GB27"], SIDE)
    ((x28, y28),) = _markers(_CATALOG.points["GB28"], SIDE)
    assert y28 - y27 == pytest.approx(0.5) and x28 > x27


def test_gb27_is_level_with_the_asis_so_gb28_is_half_a_cun_below_both() -> None:
    """WHO: GB27 3 B-cun below the umbilicus and medial to the ASIS; GB28 half a B-cun below and
    medial to the ASIS and to GB27. Both hold only with the ASIS at GB27's level (CV4's), where
    Guangming puts it too (GB27 0.5 cun in front of the ASIS, level with CV4)."""
    asis = LANDMARKS["asis"]
    assert asis.y == LANDMARKS["umbilicus"].y + 3 == LANDMARKS["side_asis"].y
    front = sorted(_markers(_CATALOG.points["GB27"], FRONT))
    assert {(abs(x), y) for x, y in front} == {(asis.x - 0.5, asis.y)}  # Guangming's 0.5 cun medial
    ((_x, y28),) = _markers(_CATALOG.points["GB28"], SIDE)
    assert y28 - asis.y == pytest.approx(0.5)


def test_the_thigh_points_are_behind_the_iliotibial_band_at_the_fingertip() -> None:
    ((x31, y31),) = _markers(_CATALOG.points["GB31"], SIDE)
    ((x32, y32),) = _markers(_CATALOG.points["GB32"], SIDE)
    assert x31 < side.ILIOTIBIAL_X and x32 < side.ILIOTIBIAL_X
    # where the middle fingertip of the hanging hand rests: the front and back views' hand
    hanging = max(y for outline in body_hands.digit_outlines() for _x, y in outline)
    assert y31 == pytest.approx(hanging, abs=1e-3)
    assert y32 > y31  # WHO's 7 B-cun above the crease is below where the finger rests
    ((x33, _),) = _markers(_CATALOG.points["GB33"], SIDE)
    assert x33 < LANDMARKS["side_femur_lateral_epicondyle"].x


def test_the_fibular_points_are_in_front_of_or_behind_the_fibula_as_their_texts_say() -> None:
    fibula = LANDMARKS["side_lateral_malleolus"].x
    assert LANDMARKS["side_fibula_head"].x == fibula  # the fibula is drawn as one vertical line
    for code in ("GB36", "GB37", "GB38", "GB39", "ST40"):
        ((x, _),) = _markers(_CATALOG.points[code], SIDE)
        assert x > fibula, code
    ((x35, _),) = _markers(_CATALOG.points["GB35"], SIDE)
    assert x35 < fibula
    tendon = LANDMARKS["side_calcaneal_tendon"].x
    for code in ("BL58", "BL59", "BL60"):
        ((x, _),) = _markers(_CATALOG.points[code], SIDE)
        assert tendon < x < fibula, code  # between the malleolus/fibula and the calcaneal tendon
    ((x38, _),) = _markers(_CATALOG.points["ST38"], SIDE)
    ((x40, _),) = _markers(_CATALOG.points["ST40"], SIDE)
    assert x40 < x38  # ST40 is lateral to ST38: further back on the side view


def test_the_coccyx_and_the_anus_are_below_the_sacral_hiatus_on_the_midline() -> None:
    hiatus, tip, anus = LANDMARKS["sacral_hiatus"], LANDMARKS["coccyx_tip"], LANDMARKS["anus"]
    assert hiatus.y < tip.y < anus.y and tip.x == anus.x == 0.0
    ((x, y),) = _markers(_CATALOG.points["GV1"], BACK)
    assert (x, y) == pytest.approx((0.0, (tip.y + anus.y) / 2))  # halfway between them
    ((x, y),) = _markers(_CATALOG.points["EX-B8"], BACK)
    assert (x, y) == (0.0, LANDMARKS["L5"].y)
    assert sorted(_markers(_CATALOG.points["BL35"], BACK)) == [(-0.5, tip.y), (0.5, tip.y)]
    ((x, y),) = _markers(_CATALOG.points["KI10"], BACK)[:1]
    assert (
        y == anatomy.POPLITEAL_Y
        and anatomy.POPLITEAL_CREASE_ENDS[0] < abs(x) < LANDMARKS["popliteal_crease_mid"].x
    )


def test_the_coccyx_distances_are_read_and_met() -> None:
    for code in ("BL35", "EX-B9", "GV1"):
        drifts = point_drifts(_CATALOG, _CATALOG.points[code])
        assert drifts and all(d.drift_cun < 1e-6 for d in drifts), code


def test_sanjiaojiu_is_the_base_of_an_equilateral_triangle_of_the_mouth_width() -> None:
    """The mouth's width is the drawn one on the front figure (its corners at +-0.85 cun)."""
    markers = sorted(_markers(_CATALOG.points["Sanjiaojiu"], FRONT))
    umbilicus = LANDMARKS["umbilicus"]
    (left, right) = markers
    width = right[0] - left[0]
    assert width == pytest.approx(1.7) and left[1] == right[1] > umbilicus.y
    for x, y in markers:
        assert math.dist((x, y), (umbilicus.x, umbilicus.y)) == pytest.approx(width, abs=1e-3)


def test_points_left_unanchored_are_the_ones_no_view_can_show() -> None:
    # CV1 (the perineum) shows on no view. (ST31 follows its WHO text: see test_anchor_text.)
    for code in ("CV1",):
        assert not _CATALOG.points[code].anchors, code


def test_side_anchors_are_not_mirrored() -> None:
    gb30 = _anchor("GB30", SIDE)
    assert anchor_positions(gb30, bilateral=True) == [
        (LANDMARKS[gb30.landmark].x, LANDMARKS[gb30.landmark].y + gb30.down_cun)
    ]


SIDE_READ = [
    "GB22",
    "GB23",
    "SP21",
    "GB24",
    "GB26",
    "GB27",
    "GB32",
    "GB35",
    "GB36",
    "GB37",
    "GB38",
    "GB39",
    "ST32",
    "ST33",
    "ST34",
    "ST36",
    "ST40",
    "BL58",
    "BL59",
]


@pytest.mark.parametrize("code", SIDE_READ)
def test_the_stated_distances_are_measured_on_the_side_view(code: str) -> None:
    """The side landmarks stand for the text's words ("popliteal crease", "centre of the umbilicus",
    "4th intercostal space" ...), so anchor_text measures these points on the side view too."""
    on_side = [d for d in point_drifts(_CATALOG, _CATALOG.points[code]) if d.view == SIDE]
    assert on_side, code
    assert all(d.drift_cun <= TOLERANCE_CUN for d in on_side), on_side


def test_the_axillary_fossa_is_read_and_is_3_cun_above_the_4th_space() -> None:
    """WHO's GB22 text names no distance from the axilla; the Chinese texts put GB22 3 cun below it.
    The figure's axilla (its folds 9 cun above the cubital crease, WHO row 10) agrees with that."""
    (claim,) = claims("3 B-cun below the axillary fossa")
    assert (claim.kind, claim.refs, claim.cun) == ("level", ("axillary fossa",), 3.0)
    axilla = LANDMARKS[LANDMARK_PHRASES["axillary fossa"][SIDE]]
    ((_x, gb22_y),) = _markers(_CATALOG.points["GB22"], SIDE)
    assert gb22_y - axilla.y == pytest.approx(3.0)
