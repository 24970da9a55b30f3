"""The "Reference" workspace: patterns, regional protocols and the point browser on
the left, the body diagram in the middle, the detail pane (pattern, protocol or
point) on the right.

The panels never reach into each other: each emits a signal ("the user picked
pattern X / point Y") and this class decides what every panel shows.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QFont, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.anatomy import VIEWS, views_of
from app.domain.channels import channel_ids
from app.domain.models import Catalog
from app.domain.settings import Setting
from app.domain.vocabulary import View
from app.ui.calm_tabs import CalmTabWidget
from app.ui.diagram import BodyDiagram
from app.ui.diagram.channels import channel_icon
from app.ui.figure_points import FigurePointList
from app.ui.pattern_view import REGIONAL_PROTOCOL, TEXTBOOK_PATTERN, PatternView
from app.ui.plain import plain_label
from app.ui.point_detail import PointDetail
from app.ui.rich_text import plain_tooltip
from app.ui.settings_store import Settings
from app.ui.workspace import NothingToSave
from app.ui.wrapping_bar import WrappingBar

if TYPE_CHECKING:
    from app.ui.point_browser import PointBrowser

ALL_POINTS = ""  # the pattern list's "All points" entry (no pattern)
# S and Shift+S: the two sides, one key apart (L is the point labels')
VIEW_KEYS = {"front": "F", "back": "B", "hand": "H", "foot": "O", "side": "S", "left": "Shift+S", "head": "E"}
PATTERN_ROLE = Qt.ItemDataRole.UserRole + 1
PROTOCOL_ROLE = Qt.ItemDataRole.UserRole + 2  # a regional protocol's id (its item has no PATTERN_ROLE)
PROTOCOLS_HEADING = "Regional protocols"
PROTOCOL_SETTING = "protocol:"  # the saved "pattern" when a protocol was shown


class ReferenceWorkspace(NothingToSave, QWidget):
    """State: the current pattern (or all points), the selected point, the diagram view."""

    patternChanged = Signal(str)  # pattern id, "" for all points
    pointChanged = Signal(str)  # point code, "" when none is selected
    viewChanged = Signal(str)
    statusMessage = Signal(str)

    def __init__(
        self,
        catalog: Catalog,
        parent: QWidget | None = None,
        settings: Settings | None = None,
        dark: bool = False,
    ) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.current_pattern: str = ALL_POINTS
        self.selected_point: str = ""
        self.current_view = "back"
        self.labels_visible = True
        self.dark = dark
        self._pending_splitter: QByteArray | None = None
        self._shown_once = False
        self._user_sized = False  # the splitter was moved before it was first shown

        # Each panel is made inside the widget that shows it. A widget moved to another parent is
        # styled again (the application's style sheet, its fonts), and a splitter styles its panes
        # each time one is added: the three panes are made empty, in order, then filled in place.
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.left_tabs = CalmTabWidget(self.splitter)
        middle = QWidget(self.splitter)
        right = QWidget(self.splitter)

        # Left: patterns | points
        self.left_tabs.setDocumentMode(True)
        self.left_tabs.setAccessibleName("Patterns and points")
        pages = self.left_tabs.page_parent()
        patterns_page = QWidget(pages)
        self.pattern_list = QListWidget(patterns_page)
        self.pattern_list.setObjectName("patternList")
        self.pattern_list.setAccessibleName("Patterns")
        self.pattern_list.setIconSize(QSize(0, 0))
        # Long names wrap inside the list's width (they were cut, behind a sideways scroll bar).
        self.pattern_list.setWordWrap(True)
        self.pattern_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.pattern_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        for pid, pattern in catalog.patterns.items():
            second = f"{pattern.pinyin} · {pattern.chinese}"
            if pattern.textbook_only:
                second += f" · {TEXTBOOK_PATTERN}"
            item = QListWidgetItem(f"{pattern.name}\n{second}")
            item.setData(PATTERN_ROLE, pid)
            number = self.pattern_list.count() + 1
            shortcut = f" (Ctrl+{number})" if number <= 9 else ""
            item.setToolTip(plain_tooltip(f"{pattern.name}{shortcut}"))
            self.pattern_list.addItem(item)
        everything = QListWidgetItem(f"All points\n{len(catalog.points)} points, every region")
        everything.setData(PATTERN_ROLE, ALL_POINTS)
        self.pattern_list.addItem(everything)
        self.current_protocol: str = ""
        if catalog.protocols:
            heading = QListWidgetItem(PROTOCOLS_HEADING)
            heading.setFlags(Qt.ItemFlag.NoItemFlags)  # a heading: neither selectable nor focusable
            font = QFont(heading.font())
            font.setBold(True)
            heading.setFont(font)
            self.pattern_list.addItem(heading)
            for qid, protocol in catalog.protocols.items():
                region = catalog.regions[protocol.region].name
                item = QListWidgetItem(f"{protocol.name}\n{protocol.pinyin} · {protocol.chinese} · {region}")
                item.setData(PROTOCOL_ROLE, qid)
                item.setToolTip(plain_tooltip(f"{REGIONAL_PROTOCOL}: {protocol.name}"))
                self.pattern_list.addItem(item)

        # The point browser is built when first needed (start-up time).
        self._browser: PointBrowser | None = None
        self._points_page = QWidget(pages)
        QVBoxLayout(self._points_page).setContentsMargins(0, 0, 0, 0)
        patterns_layout = QVBoxLayout(patterns_page)
        patterns_layout.setContentsMargins(0, 6, 0, 0)
        patterns_layout.setSpacing(0)
        patterns_layout.addWidget(self.pattern_list, 1)
        hint = plain_label(
            "Ctrl+1 to Ctrl+4 pick a seed pattern; Ctrl+F searches points.", patterns_page, name="muted"
        )
        hint.setMargin(10)
        patterns_layout.addWidget(hint)
        self.left_tabs.addTab(patterns_page, "Patterns")
        self.left_tabs.addTab(self._points_page, "Points")
        # The figure as text, for a screen reader: built with the diagram, filled when shown.
        self.figure_points = FigurePointList(catalog, pages)
        self.left_tabs.addTab(self.figure_points, "On figure")
        self.left_tabs.currentChanged.connect(self._left_tab_changed)

        # Middle: the diagram and its bar
        self.diagram = BodyDiagram(catalog, middle)
        self.diagram.setAccessibleName("Body diagram")
        self.view_actions: dict[str, QAction] = {}
        self._view_group = QActionGroup(self)
        self._view_group.setExclusive(True)
        for view in VIEWS:
            action = QAction(view.short_caption, self)
            action.setCheckable(True)
            action.setData(view)
            action.setToolTip(view.caption)
            action.triggered.connect(lambda _=False, v=view: self.set_view(v))
            self._view_group.addAction(action)
            self.view_actions[view] = action
        self.labels_action = QAction("Point labels", self)
        self.labels_action.setCheckable(True)
        self.labels_action.setChecked(True)
        self.labels_action.toggled.connect(self.set_labels_visible)
        self.zoom_in_action = QAction("Zoom in", self)
        self.zoom_out_action = QAction("Zoom out", self)
        self.zoom_reset_action = QAction("Reset zoom", self)
        self._build_channels_menu()
        self.zoom_in_action.triggered.connect(self.diagram.zoom_in)
        self.zoom_out_action.triggered.connect(self.diagram.zoom_out)
        self.zoom_reset_action.triggered.connect(self.diagram.reset_zoom)

        bar = WrappingBar(middle)
        bar.setObjectName("diagramBar")
        self.diagram_bar = bar
        for action in self.view_actions.values():
            bar.add_first(self._tool_button(action, bar.first))
        channels_button = QToolButton(bar.second)
        channels_button.setText("Channels")
        channels_button.setAccessibleName("Channels drawn on the figure")
        channels_button.setMenu(self.channels_menu)
        channels_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        channels_button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        bar.add_second(channels_button)
        bar.add_second(self._tool_button(self.labels_action, bar.second, "Labels"))
        bar.add_second(self._tool_button(self.zoom_out_action, bar.second, "−"))
        bar.add_second(self._tool_button(self.zoom_in_action, bar.second, "+"))
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        middle_layout.setSpacing(0)
        middle_layout.addWidget(bar)
        middle_layout.addWidget(self.diagram, 1)
        legend = getattr(self.diagram, "legend_widget", None)
        if callable(legend):
            legend_widget = legend()
            # A fixed height: the legend's text changes with every pattern, and a
            # height change would resize (and refit) the diagram on every switch.
            # Its width is ignored for the same reason (no minimum width pushing the splitter).
            legend_widget.setFixedHeight(legend_widget.sizeHint().height())
            legend_widget.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            middle_layout.addWidget(legend_widget)

        # Right: the detail pane
        detail_bar = QFrame(right)
        detail_bar.setObjectName("detailBar")
        self.back_button = QToolButton(detail_bar)
        self.back_button.setAccessibleName("Back to the pattern")
        self.back_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.back_button.clicked.connect(self.clear_point)
        detail_bar_layout = QHBoxLayout(detail_bar)
        detail_bar_layout.setContentsMargins(6, 4, 6, 4)
        detail_bar_layout.addWidget(self.back_button)
        detail_bar_layout.addStretch(1)
        self.detail_bar = detail_bar
        self.detail_stack = QStackedWidget(right)
        self.pattern_view = PatternView(catalog, self.detail_stack)
        self.point_detail = PointDetail(catalog, self.detail_stack)
        self.detail_stack.addWidget(self.pattern_view)
        self.detail_stack.addWidget(self.point_detail)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.setSpacing(0)
        right_layout.addWidget(detail_bar)
        right_layout.addWidget(self.detail_stack, 1)

        # the splitter holds its three panes in the order they were made (left, middle, right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setSizes([370, 460, 520])
        self.splitter.splitterMoved.connect(self._splitter_moved)
        # Narrow enough for a 960-pixel window (half a 1920 screen, or a 1080p screen at scale 2).
        # wide enough for its three tabs: none scrolled out of sight
        self.left_tabs.setMinimumWidth(max(200, self.left_tabs.tabBar().sizeHint().width() + 4))
        right.setMinimumWidth(215)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        # Wiring: every panel speaks through signals.
        self.pattern_list.currentItemChanged.connect(self._pattern_item_changed)
        self.diagram.pointClicked.connect(self.show_point)
        self.diagram.pointHovered.connect(self._hovered)
        self.diagram.viewChanged.connect(self._diagram_view_changed)
        self.pattern_view.pointRequested.connect(self.show_point)
        self.pattern_view.patternRequested.connect(self.select_pattern)
        self.point_detail.patternRequested.connect(self.select_pattern)
        self.point_detail.pointRequested.connect(self.show_point)
        self.point_detail.channelRequested.connect(self.show_channel)
        self.figure_points.pointActivated.connect(self.show_point)

        if dark:
            self.diagram.set_theme(dark)
        # Nothing is shown yet: the first page is simply built in these colours.
        self.pattern_view.dark = self.point_detail.dark = dark
        self.restore_state(settings)

    def _build_channels_menu(self) -> None:
        """View > Channels: each of the fourteen courses on or off, all, none, the pattern's own."""
        self.channels_menu = QMenu("&Channels", self)
        self.channels_menu.setToolTipsVisible(True)
        self.channel_actions: dict[str, QAction] = {}
        all_action = self.channels_menu.addAction("Show &all channels")
        all_action.triggered.connect(lambda: self.set_channels(channel_ids(self.catalog)))
        none_action = self.channels_menu.addAction("&Hide the channels")
        none_action.triggered.connect(lambda: self.set_channels(()))
        own = self.channels_menu.addAction("Channels of this &pattern")
        own.triggered.connect(lambda: self.set_channels(self._pattern_channels()))
        self.channels_menu.addSeparator()
        for cid in channel_ids(self.catalog):
            channel = self.catalog.channels[cid]
            action = QAction(channel_icon(cid, self.dark), f"{cid}  {channel.name}  {channel.chinese}", self)
            action.setCheckable(True)
            if channel.pathway is not None:
                action.setToolTip(plain_tooltip(channel.pathway.text))
            action.toggled.connect(self._channel_toggled)
            self.channels_menu.addAction(action)
            self.channel_actions[cid] = action

    def _pattern_channels(self) -> list[str]:
        shown = self.catalog.patterns.get(self.current_pattern) or self.catalog.protocols.get(
            self.current_protocol
        )
        codes = shown.points_by_role() if shown else {}
        return sorted({self.catalog.points[c].channel for c in codes})

    def set_channels(self, channels: Iterable[str], emphasis: str | None = None) -> None:
        """Draw these channels' courses; the menu's ticks follow."""
        wanted = set(channels)
        for cid, action in self.channel_actions.items():
            action.blockSignals(True)
            action.setChecked(cid in wanted)
            action.blockSignals(False)
        self.diagram.set_channels(wanted, emphasis)
        shown = self.diagram.channels_shown()
        self.statusMessage.emit("Channels drawn: " + ", ".join(shown) if shown else "No channels drawn")

    def show_channel(self, channel: str) -> None:
        """Draw one channel's whole course, emphasised (from a point's page), beside those shown."""
        self.set_channels({*self.diagram.channels_shown(), channel}, emphasis=channel)

    def _channel_toggled(self, _on: bool) -> None:
        self.set_channels([cid for cid, a in self.channel_actions.items() if a.isChecked()])

    @staticmethod
    def _tool_button(action: QAction, parent: QWidget, text: str | None = None) -> QToolButton:
        button = QToolButton(parent)
        if text is not None:
            action.setIconText(text)  # short on the button, full words in the menu
        button.setDefaultAction(action)
        button.setAccessibleName(action.text())
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        return button

    # --- state changes ----------------------------------------------------------------
    def _select_row(self, role: int, value: str) -> None:
        """Make the list's current row the item whose ``role`` data is ``value`` (no signal)."""
        for row in range(self.pattern_list.count()):
            item = self.pattern_list.item(row)
            if item.data(role) == value:
                if self.pattern_list.currentRow() != row:
                    self.pattern_list.blockSignals(True)
                    self.pattern_list.setCurrentRow(row)
                    self.pattern_list.blockSignals(False)
                break

    def select_pattern(self, pattern_id: str) -> None:
        """Show a pattern (or all points for "" or an unknown id): list, diagram and detail follow."""
        if pattern_id not in self.catalog.patterns:
            pattern_id = ALL_POINTS
        self.current_pattern = pattern_id
        self.current_protocol = ""
        self._select_row(PATTERN_ROLE, pattern_id)
        pattern = self.catalog.patterns.get(pattern_id)
        self.diagram.highlight(pattern.points_by_role() if pattern else {})
        self._set_point("")
        self.pattern_view.show_pattern(pattern_id or None)
        self.detail_stack.setCurrentWidget(self.pattern_view)
        self.detail_bar.hide()
        self.patternChanged.emit(pattern_id)
        self.statusMessage.emit(self._pattern_summary())

    def select_protocol(self, protocol_id: str) -> None:
        """Show a regional protocol (all points for an unknown id): list, diagram and detail follow."""
        protocol = self.catalog.protocols.get(protocol_id)
        if protocol is None:
            self.select_pattern(ALL_POINTS)
            return
        self.current_pattern = ALL_POINTS
        self.current_protocol = protocol_id
        self._select_row(PROTOCOL_ROLE, protocol_id)
        self.diagram.highlight(protocol.points_by_role())
        self._set_point("")
        self.pattern_view.show_protocol(protocol_id)
        self.detail_stack.setCurrentWidget(self.pattern_view)
        self.detail_bar.hide()
        self.patternChanged.emit(ALL_POINTS)
        self.statusMessage.emit(self._pattern_summary())

    def _pattern_summary(self) -> str:
        protocol = self.catalog.protocols.get(self.current_protocol)
        if protocol is not None:
            roles = protocol.points_by_role()
            far = sum(1 for role in roles.values() if role == "distal")
            return f"{protocol.name}: {len(roles) - far} local and {far} distal points"
        pattern = self.catalog.patterns.get(self.current_pattern)
        if pattern is None:
            return f"All points: {len(self.catalog.points)} points"
        rx = pattern.prescription
        return f"{pattern.name}: {len(rx.local)} local and {len(rx.distal)} distal points"

    def show_point(self, code: str) -> None:
        """Select a point everywhere: diagram marker, table row and the detail pane."""
        point = self.catalog.points.get(code)
        if point is None:
            return
        views = views_of(point)
        if views and self.current_view not in views:
            self.set_view(views[0])
        self._set_point(code)
        self.point_detail.show_point(code)
        self.detail_stack.setCurrentWidget(self.point_detail)
        pattern = self.catalog.patterns.get(self.current_pattern) or self.catalog.protocols.get(
            self.current_protocol
        )
        self.back_button.setText(f"←  Back to {pattern.name}" if pattern else "←  Back to all points")
        self.detail_bar.show()
        self.statusMessage.emit(f"{point.code} {point.pinyin} · {point.english}: {point.location}")

    def clear_point(self) -> None:
        if self.selected_point:
            if self.current_protocol:
                self.select_protocol(self.current_protocol)
            else:
                self.select_pattern(self.current_pattern)

    def _set_point(self, code: str) -> None:
        self.selected_point = code
        self.diagram.select_point(code or None)
        if self._browser is not None:
            self._browser.select_point(code or None)
        self._sync_figure_points()
        self.pointChanged.emit(code)

    def set_view(self, view: str) -> None:
        if view not in VIEWS:
            return
        self.current_view = view
        self.diagram.set_view(view)
        self.view_actions[view].setChecked(True)
        self._sync_figure_points()
        self.viewChanged.emit(view)

    def _diagram_view_changed(self, view: str) -> None:
        """The diagram switched view itself (e.g. the legend's "on the hand" button)."""
        if view != self.current_view and view in self.view_actions:
            self.current_view = view
            self.view_actions[view].setChecked(True)
            self._sync_figure_points()
            self.viewChanged.emit(view)

    def set_labels_visible(self, visible: bool) -> None:
        self.labels_visible = visible
        self.diagram.set_labels_visible(visible)
        if self.labels_action.isChecked() != visible:
            self.labels_action.setChecked(visible)

    def set_dark(self, dark: bool) -> None:
        self.dark = dark
        self.diagram.set_theme(dark)
        for cid, action in self.channel_actions.items():
            action.setIcon(channel_icon(cid, dark))
        self.pattern_view.set_dark(dark)
        self.point_detail.set_dark(dark)

    @property
    def browser(self) -> PointBrowser:
        """The point browser (built on first use)."""
        if self._browser is None:
            from app.ui.point_browser import PointBrowser  # with the table model and the search index

            self._browser = PointBrowser(self.catalog, self._points_page)
            layout = self._points_page.layout()
            assert layout is not None  # the page is built with its layout
            layout.addWidget(self._browser)
            self._browser.show()  # added to a page that may be on screen already
            self._browser.pointSelected.connect(self.show_point)
            self._browser.select_point(self.selected_point or None)
        return self._browser

    def _left_tab_changed(self, index: int) -> None:
        if self.left_tabs.widget(index) is self._points_page:
            _ = self.browser
        self._sync_figure_points()

    def _sync_figure_points(self) -> None:
        """The text equivalent follows the diagram, when it is the tab shown (it is rebuilt then)."""
        if self.left_tabs.currentWidget() is self.figure_points:
            roles = self.diagram.roles()
            self.figure_points.show_view(self.current_view, roles, self.selected_point or None)

    def focus_search(self) -> None:
        self.left_tabs.setCurrentWidget(self._points_page)
        self.browser.focus_search()

    def escape(self) -> None:
        """Esc: clear the search first, then the selected point."""
        if self._browser is not None and self._browser.search.text():
            self._browser.search.clear()
            if self.left_tabs.currentWidget() is self._points_page:
                self._browser.search.setFocus()
            return
        self.clear_point()

    def _pattern_item_changed(
        self, current: QListWidgetItem | None, _previous: QListWidgetItem | None
    ) -> None:
        if current is None:
            return
        protocol = current.data(PROTOCOL_ROLE)
        if protocol is not None:
            self.select_protocol(str(protocol))
        elif current.data(PATTERN_ROLE) is not None:
            self.select_pattern(str(current.data(PATTERN_ROLE)))

    def _hovered(self, code: str) -> None:
        point = self.catalog.points.get(code)
        if point is None:
            self.statusMessage.emit(self._pattern_summary())
        else:
            self.statusMessage.emit(f"{point.code} {point.pinyin} · {point.english}: {point.location}")

    # --- settings -----------------------------------------------------------------------
    def save_state(self, settings: Settings) -> None:
        settings[Setting.REFERENCE_SPLITTER] = bytes(self.splitter.saveState().data())
        settings[Setting.REFERENCE_PATTERN] = (
            PROTOCOL_SETTING + self.current_protocol if self.current_protocol else self.current_pattern
        )
        settings[Setting.REFERENCE_VIEW] = View(self.current_view)
        settings[Setting.REFERENCE_LABELS] = self.labels_visible
        settings[Setting.REFERENCE_LEFT_TAB] = self.left_tabs.currentIndex()

    def restore_state(self, settings: Settings | None) -> None:
        """Restore what is valid; anything malformed or unknown keeps its default
        (the first pattern, the back view, labels on, the patterns tab)."""
        first = next(iter(self.catalog.patterns), ALL_POINTS)
        if settings is None:
            self.set_view(self.current_view)
            self.select_pattern(first)
            return
        splitter = settings[Setting.REFERENCE_SPLITTER]
        if splitter:
            # Applied once the window has its real size: a splitter restored
            # while hidden squeezes the side panes to their minimum.
            self._pending_splitter = QByteArray(splitter)
            if self.isVisible():
                self._apply_pending_splitter()
        self.set_view(settings[Setting.REFERENCE_VIEW])
        pattern = settings[Setting.REFERENCE_PATTERN]
        saved = pattern or ""
        protocol = saved.removeprefix(PROTOCOL_SETTING) if saved.startswith(PROTOCOL_SETTING) else ""
        known = pattern is not None and (pattern in self.catalog.patterns or pattern == ALL_POINTS)
        if protocol in self.catalog.protocols:
            self.select_protocol(protocol)
        else:
            self.select_pattern(pattern if known and pattern is not None else first)
        self.set_labels_visible(settings[Setting.REFERENCE_LABELS])
        tab = settings[Setting.REFERENCE_LEFT_TAB]
        if 0 <= tab < self.left_tabs.count():
            self.left_tabs.setCurrentIndex(tab)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            # After the window manager has given the window its size.
            QTimer.singleShot(0, self._apply_pending_splitter)

    def _apply_pending_splitter(self) -> None:
        state, self._pending_splitter = self._pending_splitter, None
        if state is not None:
            self.splitter.restoreState(state)
        elif not self._user_sized:
            self._size_panes_to_width()

    def _splitter_moved(self) -> None:
        self._user_sized = True

    def _size_panes_to_width(self) -> None:
        """First run: side panes in proportion to the window (wider lists and text on big screens)."""
        width = self.splitter.width()
        left = max(300, min(480, round(width * 0.26)))
        right = max(440, min(720, round(width * 0.37)))
        self.splitter.setSizes([left, max(300, width - left - right), right])
