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
tables of the wrong shape, a newer schema) is renamed to
``<name>.corrupt-<UTC timestamp>`` and a fresh database is started; ``notice``
then says so in plain words for the UI to show. A file that is only locked,
read-only or unreachable is left alone (study goes on in memory, with a notice),
and a damaged file that cannot be moved aside is no crash either. After each successful open a
backup copy is written to ``<name>.bak`` (temp file + ``os.replace``).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from .decks import Card
from .schedule import CardState, Grade
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


class DamagedStore(Exception):
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


def _parse(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


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
        goes on in memory and ``notice`` says that progress is not being saved.
        """
        path = Path(path)
        notice = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = _connect(path)
        except (sqlite3.Error, DamagedStore) as exc:
            if not _is_damage(exc):
                return cls._in_memory(
                    f"The study progress file {path} cannot be opened now ({exc}). It was left as it is; "
                    "progress will not be saved in this session."
                )
            try:
                aside = _set_aside(path, now or datetime.now(UTC))
            except OSError as move:
                return cls._in_memory(
                    f"The study progress file {path} could not be read ({exc}) and could not be set aside "
                    f"({move}); progress will not be saved in this session."
                )
            notice = (
                f"The study progress file {path} could not be read ({exc}). It was set aside as "
                f"{aside.name} and a fresh progress file was started."
            )
            try:
                conn = _connect(path)
            except (sqlite3.Error, DamagedStore, OSError) as again:
                return cls._in_memory(f"{notice} That also failed ({again}); progress will not be saved.")
        except OSError as exc:
            return cls._in_memory(
                f"The study progress file {path} cannot be opened ({exc}); progress will not be saved."
            )
        store = cls(conn, path, notice)
        store._write_backup()
        return store

    @classmethod
    def _in_memory(cls, notice: str) -> ProgressStore:
        return cls(_connect(":memory:"), None, notice)

    def close(self) -> None:
        self._conn.close()

    def _write_backup(self) -> None:
        if self.path is None:
            return
        backup = self.path.with_name(self.path.name + ".bak")
        temp = self.path.with_name(self.path.name + ".bak.tmp")
        try:
            target = sqlite3.connect(temp)
            with contextlib.closing(target):
                self._conn.backup(target)
            os.replace(temp, backup)
        except (sqlite3.Error, OSError):
            # A missing backup must not stop study; the main file is intact.
            with contextlib.suppress(OSError):
                temp.unlink()

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield self._conn
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    # -- card states ------------------------------

    def states(self) -> dict[str, CardState]:
        rows = self._conn.execute(
            "SELECT card_id, reps, lapses, interval_days, ease, due, last_review FROM card_state"
        )
        return {
            r[0]: CardState(r[0], int(r[1]), int(r[2]), int(r[3]), float(r[4]), _parse(r[5]), _parse(r[6]))
            for r in rows
        }

    def record(self, card: Card, grade: Grade, state: CardState, distance_cun: float | None = None) -> None:
        """Store one answer and the card's new state, in one transaction."""
        when = state.last_review or datetime.now(UTC)
        with self._transaction() as conn:
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
                "INSERT OR REPLACE INTO card_state"
                " (card_id, reps, lapses, interval_days, ease, due, last_review)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (state.card_id, state.reps, state.lapses, state.interval_days, state.ease, _iso(state.due),
                 _iso(state.last_review)),
            )  # fmt: skip

    # -- history ------------------------------

    def reviews(self, since: datetime | None = None) -> list[ReviewRecord]:
        patterns: dict[int, list[str]] = {}
        for review_id, pattern_id in self._conn.execute("SELECT review_id, pattern_id FROM review_pattern"):
            patterns.setdefault(review_id, []).append(pattern_id)
        query = (
            "SELECT id, card_id, reviewed_at, deck, question_type, grade, correct, distance_cun, region"
            " FROM review"
        )
        rows = (
            self._conn.execute(query + " WHERE reviewed_at >= ? ORDER BY id", (_iso(since),))
            if since
            else self._conn.execute(query + " ORDER BY id")
        )
        return [
            ReviewRecord(r[1], _parse(r[2]), r[3], r[4], Grade(r[5]), bool(r[6]), r[7], r[8],  # type: ignore[arg-type]
                         tuple(sorted(patterns.get(r[0], ()))))
            for r in rows
        ]  # fmt: skip

    def new_started_on(self, day: date) -> int:
        """How many cards had their first ever review on this (local) day."""
        firsts = self._conn.execute("SELECT MIN(reviewed_at) FROM review GROUP BY card_id")
        days = (_parse(first) for (first,) in firsts)
        return sum(1 for moment in days if moment is not None and local_day(moment) == day)


# -- opening helpers ------------------------------


# Errors that say nothing about the file's contents: it is busy, read-only, unreachable or the
# disk is full. Such a file is kept as it is (extended codes such as SQLITE_IOERR_READ included).
_NOT_DAMAGE = ("SQLITE_BUSY", "SQLITE_LOCKED", "SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM",
               "SQLITE_FULL", "SQLITE_IOERR", "SQLITE_NOMEM", "SQLITE_INTERRUPT", "SQLITE_AUTH")  # fmt: skip
BUSY_TIMEOUT_S = 5.0  # how long to wait for another Yaotong's write to finish


def _is_damage(exc: BaseException) -> bool:
    """Whether an error opening the file means the file itself is unusable (and should be set aside)."""
    if isinstance(exc, DamagedStore):
        return True
    name = getattr(exc, "sqlite_errorname", None) or ""
    return not any(name == code or name.startswith(code + "_") for code in _NOT_DAMAGE)


def _connect(path: Path | str) -> sqlite3.Connection:
    """Connect, check the file and create or verify the schema."""
    conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_S)  # explicit transactions only
    try:
        (check,) = conn.execute("PRAGMA quick_check").fetchone()
        if check != "ok":
            raise DamagedStore(f"integrity check: {check}")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("BEGIN IMMEDIATE")
        for statement in _SCHEMA.split(";"):
            if statement.strip():
                conn.execute(statement)
        conn.execute(
            "INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),)
        )
        conn.execute("COMMIT")
        (version,) = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if version != str(SCHEMA_VERSION):
            raise DamagedStore(f"schema version {version!r}, this version of Yaotong reads {SCHEMA_VERSION}")
        for table, wanted in _COLUMNS.items():
            have = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
            if have != wanted:
                raise DamagedStore(f"table {table} has columns {sorted(have)}, expected {sorted(wanted)}")
    except BaseException:
        conn.close()
        raise
    return conn


def _set_aside(path: Path, now: datetime) -> Path:
    """Rename a damaged file (and its journal files) out of the way; returns the new name."""
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while aside.exists():
        n += 1
        aside = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    os.replace(path, aside)
    for suffix in ("-journal", "-wal", "-shm"):
        sidecar = path.with_name(path.name + suffix)
        if sidecar.exists():
            os.replace(sidecar, aside.with_name(aside.name + suffix))
    return aside


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
