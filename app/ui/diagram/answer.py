"""The answer to a locate question drawn on the figure: the landmark rule, the true position, the guess.

What to draw is the domain's (``anatomy.LANDMARKS``, the point's anchors, ``locate``); this only
draws it, with tags that keep their pixel size and move aside when they collide.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainterPath, QPen, QTransform
from PySide6.QtWidgets import QGraphicsItem, QGraphicsItemGroup, QGraphicsLineItem, QGraphicsPathItem

from app.domain.anatomy import LANDMARKS, ViewFrame, landmark_label, offsets_in_cun
from app.domain.models import Anchor
from app.ui.diagram.items import Cun, DiagramColors, TagItem, marker_path


class AnswerOverlay(QGraphicsItemGroup):
    """The answer to a locate question: the landmark rule, the true position, the guess.

    Lines live in scene coordinates (cosmetic pens); marks and tags keep their
    pixel size. For BL23 it draws the L2 level line, the midline, a dimension
    line "1.5 cun" from the midline to the point, the point, and the guess with
    a dashed line and its distance.
    """

    def __init__(self, frame: ViewFrame, colors: DiagramColors) -> None:
        super().__init__()
        self.frame = frame
        self.colors = colors
        self.texts: list[str] = []  # every tag's text, for tests and accessibility
        self._tags: list[tuple[int, TagItem, float, float]] = []  # priority, tag, base offset
        self.setZValue(20)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)

    # primitives ---------------------------------------------------------------
    def _pen(self, color: str, width: float, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
        pen = QPen(QColor(color), width, style)
        pen.setCosmetic(True)
        return pen

    def line(
        self, a: Cun, b: Cun, color: str, width: float = 1.6, style: Qt.PenStyle = Qt.PenStyle.SolidLine
    ) -> None:
        item = QGraphicsLineItem(*self.frame.to_scene(*a), *self.frame.to_scene(*b))
        item.setPen(self._pen(color, width, style))
        self.addToGroup(item)

    def tag(self, at: Cun, text: str, color: str, place: str, priority: int = 2) -> None:
        """A tag beside a point: place is "above", "below", "left", "right", "above-right" or
        "above-left". Lower priority numbers keep their spot when tags collide (see declutter)."""
        tag = TagItem(text, None, 8.5)
        tag.set_colors(self.colors, color)
        tag.emphasised = True
        w, h = tag.size()
        dx, dy = {
            "above": (-w / 2, -h - 4),
            "below": (-w / 2, 4),
            "left": (-w - 8, -h / 2),
            "right": (8, -h / 2),
            "above-right": (9, -h - 6),
            "above-left": (-w - 9, -h - 6),
        }[place]
        tag.setPos(*self.frame.to_scene(*at))
        tag.setTransform(QTransform.fromTranslate(dx, dy))
        self.addToGroup(tag)
        tag.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
        self.texts.append(text)
        self._tags.append((priority, tag, dx, dy))

    def declutter(self, viewport_transform: QTransform, bounds: QRectF) -> None:
        """Move colliding or cut-off tags (in pixels) so every one stays readable.

        Each tag tries its own spot, then the mirror spot on the other side of its
        anchor, each nudged up and down; the first that is inside ``bounds`` (the
        viewport) and clear of the tags already placed wins.
        """
        placed: list[QRectF] = []
        for _priority, tag, dx, dy in sorted(self._tags, key=lambda t: t[0]):
            w, h = tag.size()
            candidates = [
                (x, dy + shift)
                for shift in (0.0, h + 2, -(h + 2), 2 * (h + 2), -2 * (h + 2))
                for x in (dx, -dx - w)
            ]
            chosen = None
            for cx, cy in candidates:
                tag.setTransform(QTransform.fromTranslate(cx, cy))
                rect = tag.deviceTransform(viewport_transform).mapRect(tag.text_rect())
                if bounds.contains(rect) and not any(rect.intersects(other) for other in placed):
                    chosen = rect
                    break
            if chosen is None:  # nowhere better: keep the preferred spot
                tag.setTransform(QTransform.fromTranslate(dx, dy))
                chosen = tag.deviceTransform(viewport_transform).mapRect(tag.text_rect())
            placed.append(chosen)

    def mark(self, at: Cun, path: QPainterPath, pen: QPen, brush: QColor | None = None) -> None:
        item = QGraphicsPathItem(path)
        item.setPen(pen)
        item.setBrush(brush if brush is not None else Qt.BrushStyle.NoBrush)
        item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
        item.setPos(*self.frame.to_scene(*at))
        self.addToGroup(item)

    # the rule ---------------------------------------------------------------------
    def draw_rule(self, anchor: Anchor, side: int, mirrored: bool) -> Cun:
        """Draw the landmark level and the cun offsets of one anchor; returns the position drawn."""
        mark = LANDMARKS[anchor.landmark]
        guide = self.colors.guide
        base_x = side * mark.x if mirrored else mark.x
        direction = side if mirrored else 1
        tx = base_x + direction * anchor.lateral_cun
        ty = mark.y + anchor.down_cun
        span = 5.0 if mirrored else 1.8
        left, right = (-span, span) if mirrored else (mark.x - span, mark.x + span)
        self.line((left, mark.y), (right, mark.y), guide, 1.3, Qt.PenStyle.DashLine)
        # the landmark's name at one end of its level line, clear of the point: the outer
        # end on a whole figure, the roomier end on a close-up
        centre = (self.frame.x_min + self.frame.x_max) / 2
        at_left = side < 0 if mirrored else mark.x >= centre
        self.tag(
            (left, mark.y) if at_left else (right, mark.y),
            landmark_label(anchor.landmark),
            guide,
            "left" if at_left else "right",
            priority=3,
        )
        if mirrored and mark.x == 0:  # a level on the spine (or the anterior midline)
            self.line((0, mark.y - 2.5), (0, mark.y + 2.5), guide, 1.2, Qt.PenStyle.DotLine)
        else:
            self.mark((base_x, mark.y), marker_path("diamond", 3.5), self._pen(guide, 1.6))
        if not offsets_in_cun(anchor.view, mark.x):
            # a panel drawn to its own scale (the scalp seen from the side): the offsets are not
            # cun to read off, so only a leader from the landmark shows which one places the point
            self.line((base_x, mark.y), (tx, ty), guide, 1.0, Qt.PenStyle.DotLine)
            return (tx, ty)
        gap = 0.8  # dimension lines sit a little off the feature, as on a drawing
        if anchor.lateral_cun:
            y_dim = mark.y + gap if anchor.down_cun <= 0 else mark.y - gap
            for x in (base_x, tx):
                self.line((x, mark.y), (x, y_dim + (0.25 if y_dim > mark.y else -0.25)), guide, 1.0)
            self.line((base_x, y_dim), (tx, y_dim), guide, 2.0)
            self.tag(
                ((base_x + tx) / 2, y_dim),
                f"{abs(anchor.lateral_cun):g} cun",
                guide,
                "below" if y_dim > mark.y else "above",
            )
        if anchor.down_cun:
            outward = 1 if tx >= base_x else -1
            x_dim = tx + outward * gap
            for y in (mark.y, ty):
                self.line((base_x if y == mark.y else tx, y), (x_dim + outward * 0.25, y), guide, 1.0)
            self.line((x_dim, mark.y), (x_dim, ty), guide, 2.0)
            word = "below" if anchor.down_cun > 0 else "above"
            self.tag(
                (x_dim, (mark.y + ty) / 2),
                f"{abs(anchor.down_cun):g} cun {word}",
                guide,
                "right" if outward > 0 else "left",
            )
        return (tx, ty)

    def draw_target(self, at: Cun) -> None:
        self.mark(at, marker_path("circle", 8.5), self._pen(self.colors.answer, 2.5))
        self.mark(at, marker_path("circle", 3.5), QPen(Qt.PenStyle.NoPen), QColor(self.colors.answer))

    def draw_guess(self, guess: Cun, nearest: Cun, distance: float) -> None:
        self.line(guess, nearest, self.colors.guess, 1.6, Qt.PenStyle.DashLine)
        cross = QPainterPath()
        for a, b in (((-6, -6), (6, 6)), ((-6, 6), (6, -6))):
            cross.moveTo(*a)
            cross.lineTo(*b)
        self.mark(guess, cross, self._pen(self.colors.guess, 3.0))
        # beside the cross, on the side away from the true position, so both stay readable
        away = "right" if guess[0] >= nearest[0] else "left"
        self.tag(guess, f"your click: {distance:.1f} cun away", self.colors.guess, away, priority=1)
