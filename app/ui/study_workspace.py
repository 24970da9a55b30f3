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

import functools
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.decks import Card, QuestionType, study_focuses
from app.domain.models import Catalog
from app.domain.progress_store import ProgressStore
from app.domain.schedule import NEW_PER_DAY, SESSION_LIMIT, CardState, Grade, Session
from app.domain.study_session import CHART_DAYS, Outcome, StudySession
from app.ui.progress_chart import ProgressPanel
from app.ui.study_cards import ChoicePanel, FlashcardPanel, LocatePanel, plain_label
from app.ui.study_locate import CURSOR_FAST_STEP, CURSOR_STEP, LocateBoard, diagram_available
from app.ui.workspace import NothingToSave

if TYPE_CHECKING:
    from app.ui.diagram import BodyDiagram

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

    def current(self) -> QWidget:
        assert self._current is not None, "the stack has no page"
        return self._current


class StudyWorkspace(NothingToSave, QWidget):
    """Flashcards, multiple choice and locate questions from the catalog, with progress."""

    statusMessage = Signal(str)

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
        self.study = StudySession(
            catalog,
            ProgressStore.open(store_path or default_store_path(), now=clock()),
            clock,
            seed=seed,
            new_per_day=new_per_day,
            session_limit=session_limit,
            locate_available=diagram_available(),
        )
        self._build()
        self._bind_keys()
        self._show_start()  # draws the progress too

    # The session's state, as the tests and tools read it.
    @property
    def cards(self) -> tuple[Card, ...]:
        return self.study.cards

    @property
    def states(self) -> dict[str, CardState]:
        return self.study.states

    @property
    def store(self) -> ProgressStore:
        return self.study.store

    @property
    def session(self) -> Session | None:
        return self.study.session

    @property
    def current_card(self) -> Card | None:
        return self.study.current_card

    @property
    def answered(self) -> bool:
        return self.study.answered

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
        focus_row = QHBoxLayout()
        self.focus_box = QComboBox()
        self.focus_box.setAccessibleName("Study focus: every card, one channel or one region")
        self.focuses = study_focuses(self.catalog)
        for focus in self.focuses:
            self.focus_box.addItem(focus.label(self.catalog))
        self.focus_box.currentIndexChanged.connect(self._focus_changed)
        focus_label = QLabel("&Keep to:")
        focus_label.setTextFormat(Qt.TextFormat.PlainText)
        focus_label.setBuddy(self.focus_box)
        focus_row.addWidget(focus_label)
        focus_row.addWidget(self.focus_box, 1)
        layout.addLayout(focus_row)
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
            bind(str(n), functools.partial(self.answer_key, n))
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
            target = self.start_button if self.current_card is None else self.pages.current()
            target.setFocus()

    @property
    def diagram(self) -> BodyDiagram | None:
        """The body diagram, once a locate question has been shown."""
        return self.locate_board.diagram

    def set_dark(self, dark: bool) -> None:
        """Called by the main window on theme changes; the rest follows the palette."""
        self.locate_board.set_dark(dark)

    # -- keyboard actions ------------------------------

    def shortcut_help(self) -> list[tuple[str, str]]:
        return [
            ("Space", "Turn the flashcard over"),
            ("1, 2, 3, 4", "Choose that answer"),
            ("Enter", "Start the session, or the next card after an answer"),
            ("Arrows, Shift+arrows", "Move the cross on a locate question (Shift: faster)"),
        ]

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

    def _focus_changed(self, index: int) -> None:
        if 0 <= index < len(self.focuses):
            self.study.focus = self.focuses[index]
            self._show_start()

    def start_session(self, cards: Sequence[Card] | None = None) -> None:
        """Start a session of the due and new cards (or of the given cards, e.g. one deck to practise)."""
        card = self.study.start(cards)
        if card is None:
            self._show_start()
        else:
            self._show_card(card)

    def next_card(self) -> None:
        if self.session is None or not self.answered:
            return
        card = self.study.next()
        if card is None:
            self._show_start(finished=True)
        else:
            self._show_card(card)

    def _show_card(self, card: Card) -> None:
        self.locate_board.drop_cursor()
        self._set_arrows(card.qtype == QuestionType.LOCATE)
        self.status.setText(self.study.status_text())
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
            self.flashcard_panel.show_card(card, self.study.interval_hints(card))
            self.pages.setCurrentWidget(self.flashcard_panel)
            self.right.setCurrentWidget(self.progress)
        else:
            self.locate_panel.show_card(card)
            self.pages.setCurrentWidget(self.locate_panel)
            self.locate_board.show_question(card)
        self.pages.current().setFocus()

    def _set_arrows(self, enabled: bool) -> None:
        for shortcut in self._arrow_shortcuts:
            shortcut.setEnabled(enabled)

    def _show_start(self, finished: bool = False) -> None:
        text, can_start = self.study.start_summary(finished)
        self.study.stop(keep_result=finished)
        self.locate_board.drop_cursor()
        self._set_arrows(False)
        self.start_summary.setText(text)
        self.start_button.setEnabled(can_start)
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
        if self.study.can_answer(QuestionType.CHOICE):
            self._show_outcome(self.study.answer_choice(index))

    def _on_grade(self, grade: Grade) -> None:
        if self.study.can_answer(QuestionType.FLASHCARD):
            self._show_outcome(self.study.grade_flashcard(grade))

    def on_body_clicked(self, view: str, x_cun: float, y_cun: float) -> None:
        card = self.current_card
        if card is None or card.point is None or not self.study.can_answer(QuestionType.LOCATE):
            return
        outcome = self.study.answer_locate(view, x_cun, y_cun)
        self.locate_board.show_answer(card.point, (x_cun, y_cun))
        self.locate_panel.show_result(outcome.locate_text)
        self._show_outcome(outcome)

    def _on_give_up(self) -> None:
        card = self.current_card
        if card is None or card.point is None or not self.study.can_answer(QuestionType.LOCATE):
            return
        outcome = self.study.give_up()
        self.locate_board.show_answer(card.point, None)
        self.locate_panel.show_result(outcome.locate_text)
        self._show_outcome(outcome)

    def _show_outcome(self, outcome: Outcome) -> None:
        self._set_arrows(False)
        self.locate_board.drop_cursor()
        self.status.setText(self.study.status_text())
        self.explanation.setText(outcome.explanation)
        self.explanation_box.setVisible(bool(outcome.explanation))
        self.verdict.setText(outcome.verdict)
        self.verdict.setVisible(True)
        self.next_button.setEnabled(True)
        session = self.session
        self.next_button.setText("Next  (Enter)" if session and session.current else "Finish  (Enter)")
        self._show_notices()
        self.refresh_progress()

    def _show_notices(self) -> None:
        """The session's problems with its store, each once, the first on top."""
        self.notice.setText("\n".join(self.study.notices))
        self.notice.setVisible(bool(self.study.notices))

    def refresh_progress(self) -> None:
        progress = self.study.progress(self.progress.current_dimension())
        self.progress.show_counts(progress.due, progress.new_left, progress.answered_today, progress.total)
        self.progress.show_accuracy(progress.series, progress.names, CHART_DAYS)
        self.progress.show_decks(progress.decks)
        self._show_notices()
