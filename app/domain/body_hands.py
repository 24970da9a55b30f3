"""The hands of the whole figures (front and back views), taken from the hand close-up (no Qt).

The close-up (``hand_figure``) draws the right hand in hand coordinates ``(u, v)``: ``u`` towards
the thumb, ``v`` towards the fingertips, origin at the middle of the wrist crease. The standing
figures hang the same hand, its digits, webs and outline, from each wrist, so the two drawings
agree and neither has geometry of its own to drift: :func:`place` scales a close-up position and
puts it on the whole figure's right arm (``x > 0``; the other arm is its mirror image).

The figures stand in the anatomical position, palms forward, so on both views the thumb is
lateral (at the larger ``x``), as it is for the close-up's ``+u``: the front view shows the palm,
the back view the back of the hand, with one outline.

Two drawing proportions (WHO gives no hand measurements):

* ``HAND_SCALE``: the close-up's hand is 8.35 cun from the wrist crease to the middle fingertip;
  the whole figure's is 8 cun, so the fingertip hangs at the level the side view has always used
  for it (GB31's "where the middle fingertip rests", ``landmarks_side.FINGERTIP``).
* ``THUMB_ADDUCTION_DEG``: hanging at rest the thumb lies nearer the index finger than the
  close-up spreads it to show the thumb's web; it is turned about its carpal base by this angle
  (which also keeps it inside the figure's frame).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import replace

from .anatomy_arm import WRIST_CREASE_Y
from .hand_figure import DIGIT, DIGITS, HAND_BODY, Digit, digit_outline
from .outlines import polygon_contains
from .vocabulary import View

FRONT, BACK = View.FRONT, View.BACK
Pt = tuple[float, float]

HAND_SCALE = 8.0 / DIGIT["middle"].tip[1]
# Where the close-up's origin (the middle of the wrist crease) is put on the whole figure: the
# middle of the forearm's outline at the crease, 0.05 cun medial to dorsal_wrist_crease_back, which
# leaves the thumb room inside the figure's frame (drawing proportion).
WRIST_MID_X = 10.3
THUMB_ADDUCTION_DEG = 12.0
# The close-up's outline of the back of the hand starts on the forearm; the whole figure's forearm
# is its own, so the hand's outline is taken from this level down (just below the wrist crease,
# where the thenar and hypothenar eminences begin) and the arm's outline (silhouette.ARM) runs into it.
HAND_TOP_V = 0.8
# The hand with its wrist, for "is this on the hand": the close-up's outline from just above its
# wrist crease (the crease is at v = 0), closed across there.
WRIST_TOP_V = -0.3


def place(u: float, v: float, side: int = 1) -> Pt:
    """A close-up position (hand coordinates) on the whole figure's hand: ``side`` 1 for the arm at
    ``+x``, -1 for its mirror image."""
    return (
        round(side * (WRIST_MID_X + HAND_SCALE * u), 4),
        round(WRIST_CREASE_Y + HAND_SCALE * v, 4),
    )


def _turn(p: Pt, about: Pt, degrees: float) -> Pt:
    """``p`` turned about ``about`` towards the fingers (from +u towards +v) by ``degrees``."""
    a = math.radians(degrees)
    du, dv = p[0] - about[0], p[1] - about[1]
    return (about[0] + du * math.cos(a) - dv * math.sin(a), about[1] + du * math.sin(a) + dv * math.cos(a))


def _resting_thumb(thumb: Digit) -> Digit:
    def turn(p: Pt) -> Pt:
        return _turn(p, thumb.base, THUMB_ADDUCTION_DEG)

    return replace(thumb, head=turn(thumb.head), pip=turn(thumb.pip), tip=turn(thumb.tip))


# The digits as the whole figures hang them (hand coordinates): the close-up's, the thumb at rest.
BODY_DIGITS: tuple[Digit, ...] = tuple(_resting_thumb(d) if d.dip is None else d for d in DIGITS)
BODY_DIGIT = {d.name: d for d in BODY_DIGITS}


def hand_border() -> list[Pt]:
    """The border of the right hand from the radial side of the wrist round the webs to the ulnar
    side of the wrist (view coordinates): the close-up's outline of the back of the hand from
    ``HAND_TOP_V`` down. The arm's outline (silhouette.ARM) runs through it."""
    return [place(u, v) for u, v in HAND_BODY if v >= HAND_TOP_V]


# The right hand's digit outlines, placed once (every silhouette and hit test asks for them).
_DIGIT_OUTLINES: tuple[tuple[Pt, ...], ...] = tuple(
    tuple(place(u, v) for u, v in digit_outline(d)) for d in BODY_DIGITS
)


def digit_outlines(side: int = 1) -> list[list[Pt]]:
    """The closed outlines of one whole-figure hand's five digits (view coordinates), each drawn as
    a smooth closed curve over the hand's border."""
    return [[(side * x, y) for x, y in outline] for outline in _DIGIT_OUTLINES]


def hand_outlines(side: int = 1) -> list[list[Pt]]:
    """The whole hand's closed outlines (view coordinates): the hand from just above the wrist
    crease, closed across there, and the digits (the palm has the outline of the back of the
    hand). Drawn as part of the arm's outline and the digits' (silhouette.silhouette_parts)."""
    wrist_down = [place(u, v, side) for u, v in HAND_BODY if v >= WRIST_TOP_V]
    return [wrist_down, *digit_outlines(side)]


def fingertip(name: str = "middle") -> Pt:
    """The apex of a digit's tip on the whole figure's right hand (view coordinates)."""
    return place(*BODY_DIGIT[name].tip)


def on_hand(x: float, y: float) -> bool:
    """Whether a whole-figure position is inside either drawn hand (back of the hand or a digit)."""
    return any(polygon_contains(part, x, y) for side in (1, -1) for part in hand_outlines(side))


def hand_rows(closeup: Mapping[str, Pt]) -> list[tuple[str, str, float, float, str]]:
    """The back view's hand landmarks for ``anatomy._ROWS``: the close-up's landmarks of the same
    name, placed on the whole figure's hand (``closeup``: their close-up positions, dorsum panel)."""
    ulnar_head = closeup["ulnar_head"]
    basis = "the hand close-up's landmark on the whole figure's hand (drawing proportion)"
    return [
        (
            "second_metacarpal_mid_radial_back",
            BACK,
            *place(*closeup["second_metacarpal_mid_radial"]),
            f"Radial side of the midpoint of the 2nd metacarpal bone, back of the hand ({basis})",
        ),
        (
            "fifth_mcp_ulnar_back",
            BACK,
            *place(*closeup["fifth_mcp_ulnar"]),
            f"Ulnar side of the 5th metacarpophalangeal joint, red-white border ({basis})",
        ),
        # The hollow between the base of the 5th metacarpal and the triquetrum: the close-up finds
        # it 1 cun distal to the head of the ulna, on the hand's ulnar border (its SI4).
        (
            "fifth_metacarpal_base_ulnar_back",
            BACK,
            *place(ulnar_head[0] - 0.35, ulnar_head[1] + 1.0),
            "Ulnar border of the wrist between the base of the 5th metacarpal and the triquetrum, red-white"
            f" border (the close-up's spot 1 cun distal to the head of the ulna; {basis})",
        ),
    ]


HAND_SHORT_LABELS_BACK = {
    "second_metacarpal_mid_radial_back": "2nd metacarpal, midpoint",
    "fifth_mcp_ulnar_back": "5th MCP joint, ulnar side",
    "fifth_metacarpal_base_ulnar_back": "5th metacarpal base, ulnar border",
}
