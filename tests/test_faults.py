"""Fault injection (issue 15): what Yaotong writes survives kills, full disks, read-only folders and
damage, and what it reads is refused or restored, never half-read. Nothing a user entered is lost.

Covered here, each bounded so the whole module takes well under a minute on a 2-core machine:

- plan files cut after every line and in the middle of every line, and single bit flips: refused;
- a saving process killed at random moments: ``tests/test_atomic_save.py`` (plans); here a process
  answering study cards killed 60 times: the database is whole, no answer is lost or counted twice;
- a full disk, as a real file-size limit (``RLIMIT_FSIZE``, the kernel says "File too large") and as
  an injected ``ENOSPC``: plans, PDFs (the command line) and study answers; the previous file stays;
- read-only folders: plans and PDFs (chmod; as root, who ignores it, the refusal is injected);
- damaged progress databases of each kind, and one truncated at every page: set aside, restored from
  the backup, nothing lost;
- garbage settings files: random bytes, read through every typed option (``tests/test_settings.py``
  drives ``start()`` and the window with garbage of every type).
"""

from __future__ import annotations

import errno
import json
import os
import random
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from study_catalog import small_catalog

from app.domain import atomic
from app.domain.decks import build_decks
from app.domain.models import Catalog
from app.domain.plan import build_plan
from app.domain.plan_file import PlanFileError, dump_plan, load_plan, save_plan
from app.domain.progress_store import ProgressStore
from app.domain.schedule import Grade
from app.domain.study_session import StudySession

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
POSIX = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork, SIGKILL and rlimits (POSIX)")


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'tests'}", "QT_QPA_PLATFORM": "offscreen"}


def _temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.fixture
def plan(catalog: Catalog):
    return build_plan(
        catalog,
        case_label="Case 15",
        age=38,
        patterns=("kidney_qi_deficiency", "wind_cold"),
        zones=("leg_back_left",),
        factors=("pregnancy", "anticoagulants"),
        red_flags=("cancer",),
        notes="Second visit.\nBetter on the left.",
    )


# -- plan files: cuts and bit flips ------------------------------------------------------------------------


def _refused(catalog: Catalog, folder: Path, data: bytes) -> str:
    path = folder / "cut.yaotong"
    path.write_bytes(data)
    with pytest.raises(PlanFileError) as info:
        load_plan(catalog, path)
    assert path.read_bytes() == data  # never changed
    return str(info.value)


def test_a_plan_cut_after_every_line_or_in_the_middle_of_one_is_refused(
    catalog: Catalog, plan, tmp_path
) -> None:
    data = dump_plan(plan).encode("utf-8")
    lines = data.splitlines(keepends=True)
    assert len(lines) > 40
    ends = [sum(len(line) for line in lines[: n + 1]) for n in range(len(lines))]
    cuts = {end for end in ends[:-1]} | {end - len(line) // 2 for end, line in zip(ends, lines, strict=True)}
    for cut in sorted(cuts - {0}):
        assert "cut.yaotong:" in _refused(catalog, tmp_path, data[:cut])
    # the cut the issue found: before `factors:`, which silently dropped the factors and red flags
    assert "ends early" in _refused(catalog, tmp_path, data[: data.index(b"\nfactors:") + 1])


def test_single_bit_flips_in_a_plan_are_refused(catalog: Catalog, plan, tmp_path: Path) -> None:
    data = dump_plan(plan).encode("utf-8")
    rng = random.Random(2026)
    for _ in range(400):
        flipped = bytearray(data)
        flipped[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
        _refused(catalog, tmp_path, bytes(flipped))


# -- kill during record -------------------------------------------------------------------------------------

RECORD_HARNESS = r"""
import json, os, random, signal, sys, time
from collections import Counter
from datetime import UTC, datetime, timedelta
from study_catalog import small_catalog
from app.domain.decks import build_decks
from app.domain.progress_store import ProgressStore
from app.domain.schedule import Grade

path, kills, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
cards = build_decks(small_catalog())
rng = random.Random(seed)
ProgressStore.open(path).close()
bad, counts = [], []
start = datetime(2026, 1, 1, tzinfo=UTC)
for round_ in range(kills):
    pid = os.fork()
    if pid == 0:  # answers cards, always good, until killed; never returns
        store = ProgressStore.open(path)
        i = 0
        while True:
            store.answer(cards[(round_ * 5 + i) % 12], Grade.GOOD, start + timedelta(days=round_, minutes=i))
            i += 1
    time.sleep(rng.uniform(0.005, 0.08))  # long enough for answers to land on a busy machine
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    store = ProgressStore.open(path)
    if store.notice:
        bad.append(f"round {round_}: {store.notice}")
    reviews = store.reviews()
    states = store.states()
    # each answer was scheduled from the state in the file: a card's reps is its number of answers
    for card, answers in Counter(r.card_id for r in reviews).items():
        if card not in states or states[card].reps != answers:
            bad.append(f"round {round_}: {card}: {answers} answers, state {states.get(card)}")
    if counts and len(reviews) < counts[-1]:
        bad.append(f"round {round_}: answers lost ({counts[-1]} -> {len(reviews)})")
    counts.append(len(reviews))
    store.close()
print(json.dumps({"kills": kills, "answers": counts[-1], "grew": len(set(counts)), "bad": bad[:5]}))
"""


@POSIX
def test_kill_during_record_loses_no_answer(tmp_path: Path) -> None:
    path = tmp_path / "study.sqlite3"
    run = subprocess.run(
        [sys.executable, "-c", RECORD_HARNESS, str(path), "60", "15"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=_env(),
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert report["bad"] == []
    assert report["answers"] > 0 and report["grew"] > 10  # kills landed between answers, many times
    assert not list(tmp_path.glob("*.corrupt-*"))
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert len(leftovers) <= 1  # at most the backup temp of the last killed open; the next open removes it


# -- a full disk --------------------------------------------------------------------------------------------

LIMITED = r"""
import resource, runpy, signal, sys
limit = int(sys.argv[1])
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead of killing us
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
sys.argv = ["yaotong", *sys.argv[2:]]
runpy.run_module("app", run_name="__main__", alter_sys=True)
"""


def _yaotong_with_a_file_size_limit(limit: int, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", LIMITED, str(limit), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=_env(),
        timeout=120,
    )


@POSIX
def test_a_full_disk_never_replaces_a_good_pdf_or_plan(catalog: Catalog, tmp_path: Path) -> None:
    """The issue's case: `plan --pdf` onto a full disk wrote an empty PDF over the good one and said
    "wrote ..."; now the write fails, says so, exits 1, and the previous files stay."""
    sheet, saved = tmp_path / "sheet.pdf", tmp_path / "case.yaotong"
    args = ["plan", "--pattern", "wind_cold", "--pdf", str(sheet), "--save", str(saved)]
    assert _yaotong_with_a_file_size_limit(50_000_000, *args).returncode == 0
    good_pdf, good_plan = sheet.read_bytes(), saved.read_bytes()
    assert len(good_pdf) > 20_000
    run = _yaotong_with_a_file_size_limit(
        10_000, "plan", "--pattern", "kidney_qi_deficiency", "--pdf", str(sheet), "--label", "new"
    )
    assert run.returncode == 1 and "wrote" not in run.stdout
    assert (
        f"the treatment sheet was not written: {sheet}: File too large; the previous PDF was kept"
        in run.stderr
    )
    run = _yaotong_with_a_file_size_limit(1_000, *args[:3], "--save", str(saved), "--label", "new")
    assert run.returncode == 1 and f"the plan was not saved: {saved}: File too large" in run.stderr
    assert ".tmp" not in run.stderr
    assert sheet.read_bytes() == good_pdf and saved.read_bytes() == good_plan
    assert _temp_files(tmp_path) == []
    assert load_plan(catalog, saved).patterns == ("wind_cold",)


def test_no_space_left_while_saving_a_plan_keeps_the_previous_one(
    catalog: Catalog, plan, tmp_path: Path, monkeypatch
) -> None:
    path = tmp_path / "case.yaotong"
    save_plan(plan, path)
    before = path.read_bytes()
    for allowed in (0, 100, len(before) - 1):
        written = [0]

        def write(fd: int, data, allowed: int = allowed, written: list[int] = written) -> int:
            if written[0] >= allowed:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            n = min(len(data), allowed - written[0])
            written[0] += n
            return os.write(fd, bytes(data[:n]))

        monkeypatch.setattr(atomic, "_write", write)
        with pytest.raises(OSError) as info:
            save_plan(build_plan(catalog, plan, notes="changed"), path)
        assert info.value.errno == errno.ENOSPC and info.value.filename == str(path)
        assert path.read_bytes() == before and _temp_files(tmp_path) == []
    monkeypatch.undo()
    assert load_plan(catalog, path).notes == plan.notes


SESSION = r"""
import json, resource, signal, sys
from datetime import UTC, datetime
from study_catalog import small_catalog
from app.domain.progress_store import ProgressStore
from app.domain.schedule import Grade
from app.domain.study_session import StudySession

path, limit = sys.argv[1], int(sys.argv[2])
store = ProgressStore.open(path)
session = StudySession(small_catalog(), store, lambda: datetime.now(UTC), new_per_day=300, session_limit=300)
session.start()
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
answered = 0
while session.current_card is not None and answered < 150:
    card = session.current_card
    if card.qtype == "flashcard":
        session.grade_flashcard(Grade.GOOD)
    elif card.qtype == "choice":
        session.answer_choice(card.correct_index)
    else:
        session.give_up()
    session.next()
    answered += 1
print(json.dumps({"answered": answered, "unsaved": len(session.unsaved_answers), "notices": session.notices}))
"""


@POSIX
def test_a_full_disk_while_studying_keeps_the_answers_and_the_database(tmp_path: Path) -> None:
    path = tmp_path / "study.sqlite3"
    run = subprocess.run(
        [sys.executable, "-c", SESSION, str(path), "60000"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=_env(),
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert report["unsaved"] > 0  # the limit was reached: those answers wait in memory
    text = " ".join(report["notices"])
    assert "could not be saved" in text and "rollback" not in text and "kept" in text
    store = ProgressStore.open(path)  # whole, and holds every answer the limit let through
    assert store.notice is None
    assert len(store.reviews()) == report["answered"] - report["unsaved"]


# -- read-only folders --------------------------------------------------------------------------------------


@pytest.fixture
def read_only(tmp_path: Path, monkeypatch) -> Path:
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    if os.name == "nt" or os.geteuid() == 0:  # root (and Windows) write anyway: refuse as the folder would
        real = atomic.tempfile.mkstemp

        def mkstemp(*args, dir=None, **kwargs):
            if dir is not None and Path(dir) == folder:
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(folder / ".x.tmp"))
            return real(*args, dir=dir, **kwargs)

        monkeypatch.setattr(atomic.tempfile, "mkstemp", mkstemp)
    yield folder
    folder.chmod(0o755)


def test_a_plan_in_a_read_only_folder_is_refused_naming_the_file(catalog: Catalog, plan, read_only) -> None:
    from app.domain.intake_session import IntakeSession

    session = IntakeSession(catalog)
    session.apply(plan)
    with pytest.raises(PermissionError) as info:
        session.save(read_only / "case.yaotong")
    assert info.value.filename == str(read_only / "case.yaotong")
    assert session.path is None and session.has_unsaved_changes()  # still unsaved: nothing pretends
    assert list(read_only.iterdir()) == []


# -- damaged progress databases -----------------------------------------------------------------------------


def _store_with_answers(path: Path, n: int = 6) -> set[str]:
    cards = build_decks(small_catalog())[:n]
    store = ProgressStore.open(path)
    for card in cards:
        store.answer(card, Grade.GOOD, NOW)
    store.close()
    ProgressStore.open(path).close()  # the backup now holds them
    return {c.id for c in cards}


def _sql(statement: str) -> Callable[[Path], None]:
    def damage(path: Path) -> None:
        with sqlite3.connect(path) as conn:
            conn.executescript(statement)
        conn.close()

    return damage


def _bytes(change: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(change(path.read_bytes()))


DAMAGE: dict[str, Callable[[Path], None]] = {
    "deleted": lambda path: path.unlink(),
    "emptied": _bytes(lambda data: b""),
    "garbage": _bytes(lambda data: bytes(random.Random(1).randrange(256) for _ in range(len(data)))),
    "header only": _bytes(lambda data: data[:100]),
    "half": _bytes(lambda data: data[: len(data) // 2]),
    "scribbled pages": _bytes(lambda data: data[:4096] + b"\xde\xad\xbe\xef" * 2048 + data[4096 + 8192 :]),
    "another program's tables": _sql("DROP TABLE review_pattern; CREATE TABLE review_pattern (x);"),
    "a table gone": _sql("DROP TABLE card_state;"),
    "a newer schema": _sql("UPDATE meta SET value = '7' WHERE key = 'schema_version';"),
    "text in a count": _sql("UPDATE card_state SET reps = 'three';"),
    "a time without its zone": _sql("UPDATE review SET reviewed_at = '2026-03-02 12:00';"),
    "a grade out of range": _sql("UPDATE review SET grade = 0;"),
    "a stale journal": lambda path: path.with_name(path.name + "-journal").write_bytes(b"\x00garbage" * 64),
}


@pytest.mark.parametrize("kind", list(DAMAGE))
def test_a_damaged_database_of_each_kind_loses_nothing(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "study.sqlite3"
    answered = _store_with_answers(path)
    DAMAGE[kind](path)
    store = ProgressStore.open(path, now=NOW)
    assert set(store.states()) == answered, store.notice  # restored from the backup, or never lost
    session = StudySession(small_catalog(), store, lambda: NOW)
    assert session.start() is not None  # the Study tab works
    session.grade_flashcard(Grade.GOOD) if session.current_card.qtype == "flashcard" else session.stop()
    if kind not in ("a stale journal",):
        assert store.notice and ("restored" in store.notice or "set aside" in store.notice)
    store.close()
    assert (tmp_path / "study.sqlite3.bak").exists()


def test_a_database_truncated_at_every_page_is_restored(tmp_path: Path) -> None:
    path = tmp_path / "study.sqlite3"
    answered = _store_with_answers(path, 40)
    data = path.read_bytes()
    (page,) = sqlite3.connect(path).execute("PRAGMA page_size").fetchone()
    assert len(data) // page >= 4
    for end in range(page, len(data), page):
        path.write_bytes(data[:end])
        for aside in tmp_path.glob("study.sqlite3.corrupt-*"):
            aside.unlink()
        store = ProgressStore.open(path, now=NOW)
        assert set(store.states()) == answered, (end, store.notice)
        assert store.notice and "restored" in store.notice
        store.close()
        path.write_bytes(data)


# -- garbage settings files ---------------------------------------------------------------------------------


def test_random_settings_files_read_as_defaults_or_values(qapp, tmp_path: Path) -> None:
    from PySide6.QtCore import QSettings

    from app.domain.settings import Setting
    from app.ui.settings_store import Settings

    options = [o for o in vars(Setting).values() if hasattr(o, "key")]
    rng = random.Random(13)
    for n in range(40):
        path = tmp_path / f"settings-{n}.ini"
        keys = "".join(f"{o.key.split('/')[1]}=" for o in options[: rng.randrange(len(options))])
        head = f"[{rng.choice(['appearance', 'window', 'reference', 'intake'])}]\n{keys}".encode()
        path.write_bytes(head + bytes(rng.randrange(256) for _ in range(rng.randrange(2000))))
        store = Settings(QSettings(str(path), QSettings.Format.IniFormat))
        for option in options:
            value = store[option]
            assert value is None or isinstance(value, type(option.default)) or option.default is None
