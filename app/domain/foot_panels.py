"""The foot close-up: its four panels, their outlines and their landmarks (cun, no Qt).

One view space holds four panels, each drawn round a reference point (its origin):

* **lateral** side of the RIGHT foot (top left) and **medial** side of the LEFT foot (bottom
  left): toes to the viewer's right on both, so ``+x`` is anterior (distal on the foot) and
  ``+y`` is down (towards the sole);
* **dorsum** of the RIGHT foot seen from above, toes down (top middle): ``+x`` is medial (the big
  toe), ``+y`` distal;
* **sole** of the RIGHT foot seen from below, toes UP and the heel down (top right), the usual
  way a plantar chart is drawn: ``+x`` is medial (the big toe, on the same side as on the dorsum
  beside it), ``-y`` distal.

WHO 2008 gives no foot measurement except "medial malleolus to sole 3 B-cun" (row 19), so every
size here is a drawing proportion in the body's cun (foot length heel to big toe about 12.4 cun,
the medial malleolus 3 cun above the sole). A toe point "0.1 F-cun from the corner of the nail"
is drawn 0.1 cun of this figure from the drawn corner: the close-up takes 1 F-cun as 1 figure cun
(a drawing proportion; the thumb drawn on the hand close-up is about that wide).

``tools/figure_foot.py`` draws the panels from these numbers, so the markers and the drawing
cannot drift apart.
"""

from __future__ import annotations

import math

from .vocabulary import View

FOOT = View.FOOT
Pt = tuple[float, float]

# Panel origins (view coordinates of each panel's reference point).
FOOT_LATERAL_ORIGIN = (5.0, 6.8)  # right foot, lateral malleolus prominence
FOOT_MEDIAL_ORIGIN = (5.0, 17.6)  # left foot, medial malleolus prominence
FOOT_DORSUM_ORIGIN = (18.6, 5.2)  # right foot, front of the ankle midway between the malleoli
FOOT_SOLE_ORIGIN = (26.1, 14.1)  # right foot, back of the heel on the sole
PANEL_ORIGINS: dict[str, Pt] = {
    "lateral": FOOT_LATERAL_ORIGIN,
    "medial": FOOT_MEDIAL_ORIGIN,
    "dorsum": FOOT_DORSUM_ORIGIN,
    "sole": FOOT_SOLE_ORIGIN,
}
FOOT_FRAME = (0.0, 0.0, 29.5, 23.0)  # x_min, y_min, x_max, y_max

# fmt: off
# The side panels' outlines: up the back of the leg from the cut at the top (the calf's lower part),
# in along the calcaneal tendon's concave curve to its narrowest above the malleolus, out round
# the heel, projecting behind the tendon, along the sole to the toe, back along the dorsum, up the
# front of the leg (the shin, widening a little upwards) and across a wavy cut. On the medial side
# the sole rises off the ground under the longitudinal arch, between the heel and the ball.
LATERAL_PROFILE: list[Pt] = [
    (-2.6, -5.3), (-2.35, -4.2), (-2.0, -2.6), (-1.86, -1.3), (-1.98, -0.1), (-2.3, 0.8), (-2.47, 1.5),
    (-2.35, 2.25), (-1.75, 2.7), (0.5, 2.75), (3.5, 2.62), (6.0, 2.75), (8.1, 2.78), (9.2, 2.5),
    (9.35, 2.0), (8.6, 1.65), (6.6, 1.3), (4.2, 0.55), (2.4, -0.25), (1.4, -0.95), (1.22, -2.2),
    (1.4, -3.8), (1.62, -5.55), (1.6, -5.85), (0.9, -5.95), (-0.1, -5.72), (-1.1, -5.95), (-2.0, -5.74),
    (-2.62, -5.85), (-2.66, -5.6),
]
MEDIAL_PROFILE: list[Pt] = [
    (-2.6, -5.5), (-2.35, -4.3), (-2.0, -2.7), (-1.86, -1.3), (-1.98, 0.1), (-2.32, 1.0), (-2.5, 1.75),
    (-2.38, 2.55), (-1.75, 2.98), (-0.5, 3.05), (0.6, 2.95), (1.6, 2.7), (2.6, 2.45), (3.6, 2.42),
    (4.6, 2.6), (5.6, 2.88), (7.0, 3.02), (9.0, 3.0), (9.95, 2.75), (10.05, 2.15), (9.4, 1.75), (7.2, 1.5),
    (4.6, 0.85), (3.0, 0.32), (1.95, -0.15), (1.38, -0.85), (1.2, -2.2), (1.4, -3.9), (1.62, -5.75),
    (1.6, -6.05), (0.9, -6.15), (-0.1, -5.92), (-1.1, -6.15), (-2.0, -5.94), (-2.62, -6.05), (-2.66, -5.8),
]
# The ground under each side panel (y): the heel and the ball stand on it, the arch is clear of it.
LATERAL_GROUND_Y, MEDIAL_GROUND_Y = 2.8, 3.06
DORSUM_OUTLINE: list[Pt] = [
    (-1.55, -4.0), (-1.6, -1.5), (-1.95, 0.35), (-1.85, 1.6), (-2.1, 3.6), (-2.3, 5.5), (-2.15, 6.3),
    (-1.95, 6.85), (-1.3, 7.15), (-0.6, 7.4), (0.4, 7.55), (1.3, 7.45), (2.25, 7.3), (2.42, 6.6),
    (2.45, 5.9), (2.1, 3.5), (1.8, 1.6), (1.85, -0.1), (1.55, -1.5), (1.55, -4.0), (0.5, -4.08),
    (-0.5, -4.08),
]
# (MTP head, tip, half width) of each toe on the dorsum, big toe first
DORSUM_TOES: list[tuple[Pt, Pt, float]] = [
    ((1.62, 6.3), (1.4, 9.05), 0.6), ((0.6, 6.75), (0.5, 8.95), 0.45), ((-0.2, 6.65), (-0.3, 8.65), 0.42),
    ((-0.95, 6.4), (-1.0, 8.3), 0.4), ((-1.6, 6.05), (-1.65, 7.85), 0.37),
]
DORSUM_BASES: list[Pt] = [(1.2, 2.5), (0.7, 2.6), (0.0, 2.85), (-0.7, 3.0), (-1.45, 3.2)]
# The sole, heel at the origin and the toes up (y < 0). The ball is about as wide as the dorsum
# at the metatarsal heads, the heel about 2.9 cun, the medial border drawn in along the arch.
SOLE_OUTLINE: list[Pt] = [
    (0.0, 0.0), (0.85, -0.15), (1.35, -0.65), (1.5, -1.5), (1.45, -2.6), (1.35, -3.7), (1.4, -4.8),
    (1.65, -6.0), (2.05, -7.2), (2.4, -8.4), (2.5, -9.3), (2.35, -10.0), (1.6, -10.3), (0.6, -10.35),
    (-0.25, -10.15), (-1.0, -9.8), (-1.65, -9.3), (-2.15, -8.6), (-2.3, -7.6), (-2.2, -6.0), (-1.95, -4.4),
    (-1.7, -3.0), (-1.5, -1.8), (-1.3, -0.75), (-0.8, -0.15),
]
# (base inside the sole outline, tip, half width) of each toe on the sole, big toe first: the same
# lengths as the side views (heel to big toe tip about 12.4 cun)
SOLE_TOES: list[tuple[Pt, Pt, float]] = [
    ((1.6, -9.7), (1.5, -12.4), 0.64), ((0.6, -9.9), (0.5, -12.15), 0.45),
    ((-0.22, -9.7), (-0.3, -11.75), 0.42), ((-0.98, -9.35), (-1.08, -11.3), 0.39),
    ((-1.64, -8.85), (-1.78, -10.7), 0.35),
]
# The border of the red and white flesh (dorsal and plantar skin) along each side of the foot:
# the points there ("at the red-white flesh border") sit on these lines.
LATERAL_RED_WHITE: list[Pt] = [
    (-2.2, 2.0), (-0.78, 2.33), (1.25, 2.33), (2.95, 2.25), (4.8, 2.2), (6.8, 2.15), (7.75, 2.15),
    (8.7, 2.25),
]
MEDIAL_RED_WHITE: list[Pt] = [
    (-2.3, 2.35), (-0.8, 2.6), (0.4, 2.5), (1.2, 2.25), (2.4, 2.1), (3.55, 2.15), (5.2, 2.25), (6.5, 2.3),
    (7.7, 2.3), (9.3, 2.4),
]
# fmt: on

# The malleoli as drawn (half widths, half heights): their borders are the landmarks below.
LATERAL_MALLEOLUS_RADII = (0.55, 0.62)
MEDIAL_MALLEOLUS_RADII = (0.6, 0.65)
# Nails: on the dorsum a nail covers the distal part of its toe (its length and half width in
# the toe's half widths); on the side panels a sliver along the top of the toe, from its base
# corner (the landmark) to the tip.
NAIL_LENGTH, NAIL_HALF_WIDTH = 1.15, 0.68
LITTLE_NAIL_CORNER = (8.75, 1.85)  # lateral panel
FIFTH_MTP = (7.3, 2.15)  # lateral panel
# The back of the heel on the lateral panel, as the BL64 midpoint measures it (WHO: the tuberosity
# about midway between the heel and the 5th MTP joint); the drawn heel's most prominent point is
# 0.1 cun further back.
HEEL_BACK_X = -2.35
BIG_NAIL_CORNER = (9.1, 2.0)  # medial panel
# WHO: 0.1 F-cun from the corner (proximal to it, or proximal and to the side); 1 F-cun is drawn as
# 1 figure cun, so a nail point is 0.1 cun (3.4 SVG px) from its drawn corner; the big toenail is
# drawn 0.82 cun wide
NAIL_POINT_CUN = 0.1


def at(origin: Pt, dx: float, dy: float) -> Pt:
    return (round(origin[0] + dx, 3), round(origin[1] + dy, 3))


def placed(origin: Pt, pts: list[Pt]) -> list[Pt]:
    return [(origin[0] + x, origin[1] + y) for x, y in pts]


def dorsum_nail(toe: int) -> tuple[Pt, Pt, Pt]:
    """The dorsum nail of a toe (0 = big toe), relative to the panel: its lateral and medial
    corners at the base, and its free edge's middle. Medial is +x on this panel."""
    (_head, tip, half) = DORSUM_TOES[toe]
    base_y = tip[1] - NAIL_LENGTH * half - 0.08
    w = NAIL_HALF_WIDTH * half
    return ((tip[0] - w, base_y), (tip[0] + w, base_y), (tip[0], tip[1] - 0.06))


def toe_web(first: int) -> Pt:
    """The dorsum web between toe ``first`` and the next (0 = between the big toe and the 2nd),
    on the drawn web margin, relative to the panel."""
    (h1, _t1, r1), (h2, _t2, r2) = DORSUM_TOES[first], DORSUM_TOES[first + 1]
    x = round((h1[0] - r1 + h2[0] + r2) / 2, 3)
    return (x, round(_edge_y(DORSUM_OUTLINE, x, distal=True) - 0.15, 3))


def sole_web(first: int) -> Pt:
    """The plantar web between toe ``first`` and the next, on the sole's distal edge."""
    (b1, _t1, r1), (b2, _t2, r2) = SOLE_TOES[first], SOLE_TOES[first + 1]
    x = round((b1[0] - r1 + b2[0] + r2) / 2, 3)
    return (x, round(_edge_y(SOLE_OUTLINE, x, distal=False) - 0.1, 3))


def _edge_y(outline: list[Pt], x: float, distal: bool) -> float:
    """Where a vertical line at x crosses an outline: the lowest (distal=True) or highest crossing."""
    ys = []
    for (x0, y0), (x1, y1) in zip(outline, outline[1:] + outline[:1], strict=True):
        if (x0 - x) * (x1 - x) <= 0 and x0 != x1:
            ys.append(y0 + (y1 - y0) * (x - x0) / (x1 - x0))
    return max(ys) if distal else min(ys)


_L, _M, _D, _S = FOOT_LATERAL_ORIGIN, FOOT_MEDIAL_ORIGIN, FOOT_DORSUM_ORIGIN, FOOT_SOLE_ORIGIN
_NAILS = [dorsum_nail(i) for i in range(5)]
_TOE = ("big toe", "2nd toe", "3rd toe", "4th toe", "little toe")
_WEB = ("1st and 2nd", "2nd and 3rd", "3rd and 4th", "4th and 5th")

# id, x, y, description (all on the foot view). Positions are drawing proportions unless a row
# says otherwise.
FOOT_ROWS: list[tuple[str, str, float, float, str]] = [
    # lateral side of the right foot (origin: lateral malleolus prominence)
    ("lateral_malleolus_side", FOOT, *at(_L, 0.0, 0.0), "Prominence of the lateral malleolus"),
    (
        "lateral_malleolus_inferior",
        FOOT,
        *at(_L, 0.0, 0.75),
        "Depression below the inferior border of the lateral malleolus",
    ),
    (
        "calcaneal_tendon_lateral",
        FOOT,
        *at(_L, -1.55, 0.0),
        "Front edge of the calcaneal tendon, lateral side, at the malleolar level",
    ),
    (
        "calcaneus_lateral_red_white",
        FOOT,
        *at(_L, -0.78, 2.33),
        "Lateral side of the calcaneus at the red-white flesh border, below the hollow behind the malleolus",
    ),
    ("cuboid", FOOT, *at(_L, 1.55, 1.25), "Cuboid bone, the middle of its lateral face"),
    # WHO (BL64): the tuberosity is about midway between the heel and the 5th MTP joint
    (
        "fifth_metatarsal_tuberosity",
        FOOT,
        *at(_L, round((HEEL_BACK_X + FIFTH_MTP[0]) / 2, 2), 2.1),
        "Tuberosity of the 5th metatarsal bone",
    ),
    ("fifth_mtp_lateral", FOOT, *at(_L, *FIFTH_MTP), "Lateral side of the 5th metatarsophalangeal joint"),
    (
        "little_toenail_lateral_corner",
        FOOT,
        *at(_L, *LITTLE_NAIL_CORNER),
        "Lateral corner of the little toenail",
    ),
    # medial side of the left foot (origin: medial malleolus prominence, 3 cun above the sole, WHO row 19)
    (
        "medial_malleolus_side",
        FOOT,
        *at(_M, 0.0, 0.0),
        "Prominence of the medial malleolus (3 cun above the sole)",
    ),
    (
        "medial_malleolus_inferior",
        FOOT,
        *at(_M, 0.0, MEDIAL_MALLEOLUS_RADII[1]),
        "Inferior border of the medial malleolus",
    ),
    (
        "medial_malleolus_anteroinferior",
        FOOT,
        *at(_M, *MEDIAL_MALLEOLUS_RADII),
        "Where the lines of the anterior and inferior borders of the medial malleolus meet",
    ),
    (
        "ankle_front_medial_view",
        FOOT,
        *at(_M, 2.2, 0.0),
        "Front of the ankle joint, midway between the malleoli, at the front contour of the medial view",
    ),
    (
        "calcaneal_tendon_medial",
        FOOT,
        *at(_M, -1.55, 0.0),
        "Front edge of the calcaneal tendon, medial side, at the malleolar level",
    ),
    (
        "calcaneal_tendon_medial_attachment",
        FOOT,
        *at(_M, -1.7, 1.2),
        "Medial attachment of the calcaneal tendon on the calcaneus",
    ),
    (
        "tibia_medial_border",
        FOOT,
        *at(_M, -0.25, -3.0),
        "Posterior border of the tibia, medial side, 3 cun above the malleolus",
    ),
    # WHO's SP5 is both midway between the navicular tuberosity and the malleolar prominence and
    # at the corner of the malleolus' anterior and inferior borders: the tuberosity is drawn where
    # both hold (twice that corner), about 2.5 cm in front of and below the prominence
    (
        "navicular_tuberosity",
        FOOT,
        *at(_M, 2 * MEDIAL_MALLEOLUS_RADII[0], 2 * MEDIAL_MALLEOLUS_RADII[1]),
        "Tuberosity of the navicular bone",
    ),
    (
        "first_metatarsal_base_medial",
        FOOT,
        *at(_M, 3.2, 1.85),
        "Base of the 1st metatarsal bone, medial side",
    ),
    ("first_mtp_medial", FOOT, *at(_M, 7.1, 2.3), "Medial side of the 1st metatarsophalangeal joint"),
    ("big_toenail_medial_corner", FOOT, *at(_M, *BIG_NAIL_CORNER), "Medial corner of the big toenail"),
    # dorsum of the right foot (origin: front of the ankle, midway between the malleoli, WHO ST41)
    (
        "ankle_front_dorsum",
        FOOT,
        *at(_D, 0.0, 0.0),
        "Front of the ankle, midway between the malleolar prominences",
    ),
    (
        "first_second_metatarsal_base",
        FOOT,
        *at(_D, 0.95, 2.7),
        "Junction of the bases of the 1st and 2nd metatarsals",
    ),
    (
        "second_metatarsal_cuneiform_joint",
        FOOT,
        *at(_D, *DORSUM_BASES[1]),
        "Joint of the base of the 2nd metatarsal with the intermediate cuneiform",
    ),
    (
        "fourth_fifth_metatarsal_base",
        FOOT,
        *at(_D, -1.25, 3.1),
        "Junction of the bases of the 4th and 5th metatarsals",
    ),
    ("second_mtp_dorsum", FOOT, *at(_D, *DORSUM_TOES[1][0]), "2nd metatarsophalangeal joint, dorsum"),
    ("fourth_mtp_dorsum", FOOT, *at(_D, *DORSUM_TOES[3][0]), "4th metatarsophalangeal joint, dorsum"),
    ("first_second_toe_web", FOOT, *at(_D, 1.15, 7.3), "Web between the 1st and 2nd toes"),
    *[
        (f"{name}_toe_web", FOOT, *at(_D, *toe_web(i)), f"Web between the {_WEB[i]} toes")
        for i, name in ((1, "second_third"), (2, "third_fourth"))
    ],
    ("fourth_fifth_toe_web", FOOT, *at(_D, -1.35, 7.0), "Web between the 4th and 5th toes"),
    ("big_toenail_lateral_corner", FOOT, *at(_D, *_NAILS[0][0]), "Lateral corner of the big toenail"),
    ("big_toenail_medial_corner_dorsum", FOOT, *at(_D, *_NAILS[0][1]), "Medial corner of the big toenail"),
    ("second_toenail_lateral_corner", FOOT, *at(_D, *_NAILS[1][0]), "Lateral corner of the 2nd toenail"),
    ("fourth_toenail_lateral_corner", FOOT, *at(_D, *_NAILS[3][0]), "Lateral corner of the 4th toenail"),
    (
        "little_toenail_lateral_corner_dorsum",
        FOOT,
        *at(_D, *_NAILS[4][0]),
        "Lateral corner of the little toenail",
    ),
    # sole of the right foot, toes up (origin: back of the heel)
    ("heel_sole", FOOT, *at(_S, 0.0, 0.0), "Back of the heel, on the sole"),
    (
        "second_third_toe_web_sole",
        FOOT,
        *at(_S, *sole_web(1)),
        "Web between the 2nd and 3rd toes, on the sole",
    ),
]

SHORT_LABELS = {
    "calcaneus_lateral_red_white": "calcaneus, red-white border",
    "medial_malleolus_anteroinferior": "medial malleolus, front-lower corner",
    "ankle_front_medial_view": "front of the ankle",
    "calcaneal_tendon_medial_attachment": "calcaneal tendon attachment",
    "second_metatarsal_cuneiform_joint": "2nd metatarsal base",
    "first_metatarsal_base_medial": "1st metatarsal base",
    "second_mtp_dorsum": "2nd MTP joint",
    "fourth_mtp_dorsum": "4th MTP joint",
    "big_toenail_medial_corner_dorsum": "big toenail, medial corner",
    "little_toenail_lateral_corner_dorsum": "little toenail corner",
    "heel_sole": "heel",
    "second_third_toe_web_sole": "2nd-3rd toe web (sole)",
}

_LAT_OUTLINE = placed(_L, LATERAL_PROFILE)
_MED_OUTLINE = placed(_M, MEDIAL_PROFILE)


def _toe_outline(origin: Pt, a: Pt, b: Pt, r: float) -> list[Pt]:
    """A toe as a polygon (a rectangle from a to b with a pointed cap), for containment tests."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy)
    ux, uy, nx, ny = dx / length, dy / length, -dy / length, dx / length
    cap = (b[0] - ux * r * 0.6, b[1] - uy * r * 0.6)
    pts = [(a[0] + nx * r, a[1] + ny * r), (cap[0] + nx * r, cap[1] + ny * r), b]
    pts += [(cap[0] - nx * r, cap[1] - ny * r), (a[0] - nx * r, a[1] - ny * r)]
    return placed(origin, pts)


def panel_outlines(panel: str) -> list[list[Pt]]:
    """The drawn outlines of one panel in view coordinates (the drawing runs smooth curves through
    these points): the foot, and on the dorsum and the sole each toe."""
    if panel == "lateral":
        return [_LAT_OUTLINE]
    if panel == "medial":
        return [_MED_OUTLINE]
    if panel == "dorsum":
        return [placed(_D, DORSUM_OUTLINE)] + [_toe_outline(_D, h, t, r) for h, t, r in DORSUM_TOES]
    if panel == "sole":
        return [placed(_S, SOLE_OUTLINE)] + [_toe_outline(_S, b, t, r) for b, t, r in SOLE_TOES]
    raise KeyError(panel)


# Each panel's area (x_min, y_min, x_max, y_max), view coordinates: a click or marker belongs to one.
PANEL_BOXES: dict[str, tuple[float, float, float, float]] = {
    "lateral": (0.0, 0.0, 15.0, 11.5),
    "medial": (0.0, 11.5, 15.0, 23.0),
    "dorsum": (15.0, 0.0, 23.0, 23.0),
    "sole": (23.0, 0.0, 29.5, 23.0),
}


def panel_at(x: float, y: float) -> str | None:
    for name, (x0, y0, x1, y1) in PANEL_BOXES.items():
        if x0 <= x < x1 and y0 <= y < y1:
            return name
    return None
