"""A tool bar of two groups that sits on one row when there is room and on two rows when not.

The diagram's bar holds one button per view and the figure's tools (channels, labels, zoom). With
the atlas's seven views the row is wider than the diagram pane of a 960 px window: there the tools go
under the views instead of pushing the window wider than the screen.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QFrame, QHBoxLayout, QWidget


class WrappingBar(QFrame):
    """``first`` and ``second`` side by side (``second`` to the right), or ``second`` below."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first = QWidget(self)
        self.second = QWidget(self)
        self.first_layout = QHBoxLayout(self.first)
        self.second_layout = QHBoxLayout(self.second)
        for layout in (self.first_layout, self.second_layout):
            layout.setContentsMargins(0, 0, 0, 0)
            layout.setSpacing(2)
            layout.addStretch(1)  # the buttons keep their size, left-aligned, on a wrapped row
        self._layout = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self._layout.setContentsMargins(6, 4, 6, 4)
        self._layout.setSpacing(2)
        self._layout.addWidget(self.first)
        self._layout.addStretch(1)
        self._layout.addWidget(self.second)

    def add_first(self, widget: QWidget) -> None:
        self.first_layout.insertWidget(self.first_layout.count() - 1, widget)

    def add_second(self, widget: QWidget) -> None:
        self.second_layout.insertWidget(self.second_layout.count() - 1, widget)

    def wrapped(self) -> bool:
        return self._layout.direction() == QBoxLayout.Direction.TopToBottom

    def _one_row_width(self) -> int:
        margins = self._layout.contentsMargins()
        gap = self._layout.spacing() + 8  # a little air between the groups
        return (
            self.first.sizeHint().width()
            + self.second.sizeHint().width()
            + gap
            + margins.left()
            + margins.right()
        )

    def sizeHint(self) -> QSize:
        """One row is what the bar would like (a splitter sizes panes from it); wrapping is only the
        answer to less room."""
        return QSize(self._one_row_width(), super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        margins = self._layout.contentsMargins()
        # each group keeps its buttons whole (their size hints): only the row breaks
        widest = max(self.first.sizeHint().width(), self.second.sizeHint().width())
        return QSize(widest + margins.left() + margins.right(), super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        wrap = event.size().width() < self._one_row_width()
        if wrap != self.wrapped():
            self._layout.setDirection(
                QBoxLayout.Direction.TopToBottom if wrap else QBoxLayout.Direction.LeftToRight
            )
        super().resizeEvent(event)
