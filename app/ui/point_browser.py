"""The point browser: one search box, three filters and the point table.

It talks to the rest of the window only through ``pointSelected(code)`` (the
user picked a row) and :meth:`PointBrowser.select_point` (someone else picked a
point: the row follows without echoing the signal back).
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.models import Catalog
from app.ui.point_table_model import CodeRole, Column, PointFilterProxy, PointTableModel, natural_code_key

# Columns shown when the browser is narrow; the rest can be shown from the header's menu.
NARROW_HIDDEN = (Column.CHANNEL, Column.REGION, Column.PATTERNS)


class _SearchField(QLineEdit):
    """Down arrow or Enter moves into the results, so the table is reachable without a mouse."""

    enterResults = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.enterResults.emit()
            return
        super().keyPressEvent(event)


class PointBrowser(QWidget):
    pointSelected = Signal(str)  # the user picked a point in the table

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self._echo_guard = False

        self.search = _SearchField(self)
        self.search.setPlaceholderText("Search: code, pinyin, English or 漢字")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search points")
        self.search.setToolTip(
            "Code in any spelling (BL23, bl-23, bl 23), pinyin with or without tones,"
            " English or Chinese name.\n"
            "One typo is forgiven in words of four letters or more."
        )

        self.region_filter = self._combo("Region filter", "All regions", _sorted_by_name(catalog.regions))
        self.channel_filter = self._combo(
            "Channel filter",
            "All channels",
            [(cid, f"{cid} · {ch.name}") for cid, ch in catalog.channels.items()],
        )
        self.pattern_filter = self._combo(
            "Pattern filter", "All patterns", [(pid, p.name) for pid, p in catalog.patterns.items()]
        )

        self.model = PointTableModel(catalog, self)
        self.proxy = PointFilterProxy(catalog, self)
        self.proxy.setSourceModel(self.model)

        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Points")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        rows = self.table.verticalHeader()
        rows.hide()
        # Every row the same fixed height: the view never measures rows (fast with thousands).
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for column in NARROW_HIDDEN:
            self.table.setColumnHidden(column, True)
        self._add_column_toggles()
        # Indicator first: enabling sorting sorts by the header's indicator at once
        # (descending by default), and code ascending is the model's own order.
        header.setSortIndicator(Column.CODE, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self._size_columns()

        self.count_label = QLabel(self)
        self.count_label.setObjectName("muted")
        self.count_label.setTextFormat(Qt.TextFormat.PlainText)
        self.count_label.setAccessibleName("Number of points shown")
        # A new count must not change the panel's width (that would relayout the window).
        self.count_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        filters = QGridLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.setHorizontalSpacing(6)
        filters.setVerticalSpacing(6)
        filters.addWidget(self.region_filter, 0, 0)
        filters.addWidget(self.channel_filter, 0, 1)
        filters.addWidget(self.pattern_filter, 1, 0)
        filters.addWidget(self.count_label, 1, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)

        self.search.textChanged.connect(self.proxy.set_query)
        self.search.enterResults.connect(self._enter_results)
        self.region_filter.currentIndexChanged.connect(
            lambda: self.proxy.set_region(self.region_filter.currentData())
        )
        self.channel_filter.currentIndexChanged.connect(
            lambda: self.proxy.set_channel(self.channel_filter.currentData())
        )
        self.pattern_filter.currentIndexChanged.connect(
            lambda: self.proxy.set_pattern(self.pattern_filter.currentData())
        )
        self.proxy.filtered.connect(self._update_count)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self._update_count()

    # --- construction helpers ----------------------------------------------------
    def _combo(self, accessible: str, everything: str, items: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox(self)
        combo.setAccessibleName(accessible)
        combo.setToolTip(accessible)
        combo.addItem(everything, None)
        for key, label in items:
            combo.addItem(label, key)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(8)
        return combo

    def _add_column_toggles(self) -> None:
        from PySide6.QtGui import QAction

        header = self.table.horizontalHeader()
        for column in Column:
            if column is Column.CODE:
                continue
            action = QAction(f"Show {self.model.headerData(column, Qt.Orientation.Horizontal)}", header)
            action.setCheckable(True)
            action.setChecked(not self.table.isColumnHidden(column))
            action.toggled.connect(lambda on, c=column: self.table.setColumnHidden(c, not on))
            header.addAction(action)

    def _size_columns(self) -> None:
        """Each column as wide as its header and its longest entry (capped), English takes the rest."""
        metrics = self.fontMetrics()
        caps = {Column.PINYIN: 130, Column.ENGLISH: 200, Column.REGION: 160, Column.PATTERNS: 260}
        for column in Column:
            texts = [str(self.model.headerData(column, Qt.Orientation.Horizontal))]
            texts += [self.model.index(row, column).data() for row in range(min(self.model.rowCount(), 500))]
            width = max(metrics.horizontalAdvance(t) for t in texts) + 22  # padding and sort arrow
            self.table.setColumnWidth(column, min(width, caps.get(column, 400)))
        # English takes whatever is left, so the narrow panel never scrolls sideways.
        self.table.horizontalHeader().setSectionResizeMode(Column.ENGLISH, QHeaderView.ResizeMode.Stretch)

    # --- behaviour -----------------------------------------------------------------
    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(f"{total} points" if shown == total else f"{shown} of {total} points")

    def _enter_results(self) -> None:
        if self.proxy.rowCount() == 0:
            return
        self.table.setFocus(Qt.FocusReason.TabFocusReason)
        current = self.table.currentIndex()
        if not current.isValid():
            self.table.setCurrentIndex(self.proxy.index(0, 0))

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._echo_guard or not current.isValid():
            return
        code = current.data(CodeRole)
        if isinstance(code, str):
            self.pointSelected.emit(code)

    def visible_codes(self) -> list[str]:
        """Codes of the rows shown, in table order (what a user sees)."""
        return [self.proxy.index(r, 0).data(CodeRole) for r in range(self.proxy.rowCount())]

    def selected_code(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(CodeRole) if rows else None

    def select_point(self, code: str | None) -> None:
        """Select ``code``'s row (or clear the selection) without emitting ``pointSelected``."""
        self._echo_guard = True
        try:
            selection = self.table.selectionModel()
            row = self.model.row_of(code) if code else None
            if row is None:
                selection.clearSelection()
                selection.setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.NoUpdate)
                return
            proxy_index = self.proxy.mapFromSource(self.model.index(row, 0))
            if not proxy_index.isValid():
                # Filtered out: show every point again so the selection is visible.
                self.clear_filters()
                proxy_index = self.proxy.mapFromSource(self.model.index(row, 0))
            selection.setCurrentIndex(
                proxy_index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.table.scrollTo(proxy_index, QAbstractItemView.ScrollHint.EnsureVisible)
        finally:
            self._echo_guard = False

    def clear_filters(self) -> None:
        self.search.clear()
        for combo in (self.region_filter, self.channel_filter, self.pattern_filter):
            combo.setCurrentIndex(0)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()


def _sorted_by_name(regions: object) -> list[tuple[str, str]]:
    items = [(rid, r.name) for rid, r in regions.items()]  # type: ignore[attr-defined]
    return sorted(items, key=lambda kv: kv[1].casefold())


__all__ = ["PointBrowser", "natural_code_key"]
