"""The case book (SQLite) and its files: cases and plans, visits, backups, damaged and newer files,
a kill during a write, export and import, the outcome CSV. Pure Python: no Qt."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from app.domain.case_book import (
    KEEP_BACKUPS,
    CaseBook,
    CaseBookError,
    CaseBookUnavailable,
    backup_files,
)
from app.domain.case_file import CaseFileError, case_to_data, read_export
from app.domain.course import Activity, PointUsed, Visit
from app.domain.course_session import CourseSession
from app.domain.models import Catalog
from app.domain.plan import build_plan
from app.domain.plan_file import PlanFileError
from app.domain.vocabulary import NeedleMethod

ROOT = Path(__file__).resolve().parent.parent
FIRST = date(2026, 3, 2)


def visit(weeks: int, pain: int, **extra: object) -> Visit:
    return Visit(FIRST + timedelta(weeks=weeks), pain, safety_checked=True, **extra)  # type: ignore[arg-type]


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "casebook.sqlite3"


def reopen(path: Path, catalog: Catalog, minutes: int = 0) -> CaseBook:
    return CaseBook.open(path, catalog, now=datetime(2026, 3, 2, 9, tzinfo=UTC) + timedelta(minutes=minutes))


def test_cases_plans_and_visits_round_trip(catalog: Catalog, path: Path) -> None:
    book = CaseBook.open(path, catalog)
    plan = build_plan(
        catalog, patterns=("kidney_qi_deficiency",), zones=("leg_back_left",), factors=("pregnancy",)
    )
    book.new_case("K-12 <b>lumbar</b>", plan)
    stored = book.add_visit(
        "K-12 <b>lumbar</b>",
        visit(
            0,
            7,
            pain_worst=9,
            function=2.5,
            activities=(Activity("Sitting", 3), Activity("Lifting", 2)),
            groc=0,
            points=(PointUsed("BL23", NeedleMethod.TONIFY), PointUsed("BL40", NeedleMethod.REDUCE)),
            techniques=("needling",),
            reactions=("side_effects_minor",),
            red_flags=("cancer",),
            flag_action="Referred to the GP",
            factors=("pregnancy",),
            notes="Line one\nline <two>",
        ),
    )
    assert stored.id is not None
    book.close()
    book = CaseBook.open(path, catalog)
    case = book.case("K-12 <b>lumbar</b>")
    assert case.visits == (stored,)
    again = book.plan(case)
    assert again is not None and again.case_label == "K-12 <b>lumbar</b>"
    assert [p.code for p in again.included_points()] == [p.code for p in plan.included_points()]
    assert again.factors == ("pregnancy",)
    assert book.course(case).sources  # the guidance's sources, back from the plan file's numbers
    assert [s.label for s in book.summaries()] == ["K-12 <b>lumbar</b>"]


def test_labels_are_checked_and_unique(catalog: Catalog) -> None:
    book = CaseBook.in_memory(catalog)
    book.new_case("Case A")
    with pytest.raises(CaseBookError, match="already a case 'case a'"):
        book.new_case("case a")
    with pytest.raises(CaseBookError, match="never the patient's name"):
        book.new_case("   ")
    with pytest.raises(KeyError):
        book.case("nobody")
    with pytest.raises(CaseBookError, match="pain_now: expected 0 to 10"):
        book.add_visit("Case A", visit(0, 12))
    assert book.case("Case A").visits == ()  # nothing half-written


def test_a_visit_can_be_corrected(catalog: Catalog) -> None:
    book = CaseBook.in_memory(catalog)
    book.new_case("A")
    saved = book.add_visit("A", visit(0, 7))
    book.update_visit(Visit(saved.day, 6, notes="typo fixed", safety_checked=True, id=saved.id))
    (only,) = book.case("A").visits
    assert (only.pain_now, only.notes, only.id) == (6, "typo fixed", saved.id)


# --- backups ---------------------------------------------------------------------------------------


def test_a_backup_on_every_start_that_changed_data(catalog: Catalog, path: Path) -> None:
    book = reopen(path, catalog)
    assert backup_files(path) == []  # nothing to keep yet
    book.new_case("A")
    book.close()
    reopen(path, catalog, 1).close()
    assert len(backup_files(path)) == 1
    reopen(path, catalog, 2).close()
    assert len(backup_files(path)) == 1  # nothing changed since
    for minute in range(3, 9):
        book = reopen(path, catalog, minute)
        book.add_visit("A", visit(minute, 5))
        book.close()
    reopen(path, catalog, 10).close()
    backups = backup_files(path)
    assert len(backups) == KEEP_BACKUPS
    copy = sqlite3.connect(backups[0])
    assert copy.execute("SELECT COUNT(*) FROM visit").fetchone() == (6,)  # the newest holds everything
    copy.close()


def test_an_emptied_case_book_never_pushes_out_its_fullest_backup(catalog: Catalog, path: Path) -> None:
    book = reopen(path, catalog)
    book.new_case("A")
    for week in range(8):
        book.add_visit("A", visit(week, 6))
    book.close()
    reopen(path, catalog, 1).close()
    (full,) = backup_files(path)
    path.write_bytes(b"")  # lost (cut to nothing): the next start begins an empty book, and says so
    book = reopen(path, catalog, 1)
    assert book.notice is not None and f"its backup {full.name} holds 9 cases and visits" in book.notice
    book.close()
    for minute in range(2, 8):
        book = reopen(path, catalog, minute)
        if not book.has_case("B"):
            book.new_case("B")
        book.add_visit("B", visit(minute, 5))
        book.close()
    backups = backup_files(path)
    assert full in backups and len(backups) == KEEP_BACKUPS + 1
    copy = sqlite3.connect(full)
    assert copy.execute("SELECT COUNT(*) FROM visit").fetchone() == (8,)
    copy.close()


# --- damaged, newer, unreachable --------------------------------------------------------------------


def _valid_book(path: Path, catalog: Catalog) -> None:
    book = CaseBook.open(path, catalog)
    book.new_case("A")
    book.add_visit("A", visit(0, 6))
    book.close()


@pytest.mark.parametrize("damage", ["garbage", "truncated", "other_app"])
def test_a_damaged_case_book_is_set_aside_and_nothing_is_lost(
    catalog: Catalog, path: Path, damage: str
) -> None:
    if damage == "garbage":
        path.write_bytes(b"this is not a database\x00" * 40)
    elif damage == "truncated":
        _valid_book(path, catalog)
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 3 + 100])
    else:
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE notes (x)")
        conn.commit()
        conn.close()
    before = path.read_bytes()
    book = CaseBook.open(path, catalog, now=datetime(2026, 3, 2, 9, tzinfo=UTC))
    aside = [p for p in path.parent.iterdir() if ".corrupt-" in p.name]
    assert len(aside) == 1 and aside[0].read_bytes() == before
    assert book.notice is not None and "could not be read" in book.notice
    assert aside[0].name in book.notice and "nothing was deleted" in book.notice
    book.new_case("fresh")  # the new book works
    assert book.labels() == ["fresh"]


def test_a_newer_case_book_is_set_aside_unchanged(catalog: Catalog, path: Path) -> None:
    _valid_book(path, catalog)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    book = CaseBook.open(path, catalog)
    (aside,) = [p for p in path.parent.iterdir() if ".newer-" in p.name]
    assert aside.read_bytes() == before
    assert book.notice is not None and "written by a newer version of Yaotong" in book.notice
    assert "case book version 2; this version of Yaotong reads 1" in book.notice
    assert book.labels() == []


def test_an_unreachable_case_book_is_left_alone(catalog: Catalog, tmp_path: Path) -> None:
    folder = tmp_path / "casebook.sqlite3"
    folder.mkdir()  # a folder where the file should be
    with pytest.raises(CaseBookUnavailable, match="left as it is"):
        CaseBook.open(folder, catalog)
    assert folder.is_dir() and not list(folder.iterdir())


def test_a_wrong_typed_value_names_the_case_visit_and_field(catalog: Catalog, path: Path) -> None:
    _valid_book(path, catalog)
    book = CaseBook.open(path, catalog)
    book.new_case("B")
    conn = sqlite3.connect(path)
    conn.execute("UPDATE visit SET pain_now = 'seven', points = '{oops' WHERE id = 1")
    conn.commit()
    conn.close()
    with pytest.raises(CaseBookError) as caught:
        book.case("A")
    assert caught.value.problems == (
        "casebook.sqlite3: case 'A': visit 1: points: expected a JSON list, got '{oops'",
        "casebook.sqlite3: case 'A': visit 1: pain_now: expected a whole number, got 'seven'",
    )
    assert book.case("B").visits == ()  # the other cases stay readable
    session = CourseSession(catalog, book)
    session.select("A")
    assert session.case is None and session.problem is not None and "pain_now" in session.problem
    session.select("B")
    assert session.case is not None and session.problem is None


def test_a_damaged_plan_shows_the_visits_and_the_problem(catalog: Catalog, path: Path) -> None:
    book = CaseBook.open(path, catalog)
    book.new_case("A", build_plan(catalog, patterns=("wind_cold",)))
    book.add_visit("A", visit(0, 6))
    conn = sqlite3.connect(path)
    conn.execute("UPDATE case_record SET plan = 'format: yaotong-plan\nversion: 9\n'")
    conn.commit()
    conn.close()
    with pytest.raises(
        PlanFileError, match="plan of case 'A':2:10: version: this plan was written by a newer"
    ):
        book.plan(book.case("A"))
    session = CourseSession(catalog, book)
    session.select("A")
    assert session.case is not None and len(session.visits) == 1
    assert session.problem is not None and "cannot be read" in session.problem


# --- a kill in the middle of a write ------------------------------------------------------------------

CHILD = r"""
import sys
from datetime import date, timedelta
from pathlib import Path
from app.domain.case_book import CaseBook
from app.domain.course import PointUsed, Visit
from app.domain.loader import load_catalog
from app.domain.vocabulary import NeedleMethod
from app.paths import catalog_path

book = CaseBook.open(sys.argv[1], load_catalog(catalog_path()))
if not book.has_case("K"):
    book.new_case("K")
print("ready", flush=True)
n = 0
while True:
    n += 1
    if n % 7 == 0:
        book.import_json(Path(sys.argv[2]))  # one transaction: a case and its 20 visits, or nothing
    else:
        book.add_visit("K", Visit(date(2026, 1, 1) + timedelta(days=n % 300), n % 11,
                                  points=(PointUsed("BL23", NeedleMethod.TONIFY),), notes="x" * 3000))
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX")
def test_a_kill_during_writes_leaves_the_case_book_consistent(catalog: Catalog, tmp_path: Path) -> None:
    path = tmp_path / "casebook.sqlite3"
    seed = CaseBook.open(tmp_path / "seed.sqlite3", catalog)
    seed.new_case("K20")
    for day in range(20):
        seed.add_visit("K20", Visit(date(2026, 1, 1) + timedelta(days=day), 5))
    export = seed.export_json(tmp_path / "k20.json")
    seed.close()
    rng = random.Random(14)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    deadline = time.monotonic() + 4.0
    kills = 0
    last_count = 0
    while kills < 4 or (time.monotonic() < deadline and kills < 12):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(path), str(export)], stdout=subprocess.PIPE, env=env, cwd=ROOT
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == b"ready"
        time.sleep(rng.uniform(0.02, 0.25))
        child.send_signal(signal.SIGKILL)
        child.wait()
        kills += 1
        book = CaseBook.open(path, catalog)
        assert book.notice is None  # never damaged, never set aside
        (check,) = book._conn.execute("PRAGMA integrity_check").fetchone()
        assert check == "ok"
        visits = book.case("K").visits  # every stored value still reads
        assert len(visits) >= last_count
        last_count = len(visits)
        for label in book.labels():
            if label.startswith("K20"):
                assert len(book.case(label).visits) == 20  # an import is all or nothing
        book.close()
    assert last_count > 0
    assert not list(tmp_path.glob(".casebook.sqlite3.bak-*.tmp"))  # cut-short backups are cleaned up


# --- export and import --------------------------------------------------------------------------------


def _book_with_a_case(catalog: Catalog) -> CaseBook:
    book = CaseBook.in_memory(catalog)
    book.new_case("A-1", build_plan(catalog, patterns=("blood_stagnation",)))
    book.add_visit("A-1", visit(0, 7, points=(PointUsed("BL40", NeedleMethod.REDUCE),), groc=0))
    book.add_visit(
        "A-1",
        visit(2, 5, activities=(Activity("Stairs", 4),), function=4.0, reactions=("side_effects_dizziness",)),
    )
    return book


def test_export_and_import_round_trip(catalog: Catalog, tmp_path: Path) -> None:
    source = _book_with_a_case(catalog)
    exported = source.export_json(tmp_path / "cases.json")
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["format"] == "yaotong-cases" and data["version"] == 1
    assert list(data["cases"][0]) == ["label", "created", "notes", "plan", "visits"]
    target = CaseBook.in_memory(catalog)
    result = target.import_json(exported)
    assert result.added == ("A-1",)
    assert case_to_data(target.case("A-1")) == case_to_data(source.case("A-1"))
    again = target.import_json(exported)
    assert again.unchanged == ("A-1",) and again.added == ()
    source.add_visit("A-1", visit(4, 4))
    changed = target.import_json(source.export_json(tmp_path / "changed.json"))
    assert changed.renamed == (("A-1", "A-1 (imported)"),)
    assert len(target.case("A-1 (imported)").visits) == 3 and len(target.case("A-1").visits) == 2


def test_a_bad_export_file_names_file_line_and_field(catalog: Catalog, tmp_path: Path) -> None:
    good = _book_with_a_case(catalog).export_json(tmp_path / "cases.json")
    data = json.loads(good.read_text(encoding="utf-8"))
    data["cases"][0]["visits"][1]["pain"]["now"] = "5"
    data["cases"][0]["visits"][0]["points"][0]["code"] = "BL99"
    data["cases"][0]["visits"][0]["colour"] = "blue"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data, indent=2), encoding="utf-8")
    lines = bad.read_text(encoding="utf-8").splitlines()
    target = CaseBook.in_memory(catalog)
    with pytest.raises(CaseFileError) as caught:
        target.import_json(bad)
    problems = [str(p) for p in caught.value.problems]
    now_line = next(i for i, line in enumerate(lines, 1) if '"now": "5"' in line)
    colour_line = next(i for i, line in enumerate(lines, 1) if '"colour"' in line)
    assert any(
        p.startswith(f"bad.json:{now_line}:") and "cases[0].visits[1].pain.now: expected a whole number" in p
        for p in problems
    )
    assert any(
        f"bad.json:{colour_line}:" in p and "cases[0].visits[0].colour: unknown field" in p for p in problems
    )
    assert any("cases[0].visits[0].points: unknown id 'BL99'" in p for p in problems)
    assert target.labels() == []  # nothing imported
    syntax = tmp_path / "syntax.json"
    syntax.write_text('{"format": "yaotong-cases",\n "version": 1,\n "cases": [}\n', encoding="utf-8")
    with pytest.raises(CaseFileError, match=r"syntax.json:3:\d+: not valid JSON"):
        read_export(catalog, syntax)
    newer = tmp_path / "newer.json"
    newer.write_text(json.dumps({"format": "yaotong-cases", "version": 2, "cases": []}), encoding="utf-8")
    with pytest.raises(CaseFileError, match="written by a newer Yaotong"):
        read_export(catalog, newer)


def test_outcome_rows_as_csv(catalog: Catalog, tmp_path: Path) -> None:
    book = _book_with_a_case(catalog)
    book.new_case("=HYPERLINK(x)")
    book.add_visit("=HYPERLINK(x)", visit(0, 3))
    text = book.export_csv(tmp_path / "out.csv").read_text(encoding="utf-8").splitlines()
    assert text[0] == (
        "case,visit,date,week,pain_now,pain_worst,pain_average,pain_change,function,function_change,groc,"
        "points,techniques,reactions,red_flags,safety_checked"
    )
    assert text[1] == "'=HYPERLINK(x),1,2026-03-02,0.0,3,,,0,,,,,,,,yes"  # never a formula
    assert text[2] == "A-1,1,2026-03-02,0.0,7,,,0,,,0,BL40:reduce,,,,yes"
    assert text[3] == "A-1,2,2026-03-16,2.0,5,,,2,4.0,0.0,,,,side_effects_dizziness,,yes"
