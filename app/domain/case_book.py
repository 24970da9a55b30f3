"""The case book: cases, their plans and their visits, in SQLite (the standard library's ``sqlite3``).

A case is known by its **label** only (a code or a short description): the case book
never asks for or stores a patient's name. Each case keeps its plan as the text of a
plan file (:func:`app.domain.plan_file.dump_plan`, read back with
:func:`~app.domain.plan_file.load_plan`, so a plan always shows the catalog's current
safety rules) and its visits (:class:`app.domain.course.Visit`).

The file lives in the user's data directory; the UI and the command line pass its
path in, so this module stays Qt-free and tests use ``tmp_path``.

Schema (version 1, in ``meta.schema_version``)::

    meta(key TEXT PRIMARY KEY, value TEXT)      -- schema_version, revision
    case_record(id, label UNIQUE NOCASE, created, plan, notes)
    visit(id, case_id -> case_record.id, day, pain_now, pain_worst, pain_average, function_score,
          activities, groc, points, techniques, reactions, reaction_notes, red_flags, factors,
          safety_checked, flag_action, notes, recorded)

Lists (points, activities, ids) are JSON text. Every change is one transaction (a
visit, a case and its plan, an import: all or nothing) and adds one to
``meta.revision``.

Nothing entered is lost:

- A file that is not a usable case book (garbage, a failed integrity check, tables of
  the wrong shape) or that a newer Yaotong wrote is renamed to
  ``<name>.corrupt-<UTC time>`` or ``<name>.newer-<UTC time>``, untouched, and a fresh
  case book is started; ``notice`` says so and names the newest backup.
- A file that is only locked, read-only or unreachable is left alone and
  :class:`CaseBookUnavailable` is raised: nothing can be entered that would not be saved.
- On every start that finds the data changed since the newest backup, a backup is
  written (``<name>.bak-<UTC time>``, through a temporary file). The newest
  :data:`KEEP_BACKUPS` are kept, and the fullest backup (the most cases and visits) is
  never deleted for an emptier one: a case book that was emptied by accident cannot
  push its last good copy out.
- A stored value of the wrong type (a hand-edited file) is never shown as
  something else: reading that case raises :class:`CaseBookError` naming the case, the
  visit and the field; the other cases stay readable.

Export and import (``docs/case-format.md``): one case or all as a JSON document;
the outcome rows of cases as CSV.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import sqlite3
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from . import course as courses
from .atomic import immediate_transaction, remove_stale_temps, set_aside, write_atomically
from .case_file import (
    case_to_data,
    export_document,
    outcome_csv,
    read_export,
    read_plan_text,
)
from .course import Activity, Case, PointUsed, Visit, label_problem, visit_problems
from .models import Catalog
from .plan import Course, Plan
from .plan_file import dump_plan
from .vocabulary import NeedleMethod

SCHEMA_VERSION = 1
FILE_NAME = "casebook.sqlite3"
KEEP_BACKUPS = 3
BUSY_TIMEOUT_S = 5.0

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS case_record (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    label TEXT NOT NULL UNIQUE COLLATE NOCASE,
    created TEXT NOT NULL,
    plan TEXT,
    notes TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS visit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id INTEGER NOT NULL REFERENCES case_record(id) ON DELETE CASCADE,
    day TEXT NOT NULL,
    pain_now INTEGER NOT NULL,
    pain_worst INTEGER,
    pain_average INTEGER,
    function_score REAL,
    activities TEXT NOT NULL DEFAULT '[]',
    groc INTEGER,
    points TEXT NOT NULL DEFAULT '[]',
    techniques TEXT NOT NULL DEFAULT '[]',
    reactions TEXT NOT NULL DEFAULT '[]',
    reaction_notes TEXT NOT NULL DEFAULT '',
    red_flags TEXT NOT NULL DEFAULT '[]',
    factors TEXT NOT NULL DEFAULT '[]',
    safety_checked INTEGER NOT NULL DEFAULT 0,
    flag_action TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    recorded TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS visit_case ON visit(case_id, day);
"""
_VISIT_COLUMNS = (
    "day", "pain_now", "pain_worst", "pain_average", "function_score", "activities", "groc", "points",
    "techniques", "reactions", "reaction_notes", "red_flags", "factors", "safety_checked", "flag_action",
    "notes",
)  # fmt: skip
_COLUMNS = {
    "meta": {"key", "value"},
    "case_record": {"id", "label", "created", "plan", "notes"},
    "visit": {"id", "case_id", "recorded", *_VISIT_COLUMNS},
}
# Errors that say nothing about the file's contents (busy, read-only, unreachable, full disk).
_NOT_DAMAGE = ("SQLITE_BUSY", "SQLITE_LOCKED", "SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM",
               "SQLITE_FULL", "SQLITE_IOERR", "SQLITE_NOMEM", "SQLITE_INTERRUPT", "SQLITE_AUTH")  # fmt: skip


class DamagedCaseBook(Exception):
    """The file exists but is not a case book this version can use."""


class NewerCaseBook(DamagedCaseBook):
    """A newer Yaotong wrote this case book."""


_BUMP_REVISION = "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'revision'"


class CaseBookUnavailable(Exception):
    """The case book cannot be opened now (locked, read-only, unreachable); it was left as it is."""


class CaseBookError(Exception):
    """A stored case, or an entry for one, is not valid; the message names the case, visit and field."""

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(self.problems))


@dataclass(frozen=True, slots=True)
class CaseSummary:
    label: str
    visits: int
    first: date | None
    last: date | None


@dataclass(frozen=True, slots=True)
class ImportResult:
    added: tuple[str, ...]  # labels as imported
    renamed: tuple[tuple[str, str], ...]  # (label in the file, label given): the label was taken
    unchanged: tuple[str, ...]  # already in the case book, identical


def _now() -> datetime:
    return datetime.now(UTC)


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%S%fZ")


class CaseBook:
    """Cases and visits in one SQLite file (or in memory, for tests)."""

    def __init__(
        self, conn: sqlite3.Connection, path: Path | None, catalog: Catalog, notice: str | None
    ) -> None:
        self._conn = conn
        self.path = path
        self.catalog = catalog
        self.notice = notice  # plain text: a damaged or newer file was set aside

    # -- opening ------------------------------

    @classmethod
    def open(cls, path: str | Path, catalog: Catalog, now: datetime | None = None) -> CaseBook:
        """Open (or create) the case book at ``path``. A damaged or newer file is set aside (see the
        module docstring); ``CaseBookUnavailable`` when the file cannot be opened for another reason."""
        path = Path(path)
        now = now or _now()
        notice = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = _connect(path)
        except (sqlite3.Error, DamagedCaseBook) as exc:
            if not _is_damage(exc):
                raise CaseBookUnavailable(
                    f"The case book {path} cannot be opened now ({exc}). It was left as it is; "
                    "close any other Yaotong using it, or check the folder's permissions."
                ) from exc
            newer = isinstance(exc, NewerCaseBook)
            try:
                aside = set_aside(path, now, "newer" if newer else "corrupt")
            except OSError as move:
                raise CaseBookUnavailable(
                    f"The case book {path} could not be read ({exc}) and could not be set aside ({move}). "
                    "It was left as it is."
                ) from exc
            backups = backup_files(path)
            restore = f" The newest backup is {backups[0].name}." if backups else ""
            what = "was written by a newer version of Yaotong" if newer else "could not be read"
            notice = (
                f"The case book {path.name} {what} ({exc}). It was set aside unchanged as {aside.name}, "
                f"next to it, and a new, empty case book was started; nothing was deleted.{restore}"
            )
            try:
                conn = _connect(path)
            except (sqlite3.Error, DamagedCaseBook, OSError) as again:
                raise CaseBookUnavailable(
                    f"{notice} Starting the new case book failed too ({again})."
                ) from again
        except OSError as exc:
            raise CaseBookUnavailable(f"The case book {path} cannot be opened ({exc}).") from exc
        book = cls(conn, path, catalog, notice)
        book._backup_if_changed(now)
        return book

    @classmethod
    def in_memory(cls, catalog: Catalog) -> CaseBook:
        return cls(_connect(":memory:"), None, catalog, None)

    def close(self) -> None:
        self._conn.close()

    def _write(self) -> contextlib.AbstractContextManager[sqlite3.Connection]:
        """One transaction: all of it or nothing, and one more revision."""
        return immediate_transaction(self._conn, _BUMP_REVISION)

    # -- backups ------------------------------

    def revision(self) -> int:
        (value,) = self._conn.execute("SELECT value FROM meta WHERE key = 'revision'").fetchone()
        return int(value)

    def _backup_if_changed(self, now: datetime) -> Path | None:
        if self.path is None:
            return None
        for stale in self.path.parent.glob(f".{self.path.name}.bak-*.tmp"):  # a backup cut short earlier
            with contextlib.suppress(OSError):
                stale.unlink()
        size = _size(self._conn)
        backups = backup_files(self.path)
        if size == 0:  # nothing to keep; but an empty book beside full backups means something was lost
            self._notice_backups(backups)
            return None
        newest = _backup_state(backups[0]) if backups else None
        if newest is not None and newest == (self.revision(), size):
            return None  # unchanged since the newest backup
        target = self.path.with_name(f"{self.path.name}.bak-{_stamp(now)}")
        n = 1
        while target.exists():
            n += 1
            target = self.path.with_name(f"{self.path.name}.bak-{_stamp(now)}-{n}")
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=self.path.parent)
        os.close(fd)
        try:
            copy = sqlite3.connect(temp)
            with contextlib.closing(copy):
                self._conn.backup(copy)
            with open(temp, "rb+") as handle:
                os.fsync(handle.fileno())
            os.replace(temp, target)
        except (sqlite3.Error, OSError):
            Path(temp).unlink(missing_ok=True)
            return None  # a missing backup must not stop the work; the main file is intact
        _prune(backup_files(self.path))
        return target

    def _notice_backups(self, backups: list[Path]) -> None:
        states = [(p, state) for p in backups if (state := _backup_state(p)) is not None and state[1] > 0]
        if not states or self.path is None or self.notice:
            return
        newest, (_, size) = states[0]
        self.notice = (
            f"The case book {self.path.name} is empty, but its backup {newest.name} holds {size} cases "
            f"and visits. If they should be here, close Yaotong and copy that backup over {self.path.name}."
        )

    # -- reading ------------------------------

    def summaries(self) -> list[CaseSummary]:
        rows = self._conn.execute(
            "SELECT c.label, COUNT(v.id), MIN(v.day), MAX(v.day) FROM case_record c"
            " LEFT JOIN visit v ON v.case_id = c.id GROUP BY c.id ORDER BY c.label COLLATE NOCASE"
        )
        return [CaseSummary(r[0], int(r[1]), _day_or_none(r[2]), _day_or_none(r[3])) for r in rows]

    def labels(self) -> list[str]:
        return [s.label for s in self.summaries()]

    def has_case(self, label: str) -> bool:
        return (
            self._conn.execute("SELECT 1 FROM case_record WHERE label = ?", (label,)).fetchone() is not None
        )

    def case(self, label: str) -> Case:
        """The case and its visits; ``KeyError`` when there is none, ``CaseBookError`` when a stored
        value is not valid."""
        row = self._conn.execute(
            "SELECT id, label, created, plan, notes FROM case_record WHERE label = ?", (label,)
        ).fetchone()
        if row is None:
            raise KeyError(label)
        where = f"{self._name()}: case '{row[1]}'"
        problems: list[str] = []
        created = _read_time(row[2], f"{where}: created", problems)
        if row[3] is not None and not isinstance(row[3], str):
            problems.append(f"{where}: plan: expected the text of a plan file")
        if not isinstance(row[4], str):
            problems.append(f"{where}: notes: expected text")
        visits = []
        for visit_row in self._conn.execute(
            f"SELECT id, {', '.join(_VISIT_COLUMNS)} FROM visit WHERE case_id = ? ORDER BY day, id", (row[0],)
        ):
            visit = _visit_from_row(visit_row, f"{where}: visit {visit_row[0]}", problems)
            if visit is not None:
                visits.append(visit)
        if problems:
            raise CaseBookError(problems)
        return Case(row[0], row[1], created or _now(), row[3], row[4], tuple(courses.in_order(visits)))

    def plan(self, case: Case) -> Plan | None:
        """The case's plan, read again against the current catalog; ``PlanFileError`` when its text is
        not a valid plan (the problems name the case)."""
        return None if case.plan_text is None else read_plan_text(self.catalog, case.plan_text, case.label)

    def course(self, case: Case) -> Course:
        """The plan's course (sessions, reassessment weeks), or the catalog's default without a plan."""
        plan = self.plan(case)
        return courses.plan_course(self.catalog, plan)

    def _name(self) -> str:
        return self.path.name if self.path is not None else FILE_NAME

    # -- writing ------------------------------

    def new_case(
        self, label: str, plan: Plan | None = None, notes: str = "", now: datetime | None = None
    ) -> Case:
        """A new case; ``CaseBookError`` for a bad or taken label."""
        self._check_label(label)
        with self._write() as conn:
            conn.execute(
                "INSERT INTO case_record (label, created, plan, notes) VALUES (?, ?, ?, ?)",
                (label, _iso(now or _now()), _plan_text(plan, label), notes),
            )
        return self.case(label)

    def _check_label(self, label: str) -> None:
        if problem := label_problem(label):
            raise CaseBookError([f"label: {problem}"])
        if self.has_case(label):
            raise CaseBookError(
                [f"label: there is already a case '{label}' (labels ignore upper and lower case)"]
            )

    def set_plan(self, label: str, plan: Plan | None) -> None:
        with self._write() as conn:
            cursor = conn.execute(
                "UPDATE case_record SET plan = ? WHERE label = ?", (_plan_text(plan, label), label)
            )
            if cursor.rowcount != 1:
                raise KeyError(label)

    def add_visit(self, label: str, visit: Visit, now: datetime | None = None) -> Visit:
        """Store a visit (checked against the catalog first); returns it with its id."""
        self._check_visit(visit)
        with self._write() as conn:
            row = conn.execute("SELECT id FROM case_record WHERE label = ?", (label,)).fetchone()
            if row is None:
                raise KeyError(label)
            visit_id = _insert_visit(conn, row[0], visit, now or _now())
        return replace(visit, id=visit_id)

    def update_visit(self, visit: Visit) -> Visit:
        """Replace a stored visit (by its id) with these values."""
        if visit.id is None:
            raise ValueError("the visit has not been stored yet")
        self._check_visit(visit)
        values = _visit_values(visit)
        with self._write() as conn:
            sets = ", ".join(f"{c} = ?" for c in _VISIT_COLUMNS)
            if conn.execute(f"UPDATE visit SET {sets} WHERE id = ?", (*values, visit.id)).rowcount != 1:
                raise KeyError(visit.id)
        return visit

    def _check_visit(self, visit: Visit) -> None:
        problems = visit_problems(self.catalog, visit)
        if problems:
            raise CaseBookError(problems)

    # -- export and import ------------------------------

    def export_data(self, labels: Sequence[str] | None = None) -> dict[str, Any]:
        """The cases (all, or these) as the export document (``docs/case-format.md``)."""
        return export_document(self.case(label) for label in self._chosen(labels))

    def export_json(self, path: str | Path, labels: Sequence[str] | None = None) -> Path:
        text = json.dumps(self.export_data(labels), ensure_ascii=False, indent=2) + "\n"
        return _write(Path(path), text.encode("utf-8"))

    def outcome_csv(self, labels: Sequence[str] | None = None) -> str:
        cases = [self.case(label) for label in self._chosen(labels)]
        return outcome_csv(self.catalog, ((case, self.course(case)) for case in cases))

    def export_csv(self, path: str | Path, labels: Sequence[str] | None = None) -> Path:
        return _write(Path(path), self.outcome_csv(labels).encode("utf-8"))

    def _chosen(self, labels: Sequence[str] | None) -> list[str]:
        return self.labels() if labels is None else list(labels)

    def import_json(self, path: str | Path, now: datetime | None = None) -> ImportResult:
        """Add the cases of an export file, in one transaction; ``CaseFileError`` (nothing changed) when
        the file is not a valid export. A label already taken by a different case is imported as
        "LABEL (imported)", "LABEL (imported 2)" ...; an identical case is left as it is."""
        path = Path(path)
        cases = read_export(self.catalog, path)
        added: list[str] = []
        renamed: list[tuple[str, str]] = []
        unchanged: list[str] = []
        with self._write() as conn:
            for case in cases:
                label = case.label
                if self.has_case(label):
                    existing = self.case(label)
                    if case_to_data(existing, with_created=False) == case_to_data(case, with_created=False):
                        unchanged.append(label)
                        continue
                    label = self._free_label(case.label)
                    renamed.append((case.label, label))
                cursor = conn.execute(
                    "INSERT INTO case_record (label, created, plan, notes) VALUES (?, ?, ?, ?)",
                    (label, _iso(case.created), case.plan_text, case.notes),
                )
                case_id = int(cursor.lastrowid or 0)
                for visit in case.visits:
                    _insert_visit(conn, case_id, visit, now or _now())
                added.append(label)
        return ImportResult(tuple(added), tuple(renamed), tuple(unchanged))

    def _free_label(self, label: str) -> str:
        n = 1
        while True:
            candidate = f"{label} (imported{'' if n == 1 else f' {n}'})"
            if not self.has_case(candidate):
                return candidate
            n += 1


# -- rows ------------------------------


def _insert_visit(conn: sqlite3.Connection, case_id: int, visit: Visit, now: datetime) -> int:
    cursor = conn.execute(
        f"INSERT INTO visit (case_id, recorded, {', '.join(_VISIT_COLUMNS)})"
        f" VALUES (?, ?, {', '.join('?' * len(_VISIT_COLUMNS))})",
        (case_id, _iso(now), *_visit_values(visit)),
    )
    return int(cursor.lastrowid or 0)


def _json(items: Iterable[Any]) -> str:
    return json.dumps(list(items), ensure_ascii=False)


def _visit_values(v: Visit) -> tuple[Any, ...]:
    return (
        v.day.isoformat(),
        v.pain_now,
        v.pain_worst,
        v.pain_average,
        v.function,
        _json({"activity": a.name, "rating": a.rating} for a in v.activities),
        v.groc,
        _json({"code": p.code, "method": p.method.value} for p in v.points),
        _json(v.techniques),
        _json(v.reactions),
        v.reaction_notes,
        _json(v.red_flags),
        _json(v.factors),
        int(v.safety_checked),
        v.flag_action,
        v.notes,
    )


def _day_or_none(text: object) -> date | None:
    try:
        return date.fromisoformat(text) if isinstance(text, str) else None
    except ValueError:
        return None


def _read_time(text: object, where: str, problems: list[str]) -> datetime | None:
    try:
        if isinstance(text, str):
            return datetime.fromisoformat(text)
    except ValueError:
        pass
    problems.append(f"{where}: expected a date and time (ISO 8601), got {text!r}")
    return None


def _visit_from_row(row: Sequence[Any], where: str, problems: list[str]) -> Visit | None:
    """A stored row as a Visit, checking every type (ranges are the catalog's business on entry)."""
    before = len(problems)
    values = dict(zip(("id", *_VISIT_COLUMNS), row, strict=True))

    def whole(name: str, optional: bool = True) -> int | None:
        value = values[name]
        if value is None and optional:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            problems.append(f"{where}: {name}: expected a whole number, got {value!r}")
            return None
        return value

    def text(name: str) -> str:
        value = values[name]
        if not isinstance(value, str):
            problems.append(f"{where}: {name}: expected text, got {value!r}")
            return ""
        return value

    def items(name: str) -> list[Any]:
        value = values[name]
        try:
            data = json.loads(value) if isinstance(value, str) else None
        except ValueError:
            data = None
        if not isinstance(data, list):
            problems.append(f"{where}: {name}: expected a JSON list, got {value!r}")
            return []
        return data

    def ids(name: str) -> tuple[str, ...]:
        data = items(name)
        if not all(isinstance(x, str) for x in data):
            problems.append(f"{where}: {name}: expected a list of ids, got {data!r}")
            return ()
        return tuple(data)

    day = _day_or_none(values["day"])
    if day is None:
        problems.append(f"{where}: day: expected a date (YYYY-MM-DD), got {values['day']!r}")
    function = values["function_score"]
    if function is not None and (
        isinstance(function, bool) or not isinstance(function, int | float) or not math.isfinite(function)
    ):
        problems.append(f"{where}: function_score: expected a number, got {function!r}")
        function = None
    points: list[PointUsed] = []
    for i, item in enumerate(items("points")):
        try:
            points.append(PointUsed(str(item["code"]), NeedleMethod(item["method"])))
        except (TypeError, KeyError, ValueError):
            problems.append(f"{where}: points[{i}]: expected a point code and a method, got {item!r}")
    activities: list[Activity] = []
    for i, item in enumerate(items("activities")):
        ok = (
            isinstance(item, dict)
            and isinstance(item.get("activity"), str)
            and type(item.get("rating")) is int
        )
        if ok:
            activities.append(Activity(item["activity"], item["rating"]))
        else:
            problems.append(f"{where}: activities[{i}]: expected an activity and a whole-number rating")
    pain_now = whole("pain_now", optional=False)
    checked = whole("safety_checked", optional=False)
    visit = Visit(
        day=day or date.min,
        pain_now=pain_now if pain_now is not None else 0,
        pain_worst=whole("pain_worst"),
        pain_average=whole("pain_average"),
        function=float(function) if function is not None else None,
        activities=tuple(activities),
        groc=whole("groc"),
        points=tuple(points),
        techniques=ids("techniques"),
        reactions=ids("reactions"),
        reaction_notes=text("reaction_notes"),
        red_flags=ids("red_flags"),
        factors=ids("factors"),
        safety_checked=bool(checked),
        flag_action=text("flag_action"),
        notes=text("notes"),
        id=int(values["id"]),
    )
    return visit if len(problems) == before else None


# -- the file ------------------------------


def _is_damage(exc: BaseException) -> bool:
    if isinstance(exc, DamagedCaseBook):
        return True
    name = getattr(exc, "sqlite_errorname", None) or ""
    return not any(name == code or name.startswith(code + "_") for code in _NOT_DAMAGE)


def _connect(path: Path | str) -> sqlite3.Connection:
    """Connect, check the file, and create or verify the schema."""
    conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_S)  # explicit transactions only
    try:
        (check,) = conn.execute("PRAGMA quick_check").fetchone()
        if check != "ok":
            raise DamagedCaseBook(f"integrity check: {check}")
        has_meta = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'"
        ).fetchone()
        if has_meta:
            row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            version = row[0] if row else None
            if isinstance(version, str) and version.isdigit() and int(version) > SCHEMA_VERSION:
                raise NewerCaseBook(
                    f"case book version {version}; this version of Yaotong reads {SCHEMA_VERSION}"
                )
            if version != str(SCHEMA_VERSION):
                raise DamagedCaseBook(f"schema version {version!r}, expected {SCHEMA_VERSION}")
        elif conn.execute("SELECT 1 FROM sqlite_master").fetchone():
            raise DamagedCaseBook("not a Yaotong case book (other tables, no meta table)")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("BEGIN IMMEDIATE")
        for statement in _SCHEMA.split(";"):
            if statement.strip():
                conn.execute(statement)
        conn.execute(
            "INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),)
        )
        conn.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('revision', '0')")
        conn.execute("COMMIT")
        for table, wanted in _COLUMNS.items():
            have = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
            if have != wanted:
                raise DamagedCaseBook(f"table {table} has columns {sorted(have)}, expected {sorted(wanted)}")
    except BaseException:
        conn.close()
        raise
    return conn


def _write(path: Path, data: bytes) -> Path:
    """An export written atomically beside the user's files (``app.domain.atomic``)."""
    remove_stale_temps(path.parent, path.name)
    write_atomically(path, data)
    return path


def _size(conn: sqlite3.Connection) -> int:
    """Cases plus visits: how much a copy holds."""
    (cases,) = conn.execute("SELECT COUNT(*) FROM case_record").fetchone()
    (visits,) = conn.execute("SELECT COUNT(*) FROM visit").fetchone()
    return int(cases) + int(visits)


def backup_files(path: Path) -> list[Path]:
    """The case book's backups, newest first."""
    found = [p for p in path.parent.glob(f"{path.name}.bak-*") if not p.name.endswith(".tmp")]
    return sorted(found, key=lambda p: p.name, reverse=True)


def _backup_state(path: Path) -> tuple[int, int] | None:
    """(revision, cases + visits) of a backup, or None when it cannot be read."""
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        with contextlib.closing(conn):
            (revision,) = conn.execute("SELECT value FROM meta WHERE key = 'revision'").fetchone()
            return int(revision), _size(conn)
    except (sqlite3.Error, TypeError, ValueError, OSError):
        return None


def _prune(backups: list[Path]) -> None:
    """Keep the newest :data:`KEEP_BACKUPS`, and the fullest of the rest if it holds more than every
    kept one (a case book emptied by accident never pushes its last good copy out)."""
    kept, rest = backups[:KEEP_BACKUPS], backups[KEEP_BACKUPS:]
    if not rest:
        return
    sizes = {p: (state[1] if (state := _backup_state(p)) else -1) for p in backups}
    fullest = max(rest, key=lambda p: sizes[p])
    if sizes[fullest] > max(sizes[p] for p in kept):
        rest.remove(fullest)
    for old in rest:
        with contextlib.suppress(OSError):
            old.unlink()


def _plan_text(plan: Plan | None, label: str) -> str | None:
    return None if plan is None else dump_plan(replace(plan, case_label=label))
