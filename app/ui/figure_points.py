"""The figure as text: the points drawn on the current view, as a list a screen reader can read.

It follows the diagram (view, highlighted pattern, selected point) and selecting a row selects the
point everywhere, so the atlas can be used without seeing the figure.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from app.domain.anatomy import views_of
from app.domain.models import Catalog
from app.domain.vocabulary import View

CODE_ROLE = Qt.ItemDataRole.UserRole + 1
ROLE_WORDS = {
    "local": "local point",
    "distal": "distal point",
    "channel": "channel point",
    "plan": "in the plan",
}


class FigurePointList(QListWidget):
    """Rows: the highlighted points first (with their role), then every other point on the view."""

    pointActivated = Signal(str)

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.setObjectName("figurePoints")
        self.setAccessibleName("Points on the figure")
        self.setUniformItemSizes(True)
        self._state: tuple[str, tuple[tuple[str, str], ...]] | None = None
        self.currentItemChanged.connect(self._current_changed)
        self._syncing = False

    def show_view(self, view: str, roles: Mapping[str, str], selected: str | None) -> None:
        state = (view, tuple(sorted(roles.items())))
        if state != self._state:
            self._state = state
            self._fill(view, roles)
        self.select(selected)

    def _fill(self, view: str, roles: Mapping[str, str]) -> None:
        on_view = [code for code, p in self.catalog.points.items() if view in views_of(p)]
        ordered = [c for c in on_view if c in roles] + [c for c in on_view if c not in roles]
        self._syncing = True
        self.clear()
        for code in ordered:
            point = self.catalog.points[code]
            role = ROLE_WORDS.get(roles.get(code, ""), "")
            text = f"{code}  {point.pinyin} · {point.english}" + (f"  ({role})" if role else "")
            item = QListWidgetItem(text)
            item.setData(CODE_ROLE, code)
            item.setData(
                Qt.ItemDataRole.AccessibleTextRole, f"{code}, {point.pinyin}, {point.english}. {role}"
            )
            self.addItem(item)
        self._syncing = False
        self.setAccessibleDescription(
            f"{View(view).caption}: {len(ordered)} points, {len(roles)} highlighted"
        )

    def codes(self) -> list[str]:
        return [str(self.item(row).data(CODE_ROLE)) for row in range(self.count())]

    def select(self, code: str | None) -> None:
        self._syncing = True
        self.setCurrentRow(self.codes().index(code) if code in self.codes() else -1)
        self._syncing = False

    def _current_changed(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if current is not None and not self._syncing:
            self.pointActivated.emit(str(current.data(CODE_ROLE)))
