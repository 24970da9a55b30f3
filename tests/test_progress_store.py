"""The SQLite progress store: round trips, restarts, transactions, damaged files, statistics."""

from __future__ import annotations

import os
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


# -- issue 15: the backup never destroys the only intact copy (item 1) ------------------------------------


def _with_answers(path: Path, cards, n: int) -> None:
    store = ProgressStore.open(path)
    for card in cards[:n]:
        _answer(store, card, Grade.GOOD, NOW)
    store.close()


def _backup_ids(path: Path) -> set[str]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        ids = {row[0] for row in conn.execute("SELECT card_id FROM card_state")}
    conn.close()
    return ids


@pytest.mark.parametrize("damage", ["deleted", "emptied", "garbage"])
def test_a_lost_main_file_is_restored_from_its_backup_and_the_backup_kept(
    tmp_path: Path, cards, damage: str
) -> None:
    path = tmp_path / "study.sqlite3"
    _with_answers(path, cards, 3)
    ProgressStore.open(path).close()  # the backup now holds the three answers
    backup = tmp_path / "study.sqlite3.bak"
    assert _backup_ids(backup) == {c.id for c in cards[:3]}
    if damage == "deleted":
        path.unlink()
    elif damage == "emptied":
        path.write_bytes(b"")
    else:
        path.write_bytes(b"\x00not a database" * 200)
    store = ProgressStore.open(path, now=NOW)
    assert set(store.states()) == {c.id for c in cards[:3]}  # nothing lost
    assert store.notice and "backup" in store.notice
    store.close()
    assert _backup_ids(backup) == {c.id for c in cards[:3]}  # the backup is intact
    if damage == "garbage":
        assert list(tmp_path.glob("study.sqlite3.corrupt-*"))  # the damaged file is kept too


def test_an_emptier_store_never_replaces_a_fuller_backup(tmp_path: Path, cards) -> None:
    path = tmp_path / "study.sqlite3"
    _with_answers(path, cards, 2)
    ProgressStore.open(path).close()
    backup = tmp_path / "study.sqlite3.bak"
    older = tmp_path / "older.sqlite3"
    _with_answers(older, cards, 1)
    os.replace(older, path)  # e.g. an older copy put back by a sync tool
    store = ProgressStore.open(path, now=NOW)
    assert store.notice and "backup" in store.notice
    store.close()
    assert _backup_ids(backup) == {c.id for c in cards[:2]}


def test_backups_rotate(tmp_path: Path, cards) -> None:
    path = tmp_path / "study.sqlite3"
    _with_answers(path, cards, 1)
    ProgressStore.open(path).close()
    store = ProgressStore.open(path)
    _answer(store, cards[1], Grade.GOOD, NOW)
    store.close()
    ProgressStore.open(path).close()
    assert _backup_ids(tmp_path / "study.sqlite3.bak") == {cards[0].id, cards[1].id}
    assert _backup_ids(tmp_path / "study.sqlite3.bak.1") == {cards[0].id}
    before = (tmp_path / "study.sqlite3.bak.1").read_bytes()
    ProgressStore.open(path).close()  # nothing new: neither backup is rewritten
    assert (tmp_path / "study.sqlite3.bak.1").read_bytes() == before


# -- issue 15: wrong-typed values are damage, named, and hold no lock (item 8) ----------------------------

WRONG_VALUES = [
    ("UPDATE card_state SET reps = 'many'", "card_state", "reps"),
    ("UPDATE card_state SET ease = 'x'", "card_state", "ease"),
    ("UPDATE card_state SET due = 'next tuesday'", "card_state", "due"),
    ("UPDATE card_state SET last_review = '2026-03-02T12:00:00'", "card_state", "last_review"),
    ("UPDATE card_state SET interval_days = -4", "card_state", "interval_days"),
    ("UPDATE review SET grade = 9", "review", "grade"),
    ("UPDATE review SET correct = 'yes'", "review", "correct"),
    ("UPDATE review SET reviewed_at = 12", "review", "reviewed_at"),
    ("UPDATE review SET distance_cun = 'far'", "review", "distance_cun"),
    ("UPDATE review_pattern SET pattern_id = x'00ff'", "review_pattern", "pattern_id"),
]


@pytest.mark.parametrize(("sql", "table", "column"), WRONG_VALUES)
def test_wrong_typed_values_are_named_and_set_aside(
    tmp_path: Path, cards, sql: str, table: str, column: str
) -> None:
    from study_catalog import small_catalog

    from app.domain.study_session import StudySession

    path = tmp_path / "study.sqlite3"
    _with_answers(path, cards, 1)
    with sqlite3.connect(path) as conn:
        conn.execute(sql)
    conn.close()
    store = ProgressStore.open(path, now=NOW)
    assert store.notice and f"{table}.{column}" in store.notice and "set aside" in store.notice
    session = StudySession(small_catalog(), store, lambda: NOW)  # the Study tab opens
    assert session.notices
    # no connection is left holding a lock on the file that was set aside, nor on the new one
    aside = next(tmp_path.glob("study.sqlite3.corrupt-*"))
    for file in (aside, path):
        other = sqlite3.connect(file, isolation_level=None, timeout=0)
        other.execute("BEGIN EXCLUSIVE")
        other.execute("ROLLBACK")
        other.close()
    store.close()


# -- issue 15: a full disk says so (item 12) ----------------------------------------------------------------


def _fill(store: ProgressStore) -> None:
    """The database may not grow by another page: SQLite answers SQLITE_FULL, as on a full disk."""
    (pages,) = store._conn.execute("PRAGMA page_count").fetchone()
    store._conn.execute(f"PRAGMA max_page_count = {pages}")


def _answer_current(session) -> str:
    card = session.current_card
    if card.qtype == QuestionType.FLASHCARD:
        session.grade_flashcard(Grade.GOOD)
    elif card.qtype == QuestionType.CHOICE:
        session.answer_choice(0)
    else:
        session.give_up()
    session.next()
    return card.id


def test_a_full_disk_is_reported_as_a_full_disk(tmp_path: Path, cards) -> None:
    from study_catalog import small_catalog

    from app.domain.study_session import StudySession

    store = ProgressStore.open(tmp_path / "study.sqlite3")
    session = StudySession(small_catalog(), store, lambda: NOW)
    session.start()
    _fill(store)
    with pytest.raises(sqlite3.OperationalError, match="full"):
        for card in cards:  # the last page may have some room left
            _answer(store, card, Grade.GOOD, NOW)
    for _ in range(3):
        _answer_current(session)
    text = " ".join(session.notices)
    assert "disk is full" in text and "rollback" not in text


def test_unsaved_answers_are_kept_and_saved_once_there_is_room(tmp_path: Path) -> None:
    from study_catalog import small_catalog

    from app.domain.study_session import StudySession

    store = ProgressStore.open(tmp_path / "study.sqlite3")
    session = StudySession(small_catalog(), store, lambda: NOW, new_per_day=60, session_limit=60)
    session.start()
    (pages,) = store._conn.execute("PRAGMA page_count").fetchone()
    store._conn.execute(f"PRAGMA max_page_count = {pages}")
    answered = [_answer_current(session) for _ in range(70)]  # more than the last pages hold
    assert session.unsaved_answers
    assert sum("could not be saved" in n for n in session.notices) == 1
    store._conn.execute("PRAGMA max_page_count = 1073741823")  # room again
    answered.append(_answer_current(session))
    assert not session.unsaved_answers
    assert not any("could not be saved" in n for n in session.notices)
    assert [r.card_id for r in store.reviews()] == answered
    assert store.states() == {cid: s for cid, s in session.states.items()}


# -- issue 15: two stores on one file schedule from the database (item 14) ---------------------------------


def test_two_stores_on_one_file_schedule_from_the_database(tmp_path: Path, cards) -> None:
    path = tmp_path / "study.sqlite3"
    first, second = ProgressStore.open(path), ProgressStore.open(path)
    card = cards[0]
    assert second.states() == {}  # the second one read its states before the first answered
    one = first.answer(card, Grade.GOOD, NOW)
    two = second.answer(card, Grade.GOOD, NOW + timedelta(days=1))
    assert (one.reps, two.reps) == (1, 2)  # not last-writer-wins
    assert two.interval_days == 6
    assert ProgressStore.open(path).states()[card.id] == two
    assert len(first.reviews()) == 2
