"""The detail pane: every pattern's page and every point's page show what the catalog says."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QToolTip

from app.domain.models import Catalog, Severity
from app.ui.pattern_view import PatternView, pattern_cautions
from app.ui.point_detail import PointDetail
from app.ui.rich_text import plain_tooltip
from app.ui.theme import severity_label

# The offscreen platform plugin says this whenever a top-level window is shown; it is not our warning.
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support propagateSizeHints", "This plugin does not support raise"
)


def squash(text: str) -> str:
    """Plain text with line breaks and non-breaking spaces as single spaces."""
    return " ".join(text.replace("\u2029", " ").replace("\u00a0", " ").split())


@pytest.fixture
def pattern_view(qtbot, catalog: Catalog) -> PatternView:
    view = PatternView(catalog)
    qtbot.addWidget(view)
    view.resize(520, 700)
    view.show()
    qtbot.waitExposed(view)
    return view


@pytest.fixture
def point_detail(qtbot, catalog: Catalog) -> PointDetail:
    view = PointDetail(catalog)
    qtbot.addWidget(view)
    view.resize(520, 700)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_every_pattern_page_shows_the_catalog(pattern_view: PatternView, catalog: Catalog) -> None:
    for pid, pattern in catalog.patterns.items():
        pattern_view.show_pattern(pid)
        text = squash(pattern_view.browser.toPlainText())
        assert text.startswith(pattern.name)
        for piece in (pattern.pinyin, pattern.chinese, pattern.principle.text, pattern.cause.text):
            assert squash(piece) in text
        rx = pattern.prescription
        assert rx.status.label in text
        local_at = text.index("Local points")
        distal_at = text.index("Distal points")
        for item in rx.local:
            assert squash(item.role) in text
            assert local_at < text.index(item.point, local_at) < distal_at
        for item in rx.distal:
            assert squash(item.role) in text
            assert text.index(item.point, distal_at) > distal_at
        for sign in pattern.signs:
            assert squash(sign.text) in text
        for group_id in {s.group for s in pattern.signs}:
            assert catalog.sign_groups[group_id].name in text
        for technique in pattern.techniques:
            assert technique.name in text and squash(technique.method) in text
        for note in pattern.notes:
            assert squash(note.text) in text
        for where, caution in pattern_cautions(catalog, pattern):
            box = f"{severity_label(caution.severity)}: {', '.join(where)}: {squash(caution.text)}"
            assert box in text
        for guidance in catalog.guidance.values():
            if guidance.topic in ("course", "session", "reassess", "aftercare"):
                assert squash(guidance.text) in text
        assert squash(catalog.disclaimer.text) in text
        cited = set(pattern.sources) | set(rx.sources) | {s for i in rx.local + rx.distal for s in i.sources}
        sources_at = text.rindex("Sources")
        for sid in cited:
            assert squash(catalog.sources[sid].citation) in text[sources_at:]


def test_contraindications_come_first_and_are_spelled_out(
    pattern_view: PatternView, catalog: Catalog
) -> None:
    for pid, pattern in catalog.patterns.items():
        cautions = pattern_cautions(catalog, pattern)
        severities = [c.severity for _, c in cautions]
        assert severities == sorted(severities, key=lambda s: s is not Severity.CONTRAINDICATION)
        pattern_view.show_pattern(pid)
        text = squash(pattern_view.browser.toPlainText())
        contra = sum(1 for s in severities if s is Severity.CONTRAINDICATION)
        if contra:
            assert f"{contra} contraindication" in text
        # Every caution box carries an icon image as well as its words (never colour alone).
        html = pattern_view.browser.toHtml()
        assert html.count("icon:") >= len(cautions)


def test_cautions_are_grouped_not_repeated(catalog: Catalog) -> None:
    for pattern in catalog.patterns.values():
        keys = [(c.severity, c.text, c.factors) for _, c in pattern_cautions(catalog, pattern)]
        assert len(keys) == len(set(keys))
        places = {code for where, _ in pattern_cautions(catalog, pattern) for code in where}
        for code in pattern.points_by_role():
            if catalog.points[code].cautions:
                assert code in places


def test_overview_lists_every_region_and_point(pattern_view: PatternView, catalog: Catalog) -> None:
    pattern_view.show_pattern(None)
    text = squash(pattern_view.browser.toPlainText())
    assert text.startswith("All points")
    for region in catalog.regions.values():
        assert region.name in text and squash(region.seed_words) in text
        for code in region.points:
            assert code in text
    for guidance in catalog.guidance.values():
        assert squash(guidance.text) in text


def test_every_point_page_shows_the_catalog(point_detail: PointDetail, catalog: Catalog) -> None:
    for code, point in catalog.points.items():
        point_detail.show_point(code)
        text = squash(point_detail.browser.toPlainText())
        assert text.startswith(f"{code} {point.pinyin} {point.chinese}")
        for piece in (
            point.english,
            catalog.channels[point.channel].name,
            catalog.regions[point.region].name,
        ):
            assert squash(piece) in text
        assert point.laterality.value.capitalize() in text
        assert squash(point.location) in text
        assert point.location_status.label in text
        assert squash(point.needling.text) in text
        cautions_at = text.index("Cautions and contraindications")
        assert cautions_at < text.index("Location")  # cautions first
        for caution in point.cautions:
            assert f"{severity_label(caution.severity)}: {squash(caution.text)}" in text
            for factor in caution.factors:
                assert catalog.factors[factor].label in text
        for pid in catalog.point_patterns(code):
            assert catalog.patterns[pid].name in text
        for sid in set(point.sources) | set(point.location_sources):
            assert squash(catalog.sources[sid].citation) in text


def test_source_marker_tooltip_shows_the_citation(qtbot, pattern_view: PatternView, catalog: Catalog) -> None:
    pid = next(iter(catalog.patterns))
    pattern_view.show_pattern(pid)
    browser = pattern_view.browser
    doc = browser.document()
    cursor = QTextCursor(doc)
    while not cursor.atEnd():
        cursor.movePosition(QTextCursor.MoveOperation.NextCharacter)
        href = cursor.charFormat().anchorHref()
        if href.startswith("src:"):
            break
    else:
        pytest.fail("no source marker")
    browser.setTextCursor(cursor)
    browser.ensureCursorVisible()
    rect = browser.cursorRect(cursor)
    pos = QPoint(rect.left() - 2, rect.center().y())
    assert browser.anchorAt(pos) == href
    event = QHelpEvent(QEvent.Type.ToolTip, pos, browser.viewport().mapToGlobal(pos))
    QApplication.sendEvent(browser.viewport(), event)
    qtbot.waitUntil(QToolTip.isVisible)
    # Shown literally: the citation, escaped, inside a paragraph.
    assert QToolTip.text() == plain_tooltip(catalog.sources[href.removeprefix("src:")].citation)
    QToolTip.hideText()


def test_pattern_link_in_point_detail(qtbot, point_detail: PointDetail, catalog: Catalog) -> None:
    code = next(iter(catalog.patterns.values())).prescription.local[0].point
    point_detail.show_point(code)
    pid = catalog.point_patterns(code)[0]
    browser = point_detail.browser
    found = browser.document().find(catalog.patterns[pid].name)
    while not found.isNull() and found.charFormat().anchorHref() != f"pattern:{pid}":
        found = browser.document().find(catalog.patterns[pid].name, found)
    assert not found.isNull()
    inside = QTextCursor(browser.document())
    inside.setPosition(found.selectionStart() + 1)
    browser.setTextCursor(inside)
    browser.ensureCursorVisible()
    with qtbot.waitSignal(point_detail.patternRequested) as blocker:
        qtbot.mouseClick(
            browser.viewport(), Qt.MouseButton.LeftButton, pos=browser.cursorRect(inside).center()
        )
    assert blocker.args == [pid]


def test_dark_theme_rerenders(pattern_view: PatternView, catalog: Catalog) -> None:
    pid = next(iter(catalog.patterns))
    pattern_view.show_pattern(pid)
    light = pattern_view.browser.toHtml()
    pattern_view.set_dark(True)
    dark = pattern_view.browser.toHtml()
    assert light != dark
    assert squash(pattern_view.browser.toPlainText()).startswith(catalog.patterns[pid].name)
