"""The arm's landmarks on the whole figures: creases, epicondyles, olecranon, biceps, axillary folds,
and the details of the hands (their outlines are part of the silhouette: silhouette.silhouette_parts).

Drawn at the coordinates of ``app.domain.anatomy_arm`` (both arms, mirrored), so the markers of the
arm points sit on what the figure shows; the hands from the close-up's geometry placed by
``app.domain.body_hands``, so the whole figure's hand is the close-up's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.domain import anatomy_arm as ARM
from app.domain import body_hands as BH
from app.domain import hand_figure as H
from app.domain.anatomy import LANDMARKS, polygon_contains

if TYPE_CHECKING:
    from tools.draw_figures import Figure

Pt = tuple[float, float]


def _lm(landmark_id: str) -> Pt:
    mark = LANDMARKS[landmark_id]
    return (mark.x, mark.y)


def _crease(fig: Figure, side: int, a: Pt, b: Pt, sag: float) -> None:
    mid = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2 + sag)
    fig.curve([(side * a[0], a[1]), (side * mid[0], mid[1]), (side * b[0], b[1])], "detail", 0.8)


def _fold(fig: Figure, side: int, end: Pt) -> None:
    """The axillary fold: a short crease running in from the chest (or back) to the armpit."""
    x, y = end
    fig.curve([(side * (x - 1.0), y - 0.6), (side * (x - 0.45), y - 0.18), (side * x, y)], "detail", 0.8)


def draw_arm_front(fig: Figure) -> None:
    for s in (1, -1):
        _fold(fig, s, _lm("anterior_axillary_fold"))
        for border in (ARM.BICEPS_LATERAL, ARM.BICEPS_MEDIAL):
            fig.curve([(s * x, y) for x, y in border], "detail", 0.7)
        _crease(fig, s, _lm("cubital_crease_medial"), _lm("cubital_crease_lateral"), 0.12)
        _crease(fig, s, _lm("palmar_wrist_crease_ulnar"), _lm("palmar_wrist_crease_radial"), 0.1)
        for key in ("medial_epicondyle", "lateral_epicondyle"):
            x, y = _lm(key)
            fig.dot((s * x, y), 1.2, "bone")


def draw_arm_back(fig: Figure) -> None:
    for s in (1, -1):
        _fold(fig, s, _lm("posterior_axillary_fold"))
        ulnar_end = (_lm("ulnar_head_back")[0] - 0.1, ARM.WRIST_CREASE_Y)
        _crease(fig, s, ulnar_end, _lm("dorsal_wrist_crease_radial_back"), 0.08)
        x, y = _lm("olecranon")
        fig.ring((s * x, y), 0.28, 0.34, "bone", 0.9)
        for key in ("medial_epicondyle_back", "lateral_epicondyle_back", "ulnar_head_back"):
            x, y = _lm(key)
            fig.dot((s * x, y), 1.2, "bone")


def _on_hand(side: int, pts: list[Pt] | tuple[Pt, ...]) -> list[Pt]:
    return [BH.place(u, v, side) for u, v in pts]


def _digit_edge(d: H.Digit, radial: bool) -> list[Pt]:
    """One side of a digit's outline from its start to the apex of its tip (hand coordinates)."""
    outline = H.digit_outline(d)
    (ax, ay), (rx, ry) = d.axis, d.radial
    apex = max(range(len(outline)), key=lambda i: outline[i][0] * ax + outline[i][1] * ay)
    # the outline runs down one side, round the tip and up the other: take the side asked for
    first, second = outline[: apex + 1], outline[apex:]
    start = first[0]
    on_radial = (start[0] - d.tip[0]) * rx + (start[1] - d.tip[1]) * ry > 0
    return first if on_radial == radial else list(reversed(second))


def _free_of_palm(edge: list[Pt]) -> list[Pt]:
    """The part of the thumb's inner border beyond the web of the thumb (above it, the thumb
    rises out of the palm and shows no edge)."""
    web_v = LANDMARKS["first_web"].y  # the close-up's dorsum panel is in hand coordinates
    return [p for p in edge if p[1] >= web_v]


def draw_palms(fig: Figure) -> None:
    """The palms on the front view. The thumb at rest lies in front of the index finger's edge, so
    its inner border is drawn over it; the thenar crease and the two transverse creases, faint (the
    close-up's creases, so a practitioner finds the same lines on both)."""
    thumb = BH.BODY_DIGIT["thumb"]
    for s in (1, -1):
        fig.curve(_on_hand(s, _free_of_palm(_digit_edge(thumb, radial=False))), "outline", 1.0)
        for crease in (H.THENAR_CREASE, H.PROXIMAL_PALM_CREASE, H.DISTAL_PALM_CREASE):
            fig.curve(_on_hand(s, crease), "detail", 0.6)


def draw_hand_backs(fig: Figure) -> None:
    """The backs of the hands on the back view: the index finger lies in front of the thumb at rest,
    so its radial border is drawn over it; the fingernails say at a glance which side of the hand
    is shown (the thumbnail faces outwards, away from the viewer, and is left out)."""
    index, thumb = BH.BODY_DIGIT["index"], BH.BODY_DIGIT["thumb"]
    index_outline = H.digit_outline(index)
    # the thumb's inner border from its web until it passes behind the index finger
    thumb_edge = _free_of_palm(_digit_edge(thumb, radial=False))
    web = [p for p in thumb_edge if not polygon_contains(index_outline, *p)]
    for s in (1, -1):
        fig.curve(_on_hand(s, _digit_edge(index, radial=True)[1:]), "outline", 1.0)
        if len(web) > 1:
            fig.curve(_on_hand(s, web), "outline", 1.0)
        for d in BH.BODY_DIGITS[1:]:
            fig.path(fig.smooth(_on_hand(s, H.nail_outline(d)), tension=0.55), "detail", 0.5, fill="shade")
