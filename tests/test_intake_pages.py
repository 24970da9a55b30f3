"""The intake's pages are made when first opened: what a page then shows, that the keyboard reaches
it, and that answers given before a page was ever opened (a plan opened, an age typed) are all kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import click
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QLabel, QToolBox

from app.domain.intake import age_linked_signs, checklist
from app.domain.models import Catalog
from app.domain.plan import build_plan
from app.domain.plan_file import save_plan
from app.ui.intake_workspace import IntakeWorkspace
from app.ui.keyboard import mnemonic_letter
from app.ui.settings_store import Settings

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (propagateSizeHints|raise|grabbing)")


@pytest.fixture
def ws(qtbot, catalog: Catalog, tmp_path: Path) -> IntakeWorkspace:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    widget = IntakeWorkspace(catalog, None, Settings(settings))
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def page_of_group(pages: QToolBox, name: str) -> int:
    return next(i for i in range(pages.count()) if pages.itemText(i).replace("&", "").startswith(name))


def boxes_on(pages: QToolBox, index: int) -> list[QCheckBox]:
    return pages.widget(index).findChildren(QCheckBox)


def test_a_page_opened_for_the_first_time_shows_every_line_of_its_group(
    qtbot, ws: IntakeWorkspace, catalog: Catalog
) -> None:
    pages = ws.intake.pages
    group, signs = [(g, s) for g, s in checklist(catalog) if s][-1]  # the last group: closed at the start
    index = page_of_group(pages, group.name)
    assert not boxes_on(pages, index), "the page was made before it was opened: the test shows nothing"
    qtbot.mouseClick(ws.intake.title_buttons()[index], Qt.MouseButton.LeftButton)
    assert pages.currentIndex() == index
    boxes = boxes_on(pages, index)
    qtbot.waitUntil(lambda: all(b.isVisible() for b in boxes))
    assert [b.accessibleName() for b in boxes] == [s.text for s in signs]
    for box, sign in zip(boxes, signs, strict=True):
        (label,) = box.parentWidget().findChildren(QLabel)
        assert label.text() == sign.text and label.isVisible()
        assert label.height() >= label.heightForWidth(label.width()) - 1  # wrapped, not cut
    click(qtbot, boxes[0])
    assert ws.intake.signs() == (signs[0].id,) and pages.itemText(index).endswith("(1 ticked)")
    assert ws.plan_panel.plan.signs == (signs[0].id,)


def test_the_keyboard_reaches_the_boxes_of_a_page_never_opened(qtbot, ws: IntakeWorkspace) -> None:
    ws.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is ws)
    pages, titles = ws.intake.pages, ws.intake.title_buttons()
    last = pages.count() - 1
    assert not boxes_on(pages, last)
    titles[last].setFocus()
    qtbot.keyClick(titles[last], Qt.Key.Key_Space)  # Space on a title opens its group
    qtbot.keyClick(titles[last], Qt.Key.Key_Tab)  # and Tab goes on into it
    first = boxes_on(pages, last)[0]
    assert QApplication.focusWidget() is first
    qtbot.keyClick(first, Qt.Key.Key_Space)
    assert first.isChecked() and pages.itemText(last).endswith("(1 ticked)")
    # Alt and a closed group's letter open the group with the focus on its first box
    other = last - 1
    assert not boxes_on(pages, other)
    letter = mnemonic_letter(pages.itemText(other))
    assert letter
    alt = Qt.KeyboardModifier.AltModifier
    qtbot.keyClick(QApplication.focusWidget(), getattr(Qt.Key, f"Key_{letter}"), alt)
    assert pages.currentIndex() == other
    assert QApplication.focusWidget() is boxes_on(pages, other)[0]


def test_a_plan_opened_before_its_pages_were_shown_keeps_every_answer(
    qtbot, ws: IntakeWorkspace, catalog: Catalog, tmp_path: Path
) -> None:
    pages = ws.intake.pages
    groups = [(g, s) for g, s in checklist(catalog) if s]
    signs = tuple(s[0].id for _g, s in groups[1:])  # one sign on each page but the first group's
    plan = build_plan(
        catalog,
        case_label="never opened",
        patterns=("kidney_qi_deficiency",),
        signs=signs,
        factors=("anticoagulants",),
        red_flags=("cancer",),
    )
    path = tmp_path / "plan.yaotong"
    save_plan(plan, path)
    closed = [page_of_group(pages, g.name) for g, _s in groups[1:]]
    assert not any(boxes_on(pages, i) for i in closed)
    assert ws.files.open_file(path)
    assert set(ws.intake.signs()) == set(signs)
    assert ws.intake.red_flags() == ("cancer",) and ws.intake.factors() == ("anticoagulants",)
    assert set(ws.plan_panel.plan.signs) == set(signs) and ws.plan_panel.plan.red_flags == ("cancer",)
    for index in closed:  # each closed title counts its answer; opened, the page shows it ticked
        assert pages.itemText(index).endswith("(1 ticked)"), pages.itemText(index)
        qtbot.mouseClick(ws.intake.title_buttons()[index], Qt.MouseButton.LeftButton)
        assert [b.objectName() for b in boxes_on(pages, index) if b.isChecked()] == [
            f"sign:{s}" for s in signs if f"sign:{s}" in {b.objectName() for b in boxes_on(pages, index)}
        ]


def test_an_age_ticks_its_sign_on_a_page_never_opened(qtbot, ws: IntakeWorkspace, catalog: Catalog) -> None:
    (sign, start), *_ = age_linked_signs(catalog).items()
    pages = ws.intake.pages
    index = next(
        page_of_group(pages, g.name) for g, signs in checklist(catalog) if any(s.id == sign for s in signs)
    )
    assert not boxes_on(pages, index)
    ws.intake.age_spin.setValue(start + 10)
    assert sign in ws.intake.signs() and sign in ws.plan_panel.plan.signs
    qtbot.mouseClick(ws.intake.title_buttons()[index], Qt.MouseButton.LeftButton)
    (box,) = [b for b in boxes_on(pages, index) if b.objectName() == f"sign:{sign}"]
    assert box.isChecked()
