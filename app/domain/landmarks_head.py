"""The head-and-neck close-up: its two panels, their outlines and landmarks (no Qt).

Two panels share one view space (like the foot close-up's):

* the **face** from the front (left): ``x`` is the offset from the anterior median line (``+x`` the
  viewer's right, the patient's LEFT); markers of bilateral points sit on the patient's RIGHT side
  (``-x``), the side the other panel shows. One B-cun is one unit both ways: the forehead is 3 cun
  (glabella to the anterior hairline, WHO row 2), the two forehead corners (ST8) 9 cun apart (WHO
  row 3, so 4.5 each side), the pupil line halfway (2.25, WHO's GB15); the face below the glabella
  is a drawing proportion (WHO gives no measurement there).
* the **right side** of the head and neck (right), the face to the viewer's right: ``x`` from the
  front of the tragus, ``+x`` anterior; ``y`` shares the face panel's levels (the anterior hairline
  at 0 on both, the eyes, ears and chin level with each other). The scalp's midline curve is scaled
  by its own proportional cun: the anterior to the posterior hairline is 12 B-cun (WHO row 1) along
  the drawn profile, with GV20 (5 B-cun behind the anterior hairline) straight above the auricular
  apex (WHO GV20 note). ``scalp_point`` gives a position on it, ``scalp_surface`` one off the
  midline (foreshortened towards the viewer: the scalp seen from the side).

Panel coordinates are relative to each panel's origin (``FACE_ORIGIN``: the midpoint of the
anterior hairline; ``SIDE_ORIGIN``: the front of the tragus across, the anterior hairline level
down); the rows below carry the offset already.
"""

from __future__ import annotations

import math
from itertools import pairwise

from .vocabulary import View

HEAD = View.HEAD
FACE_ORIGIN = (7.0, 3.6)
SIDE_ORIGIN = (22.0, 3.6)
# The face panel's right edge and the side panel's left edge: a marker's panel is found by its x.
PANEL_SPLIT_X = 14.9

Pt = tuple[float, float]


def face(dx: float, dy: float) -> Pt:
    return (round(FACE_ORIGIN[0] + dx, 3), round(FACE_ORIGIN[1] + dy, 3))


def side(dx: float, dy: float) -> Pt:
    return (round(SIDE_ORIGIN[0] + dx, 3), round(SIDE_ORIGIN[1] + dy, 3))


def catmull_rom(pts: list[Pt], closed: bool = True, steps: int = 12) -> list[Pt]:
    """Points along the Catmull-Rom curve through ``pts`` (the same curve the figure draws)."""
    n = len(pts)
    out: list[Pt] = []
    for i in range(n if closed else n - 1):
        p0 = pts[(i - 1) % n] if closed or i > 0 else pts[0]
        p1, p2 = pts[i], pts[(i + 1) % n]
        p3 = pts[(i + 2) % n] if closed or i + 2 < n else pts[-1]
        c1 = (p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
        c2 = (p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
        for k in range(steps):
            t = k / steps
            u = 1 - t
            out.append(
                (
                    u**3 * p1[0] + 3 * u * u * t * c1[0] + 3 * u * t * t * c2[0] + t**3 * p2[0],
                    u**3 * p1[1] + 3 * u * u * t * c1[1] + 3 * u * t * t * c2[1] + t**3 * p2[1],
                )
            )
    if not closed:
        out.append(pts[-1])
    return out


# fmt: off
# The face panel's outline, right half of the patient (viewer's left), top to chin (drawing proportion).
FACE_HALF = [(0.0, -2.6), (-2.5, -2.2), (-4.55, -0.95), (-5.0, 0.6), (-5.05, 2.4), (-4.95, 4.2),
             (-4.6, 6.0), (-4.1, 7.55), (-3.2, 8.65), (-1.8, 9.22), (0.0, 9.38)]
# The neck and the shoulders below the face, right half: the neck 7.5 cun wide, the shoulder line
# falling to the edge of the panel (drawing proportion).
NECK_HALF = [(0.0, 8.6), (-3.0, 8.6), (-3.7, 10.0), (-3.85, 11.25), (-4.9, 11.95), (-6.1, 12.55),
             (-6.45, 13.7), (0.0, 13.7)]
FACE_EAR = [(-4.9, 3.05), (-5.35, 2.8), (-5.7, 3.5), (-5.6, 4.7), (-5.3, 5.75), (-4.9, 6.0)]
# The side panel's outline, from the anterior hairline: over the scalp (its first
# points), down the back of the neck, along the cut at the shoulder, up the throat, the chin, the
# lips, the nose and the forehead (drawing proportion; the scalp's length is set by SCALP_CUN).
SIDE_OUTLINE = [
    (4.75, 0.0), (4.25, -1.2), (3.2, -2.05), (1.6, -2.55), (-0.4, -2.65), (-2.2, -2.25), (-3.5, -1.3),
    (-4.35, 0.1), (-4.75, 1.8), (-4.75, 3.3), (-4.5, 4.3), (-4.1, 5.2), (-3.8, 6.2), (-3.75, 7.4),
    (-4.0, 8.6), (-4.45, 9.8), (-5.1, 10.7), (-5.55, 11.9), (-5.6, 13.2), (-5.2, 13.8), (0.5, 13.9),
    (3.1, 13.75), (3.25, 13.2), (3.0, 12.6), (3.2, 11.5), (3.6, 10.35), (3.35, 9.85), (4.3, 9.55),
    (5.05, 9.3), (5.45, 8.7), (5.2, 7.8), (5.6, 7.3), (5.5, 6.95), (5.75, 6.6), (5.45, 6.1), (6.3, 5.85),
    (5.9, 4.6), (5.0, 3.4), (5.2, 2.95), (5.2, 1.5),
]
# The auricle on the side panel: the front of its root, up the helix to its apex, round the back
# and down to the lobe (drawing proportion: the ear spans the eyebrow to the base of the nose).
SIDE_EAR = [(-0.15, 3.3), (-0.55, 2.6), (-1.2, 2.3), (-1.85, 2.75), (-2.05, 3.8), (-1.9, 5.0),
            (-1.55, 5.9), (-1.0, 6.3), (-0.5, 6.05), (-0.3, 5.35), (0.0, 4.9), (-0.1, 4.3)]
# fmt: on
EAR_APEX_X = -1.2  # the auricular apex (its highest point, SIDE_EAR's third point)
SCALP_CUN = 12.0  # anterior to posterior hairline (WHO row 1)
C7_CUN = 3.0  # posterior hairline to GV14 below C7 (CHENG Table 5; WHO gives no neck segment)
GV20_CUN = 5.0  # behind the anterior hairline, straight above the auricular apex (WHO p. 213)
# The head's transverse curve for foreshortening the scalp off the midline on the side panel.
_SCALP_RADIUS = 5.0

_SIDE_CURVE = catmull_rom(SIDE_OUTLINE)
_SCALP_END = 17 * 12  # to the shoulder behind (its 18th point): levels are read above it
_ARC = [0.0]
for _a, _b in pairwise(_SIDE_CURVE[: _SCALP_END + 1]):
    _ARC.append(_ARC[-1] + math.dist(_a, _b))


def _arc_at_x(x: float) -> float:
    """Arc length (side panel units) from the anterior hairline to where the scalp crosses x."""
    for i, (a, b) in enumerate(pairwise(_SIDE_CURVE[: _SCALP_END + 1])):
        if b[0] <= x < a[0]:
            return _ARC[i] + math.dist(a, (x, a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0])))
    raise ValueError(x)


# Side panel units per B-cun along the scalp (about 1.43; the face panel has 1). Proportional cun
# are set per segment, so a scalp cun need not be as long as a forehead cun: WHO fixes both ends of
# this one. GV20 is 5 B-cun behind the anterior hairline and straight above the auricular apex
# (WHO p. 213), and the posterior hairline is 12 B-cun behind it (WHO p. 12, row 1). At one unit per
# cun GV20 would fall about 2.2 units (1.5 cun) in front of the ear's apex on the drawn head, and
# the posterior hairline high on the occiput, level with the anterior one, not at the nape. The
# scale is measured on the drawn profile, so the figure and the markers cannot disagree.
SCALP_UNITS_PER_CUN = _arc_at_x(EAR_APEX_X) / GV20_CUN


def _along(target: float) -> tuple[Pt, Pt]:
    """The point ``target`` units along the outline from the anterior hairline, and its tangent."""
    for i in range(1, len(_ARC)):
        if _ARC[i] >= target:
            a, b = _SIDE_CURVE[i - 1], _SIDE_CURVE[i]
            t = (target - _ARC[i - 1]) / (_ARC[i] - _ARC[i - 1])
            length = math.dist(a, b)
            return (a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])), (
                (b[0] - a[0]) / length,
                (b[1] - a[1]) / length,
            )
    raise ValueError(target)


def scalp_point(cun: float) -> Pt:
    """The side panel's midline point ``cun`` B-cun behind the anterior hairline (view coordinates)."""
    (x, y), _ = _along(cun * SCALP_UNITS_PER_CUN)
    return side(x, y)


def scalp_surface(cun: float, lateral: float) -> Pt:
    """Where a scalp point ``cun`` behind the anterior hairline and ``lateral`` B-cun off the
    midline shows on the side panel: moved in from the profile as the head curves towards the viewer."""
    (x, y), (tx, ty) = _along(cun * SCALP_UNITS_PER_CUN)
    inward = _SCALP_RADIUS * (1 - math.cos(lateral * SCALP_UNITS_PER_CUN / _SCALP_RADIUS))
    # the outline runs from the forehead back over the crown: the inside is to the left of its tangent
    return side(x + ty * inward, y - tx * inward)


def _nearest_on_scalp(x: float, y: float) -> tuple[float, float]:
    """(distance to the scalp midline curve, B-cun along it from the anterior hairline) of a
    position on the side panel (view coordinates)."""
    p = (x - SIDE_ORIGIN[0], y - SIDE_ORIGIN[1])
    best, best_arc = math.inf, 0.0
    for i, (a, b) in enumerate(pairwise(_SIDE_CURVE[: _SCALP_END + 1])):
        dx, dy = b[0] - a[0], b[1] - a[1]
        t = max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)))
        gap = math.dist(p, (a[0] + t * dx, a[1] + t * dy))
        if gap < best:
            best, best_arc = gap, _ARC[i] + t * math.hypot(dx, dy)
    return best, best_arc / SCALP_UNITS_PER_CUN


def scalp_cun(x: float, y: float) -> float:
    """B-cun from the anterior hairline of the scalp midline point nearest to (x, y) (view coordinates)."""
    return _nearest_on_scalp(x, y)[1]


# How far from the profile a side-panel position still counts as on the scalp (or the back of the
# neck), where levels are counted along the curve: ST8 and GB20, the farthest, are 2 units in.
SCALP_BAND = 2.2


def measured(x: float, y: float) -> Pt:
    """A side-panel position as levels are measured: on the scalp, (distance in from the profile,
    B-cun along it from the anterior hairline); elsewhere the position itself."""
    gap, cun = _nearest_on_scalp(x, y)
    return (gap, cun) if x >= PANEL_SPLIT_X and gap <= SCALP_BAND else (x, y)


def curve_fraction(pts: list[Pt], fraction: float) -> Pt:
    """The point ``fraction`` of the way along the polyline through ``pts`` (by length)."""
    lengths = [math.dist(a, b) for a, b in pairwise(pts)]
    target = fraction * sum(lengths)
    for (a, b), length in zip(pairwise(pts), lengths, strict=True):
        if target <= length:
            t = target / length
            return (round(a[0] + t * (b[0] - a[0]), 3), round(a[1] + t * (b[1] - a[1]), 3))
        target -= length
    return pts[-1]


def _ring(half: list[Pt]) -> list[Pt]:
    return list(half) + [(-x, y) for x, y in reversed(half) if x != 0]


def outlines() -> list[tuple[list[Pt], bool]]:
    """The closed outlines of the head view (view coordinates), each with whether the figure
    draws it as a smooth curve: the face, the neck and shoulders, the ears, the side view."""
    parts: list[tuple[list[Pt], bool]] = [
        ([face(*p) for p in _ring(FACE_HALF)], True),
        ([face(*p) for p in _ring(NECK_HALF)], False),
        ([face(*p) for p in FACE_EAR], True),
        ([face(-x, y) for x, y in FACE_EAR], True),
        ([side(*p) for p in SIDE_OUTLINE], True),
    ]
    return parts


def outline_polygons() -> list[list[Pt]]:
    """The outlines as the figure draws them (curves sampled), for "is this marker on the body"."""
    return [catmull_rom(poly) if smooth else poly for poly, smooth in outlines()]


def panel_of(x: float) -> str:
    return "face" if x < PANEL_SPLIT_X else "side"


# Levels shared by both panels (below the anterior hairline, drawing proportion except the glabella).
GLABELLA_Y = 3.0  # WHO row 2
EYE_Y = 3.9  # canthi and pupil
NOSE_TIP_Y = 5.8
ALA_MID_Y = 5.65  # midpoint of the lateral border of the ala
ALA_LOWER_Y = 6.0  # lower border of the ala, base of the nose
PHILTRUM_MID_Y = 6.35
MOUTH_Y = 6.95
MENTOLABIAL_Y = 7.75
CHIN_Y = 9.3
THYROID_TOP_Y = 10.15  # superior border of the thyroid cartilage (WHO: ST9, LI18, SI16)
CRICOID_Y = 11.1  # WHO: ST10, LI17
NOTCH_Y = 12.85  # suprasternal notch
MANDIBLE_ANGLE_Y = 7.6
PUPIL_X = -2.25  # face panel: halfway from GV24 to ST8 (WHO GB15), the patient's right
CORNER_X = -4.5  # the corner of the forehead (ST8, WHO row 3)
OUTER_CANTHUS_X = -3.6
# The lateral end of the eyebrow above GB1, half a cun outside the outer canthus: WHO puts TE23 (at the
# end of the eyebrow) superior to GB1 (0.5 B-cun lateral to the canthus), and superior to a point is
# directly above it. Derived; the rest of the eyebrow is a drawing proportion.
EYEBROW_LATERAL_X = OUTER_CANTHUS_X - 0.5
# ST9 over the common carotid artery 1.5 cun from the midline (Guangming), and ST11 directly below it
# (WHO: inferior to ST9; Guangming: straight below it), where the figure draws the gap between the
# sternocleidomastoid's two heads above the clavicle.
CAROTID_X = -1.5

# Curves WHO measures fractions along (side panel, relative to SIDE_ORIGIN).
ST8_SIDE = (3.05, -0.45)
GB7_SIDE = (0.45, 2.3)  # level with the auricular apex
TEMPLE_CURVE = [ST8_SIDE, (2.45, 0.45), (1.45, 1.45), GB7_SIDE]  # ST8 down inside the temple hairline
GB9_SIDE = (-1.7, 0.23)  # 2 cun above the hairline over the back of the ear root
GB12_SIDE = (-2.45, 6.75)
BEHIND_EAR_GB = [GB9_SIDE, (-2.7, 1.2), (-3.1, 3.2), (-2.95, 5.2), GB12_SIDE]  # GB9 to GB12
TE20_SIDE = (-1.2, 2.12)
TE17_SIDE = (-1.65, 6.3)
BEHIND_EAR_TE = [TE20_SIDE, (-2.05, 2.55), (-2.35, 3.8), (-2.2, 5.2), TE17_SIDE]  # TE20 to TE17


def _profile(index: int, t: float) -> Pt:
    """The side outline's point a fraction ``t`` of the way from its control point ``index`` to the
    next, where the figure draws it (a sample of the same curve)."""
    x, y = _SIDE_CURVE[index * 12 + round(t * 12)]
    return side(x, y)


def _frac(curve: list[Pt], fraction: float) -> Pt:
    return side(*curve_fraction(curve, fraction))


ROWS: list[tuple[str, str, float, float, str]] = [
    # face panel (drawing proportion below the glabella; WHO rows 2 and 3 above it)
    ("head_anterior_hairline", HEAD, *face(0, 0), "Midpoint of the anterior hairline (face)"),
    ("head_anterior_midline", HEAD, *face(0, 0), "Anterior median line (face)"),
    ("head_vertex_front", HEAD, *face(0, -2.4), "Top of the head seen from the front"),
    (
        "head_forehead_corner",
        HEAD,
        *face(CORNER_X, 0),
        "Corner of the forehead hairline (4.5 cun from the midline, WHO row 3)",
    ),
    ("glabella_face", HEAD, *face(0, GLABELLA_Y), "Glabella (anterior hairline + 3 cun, WHO row 2)"),
    ("eyebrow_medial_end", HEAD, *face(-0.8, GLABELLA_Y), "Medial end of the eyebrow"),
    ("eyebrow_centre", HEAD, *face(PUPIL_X, 2.7), "Centre of the eyebrow, above the pupil"),
    (
        "eyebrow_lateral_end",
        HEAD,
        *face(EYEBROW_LATERAL_X, 2.95),
        "Lateral end of the eyebrow (above GB1, half a cun outside the outer canthus: WHO's TE23 and GB1)",
    ),
    ("inner_canthus", HEAD, *face(-0.9, EYE_Y), "Inner canthus of the eye"),
    ("outer_canthus", HEAD, *face(OUTER_CANTHUS_X, EYE_Y), "Outer canthus of the eye"),
    ("pupil", HEAD, *face(PUPIL_X, EYE_Y), "Centre of the pupil, eyes looking ahead"),
    ("infraorbital_margin", HEAD, *face(PUPIL_X, 4.55), "Infraorbital margin below the pupil"),
    ("infraorbital_foramen", HEAD, *face(PUPIL_X, 4.95), "Infraorbital foramen"),
    (
        "zygoma_lower_face",
        HEAD,
        *face(OUTER_CANTHUS_X, 4.85),
        "Zygomatic bone, lower border, below the outer canthus",
    ),
    ("nose_tip", HEAD, *face(0, NOSE_TIP_Y), "Tip of the nose"),
    ("ala_lateral_mid", HEAD, *face(-0.8, ALA_MID_Y), "Ala of the nose, midpoint of its lateral border"),
    ("nasolabial_groove_top", HEAD, *face(-0.95, 5.35), "Upper end of the nasolabial groove, beside the ala"),
    ("ala_lower_border", HEAD, *face(-0.7, ALA_LOWER_Y), "Lower border of the ala of the nose"),
    ("nostril_lateral", HEAD, *face(-0.5, ALA_LOWER_Y), "Lateral margin of the nostril"),
    ("philtrum_mid_face", HEAD, *face(0, PHILTRUM_MID_Y), "Midpoint of the philtrum"),
    ("upper_lip_tubercle", HEAD, *face(0, 6.72), "Tubercle of the upper lip"),
    ("mouth_corner", HEAD, *face(-1.25, MOUTH_Y), "Corner of the mouth"),
    ("mentolabial_groove_face", HEAD, *face(0, MENTOLABIAL_Y), "Centre of the mentolabial groove"),
    ("chin_face", HEAD, *face(0, CHIN_Y), "Lowest point of the chin"),
    ("hyoid_face", HEAD, *face(0, 9.8), "Upper border of the hyoid bone, under the chin"),
    ("laryngeal_prominence", HEAD, *face(0, 10.4), "Laryngeal prominence"),
    ("thyroid_cartilage_top", HEAD, *face(0, THYROID_TOP_Y), "Superior border of the thyroid cartilage"),
    ("cricoid_cartilage", HEAD, *face(0, CRICOID_Y), "Cricoid cartilage"),
    ("suprasternal_notch_head", HEAD, *face(0, NOTCH_Y), "Suprasternal notch (fossa)"),
    # the sternocleidomastoid on the face panel: its borders at the thyroid and cricoid levels
    ("scm_front_thyroid", HEAD, *face(-1.75, THYROID_TOP_Y), "Anterior border of the SCM, thyroid level"),
    ("scm_back_thyroid", HEAD, *face(-3.05, THYROID_TOP_Y), "Posterior border of the SCM, thyroid level"),
    ("scm_front_cricoid", HEAD, *face(-1.35, CRICOID_Y), "Anterior border of the SCM, cricoid level"),
    ("scm_back_cricoid", HEAD, *face(-2.6, CRICOID_Y), "Posterior border of the SCM, cricoid level"),
    (
        "scm_heads_gap",
        HEAD,
        *face(CAROTID_X, 12.65),
        "Gap of the SCM heads, above the clavicle (between the sternal and clavicular heads; directly"
        " below ST9, WHO and Guangming)",
    ),
    ("clavicle_upper_mid", HEAD, *face(-4.0, 12.6), "Upper border of the clavicle, middle of the fossa"),
    # side panel (drawing proportion; the scalp by SCALP_UNITS_PER_CUN)
    ("head_anterior_hairline_side", HEAD, *side(4.75, 0), "Midpoint of the anterior hairline (side)"),
    ("tragus", HEAD, *side(0, 4.6), "Front of the centre of the tragus"),
    ("supratragic_notch", HEAD, *side(0.0, 4.1), "Supratragic notch, in front of the ear"),
    ("intertragic_notch", HEAD, *side(0.05, 5.15), "Intertragic notch, in front of the ear"),
    ("ear_apex", HEAD, *side(EAR_APEX_X, 2.3), "Apex of the auricle"),
    ("ear_lobe", HEAD, *side(-1.0, 6.25), "Lobe of the ear"),
    ("ear_lobe_front", HEAD, *side(-0.45, 6.05), "Front edge of the ear lobe"),
    ("temporal_hairline_apex", HEAD, *side(EAR_APEX_X, 2.05), "Temporal hairline above the ear apex"),
    ("ear_root_front", HEAD, *side(-0.15, 3.3), "Front of the root of the auricle"),
    ("mastoid_tip", HEAD, *side(-1.9, 6.35), "Lower tip of the mastoid process"),
    ("zygomatic_arch_mid", HEAD, *side(2.0, 4.25), "Midpoint of the zygomatic arch"),
    ("mandible_condyle", HEAD, *side(0.75, 4.7), "Condylar process of the mandible"),
    ("mandible_angle", HEAD, *side(0.35, MANDIBLE_ANGLE_Y), "Angle of the mandible"),
    ("masseter_attachment", HEAD, *side(2.45, 8.35), "Masseter attachment, its front (on the mandible)"),
    ("outer_canthus_side", HEAD, *side(4.05, EYE_Y), "Outer canthus of the eye (side)"),
    ("eyebrow_lateral_side", HEAD, *side(4.05, 2.95), "Lateral end of the eyebrow (side)"),
    ("chin_side", HEAD, *side(5.05, CHIN_Y), "Lowest point of the chin (side)"),
    ("laryngeal_prominence_side", HEAD, *side(3.6, 10.35), "Laryngeal prominence (side)"),
    ("temple_hairline_corner", HEAD, *side(*ST8_SIDE), "Corner of the forehead, 0.5 cun inside the hairline"),
    (
        "temple_hairline_back",
        HEAD,
        *side(*GB7_SIDE),
        "Posterior border of the temple hairline, ear apex level",
    ),
    ("behind_ear_gb9", HEAD, *side(*GB9_SIDE), "Behind the ear, above the back of the auricular root"),
    ("behind_ear_gb12", HEAD, *side(*GB12_SIDE), "Below and behind the mastoid process"),
    ("behind_ear_te20", HEAD, *side(*TE20_SIDE), "Above the ear apex, where the folded ear touches"),
    ("behind_ear_te17", HEAD, *side(*TE17_SIDE), "Behind the ear lobe, before the mastoid tip"),
    *[
        (f"temple_curve_{n}", HEAD, *_frac(TEMPLE_CURVE, n / 4), f"{n}/4 along the curve from ST8 to GB7")
        for n in (1, 2, 3)
    ],
    *[
        (f"behind_ear_gb_{n}", HEAD, *_frac(BEHIND_EAR_GB, n / 3), f"{n}/3 along the curve from GB9 to GB12")
        for n in (1, 2)
    ],
    *[
        (f"behind_ear_te_{n}", HEAD, *_frac(BEHIND_EAR_TE, n / 3), f"{n}/3 along the curve from TE20 to TE17")
        for n in (1, 2)
    ],
    ("scm_front_side", HEAD, *side(-0.35, 7.75), "SCM anterior border, behind the mandible angle"),
    (
        "scm_back_side",
        HEAD,
        *side(-2.5, MANDIBLE_ANGLE_Y),
        "Posterior border of the SCM, mandible angle level",
    ),
    # the face's midline on the side panel's profile (points of the outline itself)
    ("glabella_side", HEAD, *side(5.2, 2.95), "Glabella (side)"),
    ("nose_tip_side", HEAD, *side(6.3, 5.85), "Tip of the nose (side)"),
    (
        "philtrum_mid_side",
        HEAD,
        *_profile(SIDE_OUTLINE.index((5.45, 6.1)), 0.5),
        "Midpoint of the philtrum (side)",
    ),
    ("upper_lip_side", HEAD, *side(5.75, 6.6), "Tubercle of the upper lip (side)"),
    ("mentolabial_groove_side", HEAD, *side(5.2, 7.8), "Centre of the mentolabial groove (side)"),
    ("suprasternal_notch_side", HEAD, *side(3.0, 12.6), "Suprasternal notch (side)"),
    # the scalp midline (WHO row 1: 12 B-cun between the hairlines, along the profile)
    ("scalp_vertex", HEAD, *scalp_point(GV20_CUN), "Vertex, straight above the auricular apices (GV20)"),
    (
        "external_occipital_protuberance",
        HEAD,
        *scalp_point(9.5),
        "External occipital protuberance, upper border (GV17: posterior hairline + 2.5 cun, WHO GV18)",
    ),
    ("head_posterior_hairline", HEAD, *scalp_point(SCALP_CUN), "Midpoint of the posterior hairline (side)"),
    (
        "c7_side",
        HEAD,
        *scalp_point(SCALP_CUN + C7_CUN),
        "C7 spinous process (posterior hairline + 3 cun: CHENG, not WHO)",
    ),
]
# The hairlines on the side panel, whose levels are counted along the scalp: (cun behind the
# anterior hairline, +1 if "below" it runs towards the back of the neck, -1 if towards the vertex).
SCALP_LEVELS = {"head_anterior_hairline_side": (0.0, -1), "head_posterior_hairline": (SCALP_CUN, 1)}
