"""Graphics items of the body diagram: point markers, tags, pain-map zones, colours.

Markers tell local and distal points apart by SHAPE as well as colour (circle,
diamond, triangle, square; Okabe-Ito hues), and keep a constant size on screen
whatever the zoom (``ItemIgnoresTransformations``) so they stay legible.
"""

from __future__ import annotations

import ctypes
import html
import math
import sys
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QTransform,
)
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsItemGroup,
    QGraphicsLineItem,
    QGraphicsPathItem,
    QGraphicsSceneHoverEvent,
    QGraphicsSimpleTextItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from app.domain.anatomy import LANDMARKS, ViewFrame, landmark_label, offsets_in_cun
from app.domain.models import Anchor, Point
from app.domain.vocabulary import Role
from app.ui import theme


def shield_none_refcount() -> bool:
    """Work around a PySide6 6.12 defect on Python 3.11; returns True if it applied.

    Each call of a void C++ method (``setPos``, ``setText`` ...) drops one
    reference to ``None`` without taking it (the wheel assumes Python 3.12's
    immortal ``None``). A session makes thousands of such calls, ``None``'s
    count reaches zero and CPython aborts with "none_dealloc: deallocating
    None". Probe for the leak and, if present, give ``None`` a reference count
    no session can exhaust, which is what Python 3.12+ does itself. Idempotent.
    """
    if sys.version_info >= (3, 12):
        return False
    probe = QPointF()
    before = sys.getrefcount(None)
    for _ in range(8):
        probe.setX(0.0)
    if sys.getrefcount(None) >= before:
        return False
    refcount = ctypes.c_ssize_t.from_address(id(None))  # ob_refcnt is a PyObject's first field
    if refcount.value < 1 << 40:
        refcount.value += 1 << 40
    return True


shield_none_refcount()


@dataclass(frozen=True, slots=True)
class DiagramColors:
    background: str
    local: str
    distal: str
    channel: str
    plan: str
    neutral: str
    dimmed: str
    marker_edge: str
    ring: str
    text: str
    tag_bg: str
    zone: str
    zone_on: str
    answer: str
    guess: str
    guide: str


def _diagram_colors(ui: theme.Colors, **own: str) -> DiagramColors:
    """The diagram's colours: the window theme's where they mean the same, the diagram's own else."""
    return DiagramColors(
        background=ui.base,
        local=ui.local,
        distal=ui.distal,
        text=ui.text,
        tag_bg=ui.base,
        guide=ui.heading,
        **own,
    )


LIGHT = _diagram_colors(
    theme.LIGHT,
    channel="#009e73",
    plan="#b8509a",
    neutral="#4f6172",
    dimmed="#b3aaa1",
    marker_edge="#ffffff",
    ring="#26282b",
    zone="#e69f00",
    zone_on="#d55e00",
    answer="#009e73",
    guess="#d55e00",
)
DARK = _diagram_colors(
    theme.DARK,
    channel="#3fc7a0",
    plan="#e29ac3",
    neutral="#a9b6c3",
    dimmed="#615c57",
    marker_edge="#1b1d20",
    ring="#f2f1ee",
    zone="#e69f00",
    zone_on="#ff8c4a",
    answer="#3fc7a0",
    guess="#ff8c4a",
)

# The figures are drawn in light colours (tools/draw_figures.py PALETTE); the
# dark theme swaps each for its counterpart before the SVG is parsed.
FIGURE_DARK = {
    "#f1e8de": "#37332f",  # skin
    "#8f7f70": "#a89b8c",  # outline
    "#cdbcab": "#5c544c",  # detail
    "#ab9b8b": "#8a7f73",  # bone
    "#6f6459": "#c4bab0",  # label
    "#b9ab9d": "#6f675f",  # guide
    "#e6d9cb": "#4a443e",  # shade
}


def diagram_colors(dark: bool) -> DiagramColors:
    return DARK if dark else LIGHT


def role_color(colors: DiagramColors, role: str | None) -> str:
    return str(getattr(colors, role)) if role in set(Role) else colors.neutral


def role_shape(role: str | None) -> str:
    return Role(role).shape if role in set(Role) else "circle"


def marker_path(shape: str, radius: float) -> QPainterPath:
    """A marker outline centred on (0, 0)."""
    path = QPainterPath()
    r = radius
    if shape == "diamond":
        r *= 1.25
        path.addPolygon(
            QPolygonF([QPointF(0, -r), QPointF(r, 0), QPointF(0, r), QPointF(-r, 0), QPointF(0, -r)])
        )
    elif shape == "triangle":
        r *= 1.3
        path.addPolygon(
            QPolygonF(
                [QPointF(0, -r), QPointF(r * 0.9, r * 0.62), QPointF(-r * 0.9, r * 0.62), QPointF(0, -r)]
            )
        )
    elif shape == "square":
        r *= 0.92
        path.addRoundedRect(QRectF(-r, -r, 2 * r, 2 * r), 1.5, 1.5)
    else:
        path.addEllipse(QPointF(0, 0), r, r)
    return path


def point_tooltip(point: Point) -> str:
    """Code, pinyin, English name and the first sentence of the location, escaped.

    Qt guesses whether a tooltip is rich text, so the tooltip is built as HTML
    on purpose and every catalog string in it is escaped: catalog text always
    shows as plain text.
    """
    location = point.location.strip()
    first = location.split(". ")[0].rstrip(".")
    if len(first) > 150:
        first = first[:147].rstrip() + "..."
    e = html.escape
    return (
        f"<p style='white-space:pre-wrap'><b>{e(point.code)}</b> {e(point.pinyin)} · {e(point.english)}"
        f"<br>{e(first)}.</p>"
    )


class MarkerItem(QGraphicsPathItem):
    """One marker of one point (a bilateral point has two on a whole-figure view)."""

    RADIUS = 5.5

    def __init__(
        self,
        code: str,
        side_index: int,
        tooltip: str,
        on_hover: Callable[[str], None],
    ) -> None:
        super().__init__()
        self.code = code
        self.side_index = side_index
        self.role: str | None = None
        self._on_hover = on_hover
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(tooltip)
        self.ring = QGraphicsEllipseItem(QRectF(-10, -10, 20, 20), self)
        self.ring.setBrush(Qt.BrushStyle.NoBrush)
        self.ring.setVisible(False)
        self.ring.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.tag = TagItem(code, self)
        self.tag.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.tag_wanted = True  # the diagram decides where (and whether) the tag fits
        self._style: tuple | None = None  # the last restyle's inputs: unchanged ones cost nothing

    def restyle(
        self, role: str | None, dimmed: bool, selected: bool, colors: DiagramColors, size: float = RADIUS
    ) -> None:
        key = (role, dimmed, selected, colors, size)
        if key == self._style:
            return
        self._style = key
        self.role = role
        if dimmed and not selected:
            shape, radius = "circle", size * 0.6
            fill, z, opacity = colors.dimmed, 2.0, 0.8
        else:
            shape = role_shape(role)
            radius = size if role else size * 0.8
            fill, z, opacity = role_color(colors, role), 4.0 if role else 3.0, 1.0
        self.setPath(marker_path(shape, radius))
        self.setBrush(QBrush(QColor(fill)))
        self.setPen(QPen(QColor(colors.marker_edge), 1.4))
        self.setOpacity(opacity)
        self.setZValue(z + (2.0 if selected else 0.0))
        ring = radius * (1.3 if shape != "circle" else 1.0) + 4.0
        self.ring.setRect(QRectF(-ring, -ring, 2 * ring, 2 * ring))
        self.ring.setPen(QPen(QColor(colors.ring), 2.0))
        self.ring.setVisible(selected)
        self.tag.set_colors(colors)
        self.tag.emphasised = selected

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self._on_hover(self.code)
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self._on_hover("")
        super().hoverLeaveEvent(event)


class TagItem(QGraphicsItem):
    """A small plain-text label on a soft rounded background (never rich text)."""

    def __init__(self, text: str, parent: QGraphicsItem | None = None, point_size: float = 7.5) -> None:
        super().__init__(parent)
        self.text = text
        self.font = QFont()
        self.font.setPointSizeF(point_size)
        self.emphasised = False
        self.leader = False  # draw a thin line back to the parent marker (tag placed away from it)
        self._fg = QColor("#26282b")
        self._bg = QColor("#fcfbf8")
        bold = QFont(self.font)
        bold.setBold(True)  # sized for the bold (selected) text, the wider of the two
        metrics = QFontMetricsF(bold)
        self._rect = QRectF(0, 0, metrics.horizontalAdvance(text) + 6, metrics.height() + 2)
        if parent is None:
            self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)

    def set_colors(self, colors: DiagramColors, fg: str | None = None) -> None:
        self._fg = QColor(fg or colors.text)
        bg = QColor(colors.tag_bg)
        bg.setAlpha(205)
        self._bg = bg
        self.update()

    def size(self) -> tuple[float, float]:
        return self._rect.width(), self._rect.height()

    def text_rect(self) -> QRectF:
        """The label's own box (without the leader line), in item coordinates."""
        return QRectF(self._rect)

    def set_offset(self, dx: float, dy: float, leader: bool) -> None:
        """Place the tag (dx, dy) pixels from its marker, with a leader line if it is far."""
        self.prepareGeometryChange()
        self.leader = leader
        self.setPos(dx, dy)

    def _anchor(self) -> QPointF:
        """The marker's centre in this item's coordinates."""
        return QPointF(-self.pos().x(), -self.pos().y())

    def boundingRect(self) -> QRectF:
        if self.leader and self.parentItem() is not None:
            a = self._anchor()
            return self._rect.united(QRectF(a, a).adjusted(-2, -2, 2, 2))
        return self._rect

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        if self.leader and self.parentItem() is not None:
            a = self._anchor()
            r = self._rect
            edge = QPointF(min(max(a.x(), r.left()), r.right()), min(max(a.y(), r.top()), r.bottom()))
            painter.setPen(QPen(self._fg, 0.8))
            painter.setOpacity(0.6)
            painter.drawLine(edge, a)
            painter.setOpacity(1.0)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._bg)
        painter.drawRoundedRect(self._rect, 3, 3)
        font = QFont(self.font)
        font.setBold(self.emphasised)
        painter.setFont(font)
        painter.setPen(self._fg)
        painter.drawText(self._rect, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextSingleLine, self.text)


class FigureLabel(QGraphicsSimpleTextItem):
    """A name on the figure (a spinal level, a landmark, the view's caption) drawn at a
    constant pixel size. ``anchor`` says which end of the text sits on its spot, as in
    SVG ("start", "middle", "end"); the text is centred on it vertically."""

    def __init__(
        self,
        text: str,
        bold: bool = False,
        point_size: float = 8.0,
        anchor: str = "middle",
        italic: bool = False,
    ) -> None:
        super().__init__(text)
        font = QFont()
        font.setPointSizeF(point_size)
        font.setBold(bold)
        font.setItalic(italic)
        self.setFont(font)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setZValue(0.8)
        rect = self.boundingRect()
        dx = {"start": 0.0, "middle": -rect.width() / 2, "end": -rect.width()}[anchor]
        self.setTransform(QTransform.fromTranslate(dx, -rect.height() / 2))

    def set_dark(self, dark: bool) -> None:
        light = "#6f6459"  # the figures' label colour (tools/draw_figures.py PALETTE)
        self.setBrush(QColor(FIGURE_DARK[light] if dark else light))


class ZoneItem(QGraphicsPathItem):
    """A clickable translucent pain-map zone (one zone may have several pieces)."""

    def __init__(self, zone_id: str, name: str, path: QPainterPath) -> None:
        super().__init__(path)
        self.zone_id = zone_id
        self.on = False
        self.setToolTip(f"<p>{html.escape(name)}</p>")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setZValue(1.0)

    def restyle(self, colors: DiagramColors) -> None:
        fill = QColor(colors.zone_on if self.on else colors.zone)
        fill.setAlpha(120 if self.on else 38)
        edge = QColor(colors.zone_on if self.on else colors.zone)
        edge.setAlpha(230 if self.on else 150)
        pen = QPen(edge, 1.6 if self.on else 1.0, Qt.PenStyle.SolidLine if self.on else Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        self.setPen(pen)
        self.setBrush(fill)


Cun = tuple[float, float]


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
