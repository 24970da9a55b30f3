"""A QTabWidget that does not repaint all of its pages whenever one child's size hint changes.

QTabWidget answers every LayoutRequest from inside its pages by laying itself
out again and repainting its whole area. In the main window that is the whole
window, repainted on every search keystroke and every pattern switch (tens of
milliseconds). The page area only depends on the tab bar, so this subclass
lets such requests through only when the tab bar's size hint changed; others
just pass the size-hint change on to the parent layout.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtWidgets import QStackedWidget, QTabWidget, QWidget


class CalmTabWidget(QTabWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bar_hint = QSize()

    def page_parent(self) -> QWidget:
        """The widget a page lives in once added: the tab widget's own stack. A page made there is
        not moved when it is added, so not styled again (with a style sheet, a moved widget and
        everything in it are: about 20 ms for the Reference workspace)."""
        return next((c for c in self.children() if isinstance(c, QStackedWidget)), self)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            hint = self.tabBar().sizeHint()
            if hint == self._bar_hint:
                self.updateGeometry()  # minimum sizes still reach the window
                return True
            self._bar_hint = hint
        return super().event(event)
