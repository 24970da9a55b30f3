"""The arm's landmarks on the whole figures: creases, epicondyles, olecranon, biceps, axillary folds.

Drawn at the coordinates of ``app.domain.anatomy_arm`` (both arms, mirrored), so the markers of the
arm points sit on what the figure shows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.domain import anatomy_arm as ARM
from app.domain.anatomy import LANDMARKS

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
