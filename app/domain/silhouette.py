"""The outlines of the whole figures, in cun (the axes of ``anatomy``: ``x = 0`` the midline,
``y`` down from the vertex).

``tools/draw_figures.py`` draws smooth curves through these points, and the diagram clips region
shading to them. They are right-hand halves or right-side parts; the left side is their mirror
image.
"""

from __future__ import annotations

import math

from . import body_hands
from .landmarks_side import side_parts
from .vocabulary import View

# fmt: off
HEAD_HALF = [(0, 0), (1.75, 0.3), (2.85, 1.3), (3.3, 2.9), (3.3, 4.6), (3.05, 6.3), (2.6, 7.8), (1.8, 9.05),
             (0.9, 9.75), (0, 9.95)]
NECK = [(-1.95, 8.2), (1.95, 8.2), (2.15, 11.8), (-2.15, 11.8)]
TORSO_HALF = [(0, 10.6), (2.2, 10.9), (3.7, 11.6), (5.6, 12.25), (7.3, 12.75), (8.6, 13.35), (9.4, 14.6),
              (9.2, 16.4), (6.5, 17.05), (6.25, 20.0), (5.85, 23.0), (5.3, 26.3), (5.25, 28.8), (5.75, 31.2),
              (6.75, 33.6), (7.45, 36.0), (7.45, 38.2), (6.6, 40.3), (4.2, 41.6), (1.6, 41.3), (0, 39.9)]
LEG_OUTER = [(4.3, 35.8), (7.45, 37.0), (7.35, 40.0), (6.95, 43.2), (6.2, 47.5), (5.45, 51.5), (5.1, 54.0),
             (5.05, 56.0), (5.4, 58.8), (5.3, 61.6), (4.8, 65.0), (4.35, 68.0), (4.2, 69.8), (4.5, 70.95)]
LEG_INNER = [(1.12, 70.0), (1.35, 68.8), (1.55, 66.5), (1.4, 62.0), (1.38, 59.5), (1.6, 57.0), (1.78, 55.0),
             (1.62, 52.5), (1.3, 49.0), (0.8, 45.0), (0.25, 41.2), (0.1, 39.4), (1.6, 37.0)]
# The feet, between the two legs' outlines: from the lateral malleolus (the last of LEG_OUTER, lower
# than the medial one, the first of LEG_INNER, each bulging out of the narrow ankle) round the foot.
# Seen from the front, toes towards us, the foot is foreshortened: the dorsum widens from the ankle
# to the forefoot (wider than the heel and the ankle), the lateral border out to the 5th metatarsal
# head, the medial border in along the arch and out to the ball of the big toe; the lower edge runs
# behind the toes (FRONT_TOES), which stand over it.
FOOT_FRONT = [(4.38, 71.65), (4.53, 72.3), (4.5, 72.85), (4.37, 73.08), (4.2, 73.25), (3.6, 73.2),
              (2.4, 73.2), (1.3, 73.3), (0.98, 72.95), (0.84, 72.45), (1.0, 71.75), (1.12, 70.85)]
# The toes as the front view shows them, each an outline of its own over the foot's lower edge
# (centre x, half width, top, tip), big toe first, on the medial side: the big toe about twice as
# wide as the 2nd, the others smaller in turn and each a little higher (the little toe is further
# back). The toes touch, so the lower edge is scalloped, a cleft between each two (drawing
# proportions; the web of the 1st and 2nd toes, LR2, is at x 2.3).
FRONT_TOES = [(1.6, 0.66, 72.55, 73.75), (2.55, 0.29, 72.75, 73.7), (3.1, 0.265, 72.8, 73.65),
              (3.61, 0.25, 72.85, 73.6), (4.07, 0.235, 72.9, 73.52)]
# Seen from behind: the heel, the rounded calcaneus under the calcaneal tendon, stands on the ground
# between the malleoli's levels and the sole; beyond it on either side the forefoot shows, wider
# than the heel: low on the lateral side the lateral border of the foot, higher on the medial side
# the ball and side of the big toe, under the arch.
FOOT_BACK = [(4.34, 71.7), (4.2, 72.3), (4.22, 72.85), (4.45, 73.05), (4.6, 73.3), (4.5, 73.52),
             (4.1, 73.63), (3.5, 73.75), (2.8, 73.78), (2.1, 73.75), (1.6, 73.66), (1.18, 73.55),
             (0.96, 73.3), (0.98, 72.95), (1.15, 72.65), (1.4, 72.42), (1.37, 72.0), (1.2, 71.3)]
# The heel's own contour where it stands in front of the forefoot, from behind (drawn by
# tools/draw_figures.py): from the lateral border of the foot round the calcaneus to the medial.
HEEL_BACK = [(4.22, 72.85), (4.12, 73.25), (3.9, 73.58), (3.5, 73.75), (2.8, 73.78), (2.1, 73.75),
             (1.72, 73.6), (1.5, 73.25), (1.42, 72.85), (1.4, 72.42)]
# One outline for the arm and the hand: down the lateral side, round the hand (the close-up's
# hand, body_hands: thumb lateral, as in the anatomical position), up the medial side. The digits
# are outlines of their own over it (body_hands.digit_outlines).
# The armpit (where the arm leaves the chest) is at the axillary-fold level, 9 cun above the
# cubital crease (WHO row 10); the elbow is widest at the epicondyles (anatomy_arm).
ARM = [
    (8.4, 13.2), (9.6, 14.2), (10.2, 16.0), (10.45, 19.0), (10.5, 22.5), (10.8, 25.9), (11.1, 29.0),
    (11.38, 33.0), (11.5, 35.8), (11.56, 36.9),  # forearm, radial side, to the wrist
    *body_hands.hand_border(),  # round the hand
    (8.9, 36.9), (8.85, 35.0), (8.65, 31.0), (8.0, 27.5), (7.6, 25.9), (7.4, 22.5), (7.05, 19.5), (6.9, 16.9),
    (7.2, 15.2),  # ulnar side of the forearm, the elbow, the arm
]
EAR = [(3.2, 4.4), (3.6, 4.5), (3.75, 5.3), (3.6, 6.3), (3.2, 6.5)]
# fmt: on


def _ring(half: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """A closed outline from its right half (top to bottom, first and last on x = 0)."""
    return list(half) + [(-x, y) for x, y in reversed(half) if x != 0]


def toe_outline(cx: float, half: float, top: float, tip: float) -> list[tuple[float, float]]:
    """One toe seen end on (front view): straight sides, the end rounded and a little flattened
    where it rests on the ground, the top (hidden in the foot) a point. Few points (each is drawn
    on every front view); the sides keep within 0.03 cun of straight."""
    r_end = min(half * 0.8, (tip - top) / 2)
    upper, lower = top + half * 0.6, tip - r_end
    pts = [(cx + half, upper), (cx + half, lower)]
    for k in range(1, 4):  # round the tip, a half ellipse
        t = math.pi * k / 4
        pts.append((cx + half * math.cos(t), lower + r_end * math.sin(t)))
    pts += [(cx - half, lower), (cx - half, upper), (cx, top)]
    return [(round(x, 3), round(y, 3)) for x, y in pts]


def front_toes(side: int = 1) -> list[list[tuple[float, float]]]:
    """The front view's toes of one foot (``side`` 1 for the foot at ``+x``)."""
    return [[(side * x, y) for x, y in toe_outline(*toe)] for toe in FRONT_TOES]


def silhouette_parts(view: str) -> list[tuple[list[tuple[float, float]], bool]]:
    """The closed outlines of the whole figure on the front, back or side view, each with
    whether it is drawn as a smooth curve (True) or a polygon (the neck)."""
    if view == View.SIDE:
        return side_parts()
    foot = FOOT_FRONT if view == View.FRONT else FOOT_BACK
    parts: list[tuple[list[tuple[float, float]], bool]] = [(_ring(HEAD_HALF), True), (NECK, False)]
    parts.append((_ring(TORSO_HALF), True))
    for side in (1, -1):
        for outline in (LEG_OUTER + foot + LEG_INNER, ARM, EAR):
            parts.append(([(side * x, y) for x, y in outline], True))
        parts += [(digit, True) for digit in body_hands.digit_outlines(side)]
        if view == View.FRONT:
            parts += [(toe, True) for toe in front_toes(side)]
    return parts
