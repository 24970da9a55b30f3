"""Channel courses on the body diagram: one path item per channel and view, drawn under the markers.

Colours: a channel and its paired channel (interior-exterior: LU-LI, ST-SP, HT-SI, BL-KI, PC-TE,
GB-LR, GV-CV) share one of seven colours from Paul Tol's colour-blind-safe schemes ("muted" on the
light theme, "light" on the dark one); yang channels are drawn solid, yin channels dashed, so the
pair is told apart without colour too. Every course also carries its channel code at its start.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem

from app.domain.anatomy import ViewFrame
from app.domain.channels import CourseLine
from app.ui.plain import plain_tooltip

# channel -> (light-theme colour, dark-theme colour, dashed)
CHANNEL_STYLES: dict[str, tuple[str, str, bool]] = {
    "LU": ("#332288", "#77AADD", True),
    "LI": ("#332288", "#77AADD", False),
    "ST": ("#117733", "#44BB99", False),
    "SP": ("#117733", "#44BB99", True),
    "HT": ("#CC6677", "#EE8866", True),
    "SI": ("#CC6677", "#EE8866", False),
    "BL": ("#88CCEE", "#99DDFF", False),
    "KI": ("#88CCEE", "#99DDFF", True),
    "PC": ("#AA4499", "#FFAABB", True),
    "TE": ("#AA4499", "#FFAABB", False),
    "GB": ("#999933", "#BBCC33", False),
    "LR": ("#999933", "#BBCC33", True),
    "GV": ("#882255", "#EEDD88", False),
    "CV": ("#882255", "#EEDD88", True),
}
_FALLBACK = ("#555555", "#DDDDDD", False)


def channel_pen(channel: str, dark: bool, emphasised: bool = False) -> QPen:
    light, dark_colour, dashed = CHANNEL_STYLES.get(channel, _FALLBACK)
    pen = QPen(QColor(dark_colour if dark else light))
    pen.setCosmetic(True)  # constant pixel width at every zoom
    pen.setWidthF(3.2 if emphasised else 2.0)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    if dashed:
        pen.setDashPattern([4.0, 2.5])
    return pen


def channel_icon(channel: str, dark: bool, size: int = 16) -> QIcon:
    """A swatch of the channel's line, for menus and the legend."""
    pixmap = QPixmap(size * 2, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = channel_pen(channel, dark, emphasised=True)
    pen.setCosmetic(False)
    painter.setPen(pen)
    painter.drawLine(QPointF(2, size / 2), QPointF(size * 2 - 2, size / 2))
    painter.end()
    return QIcon(pixmap)


class ChannelItem(QGraphicsPathItem):
    """A channel's visible course on one view (one or more polylines through its markers)."""

    def __init__(self, channel: str, name: str, lines: tuple[CourseLine, ...], frame: ViewFrame) -> None:
        super().__init__()
        self.channel = channel
        self.lines = lines
        path = QPainterPath()
        for line in lines:
            first, *rest = (QPointF(*frame.to_scene(x, y)) for x, y in line.positions)
            path.moveTo(first)
            for point in rest:
                path.lineTo(point)
        self.setPath(path)
        self.setToolTip(plain_tooltip(f"{name} ({channel})"))
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)  # clicks go to the figure and markers
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, False)
        self.setZValue(-5)  # over the figure (-10), under the markers (0) and their tags

    def label_spot(self, frame: ViewFrame) -> QPointF:
        """Where the channel code is written: the start of its longest visible stretch."""
        longest = max(self.lines, key=lambda line: len(line.positions))
        return QPointF(*frame.to_scene(*longest.positions[0]))

    def colour(self, dark: bool) -> QColor:
        light, dark_colour, _dashed = CHANNEL_STYLES.get(self.channel, _FALLBACK)
        return QColor(dark_colour if dark else light)

    def restyle(self, dark: bool, emphasised: bool) -> None:
        self.setPen(channel_pen(self.channel, dark, emphasised))
