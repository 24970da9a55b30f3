"""The SQLite progress store: round trips, restarts, transactions, damaged files, statistics."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from study_catalog import small_catalog

from app.domain.decks import QuestionType, build_decks
from app.domain.progress_store import ProgressStore, accuracy_over_time, local_day
from app.domain.schedule import CardState, Grade, review

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def cards():
    return build_decks(small_catalog())


def _answer(
    store: ProgressStore, card, grade: Grade, when: datetime, distance: float | None = None
) -> CardState:
    state = review(store.states().get(card.id, CardState(card.id)), grade, when)
    store.record(card, grade, state, distance)
    return state


def test_states_survive_closing_and_reopening(tmp_path: Path, cards) -> None:
    path = tmp_path / "data" / "study.sqlite3"
    store = ProgressStore.open(path)
    assert store.notice is None and store.states() == {}
    first = _answer(store, cards[0], Grade.GOOD, NOW)
    second = _answer(store, cards[1], Grade.AGAIN, NOW)
    store.close()

    again = ProgressStore.open(path)
    assert again.states() == {cards[0].id: first, cards[1].id: second}
    records = again.reviews()
    assert [(r.card_id, r.grade, r.correct) for r in records] == [
        (cards[0].id, Grade.GOOD, True),
        (cards[1].id, Grade.AGAIN, False),
    ]
    assert records[0].reviewed_at == NOW and records[0].patterns == tuple(sorted(cards[0].patterns))
    again.close()


def test_locate_distance_and_region_are_stored(tmp_path: Path, cards) -> None:
    store = ProgressStore.open(tmp_path / "s.sqlite3")
    locate = next(c for c in cards if c.qtype == QuestionType.LOCATE)
    _answer(store, locate, Grade.HARD, NOW, distance=0.8)
    (record,) = store.reviews()
    assert record.distance_cun == 0.8 and record.region == locate.region and record.question_type == "locate"


def test_a_failed_write_leaves_nothing_behind(tmp_path: Path, cards) -> None:
    store = ProgressStore.open(tmp_path / "s.sqlite3")
    bad = CardState(cards[0].id, last_review=NOW, due=NOW, ease=None)  # type: ignore[arg-type]
    with pytest.raises(sqlite3.IntegrityError):
        store.record(cards[0], Grade.GOOD, bad)  # ease NOT NULL fails after the review row was inserted
    assert store.reviews() == [] and store.states() == {}


def test_garbage_file_is_set_aside_and_a_fresh_store_started(tmp_path: Path, cards) -> None:
    path = tmp_path / "study.sqlite3"
    path.write_bytes(b"\x00garbage, not a database\xff" * 100)
    store = ProgressStore.open(path, now=NOW)
    aside = tmp_path / "study.sqlite3.corrupt-20260302T120000Z"
    assert aside.read_bytes().startswith(b"\x00garbage")
    assert store.notice and str(path) in store.notice and aside.name in store.notice
    assert store.states() == {}
    _answer(store, cards[0], Grade.GOOD, NOW)  # and it works
    store.close()
    assert ProgressStore.open(path).notice is None


def test_truncated_database_is_set_aside(tmp_path: Path, cards) -> None:
    path = tmp_path / "study.sqlite3"
    store = ProgressStore.open(path)
    for card in cards[:30]:
        _answer(store, card, Grade.GOOD, NOW)
    store.close()
    data = path.read_bytes()
    path.write_bytes(data[:100] + b"\xde\xad" * 300 + data[700:])  # scribble over the first pages
    damaged = ProgressStore.open(path, now=NOW)
    assert damaged.notice and "set aside" in damaged.notice
    assert damaged.states() == {}


def test_foreign_database_is_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "study.sqlite3"
    with sqlite3.connect(path) as other:
        other.execute("CREATE TABLE review (something TEXT)")
    store = ProgressStore.open(path, now=NOW)
    assert store.notice and "review" in store.notice
    assert list(tmp_path.glob("study.sqlite3.corrupt-*"))


def test_newer_schema_is_set_aside_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "study.sqlite3"
    ProgressStore.open(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    conn.close()
    store = ProgressStore.open(path, now=NOW)
    assert store.notice and "schema version" in store.notice


def test_a_backup_is_written_on_open(tmp_path: Path, cards) -> None:
    path = tmp_path / "study.sqlite3"
    store = ProgressStore.open(path)
    _answer(store, cards[0], Grade.GOOD, NOW)
    store.close()
    ProgressStore.open(path).close()
    backup = ProgressStore.open(tmp_path / "study.sqlite3.bak")
    assert set(backup.states()) == {cards[0].id}


def test_new_started_counts_first_reviews_per_day(tmp_path: Path, cards) -> None:
    store = ProgressStore.open(tmp_path / "s.sqlite3")
    _answer(store, cards[0], Grade.GOOD, NOW - timedelta(days=1))
    _answer(store, cards[0], Grade.GOOD, NOW)  # a review, not new
    _answer(store, cards[1], Grade.GOOD, NOW)
    _answer(store, cards[2], Grade.AGAIN, NOW)
    _answer(store, cards[2], Grade.GOOD, NOW + timedelta(minutes=10))
    assert store.new_started_on(local_day(NOW)) == 2


def test_accuracy_by_pattern_region_and_type_over_time(tmp_path: Path, cards) -> None:
    store = ProgressStore.open(tmp_path / "s.sqlite3")
    locate = next(c for c in cards if c.qtype == QuestionType.LOCATE and c.point == "BL23")
    _answer(store, locate, Grade.GOOD, NOW - timedelta(days=1), 0.2)
    _answer(store, locate, Grade.AGAIN, NOW, 2.0)
    _answer(store, locate, Grade.HARD, NOW, 0.9)
    by_type = accuracy_over_time(store.reviews(), "question_type", local_day(NOW), days=3)
    days = by_type["locate"]
    assert [(d.answered, d.correct) for d in days] == [(0, 0), (1, 1), (2, 1)]
    assert days[-1].accuracy == 0.5 and days[0].accuracy is None
    by_region = accuracy_over_time(store.reviews(), "region", local_day(NOW), days=3)
    assert set(by_region) == {"lower_back"}
    by_pattern = accuracy_over_time(store.reviews(), "pattern", local_day(NOW), days=3)
    assert set(by_pattern) == set(locate.patterns) == {"stagnation", "deficiency"}
    # a window that ends before the answers shows nothing
    assert accuracy_over_time(store.reviews(), "pattern", local_day(NOW) - timedelta(days=5), days=3) == {}
    with pytest.raises(ValueError, match="unknown dimension"):
        accuracy_over_time(store.reviews(), "colour", local_day(NOW))


def test_a_locked_file_is_left_alone_and_study_goes_on_in_memory(tmp_path: Path, cards, monkeypatch) -> None:
    """Another Yaotong holding a write lock is no damage: the file must not be set aside."""
    import app.domain.progress_store as progress_store

    monkeypatch.setattr(progress_store, "BUSY_TIMEOUT_S", 0.05)
    path = tmp_path / "study.sqlite3"
    store = ProgressStore.open(path)
    _answer(store, cards[0], Grade.GOOD, NOW)
    store.close()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        locked = ProgressStore.open(path, now=NOW)
        assert locked.path is None and locked.notice and "left as it is" in locked.notice
        assert "not be saved" in locked.notice
        _answer(locked, cards[1], Grade.GOOD, NOW)  # study goes on, in memory
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert not list(tmp_path.glob("study.sqlite3.corrupt-*"))
    again = ProgressStore.open(path)
    assert again.notice is None and set(again.states()) == {cards[0].id}


def test_a_folder_in_place_of_the_file_is_not_moved(tmp_path: Path) -> None:
    path = tmp_path / "study.sqlite3"
    path.mkdir()
    store = ProgressStore.open(path, now=NOW)
    assert store.path is None and store.notice and str(path) in store.notice
    assert path.is_dir() and not list(tmp_path.glob("study.sqlite3.corrupt-*"))
    assert store.states() == {}


def test_a_damaged_file_that_cannot_be_moved_is_no_crash(tmp_path: Path, cards, monkeypatch) -> None:
    import app.domain.progress_store as progress_store

    path = tmp_path / "study.sqlite3"
    path.write_bytes(b"not a database" * 100)

    def refuse(*_args) -> None:
        raise PermissionError("read-only folder")

    monkeypatch.setattr(progress_store.os, "replace", refuse)
    store = ProgressStore.open(path, now=NOW)
    assert store.path is None and store.notice
    assert "could not be set aside (read-only folder)" in store.notice
    _answer(store, cards[0], Grade.GOOD, NOW)
    assert path.read_bytes().startswith(b"not a database")  # untouched
