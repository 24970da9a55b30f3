"""The hand close-up's two panels: the digits, nails, outlines and landmarks (cun, no Qt).

Both panels show the RIGHT hand hanging in the anatomical position, fingers down:

* the **dorsum** (left panel, seen from behind): its origin is the middle of the dorsal wrist
  crease, the thumb (radial side) towards ``+x``. Its coordinates are the ones the hand view had
  before the palm panel, so the landmarks in ``anatomy`` stay where they were.
* the **palm** (right panel, seen from the front): the same hand, so its outline is the dorsum's
  mirror image about the gap between the panels. Its origin (``PALM_ORIGIN``) is the middle of the
  palmar wrist crease and the thumb is towards ``-x``.

Everything is given once in "hand coordinates" ``(u, v)``: ``u`` towards the thumb, ``v`` towards
the fingertips, origin at the middle of the wrist crease. ``dorsum(u, v)`` and ``palm(u, v)`` put
a hand position on its panel. Sizes are drawing proportions (WHO gives no hand measurements): the
hand is 8.35 cun from the wrist crease to the middle fingertip, the thumb 0.9 cun wide at its IP
joint (WHO's thumb cun is that width, so one finger cun, F-cun, is drawn as one figure cun).
"""

from __future__ import annotations

import math

from .frozen import model
from .outlines import polygon_contains, round_ended
from .vocabulary import View

HAND = View.HAND
Pt = tuple[float, float]

# The palm panel's origin (the middle of its palmar wrist crease), in view coordinates.
PALM_ORIGIN: Pt = (11.0, 0.0)
# Panels meet halfway: a click left of this x is on the dorsum, right of it on the palm.
PANEL_SPLIT_X = PALM_ORIGIN[0] / 2
F_CUN = 1.0  # one finger cun in figure cun (drawing proportion, see the module docstring)
NAIL_POINT_OFFSET = 0.1 * F_CUN  # WHO: nail points 0.1 F-cun proximal and to the side of the corner


def dorsum(u: float, v: float) -> Pt:
    return (round(u, 3), round(v, 3))


def palm(u: float, v: float) -> Pt:
    return (round(PALM_ORIGIN[0] - u, 3), round(PALM_ORIGIN[1] + v, 3))


def panel_of(x: float) -> str:
    """ "dorsum" or "palm": which panel a view x is on."""
    return "dorsum" if x < PANEL_SPLIT_X else "palm"


@model
class Digit:
    """One ray of the hand in hand coordinates: carpal base, MCP head, PIP (the thumb's IP),
    DIP (None for the thumb), tip (the apex of the fingertip), half its width at the MCP, and
    the length of its nail."""

    name: str
    base: Pt
    head: Pt
    pip: Pt
    dip: Pt | None
    tip: Pt
    half: float
    nail: float

    @property
    def axis(self) -> Pt:
        """Unit vector along the drawn digit (the axis of its outline), towards the tip."""
        start = self.base if self.dip is None else self.head
        dx, dy = self.tip[0] - start[0], self.tip[1] - start[1]
        length = math.hypot(dx, dy)
        return (dx / length, dy / length)

    @property
    def radial(self) -> Pt:
        """Unit vector across the distal phalanx towards the thumb side (+u)."""
        ax, ay = self.axis
        return (ay, -ax)  # every digit points down (+v), so this turns towards +u

    def half_at(self, fraction: float) -> float:
        """Half the width at a fraction of the way from the MCP head to the tip (tapering)."""
        return self.half * (1.0 - 0.14 * fraction)

    def along(self, back: float, across: float = 0.0) -> Pt:
        """A spot ``back`` cun proximal to the tip and ``across`` cun towards the thumb side."""
        (ax, ay), (rx, ry) = self.axis, self.radial
        return (self.tip[0] - ax * back + rx * across, self.tip[1] - ay * back + ry * across)

    @property
    def nail_half(self) -> float:
        return self.half_at(0.85) * 0.6

    # the nail, seen from the dorsum: base and free edge at these distances from the tip
    @property
    def nail_base_back(self) -> float:
        return NAIL_FREE_EDGE_BACK + self.nail

    def nail_corner(self, radial: bool) -> Pt:
        """The corner at the root of the nail on its radial or ulnar side."""
        return self.along(self.nail_base_back, self.nail_half if radial else -self.nail_half)


# The nail's free edge stops short of the fingertip (drawing proportion: a short-cut nail), so
# Shixuan's spots 0.1 cun beyond the nails sit on the fingertip.
NAIL_FREE_EDGE_BACK = 0.2
# fmt: off
DIGITS: tuple[Digit, ...] = (
    Digit("thumb", (1.15, 0.55), (2.35, 2.55), (2.95, 3.85), None, (3.32, 5.05), 0.47, 0.6),
    Digit("index", (0.85, 0.6), (1.25, 4.25), (1.4, 6.0), (1.45, 7.0), (1.5, 7.85), 0.43, 0.42),
    Digit("middle", (0.2, 0.6), (0.35, 4.4), (0.4, 6.35), (0.42, 7.45), (0.45, 8.35), 0.45, 0.45),
    Digit("ring", (-0.45, 0.6), (-0.55, 4.15), (-0.65, 6.0), (-0.7, 7.05), (-0.75, 7.9), 0.42, 0.42),
    Digit("little", (-1.0, 0.55), (-1.35, 3.8), (-1.55, 5.25), (-1.65, 6.1), (-1.7, 6.8), 0.37, 0.36),
)
# fmt: on
DIGIT = {d.name: d for d in DIGITS}
FINGERS = DIGITS[1:]


def nail_outline(d: Digit) -> list[Pt]:
    """The whole nail seen from the back of the hand (hand coordinates): its root, a shallow curve
    between the corners, down both sides to the free edge; points for a smooth closed path."""
    w, base, free = d.nail_half, d.nail_base_back, NAIL_FREE_EDGE_BACK
    return [
        d.along(base, w),
        d.along(base + 0.04, 0.0),
        d.along(base, -w),
        d.along(free + 0.08, -w * 1.02),
        d.along(free + 0.01, -w * 0.55),
        d.along(free, 0.0),
        d.along(free + 0.01, w * 0.55),
        d.along(free + 0.08, w * 1.02),
    ]


def _outline_axis(d: Digit) -> tuple[Pt, Pt, float, float, float]:
    """The straight part of a digit's outline: start, centre of the round tip, the radii there,
    and its length."""
    start = d.base if d.dip is None else d.head
    (ux, uy) = d.axis
    r_start = d.half * (1.15 if d.dip is None else 1.0)  # the thumb is wide over its metacarpal
    r_end = d.half_at(1.0)
    centre = (d.tip[0] - ux * r_end, d.tip[1] - uy * r_end)
    return start, centre, r_start, r_end, math.dist(start, centre)


def _edges_at(d: Digit, v: float) -> tuple[float, float]:
    """The ulnar and radial edges (u) of a finger's outline at the level v."""
    start, centre, r_start, r_end, _ = _outline_axis(d)
    t = (v - start[1]) / (centre[1] - start[1])
    u = start[0] + (centre[0] - start[0]) * t
    half = (r_start + (r_end - r_start) * t) / d.axis[1]  # the width measured across, not square to the axis
    return (u - half, u + half)


WEB_BEYOND_KNUCKLES = 0.55  # the webs' margin lies this far distal to the knuckles (drawing proportion)


def _web(radial: Digit, ulnar: Digit) -> Pt:
    """The free margin of the web between two neighbouring fingers, midway between their outlines
    (the back of the hand is drawn up to it, so the fingers part there)."""
    v = max(radial.head[1], ulnar.head[1]) + WEB_BEYOND_KNUCKLES
    return (round((_edges_at(radial, v)[0] + _edges_at(ulnar, v)[1]) / 2, 3), round(v, 3))


_PAIRS = (("index", "middle"), ("middle", "ring"), ("ring", "little"))
# The webs between the fingers, on their free margin (the red-white border), hand coordinates.
WEBS: dict[str, Pt] = {f"web_{i}_{i + 1}": _web(DIGIT[a], DIGIT[b]) for i, (a, b) in enumerate(_PAIRS, 2)}

# The back of the hand and the wrist (hand coordinates, the forearm cut off at the top): down the
# radial side to the web of the thumb, across the finger webs, up the ulnar border. The ulnar
# border flares below the wrist over the hypothenar eminence (SI3 and SI4 lie on it).
# fmt: off
HAND_BODY: tuple[Pt, ...] = (
    (-1.45, -3.6), (1.5, -3.6), (1.46, -1.5), (1.45, -0.3), (1.56, 0.4), (1.8, 0.8), (1.85, 1.3),
    (1.95, 2.6), (1.9, 3.55),  # radial side, over the thenar to the thumb, into its web
    (1.62, 4.45), *[(u, v + 0.04) for u, v in WEBS.values()], (-1.8, 4.05),  # the webs
    (-1.86, 3.3), (-1.86, 2.2), (-1.8, 1.3), (-1.64, 0.5), (-1.46, 0.0), (-1.43, -1.6),  # ulnar border
)
# fmt: on
# The dorsal (and palmar) wrist crease: its ends and middle (hand coordinates).
WRIST_CREASE: tuple[Pt, ...] = ((-1.42, 0.03), (0.0, 0.0), (1.42, 0.03))


def _toward(a: Pt, b: Pt, f: float) -> Pt:
    return (a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f)


def digit_outline(d: Digit) -> list[Pt]:
    """A finger (or the thumb) from the MCP head (the carpal base for the thumb) to the tip:
    tapering sides, a round tip whose apex is ``d.tip``."""
    start, centre, r_start, r_end, _ = _outline_axis(d)
    thumb = d.dip is None
    return round_ended(
        start,
        centre,
        r_start,
        r_end,
        (0.0, 0.12, 0.35, 0.7, 0.92) if thumb else (0.0, 0.35, 0.7, 0.92),
        8,
        axis=d.axis,
        # the thumb rises out of the wrist: narrow at the carpus, full over the thenar
        start_scale=0.55 if thumb else 1.0,
    )


def first_metacarpal_radial_border(inset: float) -> Pt:
    """The radial border of the thumb's outline beside the middle of the 1st metacarpal, ``inset``
    cun inside it (LU10's red-white border on the palm)."""
    d = DIGIT["thumb"]
    start, _centre, r_start, r_end, length = _outline_axis(d)
    mid = _toward(d.base, d.head, 0.5)
    ux, uy = d.axis
    along = (mid[0] - start[0]) * ux + (mid[1] - start[1]) * uy
    rad = r_start + (r_end - r_start) * along / length - inset
    return (start[0] + ux * along + uy * rad, start[1] + uy * along - ux * rad)


def hand_parts() -> list[list[Pt]]:
    """The closed outlines of the hand in hand coordinates: the back of the hand and each digit."""
    return [list(HAND_BODY)] + [digit_outline(d) for d in DIGITS]


def panel_parts(panel: str) -> list[list[Pt]]:
    """The hand's outlines on one panel ("dorsum" or "palm"), in view coordinates."""
    place = dorsum if panel == "dorsum" else palm
    return [[place(u, v) for u, v in part] for part in hand_parts()]


def on_hand(x: float, y: float) -> bool:
    """Whether a view position is inside the drawn hand on the panel it falls on."""
    return any(polygon_contains(part, x, y) for part in panel_parts(panel_of(x)))


# ------------------------------------------------------------------ palm details (hand coordinates)
# Tendons at the front of the wrist, ulnar to radial: flexor carpi ulnaris (ending on the pisiform),
# palmaris longus (on the midline), flexor carpi radialis, abductor pollicis longus. Drawing
# proportions; they place HT7, PC7 and LU9, which WHO locates by them.
PALM_TENDONS_U = {"fcu": -1.12, "pl": 0.02, "fcr": 0.56, "apl": 1.36}
PISIFORM: Pt = (-1.1, 0.34)  # under the flexor carpi ulnaris, which ends on it
RADIAL_ARTERY_U = 1.14
# The two transverse palm creases, thenar crease, MCP level on the palm (hand coordinates).
DISTAL_PALM_CREASE: tuple[Pt, ...] = ((-1.84, 3.05), (-1.0, 3.3), (0.0, 3.6), (0.62, 4.0), (0.88, 4.35))
PROXIMAL_PALM_CREASE: tuple[Pt, ...] = ((1.95, 3.3), (1.2, 3.05), (0.2, 2.75), (-0.9, 2.55), (-1.35, 2.5))
THENAR_CREASE: tuple[Pt, ...] = ((1.95, 3.35), (1.2, 2.9), (0.72, 2.15), (0.5, 1.25), (0.45, 0.35))
PALM_POINT_LEVEL = 3.3  # PC8 and HT8: the hollows between the metacarpals proximal to the MCP joints


def between_rays(a: Digit, b: Digit, v: float) -> Pt:
    """Midway between two metacarpal shafts at the level v (hand coordinates)."""

    def shaft_u(d: Digit) -> float:
        (u0, v0), (u1, v1) = d.base, d.head
        return u0 + (u1 - u0) * (v - v0) / (v1 - v0)

    return ((shaft_u(a) + shaft_u(b)) / 2, v)


def _dorsal(landmark_id: str, at: Pt, description: str) -> tuple[str, str, float, float, str]:
    return (landmark_id, HAND, *dorsum(*at), description)


def _palmar(landmark_id: str, at: Pt, description: str) -> tuple[str, str, float, float, str]:
    return (landmark_id, HAND, *palm(*at), description)


_CORNER_BASIS = "the corner of the drawn nail's root (drawing proportion)"
HAND_ROWS: list[tuple[str, str, float, float, str]] = [
    # dorsum: nail corners (the nail points are 0.1 F-cun proximal and to the side of them)
    _dorsal("thumb_nail_radial_corner", DIGIT["thumb"].nail_corner(True), "Radial corner of the thumbnail"),
    _dorsal(
        "index_nail_radial_corner", DIGIT["index"].nail_corner(True), "Radial corner of the index fingernail"
    ),
    _dorsal(
        "ring_nail_ulnar_corner", DIGIT["ring"].nail_corner(False), "Ulnar corner of the ring fingernail"
    ),
    _dorsal(
        "little_nail_radial_corner",
        DIGIT["little"].nail_corner(True),
        "Radial corner of the little fingernail",
    ),
    _dorsal(
        "little_nail_ulnar_corner",
        DIGIT["little"].nail_corner(False),
        "Ulnar corner of the little fingernail",
    ),
    # dorsum: the middle of each nail's free edge (Shixuan is 0.1 cun beyond it, on the fingertip)
    *[
        _dorsal(
            f"{d.name}_nail_free_edge",
            d.along(NAIL_FREE_EDGE_BACK),
            f"Free edge of the {d.name} nail, its middle",
        )
        for d in DIGITS
    ],
    # dorsum: the webs (drawn outline), the radial side of the index knuckle, the wrist crease
    *[
        _dorsal(key, at, f"Margin of the web between the {a} and {b} fingers (red-white border)")
        for (key, at), (a, b) in zip(
            WEBS.items(), (("index", "middle"), ("middle", "ring"), ("ring", "little")), strict=True
        )
    ],
    # the radial border of the index finger at its MCP joint: where the outline meets the joint line
    _dorsal(
        "second_mcp_radial", (1.58, 4.3), "Radial side of the 2nd metacarpophalangeal joint, red-white border"
    ),
    _dorsal(
        "dorsal_wrist_crease_radial_end",
        (1.3, 0.03),
        "Radial end of the dorsal wrist crease, in the anatomical snuffbox distal to the radial styloid",
    ),
    _dorsal(
        "dorsal_wrist_crease_ulnar_end",
        (-1.3, 0.03),
        "Ulnar end of the dorsal wrist crease, the hollow between the triquetrum and the ulnar styloid",
    ),
    # the extensor digitorum tendons cross the crease from u = -0.2 to 0.55 (drawing proportion)
    _dorsal(
        "extensor_digitorum_ulnar_edge",
        (-0.3, 0.0),
        "Dorsal wrist crease at the ulnar side of the extensor digitorum tendons",
    ),
    # palm: the wrist crease between the tendons (PALM_TENDONS_U)
    _palmar(
        "palmar_wrist_crease_radial_end",
        (RADIAL_ARTERY_U, 0.03),
        "Radial end of the palmar wrist crease, over the radial artery (ulnar to the APL tendon)",
    ),
    _palmar(
        "palmar_wrist_crease_pl_fcr",
        ((PALM_TENDONS_U["pl"] + PALM_TENDONS_U["fcr"]) / 2, 0.0),
        "Palmar wrist crease between the palmaris longus and flexor carpi radialis tendons",
    ),
    _palmar(
        "palmar_wrist_crease_fcu_radial",
        (PALM_TENDONS_U["fcu"] + 0.32, 0.02),
        "Palmar wrist crease radial to the flexor carpi ulnaris tendon, at the pisiform's proximal border",
    ),
    _palmar("pisiform", PISIFORM, "Pisiform bone (palm)"),
    _palmar(
        "palm_metacarpal_2_3",
        between_rays(DIGIT["index"], DIGIT["middle"], PALM_POINT_LEVEL),
        "Palm: between the 2nd and 3rd metacarpals, proximal to the MCP joints",
    ),
    _palmar(
        "palm_metacarpal_4_5",
        between_rays(DIGIT["ring"], DIGIT["little"], PALM_POINT_LEVEL),
        "Palm: between the 4th and 5th metacarpals, proximal to the 5th MCP joint",
    ),
    # the radial border of the thenar eminence at the middle of the 1st metacarpal (red-white border)
    _palmar(
        "first_metacarpal_mid_radial",
        first_metacarpal_radial_border(0.1),
        "Palm: radial border beside the middle of the 1st metacarpal (red-white border)",
    ),
    *[
        _palmar(f"{d.name}_pip_crease", d.pip, f"Palm: middle of the PIP joint crease of the {d.name} finger")
        for d in FINGERS
    ],
    _palmar("middle_fingertip", DIGIT["middle"].along(0.12), "Tip of the middle finger, its middle"),
]

# Short names for the locate answer's landmark line (anatomy.SHORT_LABELS takes these in).
HAND_SHORT_LABELS: dict[str, str] = {
    "web_2_3": "index-middle web",
    "web_3_4": "middle-ring web",
    "web_4_5": "ring-little web",
    "second_mcp_radial": "2nd MCP joint, radial side",
    "extensor_digitorum_ulnar_edge": "wrist crease, ulnar to the extensors",
    "palmar_wrist_crease_pl_fcr": "palmar crease between PL and FCR",
    "palmar_wrist_crease_fcu_radial": "palmar crease radial to FCU",
    "palm_metacarpal_2_3": "2nd-3rd metacarpals (palm)",
    "palm_metacarpal_4_5": "4th-5th metacarpals (palm)",
    "first_metacarpal_mid_radial": "1st metacarpal, radial border",
    **{f"{d.name}_pip_crease": f"{d.name} finger PIP crease (palm)" for d in FINGERS},
}
