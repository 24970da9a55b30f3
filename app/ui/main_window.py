"""Yaotong's main window: workspaces in tabs, menus, shortcuts, theme and settings.

Composing another workspace
---------------------------
Add ONE line to :meth:`MainWindow._add_workspaces`::

    self.add_workspace(IntakeWorkspace(self.catalog, self), "Intake && plan")

``add_workspace`` also accepts a zero-argument factory (``lambda: Study(...)``,
importing its module inside) that is only called when the tab is first opened,
or with ``build_when_idle=True`` right after the window's first frame (for a
workspace whose File menu actions should be there from the start). Either way
start-up does not pay for it. ``workspace_widgets()`` builds any still waiting.
A workspace is a ``QWidget`` with the members of :class:`~app.ui.workspace.Workspace`
(unsaved changes, saving, the theme, File menu actions, a status message).

Other code can show a point in the reference view with ``window.show_point(code)``
or by emitting ``window.showPointRequested``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QGuiApplication, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSizePolicy,
    QWidget,
)

from app import __version__
from app.domain.models import Catalog
from app.domain.settings import Setting
from app.domain.vocabulary import View
from app.ui.calm_tabs import CalmTabWidget
from app.ui.reference_workspace import VIEW_KEYS, ReferenceWorkspace
from app.ui.settings_store import APPLICATION, ORGANIZATION, Settings
from app.ui.theme import Theme, apply_theme, is_dark
from app.ui.workspace import Workspace

if TYPE_CHECKING:
    from app.domain.plan import Plan

WorkspaceFactory = Callable[[], QWidget]


def default_settings() -> QSettings:
    return QSettings(ORGANIZATION, APPLICATION)


class _StatusLabel(QLabel):
    """The status bar's text. A workspace's message shows only while that
    workspace is in front; its last message comes back when it is brought
    forward again."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._last: dict[int, str] = {}
        self.setTextFormat(Qt.TextFormat.PlainText)

    def show_message(self, workspace: QWidget, text: str) -> None:
        self._last[id(workspace)] = text
        if workspace is self._window.workspaces.currentWidget():
            self.setText(text)

    def show_for(self, workspace: QWidget) -> None:
        self.setText(self._last.get(id(workspace), ""))


class _LazyTab(QWidget):
    """Stands in for a workspace until its tab is first opened."""

    def __init__(self, factory: WorkspaceFactory, when_idle: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.factory = factory
        self.when_idle = when_idle


class MainWindow(QMainWindow):
    showPointRequested = Signal(str)  # any panel may ask the window to show a point
    themeChanged = Signal(bool)  # True when the theme is now dark

    def __init__(
        self,
        catalog: Catalog,
        settings: QSettings | None = None,
        parent: QWidget | None = None,
        *,
        data_dir: Path | None = None,
    ) -> None:
        """``data_dir``: where the workspaces keep their files (study progress); the user's data
        folder when None. Tools and tests pass a folder of their own."""
        super().__init__(parent)
        self.catalog = catalog
        self.data_dir = data_dir
        self.settings = Settings(settings if settings is not None else default_settings())
        self.theme = Theme.SYSTEM
        self.dark = False
        self._shown_once = False
        self.show_case("", False)
        self.resize(1366, 768)

        self.workspaces = CalmTabWidget(self)
        self.workspaces.setDocumentMode(True)
        self.workspaces.setAccessibleName("Workspaces")
        self.workspaces.currentChanged.connect(self._workspace_changed)
        self.setCentralWidget(self.workspaces)

        # The theme first, so every panel is built once, in the right colours.
        self.theme = self.settings[Setting.THEME]
        app = QApplication.instance()
        self.dark = apply_theme(app, self.theme) if isinstance(app, QApplication) else is_dark(self.theme)
        self.reference = ReferenceWorkspace(catalog, self.workspaces.page_parent(), self.settings, self.dark)
        self.diagram = self.reference.diagram
        self.add_workspace(self.reference, "Reference")

        self._build_status_bar()
        self._build_actions()
        self._build_menus()
        self.showPointRequested.connect(self.show_point)
        self._route_status(self.reference)
        self.reference.statusMessage.emit(self.reference._pattern_summary())
        hints = QGuiApplication.styleHints()
        if hints is not None:
            hints.colorSchemeChanged.connect(self._system_scheme_changed)

        self._restore_settings()
        self._add_workspaces()
        self.status_label.show_for(self.workspaces.currentWidget())

    def _add_workspaces(self) -> None:
        """The other workspaces: one line each (see the module docstring)."""

        def intake() -> QWidget:  # built right after the first frame (start-up time)
            from app.ui.intake_workspace import IntakeWorkspace

            workspace = IntakeWorkspace(self.catalog, self, self.settings)
            workspace.plan_panel.pointActivated.connect(self.show_point)
            workspace.redFlagsChanged.connect(lambda urgency, w=workspace: self.show_red_flags(w, urgency))
            workspace.caseChanged.connect(self.show_case)
            workspace.update_title()
            return workspace

        self._intake_index = self.add_workspace(intake, "Intake && plan", build_when_idle=True)

        def study() -> QWidget:  # imported and built when its tab is first opened (start-up time)
            from app.ui.study_workspace import STORE_NAME, StudyWorkspace

            store = self.data_dir / STORE_NAME if self.data_dir is not None else None
            return StudyWorkspace(self.catalog, self, store_path=store)

        self.add_workspace(study, "Study")

        def course() -> QWidget:  # built when its tab is first opened; cases can start from the intake plan
            from app.ui.course_workspace import CourseWorkspace

            return CourseWorkspace(self.catalog, self, plan_source=self.intake_plan)

        self.add_workspace(course, "Course")

    # --- workspaces ---------------------------------------------------------------------
    def add_workspace(
        self, workspace: QWidget | WorkspaceFactory, title: str, *, build_when_idle: bool = False
    ) -> int:
        """Add a workspace tab: a widget, or a factory called when the tab is first
        opened (or, with ``build_when_idle``, right after the window's first frame,
        so its File menu actions appear without slowing start-up).

        Returns its tab index. Alt+1, Alt+2, ... switch between workspaces.
        """
        widget = workspace if isinstance(workspace, QWidget) else _LazyTab(workspace, build_when_idle, self)
        index = self.workspaces.addTab(widget, title)
        self.workspaces.setTabToolTip(index, f"{title.replace('&&', '&')} (Alt+{index + 1})")
        if index < 9:
            action = QAction(f"Go to {title}", self)
            action.setShortcut(QKeySequence(f"Alt+{index + 1}"))
            action.triggered.connect(lambda _=False, i=index: self.workspaces.setCurrentIndex(i))
            self.addAction(action)
            if hasattr(self, "workspace_menu"):
                self.workspace_menu.addAction(action)
        if isinstance(workspace, QWidget):
            self._adopt(workspace)
        return index

    def workspace_widgets(self) -> list[QWidget]:
        """Every workspace, building any not built yet."""
        for index in range(self.workspaces.count()):
            self._build(index)
        return self._built_workspaces()

    def built_workspaces(self) -> list[QWidget]:
        """The workspaces built so far (none is built by asking)."""
        return self._built_workspaces()

    def _built_workspaces(self) -> list[QWidget]:
        widgets = [self.workspaces.widget(i) for i in range(self.workspaces.count())]
        return [w for w in widgets if w is not None and not isinstance(w, _LazyTab)]

    def _build(self, index: int) -> QWidget:
        """The workspace at ``index``, built now if it was waiting."""
        widget = self.workspaces.widget(index)
        assert widget is not None, f"no workspace at tab {index}"
        if not isinstance(widget, _LazyTab):
            return widget
        real = widget.factory()
        title, tip = self.workspaces.tabText(index), self.workspaces.tabToolTip(index)
        current = self.workspaces.currentIndex()
        self.workspaces.blockSignals(True)
        self.workspaces.removeTab(index)
        self.workspaces.insertTab(index, real, title)
        self.workspaces.setTabToolTip(index, tip)
        self.workspaces.setCurrentIndex(current)
        self.workspaces.blockSignals(False)
        widget.deleteLater()
        self._adopt(real)
        if hasattr(self, "status_label"):  # it may have written to the label while being built
            self.status_label.show_for(self.workspaces.currentWidget())
        return real

    def _build_idle_workspaces(self) -> None:
        for index in range(self.workspaces.count()):
            widget = self.workspaces.widget(index)
            if isinstance(widget, _LazyTab) and widget.when_idle:
                self._build(index)

    def fit_to_screen(self) -> None:
        """Keep the window on the screen it opens on, whatever the scale factor: a saved or default
        size larger than the available area shrinks to it, and the window moves inside it."""
        screen = self.screen()
        if screen is None:
            return
        area = screen.availableGeometry()
        frame = self.frameGeometry()
        extra_w, extra_h = frame.width() - self.width(), frame.height() - self.height()
        width = min(self.width(), area.width() - extra_w)
        height = min(self.height(), area.height() - extra_h)
        if (width, height) != (self.width(), self.height()):
            self.resize(max(width, self.minimumWidth()), max(height, self.minimumHeight()))
        frame = self.frameGeometry()
        x = min(max(frame.x(), area.x()), area.right() - frame.width() + 1)
        y = min(max(frame.y(), area.y()), area.bottom() - frame.height() + 1)
        if (x, y) != (frame.x(), frame.y()):
            self.move(max(x, area.x()), max(y, area.y()))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self.fit_to_screen()
            self._shown_once = True
            # After the first frame is on screen (a 0 ms timer can run before the first paint).
            QTimer.singleShot(250, self._build_idle_workspaces)

    def _adopt(self, widget: QWidget) -> None:
        workspace = _as_workspace(widget)
        if widget is not self.reference:
            workspace.set_dark(self.dark)
        if hasattr(self, "file_menu"):
            self.file_menu.insertActions(self._file_menu_end, workspace.file_actions())
        if hasattr(self, "status_label"):
            self._route_status(widget)

    def _route_status(self, widget: QWidget) -> None:
        """Show the workspace's ``statusMessage`` in the status bar while it is in front."""
        _as_workspace(widget).statusMessage.connect(
            lambda text, w=widget: self.status_label.show_message(w, text)
        )

    def _workspace_changed(self, index: int) -> None:
        if index >= 0:
            self._build(index)
        current = self.workspaces.currentWidget()
        if hasattr(self, "status_label"):
            self.status_label.show_for(current)
        on_reference = current is self.reference
        for action in getattr(self, "_reference_actions", ()):
            action.setEnabled(on_reference)

    def show_red_flags(self, workspace: QWidget, urgency: str) -> None:
        """A red flag stands (``urgency`` its most urgent tier) or none does (""): badge and notice."""
        index = self.workspaces.indexOf(workspace)
        if index < 0:
            return
        title = self.workspaces.tabText(index).split("  ⚠")[0]
        self.workspaces.setTabText(index, f"{title}  ⚠ red flag" if urgency else title)
        tab = title.replace("&&", "&")
        self.red_flag_label.setText(f"⚠ Red flag ({urgency}): refer first — see {tab}" if urgency else "")
        self.red_flag_label.setVisible(bool(urgency))

    def show_case(self, label: str, unsaved: bool) -> None:
        """The title names the case in the intake and marks unsaved changes ([*])."""
        case = label or "New plan"
        self.setWindowTitle(f"{case}[*] — Yaotong 腰痛")
        self.setWindowModified(unsaved)

    # --- public API for other panels ----------------------------------------------------------
    def show_point(self, code: str) -> None:
        """Bring the reference workspace forward with ``code`` selected everywhere."""
        if code not in self.catalog.points:
            return
        self.workspaces.setCurrentWidget(self.reference)
        self.reference.show_point(code)

    def intake_plan(self) -> Plan | None:
        """The plan open in the Intake & plan workspace (built now if it was waiting), for the Course
        workspace to start a case from: a call through the window, the workspaces never import each other."""
        from app.ui.intake_workspace import IntakeWorkspace

        widget = self._build(self._intake_index)
        return widget.session.plan if isinstance(widget, IntakeWorkspace) else None

    def select_pattern(self, pattern_id: str) -> None:
        self.workspaces.setCurrentWidget(self.reference)
        self.reference.select_pattern(pattern_id)

    # --- construction ----------------------------------------------------------------------------
    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.status_label = _StatusLabel(self)
        self.status_label.setAccessibleName("Status")
        # Long messages are cut, never widen the window (or relayout it on every hover).
        self.status_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        status.addWidget(self.status_label, 1)
        # While a red flag stands, every workspace shows it here (and the Intake tab carries a badge).
        self.red_flag_label = QLabel(self)
        self.red_flag_label.setTextFormat(Qt.TextFormat.PlainText)
        self.red_flag_label.setObjectName("redFlagNotice")
        self.red_flag_label.setStyleSheet("color: #b3261e; font-weight: bold;")
        self.red_flag_label.setAccessibleName("Red flag notice")
        self.red_flag_label.hide()
        status.addPermanentWidget(self.red_flag_label)
        self.disclaimer_label = QLabel("A reference, not a diagnosis", self)
        self.disclaimer_label.setTextFormat(Qt.TextFormat.PlainText)
        self.disclaimer_label.setToolTip("Help ▸ About Yaotong")
        status.addPermanentWidget(self.disclaimer_label)

    def _action(
        self, text: str, shortcuts: list[str] | None = None, slot: Callable[[], object] | None = None
    ) -> QAction:
        action = QAction(text, self)
        if shortcuts:
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
            action.setToolTip(f"{text.replace('&', '')} ({shortcuts[0]})")
        if slot is not None:
            action.triggered.connect(lambda _=False: slot())
        self.addAction(action)  # shortcuts work even while the menu bar is hidden
        return action

    def _build_actions(self) -> None:
        ref = self.reference
        self.quit_action = self._action(
            "&Quit", [QKeySequence(QKeySequence.StandardKey.Quit).toString() or "Ctrl+Q"]
        )
        self.quit_action.triggered.connect(self.close)
        self.search_action = self._action("&Find point…", ["Ctrl+F"], ref.focus_search)
        self.escape_action = self._action("Clear search or selection", ["Esc"], ref.escape)
        self.pattern_actions: list[QAction] = []
        for n, (pid, pattern) in enumerate(self.catalog.patterns.items(), start=1):
            keys = [f"Ctrl+{n}"] if n <= 9 else []
            action = self._action(pattern.name, keys, functools.partial(self.select_pattern, pid))
            self.pattern_actions.append(action)
        self.all_points_action = self._action("All points", ["Ctrl+0"], lambda: self.select_pattern(""))
        for view, action in ref.view_actions.items():
            action.setShortcut(QKeySequence(VIEW_KEYS[view]))
            action.setToolTip(f"{View(view).caption} ({VIEW_KEYS[view]})")
            self.addAction(action)
        ref.labels_action.setShortcut(QKeySequence("L"))
        ref.zoom_in_action.setShortcuts([QKeySequence("+"), QKeySequence("="), QKeySequence("Ctrl++")])
        ref.zoom_out_action.setShortcuts([QKeySequence("-"), QKeySequence("Ctrl+-")])
        ref.zoom_reset_action.setShortcuts([QKeySequence("0")])
        for action, key in (
            (ref.labels_action, "L"),
            (ref.zoom_in_action, "+"),
            (ref.zoom_out_action, "-"),
            (ref.zoom_reset_action, "0"),
        ):
            action.setToolTip(f"{action.text()} ({key})")
            self.addAction(action)
        # Disabled while another workspace is in front, so its keys are its own.
        self._reference_actions = [
            self.search_action,
            self.escape_action,
            *ref.view_actions.values(),
            ref.labels_action,
            ref.zoom_in_action,
            ref.zoom_out_action,
            ref.zoom_reset_action,
        ]
        self.theme_actions: dict[Theme, QAction] = {}
        group = QActionGroup(self)
        for theme in Theme:
            action = QAction(theme.label, self)
            action.setCheckable(True)
            action.triggered.connect(lambda _=False, t=theme: self.set_theme(t))
            group.addAction(action)
            self.theme_actions[theme] = action
        self.about_action = self._action("&About Yaotong", None, self.show_about)
        self.sources_action = self._action("&Sources", None, self.show_sources)
        self.shortcuts_action = self._action("&Keyboard shortcuts", ["F1"], self.show_shortcuts)
        self.settings_action = self._action("Se&ttings…", ["Ctrl+,"], self.show_settings)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu: QMenu = bar.addMenu("&File")
        # Export and print actions from other workspaces go above this separator.
        self._file_menu_end = self.file_menu.addSeparator()
        self.file_menu.addAction(self.settings_action)
        self.file_menu.addAction(self.quit_action)

        self.patterns_menu = bar.addMenu("&Patterns")
        self.patterns_menu.addActions(self.pattern_actions)
        self.patterns_menu.addSeparator()
        self.patterns_menu.addAction(self.all_points_action)
        self.patterns_menu.addSeparator()
        self.patterns_menu.addAction(self.search_action)
        self.patterns_menu.addAction(self.escape_action)

        ref = self.reference
        self.view_menu = bar.addMenu("&View")
        self.view_menu.addActions(list(ref.view_actions.values()))
        self.view_menu.addSeparator()
        self.view_menu.addAction(ref.labels_action)
        self.view_menu.addAction(ref.zoom_in_action)
        self.view_menu.addAction(ref.zoom_out_action)
        self.view_menu.addAction(ref.zoom_reset_action)
        self.view_menu.addMenu(ref.channels_menu)
        self.view_menu.addSeparator()
        theme_menu = self.view_menu.addMenu("&Theme")
        theme_menu.addActions(list(self.theme_actions.values()))
        self.workspace_menu = self.view_menu.addMenu("&Workspace")
        for action in self.actions():
            if action.text().startswith("Go to "):
                self.workspace_menu.addAction(action)

        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.shortcuts_action)
        help_menu.addAction(self.sources_action)
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)

    # --- theme ------------------------------------------------------------------------------------
    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.theme_actions[theme].setChecked(True)
        app = QApplication.instance()
        dark = apply_theme(app, theme) if isinstance(app, QApplication) else is_dark(theme)
        self.dark = dark
        self.reference.set_dark(dark)
        for widget in self._built_workspaces():
            if widget is not self.reference:
                _as_workspace(widget).set_dark(dark)
        self.themeChanged.emit(dark)

    def _system_scheme_changed(self, _scheme: Qt.ColorScheme) -> None:
        if self.theme is Theme.SYSTEM:
            self.set_theme(Theme.SYSTEM)

    # --- dialogs ----------------------------------------------------------------------------------
    def _message(self, title: str, text: str, details: str = "") -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Close, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        if details:
            box.setInformativeText(details)
        box.setObjectName("yaotongMessage")
        box.open()
        return box

    def show_settings(self) -> QDialog:
        """The practice's details for the handout (not modal: the window stays usable)."""
        from app.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_about(self) -> QMessageBox:
        return self._message(
            "About Yaotong",
            f"Yaotong {__version__}: the four TCM back-pain patterns, their points and session guidance.",
            self.catalog.disclaimer.text,
        )

    def sources_text(self) -> str:
        lines = []
        for source in self.catalog.sources.values():
            extra = f" (seed file {source.file})" if source.file else ""
            lines.append(f"• {source.citation}{extra} [{source.kind.value}]")
        return "\n".join(lines)

    def show_sources(self) -> QMessageBox:
        return self._message(
            "Sources", "Every clinical line in Yaotong cites one of these sources.", self.sources_text()
        )

    def shortcuts_text(self) -> str:
        """Every shortcut, the ones that work everywhere first, then each workspace's."""

        def keys_of(action: QAction) -> str:
            return ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts())

        rows = ["Everywhere"]
        for action in [
            self.search_action,
            self.escape_action,
            *self.pattern_actions,
            self.all_points_action,
            *self.reference.view_actions.values(),
            self.reference.labels_action,
            self.reference.zoom_in_action,
            self.reference.zoom_out_action,
            self.reference.zoom_reset_action,
            self.settings_action,
            self.shortcuts_action,
            self.quit_action,
        ]:
            if keys := keys_of(action):
                rows.append(f"{keys}\t{action.text().replace('&', '')}")
        rows.append("Alt+1, Alt+2 …\tSwitch workspace")
        rows.append("Alt+underlined letter\tThe menu, button, group or field it marks")
        rows.append("Tab, Shift+Tab\tMove between panels; arrows move in lists and the table")
        for index, workspace in enumerate(self.workspace_widgets()):
            own = [
                (keys, action.text().replace("&", ""))
                for action in getattr(workspace, "file_actions", list)()
                if (keys := keys_of(action))
            ]
            own += getattr(workspace, "shortcut_help", list)()
            if own:
                rows.append("")
                rows.append(self.workspaces.tabText(index).replace("&&", "&"))
                rows += [f"{keys}\t{what}" for keys, what in own]
        return "\n".join(rows)

    def show_shortcuts(self) -> QMessageBox:
        return self._message(
            "Keyboard shortcuts", "Everything can be reached from the keyboard.", self.shortcuts_text()
        )

    # --- settings ---------------------------------------------------------------------------------
    def _restore_settings(self) -> None:
        s = self.settings
        geometry = s[Setting.WINDOW_GEOMETRY]
        self.geometry_restored = bool(geometry) and self.restoreGeometry(QByteArray(geometry))
        state = s[Setting.WINDOW_STATE]
        if state:
            self.restoreState(QByteArray(state))
        self.theme_actions[self.theme].setChecked(True)

    def save_settings(self) -> None:
        """Window geometry, the reference's state and the theme (QSettings writes atomically)."""
        s = self.settings
        s[Setting.WINDOW_GEOMETRY] = bytes(self.saveGeometry().data())
        s[Setting.WINDOW_STATE] = bytes(self.saveState().data())
        s[Setting.THEME] = self.theme
        self.reference.save_state(s)
        s.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        for widget in self._built_workspaces():  # one never built has nothing to save
            if not _as_workspace(widget).maybe_save():
                event.ignore()
                return
        self.save_settings()
        event.accept()


def _as_workspace(widget: QWidget) -> Workspace:
    if not isinstance(widget, Workspace):
        raise TypeError(f"{type(widget).__name__} is not a workspace (see app.ui.workspace)")
    return widget
