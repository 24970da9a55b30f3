"""What start-up leaves for later is there by the time a user sees or reaches it."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from app.ui.pattern_view import PatternView, pattern_html
from app.ui.rich_text import ReferenceBrowser

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def laid_out_text(browser: ReferenceBrowser) -> str:
    """The text Qt shows, read past the browser's own accessors (which lay a waiting page out)."""
    return QTextBrowser.toPlainText(browser)


def test_a_page_shown_before_the_window_paints_is_in_its_first_frame(qtbot, catalog) -> None:
    pattern = catalog.patterns["kidney_qi_deficiency"]
    window = QWidget()
    qtbot.addWidget(window)
    view = PatternView(catalog, window)
    QVBoxLayout(window).addWidget(view)
    view.show_pattern(pattern.id)  # built while the window is hidden, as at start-up
    assert pattern.name not in laid_out_text(view.browser)  # waiting for the window's paint
    window.resize(900, 700)
    window.show()
    qtbot.waitExposed(window)
    window.repaint()  # the first frame
    assert pattern.name in laid_out_text(view.browser)


def test_reading_a_waiting_page_lays_it_out(qtbot, catalog) -> None:
    pattern = catalog.patterns["kidney_qi_deficiency"]
    view = PatternView(catalog)
    qtbot.addWidget(view)
    view.show_pattern(pattern.id)
    assert pattern.name in view.browser.toPlainText()
    assert view.browser.document().toPlainText() == laid_out_text(view.browser)


def test_a_waiting_page_grabbed_without_being_shown_is_drawn(qtbot, catalog) -> None:
    pattern = catalog.patterns["kidney_qi_deficiency"]
    browser = ReferenceBrowser()
    qtbot.addWidget(browser)
    browser.resize(500, 400)
    browser.set_page(*pattern_html(catalog, pattern, False), False)
    image = browser.grab().toImage()
    dark = sum(
        1
        for y in range(0, image.height(), 4)
        for x in range(0, image.width(), 4)
        if QColor(image.pixel(x, y)).lightness() < 128
    )
    assert dark > 50  # the heading and the first lines, not a blank page


def test_a_long_page_keeps_its_scroll_bar_and_a_short_one_has_none(qtbot, catalog) -> None:
    pattern = catalog.patterns["kidney_qi_deficiency"]
    browser = ReferenceBrowser()
    qtbot.addWidget(browser)
    browser.resize(500, 400)
    browser.show()
    qtbot.waitExposed(browser)
    browser.set_page(*pattern_html(catalog, pattern, False), False)
    assert browser.verticalScrollBar().isVisible()
    browser.set_page("<p>One line.</p>", {}, False)
    qtbot.waitUntil(lambda: not browser.verticalScrollBar().isVisible())
