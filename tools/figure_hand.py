"""The hand close-up (``resources/figures/hand.svg``): the back of the right hand and its palm.

Drawn from ``app.domain.hand_figure`` (digits, nails, webs, creases, tendons), so every landmark
a hand point is placed by sits where the drawing shows it. Called by ``tools.draw_figures``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from app.domain import hand_figure as H
from app.domain.anatomy import HAND, VIEW_FRAMES
from tools.draw_figures import Figure, Pt, label, lm

Place = Callable[[float, float], Pt]


def _pts(place: Place, pts: Sequence[Pt]) -> list[Pt]:
    return [place(u, v) for u, v in pts]


def _across(place: Place, d: H.Digit, at: Pt, width: float, bow: float = 0.0) -> list[Pt]:
    """A short crease across a digit at ``at`` (hand coordinates), square to its axis."""
    (ax, ay), (rx, ry) = d.axis, d.radial
    return [
        place(at[0] + rx * width, at[1] + ry * width),
        place(at[0] + ax * bow, at[1] + ay * bow),
        place(at[0] - rx * width, at[1] - ry * width),
    ]


def _shift(a: Pt, b: Pt, f: float) -> Pt:
    return (a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f)


def _dorsum(fig: Figure) -> None:
    place = H.dorsum
    fig.parts += H.panel_parts("dorsum")
    # extensor tendons crossing the wrist to the knuckles (faint), metacarpals, knuckles
    for d, u0 in zip(H.FINGERS, (0.55, 0.3, 0.05, -0.2), strict=True):
        fig.curve(_pts(place, [(u0 * 0.8, -1.6), (u0, 0.0), _shift((u0, 0.0), d.head, 0.45)]), "shade", 1.6)
    for d in H.DIGITS:
        fig.line(place(*d.base), place(*d.head), "bone", 1.1)
        fig.ring(place(*d.head), 0.24 if d.dip else 0.27, 0.19, "bone", 0.9)
        # the joints' wrinkles on the back of the fingers: two at the PIP (the thumb's IP), one at the DIP
        half = d.half_at(0.4)
        for back in (-0.08, 0.08):
            fig.curve(_across(place, d, (d.pip[0], d.pip[1] + back), half * 0.45, -0.05), "detail", 0.7)
        if d.dip:
            fig.curve(_across(place, d, d.dip, d.half_at(0.7) * 0.4, -0.04), "detail", 0.7)
        _nail_dorsal(fig, d)
    # wrist crease and the bones beside it
    fig.curve(_pts(place, H.WRIST_CREASE), "bone", 1.1)
    fig.dot(lm("radial_styloid"), 3.0, "bone")
    fig.dot(lm("ulnar_head"), 3.0, "bone")
    label(fig, "dorsal wrist crease", (-3.85, 0.75), place(-1.35, 0.05), size=9)
    label(fig, "head of the ulna", (-3.85, -1.2), lm("ulnar_head"), size=9)
    label(fig, "4th-5th metacarpals", (-3.85, 2.6), place(-0.85, 2.4), size=9)
    label(fig, "5th MCP joint", (-3.85, 4.6), place(-1.45, 3.9), size=9)
    label(fig, "radial styloid", (5.4, -1.6), lm("radial_styloid"), "end", 9)
    label(fig, "1st metacarpal", (3.2, 0.9), place(1.85, 1.55), size=9)
    label(fig, "2nd metacarpal", (3.2, 2.1), place(1.15, 3.0), size=9)
    label(fig, "thumb", (3.6, 5.75), None, "middle", 9)
    fig.text(place(0.2, -2.75), "Back of the hand", 10, weight="bold")
    fig.text((-3.85, -2.2), "ulnar side", 9, "start", italic=True)
    fig.text((3.9, -2.2), "radial side", 9, "end", italic=True)


def _nail_dorsal(fig: Figure, d: H.Digit) -> None:
    """The whole nail: its root (a shallow curve between the corners) down to the free edge."""
    w, base = d.nail_half, d.nail_base_back
    outline = H.nail_outline(d)
    fig.path(fig.smooth(_pts(H.dorsum, outline), tension=0.55), "detail", 0.9, fill="shade")
    # the lunula and the cuticle fold
    fig.curve(
        _pts(
            H.dorsum, [d.along(base - 0.1, w * 0.6), d.along(base - 0.14, 0), d.along(base - 0.1, -w * 0.6)]
        ),
        "detail",
        0.6,
    )


def _palm(fig: Figure) -> None:
    place = H.palm
    fig.parts += H.panel_parts("palm")
    # thenar and hypothenar eminences (shaded), then the palm creases over them
    # the thenar eminence: from the thenar crease out to the radial border of the thumb's metacarpal
    thenar = [
        *H.THENAR_CREASE[1:],
        (0.9, 0.3),
        (1.4, 0.47),
        (1.78, 0.87),
        (2.12, 1.55),
        (2.42, 2.2),
        (2.5, 2.65),
        (2.2, 3.0),
    ]
    fig.path(fig.smooth(_pts(place, thenar), tension=0.7), "shade", 0.5, fill="shade")
    hypothenar = [
        (-1.72, 0.55),
        (-1.05, 0.6),
        (-0.85, 1.4),
        (-0.95, 2.3),
        (-1.25, 2.75),
        (-1.78, 2.85),
        (-1.82, 1.6),
    ]
    fig.path(fig.smooth(_pts(place, hypothenar), tension=0.7), "shade", 0.5, fill="shade")
    for crease in (H.THENAR_CREASE, H.PROXIMAL_PALM_CREASE, H.DISTAL_PALM_CREASE):
        fig.curve(_pts(place, crease), "bone", 1.0)
    # the wrist: two creases, the tendons above them, the pisiform, the radial artery
    fig.curve(_pts(place, H.WRIST_CREASE), "bone", 1.1)
    fig.curve(_pts(place, [(u, v - 0.32) for u, v in H.WRIST_CREASE]), "detail", 0.8)
    for key, u in H.PALM_TENDONS_U.items():
        top = -2.6 if key != "apl" else -1.6
        fig.curve(_pts(place, [(u * 0.8, top), (u * 0.95, -1.2), (u, -0.12)]), "detail", 1.0)
    fig.line(place(H.RADIAL_ARTERY_U * 0.9, -2.3), place(H.RADIAL_ARTERY_U, -0.15), "guide", 0.8, dash="3,2")
    fig.ring(lm("pisiform"), 0.2, 0.22, "bone", 1.0)
    # finger creases: at the root of each finger, a double one at the PIP, one at the DIP
    for d, web in zip(
        H.FINGERS, (H.WEBS["web_2_3"], H.WEBS["web_2_3"], H.WEBS["web_3_4"], H.WEBS["web_4_5"]), strict=True
    ):
        root = _shift(d.head, d.pip, 0.42)
        root = (root[0], max(root[1], web[1] + 0.12))
        fig.curve(_across(place, d, root, d.half * 0.8, 0.04), "detail", 0.9)
        for back in (-0.05, 0.05):
            fig.curve(
                _across(place, d, (d.pip[0], d.pip[1] + back), d.half_at(0.4) * 0.8, 0.03), "detail", 0.9
            )
        fig.curve(_across(place, d, d.dip or d.pip, d.half_at(0.7) * 0.75, 0.03), "detail", 0.9)
        _nail_tip(fig, d)
    thumb = H.DIGIT["thumb"]
    fig.curve(
        _across(place, thumb, _shift(thumb.head, thumb.pip, 0.2), thumb.half * 0.85, 0.05), "detail", 0.9
    )
    for back in (-0.05, 0.05):
        fig.curve(
            _across(place, thumb, (thumb.pip[0], thumb.pip[1] + back), thumb.half * 0.85, 0.04), "detail", 0.9
        )
    _nail_tip(fig, thumb)
    # labels: the ulnar side is on the right of the palm, the radial side faces the back of the hand
    right = 13.3
    label(fig, "palmar wrist crease", (right, 0.25), place(-1.4, 0.03), size=9)
    label(fig, "pisiform", (right, 1.05), lm("pisiform"), size=9)
    label(fig, "hypothenar eminence", (right, 1.85), place(-1.5, 1.8), size=9)
    label(fig, "palm creases", (right, 3.4), place(-1.6, 3.15), size=9)
    label(fig, "flexor carpi ulnaris", (right, -1.3), place(H.PALM_TENDONS_U["fcu"] * 0.95, -1.2), size=9)
    label(fig, "thenar eminence", (5.4, 2.9), place(1.5, 1.9), size=9)
    label(fig, "PIP joint creases", (5.4, 6.1), place(H.DIGIT["index"].pip[0] + 0.36, 6.0), size=9)
    label(fig, "radial artery", (5.4, -0.7), place(H.RADIAL_ARTERY_U * 0.96, -0.9), size=9)
    fig.text(place(0.2, -2.75), "Palm", 10, weight="bold")
    fig.text((6.6, -2.2), "radial side", 9, "start", italic=True)
    fig.text((15.9, -2.2), "ulnar side", 9, "end", italic=True)


def _nail_tip(fig: Figure, d: H.Digit) -> None:
    """The free edge of the nail seen past the fingertip pad from the palm side: a thin crescent."""
    r = d.half_at(1.0)
    crescent = [
        d.along(0.2, r * 0.86),
        d.along(0.05, r * 0.5),
        d.along(0.0, 0.0),
        d.along(0.05, -r * 0.5),
        d.along(0.2, -r * 0.86),
        d.along(0.15, -r * 0.45),
        d.along(0.13, 0.0),
        d.along(0.15, r * 0.45),
    ]
    fig.path(fig.smooth(_pts(H.palm, crescent), tension=0.5), "detail", 0.8, fill="shade")


def draw_hand() -> str:
    fig = Figure(VIEW_FRAMES[HAND])
    _dorsum(fig)
    _palm(fig)
    fig.text(
        (6.0, 9.0),
        "Right hand, fingers down: its back (left) and its palm (right). The left hand is the mirror image.",
        9,
        italic=True,
    )
    return fig.svg("Close-up of the right hand: the back of the hand and the palm")
