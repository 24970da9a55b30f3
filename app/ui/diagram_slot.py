"""Where the reference window gets its body diagram from.

The real widget is ``app.ui.body_diagram.BodyDiagram`` (built by the diagram
work). While that module does not exist yet, a plain placeholder with the same
public interface keeps the window usable; :func:`create_diagram` picks
whichever is available, so nothing else in the window knows the difference.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView, QWidget

from app.domain.models import Catalog


class PlaceholderDiagram(QGraphicsView):
    """Same signals and methods as ``BodyDiagram``; draws nothing but a note."""

    pointClicked = Signal(str)
    pointHovered = Signal(str)
    viewChanged = Signal(str)

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.view = "back"
        self._roles: dict[str, str] = {}
        self.selected: str | None = None
        self.labels_visible = True
        self.dark = False
        self.setScene(QGraphicsScene(self))
        self.scene().addText("Body diagram")
        self.setAccessibleName("Body diagram")

    def set_view(self, view: str) -> None:
        if view != self.view:
            self.view = view
            self.viewChanged.emit(view)

    def current_view(self) -> str:
        return self.view

    def roles(self) -> dict[str, str]:
        return dict(self._roles)

    def zoom_factor(self) -> float:
        return self.transform().m11()

    def selected_point(self) -> str | None:
        return self.selected

    def highlight(self, roles: Mapping[str, str]) -> None:
        self._roles = dict(roles)

    def select_point(self, code: str | None) -> None:
        self.selected = code

    def show_regions(self, region_ids: Iterable[str]) -> None:
        pass

    def set_labels_visible(self, visible: bool) -> None:
        self.labels_visible = visible

    def zoom_in(self) -> None:
        self.scale(1.25, 1.25)

    def zoom_out(self) -> None:
        self.scale(0.8, 0.8)

    def reset_zoom(self) -> None:
        self.resetTransform()

    def set_theme(self, dark: bool) -> None:
        self.dark = dark


def create_diagram(catalog: Catalog, parent: QWidget | None = None) -> QGraphicsView:
    try:
        from app.ui.body_diagram import BodyDiagram
    except ModuleNotFoundError as exc:
        if exc.name != "app.ui.body_diagram":
            raise
        return PlaceholderDiagram(catalog, parent)
    return BodyDiagram(catalog, parent)
