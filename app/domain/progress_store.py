"""Study progress in SQLite (the standard library's ``sqlite3``).

The file lives in the user's data directory; the UI passes its path in
(``QStandardPaths.AppDataLocation`` + ``study.sqlite3``) so this module stays
Qt-free and tests use ``tmp_path``.

Schema (version 1, kept in ``meta.schema_version``)::

    meta(key TEXT PRIMARY KEY, value TEXT)
    card_state(card_id TEXT PRIMARY KEY, reps, lapses, interval_days, ease, due, last_review)
    review(id INTEGER PRIMARY KEY, card_id, reviewed_at, deck, question_type, grade, correct,
           distance_cun, region)
    review_pattern(review_id -> review.id, pattern_id)   -- accuracy by pattern

Times are ISO 8601 UTC strings. Every answer is written in one transaction (the
review row, its patterns and the card's new state together, or nothing).

A file that is not a usable database (garbage bytes, a failed integrity check,
tables of the wrong shape, a value of the wrong type, a newer schema) is renamed to
``<name>.corrupt-<UTC timestamp>``; ``notice`` then says so in plain words for the
UI to show. A file that is only locked, read-only or unreachable is left alone
(study goes on in memory, with a notice), and a damaged file that cannot be moved
aside is no crash either.

Backups: ``<name>.bak`` (the latest) and ``<name>.bak.1`` (the one before). After an
open, a backup is written only when the store holds more answers than the backup
(the review table only grows), so a fresh, emptied or older store never replaces
a fuller backup; the old ``.bak`` becomes ``.bak.1`` (temp file + ``os.replace``).
A missing, empty or damaged main file is restored from the fullest usable backup,
with a notice. Card schedules are computed inside the write transaction from the
state in the file (:meth:`ProgressStore.answer`), so two stores on one file never
overwrite each other's reviews.
"""

from __future__ import annotations

import contextlib
import math
import os
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from .atomic import immediate_transaction, set_aside
from .decks import Card
from .schedule import CardState, Grade, review
from .vocabulary import ProgressDimension

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS card_state (
    card_id TEXT PRIMARY KEY,
    reps INTEGER NOT NULL,
    lapses INTEGER NOT NULL,
    interval_days INTEGER NOT NULL,
    ease REAL NOT NULL,
    due TEXT,
    last_review TEXT
);
CREATE TABLE IF NOT EXISTS review (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    card_id TEXT NOT NULL,
    reviewed_at TEXT NOT NULL,
    deck TEXT NOT NULL,
    question_type TEXT NOT NULL,
    grade INTEGER NOT NULL,
    correct INTEGER NOT NULL,
    distance_cun REAL,
    region TEXT
);
CREATE TABLE IF NOT EXISTS review_pattern (
    review_id INTEGER NOT NULL REFERENCES review(id) ON DELETE CASCADE,
    pattern_id TEXT NOT NULL,
    PRIMARY KEY (review_id, pattern_id)
);
CREATE INDEX IF NOT EXISTS review_time ON review(reviewed_at);
"""

_COLUMNS = {
    "meta": {"key", "value"},
    "card_state": {"card_id", "reps", "lapses", "interval_days", "ease", "due", "last_review"},
    "review": {
        "id", "card_id", "reviewed_at", "deck", "question_type", "grade", "correct", "distance_cun", "region",
    },
    "review_pattern": {"review_id", "pattern_id"},
}  # fmt: skip


class DamagedStore(sqlite3.DatabaseError):
    """The file exists but is not a progress database this version can use."""


@dataclass(frozen=True, slots=True)
class ReviewRecord:
    card_id: str
    reviewed_at: datetime
    deck: str
    question_type: str
    grade: Grade
    correct: bool
    distance_cun: float | None
    region: str | None
    patterns: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DayAccuracy:
    day: date
    answered: int
    correct: int

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.answered if self.answered else None


def _iso(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).isoformat() if moment else None


def _shown(value: object) -> str:
    """A stored value as a message shows it (short, whatever it is)."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _bad(table: str, column: str, key: object, value: object, expected: str) -> DamagedStore:
    return DamagedStore(f"{table}.{column} of {_shown(key)} is {_shown(value)}, expected {expected}")


def _time(table: str, column: str, key: object, value: object) -> datetime | None:
    return None if value is None else _moment(table, column, key, value)


def _moment(table: str, column: str, key: object, value: object) -> datetime:
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            moment = None
        if moment is not None and moment.tzinfo is not None:
            return moment
    raise _bad(table, column, key, value, "a date and time with its time zone")


def _whole(table: str, column: str, key: object, value: object, low: int, high: int | None = None) -> int:
    in_range = isinstance(value, int) and low <= value and (high is None or value <= high)
    if in_range and not isinstance(value, bool):
        return value  # type: ignore[return-value]  # an int, checked above
    span = f"a whole number from {low} to {high}" if high is not None else f"a whole number of at least {low}"
    raise _bad(table, column, key, value, span)


def _text(table: str, column: str, key: object, value: object, nullable: bool = False) -> str | None:
    if isinstance(value, str) or (value is None and nullable):
        return value
    raise _bad(table, column, key, value, "text")


def _state_row(row: Sequence[object]) -> CardState:
    card_id, reps, lapses, interval, ease, due, last = row
    t = "card_state"
    key = _text(t, "card_id", card_id, card_id)
    if isinstance(ease, bool) or not isinstance(ease, int | float) or not math.isfinite(ease) or ease <= 0:
        raise _bad(t, "ease", key, ease, "a positive number")
    return CardState(
        str(key),
        _whole(t, "reps", key, reps, 0),
        _whole(t, "lapses", key, lapses, 0),
        _whole(t, "interval_days", key, interval, 0),
        float(ease),
        _time(t, "due", key, due),
        _time(t, "last_review", key, last),
    )


def _review_row(row: Sequence[object], patterns: dict[int, list[str]]) -> ReviewRecord:
    rid, card_id, reviewed_at, deck, qtype, grade, correct, distance, region = row
    t = "review"
    if distance is not None and (
        isinstance(distance, bool) or not isinstance(distance, int | float) or not math.isfinite(distance)
    ):
        raise _bad(t, "distance_cun", rid, distance, "a number or nothing")
    return ReviewRecord(
        str(_text(t, "card_id", rid, card_id)),
        _moment(t, "reviewed_at", rid, reviewed_at),
        str(_text(t, "deck", rid, deck)),
        str(_text(t, "question_type", rid, qtype)),
        Grade(_whole(t, "grade", rid, grade, min(Grade), max(Grade))),
        bool(_whole(t, "correct", rid, correct, 0, 1)),
        None if distance is None else float(distance),
        _text(t, "region", rid, region, nullable=True),
        tuple(sorted(patterns.get(rid, ()))),  # type: ignore[call-overload]
    )


def _patterns(conn: sqlite3.Connection) -> dict[int, list[str]]:
    patterns: dict[int, list[str]] = {}
    for review_id, pattern_id in conn.execute("SELECT review_id, pattern_id FROM review_pattern").fetchall():
        key = _whole("review_pattern", "review_id", review_id, review_id, 0)
        patterns.setdefault(key, []).append(str(_text("review_pattern", "pattern_id", key, pattern_id)))
    return patterns


_STATE_COLUMNS = "card_id, reps, lapses, interval_days, ease, due, last_review"
_REVIEW_QUERY = (
    "SELECT id, card_id, reviewed_at, deck, question_type, grade, correct, distance_cun, region FROM review"
)


def _read_states(conn: sqlite3.Connection) -> dict[str, CardState]:
    rows = conn.execute(f"SELECT {_STATE_COLUMNS} FROM card_state").fetchall()
    return {state.card_id: state for state in map(_state_row, rows)}


def _check_values(conn: sqlite3.Connection) -> int:
    """Read every row as the app will (a wrong-typed value raises ``DamagedStore`` naming it);
    returns the number of answers."""
    _read_states(conn)
    patterns = _patterns(conn)
    rows = conn.execute(_REVIEW_QUERY).fetchall()
    for row in rows:
        _review_row(row, patterns)
    return len(rows)


def local_day(moment: datetime) -> date:
    """The student's calendar day of a moment (daily limits and charts use local days)."""
    return moment.astimezone().date()


class ProgressStore:
    """Card states and the review history, in one SQLite file."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None, notice: str | None) -> None:
        self._conn = conn
        self.path = path
        self.notice = notice  # plain-text message when a damaged file was set aside

    # -- opening ------------------------------

    @classmethod
    def open(cls, path: str | Path, now: datetime | None = None) -> ProgressStore:
        """Open (or create) the store; a damaged file is set aside, never fatal.

        A file that cannot be opened for a reason that is not damage (locked by another
        Yaotong, read-only, a folder in its place, a full disk) is left as it is: study
        goes on in memory and ``notice`` says that progress is not being saved. A missing,
        empty or damaged file is restored from its fullest usable backup.
        """
        path = Path(path)
        now = now or datetime.now(UTC)
        notice = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if _missing_or_empty(path):
                notice = _restore_from_backup(path, "was missing" if not path.exists() else "was empty")
            conn = _connect(path)
        except (sqlite3.Error, DamagedStore) as exc:
            if not _is_damage(exc):
                return cls._in_memory(
                    f"The study progress file {path} cannot be opened now ({describe_error(exc)}). It was "
                    "left as it is; progress will not be saved in this session."
                )
            try:
                aside = set_aside(path, now)
            except OSError as move:
                return cls._in_memory(
                    f"The study progress file {path} could not be read ({describe_error(exc)}) and could "
                    f"not be set aside ({move.strerror or move}); progress will not be saved in this session."
                )
            notice = (
                f"The study progress file {path} could not be read ({describe_error(exc)}). It was set aside "
                f"as {aside.name}"
            )
            try:
                restored = _restore_from_backup(path, None)
                notice += f"; {restored}" if restored else " and a fresh progress file was started."
                conn = _connect(path)
            except (sqlite3.Error, DamagedStore, OSError) as again:
                return cls._in_memory(
                    f"{notice} That also failed ({describe_error(again)}); progress will not be saved."
                )
        except OSError as exc:
            return cls._in_memory(
                f"The study progress file {path} cannot be opened ({exc.strerror or exc}); "
                "progress will not be saved."
            )
        store = cls(conn, path, notice)
        kept = store._write_backup()
        if kept:
            store.notice = f"{notice} {kept}" if notice else kept
        return store

    @classmethod
    def _in_memory(cls, notice: str) -> ProgressStore:
        return cls(_connect(":memory:"), None, notice)

    def close(self) -> None:
        self._conn.close()

    def answer_count(self) -> int:
        (count,) = self._conn.execute("SELECT COUNT(*) FROM review").fetchone()
        return int(count)

    def _write_backup(self) -> str | None:
        """Rotate the backups when this store holds more answers than the latest one.

        Returns a notice when a fuller backup was kept instead (the store lost answers)."""
        if self.path is None:
            return None
        backup, older = backup_paths(self.path)
        temp = self.path.with_name(self.path.name + ".bak.tmp")
        try:
            answers = self.answer_count()
            held = _backup_answers(backup)
            if held is not None and held >= answers:
                if held > answers:
                    return (
                        f"Its backup {backup.name} holds more answers ({held}) than the progress file "
                        f"({answers}); the backup was kept as it is."
                    )
                return None
            temp.unlink(missing_ok=True)  # what a killed backup left: never write into a partial file
            target = sqlite3.connect(temp)
            with contextlib.closing(target):
                self._conn.backup(target)
            if held is not None:
                os.replace(backup, older)
            os.replace(temp, backup)
        except (sqlite3.Error, OSError):
            # A missing backup must not stop study; the main file is intact.
            with contextlib.suppress(OSError):
                temp.unlink()
        return None

    def _transaction(self) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        return immediate_transaction(self._conn)

    # -- card states ------------------------------

    def states(self) -> dict[str, CardState]:
        return _read_states(self._conn)

    def record(self, card: Card, grade: Grade, state: CardState, distance_cun: float | None = None) -> None:
        """Store one answer and the card's new state, in one transaction."""
        with self._transaction() as conn:
            self._insert(conn, card, grade, state, distance_cun)

    def answer(
        self, card: Card, grade: Grade, when: datetime, distance_cun: float | None = None
    ) -> CardState:
        """Store one answer, scheduling the card from the state in the file, inside the write
        transaction (another store on the same file cannot have changed it in between); returns
        the card's new state."""
        with self._transaction() as conn:
            row = conn.execute(
                f"SELECT {_STATE_COLUMNS} FROM card_state WHERE card_id = ?", (card.id,)
            ).fetchone()
            state = review(_state_row(row) if row else CardState(card.id), grade, when)
            self._insert(conn, card, grade, state, distance_cun)
        return state

    @staticmethod
    def _insert(
        conn: sqlite3.Connection, card: Card, grade: Grade, state: CardState, distance_cun: float | None
    ) -> None:
        when = state.last_review or datetime.now(UTC)
        cursor = conn.execute(
            "INSERT INTO review (card_id, reviewed_at, deck, question_type, grade, correct,"
            " distance_cun, region) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (card.id, _iso(when), str(card.deck), str(card.qtype), int(grade), int(grade >= Grade.HARD),
             distance_cun, card.region),
        )  # fmt: skip
        conn.executemany(
            "INSERT OR IGNORE INTO review_pattern (review_id, pattern_id) VALUES (?, ?)",
            [(cursor.lastrowid, pid) for pid in card.patterns],
        )
        conn.execute(
            f"INSERT OR REPLACE INTO card_state ({_STATE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (state.card_id, state.reps, state.lapses, state.interval_days, state.ease, _iso(state.due),
             _iso(state.last_review)),
        )  # fmt: skip

    # -- history ------------------------------

    def reviews(self, since: datetime | None = None) -> list[ReviewRecord]:
        patterns = _patterns(self._conn)
        rows = (
            self._conn.execute(_REVIEW_QUERY + " WHERE reviewed_at >= ? ORDER BY id", (_iso(since),))
            if since
            else self._conn.execute(_REVIEW_QUERY + " ORDER BY id")
        ).fetchall()
        return [_review_row(row, patterns) for row in rows]

    def new_started_on(self, day: date) -> int:
        """How many cards had their first ever review on this (local) day."""
        query = "SELECT card_id, MIN(reviewed_at) FROM review GROUP BY card_id"
        firsts = self._conn.execute(query).fetchall()
        days = (_moment("review", "reviewed_at", card, first) for card, first in firsts)
        return sum(1 for moment in days if local_day(moment) == day)


# -- errors in plain words ------------------------------

_PLAIN = (
    ("SQLITE_FULL", "the disk is full"),
    ("SQLITE_READONLY", "the file or its folder is read-only"),
    ("SQLITE_BUSY", "another program is using the file"),
    ("SQLITE_LOCKED", "another program is using the file"),
    ("SQLITE_PERM", "permission denied"),
    ("SQLITE_CANTOPEN", "the file cannot be opened"),
    ("SQLITE_NOTADB", "it is not a study progress database"),
    ("SQLITE_CORRUPT", "the file is damaged"),
    ("SQLITE_IOERR_WRITE", "the disk refused the write (is it full?)"),
    ("SQLITE_IOERR", "the disk reported an error"),
    ("SQLITE_NOMEM", "out of memory"),
)


def describe_error(exc: BaseException) -> str:
    """What went wrong, in plain words (SQLite's own words only when there are none better)."""
    if isinstance(exc, DamagedStore):
        return str(exc)
    name = getattr(exc, "sqlite_errorname", None) or ""
    for code, words in _PLAIN:
        if name == code or name.startswith(code + "_"):
            return words
    if isinstance(exc, OSError):
        return str(exc.strerror or exc)
    return str(exc)


# -- opening helpers ------------------------------


# Errors that say nothing about the file's contents: it is busy, read-only, unreachable or the
# disk is full. Such a file is kept as it is (extended codes such as SQLITE_IOERR_READ included).
_NOT_DAMAGE = ("SQLITE_BUSY", "SQLITE_LOCKED", "SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM",
               "SQLITE_FULL", "SQLITE_IOERR", "SQLITE_NOMEM", "SQLITE_INTERRUPT", "SQLITE_AUTH")  # fmt: skip
BUSY_TIMEOUT_S = 5.0  # how long to wait for another Yaotong's write to finish


def backup_paths(path: Path) -> tuple[Path, Path]:
    """The latest backup and the one before it."""
    return path.with_name(path.name + ".bak"), path.with_name(path.name + ".bak.1")


def _is_damage(exc: BaseException) -> bool:
    """Whether an error opening the file means the file itself is unusable (and should be set aside)."""
    if isinstance(exc, DamagedStore):
        return True
    name = getattr(exc, "sqlite_errorname", None) or ""
    return not any(name == code or name.startswith(code + "_") for code in _NOT_DAMAGE)


def _missing_or_empty(path: Path) -> bool:
    try:
        return (path.is_file() and path.stat().st_size == 0) or not path.exists()
    except OSError:
        return False


def _backup_answers(backup: Path) -> int | None:
    """How many answers a backup holds, or None when it is missing or unusable."""
    if not backup.is_file():
        return None
    try:
        conn = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
    except sqlite3.Error:
        return None
    try:
        with contextlib.closing(conn):
            (check,) = conn.execute("PRAGMA quick_check").fetchone()
            if check != "ok":
                return None
            _check_shape(conn)
            return _check_values(conn)
    except (sqlite3.Error, DamagedStore):
        return None


def _restore_from_backup(path: Path, why: str | None) -> str | None:
    """Copy the fullest usable backup to ``path`` (missing, empty or set aside); the notice, or None.

    ``why``: how the main file was found ("was missing"); None once a damaged file was set aside."""
    best: tuple[int, Path] | None = None
    for backup in backup_paths(path):
        held = _backup_answers(backup)
        if held is not None and (best is None or held > best[0]):
            best = (held, backup)
    if best is None or best[0] == 0:
        return None if why is None or why == "was missing" else f"The study progress file {path} {why}."
    held, backup = best
    temp = path.with_name(path.name + ".restore.tmp")
    temp.unlink(missing_ok=True)
    source = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
    try:
        target = sqlite3.connect(temp)
        with contextlib.closing(target):
            source.backup(target)
    finally:
        source.close()
    os.replace(temp, path)
    restored = f"your progress was restored from its backup {backup.name} ({held} answers)."
    return f"The study progress file {path} {why}; {restored}" if why else restored


def _check_columns(conn: sqlite3.Connection, tables: Iterable[str]) -> None:
    for table in tables:
        wanted = _COLUMNS.get(table)
        have = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
        if wanted is not None and have != wanted:
            raise DamagedStore(f"table {table} has columns {sorted(have)}, expected {sorted(wanted)}")


def _check_shape(conn: sqlite3.Connection) -> None:
    (version,) = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() or (None,)
    if version != str(SCHEMA_VERSION):
        raise DamagedStore(f"schema version {version!r}, this version of Yaotong reads {SCHEMA_VERSION}")
    _check_columns(conn, _COLUMNS)


def _connect(path: Path | str) -> sqlite3.Connection:
    """Connect, check the file and create or verify the schema and every stored value."""
    conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_S)  # explicit transactions only
    try:
        (check,) = conn.execute("PRAGMA quick_check").fetchone()
        if check != "ok":
            raise DamagedStore(f"integrity check: {check}")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("BEGIN IMMEDIATE")
        try:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            tables.discard("sqlite_sequence")
            if tables:
                _check_columns(conn, tables)
                if missing := sorted(set(_COLUMNS) - tables):
                    # A table gone from a progress file is damage: creating it again would drop every
                    # card's schedule (or every answer) without a word.
                    raise DamagedStore(f"table {missing[0]} is missing")
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute(
                "INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),)
            )
            conn.execute("COMMIT")
        finally:
            if conn.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
        _check_shape(conn)
        _check_values(conn)
    except BaseException:
        conn.close()
        raise
    return conn


# -- statistics ------------------------------


def _keys(record: ReviewRecord, dimension: ProgressDimension) -> Sequence[str]:
    if dimension is ProgressDimension.PATTERN:
        return record.patterns
    if dimension is ProgressDimension.REGION:
        return (record.region,) if record.region else ()
    return (record.question_type,)


def accuracy_over_time(
    records: Iterable[ReviewRecord], dimension: ProgressDimension | str, last_day: date, days: int = 14
) -> dict[str, list[DayAccuracy]]:
    """Per group (pattern id, region id or question type): answers and correct answers per local day.

    Every group seen in the window gets one entry per day, oldest first, zeros included.
    """
    if dimension not in set(ProgressDimension):
        known = ", ".join(ProgressDimension)
        raise ValueError(f"unknown dimension {dimension!r}; expected one of {known}")
    dimension = ProgressDimension(dimension)
    first_day = last_day - timedelta(days=days - 1)
    counts: dict[str, dict[date, list[int]]] = {}
    for record in records:
        day = local_day(record.reviewed_at)
        if not first_day <= day <= last_day:
            continue
        for key in _keys(record, dimension):
            tally = counts.setdefault(key, {}).setdefault(day, [0, 0])
            tally[0] += 1
            tally[1] += record.correct
    span = [first_day + timedelta(days=i) for i in range(days)]
    return {
        key: [DayAccuracy(d, *per_day.get(d, (0, 0))) for d in span]
        for key, per_day in sorted(counts.items())
    }
