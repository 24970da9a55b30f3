"""The SM-2 style schedule: intervals, ease, lapses, and how a session is picked."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st
from study_catalog import small_catalog

from app.domain.decks import build_decks
from app.domain.locate import Verdict
from app.domain.schedule import (
    MIN_EASE,
    RELEARN_DELAY,
    START_EASE,
    CardState,
    Grade,
    Session,
    grade_for_choice,
    grade_for_locate,
    pick_session,
    review,
)

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _run(grades: list[Grade]) -> list[CardState]:
    state, now, history = CardState("c"), NOW, []
    for grade in grades:
        state = review(state, grade, now)
        history.append(state)
        now = state.due  # answer exactly when due
    return history


def test_good_runs_1_6_then_times_ease() -> None:
    intervals = [s.interval_days for s in _run([Grade.GOOD] * 4)]
    assert intervals == [1, 6, 15, 38]  # 6 x 2.5 = 15, 15 x 2.5 = 37.5 -> 38
    assert all(s.ease == START_EASE for s in _run([Grade.GOOD] * 4))


def test_easy_starts_at_4_days_and_raises_ease() -> None:
    first, second = _run([Grade.EASY, Grade.EASY])
    assert first.interval_days == 4 and first.ease == START_EASE + 0.15
    assert second.interval_days == round(6 * 1.3)


def test_hard_grows_slowly_and_lowers_ease() -> None:
    states = _run([Grade.GOOD, Grade.GOOD, Grade.HARD])
    assert states[2].interval_days == round(6 * 1.2)
    assert states[2].ease == START_EASE - 0.15
    # hard never shrinks an interval and always adds a day
    assert _run([Grade.HARD, Grade.HARD])[1].interval_days == 2


def test_again_relearns_in_ten_minutes_and_counts_a_lapse() -> None:
    states = _run([Grade.GOOD, Grade.GOOD, Grade.AGAIN])
    lapsed = states[-1]
    assert lapsed.reps == 0 and lapsed.interval_days == 0 and lapsed.lapses == 1
    assert lapsed.due == lapsed.last_review + RELEARN_DELAY
    assert lapsed.ease == START_EASE - 0.2
    # a new card answered wrongly is not a lapse (it was never learned)
    assert _run([Grade.AGAIN])[0].lapses == 0
    # after a lapse the ladder restarts at 1 day
    assert _run([Grade.GOOD, Grade.GOOD, Grade.AGAIN, Grade.GOOD])[-1].interval_days == 1


def test_ease_has_a_floor() -> None:
    assert _run([Grade.AGAIN] * 20)[-1].ease == MIN_EASE


def test_interval_is_capped_at_a_year() -> None:
    assert _run([Grade.EASY] * 12)[-1].interval_days == 365


def test_grades_for_automatically_scored_questions() -> None:
    assert grade_for_choice(True) == Grade.GOOD and grade_for_choice(False) == Grade.AGAIN
    assert grade_for_locate(Verdict.CORRECT) == Grade.GOOD
    assert grade_for_locate(Verdict.CLOSE) == Grade.HARD
    assert grade_for_locate(Verdict.MISS) == Grade.AGAIN


def test_session_takes_due_cards_first_then_new_up_to_the_daily_limit() -> None:
    cards = build_decks(small_catalog())
    a, b, c = cards[0], cards[1], cards[2]
    states = {
        a.id: review(CardState(a.id), Grade.GOOD, NOW - timedelta(days=3)),  # due 2 days ago
        b.id: review(CardState(b.id), Grade.GOOD, NOW - timedelta(hours=1)),  # due tomorrow: not due
        c.id: review(CardState(c.id), Grade.GOOD, NOW - timedelta(days=2)),  # due 1 day ago
    }
    session = pick_session(cards, states, NOW, new_today=3, new_per_day=5, limit=20)
    assert [s.id for s in session[:2]] == [a.id, c.id]  # earliest due first
    new = session[2:]
    assert len(new) == 2  # 5 per day, 3 already started today
    assert not {s.id for s in new} & set(states)


def test_new_cards_are_mixed_across_decks() -> None:
    cards = build_decks(small_catalog())
    session = pick_session(cards, {}, NOW, new_per_day=7, limit=20)
    assert len({c.deck for c in session}) == 7
    assert len({c.qtype for c in session}) == 3


def test_session_limit_caps_due_cards() -> None:
    cards = build_decks(small_catalog())
    states = {c.id: review(CardState(c.id), Grade.GOOD, NOW - timedelta(days=5)) for c in cards}
    session = pick_session(cards, states, NOW, limit=10)
    assert len(session) == 10


def test_again_cards_come_back_at_the_end_of_the_session() -> None:
    cards = build_decks(small_catalog())[:3]
    session = Session(cards)
    session.record(Grade.AGAIN)
    assert session.remaining == 3 and session.current == cards[1]
    session.record(Grade.GOOD)
    session.record(Grade.GOOD)
    assert session.current == cards[0]
    session.record(Grade.AGAIN)
    session.record(Grade.AGAIN)  # comes back at most twice
    assert session.current is None
    assert session.answered == 5 and session.correct == 2


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(list(Grade)), min_size=1, max_size=40), st.integers(0, 3000))
def test_any_answer_sequence_keeps_the_schedule_sane(grades: list[Grade], minutes_late: int) -> None:
    state, now = CardState("c"), NOW
    for grade in grades:
        before = state
        state = review(state, grade, now)
        assert MIN_EASE <= state.ease <= START_EASE + 0.15 * len(grades)
        assert 0 <= state.interval_days <= 365
        assert state.due > now and state.last_review == now
        if grade == Grade.AGAIN:
            assert state.reps == 0
        else:
            assert state.reps == before.reps + 1
            assert state.interval_days >= min(365, before.interval_days + 1)
            assert state.due == now + timedelta(days=state.interval_days)
        now = state.due + timedelta(minutes=minutes_late)
