"""The point table: a read-only model of every point, and the proxy that filters it.

Filtering is decided in Python once per keystroke (a set of visible rows from
:class:`app.domain.search.PointIndex` intersected with the combo-box filters);
``filterAcceptsRow`` then only looks the row up, so a keystroke costs one
index query plus one cheap call per row.
"""

from __future__ import annotations

import re
from collections.abc import Set
from enum import IntEnum

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)

from app.domain.models import Catalog, Point
from app.domain.search import PointIndex
from app.ui.rich_text import plain_tooltip

CodeRole = Qt.ItemDataRole.UserRole + 1  # the point code of a row, whatever the column
SortRole = Qt.ItemDataRole.UserRole + 2  # a precomputed int: rows sort without Python comparisons


class Column(IntEnum):
    CODE = 0
    PINYIN = 1
    CHINESE = 2
    ENGLISH = 3
    CHANNEL = 4
    REGION = 5
    PATTERNS = 6


HEADERS = {
    Column.CODE: "Code",
    Column.PINYIN: "Pinyin",
    Column.CHINESE: "Characters",
    Column.ENGLISH: "English",
    Column.CHANNEL: "Channel",
    Column.REGION: "Region",
    Column.PATTERNS: "Patterns",
}


def natural_code_key(code: str) -> tuple[object, ...]:
    """``BL2`` before ``BL10``; ``EX-B2`` after ``DU``-style codes of the same letters."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", code.upper()))


_Index = QModelIndex | QPersistentModelIndex


class PointTableModel(QAbstractTableModel):
    """One row per point, in natural code order (the catalog never changes while shown)."""

    def __init__(self, catalog: Catalog, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self._points: list[Point] = sorted(catalog.points.values(), key=lambda p: natural_code_key(p.code))
        self._row_of: dict[str, int] = {p.code: row for row, p in enumerate(self._points)}
        pattern_names = {pid: pat.name for pid, pat in catalog.patterns.items()}
        patterns_of = catalog.patterns_by_point()
        self._cells: list[tuple[str, ...]] = []
        for point in self._points:
            region = catalog.regions.get(point.region)
            self._cells.append(
                (
                    point.code,
                    point.pinyin,
                    point.chinese,
                    point.english,
                    point.channel,
                    region.name if region else point.region,
                    ", ".join(pattern_names[pid] for pid in patterns_of.get(point.code, ())),
                )
            )
        # Qt guesses whether a tooltip is rich text: escape, so catalog text stays literal.
        self._tooltips = [
            plain_tooltip(f"{p.code} {p.pinyin} ({p.english})\n{p.location}") for p in self._points
        ]
        # Rank of each row in each column's sort order, so SortRole is an int.
        self._ranks: list[list[int]] = [[0] * len(Column) for _ in self._points]
        for column in Column:
            order: list[int] = list(range(len(self._points)))  # the code column: natural order
            if column is not Column.CODE:
                cells = [row[column] for row in self._cells]
                order.sort(key=lambda r: (cells[r].casefold(), r))
            for rank, row in enumerate(order):
                self._ranks[row][column] = rank

    # --- Qt model interface -------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._points)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if not (0 <= row < len(self._points) and 0 <= column < len(Column)):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._cells[row][column]
        if role == CodeRole:
            return self._points[row].code
        if role == SortRole:
            return self._ranks[row][column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltips[row]
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        horizontal = orientation == Qt.Orientation.Horizontal and 0 <= section < len(Column)
        if horizontal and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return HEADERS[Column(section)]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    # --- lookups -------------------------------------------------------------
    def row_of(self, code: str) -> int | None:
        return self._row_of.get(code)

    def code_at(self, row: int) -> str:
        return self._points[row].code

    @property
    def points(self) -> list[Point]:
        return self._points


class PointFilterProxy(QSortFilterProxyModel):
    """Shows the rows matching the search text and the region, channel and pattern filters."""

    filtered = Signal()  # the filters changed and the visible rows are up to date

    def __init__(self, catalog: Catalog, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.search_index = PointIndex(catalog.points)
        self._query = ""
        self._region: str | None = None
        self._channel: str | None = None
        self._pattern: str | None = None
        self._visible: list[bool] = []
        self.setSortRole(SortRole)

    def setSourceModel(self, model: PointTableModel) -> None:  # type: ignore[override]
        super().setSourceModel(model)
        self._recompute()

    def source(self) -> PointTableModel:
        model = self.sourceModel()
        assert isinstance(model, PointTableModel)
        return model

    # --- filters ----------------------------------------------------------------
    @property
    def query(self) -> str:
        return self._query

    def set_query(self, text: str) -> None:
        if text != self._query:
            self._query = text
            self._refilter()

    def set_region(self, region: str | None) -> None:
        if region != self._region:
            self._region = region
            self._refilter()

    def set_channel(self, channel: str | None) -> None:
        if channel != self._channel:
            self._channel = channel
            self._refilter()

    def set_pattern(self, pattern: str | None) -> None:
        if pattern != self._pattern:
            self._pattern = pattern
            self._refilter()

    def matching_codes(self) -> Set[str] | None:
        """Codes passing every filter, or None when nothing filters."""
        allowed: Set[str] | None = self.search_index.match(self._query)
        catalog = self.catalog

        def narrow(current: Set[str] | None, codes: Set[str]) -> Set[str]:
            return codes if current is None else current & codes

        if self._region is not None:
            region = catalog.regions.get(self._region)
            allowed = narrow(allowed, frozenset(region.points) if region else frozenset())
        if self._channel is not None:
            allowed = narrow(
                allowed, frozenset(c for c, p in catalog.points.items() if p.channel == self._channel)
            )
        if self._pattern is not None:
            pattern = catalog.patterns.get(self._pattern)
            allowed = narrow(allowed, frozenset(pattern.points_by_role()) if pattern else frozenset())
        return allowed

    def _recompute(self) -> None:
        model = self.sourceModel()
        if not isinstance(model, PointTableModel):
            self._visible = []
            return
        allowed = self.matching_codes()
        if allowed is None:
            self._visible = [True] * model.rowCount()
        else:
            self._visible = [p.code in allowed for p in model.points]

    def _refilter(self) -> None:
        self._recompute()
        # One layout change instead of row-by-row removals and insertions:
        # with thousands of rows the per-range signals cost more than the filter.
        self.invalidate()
        self.filtered.emit()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        # The source rows are already in natural code order: sorting by code
        # ascending is "no sorting", so filtering never calls back into Python
        # to compare rows (thousands of calls when a filter widens).
        if column == Column.CODE and order == Qt.SortOrder.AscendingOrder:
            column = -1
        super().sort(column, order)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        visible = self._visible
        return source_row < len(visible) and visible[source_row]
