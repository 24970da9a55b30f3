"""The detail pane: every pattern's page and every point's page show what the catalog says."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QToolTip

from app.domain.models import Catalog, Severity
from app.ui.pattern_view import (
    REGIONAL_PROTOCOL,
    SEED_CLAIM,
    TEXTBOOK_PATTERN,
    PatternView,
    pattern_cautions,
)
from app.ui.point_detail import PointDetail
from app.ui.reference_workspace import PROTOCOLS_HEADING, ReferenceWorkspace
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
        assert region.name in text
        if region.seed_words:
            assert f"(seed: “{squash(region.seed_words)}”)" in text
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


# --- textbook patterns and regional protocols (issue 11) ----------------------------------------------


def test_textbook_patterns_are_marked_on_their_page(pattern_view: PatternView, catalog: Catalog) -> None:
    for pid, pattern in catalog.patterns.items():
        pattern_view.show_pattern(pid)
        text = squash(pattern_view.browser.toPlainText())
        assert (TEXTBOOK_PATTERN in text) is pattern.textbook_only, pid


def test_every_protocol_page_shows_the_catalog(pattern_view: PatternView, catalog: Catalog) -> None:
    assert catalog.protocols
    for qid, protocol in catalog.protocols.items():
        pattern_view.show_protocol(qid)
        text = squash(pattern_view.browser.toPlainText())
        assert text.startswith(protocol.name)
        assert REGIONAL_PROTOCOL in text and catalog.regions[protocol.region].name in text
        for piece in (protocol.pinyin, protocol.chinese, protocol.indication.text, protocol.technique.text):
            assert squash(piece) in text
        assert protocol.status.label in text
        local_at, distal_at = text.index("Local points"), text.index("Distal points")
        for item in protocol.points:
            assert squash(item.role) in text
            if item.point in protocol.distal:
                assert text.index(item.point, distal_at) > distal_at
            else:
                assert local_at < text.index(item.point, local_at) < distal_at
        for note in protocol.notes:
            assert squash(note.text) in text
        for where, caution in pattern_cautions(catalog, protocol):
            assert f"{severity_label(caution.severity)}: {', '.join(where)}: {squash(caution.text)}" in text
        sources_at = text.rindex("Sources")
        for sid in set(protocol.sources) | {s for item in protocol.points for s in item.sources}:
            assert squash(catalog.sources[sid].citation) in text[sources_at:]


def test_seed_claims_are_shown_as_the_clinics_claims(pattern_view: PatternView, catalog: Catalog) -> None:
    pattern_view.show_pattern(None)
    text = squash(pattern_view.browser.toPlainText())
    for line in catalog.guidance.values():
        if line.claim and all(catalog.sources[s].kind.value == "seed" for s in line.sources):
            assert f"{SEED_CLAIM} {squash(line.text)}" in text, line.id


@pytest.fixture
def reference(qtbot, catalog: Catalog) -> ReferenceWorkspace:
    workspace = ReferenceWorkspace(catalog)
    qtbot.addWidget(workspace)
    workspace.resize(1280, 800)
    workspace.show()
    qtbot.waitExposed(workspace)
    return workspace


def _row_of(workspace: ReferenceWorkspace, title: str) -> int:
    lst = workspace.pattern_list
    return next(i for i in range(lst.count()) if lst.item(i).text().splitlines()[0] == title)


def _click_row(qtbot, workspace: ReferenceWorkspace, row: int) -> None:
    lst = workspace.pattern_list
    item = lst.item(row)
    lst.scrollToItem(item)
    qtbot.mouseClick(lst.viewport(), Qt.MouseButton.LeftButton, pos=lst.visualItemRect(item).center())


def test_regional_protocols_are_listed_under_their_heading(
    qtbot, reference: ReferenceWorkspace, catalog: Catalog
) -> None:
    lst = reference.pattern_list
    heading = _row_of(reference, PROTOCOLS_HEADING)
    assert heading == len(catalog.patterns) + 1  # after the patterns and "All points"
    assert not lst.item(heading).flags() & Qt.ItemFlag.ItemIsSelectable
    titles = [lst.item(i).text().splitlines()[0] for i in range(heading + 1, lst.count())]
    assert titles == [q.name for q in catalog.protocols.values()]
    # The heading is not a page: clicking it changes nothing.
    shown = squash(reference.pattern_view.browser.toPlainText())
    _click_row(qtbot, reference, heading)
    assert squash(reference.pattern_view.browser.toPlainText()) == shown
    # Textbook patterns say so in the list too.
    for row, pattern in enumerate(catalog.patterns.values()):
        assert (TEXTBOOK_PATTERN in lst.item(row).text()) is pattern.textbook_only


def test_clicking_a_protocol_shows_it_and_highlights_its_points(
    qtbot, reference: ReferenceWorkspace, catalog: Catalog
) -> None:
    for qid, protocol in catalog.protocols.items():
        with qtbot.waitSignal(reference.statusMessage, timeout=1000) as status:
            _click_row(qtbot, reference, _row_of(reference, protocol.name))
        assert reference.current_protocol == qid and reference.current_pattern == ""
        assert reference.diagram.roles() == protocol.points_by_role()
        text = squash(reference.pattern_view.browser.toPlainText())
        assert text.startswith(protocol.name) and REGIONAL_PROTOCOL in text
        assert status.args[0].startswith(protocol.name)
    # A point of the protocol, then back to the protocol.
    qid, protocol = next(iter(catalog.protocols.items()))
    _click_row(qtbot, reference, _row_of(reference, protocol.name))
    code = protocol.points[0].point
    reference.show_point(code)
    assert reference.back_button.text().endswith(protocol.name)
    qtbot.mouseClick(reference.back_button, Qt.MouseButton.LeftButton)
    assert reference.current_protocol == qid and reference.selected_point == ""
    assert squash(reference.pattern_view.browser.toPlainText()).startswith(protocol.name)
    # Picking a pattern leaves the protocol.
    first = next(iter(catalog.patterns))
    _click_row(qtbot, reference, 0)
    assert reference.current_pattern == first and reference.current_protocol == ""


def test_a_points_page_shows_the_rules_that_hold_for_every_patient(
    point_detail: PointDetail, catalog
) -> None:
    """BL23 has no caution of its own, but the kidney-region depth rule always applies to it."""
    rules = catalog.safety_rules
    point_detail.show_point("BL23")
    text = squash(point_detail.browser.toPlainText())
    assert squash(rules["kidney_region"].practitioner)[:60] in text
    assert "None recorded" not in text
    assert "For every patient" in text
    point_detail.show_point("BL40")
    text = squash(point_detail.browser.toPlainText())
    from app.ui.point_detail import standing_rules

    standing = standing_rules(catalog, "BL40")
    assert any(f.max_depth is not None for f in standing)  # the popliteal artery
    for f in standing:
        assert squash(f.text)[:50] in text
        if f.max_depth is not None:
            assert f"no deeper than {f.max_depth:g} cun" in text
    deep = catalog.points["BL40"].deep
    assert deep is not None and squash(deep.text)[:40] in text
