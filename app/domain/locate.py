"""Scoring a "locate the point" answer by its distance in cun.

The diagram reports a click in figure coordinates (proportional cun, see
``app.domain.anatomy``); the true position comes from the point's anchors via
``anatomy.point_positions``. For a bilateral point the nearer of the pair
counts: either side is a correct answer.

Tolerance (documented choice):

* **correct**: within ``CORRECT_CUN`` = 0.5 cun. Half a thumb-width (the thumb
  is 1 cun in the finger measurement), the finest step the location texts use
  ("0.5 B-cun lateral ...").
* **close**: within ``CLOSE_CUN`` = 1.0 cun. Less than the gap to the
  neighbouring points students confuse: one lumbar spinous level is about
  1.2 figure cun, and the bladder channel's inner (1.5 cun) and outer (3 cun)
  lines are 1.5 cun apart. So a "close" click is still on the right point's
  ground, only imprecise, while a click one vertebra off or on the wrong line
  is a miss.
* **miss**: anything further, or a click on another view.

Pure Python: no Qt here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from .anatomy import LANDMARKS, MIRRORED_VIEWS, patient_side, point_positions
from .models import Point

CORRECT_CUN = 0.5
CLOSE_CUN = 1.0


class Verdict(StrEnum):
    CORRECT = "correct"
    CLOSE = "close"
    MISS = "miss"

    @property
    def label(self) -> str:
        return {"correct": "Correct", "close": "Close", "miss": "Missed"}[self.value]


@dataclass(frozen=True, slots=True)
class LocateResult:
    distance_cun: float  # inf when the click was on a view the point is not drawn on
    verdict: Verdict
    target: tuple[float, float] | None  # the true position nearest the click

    def describe(self) -> str:
        tolerance = f"correct within {CORRECT_CUN:g} cun, close within {CLOSE_CUN:g} cun"
        if self.target is None:
            return f"{self.verdict.label}: the point is not on this view ({tolerance})."
        return f"{self.verdict.label}: {self.distance_cun:.1f} cun from the point ({tolerance})."


def verdict_for(distance_cun: float) -> Verdict:
    # Judged to 0.01 cun: a click is no more precise, and 1.0000000002 must not miss "within 1 cun".
    distance = round(distance_cun, 2)
    if distance <= CORRECT_CUN:
        return Verdict.CORRECT
    if distance <= CLOSE_CUN:
        return Verdict.CLOSE
    return Verdict.MISS


def score_locate(point: Point, view: str, x_cun: float, y_cun: float) -> LocateResult:
    """Score a click at (x_cun, y_cun) on ``view`` against the point's true position."""
    positions = point_positions(point, view)
    if not positions:
        return LocateResult(math.inf, Verdict.MISS, None)
    target = min(positions, key=lambda xy: math.dist(xy, (x_cun, y_cun)))
    distance = math.dist(target, (x_cun, y_cun))
    return LocateResult(distance, verdict_for(distance), target)


def describe_position(view: str, x_cun: float, y_cun: float) -> str:
    """Where a keyboard guess is, in words: the side of the body and the nearest landmark.

    For students answering without a mouse (and screen readers): the arrow keys move
    a cross, and this sentence says where it is.
    """
    parts = []
    if view in MIRRORED_VIEWS:
        side = patient_side(view, x_cun)
        parts.append(
            "On the midline." if side == "midline" else f"{abs(x_cun):.1f} cun to the patient's {side}."
        )
    here = [m for m in LANDMARKS.values() if m.view == view]
    if here:
        mirrored = view in MIRRORED_VIEWS
        spot = (abs(x_cun), y_cun) if mirrored else (x_cun, y_cun)
        nearest = min(here, key=lambda m: math.dist((m.x, m.y), spot))
        distance = math.dist((nearest.x, nearest.y), spot)
        vertical = y_cun - nearest.y
        level = (
            "level with it"
            if abs(vertical) < 0.05
            else f"{abs(vertical):.1f} cun {'below' if vertical > 0 else 'above'} it"
        )
        parts.append(f"Nearest landmark: {nearest.description}, {distance:.1f} cun away, {level}.")
    return " ".join(parts)
