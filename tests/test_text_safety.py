"""Catalog text is plain text everywhere: markup fed through a modified copy of
``data/points.yaml`` is shown literally, never rendered (no bold, no image, no link)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel, QTextBrowser

from app.domain.loader import load_catalog
from app.domain.models import Catalog
from app.paths import catalog_path
from app.ui.main_window import MainWindow
from app.ui.point_table_model import Column

# The offscreen platform plugin says this whenever a top-level window is shown; it is not our warning.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

BOLD = "<b>x</b>"
IMAGE = '<img src="file:///etc/hostname">'
ENTITY = "&amp;"
LINK = '<a href="point:EVIL">go</a>'
MARKUP = f" {BOLD} {IMAGE} {ENTITY} {LINK}"

# Free-text fields (never ids, codes or enum values) that get the markup appended.
TEXT_KEYS = {
    "text",
    "name",
    "pinyin",
    "english",
    "location",
    "role",
    "method",
    "citation",
    "note",
    "label",
    "reason",
    "seed_words",
}


def _poison(node: object) -> object:
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key in TEXT_KEYS and isinstance(value, str):
                out[key] = value + MARKUP
            elif key == "aliases" and isinstance(value, list):
                out[key] = [*value, f"alias {BOLD}"]
            else:
                out[key] = _poison(value)
        return out
    if isinstance(node, list):
        return [_poison(item) for item in node]
    return node


@pytest.fixture(scope="module")
def poisoned(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(catalog_path().read_text(encoding="utf-8"), Loader=Loader)
    path = tmp_path_factory.mktemp("poisoned") / "points.yaml"
    path.write_text(yaml.safe_dump(_poison(data), allow_unicode=True, sort_keys=False), encoding="utf-8")
    catalog = load_catalog(path)
    point = next(iter(catalog.points.values()))
    assert point.location.endswith(MARKUP) and point.english.endswith(MARKUP)
    return catalog


@pytest.fixture
def window(qtbot, poisoned: Catalog, tmp_path: Path) -> MainWindow:
    win = MainWindow(poisoned, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def assert_literal(document: QTextDocument) -> None:
    """The markup is in the plain text as characters, and no link or image came from it."""
    text = document.toPlainText()
    for piece in (BOLD, IMAGE, ENTITY, LINK):
        assert piece in text
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            fmt = fragment.charFormat()
            assert fmt.anchorHref() != "point:EVIL"
            if fmt.isImageFormat():
                assert fmt.toImageFormat().name().startswith("icon:")
            it += 1
        block = block.next()


def assert_labels_plain(window: MainWindow) -> None:
    for label in window.findChildren(QLabel):
        if "<" in label.text() or "&" in label.text():
            assert label.textFormat() == Qt.TextFormat.PlainText, label.text()


def test_pattern_pages_show_markup_literally(qtbot, window: MainWindow, poisoned: Catalog) -> None:
    ref = window.reference
    for pid in [*poisoned.patterns, ""]:
        ref.select_pattern(pid)
        assert_literal(ref.pattern_view.browser.document())
        assert_labels_plain(window)


def test_point_pages_show_markup_literally(qtbot, window: MainWindow, poisoned: Catalog) -> None:
    ref = window.reference
    for code in poisoned.points:
        ref.show_point(code)
        assert_literal(ref.point_detail.browser.document())
        assert window.status_label.textFormat() == Qt.TextFormat.PlainText
        assert BOLD in window.status_label.text()
    assert_labels_plain(window)


def test_lists_tables_and_tooltips_are_plain(qtbot, window: MainWindow, poisoned: Catalog) -> None:
    ref = window.reference
    item = ref.pattern_list.item(0)
    assert BOLD in item.text()
    assert BOLD not in item.toolTip() and "&lt;b&gt;x&lt;/b&gt;" in item.toolTip()
    proxy = ref.browser.proxy
    for row in range(proxy.rowCount()):
        assert proxy.index(row, Column.ENGLISH).data().endswith(MARKUP)
        tooltip = proxy.index(row, Column.CODE).data(Qt.ItemDataRole.ToolTipRole)
        assert BOLD not in tooltip and "&lt;b&gt;x&lt;/b&gt;" in tooltip
    # The search box finds text by its literal characters.
    ref.focus_search()
    qtbot.keyClicks(ref.browser.search, "alias")
    assert len(ref.browser.visible_codes()) == len(poisoned.points)
    for combo in (ref.browser.region_filter, ref.browser.pattern_filter):
        assert any(BOLD in combo.itemText(i) for i in range(combo.count()))


def test_diagram_tooltips_are_escaped(window: MainWindow) -> None:
    scene = window.diagram.scene()
    tips = [item.toolTip() for item in scene.items() if item.toolTip()]
    assert tips, "the diagram shows hover text for its markers"
    for tip in tips:
        assert BOLD not in tip and IMAGE not in tip


def test_dialogs_are_plain(qtbot, window: MainWindow, poisoned: Catalog) -> None:
    for box in (window.show_about(), window.show_sources()):
        qtbot.addWidget(box)
        assert box.textFormat() == Qt.TextFormat.PlainText
        assert BOLD in box.informativeText()
        for label in box.findChildren(QLabel):
            if BOLD in label.text():
                assert label.textFormat() == Qt.TextFormat.PlainText
        box.close()


def test_no_text_browser_opens_anything(window: MainWindow) -> None:
    for browser in window.findChildren(QTextBrowser):
        assert not browser.openExternalLinks()
        assert not browser.openLinks()
