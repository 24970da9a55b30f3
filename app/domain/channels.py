"""Channel courses on the figures: a channel's points joined in the order the channel runs.

A channel runs through its points in number order (LU1 to LU11) unless the catalog gives its
``course`` as runs (the Bladder channel's outer line on the back rejoins the inner one at BL40).
A line is drawn between two consecutive points of a run only where both are on the same view (and,
on a close-up, the same panel), so a course breaks where it turns out of sight (over the
shoulder, round the side of the head, round the thumb from the palm to the back of the hand). On the
whole-figure views a bilateral channel is drawn on both sides. Positions come from
``anatomy.point_positions``, the one place markers are placed.
"""

from __future__ import annotations

import re

from .anatomy import MIRRORED_VIEWS, PANELS, panel_of, point_positions
from .frozen import model
from .models import Catalog, Point

EXTRA_POINTS = "EX"  # the extra points belong to no channel: no course
_NUMBERED = re.compile(r"^([A-Z]{2,3})(\d+)$")

Line = tuple[tuple[float, float], ...]


@model
class CourseLine:
    """One drawn stretch of a channel on one view: its points' codes and figure positions (cun)."""

    channel: str
    codes: tuple[str, ...]
    positions: Line


def channel_ids(catalog: Catalog) -> tuple[str, ...]:
    """The channels that have a course (every channel but the extra points')."""
    return tuple(cid for cid in catalog.channels if cid != EXTRA_POINTS)


def channel_points(catalog: Catalog, channel: str) -> tuple[str, ...]:
    """A channel's numbered points in number order (LU1, LU2 ... LU11)."""
    numbered = []
    for code, point in catalog.points.items():
        match = _NUMBERED.match(code)
        if point.channel == channel and match:
            numbered.append((int(match.group(2)), code))
    return tuple(code for _, code in sorted(numbered))


def channel_runs(catalog: Catalog, channel: str) -> tuple[tuple[str, ...], ...]:
    """The runs a channel's course is drawn as: the catalog's ``course``, else one run in order."""
    course = catalog.channels[channel].course
    if course:
        return tuple(run.points for run in course)
    return (channel_points(catalog, channel),)


def _position(point: Point, view: str, side: int | str) -> tuple[float, float] | None:
    """Where a point's marker is on one side of a view (side +1: x >= 0, -1: x <= 0; 0: any; a
    panel's name: on that panel of a close-up of several)."""
    for x, y in point_positions(point, view):
        if isinstance(side, str):
            if panel_of(view, x, y) == side:
                return (x, y)
        elif side == 0 or x * side >= 0:
            return (x, y)
    return None


def course_lines(catalog: Catalog, channel: str, view: str) -> tuple[CourseLine, ...]:
    """The stretches of a channel's course visible on one view (each of two points or more)."""
    sides: tuple[int | str, ...] = (1, -1) if view in MIRRORED_VIEWS else PANELS.get(view, (0,))
    lines: list[CourseLine] = []
    for run in channel_runs(catalog, channel):
        for side in sides:
            codes: list[str] = []
            positions: list[tuple[float, float]] = []
            for code in (*run, None):
                xy = _position(catalog.points[code], view, side) if code else None
                if xy is not None:
                    codes.append(code or "")
                    positions.append(xy)
                    continue
                if len(positions) >= 2:
                    lines.append(CourseLine(channel, tuple(codes), tuple(positions)))
                codes, positions = [], []
    # A midline channel's two sides are the same line: keep one.
    unique: dict[tuple[str, Line], CourseLine] = {}
    for line in lines:
        unique.setdefault((line.channel, line.positions), line)
    return tuple(unique.values())
