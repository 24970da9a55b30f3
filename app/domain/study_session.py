"""Study without a screen: cards, their schedule, the answer -> review -> store -> next card pipeline.

Pure Python. A :class:`StudySession` holds the generated cards, every card's
schedule state (loaded from the progress store), the running session and the
card on screen. The Study workspace shows what it says and passes it the
student's answers; the session grades them, reschedules the card, records the
review and says what to show next. A store that cannot be read or written never
stops a session: the problem is kept in ``notices`` for the screen to show.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from .decks import Card, Deck, Focus, QuestionType, build_decks
from .locate import Verdict, score_locate
from .models import Catalog
from .progress_store import (
    DayAccuracy,
    ProgressStore,
    ReviewRecord,
    accuracy_over_time,
    describe_error,
    local_day,
)
from .schedule import (
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
from .vocabulary import ProgressDimension

CHART_DAYS = 14


def when(delta: timedelta) -> str:
    """ "in 10 min", "in 3 days"."""
    minutes = round(delta.total_seconds() / 60)
    if minutes < 60 * 24:
        return f"in {minutes} min"
    days = round(minutes / (60 * 24))
    return f"in {days} day" + ("s" if days != 1 else "")


@dataclass(frozen=True, slots=True)
class Outcome:
    """What an answer did: its grade, the verdict line, the answer to show, the next review."""

    grade: Grade
    verdict: str  # "✓ Right." ... with "Next review in 1 day." appended
    explanation: str  # the full answer ("" when the card already shows it)
    distance_cun: float | None = None  # a locate answer's distance from the point
    locate_text: str = ""  # a locate answer's description (level, offsets, distance)


@dataclass(frozen=True, slots=True)
class Progress:
    """The numbers and series the progress view shows."""

    due: int
    new_left: int
    answered_today: int
    total: int
    series: dict[str, list[DayAccuracy]]
    names: dict[str, str]
    decks: list[tuple[str, int, int, int]]  # deck label, cards, seen, due


@dataclass(frozen=True, slots=True)
class UnsavedAnswer:
    """An answer the store could not take yet (a full disk, a busy file): saved with the next one."""

    card: Card
    grade: Grade
    when: datetime
    distance_cun: float | None


class StudySession:
    def __init__(
        self,
        catalog: Catalog,
        store: ProgressStore,
        clock: Callable[[], datetime],
        *,
        seed: int = 0,
        new_per_day: int = NEW_PER_DAY,
        session_limit: int = SESSION_LIMIT,
        locate_available: bool = True,
    ) -> None:
        self.catalog = catalog
        self.store = store
        self.clock = clock
        self.new_per_day = new_per_day
        self.session_limit = session_limit
        self.locate_available = locate_available
        self.cards: tuple[Card, ...] = build_decks(catalog, seed)
        self.notices: list[str] = [store.notice] if store.notice else []
        try:
            self.states: dict[str, CardState] = store.states()
        except sqlite3.Error as exc:
            self.states = {}
            self._notice(f"Study progress could not be read from {store.path} ({describe_error(exc)}).")
        self.session: Session | None = None
        self.focus = Focus()  # what a session keeps to (a channel, a region, or every card)
        self.current_card: Card | None = None
        self.answered = False
        self.unsaved_answers: list[UnsavedAnswer] = []
        self._unsaved_notice: str | None = None

    def _notice(self, text: str) -> None:
        if text not in self.notices:
            self.notices.append(text)

    # -- the flow -----------------------------------------------------------------------------------------

    def start(self, cards: Sequence[Card] | None = None) -> Card | None:
        """Start a session of the due and new cards (or of the given cards); its first card, or None."""
        if not cards:
            now = self.clock()
            pool = [
                c
                for c in self.cards
                if (self.locate_available or c.qtype != QuestionType.LOCATE)
                and self.focus.keeps(self.catalog, c)
            ]
            cards = pick_session(
                pool,
                self.states,
                now,
                new_today=self.new_started_today(now),
                new_per_day=self.new_per_day,
                limit=self.session_limit,
            )
        if not cards:
            self.stop()
            return None
        self.session = Session(cards)
        return self._show(self.session.current)

    def next(self) -> Card | None:
        """After an answer: the next card, or None when the session is over."""
        if self.session is None or not self.answered:
            return self.current_card
        return self._show(self.session.current)

    def stop(self, keep_result: bool = False) -> None:
        """Back to the start page (``keep_result``: the finished session's score stays readable)."""
        if not keep_result:
            self.session = None
        self.current_card = None
        self.answered = False

    def _show(self, card: Card | None) -> Card | None:
        self.current_card = card
        self.answered = False
        return card

    # -- answers ------------------------------------------------------------------------------------------

    def answer_choice(self, index: int) -> Outcome:
        card = self._open_card(QuestionType.CHOICE)
        right = index == card.correct_index
        verdict = (
            "✓ Right."
            if right
            else f"✗ Not quite: the answer is {card.correct_index + 1}, {card.correct_choice}."
        )
        return self._finish(grade_for_choice(right), card.answer, verdict=verdict)

    def grade_flashcard(self, grade: Grade) -> Outcome:
        self._open_card(QuestionType.FLASHCARD)
        return self._finish(grade, "", verdict=f"Graded {grade.label}.")  # the answer is on the card already

    def answer_locate(self, view: str, x_cun: float, y_cun: float) -> Outcome:
        card = self._open_card(QuestionType.LOCATE)
        point = self.catalog.points[card.point or ""]
        result = score_locate(point, view, x_cun, y_cun)
        distance = None if result.target is None else result.distance_cun
        mark = "✓" if result.verdict != Verdict.MISS else "✗"
        return self._finish(
            grade_for_locate(result.verdict),
            f"{point.code}: {point.location}",
            distance,
            f"{mark} {result.verdict.label}.",
            result.describe(),
        )

    def give_up(self) -> Outcome:
        """A locate question shown without a guess: a miss."""
        card = self._open_card(QuestionType.LOCATE)
        point = self.catalog.points[card.point or ""]
        return self._finish(
            Grade.AGAIN,
            f"{point.code}: {point.location}",
            verdict="✗ Shown without a guess.",
            locate_text="Shown without a guess: counts as a miss.",
        )

    def can_answer(self, qtype: QuestionType | None = None) -> bool:
        card = self.current_card
        return card is not None and not self.answered and (qtype is None or card.qtype == qtype)

    def _open_card(self, qtype: QuestionType) -> Card:
        card = self.current_card
        if card is None or self.answered or card.qtype != qtype or self.session is None:
            raise RuntimeError(f"no unanswered {qtype.value} card on screen")
        return card

    def _finish(
        self,
        grade: Grade,
        explanation: str,
        distance: float | None = None,
        verdict: str = "",
        locate_text: str = "",
    ) -> Outcome:
        card = self.current_card
        assert card is not None and self.session is not None
        self.answered = True
        now = self.clock()
        self.unsaved_answers.append(UnsavedAnswer(card, grade, now, distance))
        state = self._save_answers() or review(self.states.get(card.id, CardState(card.id)), grade, now)
        self.states[card.id] = state
        self.session.record(grade)
        due = state.due or now
        line = f"{verdict} Next review {when(due - now)}.".strip()
        return Outcome(grade, line, explanation, distance, locate_text)

    def _save_answers(self) -> CardState | None:
        """Store the answers not saved yet, oldest first, each scheduled from the state in the
        file; the last one's new state, or None when the store refused (they are kept for the
        next answer)."""
        state = None
        while self.unsaved_answers:
            a = self.unsaved_answers[0]
            try:
                state = self.store.answer(a.card, a.grade, a.when, a.distance_cun)
            except sqlite3.Error as exc:
                count = len(self.unsaved_answers)
                waiting = "It is" if count == 1 else f"{count} answers are"
                self._replace_unsaved_notice(
                    f"This answer could not be saved to {self.store.path} ({describe_error(exc)}). "
                    f"{waiting} kept and saved with your next answer (lost only if Yaotong is closed "
                    "first)."
                )
                return None
            self.states[a.card.id] = state
            self.unsaved_answers.pop(0)
            if not self.unsaved_answers and self._unsaved_notice is not None:
                self._replace_unsaved_notice("The answers kept earlier are saved now.")
        return state

    def _replace_unsaved_notice(self, text: str) -> None:
        if self._unsaved_notice in self.notices:
            self.notices.remove(self._unsaved_notice)
        self._unsaved_notice = text
        self._notice(text)

    # -- what the screen shows ----------------------------------------------------------------------------

    def status_text(self) -> str:
        assert self.session is not None
        done = self.session.answered
        number = done if self.answered else done + 1
        return (
            f"Card {number} · {self.session.remaining} more in this session · "
            f"{self.session.correct} of {done} right so far"
        )

    def interval_hints(self, card: Card) -> dict[Grade, str]:
        """For each self-grade, when the card would come back."""
        now = self.clock()
        state = self.states.get(card.id, CardState(card.id))
        hints = {}
        for g in Grade:
            due = review(state, g, now).due or now
            hints[g] = when(due - now)
        return hints

    def new_started_today(self, now: datetime) -> int:
        try:
            return self.store.new_started_on(local_day(now))
        except sqlite3.Error as exc:
            self._notice(f"Study progress could not be read from {self.store.path} ({describe_error(exc)}).")
            return 0

    def due_counts(self, now: datetime) -> tuple[int, int]:
        """Cards due now, and new cards left for today (of the session's focus)."""
        cards = [c for c in self.cards if self.focus.keeps(self.catalog, c)]
        ids = {c.id for c in cards}
        due = sum(1 for cid, s in self.states.items() if cid in ids and s.is_due(now))
        new_cards = sum(1 for c in cards if c.id not in self.states)
        left_today = max(0, self.new_per_day - self.new_started_today(now))
        return due, min(new_cards, left_today)

    def next_due_text(self, now: datetime) -> str:
        ids = {c.id for c in self.cards}
        upcoming = [
            s.due for cid, s in self.states.items() if cid in ids and s.due is not None and s.due > now
        ]
        if not upcoming:
            return "Nothing is due: come back tomorrow for new cards."
        return f"Nothing is due now: the next card is due {when(min(upcoming) - now)}."

    def start_summary(self, finished: bool) -> tuple[str, bool]:
        """The start page's text, and whether a session can start."""
        now = self.clock()
        result = ""
        if finished and self.session:
            result = (
                f"Session complete: {self.session.correct} of {self.session.answered} answers right "
                f"(hard or better counts as right).\n\n"
            )
        due, new_left = self.due_counts(now)
        text = (
            f"{result}{due} cards due now and {new_left} new cards left for today. "
            f"A session takes up to {self.session_limit} cards: the due ones first, then new ones "
            f"mixed across every deck and question type"
            + ("." if self.focus == Focus() else f", keeping to {self.focus.phrase(self.catalog)}.")
            + ("" if due or new_left else f"\n\n{self.next_due_text(now)}")
        )
        return text, bool(due or new_left)

    def progress(self, dimension: ProgressDimension) -> Progress:
        now = self.clock()
        today = local_day(now)
        since = datetime.combine(today - timedelta(days=CHART_DAYS), time(), tzinfo=now.astimezone().tzinfo)
        records: list[ReviewRecord]
        try:
            records = self.store.reviews(since=since)
        except sqlite3.Error as exc:
            self._notice(f"Study progress could not be read from {self.store.path} ({describe_error(exc)}).")
            records = []
        due, new_left = self.due_counts(now)
        answered_today = sum(1 for r in records if local_day(r.reviewed_at) == today)
        names = {
            ProgressDimension.PATTERN: {pid: p.name for pid, p in self.catalog.patterns.items()},
            ProgressDimension.REGION: {rid: r.name for rid, r in self.catalog.regions.items()},
            ProgressDimension.QUESTION_TYPE: {q.value: q.label for q in QuestionType},
        }[dimension]
        series = accuracy_over_time(records, dimension, today, CHART_DAYS)
        decks: dict[Deck, list[int]] = {deck: [0, 0, 0] for deck in Deck}
        for card in self.cards:
            tally = decks[card.deck]
            state = self.states.get(card.id)
            tally[0] += 1
            tally[1] += state is not None
            tally[2] += state is not None and state.is_due(now)
        rows = [(deck.label, t[0], t[1], t[2]) for deck, t in decks.items() if t[0]]
        return Progress(due, new_left, answered_today, len(self.cards), series, names, rows)
