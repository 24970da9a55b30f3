"""Study mode: a session of generated cards, scheduled by spaced repetition.

Keyboard first (the keys work anywhere inside the workspace):
Space shows a flashcard's answer, 1-4 answer (a choice, or a self-grade after
flipping), Enter goes on (starts a session, moves to the next card, or answers
a locate question: with the keyboard cross if placed, else by showing the
point), and on a locate question the arrow keys move the cross.

Left: the question. Right: the progress view, or the body diagram while a
locate question is shown. Progress lives in an SQLite file in the user's data
directory (``QStandardPaths.AppDataLocation``/study.sqlite3) unless a path is
passed in (tests).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QFont, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.decks import Card, Deck, QuestionType, build_decks
from app.domain.locate import Verdict, score_locate
from app.domain.models import Catalog
from app.domain.progress_store import ProgressStore, accuracy_over_time, local_day
from app.domain.schedule import (
    NEW_PER_DAY,
    SESSION_LIMIT,
    CardState,
    Grade,
    Session,
    grade_for_choice,
    grade_for_locate,
    pick_session,
    review,
)
from app.domain.vocabulary import ProgressDimension
from app.ui.progress_chart import ProgressPanel
from app.ui.study_cards import ChoicePanel, FlashcardPanel, LocatePanel, plain_label
from app.ui.study_locate import CURSOR_FAST_STEP, CURSOR_STEP, LocateBoard, diagram_available

if TYPE_CHECKING:
    from app.ui.body_diagram import BodyDiagram

CHART_DAYS = 14
STORE_NAME = "study.sqlite3"

# Scoped to this workspace's own object names; words and marks carry the meaning, colour only repeats it
# (Okabe-Ito bluish green and vermillion).
_STYLE = """
QPushButton#studyAnswer { text-align: left; }
QPushButton#studyAnswer[verdict="right"] { border: 2px solid #009E73; }
QPushButton#studyAnswer[verdict="wrong"] { border: 2px solid #D55E00; }
QPushButton#studyAnswer[verdict="chosen"] { border: 2px solid #0072B2; }
QLabel#studyKeyBadge { font-weight: bold; min-width: 1.4em; }
QLabel#studyAnswerMark { font-weight: bold; }
QLabel#studyNotice { border: 1px solid #E69F00; border-radius: 4px; padding: 6px; }
QScrollArea#studyAnswerBox { background: transparent; }
QLabel#studyExplanation, QLabel#studyFlashcardBack { border: 1px solid palette(mid); border-radius: 4px; }
"""


def default_store_path() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)) / STORE_NAME


def _when(delta: timedelta) -> str:
    minutes = round(delta.total_seconds() / 60)
    if minutes < 60 * 24:
        return f"in {minutes} min"
    days = round(minutes / (60 * 24))
    return f"in {days} day" + ("s" if days != 1 else "")


class _PageStack(QWidget):
    """Shows one page at a time and takes only that page's height (a QStackedWidget keeps the largest)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._pages: list[QWidget] = []
        self._current: QWidget | None = None

    def addWidget(self, page: QWidget) -> None:
        self._pages.append(page)
        self._layout.addWidget(page)
        page.setVisible(self._current is None)
        self._current = self._current or page

    def setCurrentWidget(self, page: QWidget) -> None:
        for other in self._pages:
            other.setVisible(other is page)
        self._current = page

    def currentWidget(self) -> QWidget | None:
        return self._current


class StudyWorkspace(QWidget):
    """Flashcards, multiple choice and locate questions from the catalog, with progress."""

    def __init__(
        self,
        catalog: Catalog,
        parent: QWidget | None = None,
        *,
        store_path: Path | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        seed: int = 0,
        new_per_day: int = NEW_PER_DAY,
        session_limit: int = SESSION_LIMIT,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("studyWorkspace")
        self.setAccessibleName("Study mode")
        self.setStyleSheet(_STYLE)
        self.catalog = catalog
        self.clock = clock
        self.new_per_day = new_per_day
        self.session_limit = session_limit
        self.cards = build_decks(catalog, seed)
        self.store = ProgressStore.open(store_path or default_store_path(), now=clock())
        self.states: dict[str, CardState] = self.store.states()
        self.session: Session | None = None
        self.current_card: Card | None = None
        self.answered = False
        self._build()
        self._bind_keys()
        self.refresh_progress()
        self._show_start()

    # -- layout ------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        self.notice = plain_label(self.store.notice or "", name="studyNotice")
        self.notice.setAccessibleName("Study progress notice")
        self.notice.setVisible(bool(self.store.notice))
        outer.addWidget(self.notice)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        outer.addWidget(splitter, 1)

        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(16, 8, 16, 8)
        column.setSpacing(8)
        self.status = plain_label(name="studyStatus")
        self.status.setAccessibleName("Session status")
        self.kind = plain_label(name="studyKind")
        self.prompt = plain_label(name="studyPrompt")
        self.prompt.setAccessibleName("Question")
        self.prompt.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont(self.prompt.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.prompt.setFont(font)
        self.pages = _PageStack()
        self.start_page = self._build_start_page()
        self.choice_panel = ChoicePanel()
        self.flashcard_panel = FlashcardPanel()
        self.locate_panel = LocatePanel()
        for page in (self.start_page, self.choice_panel, self.flashcard_panel, self.locate_panel):
            self.pages.addWidget(page)
        self.verdict = plain_label(name="studyVerdict")
        self.verdict.setAccessibleName("Result")
        bold = QFont(self.verdict.font())
        bold.setBold(True)
        self.verdict.setFont(bold)
        self.explanation = plain_label(name="studyExplanation")
        self.explanation.setAccessibleName("Answer")
        self.explanation.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.explanation.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.explanation.setContentsMargins(10, 8, 10, 8)
        self.explanation_box = QScrollArea()
        self.explanation_box.setObjectName("studyAnswerBox")
        self.explanation_box.setFrameShape(QFrame.Shape.NoFrame)
        self.explanation_box.setWidgetResizable(True)
        answer_page = QWidget()
        answer_page.setObjectName("studyAnswerPage")
        answer_layout = QVBoxLayout(answer_page)
        answer_layout.setContentsMargins(0, 0, 0, 0)
        answer_layout.addWidget(self.explanation)
        answer_layout.addStretch(1)
        self.explanation_box.setWidget(answer_page)
        self.next_button = QPushButton("Next  (Enter)")
        self.next_button.setAccessibleName("Next card")
        self.end_button = QPushButton("End session")
        self.end_button.setAccessibleName("End session")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.end_button)
        buttons.addWidget(self.next_button)
        column.addWidget(self.status)
        column.addWidget(self.kind)
        column.addWidget(self.prompt)
        column.addWidget(self.pages)
        column.addWidget(self.verdict)
        column.addWidget(self.explanation_box, 1)
        column.addLayout(buttons)
        left.setMaximumWidth(780)  # long lines are hard to read; the rest goes to the right pane

        self.right = QStackedWidget()
        self.progress = ProgressPanel()
        self.right.addWidget(self.progress)
        self.locate_board = LocateBoard(self.catalog, self.right)
        self.locate_board.clicked.connect(self.on_body_clicked)
        splitter.addWidget(left)
        splitter.addWidget(self.right)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 4)

        self.start_button.clicked.connect(lambda: self.start_session())
        self.next_button.clicked.connect(self.next_card)
        self.end_button.clicked.connect(self._show_start)
        self.choice_panel.chosen.connect(self._on_choice)
        self.flashcard_panel.graded.connect(self._on_grade)
        self.locate_panel.give_up.connect(self._on_give_up)
        self.progress.dimensionChanged.connect(lambda _d: self.refresh_progress())

    def _build_start_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.start_summary = plain_label(name="studySummary")
        self.start_summary.setAccessibleName("Session summary")
        self.start_button = QPushButton("Start a session  (Enter)")
        self.start_button.setAccessibleName("Start a study session")
        keys = plain_label("Keys: Space shows a flashcard's answer, 1-4 answer, Enter goes on.")
        layout.addWidget(self.start_summary)
        layout.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(keys)
        layout.addStretch(1)
        return page

    def _bind_keys(self) -> None:
        def bind(key: str | Qt.Key, slot: Callable[[], None]) -> None:
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

        bind("Space", self.flip)
        for n in range(1, 5):
            bind(str(n), lambda n=n: self.answer_key(n))
        bind(Qt.Key.Key_Return, self.go_on)
        bind(Qt.Key.Key_Enter, self.go_on)
        # Arrow keys move the locate cross; only while a locate question is open, so the
        # arrows keep their usual meaning everywhere else.
        self._arrow_shortcuts: list[QShortcut] = []
        moves = {"Left": (-1, 0), "Right": (1, 0), "Up": (0, -1), "Down": (0, 1)}
        for name, (dx, dy) in moves.items():
            for prefix, step in (("", CURSOR_STEP), ("Shift+", CURSOR_FAST_STEP)):
                shortcut = QShortcut(QKeySequence(prefix + name), self)
                shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                shortcut.activated.connect(lambda dx=dx * step, dy=dy * step: self.move_cursor(dx, dy))
                shortcut.setEnabled(False)
                self._arrow_shortcuts.append(shortcut)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Opening the tab puts the keyboard in the workspace, so Enter, Space and 1-4 work at once.
        focus = QApplication.focusWidget()
        if focus is None or not self.isAncestorOf(focus):
            target = self.start_button if self.current_card is None else self.pages.currentWidget()
            target.setFocus()

    @property
    def diagram(self) -> BodyDiagram | None:
        """The body diagram, once a locate question has been shown."""
        return self.locate_board.diagram

    def set_dark(self, dark: bool) -> None:
        """Called by the main window on theme changes; the rest follows the palette."""
        self.locate_board.set_dark(dark)

    # -- keyboard actions ------------------------------

    def flip(self) -> None:
        if self.current_card and self.current_card.qtype == QuestionType.FLASHCARD:
            self.flashcard_panel.flip()

    def answer_key(self, n: int) -> None:
        card = self.current_card
        if card is None or self.answered:
            return
        if card.qtype == QuestionType.CHOICE:
            self.choice_panel.choose(n - 1)
        elif card.qtype == QuestionType.FLASHCARD and self.flashcard_panel.is_flipped:
            self.flashcard_panel.grade(Grade(n))

    def go_on(self) -> None:
        if self.current_card is None:
            self.start_session()
        elif self.answered:
            self.next_card()
        elif self.current_card.qtype == QuestionType.LOCATE:
            cursor = self.locate_board.cross
            if cursor is not None:
                self.on_body_clicked(self.locate_board.current_view(), *cursor)
            else:
                self._on_give_up()

    def move_cursor(self, dx: float, dy: float) -> None:
        """Arrow keys: move the locate cross by (dx, dy) cun."""
        card = self.current_card
        if card is None or card.qtype != QuestionType.LOCATE or self.answered:
            return
        self.locate_panel.show_cursor(self.locate_board.move_cursor(dx, dy))

    # -- session flow ------------------------------

    def start_session(self, cards: Sequence[Card] | None = None) -> None:
        """Start a session of the due and new cards (or of the given cards, e.g. one deck to practise)."""
        if cards:
            self.session = Session(cards)
            self._show_card(self.session.current)
            return
        now = self.clock()
        cards = pick_session(
            self.cards if diagram_available() else [c for c in self.cards if c.qtype != QuestionType.LOCATE],
            self.states,
            now,
            new_today=self._new_started_today(now),
            new_per_day=self.new_per_day,
            limit=self.session_limit,
        )
        if not cards:
            self._show_start()
            return
        self.session = Session(cards)
        self._show_card(self.session.current)

    def next_card(self) -> None:
        if self.session is None or not self.answered:
            return
        if self.session.current is None:
            self._show_start(finished=True)
        else:
            self._show_card(self.session.current)

    def _show_card(self, card: Card | None) -> None:
        assert self.session is not None and card is not None
        self.current_card = card
        self.answered = False
        self.locate_board.drop_cursor()
        self._set_arrows(card.qtype == QuestionType.LOCATE)
        self._update_status()
        self.kind.setText(f"{card.deck.label} · {card.qtype.label}")
        self.prompt.setText(card.prompt)
        self.prompt.setVisible(True)
        self.explanation.clear()
        self.explanation_box.setVisible(False)
        self.verdict.setVisible(False)
        self.next_button.setEnabled(False)
        self.end_button.setVisible(True)
        self.next_button.setVisible(True)
        if card.qtype == QuestionType.CHOICE:
            self.choice_panel.show_card(card)
            self.pages.setCurrentWidget(self.choice_panel)
            self.right.setCurrentWidget(self.progress)
        elif card.qtype == QuestionType.FLASHCARD:
            self.flashcard_panel.show_card(card, self._interval_hints(card))
            self.pages.setCurrentWidget(self.flashcard_panel)
            self.right.setCurrentWidget(self.progress)
        else:
            self.locate_panel.show_card(card)
            self.pages.setCurrentWidget(self.locate_panel)
            self.locate_board.show_question(card)
        self.pages.currentWidget().setFocus()

    def _set_arrows(self, enabled: bool) -> None:
        for shortcut in self._arrow_shortcuts:
            shortcut.setEnabled(enabled)

    def _update_status(self) -> None:
        assert self.session is not None
        done = self.session.answered
        number = done if self.answered else done + 1
        self.status.setText(
            f"Card {number} · {self.session.remaining} more in this session · "
            f"{self.session.correct} of {done} right so far"
        )

    def _next_due_text(self, now: datetime) -> str:
        ids = {c.id for c in self.cards}
        upcoming = [
            s.due for cid, s in self.states.items() if cid in ids and s.due is not None and s.due > now
        ]
        if not upcoming:
            return "Nothing is due: come back tomorrow for new cards."
        return f"Nothing is due now: the next card is due {_when(min(upcoming) - now)}."

    def _show_start(self, finished: bool = False) -> None:
        now = self.clock()
        result = ""
        if finished and self.session:
            result = (
                f"Session complete: {self.session.correct} of {self.session.answered} answers right "
                f"(hard or better counts as right).\n\n"
            )
        if not finished:
            self.session = None
        self.current_card = None
        self.answered = False
        self.locate_board.drop_cursor()
        self._set_arrows(False)
        due, new_left = self._due_counts(now)
        self.start_summary.setText(
            f"{result}{due} cards due now and {new_left} new cards left for today. "
            f"A session takes up to {self.session_limit} cards: the due ones first, then new ones "
            f"mixed across every deck and question type."
            + ("" if due or new_left else f"\n\n{self._next_due_text(now)}")
        )
        self.start_button.setEnabled(bool(due or new_left))
        self.status.setText("Study mode")
        self.kind.setText(f"{len(self.cards)} cards generated from the catalog")
        self.prompt.setVisible(False)
        self.explanation_box.setVisible(False)
        self.verdict.setVisible(False)
        self.next_button.setVisible(False)
        self.end_button.setVisible(False)
        self.pages.setCurrentWidget(self.start_page)
        self.right.setCurrentWidget(self.progress)
        self.refresh_progress()

    # -- answers ------------------------------

    def _on_choice(self, index: int) -> None:
        card = self.current_card
        assert card is not None
        right = index == card.correct_index
        verdict = (
            "✓ Right."
            if right
            else f"✗ Not quite: the answer is {card.correct_index + 1}, {card.correct_choice}."
        )
        self._finish(grade_for_choice(right), card.answer, verdict=verdict)

    def _on_grade(self, grade: Grade) -> None:
        self._finish(grade, "", verdict=f"Graded {grade.label}.")  # the answer is on the card already

    def on_body_clicked(self, view: str, x_cun: float, y_cun: float) -> None:
        card = self.current_card
        if card is None or card.qtype != QuestionType.LOCATE or self.answered:
            return
        point = self.catalog.points[card.point]  # type: ignore[index]
        result = score_locate(point, view, x_cun, y_cun)
        self.locate_board.show_answer(card.point, (x_cun, y_cun))
        self.locate_panel.show_result(result.describe())
        distance = None if result.target is None else result.distance_cun
        mark = "✓" if result.verdict != Verdict.MISS else "✗"
        self._finish(
            grade_for_locate(result.verdict),
            f"{point.code}: {point.location}",
            distance,
            f"{mark} {result.verdict.label}.",
        )

    def _on_give_up(self) -> None:
        card = self.current_card
        if card is None or card.qtype != QuestionType.LOCATE or self.answered:
            return
        self.locate_board.show_answer(card.point, None)
        self.locate_panel.show_result("Shown without a guess: counts as a miss.")
        point = self.catalog.points[card.point]  # type: ignore[index]
        self._finish(Grade.AGAIN, f"{point.code}: {point.location}", verdict="✗ Shown without a guess.")

    def _finish(
        self, grade: Grade, explanation: str, distance: float | None = None, verdict: str = ""
    ) -> None:
        card = self.current_card
        assert card is not None and self.session is not None
        self.answered = True
        self._set_arrows(False)
        self.locate_board.drop_cursor()
        now = self.clock()
        state = review(self.states.get(card.id, CardState(card.id)), grade, now)
        try:
            self.store.record(card, grade, state, distance)
        except sqlite3.Error as exc:
            self._show_notice(f"This answer could not be saved to {self.store.path} ({exc}).")
        self.states[card.id] = state
        self.session.record(grade)
        self._update_status()
        self.explanation.setText(explanation)
        self.explanation_box.setVisible(bool(explanation))
        self.verdict.setText(f"{verdict} Next review {_when(state.due - now)}.".strip())  # type: ignore[operator]
        self.verdict.setVisible(True)
        self.next_button.setEnabled(True)
        self.next_button.setText("Next  (Enter)" if self.session.current else "Finish  (Enter)")
        self.refresh_progress()

    def _show_notice(self, text: str) -> None:
        """Add a line to the notice banner (each message once; the first one stays on top)."""
        lines = self.notice.text().splitlines() if self.notice.isVisibleTo(self) else []
        if text not in lines:
            self.notice.setText("\n".join([*lines, text]))
        self.notice.setVisible(True)

    # -- helpers ------------------------------

    def _new_started_today(self, now: datetime) -> int:
        try:
            return self.store.new_started_on(local_day(now))
        except sqlite3.Error as exc:
            self._show_notice(f"Study progress could not be read from {self.store.path} ({exc}).")
            return 0

    def _interval_hints(self, card: Card) -> dict[Grade, str]:
        now = self.clock()
        state = self.states.get(card.id, CardState(card.id))
        return {g: _when(review(state, g, now).due - now) for g in Grade}  # type: ignore[operator]

    def _due_counts(self, now: datetime) -> tuple[int, int]:
        ids = {c.id for c in self.cards}
        due = sum(1 for cid, s in self.states.items() if cid in ids and s.is_due(now))
        new_cards = sum(1 for c in self.cards if c.id not in self.states)
        left_today = max(0, self.new_per_day - self._new_started_today(now))
        return due, min(new_cards, left_today)

    def refresh_progress(self) -> None:
        now = self.clock()
        today = local_day(now)
        since = datetime.combine(today - timedelta(days=CHART_DAYS), time(), tzinfo=now.astimezone().tzinfo)
        try:
            records = self.store.reviews(since=since)
        except sqlite3.Error as exc:
            self._show_notice(f"Study progress could not be read from {self.store.path} ({exc}).")
            records = []
        due, new_left = self._due_counts(now)
        answered_today = sum(1 for r in records if local_day(r.reviewed_at) == today)
        self.progress.show_counts(due, new_left, answered_today, len(self.cards))
        dimension = self.progress.current_dimension()
        names = {
            ProgressDimension.PATTERN: {pid: p.name for pid, p in self.catalog.patterns.items()},
            ProgressDimension.REGION: {rid: r.name for rid, r in self.catalog.regions.items()},
            ProgressDimension.QUESTION_TYPE: {q.value: q.label for q in QuestionType},
        }[dimension]
        series = accuracy_over_time(records, dimension, today, CHART_DAYS)
        self.progress.show_accuracy(series, names, CHART_DAYS)
        decks: dict[Deck, list[int]] = {deck: [0, 0, 0] for deck in Deck}
        for card in self.cards:
            tally = decks[card.deck]
            state = self.states.get(card.id)
            tally[0] += 1
            tally[1] += state is not None
            tally[2] += state is not None and state.is_due(now)
        self.progress.show_decks([(deck.label, *tally) for deck, tally in decks.items() if tally[0]])
