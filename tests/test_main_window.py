"""The main window on the shipped catalog: patterns, diagram, detail pane, shortcuts,
menus, workspaces, and a catalog that does not load."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import show_active
from PySide6.QtCore import QRect, QSettings, Qt, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QTextBrowser, QWidget

from app.domain.models import Catalog
from app.ui.main_window import MainWindow
from app.ui.point_table_model import Column

# The offscreen platform plugin says this whenever a top-level window is shown; it is not our warning.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, catalog: Catalog, settings: QSettings) -> MainWindow:
    win = MainWindow(catalog, settings)
    qtbot.addWidget(win)
    show_active(qtbot, win)
    return win


def highlighted(window: MainWindow) -> dict[str, str]:
    """Point code -> role as the diagram currently shows them."""
    return dict(window.diagram.roles())


def detail_text(window: MainWindow) -> str:
    ref = window.reference
    current = ref.detail_stack.currentWidget()
    return current.browser.toPlainText()


def link_rect(browser: QTextBrowser, text: str) -> QRect:
    """Where the link showing ``text`` is drawn (scrolled into view)."""
    found = browser.document().find(text)
    while not found.isNull() and not found.charFormat().isAnchor():
        found = browser.document().find(text, found)
    assert not found.isNull(), f"no link {text!r}"
    inside = QTextCursor(browser.document())
    inside.setPosition(found.selectionStart() + 1)
    browser.setTextCursor(inside)
    browser.ensureCursorVisible()
    return browser.cursorRect(inside)


def test_layout_has_patterns_diagram_and_detail(window: MainWindow, catalog: Catalog) -> None:
    ref = window.reference
    titles = [ref.pattern_list.item(i).text().splitlines()[0] for i in range(ref.pattern_list.count())]
    protocols = [q.name for q in catalog.protocols.values()]
    patterns = [p.name for p in catalog.patterns.values()]
    assert titles == [*patterns, "All points", "Regional protocols", *protocols]
    assert window.workspaces.tabText(0) == "Reference"
    assert window.catalog is catalog
    assert window.diagram is ref.diagram
    assert ref.splitter.count() == 3
    first = next(iter(catalog.patterns.values()))
    assert detail_text(window).startswith(first.name)


def test_every_pattern_highlights_exactly_its_points(qtbot, window: MainWindow, catalog: Catalog) -> None:
    ref = window.reference
    for row, (pid, pattern) in enumerate(catalog.patterns.items()):
        item = ref.pattern_list.item(row)
        qtbot.mouseClick(
            ref.pattern_list.viewport(),
            Qt.MouseButton.LeftButton,
            pos=ref.pattern_list.visualItemRect(item).center(),
        )
        assert ref.current_pattern == pid
        assert highlighted(window) == pattern.points_by_role()
        assert detail_text(window).startswith(pattern.name)
        assert window.status_label.text().startswith(pattern.name)
    all_row = len(catalog.patterns)  # "All points" follows the patterns (the regional protocols come after)
    qtbot.mouseClick(
        ref.pattern_list.viewport(),
        Qt.MouseButton.LeftButton,
        pos=ref.pattern_list.visualItemRect(ref.pattern_list.item(all_row)).center(),
    )
    assert ref.current_pattern == ""
    assert highlighted(window) == {}
    assert detail_text(window).startswith("All points")


def test_ctrl_number_picks_patterns_in_catalog_order(qtbot, window: MainWindow, catalog: Catalog) -> None:
    keys = [Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4]
    for key, (pid, pattern) in zip(keys, catalog.patterns.items(), strict=False):
        qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
        assert window.reference.current_pattern == pid
        assert highlighted(window) == pattern.points_by_role()
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.reference.current_pattern == ""


@pytest.mark.parametrize(
    ("view", "code", "placed"),
    [
        ("back", "BL40", "back view"),
        ("side", "GB22", "right side view (and its mirror image, the left side view)"),
    ],
)
def test_clicking_a_marker_shows_its_detail_and_selects_its_row(
    qtbot, window: MainWindow, view: str, code: str, placed: str
) -> None:
    ref = window.reference
    diagram = window.diagram
    ref.left_tabs.setCurrentIndex(1)  # the point table is open beside the diagram
    assert ref.browser.isVisible()
    ref.set_view(view)
    qtbot.wait(10)
    scene_pos = diagram.marker_scene_pos(code)[0]
    viewport_pos = diagram.mapFromScene(scene_pos)
    with qtbot.waitSignal(diagram.pointClicked) as blocker:
        qtbot.mouseClick(diagram.viewport(), Qt.MouseButton.LeftButton, pos=viewport_pos)
    assert blocker.args == [code]
    assert ref.selected_point == code
    assert ref.detail_stack.currentWidget() is ref.point_detail
    assert detail_text(window).startswith(code)
    assert f"On the diagram: {placed}: " in detail_text(window)
    assert ref.browser.selected_code() == code
    assert diagram.selected_point() == code


def test_row_selection_selects_the_marker_and_the_detail(qtbot, window: MainWindow, catalog: Catalog) -> None:
    ref = window.reference
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(ref.browser.search, "weizhong")
    codes = ref.browser.visible_codes()
    rect = ref.browser.table.visualRect(ref.browser.proxy.index(codes.index("BL40"), Column.CODE))
    qtbot.mouseClick(ref.browser.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert ref.selected_point == "BL40"
    assert window.diagram.selected_point() == "BL40"
    assert detail_text(window).startswith("BL40")
    assert catalog.points["BL40"].location in detail_text(window)


def test_point_link_in_pattern_view_opens_the_point(qtbot, window: MainWindow, catalog: Catalog) -> None:
    ref = window.reference
    pattern = next(iter(catalog.patterns.values()))
    code = pattern.prescription.local[0].point
    browser = ref.pattern_view.browser
    rect = link_rect(browser, code)
    qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert ref.selected_point == code
    qtbot.mouseClick(ref.back_button, Qt.MouseButton.LeftButton)
    assert ref.selected_point == ""
    assert detail_text(window).startswith(pattern.name)


def test_view_and_zoom_keys(qtbot, window: MainWindow) -> None:
    ref = window.reference
    qtbot.keyClick(window, Qt.Key.Key_F)
    assert ref.current_view == "front"
    assert window.diagram.current_view() == "front"
    qtbot.keyClick(window, Qt.Key.Key_B)
    assert ref.current_view == "back"
    assert window.diagram.current_view() == "back"
    scale = window.diagram.zoom_factor()
    qtbot.keyClick(window, Qt.Key.Key_Plus)
    bigger = window.diagram.zoom_factor()
    assert bigger > scale
    qtbot.keyClick(window, Qt.Key.Key_Minus)
    qtbot.keyClick(window, Qt.Key.Key_Minus)
    assert window.diagram.zoom_factor() < bigger
    qtbot.keyClick(window, Qt.Key.Key_L)
    assert not ref.labels_visible
    qtbot.keyClick(window, Qt.Key.Key_L)
    assert ref.labels_visible


@pytest.mark.parametrize(
    ("key", "view"),
    [
        (Qt.Key.Key_H, "hand"),
        (Qt.Key.Key_O, "foot"),
        (Qt.Key.Key_F, "front"),
        (Qt.Key.Key_S, "side"),
        (Qt.Key.Key_E, "head"),
    ],
)
def test_close_up_view_keys(qtbot, window: MainWindow, key: Qt.Key, view: str) -> None:
    qtbot.keyClick(window, key)
    assert window.reference.current_view == view
    assert window.diagram.current_view() == view
    assert window.reference.view_actions[view].isChecked()


def test_zero_resets_zoom(qtbot, window: MainWindow) -> None:
    start = window.diagram.zoom_factor()
    qtbot.keyClick(window, Qt.Key.Key_Plus)
    qtbot.keyClick(window, Qt.Key.Key_Plus)
    assert window.diagram.zoom_factor() > start
    qtbot.keyClick(window, Qt.Key.Key_0)
    assert window.diagram.zoom_factor() == pytest.approx(start)


def test_f1_shows_the_shortcuts(qtbot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F1)
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert [b.windowTitle() for b in boxes] == ["Keyboard shortcuts"]
    boxes[0].close()


def test_ctrl_q_quits_and_saves(qtbot, window: MainWindow, settings: QSettings) -> None:
    qtbot.keyClick(window, Qt.Key.Key_O)
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible())
    settings.sync()
    assert settings.value("reference/view") == "foot"


def test_pattern_list_model_passes_modeltester(qtmodeltester, window: MainWindow) -> None:
    qtmodeltester.check(window.reference.pattern_list.model())


def test_ctrl_f_focuses_search_and_esc_clears_then_deselects(qtbot, window: MainWindow) -> None:
    ref = window.reference
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert ref.left_tabs.tabText(ref.left_tabs.currentIndex()) == "Points"
    assert ref.browser.isVisible()
    assert QApplication.focusWidget() is ref.browser.search
    qtbot.keyClicks(ref.browser.search, "BL40")
    qtbot.keyClick(ref.browser.search, Qt.Key.Key_Return)
    assert ref.selected_point == "BL40"
    ref.browser.search.setFocus()
    assert ref.browser.search.text() == "BL40"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert ref.browser.search.text() == ""
    assert ref.selected_point == "BL40"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert ref.selected_point == ""
    assert ref.detail_stack.currentWidget() is ref.pattern_view


def test_letters_typed_in_search_are_not_shortcuts(qtbot, window: MainWindow) -> None:
    ref = window.reference
    qtbot.keyClick(window, Qt.Key.Key_B)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(ref.browser.search, "fb+-l")
    assert ref.browser.search.text() == "fb+-l"
    assert ref.current_view == "back"
    assert ref.labels_visible


def test_help_menu_dialogs(qtbot, window: MainWindow, catalog: Catalog) -> None:
    about = window.show_about()
    qtbot.addWidget(about)
    assert catalog.disclaimer.text in about.informativeText()
    assert about.textFormat() == Qt.TextFormat.PlainText
    sources = window.show_sources()
    qtbot.addWidget(sources)
    for source in catalog.sources.values():
        assert source.citation in sources.informativeText()
    shortcuts = window.show_shortcuts()
    qtbot.addWidget(shortcuts)
    listed = {
        key.strip()
        for line in shortcuts.informativeText().splitlines()
        for key in line.split("\t")[0].split(",")
    }
    patterns = [f"Ctrl+{n}" for n in range(1, len(catalog.patterns) + 1)]
    assert {"Ctrl+F", "Esc", "F", "B", "+", "-", *patterns} <= listed
    for box in (about, sources, shortcuts):
        box.close()


def test_menus_hold_the_actions(window: MainWindow) -> None:
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["&File", "&Patterns", "&View", "&Help"]
    assert window.quit_action in window.file_menu.actions()
    view_texts = [a.text() for a in window.view_menu.actions()]
    for text in (
        "Front",
        "Back",
        "Hand",
        "Foot",
        "Point labels",
        "Zoom in",
        "Zoom out",
        "Reset zoom",
        "&Theme",
    ):
        assert text in view_texts


def test_theme_switch_changes_the_palette(qtbot, window: MainWindow) -> None:
    from app.ui.theme import Theme

    window.theme_actions[Theme.DARK].trigger()
    assert window.dark
    assert QApplication.palette().window().color().lightness() < 80
    window.theme_actions[Theme.LIGHT].trigger()
    assert not window.dark
    assert QApplication.palette().window().color().lightness() > 200


class _Workspace(QWidget):
    statusMessage = Signal(str)

    def __init__(self, unsaved: bool = False) -> None:
        super().__init__()
        self.unsaved = unsaved
        self.asked = 0
        self.dark_calls: list[bool] = []
        QLabel("another workspace", self)

    def has_unsaved_changes(self) -> bool:
        return self.unsaved

    def maybe_save(self) -> bool:
        self.asked += 1
        return not self.unsaved

    def file_actions(self) -> list:
        return []

    def set_dark(self, dark: bool) -> None:
        self.dark_calls.append(dark)


def test_add_workspace_and_switch_with_alt_number(qtbot, window: MainWindow) -> None:
    extra = _Workspace()
    index = window.add_workspace(extra, "Intake && plan")
    assert window.workspaces.tabText(index) == "Intake && plan"
    assert extra.dark_calls == [window.dark]
    qtbot.keyClick(window, Qt.Key(Qt.Key.Key_1.value + index), Qt.KeyboardModifier.AltModifier)
    assert window.workspaces.currentWidget() is extra
    # The reference's single-letter keys belong to the reference only.
    assert not window.reference.view_actions["front"].isEnabled()
    window.show_point("BL40")
    assert window.workspaces.currentWidget() is window.reference
    assert window.reference.selected_point == "BL40"
    assert window.reference.view_actions["front"].isEnabled()


def test_status_bar_follows_the_workspace_in_front(qtbot, window: MainWindow) -> None:
    extra = _Workspace()
    index = window.add_workspace(extra, "Intake && plan")
    reference_text = window.status_label.text()
    extra.statusMessage.emit("plan saved")
    assert window.status_label.text() == reference_text  # not in front: not shown
    window.workspaces.setCurrentIndex(index)
    assert window.status_label.text() == "plan saved"
    window.workspaces.setCurrentWidget(window.reference)
    assert window.status_label.text() == reference_text


def test_lazy_workspace_is_built_when_first_opened(qtbot, window: MainWindow) -> None:
    built: list[_Workspace] = []

    def factory() -> _Workspace:
        built.append(_Workspace())
        return built[-1]

    index = window.add_workspace(factory, "Study")
    assert built == []
    window.workspaces.setCurrentIndex(index)
    assert len(built) == 1
    assert window.workspaces.currentWidget() is built[0]
    assert window.workspaces.tabText(index) == "Study"


def test_close_asks_workspaces_and_can_be_cancelled(qtbot, window: MainWindow) -> None:
    careful = _Workspace(unsaved=True)
    window.add_workspace(careful, "Intake && plan")
    assert not window.close()
    assert careful.asked == 1
    assert window.isVisible()
    careful.unsaved = False
    assert window.close()


def test_show_point_requested_signal(qtbot, window: MainWindow) -> None:
    window.showPointRequested.emit("BL40")
    assert window.reference.selected_point == "BL40"
    window.showPointRequested.emit("NOT-A-POINT")
    assert window.reference.selected_point == "BL40"


def test_broken_catalog_shows_the_problems_and_keeps_running(
    qtbot, tmp_path: Path, settings: QSettings
) -> None:
    from app.ui.application import CatalogProblemsWindow, start

    broken = tmp_path / "points.yaml"
    broken.write_text("schema_version: 1\npoints: [\n", encoding="utf-8")
    _app, windows = start([], broken, settings, data_dir=tmp_path / "data")
    problem_window = windows[-1]
    qtbot.addWidget(problem_window)
    assert isinstance(problem_window, CatalogProblemsWindow)
    assert problem_window.isVisible()
    text = problem_window.problem_list.toPlainText()
    assert "points.yaml:" in text
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert boxes and "points.yaml" in boxes[0].detailedText()
    for box in boxes:
        box.close()
    # Still broken: the list is refreshed, nothing crashes.
    problem_window.retry()
    assert problem_window.isVisible()
    problem_window.close()


def test_the_app_has_its_own_window_icon(qtbot, tmp_path: Path, settings: QSettings) -> None:
    from app.ui.application import start

    broken = tmp_path / "points.yaml"  # the quickest window to open: the problems list
    broken.write_text("schema_version: 1\n", encoding="utf-8")
    app, windows = start([], broken, settings, data_dir=tmp_path / "data")
    for window in windows:
        qtbot.addWidget(window)
    assert not app.windowIcon().isNull()
    assert not app.windowIcon().pixmap(32, 32).isNull()
    for box in [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]:
        box.close()


@pytest.mark.parametrize("name", ["base.yaml", "valid.yaml"])
def test_a_catalog_that_validates_works_in_every_workspace(
    qtbot, tmp_path: Path, settings: QSettings, name: str
) -> None:
    """Issue 15 item 6: `yaotong validate` said OK for tests/broken/base.yaml, yet the Intake tab stayed
    blank (no default course). What validates must show everywhere: every workspace, a plan of every
    pattern, zone and factor, its sheet and handout, the decks."""
    from app.domain.decks import build_decks
    from app.domain.loader import load_catalog
    from app.domain.plan import build_plan
    from app.ui.intake_workspace import IntakeWorkspace
    from app.ui.plan_export import aftercare_handout, treatment_sheet

    catalog = load_catalog(Path(__file__).parent / "broken" / name)
    window = MainWindow(catalog, settings, data_dir=tmp_path / "data")
    qtbot.addWidget(window)
    window.show()
    workspaces = window.workspace_widgets()
    assert len(workspaces) == window.workspaces.count() == 4  # reference, intake, course, study
    intake = next(w for w in workspaces if isinstance(w, IntakeWorkspace))
    assert intake.plan_panel.plan.course is not None
    plan = build_plan(
        catalog, patterns=tuple(catalog.patterns), zones=tuple(catalog.zones), factors=tuple(catalog.factors)
    )
    intake.session.apply(plan)
    assert treatment_sheet(catalog, plan).toPlainText() and aftercare_handout(catalog, plan).toPlainText()
    assert build_decks(catalog)
    assert (tmp_path / "data" / "study.sqlite3").exists()  # the data folder it was given, nowhere else
    intake.session.new()  # nothing unsaved: closing asks nothing
    window.close()
