"""Outline geometry shared by the figures and their hit tests (no Qt): a limb with a round end."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

Pt = tuple[float, float]


def round_ended(
    start: Pt,
    centre: Pt,
    r_start: float,
    r_end: float,
    fractions: Sequence[float],
    arc_steps: int,
    axis: Pt | None = None,
    start_scale: float = 1.0,
) -> list[Pt]:
    """A finger or toe: sides tapering from ``r_start`` at ``start`` to ``r_end`` at ``centre`` (the
    centre of the round end), then the half circle round it; points for a smooth closed path.

    ``fractions``: where along the way the side points stand (more of them keep a spline from
    overshooting where the sides meet the end); ``arc_steps``: the half circle's segments;
    ``axis``: the unit direction of the limb (from ``start`` to ``centre`` when None);
    ``start_scale``: the width at ``start`` as a share of ``r_start`` (a thumb narrow at the wrist).
    """
    if axis is None:
        length = math.dist(start, centre)
        axis = ((centre[0] - start[0]) / length, (centre[1] - start[1]) / length)
    ux, uy = axis
    nx, ny = -uy, ux
    cx, cy = centre

    def side(sign: float) -> list[Pt]:
        out = []
        for f in fractions:
            rad = (r_start + (r_end - r_start) * f) * (start_scale if f == 0.0 else 1.0)
            along = (start[0] + (cx - start[0]) * f, start[1] + (cy - start[1]) * f)
            out.append((along[0] + sign * nx * rad, along[1] + sign * ny * rad))
        return out

    arc = []
    for k in range(arc_steps + 1):
        t = math.pi * k / arc_steps
        c, s = math.cos(t), math.sin(t)
        arc.append((cx + (nx * c + ux * s) * r_end, cy + (ny * c + uy * s) * r_end))
    return side(1.0) + arc[1:-1] + list(reversed(side(-1.0)))


def polygon_contains(poly: Iterable[tuple[float, float]], x: float, y: float) -> bool:
    """Whether (x, y) is inside the polygon (even-odd rule): a marker on the body, a click in a zone."""
    inside = False
    points = list(poly)
    for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside
