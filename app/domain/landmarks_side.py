"""The right side view: its landmarks and its outline (imported by ``anatomy``; no Qt).

The whole body seen from its RIGHT side, standing in the anatomical position, drawn to the same
height and the same B-cun levels as the front and back views (``y = 0`` the vertex, ``y`` down),
so a point anchored on both shows at the same level on each. ``x = 0`` is the mid-axillary line
(and, below the trunk, the plumb line through the greater trochanter); ``+x`` is anterior, which is
the viewer's right (the patient faces right). The view shows one side: not mirrored.

Levels come from ``anatomy`` (passed in to :func:`side_rows`, so the two cannot disagree). The
front-to-back positions are drawing proportions: WHO gives no sagittal measurements, so the depth of
the head, chest, pelvis and limbs follows ordinary adult proportions, and each landmark's ``x`` is
where the figure in ``tools/figure_side.py`` draws it.

The arm is raised, the hand on the head, as a lateral plate shows it: hanging at the side it
would hide the axilla (HT1), the mid-axillary line (GB22, SP21) and the flank, which are what this
view is for, and the axilla is opened so to find them. No point is placed on the raised arm (the
arm's points are on the front and back views, where it hangs). GB31, found where the middle
fingertip of the hanging arm rests, keeps the level of the front and back views' hanging hand
(``FINGERTIP``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from .body_hands import fingertip
from .outlines import polygon_contains

SIDE = "side"

# The axillary folds: 9 cun above the cubital crease (WHO row 10; the front view's crease is at
# y 25.9). The apex of the axillary fossa is drawn 1.4 cun above the folds (drawing proportion),
# which puts the 4th intercostal space on the mid-axillary line (GB22) 3 cun below it.
AXILLARY_FOLD_Y = round(25.9 - 9.0, 3)
AXILLA_Y = round(AXILLARY_FOLD_Y - 1.4, 3)
# The free end of the 11th rib: 12 cun below the apex of the axilla (CHENG Table 5 and the Chinese
# textbook table, not WHO), just in front of the mid-axillary line (drawing proportion).
RIB11_END = (0.8, round(AXILLA_Y + 12.0, 3))
# The free end of the 12th rib: lower and further back, behind the posterior axillary line (where
# WHO palpates GB25), at the level of L2 (drawing proportion).
RIB12_END_X = -2.4
# Where the middle fingertip rests with the arm hanging: level with the front and back views' middle
# fingertip (their hand, 8 cun below the wrist crease: body_hands), on the lateral thigh just behind
# the iliotibial band (drawn at x 0.55). The side view draws the arm raised, so nothing else shows
# the finger here.
FINGERTIP = (0.15, round(fingertip("middle")[1], 3))
ILIOTIBIAL_X = 0.55
# The fibula in profile: its head and the lateral malleolus on one vertical line, behind the
# middle of the leg (drawing proportion).
FIBULA_X = -1.0
CALCANEAL_TENDON_X = -2.25  # front edge of the tendon at the malleolar level
# The sacral hiatus seen from the side (deep in the cleft, inside the buttock's contour).
HIATUS_X = -4.6
TROCHANTER_X = -0.3
ASIS_X = 3.0


def side_rows(level: Mapping[str, float]) -> list[tuple[str, str, float, float, str]]:
    """The side view's landmark rows for ``anatomy._ROWS``, at the levels ``anatomy`` names.

    ``level`` keys: umbilicus, nipple, asis, L2, L4, trochanter, sacral_hiatus, gluteal_fold,
    popliteal, knee_eye, patella_base, fibula_head, lateral_malleolus (the intercostal spaces'
    landmarks are chest.py's).
    """
    trochanter = (TROCHANTER_X, level["trochanter"])
    asis = (ASIS_X, level["asis"])
    hiatus = (HIATUS_X, level["sacral_hiatus"])
    third = (
        round(trochanter[0] + (hiatus[0] - trochanter[0]) / 3, 3),
        round(trochanter[1] + (hiatus[1] - trochanter[1]) / 3, 3),
    )
    popliteal = level["popliteal"]
    rows = [
        ("side_vertex", SIDE, 0.3, 0.4, "Vertex, the top of the head (right side view)"),
        (
            "side_axillary_fossa",
            SIDE,
            0.0,
            AXILLA_Y,
            "Centre (apex) of the axillary fossa, on the mid-axillary line (axillary folds - 1.4 cun,"
            " drawing proportion; the folds are cubital crease - 9 cun, WHO row 10)",
        ),
        ("side_nipple", SIDE, 4.95, level["nipple"], "Nipple, seen from the side (the front view's level)"),
        (
            "side_rib11_end",
            SIDE,
            *RIB11_END,
            "Free end of the 11th rib (apex of the axilla + 12 cun: CHENG and CN-TB, not WHO)",
        ),
        (
            "side_rib12_end",
            SIDE,
            RIB12_END_X,
            level["L2"],
            "Free end of the 12th rib, behind the posterior axillary line (L2 level, drawing proportion)",
        ),
        (
            "side_umbilicus",
            SIDE,
            4.55,
            level["umbilicus"],
            "Level of the centre of the umbilicus, at the front of the belly (side view)",
        ),
        ("side_asis", SIDE, *asis, "Anterior superior iliac spine (the front view's level)"),
        (
            "side_iliac_crest_top",
            SIDE,
            -0.5,
            level["L4"],
            "Highest point of the iliac crest (L4 level, WHO III.2 g)",
        ),
        (
            "side_greater_trochanter",
            SIDE,
            *trochanter,
            "Prominence of the greater trochanter (popliteal crease - 19 cun, WHO row 16)",
        ),
        (
            "side_asis_trochanter_mid",
            SIDE,
            round((asis[0] + trochanter[0]) / 2, 3),
            round((asis[1] + trochanter[1]) / 2, 3),
            "Midpoint of the line from the anterior superior iliac spine to the greater trochanter",
        ),
        (
            "side_trochanter_hiatus_lateral_third",
            SIDE,
            *third,
            "Lateral third of the line greater trochanter - sacral hiatus, seen from the side",
        ),
        (
            "side_gluteal_fold",
            SIDE,
            -4.25,
            level["gluteal_fold"],
            "Gluteal fold, at the back of the thigh (popliteal crease - 14 cun, WHO row 17)",
        ),
        (
            "side_middle_fingertip",
            SIDE,
            *FINGERTIP,
            "Where the middle fingertip rests on the thigh, arm hanging (the level of the front and back"
            " views' hanging hand: wrist crease + 8 cun, drawing proportion; the side view raises the arm)",
        ),
        (
            "side_femur_lateral_epicondyle",
            SIDE,
            -0.4,
            popliteal - 0.8,
            "Lateral epicondyle of the femur (0.8 cun above the popliteal crease, drawing proportion)",
        ),
        (
            "side_patella_base",
            SIDE,
            2.6,
            level["patella_base"],
            "Lateral end of the base of the patella, seen from the side (pubic symphysis + 18 cun)",
        ),
        (
            "side_lateral_knee_eye",
            SIDE,
            2.1,
            level["knee_eye"],
            "Hollow lateral to the patellar ligament (the front view's level, the patellar apex's)",
        ),
        (
            "side_popliteal_crease",
            SIDE,
            -2.45,
            popliteal,
            "Lateral end of the popliteal crease, at the back of the knee (side view)",
        ),
        (
            "side_fibula_head",
            SIDE,
            FIBULA_X,
            level["fibula_head"],
            "Head of the fibula (the front view's level)",
        ),
        (
            "side_lateral_malleolus",
            SIDE,
            FIBULA_X,
            level["lateral_malleolus"],
            "Prominence of the lateral malleolus (popliteal crease + 16 cun, WHO row 18)",
        ),
        (
            "side_calcaneal_tendon",
            SIDE,
            CALCANEAL_TENDON_X,
            level["lateral_malleolus"],
            "Front edge of the calcaneal tendon at the malleolar level",
        ),
        (
            "side_fourth_fifth_metatarsal_base",
            SIDE,
            3.2,
            level["lateral_malleolus"] + 1.2,
            "Junction of the bases of the 4th and 5th metatarsals, top of the foot (drawing proportion)",
        ),
    ]
    return rows


# The outline of the figure (cun), one closed contour: down the front from the vertex (face,
# neck, chest, belly, thigh, knee, shin, top of the foot), along the sole, up the back (heel, calf,
# back of the knee and thigh, buttock, lumbar curve, back, neck, occiput).
# fmt: off
BODY: list[tuple[float, float]] = [
    (0.3, 0.0), (1.9, 0.35), (3.1, 1.2), (3.75, 2.4), (4.0, 3.6), (4.1, 4.6), (4.05, 5.0), (3.85, 5.4),
    (4.3, 6.2), (4.75, 6.85), (4.4, 7.1), (4.15, 7.3), (4.3, 7.7), (4.2, 8.05), (4.25, 8.35), (3.95, 8.7),
    (4.15, 9.3), (3.85, 9.85), (2.6, 10.15), (1.85, 10.6), (2.35, 11.8), (2.8, 12.7), (3.15, 13.1),
    (3.75, 14.1), (4.15, 15.6), (4.6, 17.3), (5.0, 18.45), (4.85, 19.6), (4.45, 20.7), (4.3, 22.0),
    (4.25, 24.5), (4.45, 27.0), (4.65, 29.0), (4.7, 30.0), (4.6, 31.5), (4.35, 33.2), (3.95, 34.6),
    (3.6, 35.5), (3.75, 37.0), (3.95, 39.5), (3.9, 43.0), (3.65, 47.0), (3.3, 50.5), (2.95, 52.6),
    (2.95, 53.3), (3.1, 54.2), (2.9, 55.1), (2.5, 55.9), (2.5, 57.0), (2.2, 59.0), (2.0, 63.0),
    (1.7, 67.0), (1.4, 69.5), (1.5, 70.7), (2.3, 71.3), (3.8, 71.8), (5.5, 72.45), (6.8, 72.85),
    (7.6, 73.0), (7.9, 73.3), (7.65, 73.6), (5.5, 73.65), (2.0, 73.55), (-1.5, 73.65), (-2.7, 73.55),
    (-3.25, 73.0), (-3.15, 72.1), (-2.65, 71.0), (-2.45, 69.5), (-2.55, 67.0), (-3.0, 64.0),
    (-3.45, 61.0), (-3.4, 58.5), (-3.0, 56.5), (-2.5, 55.3), (-2.55, 54.0), (-2.85, 51.0), (-3.35, 47.5),
    (-3.85, 44.0), (-4.25, 41.5), (-4.9, 40.6), (-5.3, 39.0), (-5.3, 37.0), (-4.95, 35.2), (-4.35, 33.8),
    (-3.7, 32.3), (-3.3, 30.5), (-3.35, 28.5), (-3.75, 26.0), (-4.25, 23.0), (-4.55, 20.0), (-4.5, 17.0),
    (-4.1, 14.6), (-3.55, 13.0), (-2.9, 11.8), (-2.5, 10.6), (-2.7, 9.6), (-3.2, 8.6), (-3.9, 7.3),
    (-4.2, 5.6), (-4.1, 3.8), (-3.5, 2.2), (-2.5, 0.9), (-1.2, 0.15),
]
# The right arm raised, the hand on the head, seen from the right (cun). The upper arm rises from
# the shoulder behind the ear to the elbow, bent above the back of the head (the olecranon its
# highest point); the forearm comes forward from it over the crown, foreshortened (it runs in
# towards the midline as much as forward), and the hand rests palm down on the front of the crown,
# its fingers (ARM_FINGERS) over the top of the head towards the forehead, the little finger
# nearest. One outline: up the front (biceps) border from the anterior axillary fold, into the bend
# of the elbow, along the underside of the forearm and the palm (resting on the scalp) to the
# knuckles, back along the back of the hand and the forearm, round the olecranon, down the back
# (triceps) border to the posterior axillary fold; the last stretch, across the shoulder inside
# the trunk, closes it. Drawing proportions: the upper arm about 13 cun from the shoulder to the
# olecranon (the acromion to the cubital crease on the front view is 12.9), 3.5 wide at the
# shoulder and 3 at the elbow; the forearm 1.6 thick below the elbow and 1 at the wrist (its top
# kept below the view's caption).
ELBOW_BEND = (-2.9, 0.3)  # the inside of the elbow, where the forearm leaves the upper arm
ARM: list[tuple[float, float]] = [
    (1.55, 15.0), (1.4, 13.7), (1.05, 12.3), (0.4, 10.7), (-0.4, 8.9), (-1.2, 7.0), (-1.75, 5.2),
    (-2.15, 3.6), (-2.5, 2.1), (-2.75, 1.1), ELBOW_BEND,  # front border, behind the ear, to the bend
    (-2.2, 0.22), (-1.25, 0.16), (-0.25, 0.1),  # under the forearm, clear of the crown, to the wrist
    (0.6, 0.45), (1.1, 0.87), (1.45, 0.92), (1.9, 0.4), (1.95, -0.4),  # the palm's edge, the knuckles
    (0.9, -0.72), (-0.2, -0.85), (-1.5, -0.97), (-2.8, -1.1),  # back of the hand and the forearm
    (-3.9, -1.25), (-4.85, -0.9), (-5.3, 0.0),  # round the olecranon
    (-5.45, 1.5), (-5.35, 3.2), (-5.05, 5.0), (-4.6, 7.0), (-4.05, 9.0), (-3.45, 11.0), (-2.95, 12.6),
    (-2.75, 14.1), (-1.2, 14.9),  # back border down to the posterior fold, then across the shoulder
]
# Where the arm's own border shows (drawn over the head, neck and shoulder): from the top of the
# anterior axillary fold round the hand and the elbow to the top of the posterior fold; below them
# the folds carry on as faint lines and the rest closes the outline inside the trunk.
ARM_BORDER: list[tuple[float, float]] = ARM[1:-1]
# The fingers of the hand on the head, seen from the little finger's side (the thumb is beyond,
# hidden), farthest first: knuckle, middle and tip of each finger's centre line, and half its
# thickness. They follow the curve of the crown, the index on the profile of the head and each
# nearer finger lower down its side, the middle finger the longest, so the tips are staggered
# (drawing proportions; foreshortened, the hand pointing in towards the midline as well as forward).
ARM_FINGERS: list[tuple[str, list[tuple[float, float]], float]] = [
    ("index", [(1.58, -0.08), (2.52, 0.34), (3.31, 0.99)], 0.31),
    ("middle", [(1.51, 0.19), (2.53, 0.68), (3.33, 1.47)], 0.32),
    ("ring", [(1.43, 0.47), (2.3, 0.87), (2.98, 1.48)], 0.3),
    ("little", [(1.36, 0.71), (2.02, 0.99), (2.59, 1.43)], 0.27),
]
# The ear: from the level of the eyebrows to the base of the nose (drawing proportion).
EAR: list[tuple[float, float]] = [
    (0.1, 4.85), (-0.55, 4.6), (-1.05, 5.0), (-1.15, 6.0), (-0.8, 6.95), (-0.15, 7.2), (0.1, 6.6),
]
# fmt: on


def finger_outline(line: list[tuple[float, float]], half: float) -> list[tuple[float, float]]:
    """One finger of the raised hand round its centre line (knuckle, middle, apex of the tip): its
    two sides, the rounded tip (few points, for a smooth closed path)."""
    (x0, y0), (x1, y1), (x2, y2) = line
    r_end = half * 0.9

    def normal(dx: float, dy: float) -> tuple[float, float]:
        n = math.hypot(dx, dy)
        return (-dy / n, dx / n)

    n0, n1, n2 = normal(x1 - x0, y1 - y0), normal(x2 - x0, y2 - y0), normal(x2 - x1, y2 - y1)
    ux, uy = n2[1], -n2[0]  # along the last phalanx, towards the tip
    centre = (x2 - ux * r_end, y2 - uy * r_end)
    left = [(x0 + n0[0] * half, y0 + n0[1] * half), (x1 + n1[0] * half, y1 + n1[1] * half)]
    right = [(x1 - n1[0] * half, y1 - n1[1] * half), (x0 - n0[0] * half, y0 - n0[1] * half)]
    tip = []
    for k in range(5):  # the half circle round the tip, from the left side to the right
        t = math.pi * k / 4
        c, s = math.cos(t), math.sin(t)
        tip.append((centre[0] + (n2[0] * c + ux * s) * r_end, centre[1] + (n2[1] * c + uy * s) * r_end))
    return [(round(x, 3), round(y, 3)) for x, y in left + tip + right]


def arm_fingers() -> list[list[tuple[float, float]]]:
    """The raised hand's fingers' outlines, farthest first (drawn in that order, each over the last)."""
    return [finger_outline(line, half) for _name, line, half in ARM_FINGERS]


def side_parts() -> list[tuple[list[tuple[float, float]], bool]]:
    """The closed outlines of the side view's silhouette: the body and the raised arm (its fingers
    are drawn over it and the head, by ``tools/figure_side.py``)."""
    return [(list(BODY), True), (list(ARM), True)]


def under_arm(x: float, y: float) -> bool:
    """Whether (x, y) is covered by the drawn arm (inside its outline or a finger's)."""
    return any(polygon_contains(outline, x, y) for outline in [ARM, *arm_fingers()])


# Short names for the locate answer's landmark line (anatomy.SHORT_LABELS takes these in).
SIDE_SHORT_LABELS = {
    "side_vertex": "vertex",
    "side_axillary_fossa": "axillary fossa",
    "side_ics4": "4th intercostal space",
    "side_ics6": "6th intercostal space",
    "side_ics7": "7th intercostal space",
    "side_nipple": "nipple",
    "side_rib11_end": "free end of the 11th rib",
    "side_rib12_end": "free end of the 12th rib",
    "side_umbilicus": "umbilicus level",
    "side_asis": "anterior superior iliac spine",
    "side_iliac_crest_top": "iliac crest (L4)",
    "side_greater_trochanter": "greater trochanter",
    "side_asis_trochanter_mid": "ASIS - trochanter, midpoint",
    "side_trochanter_hiatus_lateral_third": "trochanter-hiatus line, lateral third",
    "side_gluteal_fold": "gluteal fold",
    "side_middle_fingertip": "fingertip, arm hanging",
    "side_femur_lateral_epicondyle": "lateral epicondyle of the femur",
    "side_popliteal_crease": "popliteal crease",
    "side_patella_base": "patella base, lateral end",
    "side_lateral_knee_eye": "lateral knee eye",
    "side_fibula_head": "head of the fibula",
    "side_lateral_malleolus": "lateral malleolus",
    "side_calcaneal_tendon": "calcaneal tendon",
    "side_fourth_fifth_metatarsal_base": "4th-5th metatarsal bases",
}
