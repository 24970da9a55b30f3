"""Study mode through the real widgets: keys and clicks, restart, damaged database, progress chart."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton
from study_catalog import small_catalog

from app.domain.anatomy import point_positions
from app.domain.decks import QuestionType
from app.domain.models import Catalog
from app.ui.study_workspace import StudyWorkspace

# The offscreen platform plugin says this whenever a top-level window is shown; it is not our warning.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def make_workspace(qtbot, tmp_path: Path, clock: Clock):
    def make(catalog: Catalog | None = None, path: Path | None = None, **kwargs) -> StudyWorkspace:
        workspace = StudyWorkspace(
            catalog or small_catalog(), store_path=path or tmp_path / "study.sqlite3", clock=clock, **kwargs
        )
        qtbot.addWidget(workspace)
        workspace.resize(1366, 720)
        workspace.show()
        qtbot.waitExposed(workspace)
        workspace.activateWindow()
        qtbot.waitUntil(workspace.isActiveWindow)
        return workspace

    return make


def key(qtbot, workspace: StudyWorkspace, k: Qt.Key) -> None:
    """Press a key where the student's focus is (shortcuts work anywhere in the workspace)."""
    target = workspace.focusWidget() or workspace
    qtbot.keyClick(target, k)


def digit(n: int) -> Qt.Key:
    return Qt.Key(Qt.Key.Key_0.value + n)


def advance_to(qtbot, workspace: StudyWorkspace, qtype: QuestionType) -> None:
    """Answer cards (flashcards: Space then 3; choices: 1; locate: Enter) until ``qtype`` is shown."""
    for _ in range(40):
        card = workspace.current_card
        assert card is not None
        if card.qtype == qtype and not workspace.answered:
            return
        if not workspace.answered:
            if card.qtype == QuestionType.FLASHCARD:
                key(qtbot, workspace, Qt.Key.Key_Space)
                key(qtbot, workspace, Qt.Key.Key_3)
            elif card.qtype == QuestionType.CHOICE:
                key(qtbot, workspace, Qt.Key.Key_1)
            else:
                key(qtbot, workspace, Qt.Key.Key_Return)
        key(qtbot, workspace, Qt.Key.Key_Return)
    raise AssertionError(f"no {qtype} card came up")


def test_start_page_counts_new_cards(make_workspace) -> None:
    workspace = make_workspace(new_per_day=12)
    assert workspace.pages.currentWidget() is workspace.start_page
    assert "0 cards due now and 12 new cards left for today" in workspace.start_summary.text()
    assert "Due now: 0" in workspace.progress.counts_text()
    assert workspace.progress.empty.isVisible() and not workspace.progress.chart.isVisible()


def test_flashcard_by_keyboard(qtbot, make_workspace) -> None:
    workspace = make_workspace()
    key(qtbot, workspace, Qt.Key.Key_Return)  # Enter starts a session
    card = workspace.current_card
    assert card is not None and card.qtype == QuestionType.FLASHCARD
    assert workspace.prompt.text() == card.prompt
    panel = workspace.flashcard_panel
    assert panel.flip_button.isVisible() and not workspace.explanation_box.isVisible()
    key(qtbot, workspace, Qt.Key.Key_3)  # grading before flipping does nothing
    assert not workspace.answered
    key(qtbot, workspace, Qt.Key.Key_Space)
    assert panel.back.text() == card.answer and panel.back.isVisible() and panel.grade_row.isVisible()
    assert [b.body.text().splitlines()[0] for b in panel.grade_buttons.values()] == [
        "Again",
        "Hard",
        "Good",
        "Easy",
    ]
    assert panel.grade_buttons[3].body.text() == "Good\nin 1 day"
    key(qtbot, workspace, Qt.Key.Key_3)
    assert workspace.answered and workspace.verdict.text() == "Graded Good. Next review in 1 day."
    assert workspace.states[card.id].interval_days == 1
    key(qtbot, workspace, Qt.Key.Key_Return)
    assert workspace.current_card is not card and not workspace.answered


def test_choice_right_by_keyboard_and_wrong_by_mouse(qtbot, make_workspace) -> None:
    workspace = make_workspace()
    key(qtbot, workspace, Qt.Key.Key_Return)
    advance_to(qtbot, workspace, QuestionType.CHOICE)
    card = workspace.current_card
    key(qtbot, workspace, digit(card.correct_index + 1))
    assert workspace.verdict.text() == "✓ Right. Next review in 1 day."
    right = workspace.choice_panel.buttons[card.correct_index]
    assert right.mark.text() == "✓ your answer, correct" and right.property("verdict") == "right"
    key(qtbot, workspace, Qt.Key.Key_1)  # a second answer is ignored
    assert workspace.session.answered == 2
    key(qtbot, workspace, Qt.Key.Key_Return)

    advance_to(qtbot, workspace, QuestionType.CHOICE)
    card = workspace.current_card
    wrong = (card.correct_index + 1) % len(card.choices)
    qtbot.mouseClick(workspace.choice_panel.buttons[wrong], Qt.MouseButton.LeftButton)
    text = workspace.explanation.text()
    expected = f"✗ Not quite: the answer is {card.correct_index + 1}, {card.correct_choice}."
    assert workspace.verdict.text() == f"{expected} Next review in 10 min."
    assert workspace.choice_panel.buttons[wrong].mark.text() == "✗ your answer"
    assert workspace.choice_panel.buttons[card.correct_index].mark.text() == "✓ correct answer"
    assert text == card.answer
    # a wrong answer comes back later in the same session
    assert workspace.session.remaining >= 1


def test_progress_survives_recreating_the_workspace(
    qtbot, make_workspace, tmp_path: Path, clock: Clock
) -> None:
    path = tmp_path / "study.sqlite3"
    first = make_workspace(path=path, new_per_day=10)
    key(qtbot, first, Qt.Key.Key_Return)
    answered = []
    for _ in range(3):
        card = first.current_card
        answered.append(card.id)
        advance_to(qtbot, first, card.qtype)
        if card.qtype == QuestionType.FLASHCARD:
            key(qtbot, first, Qt.Key.Key_Space)
            key(qtbot, first, Qt.Key.Key_4)
        else:
            key(qtbot, first, digit(card.correct_index + 1))
        key(qtbot, first, Qt.Key.Key_Return)
    states = dict(first.states)
    first.close()
    first.deleteLater()

    second = make_workspace(path=path, new_per_day=10)
    assert second.states == states and set(answered) <= set(second.states)
    assert "7 new cards left for today" in second.start_summary.text()
    assert "Answered today: 3" in second.progress.counts_text()
    assert second.progress.chart.isVisible()

    clock.now += timedelta(days=5)  # everything answered "easy" or "good" is due again
    third = make_workspace(path=path, new_per_day=10)
    assert "3 cards due now" in third.start_summary.text()
    key(qtbot, third, Qt.Key.Key_Return)
    assert third.current_card.id in answered  # due cards come first


def test_damaged_database_is_set_aside_with_a_message(qtbot, make_workspace, tmp_path: Path) -> None:
    path = tmp_path / "study.sqlite3"
    path.write_bytes(b"this is not a database" * 50)
    workspace = make_workspace(path=path)
    assert workspace.notice.isVisible()
    assert "set aside" in workspace.notice.text() and str(path) in workspace.notice.text()
    assert len(list(tmp_path.glob("study.sqlite3.corrupt-*"))) == 1
    key(qtbot, workspace, Qt.Key.Key_Return)  # and study still works
    key(qtbot, workspace, Qt.Key.Key_Space)
    key(qtbot, workspace, Qt.Key.Key_3)
    assert len(workspace.store.reviews()) == 1


def test_chart_by_pattern_and_by_question_type(qtbot, make_workspace) -> None:
    workspace = make_workspace()
    key(qtbot, workspace, Qt.Key.Key_Return)
    advance_to(qtbot, workspace, QuestionType.LOCATE)  # answers a flashcard and choices on the way
    chart = workspace.progress.chart
    pattern_names = {p.name for p in workspace.catalog.patterns.values()}
    assert {row[0] for row in chart.rows()} <= pattern_names and chart.rows()
    workspace.progress.dimension.setCurrentIndex(2)
    rows = {name: (answered, correct) for name, answered, correct in chart.rows()}
    assert set(rows) == {"Flashcard", "Multiple choice"}
    assert sum(a for a, _c in rows.values()) == workspace.session.answered
    assert "Flashcard:" in chart.accessibleDescription()


def test_labels_are_plain_text_and_controls_named(qtbot, make_workspace) -> None:
    workspace = make_workspace()
    key(qtbot, workspace, Qt.Key.Key_Return)
    for label in workspace.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName() or label.text()
    for button in workspace.findChildren(QPushButton):
        assert button.accessibleName(), button.text()


def test_locate_answered_by_clicking_on_the_diagram(qtbot, make_workspace) -> None:
    workspace = make_workspace()
    key(qtbot, workspace, Qt.Key.Key_Return)
    advance_to(qtbot, workspace, QuestionType.LOCATE)
    card = workspace.current_card
    diagram = workspace.diagram
    assert workspace.right.currentWidget() is diagram and diagram.isVisible()
    assert "within 0.5 cun is correct" in workspace.locate_panel.instructions.text()
    # the markers would give the answer away: none is visible while the question is open
    assert all(not m.isVisible() for code in workspace.catalog.points for m in diagram.marker_items(code))
    # click 0.3 cun to the side of the true position (figure cun -> scene -> viewport)
    x_cun, y_cun = point_positions(workspace.catalog.points[card.point], card.view)[0]
    pos = diagram.mapFromScene(diagram.cun_to_scene(x_cun + 0.3, y_cun))
    with qtbot.waitSignal(diagram.bodyClicked):
        qtbot.mouseClick(diagram.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    result = workspace.locate_panel.result.text()
    assert result.startswith("Correct: 0.3 cun from the point")
    assert (
        workspace.answered and workspace.catalog.points[card.point].location in workspace.explanation.text()
    )
    (record,) = [r for r in workspace.store.reviews() if r.card_id == card.id]
    assert record.distance_cun == pytest.approx(0.3, abs=0.05)


def test_a_failed_save_shows_a_message_and_study_goes_on(qtbot, make_workspace) -> None:
    workspace = make_workspace()
    key(qtbot, workspace, Qt.Key.Key_Return)
    workspace.store.close()  # the file is gone from under us
    key(qtbot, workspace, Qt.Key.Key_Space)
    key(qtbot, workspace, Qt.Key.Key_3)
    assert workspace.notice.isVisible() and "could not be saved" in workspace.notice.text()
    key(qtbot, workspace, Qt.Key.Key_Return)
    assert workspace.current_card is not None and not workspace.answered


def test_keys_work_as_soon_as_the_workspace_is_shown(qtbot, make_workspace) -> None:
    workspace = make_workspace()
    assert workspace.isAncestorOf(workspace.focusWidget())
    qtbot.keyClick(workspace.focusWidget(), Qt.Key.Key_Enter)  # keypad Enter too
    assert workspace.current_card is not None
    qtbot.mouseClick(workspace.end_button, Qt.MouseButton.LeftButton)
    assert workspace.current_card is None and workspace.pages.currentWidget() is workspace.start_page


def test_locate_bl23_on_the_shipped_catalog_shows_the_landmark_rule(qtbot, make_workspace, catalog) -> None:
    workspace = make_workspace(catalog)
    (card,) = [c for c in workspace.cards if c.id == "locate:BL23"]
    workspace.start_session([card])
    diagram = workspace.diagram
    assert diagram.current_view() == "back" and workspace.right.currentWidget() is diagram
    assert "BL23" in workspace.prompt.text()
    # a click on the outer bladder line (3 cun lateral, patient's other side) is a miss
    x_cun, y_cun = point_positions(catalog.points["BL23"], "back")[0]
    pos = diagram.mapFromScene(diagram.cun_to_scene(-(abs(x_cun) + 1.5), y_cun))
    qtbot.mouseClick(diagram.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert workspace.locate_panel.result.text().startswith("Missed: 1.5 cun from the point")
    assert (
        workspace.verdict.text().startswith("✗ Missed")
        and "Next review in 10 min." in workspace.verdict.text()
    )
    texts = " ".join(diagram.answer_texts())
    assert diagram.answer_shown() and "L2" in texts and "1.5" in texts
    assert catalog.points["BL23"].location in workspace.explanation.text()


def test_the_first_locate_question_builds_only_its_own_view(qtbot, make_workspace, catalog) -> None:
    """The diagram is made on the first question's view (the head here, not the default back view):
    a view's figure and markers are built when it is first shown."""
    workspace = make_workspace(catalog)
    card = next(c for c in workspace.cards if c.qtype == QuestionType.LOCATE and c.view == "head")
    workspace.start_session([card])
    diagram = workspace.diagram
    assert diagram.current_view() == "head" and workspace.right.currentWidget() is diagram
    assert set(diagram._scenes) == {"head"}
    diagram.viewport().grab()  # the frame a user sees: changes made while hidden apply when it paints
    assert not any(m.isVisible() for ms in diagram.scene().markers.values() for m in ms)  # no answer given


def test_locate_without_a_click_enter_shows_the_point(qtbot, make_workspace, catalog) -> None:
    workspace = make_workspace(catalog)
    cards = [c for c in workspace.cards if c.id in ("locate:BL40", "locate:GV4")]
    workspace.start_session(cards)
    key(qtbot, workspace, Qt.Key.Key_Return)  # no guess: show the point, counted as a miss
    assert workspace.answered and workspace.diagram.answer_shown()
    assert workspace.verdict.text().startswith("✗ Shown without a guess.")
    (record,) = workspace.store.reviews()
    assert record.grade == 1 and record.distance_cun is None
    key(qtbot, workspace, Qt.Key.Key_Return)  # next locate card: the old answer is cleared
    assert workspace.current_card is cards[1] and not workspace.diagram.answer_shown()


def test_finishing_a_session_shows_the_result_and_when_to_come_back(qtbot, make_workspace) -> None:
    workspace = make_workspace(new_per_day=2)
    key(qtbot, workspace, Qt.Key.Key_Return)
    for _ in range(2):
        card = workspace.current_card
        if card.qtype == QuestionType.FLASHCARD:
            key(qtbot, workspace, Qt.Key.Key_Space)
            key(qtbot, workspace, Qt.Key.Key_3)
        else:
            key(qtbot, workspace, digit(card.correct_index + 1))
        assert workspace.status.text().endswith("right so far")
        key(qtbot, workspace, Qt.Key.Key_Return)
    assert workspace.current_card is None and workspace.pages.currentWidget() is workspace.start_page
    summary = workspace.start_summary.text()
    assert summary.startswith("Session complete: 2 of 2 answers right")
    assert "Nothing is due now: the next card is due in 1 day." in summary
    assert not workspace.start_button.isEnabled()
    key(qtbot, workspace, Qt.Key.Key_Return)  # nothing to start
    assert workspace.current_card is None


def test_locate_by_keyboard_only(qtbot, make_workspace, catalog) -> None:
    workspace = make_workspace(catalog)
    (card,) = [c for c in workspace.cards if c.id == "locate:BL23"]
    workspace.start_session([card])
    key(qtbot, workspace, Qt.Key.Key_Right)  # the first press puts the cross in the middle of the view
    start = workspace.locate_board.cross
    assert start is not None and workspace.locate_panel.cross_label.text().startswith("Cross: ")
    target_x, target_y = point_positions(catalog.points["BL23"], "back")[0]
    for delta, (fast, slow) in (
        (target_x - start[0], ("Right", "Left")),
        (target_y - start[1], ("Down", "Up")),
    ):
        forward = fast if delta > 0 else slow
        whole, rest = divmod(abs(delta), 2.0)
        for _ in range(int(whole)):
            qtbot.keyClick(
                workspace.focusWidget(), getattr(Qt.Key, f"Key_{forward}"), Qt.KeyboardModifier.ShiftModifier
            )
        for _ in range(round(rest / 0.25)):
            key(qtbot, workspace, getattr(Qt.Key, f"Key_{forward}"))
    assert "Inferior border of the L2 spinous process" in workspace.locate_panel.cross_label.text()
    key(qtbot, workspace, Qt.Key.Key_Return)  # Enter answers with the cross
    assert workspace.locate_panel.result.text().startswith("Correct: ")
    assert workspace.verdict.text() == "✓ Correct. Next review in 1 day."
    assert workspace.locate_board.cross is None  # the cross is gone; the answer overlay shows instead
    # after the answer the arrows are the diagram's again: no cross comes back
    key(qtbot, workspace, Qt.Key.Key_Left)
    assert workspace.locate_board.cross is None


def test_close_the_app_and_reopen_it_progress_is_kept(qtbot, catalog, tmp_path: Path, monkeypatch) -> None:
    """The issue's "done when": study in the real window, close it, open a new one, find the progress."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from app.ui import study_workspace
    from app.ui.main_window import MainWindow

    monkeypatch.setattr(study_workspace, "default_store_path", lambda: tmp_path / "data" / "study.sqlite3")

    def open_study() -> tuple[MainWindow, StudyWorkspace]:
        window = MainWindow(catalog, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        tabs = window.workspaces
        tabs.setCurrentIndex(next(i for i in range(tabs.count()) if tabs.tabText(i) == "Study"))
        study = tabs.currentWidget()
        assert isinstance(study, StudyWorkspace)
        return window, study

    window, study = open_study()
    key(qtbot, study, Qt.Key.Key_Return)
    first = study.current_card
    key(qtbot, study, Qt.Key.Key_Space)
    key(qtbot, study, Qt.Key.Key_4)
    window.close()

    window, study = open_study()
    assert first.id in study.states and study.states[first.id].interval_days == 4
    assert "Answered today: 1" in study.progress.counts_text()
    window.close()


def steer_cross(qtbot, workspace: StudyWorkspace, target: tuple[float, float]) -> None:
    """Arrow keys only: put the locate cross on ``target`` (2 cun steps with Shift, then quarter cun)."""
    key(qtbot, workspace, Qt.Key.Key_Right)  # the first press puts the cross in the middle of the view
    start = workspace.locate_board.cross
    assert start is not None
    for delta, (ahead, back) in (
        (target[0] - start[0], ("Right", "Left")),
        (target[1] - start[1], ("Down", "Up")),
    ):
        forward = getattr(Qt.Key, f"Key_{ahead if delta > 0 else back}")
        whole, rest = divmod(abs(delta), 2.0)
        for _ in range(int(whole)):
            qtbot.keyClick(workspace.focusWidget(), forward, Qt.KeyboardModifier.ShiftModifier)
        for _ in range(round(rest / 0.25)):
            key(qtbot, workspace, forward)


def test_a_mixed_session_by_keyboard_alone_then_a_restart(qtbot, make_workspace, tmp_path: Path) -> None:
    """Every question type answered with keys only (the locate question with the cross), then reopened."""
    path = tmp_path / "study.sqlite3"
    workspace = make_workspace(path=path, new_per_day=7)
    key(qtbot, workspace, Qt.Key.Key_Return)  # Enter starts
    seen: list[QuestionType] = []
    while workspace.current_card is not None:
        card = workspace.current_card
        seen.append(card.qtype)
        for label in workspace.findChildren(QLabel):
            assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName() or label.text()
        if card.qtype == QuestionType.FLASHCARD:
            key(qtbot, workspace, Qt.Key.Key_Space)
            assert workspace.flashcard_panel.is_flipped
            key(qtbot, workspace, Qt.Key.Key_3)
        elif card.qtype == QuestionType.CHOICE:
            key(qtbot, workspace, digit(card.correct_index + 1))
        else:
            target = point_positions(workspace.catalog.points[card.point], card.view)[0]
            steer_cross(qtbot, workspace, target)
            key(qtbot, workspace, Qt.Key.Key_Return)  # Enter answers with the cross
            assert workspace.locate_panel.result.text().startswith("Correct: "), card.id
        assert workspace.answered, card.id
        key(qtbot, workspace, Qt.Key.Key_Return)  # Enter goes on
    assert set(seen) == set(QuestionType) and len(seen) == 7
    assert workspace.start_summary.text().startswith("Session complete: 7 of 7 answers right")
    states = dict(workspace.states)
    workspace.close()

    reopened = make_workspace(path=path, new_per_day=7)
    assert reopened.states == states and len(states) == 7
    assert "Answered today: 7" in reopened.progress.counts_text()
    assert all(s.interval_days == 1 for s in states.values())  # good (or correct) on a new card: 1 day


def test_a_mixed_session_by_mouse_alone_then_a_restart(qtbot, make_workspace, tmp_path: Path) -> None:
    """Every question type answered with clicks only, then reopened: the schedule is where it was."""
    path = tmp_path / "study.sqlite3"
    workspace = make_workspace(path=path, new_per_day=7)
    click = Qt.MouseButton.LeftButton
    qtbot.mouseClick(workspace.start_button, click)
    seen: list[QuestionType] = []
    while workspace.current_card is not None:
        card = workspace.current_card
        seen.append(card.qtype)
        if card.qtype == QuestionType.FLASHCARD:
            panel = workspace.flashcard_panel
            qtbot.mouseClick(panel.flip_button, click)
            assert panel.back.isVisible() and panel.back.text() == card.answer
            qtbot.mouseClick(panel.grade_buttons[4], click)  # easy
        elif card.qtype == QuestionType.CHOICE:
            qtbot.mouseClick(workspace.choice_panel.buttons[card.correct_index], click)
        else:
            diagram = workspace.diagram
            x, y = point_positions(workspace.catalog.points[card.point], card.view)[0]
            pos = diagram.mapFromScene(diagram.cun_to_scene(x, y))
            assert diagram.viewport().rect().contains(pos), card.id  # the whole figure is in view
            qtbot.mouseClick(diagram.viewport(), click, pos=pos)
            assert workspace.locate_panel.result.text().startswith("Correct: "), card.id
        assert workspace.answered and workspace.next_button.isEnabled(), card.id
        qtbot.mouseClick(workspace.next_button, click)
    assert set(seen) == set(QuestionType) and len(seen) == 7
    assert workspace.start_summary.text().startswith("Session complete: 7 of 7 answers right")
    states = dict(workspace.states)
    workspace.close()

    reopened = make_workspace(path=path, new_per_day=7)
    assert reopened.states == states
    flashcards = {c.id for c in reopened.cards if c.qtype == QuestionType.FLASHCARD}
    assert {cid for cid, s in states.items() if s.interval_days == 4} == flashcards & set(states)
    assert "0 cards due now and 0 new cards left for today" in reopened.start_summary.text()


def test_locate_answer_is_drawn_at_a_legible_scale_with_guess_and_point_in_view(
    qtbot, make_workspace, catalog
) -> None:
    from app.ui.study_locate import ANSWER_PX_PER_CUN, _px_per_cun

    workspace = make_workspace(catalog)
    (card,) = [c for c in workspace.cards if c.id == "locate:BL23"]
    workspace.start_session([card])
    diagram = workspace.diagram
    x, y = point_positions(catalog.points["BL23"], "back")[0]
    guess = (x + 0.4, y + 0.5)
    qtbot.mouseClick(
        diagram.viewport(), Qt.MouseButton.LeftButton, pos=diagram.mapFromScene(diagram.cun_to_scene(*guess))
    )
    assert _px_per_cun(diagram) >= ANSWER_PX_PER_CUN
    view = diagram.viewport().rect()
    for spot in ((x, y), guess):
        assert view.contains(diagram.mapFromScene(diagram.cun_to_scene(*spot)))
    assert any(t.startswith("your click: 0.6 cun") for t in diagram.answer_texts())


def test_chart_tooltip_shows_catalog_names_as_plain_text(qtbot) -> None:
    from datetime import date

    from PySide6.QtGui import QTextDocument

    from app.domain.progress_store import DayAccuracy
    from app.ui.progress_chart import ProgressChart

    chart = ProgressChart()
    qtbot.addWidget(chart)
    days = [DayAccuracy(date(2026, 3, 1), 2, 1), DayAccuracy(date(2026, 3, 2), 0, 0)]
    chart.set_series({"p": days}, {"p": "<b>Bold</b> & cold"})
    doc = QTextDocument()
    doc.setHtml(chart.toolTip())
    assert doc.toPlainText() == "<b>Bold</b> & cold: 1 of 2 correct (50%)"
    assert chart.rows() == [("<b>Bold</b> & cold", 2, 1)]


def test_every_shipped_locate_card_is_correct_when_clicked_on_its_point(
    qtbot, make_workspace, catalog
) -> None:
    """Each view's figure (back, front and the close-ups) maps a click back to the right cun."""
    workspace = make_workspace(catalog)
    cards = [c for c in workspace.cards if c.qtype == QuestionType.LOCATE]
    assert {c.point for c in cards} == {code for code, p in catalog.points.items() if p.anchors}
    views = set()
    for card in cards:
        workspace.start_session([card])  # each one the first locate answer of a session
        assert workspace.current_card is card and workspace.diagram.current_view() == card.view
        diagram = workspace.diagram
        x, y = point_positions(catalog.points[card.point], card.view)[-1]
        qtbot.mouseClick(
            diagram.viewport(),
            Qt.MouseButton.LeftButton,
            pos=diagram.mapFromScene(diagram.cun_to_scene(x, y)),
        )
        assert workspace.locate_panel.result.text().startswith("Correct: "), card.id
        assert diagram.answer_shown(), card.id
        QApplication.processEvents()  # the diagram refits when zooming shows its scroll bars
        # the answer is in view, not scrolled away by that refit (points low on the legs were)
        assert diagram.viewport().rect().contains(diagram.mapFromScene(diagram.cun_to_scene(x, y))), card.id
        views.add(card.view)
    assert len(views) >= 3 and "side" in views


@pytest.mark.parametrize(
    ("code", "spot", "panel"),
    [
        ("PC8", 0, "palm"),
        ("EX-UE10", 0, "palm"),
        ("EX-UE10", 3, "palm"),
        ("LI1", 0, "dorsum"),
        ("EX-UE9", 0, "dorsum"),
    ],
)
def test_a_click_on_either_hand_panel_maps_back_to_its_spot(
    qtbot, make_workspace, catalog, code: str, spot: int, panel: str
) -> None:
    """The hand view has two panels (back of the hand, palm): a click on any spot of a point drawn
    there maps back to that spot's cun on the right panel and scores correct."""
    from app.domain.hand_figure import panel_of

    workspace = make_workspace(catalog)
    (card,) = [c for c in workspace.cards if c.id == f"locate:{code}"]
    workspace.start_session([card])
    diagram = workspace.diagram
    assert diagram.current_view() == "hand"
    x, y = point_positions(catalog.points[code], "hand")[spot]
    assert panel_of(x) == panel
    pos = diagram.mapFromScene(diagram.cun_to_scene(x, y))
    assert diagram.scene_to_cun(diagram.mapToScene(pos)) == pytest.approx((x, y), abs=0.05)
    qtbot.mouseClick(diagram.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert workspace.locate_panel.result.text().startswith("Correct: "), workspace.locate_panel.result.text()


@pytest.mark.parametrize("code", ["BL57", "BL60", "KI3"])
def test_the_first_answer_low_on_the_leg_stays_in_view(qtbot, make_workspace, catalog, code: str) -> None:
    """Zooming in for the answer shows the diagram's scroll bars, and the diagram refits when they
    appear; the answer must be centred after that, not scrolled back to the middle of the body."""
    workspace = make_workspace(catalog)
    (card,) = [c for c in workspace.cards if c.id == f"locate:{code}"]
    workspace.start_session([card])
    diagram = workspace.diagram
    x, y = point_positions(catalog.points[code], card.view)[0]
    guess = (x + 0.4, y + 0.5)
    qtbot.mouseClick(
        diagram.viewport(), Qt.MouseButton.LeftButton, pos=diagram.mapFromScene(diagram.cun_to_scene(*guess))
    )
    QApplication.processEvents()
    view = diagram.viewport().rect()
    for spot in ((x, y), guess):
        assert view.contains(diagram.mapFromScene(diagram.cun_to_scene(*spot))), spot


def test_a_session_keeps_to_the_channel_chosen(qtbot, make_workspace, catalog) -> None:
    workspace = make_workspace(catalog)
    box = workspace.focus_box
    wanted = box.findText("Channel: Bladder channel (BL)")
    assert wanted > 0
    box.setFocus()
    for _ in range(wanted):
        qtbot.keyClick(box, Qt.Key.Key_Down)
    assert box.currentIndex() == wanted
    assert "keeping to the points of the Bladder channel (BL)" in workspace.start_summary.text()
    qtbot.mouseClick(workspace.start_button, Qt.MouseButton.LeftButton)
    for _ in range(6):  # the first cards, answered as a student would
        card = workspace.current_card
        assert card is not None and card.point and catalog.points[card.point].channel == "BL", card
        assert workspace.prompt.text() == card.prompt
        if card.qtype == QuestionType.FLASHCARD:
            key(qtbot, workspace, Qt.Key.Key_Space)
            key(qtbot, workspace, Qt.Key.Key_3)
        elif card.qtype == QuestionType.CHOICE:
            key(qtbot, workspace, Qt.Key.Key_1)
        else:
            key(qtbot, workspace, Qt.Key.Key_Return)
        key(qtbot, workspace, Qt.Key.Key_Return)
