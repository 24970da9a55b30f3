"""The point browser on the shipped catalog: models, search box, filters, selection."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from app.domain.models import Catalog
from app.domain.search import fold
from app.ui.point_browser import PointBrowser
from app.ui.point_table_model import CodeRole, Column, PointFilterProxy, PointTableModel

# The offscreen platform plugin says this whenever a top-level window is shown; it is not our warning.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def browser(qtbot, catalog: Catalog) -> PointBrowser:
    widget = PointBrowser(catalog)
    qtbot.addWidget(widget)
    widget.resize(700, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def shown_codes(browser: PointBrowser) -> list[str]:
    """What the user reads in the Code column, top to bottom."""
    proxy = browser.proxy
    return [
        proxy.index(row, Column.CODE).data(Qt.ItemDataRole.DisplayRole) for row in range(proxy.rowCount())
    ]


def type_search(qtbot, browser: PointBrowser, text: str) -> None:
    """Type like a user: key presses for ASCII, an input-method commit for the
    rest (Chinese characters and pinyin with tone marks come from an IME)."""
    browser.search.clear()
    browser.search.setFocus()
    if text.isascii():
        qtbot.keyClicks(browser.search, text)
    else:
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(browser.search, event)
    assert browser.search.text() == text


def test_table_model_passes_modeltester(qtmodeltester, catalog: Catalog) -> None:
    model = PointTableModel(catalog)
    qtmodeltester.check(model, force_py=True)
    qtmodeltester.check(model)


@pytest.mark.parametrize("query", ["", "bl", "weizhong", "zzzz-nothing"])
def test_filter_proxy_passes_modeltester(qtmodeltester, catalog: Catalog, query: str) -> None:
    model = PointTableModel(catalog)
    proxy = PointFilterProxy(catalog)
    proxy.setSourceModel(model)
    proxy.set_query(query)
    proxy.sort(Column.PINYIN)
    qtmodeltester.check(proxy, force_py=True)


def test_table_lists_every_point_with_its_columns(browser: PointBrowser, catalog: Catalog) -> None:
    assert sorted(shown_codes(browser)) == sorted(catalog.points)
    headers = [browser.proxy.headerData(c, Qt.Orientation.Horizontal) for c in Column]
    assert headers == ["Code", "Pinyin", "Characters", "English", "Channel", "Region", "Patterns"]
    model = browser.model
    row = model.row_of("BL40")
    assert row is not None
    point = catalog.points["BL40"]
    cells = [model.index(row, c).data() for c in Column]
    assert cells[: Column.CHANNEL + 1] == [
        point.code,
        point.pinyin,
        point.chinese,
        point.english,
        point.channel,
    ]
    assert cells[Column.REGION] == catalog.regions[point.region].name
    for pid in catalog.point_patterns("BL40"):
        assert catalog.patterns[pid].name in cells[Column.PATTERNS]
    assert browser.count_label.text() == f"{len(catalog.points)} points"


@pytest.mark.parametrize("query", ["weizhong", "BL40", "委中"])
def test_bl40_found_by_pinyin_code_and_characters(qtbot, browser: PointBrowser, query: str) -> None:
    type_search(qtbot, browser, query)
    assert "BL40" in shown_codes(browser)
    assert len(shown_codes(browser)) < browser.model.rowCount()
    if query == "BL40":
        assert shown_codes(browser) == ["BL40"]


@pytest.mark.parametrize("query", ["bl23", "BL-23", "bl 23", "shenshu", "shènshū", "Shenshu"])
def test_bl23_in_every_spelling(qtbot, browser: PointBrowser, catalog: Catalog, query: str) -> None:
    assert "BL23" in catalog.points
    type_search(qtbot, browser, query)
    assert "BL23" in shown_codes(browser)
    if query.lower().startswith("bl"):
        assert shown_codes(browser) == ["BL23"]


def test_one_typo_is_forgiven_but_not_two(qtbot, browser: PointBrowser) -> None:
    type_search(qtbot, browser, "weizhogn")
    assert "BL40" in shown_codes(browser)
    type_search(qtbot, browser, "wiezhogn")
    assert "BL40" not in shown_codes(browser)


def test_every_point_is_found_by_its_toneless_pinyin_and_english(catalog: Catalog) -> None:
    proxy = PointFilterProxy(catalog)
    proxy.setSourceModel(PointTableModel(catalog))
    for code, point in catalog.points.items():
        for query in (fold(point.pinyin), point.english, point.chinese, code.lower()):
            proxy.set_query(query)
            found = {proxy.index(r, 0).data(CodeRole) for r in range(proxy.rowCount())}
            assert code in found, f"{query!r} does not find {code}"


def test_clearing_the_search_shows_everything(qtbot, browser: PointBrowser) -> None:
    type_search(qtbot, browser, "weizhong")
    assert browser.count_label.text().startswith(f"{len(shown_codes(browser))} of ")
    browser.search.clear()
    assert len(shown_codes(browser)) == browser.model.rowCount()


def _choose(qtbot, combo, data: object) -> None:
    """Pick an entry the way a keyboard user does: focus, then arrow keys."""
    combo.setFocus()
    target = combo.findData(data)
    assert target >= 0
    while combo.currentIndex() != target:
        key = Qt.Key.Key_Down if combo.currentIndex() < target else Qt.Key.Key_Up
        qtbot.keyClick(combo, key)


def test_region_channel_and_pattern_filters(qtbot, browser: PointBrowser, catalog: Catalog) -> None:
    for rid, region in catalog.regions.items():
        _choose(qtbot, browser.region_filter, rid)
        assert sorted(shown_codes(browser)) == sorted(region.points)
    _choose(qtbot, browser.region_filter, None)
    channel = catalog.points["BL40"].channel
    _choose(qtbot, browser.channel_filter, channel)
    assert shown_codes(browser) and all(catalog.points[c].channel == channel for c in shown_codes(browser))
    _choose(qtbot, browser.channel_filter, None)
    for pid, pattern in catalog.patterns.items():
        _choose(qtbot, browser.pattern_filter, pid)
        assert sorted(shown_codes(browser)) == sorted(pattern.points_by_role())
    # Filters and search combine.
    type_search(qtbot, browser, "zzzz")
    assert shown_codes(browser) == []
    assert browser.count_label.text() == f"0 of {len(catalog.points)} points"


def test_clicking_a_row_selects_the_point(qtbot, browser: PointBrowser) -> None:
    type_search(qtbot, browser, "weizhong")
    row = shown_codes(browser).index("BL40")
    rect = browser.table.visualRect(browser.proxy.index(row, Column.PINYIN))
    with qtbot.waitSignal(browser.pointSelected) as blocker:
        qtbot.mouseClick(browser.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == ["BL40"]
    assert browser.selected_code() == "BL40"


def test_keyboard_only_path_from_search_to_a_point(qtbot, browser: PointBrowser) -> None:
    type_search(qtbot, browser, "BL40")
    with qtbot.waitSignal(browser.pointSelected) as blocker:
        qtbot.keyClick(browser.search, Qt.Key.Key_Return)
    assert blocker.args == ["BL40"]
    assert browser.table.hasFocus()


def test_select_point_from_outside_does_not_echo(qtbot, browser: PointBrowser, catalog: Catalog) -> None:
    with qtbot.assertNotEmitted(browser.pointSelected):
        browser.select_point("BL23")
    assert browser.selected_code() == "BL23"
    # A filtered-out point is still shown: the filters give way.
    type_search(qtbot, browser, "weizhong")
    with qtbot.assertNotEmitted(browser.pointSelected):
        browser.select_point("BL23")
    assert browser.selected_code() == "BL23"
    assert browser.search.text() == ""
    browser.select_point(None)
    assert browser.selected_code() is None
    assert not browser.table.currentIndex().isValid() or browser.table.currentIndex() == QModelIndex()


def test_sorting_by_a_column(qtbot, browser: PointBrowser) -> None:
    header = browser.table.horizontalHeader()
    x = header.sectionViewportPosition(Column.PINYIN) + 5
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    pinyin = [browser.proxy.index(r, Column.PINYIN).data() for r in range(browser.proxy.rowCount())]
    assert pinyin == sorted(pinyin, key=str.casefold)
