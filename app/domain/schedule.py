"""Spaced repetition: an SM-2 style schedule per card, and picking a session.

The rule (SuperMemo SM-2 as popularised by Anki, simplified to whole days):

* Four grades: again (1), hard (2), good (3), easy (4). Flashcards are graded
  by the student; a multiple-choice answer is good when right and again when
  wrong; a locate answer is good when correct, hard when close, again on a miss.
* Every card has an ease factor, starting at 2.5 and never below 1.3:
  again -0.20, hard -0.15, good unchanged, easy +0.15.
* **again**: the run of successful reviews restarts; the card is due again in
  10 minutes (it comes back later in the same session) and counts a lapse.
* First success: hard and good 1 day, easy 4 days.
  Later: hard = previous interval x 1.2; good = 6 days on the second success
  (SM-2's I(2) = 6), then previous x ease; easy = good x 1.3. Each success adds
  at least one day to the previous interval; no interval exceeds 365 days.
* A session takes the cards that are due (earliest first), then new cards up to
  the daily limit, mixed across decks so one session meets every question type.

Times are timezone-aware UTC datetimes. Pure Python: no Qt here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import IntEnum

from .decks import Card
from .locate import Verdict

START_EASE = 2.5
MIN_EASE = 1.3
RELEARN_DELAY = timedelta(minutes=10)
MAX_INTERVAL_DAYS = 365
NEW_PER_DAY = 20
SESSION_LIMIT = 20
REPEATS_IN_SESSION = 2  # how often an "again" card comes back within one session


class Grade(IntEnum):
    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4

    @property
    def label(self) -> str:
        return self.name.capitalize()


_EASE_CHANGE = {Grade.AGAIN: -0.20, Grade.HARD: -0.15, Grade.GOOD: 0.0, Grade.EASY: 0.15}
_FIRST_INTERVAL = {Grade.HARD: 1, Grade.GOOD: 1, Grade.EASY: 4}
_SECOND_GOOD = 6


@dataclass(frozen=True, slots=True)
class CardState:
    card_id: str
    reps: int = 0  # successful reviews in a row
    lapses: int = 0  # times a learned card was forgotten
    interval_days: int = 0
    ease: float = START_EASE
    due: datetime | None = None  # None: a new card, never reviewed
    last_review: datetime | None = None

    @property
    def is_new(self) -> bool:
        return self.last_review is None

    def is_due(self, now: datetime) -> bool:
        return self.due is not None and self.due <= now


def next_interval(state: CardState, grade: Grade) -> int:
    """Days until the next review after a successful grade (hard, good or easy)."""
    if state.reps == 0:
        return _FIRST_INTERVAL[grade]
    previous = state.interval_days
    good = _SECOND_GOOD if state.reps == 1 else previous * state.ease
    days = {Grade.HARD: previous * 1.2, Grade.GOOD: good, Grade.EASY: good * 1.3}[grade]
    return min(MAX_INTERVAL_DAYS, max(previous + 1, round(days)))


def review(state: CardState, grade: Grade, now: datetime) -> CardState:
    """The card's state after one answer at ``now``."""
    ease = max(MIN_EASE, state.ease + _EASE_CHANGE[grade])
    if grade == Grade.AGAIN:
        return replace(
            state,
            reps=0,
            lapses=state.lapses + (0 if state.is_new else 1),
            interval_days=0,
            ease=ease,
            due=now + RELEARN_DELAY,
            last_review=now,
        )
    days = next_interval(state, grade)
    return replace(
        state,
        reps=state.reps + 1,
        interval_days=days,
        ease=ease,
        due=now + timedelta(days=days),
        last_review=now,
    )


def grade_for_choice(correct: bool) -> Grade:
    return Grade.GOOD if correct else Grade.AGAIN


def grade_for_locate(verdict: Verdict) -> Grade:
    return {Verdict.CORRECT: Grade.GOOD, Verdict.CLOSE: Grade.HARD, Verdict.MISS: Grade.AGAIN}[verdict]


def _mixed(cards: Sequence[Card]) -> list[Card]:
    """Round-robin across decks, keeping each deck's own order."""
    queues: dict[str, list[Card]] = {}
    for card in cards:
        queues.setdefault(card.deck, []).append(card)
    mixed: list[Card] = []
    while queues:
        for deck in list(queues):
            mixed.append(queues[deck].pop(0))
            if not queues[deck]:
                del queues[deck]
    return mixed


def pick_session(
    cards: Sequence[Card],
    states: Mapping[str, CardState],
    now: datetime,
    new_today: int = 0,
    new_per_day: int = NEW_PER_DAY,
    limit: int = SESSION_LIMIT,
) -> list[Card]:
    """The cards for one session: due cards first (earliest due first), then new ones.

    ``new_today`` is how many new cards were already started today; cards whose
    id is not in ``states`` are new. States of cards no longer in the catalog are ignored.
    """
    due = sorted(
        (c for c in cards if c.id in states and states[c.id].is_due(now)),
        key=lambda c: states[c.id].due,  # type: ignore[arg-type, return-value]
    )
    new_allowed = max(0, min(new_per_day - new_today, limit - len(due)))
    new = _mixed([c for c in cards if c.id not in states or states[c.id].is_new])[:new_allowed]
    return due[:limit] + new


class Session:
    """The queue of one study session; "again" cards come back at its end."""

    def __init__(self, cards: Iterable[Card]) -> None:
        self._queue: list[Card] = list(cards)
        self._repeats: dict[str, int] = {}
        self.answered = 0
        self.correct = 0

    @property
    def current(self) -> Card | None:
        return self._queue[0] if self._queue else None

    @property
    def remaining(self) -> int:
        return len(self._queue)

    def record(self, grade: Grade) -> None:
        """Count the answer to the current card and move on."""
        card = self._queue.pop(0)
        self.answered += 1
        self.correct += grade >= Grade.HARD
        if grade == Grade.AGAIN and self._repeats.get(card.id, 0) < REPEATS_IN_SESSION:
            self._repeats[card.id] = self._repeats.get(card.id, 0) + 1
            self._queue.append(card)
