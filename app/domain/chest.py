"""The front of the chest (no Qt): its levels, the intercostal spaces as sloping lines, not levels,
and the two bones the figures draw round them, the clavicle and the costal margin.

Many chest points are "in the Nth intercostal space, K B-cun lateral to the anterior median line".
The ribs slope, so a space is no one level: on the front the lower spaces run down and out from the
sternum to the mammillary line and rise again towards the axilla (the lower costal cartilages climb
to the sternum, and the ribs come down from the back to the front). Each space here is a line through
stations, straight between them, from which the markers (the landmarks below, which the points'
anchors name) and the drift report (``anatomy.level_below``) both take its level at any distance
from the midline.

Stations (front view, ``x`` = distance from the anterior median line, ``y`` down, in B-cun):

* **the sternal line** (x = 0). The 1st space 2 B-cun below the suprasternal notch: WHO puts LU1
  1 B-cun below LU2, LU2 on the transverse line of the lower border of the clavicle with CV21 (1 B-cun
  below the notch), and LU1 with ST14, KI26 and CV20 on one transverse line along the 1st space. The
  4th at the nipple's level: WHO (the male nipple in the 4th space; CV17 level with the 4th space) and
  Guangming (CV17 between the two nipples). The 2nd and 3rd evenly between them (derived: 7/6 cun
  apart), and the 5th to 7th the same spacing on down (derived), which brings the 7th to the
  xiphisternal junction (WHO row 5: notch + 9), where the 7th costal cartilage meets the sternum.
  Guangming's CV16, "level with the 5th space", is recorded as CV16's variant.
* **the mammillary line** (4 B-cun out: the nipples are 8 apart, WHO row 8). The 1st to 4th spaces
  at their sternal levels: level lines, as WHO's LU1 note says of the 1st and Guangming of all four
  (KI23-KI26 2 cun and SP18-SP20 6 cun lateral to CV17-CV20; LU1 level with CV20). The 6th level
  with ST19, 6 B-cun above the umbilicus: WHO puts LR14 in the 6th space 4 B-cun out, "2 B-cun
  lateral to ST19". The 5th halfway between the nipple and LR14 (derived); the 7th one sternal
  spacing below the 6th (WHO: GB24 one rib below LR14; the spacing is a drawing proportion).
* **the mid-axillary line**. The 4th space 3 cun below the apex of the axilla and the 6th 6 cun
  below it (Guangming: SP21 6 cun below the axilla, 3 cun below GB22, on the mid-axillary line), so
  the spaces there are 1.5 cun apart; the 5th and 7th by that spacing (derived). The front view shows
  this line at its outline, ``MIDAXILLARY_FRONT_X`` out at the lower chest; the side view at its
  ``x = 0``. The 1st to 3rd spaces run into the axilla: level lines, drawn out to the 6-cun line.

On the side view (``x`` anterior of the mid-axillary line) the 4th to 7th spaces run from the
mid-axillary station forward to the mammillary one, which the side view shows at
``MAMMILLARY_SIDE_X``, just inside the front contour of the lower chest (drawing proportion).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from .landmarks_side import AXILLA_Y

FRONT, SIDE = "front", "side"
Pt = tuple[float, float]

# The front of the chest (front view, B-cun). The notch's level is a drawing proportion (the head and
# neck above it); the rest are counted from it.
SUPRASTERNAL_NOTCH_Y = 13.0
# The lower border of the clavicle: 1 B-cun below the notch, the level of CV21 (WHO's LU2 note puts
# ST13, KI27, CV21 and LU2 on one transverse line along it). Derived.
CLAVICLE_LOWER_Y = SUPRASTERNAL_NOTCH_Y + 1.0
XIPHISTERNAL_Y = SUPRASTERNAL_NOTCH_Y + 9.0  # WHO row 5
UMBILICUS_Y = XIPHISTERNAL_Y + 8.0  # WHO row 6
# The nipple: 4 B-cun from the midline (WHO row 8), 5.5 cun below the notch (drawing proportion).
NIPPLE: Pt = (4.0, SUPRASTERNAL_NOTCH_Y + 5.5)
MAMMILLARY_X = NIPPLE[0]
MIDAXILLARY_FRONT_X = 6.25  # the front view's outline at the lower chest (drawing proportion)
MAMMILLARY_SIDE_X = 4.0  # the mammillary line at the lower chest, seen from the side

SPACES = tuple(range(1, 8))
_FIRST = SUPRASTERNAL_NOTCH_Y + 2.0
STERNAL_SPACING = (NIPPLE[1] - _FIRST) / 3  # the 1st to the 4th space at the sternum
ST19_Y = UMBILICUS_Y - 6.0  # WHO: ST19 6 B-cun above the umbilicus, LR14 2 B-cun lateral to it
MIDAXILLARY_SPACING = 1.5  # Guangming: SP21 3 cun below GB22, two spaces lower


def _sternal(n: int) -> float:
    return _FIRST + STERNAL_SPACING * (n - 1)


def _mammillary(n: int) -> float:
    if n <= 4:
        return _sternal(n)
    return {5: (NIPPLE[1] + ST19_Y) / 2, 6: ST19_Y, 7: ST19_Y + STERNAL_SPACING}[n]


def _midaxillary(n: int) -> float:
    return AXILLA_Y + 3.0 + MIDAXILLARY_SPACING * (n - 4)


# Each space's stations on each view, medial (or posterior) to lateral (or anterior).
STATIONS: dict[str, dict[int, tuple[Pt, ...]]] = {
    FRONT: {
        n: ((0.0, _sternal(n)), (MIDAXILLARY_FRONT_X, _sternal(n)))
        if n < 4
        else ((0.0, _sternal(n)), (MAMMILLARY_X, _mammillary(n)), (MIDAXILLARY_FRONT_X, _midaxillary(n)))
        for n in SPACES
    },
    SIDE: {n: ((0.0, _midaxillary(n)), (MAMMILLARY_SIDE_X, _mammillary(n))) for n in SPACES if n >= 4},
}


def level(view: str, n: int, x: float) -> float:
    """The level (y) of the nth intercostal space at ``x`` on the front view (its distance from the
    midline: either side) or the side view; beyond its end stations, the end's level."""
    stations = STATIONS[view][n]
    x = abs(x) if view == FRONT else x
    xs = [sx for sx, _ in stations]
    i = bisect_right(xs, x)
    if i == 0:
        return stations[0][1]
    if i == len(stations):
        return stations[-1][1]
    (x0, y0), (x1, y1) = stations[i - 1], stations[i]
    return y0 + (y1 - y0) * (x - x0) / (x1 - x0)


# The landmarks of the spaces. On the front, each space at the sternum ("ics4", the level its CV
# point takes) and, for the sloping 5th to 7th, where a location text puts a point on it: 2 cun out
# (KI22), on the mammillary line (ST18, LR14, GB24) and 6 cun out (SP17); a point on the level 1st to
# 4th is anchored at its sternal landmark, out by its distance. On the side view, each of the 4th to
# 7th on the mid-axillary line (GB22, SP21) and the 7th on the mammillary line (GB24).
_ON_LINES = {(5, 2.0), (5, MAMMILLARY_X), (5, 6.0), (6, MAMMILLARY_X), (7, MAMMILLARY_X)}
_ORDINAL = {1: "1st", 2: "2nd", 3: "3rd"}


def _nth(n: int) -> str:
    return _ORDINAL.get(n, f"{n}th")


def landmark_id(view: str, n: int, x: float = 0.0) -> str:
    """The id of the landmark of the nth space at x ("ics5_2cun", "side_ics7_4cun"; "ics5" at the
    sternum, "side_ics6" on the mid-axillary line)."""
    prefix = "side_" if view == SIDE else ""
    return f"{prefix}ics{n}" + (f"_{x:g}cun" if x else "")


def rows() -> list[tuple[str, str, float, float, str]]:
    """The spaces' landmark rows for ``anatomy._ROWS``."""
    out = []
    basis = {1: "the notch + 2 cun, WHO's LU1 and LU2", 4: "the nipple's level, WHO and Guangming"}
    for n in SPACES:
        why = basis.get(n, f"derived, {STERNAL_SPACING:.2f} cun apart")
        out.append(
            (
                landmark_id(FRONT, n),
                FRONT,
                0.0,
                round(_sternal(n), 3),
                f"{_nth(n)} intercostal space, at the sternum ({why})",
            )
        )
    for n, x in sorted(_ON_LINES):
        where = "on the mammillary line" if x == MAMMILLARY_X else f"{x:g} cun from the anterior midline"
        out.append(
            (
                landmark_id(FRONT, n, x),
                FRONT,
                x,
                round(level(FRONT, n, x), 3),
                f"{_nth(n)} intercostal space, {where} (on its sloping line: app/domain/chest.py)",
            )
        )
    for n in (4, 6, 7):
        below = _midaxillary(n) - AXILLA_Y
        why = "Guangming's GB22 and SP21" if n in (4, 6) else "derived, 1.5 cun below the 6th"
        out.append(
            (
                landmark_id(SIDE, n),
                SIDE,
                0.0,
                round(_midaxillary(n), 3),
                f"{_nth(n)} intercostal space, on the mid-axillary line (the axilla + {below:g} cun: {why})",
            )
        )
    out.append(
        (
            landmark_id(SIDE, 7, MAMMILLARY_X),
            SIDE,
            MAMMILLARY_SIDE_X,
            round(_mammillary(7), 3),
            "7th intercostal space, on the mammillary line seen from the side (the front view's level)",
        )
    )
    return out


_ID = re.compile(r"(?:side_)?ics(\d)(?:_[\d.]+cun)?")


def space_of(landmark: str) -> int | None:
    """The space a landmark of this module is on, or None for any other landmark."""
    m = _ID.fullmatch(landmark)
    return int(m.group(1)) if m else None


# The clavicle as the front view draws it (its axis, from beside the suprasternal notch out to the
# acromion): half a cun above the line of its lower border, so that the points WHO puts just below the
# clavicle on that line (KI27, ST13, LU2; CV21 on the midline) are. Drawing proportion.
CLAVICLE: tuple[Pt, ...] = (
    (0.6, 12.6),
    (1.6, 13.25),
    (3.0, CLAVICLE_LOWER_Y - 0.5),
    (5.0, 13.4),
    (7.4, 13.5),
)
# The costal margin, from the xiphoid down and out (front view) and from the xiphoid back to the free
# end of the 11th rib (side view), as the figures draw it: below ST19's level 2 cun out (WHO: a rib
# may overlie ST19 when the infrasternal angle is narrow), below GB24 and above SP16 on the mammillary
# line. Drawing proportions.
COSTAL_MARGIN: dict[str, tuple[Pt, ...]] = {
    FRONT: (
        (0.3, XIPHISTERNAL_Y + 0.3),
        (2.0, ST19_Y - 0.45),
        (MAMMILLARY_X, UMBILICUS_Y - 4.0),
        (5.2, 27.35),
    ),
    SIDE: ((4.3, XIPHISTERNAL_Y), (4.15, 24.2), (MAMMILLARY_SIDE_X, UMBILICUS_Y - 4.0), (2.6, 27.1)),
}


def margin_level(view: str, x: float) -> float:
    """The level of the drawn costal margin at x (front: distance from the midline), straight between
    its points."""
    return _along(COSTAL_MARGIN[view], abs(x) if view == FRONT else x)


def clavicle_level(x: float) -> float:
    """The level of the drawn clavicle's axis at x cun from the midline (front view)."""
    return _along(CLAVICLE, abs(x))


def _along(pts: tuple[Pt, ...], x: float) -> float:
    ordered = sorted(pts)
    xs = [px for px, _ in ordered]
    i = min(max(bisect_right(xs, x), 1), len(ordered) - 1)
    (x0, y0), (x1, y1) = ordered[i - 1], ordered[i]
    return y0 + (y1 - y0) * (x - x0) / (x1 - x0)
