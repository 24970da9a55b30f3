"""Graphics items of the body diagram: point markers, tags, pain-map zones, colours.

Markers tell local and distal points apart by SHAPE as well as colour (circle,
diamond, triangle, square; Okabe-Ito hues), and keep a constant size on screen
whatever the zoom (``ItemIgnoresTransformations``) so they stay legible.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable, Iterator, Mapping
from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QTransform,
)
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsSceneHoverEvent,
    QGraphicsSimpleTextItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from app.domain.frozen import model
from app.domain.models import Point
from app.domain.vocabulary import Role
from app.ui import theme
from app.ui.plain import esc


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


@model
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


# A figure's hundreds of markers share a handful of outlines, brushes and pens (Qt copies them
# implicitly shared): made once, not for every marker at every restyle.
_shared_marker_path = cache(marker_path)


@cache
def _solid(colour: str) -> QColor:
    # setBrush(QColor) makes the same solid brush; QBrush(QColor) would make PySide load
    # QGradient's and QImage's types to choose among its constructors.
    return QColor(colour)


@cache
def _pen(colour: str, width: float) -> QPen:
    return QPen(QColor(colour), width)


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
    e = esc
    return (
        f"<p style='white-space:pre-wrap'><b>{e(point.code)}</b> {e(point.pinyin)} · {e(point.english)}"
        f"<br>{e(first)}.</p>"
    )


class PointTooltips(Mapping[str, str]):
    """Every point's tooltip, each made when a marker first needs it: a diagram builds the scene of
    one view at start-up, and that view's markers are about half the atlas."""

    def __init__(self, points: Mapping[str, Point]) -> None:
        self._points = points
        self._made: dict[str, str] = {}

    def __getitem__(self, code: str) -> str:
        tip = self._made.get(code)
        if tip is None:
            tip = self._made[code] = point_tooltip(self._points[code])
        return tip

    def __iter__(self) -> Iterator[str]:
        return iter(self._points)

    def __len__(self) -> int:
        return len(self._points)


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
        # The selection ring and the code tag are made when first needed: most markers of an
        # atlas-sized figure are never selected, and most of their tags never fit.
        self._ring: QGraphicsEllipseItem | None = None
        self._tag: TagItem | None = None
        self._colors: DiagramColors | None = None
        self._selected = False
        self.tag_wanted = True  # the diagram decides where (and whether) the tag fits
        self.half_width = self.RADIUS
        self.dimmed = False
        self._style: tuple | None = None  # the last restyle's inputs: unchanged ones cost nothing

    @property
    def tag(self) -> TagItem:
        """The code tag (hidden until the diagram places it)."""
        if self._tag is None:
            self._tag = TagItem(self.code, self)
            self._tag.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
            self._tag.setVisible(False)
            if self._colors is not None:
                self._tag.set_colors(self._colors)
            self._tag.emphasised = self._selected
        return self._tag

    def tag_size(self) -> tuple[float, float]:
        return tag_size(self.code)

    def hide_tag(self) -> None:
        if self._tag is not None:
            self._tag.setVisible(False)

    @property
    def ring(self) -> QGraphicsEllipseItem | None:
        """The selection ring, None while the marker has never been selected."""
        return self._ring

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
        path = _shared_marker_path(shape, radius)
        self.setPath(path)
        self.half_width = path.boundingRect().width() / 2  # for the tag layout, without a path copy
        self.dimmed = dimmed and not selected
        self.setBrush(_solid(fill))
        self.setPen(_pen(colors.marker_edge, 1.4))
        self.setOpacity(opacity)
        self.setZValue(z + (2.0 if selected else 0.0))
        if selected and self._ring is None:
            self._ring = QGraphicsEllipseItem(self)
            self._ring.setBrush(Qt.BrushStyle.NoBrush)
            self._ring.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        if self._ring is not None:
            ring = radius * (1.3 if shape != "circle" else 1.0) + 4.0
            self._ring.setRect(QRectF(-ring, -ring, 2 * ring, 2 * ring))
            self._ring.setPen(QPen(QColor(colors.ring), 2.0))
            self._ring.setVisible(selected)
        self._colors = colors
        self._selected = selected
        if self._tag is not None:
            self._tag.set_colors(colors)
            self._tag.emphasised = selected

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self._on_hover(self.code)
        super().hoverEnterEvent(event)

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self._on_hover("")
        super().hoverLeaveEvent(event)


@cache
def _bold_metrics(point_size: float) -> QFontMetricsF:
    font = QFont()
    font.setPointSizeF(point_size)
    font.setBold(True)  # tags are sized for the bold (selected) text, the wider of the two
    return QFontMetricsF(font)


@cache
def _metrics_dpi() -> float:
    """The resolution font metrics without a device measure at (the primary screen's)."""
    screen = QGuiApplication.primaryScreen()
    return screen.logicalDotsPerInchY() if screen is not None else 96.0


@cache
def tag_size(text: str, point_size: float = 7.5) -> tuple[float, float]:
    """A tag's box in pixels, known before (and without) making the tag."""
    metrics = _bold_metrics(point_size)
    return metrics.horizontalAdvance(text) + 6, metrics.height() + 2


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
        self._rect = QRectF(0, 0, *tag_size(text, point_size))
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
        device = painter.device()
        if device is not None and abs(device.logicalDpiY() - _metrics_dpi()) > 0.5:
            # the box was measured on the screen; a printer would draw the points at its own
            # resolution, and the scaled painter would then make the text overflow the box
            font.setPointSizeF(font.pointSizeF() * _metrics_dpi() / device.logicalDpiY())
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
        self.setZValue(2.5)  # over the dimmed markers (2) it may stand on, under the highlighted ones
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
        self.setToolTip(f"<p>{esc(name)}</p>")
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
