"""The arm and shoulder points on the front and back figures (no Qt).

The distances their texts state ("2 B-cun above the palmar wrist crease", "on the line from the
olecranon prominence to the acromial angle") are measured by ``tests/test_anchor_text.py``; here
the WHO arm proportions, the order of the landmarks across the elbow and wrist, and each point
placed by a landmark without a distance ("in the hollow medial to the biceps brachii tendon"):
the anchor uses the landmark its text names and sits on the side of it the text says, on the arm.
"""

from __future__ import annotations

import math

import pytest

from app.domain import anatomy, anatomy_arm, silhouette
from app.domain.anatomy import BACK, FRONT, LANDMARKS, anchor_positions
from app.domain.anatomy_arm import BICEPS_LATERAL, BICEPS_MEDIAL, SCAPULAR_SPINE, arm_edges, x_at, y_at
from app.domain.anchor_text import claims
from app.domain.loader import load_catalog
from app.domain.models import Laterality
from app.domain.silhouette import ARM, TORSO_HALF
from app.paths import catalog_path

_CATALOG = load_catalog(catalog_path())
ARM_POINTS = [
    *("EX-UE2", "EX-UE1", "HT2", "HT3", "HT4", "HT5", "HT6", "LI6", "LI7", "LI8", "LI9", "LI12", "LI13"),
    *("LI14", "LU3", "LU4", "LU5", "LU6", "LU8", "PC2", "PC3", "PC4", "PC5", "PC6", "SI6", "SI7", "SI8"),
    *("TE7", "TE8", "TE9", "TE10", "TE11", "TE12", "TE13"),
]
SHOULDER_POINTS = ["Jianqian", "LI16", "SI9", "SI10", "TE14", "TE15"]


def _xy(landmark_id: str) -> tuple[float, float]:
    mark = LANDMARKS[landmark_id]
    return (mark.x, mark.y)


def _marker(code: str, view: str) -> tuple[float, float]:
    """The point's marker on the right arm (x > 0) of one view."""
    point = _CATALOG.points[code]
    here = [
        xy
        for a in point.anchors
        if a.view == view
        for xy in anchor_positions(a, point.laterality == Laterality.BILATERAL)
    ]
    assert here, f"{code} has no marker on the {view} view"
    return max(here)


def _landmarks(code: str) -> set[tuple[str, str]]:
    return {(a.view, a.landmark) for a in _CATALOG.points[code].anchors}


def _off_line(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    return abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / math.dist(a, b)


# ------------------------------------------------------------------ WHO proportions of the arm
@pytest.mark.parametrize(
    ("top", "bottom", "cun"),
    [
        ("anterior_axillary_fold", "cubital_crease_lateral", 9),  # WHO row 10
        ("posterior_axillary_fold", "cubital_crease_lateral_back", 9),  # row 10
        ("cubital_crease_lateral", "palmar_wrist_crease_radial", 12),  # row 11
        ("cubital_crease_lateral_back", "dorsal_wrist_crease_back", 12),  # row 11
        ("olecranon", "dorsal_wrist_crease_back", 12),  # the olecranon is level with the crease
    ],
)
def test_who_arm_segments(top: str, bottom: str, cun: float) -> None:
    assert LANDMARKS[bottom].y - LANDMARKS[top].y == pytest.approx(cun)


def test_the_armpit_opens_at_the_axillary_fold_level() -> None:
    """Above the folds the arm joins the chest; below them there is a gap between arm and trunk."""
    fold = anatomy_arm.AXILLARY_FOLD_Y
    assert (6.9, fold) in ARM

    def trunk_edge(y: float) -> float:  # the right half of the trunk, closed along the midline
        return arm_edges(list(TORSO_HALF), y)[1]

    assert trunk_edge(fold + 0.4) < arm_edges(ARM, fold + 0.4)[0]
    assert trunk_edge(fold - 0.4) > arm_edges(ARM, fold - 0.4)[0]


def test_the_landmarks_across_the_elbow_run_medial_to_lateral() -> None:
    front = [
        "medial_epicondyle",
        "cubital_crease_medial",
        "biceps_tendon",
        "cubital_crease_lateral",
        "lateral_epicondyle",
    ]
    xs = [LANDMARKS[k].x for k in front]
    assert xs == sorted(xs)
    medial, lateral = arm_edges(ARM, anatomy_arm.CUBITAL_CREASE_Y)
    assert medial < xs[0] and xs[-1] < lateral
    back = ["medial_epicondyle_back", "olecranon", "cubital_crease_lateral_back", "lateral_epicondyle_back"]
    xs = [LANDMARKS[k].x for k in back]
    assert xs == sorted(xs)
    assert {LANDMARKS[k].y for k in front + back} == {anatomy_arm.CUBITAL_CREASE_Y}


def test_the_wrist_creases_run_ulnar_to_radial_inside_the_wrist() -> None:
    xs = [
        LANDMARKS[k].x
        for k in ("palmar_wrist_crease_ulnar", "palmar_wrist_crease_mid", "palmar_wrist_crease_radial")
    ]
    assert xs == sorted(xs)
    back = [
        LANDMARKS[k].x
        for k in ("ulnar_head_back", "dorsal_wrist_crease_back", "dorsal_wrist_crease_radial_back")
    ]
    assert back == sorted(back)
    medial, lateral = arm_edges(ARM, anatomy_arm.WRIST_CREASE_Y - 0.01)
    assert medial < min(xs + back) and max(xs + back) < lateral


def test_the_drawn_scapular_spine_runs_from_its_medial_end_to_the_acromion() -> None:
    assert SCAPULAR_SPINE[0] == _xy("scapula_spine_medial")
    assert SCAPULAR_SPINE[-1] == _xy("acromion")


def test_li11_is_midway_between_lu5_and_the_lateral_epicondyle() -> None:
    lu5, li11 = _marker("LU5", FRONT), _marker("LI11", FRONT)
    assert li11[0] == pytest.approx((lu5[0] + LANDMARKS["lateral_epicondyle"].x) / 2)


# --------------------------------------------------------------------------- the reading
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 B-cun above the prominence of the olecranon", ("level", ("prominence of the olecranon",), -1.0)),
        ("3 B-cun below the acromial angle", ("level", ("acromial angle",), 3.0)),
        (
            "1 cun above the upper end of the anterior axillary fold",
            ("level", ("upper end of the anterior axillary fold",), -1.0),
        ),
        ("2 B-cun below the anterior axillary fold", ("level", ("anterior axillary fold",), 2.0)),
        ("1 B-cun above the posterior axillary fold", ("level", ("posterior axillary fold",), -1.0)),
        (
            "on the line from the olecranon prominence to the acromial angle, 2",
            ("line", ("olecranon prominence", "acromial angle"), 0.0),
        ),
        (
            "midway between LU5 and the lateral epicondyle of the humerus;",
            ("midway", ("LU5", "lateral epicondyle of the humerus"), 0.0),
        ),
    ],
)
def test_the_arm_statements_are_read(text: str, expected: tuple[str, tuple[str, ...], float]) -> None:
    assert [(c.kind, c.refs, c.cun) for c in claims(text)] == [expected]


# ----------------------------------------------------------- every marker on the arm or shoulder
@pytest.mark.parametrize("code", ARM_POINTS + SHOULDER_POINTS)
def test_the_marker_lies_on_the_body(code: str) -> None:
    point = _CATALOG.points[code]
    for anchor in point.anchors:
        assert anchor.view in (FRONT, BACK), code
        parts = [poly for poly, _smooth in silhouette.silhouette_parts(anchor.view)]
        for x, y in anchor_positions(anchor, point.laterality == Laterality.BILATERAL):
            assert any(anatomy.polygon_contains(poly, x, y) for poly in parts), (code, x, y)


@pytest.mark.parametrize("code", ARM_POINTS)
def test_an_arm_marker_lies_inside_the_arm_clear_of_its_edge(code: str) -> None:
    for view in {a.view for a in _CATALOG.points[code].anchors}:
        x, y = _marker(code, view)
        if y < anatomy_arm.AXILLARY_FOLD_Y:
            continue
        medial, lateral = arm_edges(ARM, y)
        assert medial + 0.15 <= x <= lateral - 0.15, (code, view, medial, x, lateral)


# ------------------------------------------------- points placed by a landmark, without a distance
def test_lu5_and_pc3_flank_the_biceps_tendon_on_the_cubital_crease() -> None:
    assert _landmarks("LU5") == {(FRONT, "biceps_tendon")} == _landmarks("PC3")
    tendon = _xy("biceps_tendon")
    lu5, pc3, li11 = _marker("LU5", FRONT), _marker("PC3", FRONT), _marker("LI11", FRONT)
    assert lu5[1] == pc3[1] == tendon[1]
    assert pc3[0] < tendon[0] < lu5[0] < li11[0]  # between LI11 and PC3, the tendon between it and PC3


def test_ht3_is_in_front_of_the_medial_epicondyle_at_the_end_of_the_crease() -> None:
    assert _landmarks("HT3") == {(FRONT, "cubital_crease_medial")}
    x, y = _marker("HT3", FRONT)
    assert LANDMARKS["medial_epicondyle"].x < x < LANDMARKS["cubital_crease_medial"].x
    assert y == LANDMARKS["cubital_crease_medial"].y


@pytest.mark.parametrize("code", ["LU3", "LU4"])
def test_lu3_and_lu4_are_just_lateral_to_the_biceps(code: str) -> None:
    assert _landmarks(code) == {(FRONT, "anterior_axillary_fold")}
    x, y = _marker(code, FRONT)
    assert 0 < x - x_at(BICEPS_LATERAL, y) <= 0.4
    assert x < _marker("LI14", FRONT)[0]  # the lung line runs medial to the large intestine line


def test_pc2_is_between_the_two_heads_of_the_biceps() -> None:
    x, y = _marker("PC2", FRONT)
    middle = (x_at(BICEPS_LATERAL, y) + x_at(BICEPS_MEDIAL, y)) / 2
    assert x == pytest.approx(middle, abs=0.1)


def test_ht2_is_just_medial_to_the_biceps() -> None:
    x, y = _marker("HT2", FRONT)
    assert 0 < x_at(BICEPS_MEDIAL, y) - x <= 0.5


def _pc_line() -> tuple[tuple[float, float], tuple[float, float]]:
    """PC3 to the palmar wrist crease between palmaris longus and flexor carpi radialis (PC7)."""
    return _marker("PC3", FRONT), _xy("palmar_wrist_crease_mid")


@pytest.mark.parametrize("code", ["PC4", "PC5", "PC6"])
def test_the_pericardium_points_lie_between_the_two_tendons(code: str) -> None:
    assert _landmarks(code) == {(FRONT, "palmar_wrist_crease_mid")}
    assert _off_line(_marker(code, FRONT), *_pc_line()) <= 0.05


def test_ex_ue2_is_a_pair_between_the_tendons_and_radial_to_the_large_tendon() -> None:
    point = _CATALOG.points["EX-UE2"]
    inner, outer = sorted((a.lateral_cun, a) for a in point.anchors)
    at = [anchor_positions(a, True)[0] for _, a in (inner, outer)]
    assert at[0][1] == at[1][1]
    assert _off_line(at[0], *_pc_line()) <= 0.05
    assert at[0][0] < at[1][0] < LANDMARKS["palmar_wrist_crease_radial"].x  # radial, still on the front


@pytest.mark.parametrize("code", ["HT4", "HT5", "HT6"])
def test_the_heart_points_are_radial_to_the_flexor_carpi_ulnaris_tendon(code: str) -> None:
    assert _landmarks(code) == {(FRONT, "palmar_wrist_crease_ulnar")}
    x, y = _marker(code, FRONT)
    (a, b) = _pc_line()
    pc_x = a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1])
    assert LANDMARKS["palmar_wrist_crease_ulnar"].x < x < pc_x


def test_lu6_lies_on_the_line_from_lu5_to_lu9() -> None:
    lu9 = _xy("palmar_wrist_crease_radial")  # LU9: the radial end of the palmar wrist crease
    assert _off_line(_marker("LU6", FRONT), _marker("LU5", FRONT), lu9) <= 0.05


def test_lu8_is_directly_above_lu9() -> None:
    assert _landmarks("LU8") == {(FRONT, "palmar_wrist_crease_radial")}
    assert _marker("LU8", FRONT)[0] == LANDMARKS["palmar_wrist_crease_radial"].x


@pytest.mark.parametrize("code", ["LI6", "LI7", "LI8", "LI9"])
def test_the_forearm_large_intestine_points_lie_on_the_li5_li11_line(code: str) -> None:
    """On the back view the line runs from LI5's hollow at the radial end of the dorsal wrist crease
    to the lateral end of the cubital crease at the margin of the elbow."""
    line = (_xy("dorsal_wrist_crease_radial_back"), _xy("cubital_crease_lateral_back"))
    assert _off_line(_marker(code, BACK), *line) <= 0.05


def _ulna_x(y: float) -> float:
    """The ulna on the back view: from its head up to the olecranon."""
    return x_at([_xy("olecranon"), _xy("ulnar_head_back")], y)


def test_te7_is_on_the_radial_side_of_the_ulna_ulnar_to_te6() -> None:
    te7, te6 = _marker("TE7", BACK), _marker("TE6", BACK)
    assert te7[1] == te6[1]
    assert _ulna_x(te7[1]) < te7[0] < te6[0]
    assert te7[0] - _ulna_x(te7[1]) <= 0.4  # immediately beside the bone


@pytest.mark.parametrize("code", ["TE8", "TE9"])
def test_te8_and_te9_lie_mid_forearm_on_the_line_from_te6_to_the_olecranon(code: str) -> None:
    assert _off_line(_marker(code, BACK), _marker("TE6", BACK), _xy("olecranon")) <= 0.05


def test_te10_is_directly_above_the_olecranon_and_ex_ue1_on_its_tip() -> None:
    assert _landmarks("EX-UE1") == {(BACK, "olecranon")} == _landmarks("TE10")
    assert _marker("EX-UE1", BACK) == _xy("olecranon")
    assert _marker("TE10", BACK)[0] == _xy("olecranon")[0]


def test_si6_is_in_the_cleft_radial_to_the_head_of_the_ulna() -> None:
    assert _landmarks("SI6") == {(BACK, "ulnar_head_back")}
    x, y = _marker("SI6", BACK)
    assert y == LANDMARKS["ulnar_head_back"].y and 0 < x - LANDMARKS["ulnar_head_back"].x <= 0.4


def test_si7_is_medial_to_the_ulna_one_cun_distal_to_the_middle_of_the_si5_si8_line() -> None:
    x, y = _marker("SI7", BACK)
    assert arm_edges(ARM, y)[0] < x < _ulna_x(y)
    # SI5 is on the wrist, at the dorsal crease's level; SI8 at the elbow, level with the olecranon
    middle = (LANDMARKS["dorsal_wrist_crease_back"].y + _marker("SI8", BACK)[1]) / 2
    assert y == pytest.approx(middle + 1)


def test_si8_is_between_the_olecranon_and_the_medial_epicondyle() -> None:
    assert _landmarks("SI8") == {(BACK, "olecranon")}
    x, y = _marker("SI8", BACK)
    assert LANDMARKS["medial_epicondyle_back"].x < x < LANDMARKS["olecranon"].x
    assert y == LANDMARKS["olecranon"].y


def test_li12_is_just_above_the_lateral_epicondyle() -> None:
    assert _landmarks("LI12") == {(BACK, "lateral_epicondyle_back")}
    x, y = _marker("LI12", BACK)
    epicondyle = _xy("lateral_epicondyle_back")
    assert y < epicondyle[1] and abs(x - epicondyle[0]) <= 0.3


def test_jianqian_is_directly_above_the_anterior_axillary_fold() -> None:
    assert _landmarks("Jianqian") == {(FRONT, "anterior_axillary_fold")}
    assert _marker("Jianqian", FRONT)[0] == LANDMARKS["anterior_axillary_fold"].x


def test_si9_and_si10_are_above_the_posterior_axillary_fold_si10_below_the_scapular_spine() -> None:
    fold = _xy("posterior_axillary_fold")
    si9, si10 = _marker("SI9", BACK), _marker("SI10", BACK)
    assert _landmarks("SI9") == {(BACK, "posterior_axillary_fold")} == _landmarks("SI10")
    assert si9[0] == si10[0] == fold[0]
    assert si10[1] < si9[1] < fold[1]
    assert 0 < si10[1] - y_at(SCAPULAR_SPINE, si10[0]) <= 0.8  # in the hollow just below the spine


def test_li16_is_between_the_clavicle_end_and_the_scapular_spine_lateral_to_the_fossa() -> None:
    assert _landmarks("LI16") == {(BACK, "acromion")}
    x, y = _marker("LI16", BACK)
    assert LANDMARKS["supraspinous_fossa_mid"].x < x < LANDMARKS["acromion"].x
    assert y < y_at(SCAPULAR_SPINE, x)  # above the spine


def test_te14_is_in_the_hollow_below_and_lateral_to_the_acromial_angle() -> None:
    assert _landmarks("TE14") == {(BACK, "acromial_angle")}
    x, y = _marker("TE14", BACK)
    angle = _xy("acromial_angle")
    assert angle[0] < x and angle[1] < y <= angle[1] + 1.0


def test_te15_is_just_above_the_superior_angle_of_the_scapula() -> None:
    assert _landmarks("TE15") == {(BACK, "scapula_superior_angle")}
    x, y = _marker("TE15", BACK)
    corner = _xy("scapula_superior_angle")
    assert 0 < corner[1] - y <= 1.0 and x == corner[0]  # WHO: "superior to" is directly above


def test_te13_is_directly_below_the_acromial_angle() -> None:
    assert _landmarks("TE13") == {(BACK, "acromial_angle")}
    assert _marker("TE13", BACK)[0] == LANDMARKS["acromial_angle"].x
