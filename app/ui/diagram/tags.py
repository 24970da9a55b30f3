"""Where a marker's code tag goes: a pure function over boxes in view pixels (no Qt).

The scene measures its markers and tags in view pixels (tags keep their size at every zoom) and asks
:func:`place_tag` for each tag in priority order; the grids answer overlap queries cheaply.
"""

from __future__ import annotations

import math

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in view pixels


class BoxGrid:
    """Boxes bucketed by a coarse grid, so overlap queries stay cheap with many tags."""

    CELL = 48.0

    def __init__(self) -> None:
        self._cells: dict[tuple[int, int], list[Box]] = {}

    def _keys(self, box: Box) -> list[tuple[int, int]]:
        c = self.CELL
        xs = range(math.floor(box[0] / c), math.floor(box[2] / c) + 1)
        ys = range(math.floor(box[1] / c), math.floor(box[3] / c) + 1)
        return [(x, y) for x in xs for y in ys]

    def add(self, box: Box) -> None:
        for key in self._keys(box):
            self._cells.setdefault(key, []).append(box)

    def hits(self, box: Box) -> bool:
        x0, y0, x1, y1 = box
        for key in self._keys(box):
            for a0, b0, a1, b1 in self._cells.get(key, ()):
                if x0 < a1 and a0 < x1 and y0 < b1 and b0 < y1:
                    return True
        return False


def place_tag(
    size: tuple[float, float],
    px: float,
    py: float,
    outward_left: bool,
    placed: BoxGrid,
    strong: BoxGrid,
    weak: BoxGrid,
) -> tuple[float, float, bool] | None:
    """Where a code tag of ``size`` goes beside its marker at (px, py): (dx, dy, leader) or None.

    Preferred: beside the marker on the outer side; then the other side, above,
    below and the corners; then the same spots over dimmed markers; then further
    out with a leader line. The chosen box is added to ``placed``.
    """
    w, h = size
    near_r, near_l = (8.0, -h / 2), (-w - 8.0, -h / 2)
    sides = [near_l, near_r] if outward_left else [near_r, near_l]
    near = [
        *sides,
        (-w / 2, -h - 8.0),
        (-w / 2, 8.0),
        (sides[0][0], -h - 3.0),
        (sides[0][0], 3.0),
        (sides[1][0], -h - 3.0),
        (sides[1][0], 3.0),
    ]
    far = [(dx + (18.0 if dx > 0 else -18.0), dy) for dx, dy in sides]
    far += [(dx + (34.0 if dx > 0 else -34.0), dy) for dx, dy in sides]
    far += [(-w / 2, -h - 22.0), (-w / 2, 22.0)]
    tiers = (
        (near, (placed, strong, weak), False),
        (near, (placed, strong), False),
        (far, (placed, strong, weak), True),
    )
    for spots, grids, leader in tiers:
        for dx, dy in spots:
            box = (px + dx, py + dy, px + dx + w, py + dy + h)
            if not any(grid.hits(box) for grid in grids):
                placed.add(box)
                return dx, dy, leader
    return None
