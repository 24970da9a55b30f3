"""The outlines of the whole figures, in cun (the axes of ``anatomy``: ``x = 0`` the midline,
``y`` down from the vertex).

``tools/draw_figures.py`` draws smooth curves through these points, and the diagram clips region
shading to them. They are right-hand halves or right-side parts; the left side is their mirror
image.
"""

from __future__ import annotations

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
             (5.05, 56.0), (5.4, 58.8), (5.3, 61.6), (4.8, 65.0), (4.35, 68.0), (4.2, 69.8), (4.45, 71.0)]
LEG_INNER = [(1.25, 70.2), (1.35, 68.8), (1.55, 66.5), (1.4, 62.0), (1.38, 59.5), (1.6, 57.0), (1.78, 55.0),
             (1.62, 52.5), (1.3, 49.0), (0.8, 45.0), (0.25, 41.2), (0.1, 39.4), (1.6, 37.0)]
FOOT_FRONT = [(4.85, 72.1), (5.15, 73.0), (4.75, 73.55), (3.4, 73.75), (2.1, 73.7), (1.05, 73.45),
              (0.85, 72.6), (1.05, 71.5)]
FOOT_BACK = [(4.55, 72.3), (4.05, 73.25), (2.9, 73.55), (1.75, 73.25), (1.2, 72.3), (1.15, 71.3)]
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
    return parts
