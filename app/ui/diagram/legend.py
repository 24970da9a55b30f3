"""The body diagram's legend: marker shapes and colours, and the points drawn on other views.

It knows nothing of the diagram: it shows a :class:`LegendState` and asks for
another view with ``viewRequested``; the diagram feeds it and listens.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import field

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from app.domain.frozen import model
from app.domain.vocabulary import Role, View
from app.ui.diagram.items import DiagramColors, marker_path, role_color, role_shape


@model
class LegendState:
    """What the legend shows: the roles in use, and the highlighted points drawn on other views."""

    colors: DiagramColors
    roles: frozenset[str] = frozenset()
    # view -> codes highlighted but drawn only there ("" : drawn on no view)
    off_view: Mapping[str, Sequence[str]] = field(default_factory=dict)


def legend_icon(role: str | None, colors: DiagramColors, size: int = 16) -> QPixmap:
    ratio = 2.0
    pixmap = QPixmap(int(size * ratio), int(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.translate(size / 2, size / 2)
    shape = role_shape(role)
    radius = size * 0.3 if role else size * 0.2
    p.setBrush(QColor(role_color(colors, role)))
    p.setPen(QPen(QColor(colors.marker_edge), 1.2))
    p.drawPath(marker_path(shape, radius))
    p.end()
    return pixmap


class DiagramLegend(QFrame):
    """Marker shapes and colours, plus "N points on the hand close-up" buttons."""

    viewRequested = Signal(str)  # a "points on the hand close-up" button was pressed

    def __init__(self, state: LegendState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("diagramLegend")
        self.setAccessibleName("Diagram legend")
        # Two rows of a constant height, so a narrow pane never cuts a text short and
        # the legend never resizes (and refits) the diagram: the marker key, then the
        # buttons to the views that hold the other highlighted points (or a hint).
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 2, 8, 2)
        outer.setSpacing(0)
        probe = QToolButton()
        probe.setText("Xg")
        row_height = max(probe.sizeHint().height(), self.fontMetrics().height() + 6)
        probe.deleteLater()
        self._rows: list[QHBoxLayout] = []
        for _ in range(2):
            holder = QWidget(self)
            holder.setFixedHeight(row_height)
            row = QHBoxLayout(holder)
            row.setContentsMargins(0, 0, 0, 0)
            row.setSpacing(10)
            row.addStretch(1)
            outer.addWidget(holder)
            self._rows.append(row)
        self._dynamic: list[tuple[int, QWidget]] = []
        self._shown: tuple[object, object] = (None, None)
        self.show_state(state)

    def entries(self) -> list[str]:
        """The legend's texts, in order (what a user reads)."""
        out = []
        for _row, widget in sorted(self._dynamic, key=lambda item: item[0]):  # row by row
            if (isinstance(widget, QLabel) and widget.text()) or isinstance(widget, QToolButton):
                out.append(widget.text())
        return out

    def show_state(self, state: LegendState) -> None:
        # each row is rebuilt only when what it shows changed: a pattern switch mostly keeps the
        # marker key (local and distal) and changes only the other views' buttons
        key = (state.colors, state.roles)
        views_key = tuple((view, tuple(codes)) for view, codes in state.off_view.items())
        if key != self._shown[0]:
            self._clear(0)
            shown = [r for r in Role if r in state.roles] or [Role.LOCAL, Role.DISTAL]
            for role in shown:
                self._add_item(role, role.label, state.colors)
            if state.roles:
                self._add_item("dimmed", "Other points", state.colors)
        if views_key != self._shown[1]:
            self._clear(1)
            self._add_views(state)
        self._shown = (key, views_key)

    def _clear(self, row: int) -> None:
        for widget in [w for r, w in self._dynamic if r == row]:
            self._rows[row].removeWidget(widget)
            widget.hide()
            widget.deleteLater()
        self._dynamic = [(r, w) for r, w in self._dynamic if r != row]

    def _add_views(self, state: LegendState) -> None:
        views = state.off_view
        for view, codes in views.items():
            n = len(codes)
            noun = "point" if n == 1 else "points"
            if not view:
                label = QLabel(f"{n} {noun} not drawn: {', '.join(codes)}", self)
                label.setTextFormat(Qt.TextFormat.PlainText)
                self._append(label, 1)
                continue
            where = View(view).phrase
            button = QToolButton(self)
            button.setText(f"{n} {noun} on {where} ›")
            button.setToolTip(f"<p>{', '.join(codes)}</p>")
            button.setAccessibleName(f"Show {where}: {', '.join(codes)}")
            button.setAutoRaise(True)
            button.clicked.connect(lambda _=False, v=view: self.viewRequested.emit(v))
            self._append(button, 1)
        if not views:
            hint = QLabel("Hover a marker for its location; click it to select the point.", self)
            hint.setTextFormat(Qt.TextFormat.PlainText)
            hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            self._append(hint, 1)

    def _add_item(self, role: str, text: str, colors: DiagramColors) -> None:
        icon = QLabel(self)
        icon.setTextFormat(Qt.TextFormat.PlainText)
        icon.setPixmap(_dimmed_icon(colors) if role == "dimmed" else legend_icon(role, colors))
        label = QLabel(text, self)
        label.setTextFormat(Qt.TextFormat.PlainText)
        self._append(icon)
        self._append(label)

    def _append(self, widget: QWidget, row: int = 0) -> None:
        layout = self._rows[row]
        layout.insertWidget(layout.count() - 1, widget)  # before the row's closing stretch
        self._dynamic.append((row, widget))


def _dimmed_icon(colors: DiagramColors, size: int = 16) -> QPixmap:
    ratio = 2.0
    pixmap = QPixmap(int(size * ratio), int(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.translate(size / 2, size / 2)
    p.setBrush(QColor(colors.dimmed))
    p.setPen(QPen(QColor(colors.marker_edge), 1.0))
    p.drawPath(marker_path("circle", size * 0.18))
    p.end()
    return pixmap
