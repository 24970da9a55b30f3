"""`yaotong case ...`: every command on a throw-away case book (--db), the documented JSON of
`case show --json` pinned (docs/case-format.md), the progress report's PDF text (pypdf)."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from app.cli import main

pypdf = pytest.importorskip("pypdf")

SHOW_KEYS = [
    "format", "version", "label", "created", "plan", "visits", "change", "important_change", "worse",
    "reassessment_point", "verdict", "reassess", "reason",
]  # fmt: skip
VISIT_KEYS = [
    "number", "date", "pain", "function", "activities", "groc", "points", "techniques", "reactions",
    "reaction_notes", "red_flags", "factors", "safety_checked", "flag_action", "notes", "week", "change",
    "prescription_change",
]  # fmt: skip
CHANGE_KEYS = [
    "measure", "short", "baseline", "baseline_date", "latest", "latest_date", "change", "percent",
    "important", "worse", "threshold",
]  # fmt: skip
POINT_KEYS = ["weeks_min", "weeks_max", "sessions", "due_from", "due_by", "reached", "reached_by", "sources"]
PLAN_KEYS = ["patterns", "points", "techniques", "course"]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out = capsys.readouterr()
    return status, out.out, out.err


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A case 'K-7' started from a plan file, with three visits over six weeks and no important change."""
    path = tmp_path / "cases.sqlite3"
    plan = tmp_path / "k7.yaotong"
    assert main(["plan", "--pattern", "kidney_qi_deficiency", "--label", "K-7", "--save", str(plan)]) == 0
    assert run(capsys, "case", "new", "K-7", "--plan", str(plan), "--db", str(path))[0] == 0
    visits = [
        ["--date", "2026-01-05", "--nrs", "7", "--nrs-worst", "9", "--activity", "Sitting=3", "--gROC", "0",
         "--same"],
        ["--date", "2026-01-19", "--nrs", "6", "--activity", "Sitting=4", "--same", "--point", "BL40:reduce",
         "--reaction", "side_effects_minor"],
        ["--date", "2026-02-16", "--nrs", "6", "--activity", "Sitting=4", "--same", "--red-flag", "cancer",
         "--flag-action", "Referred <to> the GP"],
    ]  # fmt: skip
    for extra in visits:
        status, out, _ = run(capsys, "case", "visit", "K-7", "--db", str(path), "--checked", *extra)
        assert status == 0, out
    return path


def test_show_json_is_the_documented_shape(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "case", "show", "K-7", "--json", "--db", str(db))
    assert status == 0
    data = json.loads(out)
    assert list(data) == SHOW_KEYS
    assert (data["format"], data["version"], data["label"]) == ("yaotong-case-show", 1, "K-7")
    assert list(data["plan"]) == PLAN_KEYS and data["plan"]["patterns"] == ["kidney_qi_deficiency"]
    assert [list(v) for v in data["visits"]] == [VISIT_KEYS] * 3
    first, second, third = data["visits"]
    assert first["pain"] == {"now": 7, "worst": 9, "average": None} and first["function"] == 3.0
    assert first["prescription_change"]["added"] == []  # the plan's points, "--same" for a first visit
    assert second["prescription_change"]["method_changed"] == ["BL40"]
    assert second["change"] == {"pain": 1, "function": 1.0} and second["week"] == 2.0
    assert third["red_flags"] == ["cancer"] and third["flag_action"] == "Referred <to> the GP"
    assert list(data["change"]) == ["pain", "function"]
    assert list(data["change"]["pain"]) == CHANGE_KEYS
    pain = data["change"]["pain"]
    assert (pain["baseline"], pain["latest"], pain["change"], pain["important"]) == (7, 6, 1, False)
    assert pain["threshold"]["points"] == 2 and pain["threshold"]["sources"] == ["ostelo2008"]
    assert data["change"]["function"]["threshold"]["sources"] == ["maughan2010"]
    assert list(data["reassessment_point"]) == POINT_KEYS
    # The catalog's default course: reassess after a month without improvement (NHS Gloucestershire).
    assert data["reassessment_point"]["due_from"] == "2026-02-02" and data["reassessment_point"]["reached"]
    assert data["important_change"] is False
    assert data["reassess"] is True and data["verdict"] == "reassess"
    assert data["reason"].startswith("Reassess: 4 weeks have passed since the first visit")


def test_too_few_visits_in_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "c.sqlite3")
    assert run(capsys, "case", "new", "A", "--db", db)[0] == 0
    data = json.loads(run(capsys, "case", "show", "A", "--json", "--db", db)[1])
    assert data["visits"] == [] and data["plan"] is None
    assert data["reassess"] is False and data["verdict"] == "too_few_visits"
    assert data["change"] == {"pain": None, "function": None}


def test_list_export_import_csv(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "case", "list", "--json", "--db", str(db))
    assert status == 0 and json.loads(out) == [
        {"label": "K-7", "visits": 3, "first": "2026-01-05", "last": "2026-02-16"}
    ]
    exported = tmp_path / "all.json"
    assert run(capsys, "case", "export", str(exported), "--db", str(db))[0] == 0
    other = str(tmp_path / "other.sqlite3")
    status, out, _ = run(capsys, "case", "import", str(exported), "--db", other)
    assert status == 0 and "imported 'K-7'" in out
    status, out, _ = run(capsys, "case", "import", str(exported), "--db", other)
    assert "already here, identical" in out
    csv_path = tmp_path / "rows.csv"
    assert run(capsys, "case", "export", str(csv_path), "--csv", "--label", "K-7", "--db", str(db))[0] == 0
    assert len(csv_path.read_text(encoding="utf-8").splitlines()) == 4


def test_errors_exit_with_a_message(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "case", "show", "nobody", "--json", "--db", str(db))
    assert status == 2 and "no case 'nobody'" in err
    status, _, err = run(
        capsys, "case", "visit", "K-7", "--date", "2026-03-01", "--nrs", "14", "--db", str(db)
    )
    assert status == 2 and "pain_now: expected 0 to 10 (NRS), got 14" in err
    status, _, err = run(capsys, "case", "new", "k-7", "--db", str(db))
    assert status == 2 and "already a case" in err
    bad = tmp_path / "bad.json"
    bad.write_text(
        '{"format": "yaotong-cases", "version": 1, "cases": [{"label": "", "visits": []}]}', encoding="utf-8"
    )
    status, _, err = run(capsys, "case", "import", str(bad), "--db", str(db))
    assert status == 1 and "nothing was imported" in err and "bad.json:1:" in err and "cases[0].label" in err
    with pytest.raises(SystemExit):
        main(["case", "visit", "K-7", "--date", "5 March", "--nrs", "3", "--db", str(db)])
    capsys.readouterr()


def pdf_text(path: Path) -> str:
    reader = pypdf.PdfReader(str(path))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text))


def test_report_pdf(qapp, catalog, db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "report.pdf"
    status, printed, _ = run(capsys, "case", "report", "K-7", "--pdf", str(out), "--db", str(db))
    assert status == 0 and str(out) in printed
    text = pdf_text(out)
    assert "Progress report: K-7" in text
    assert "REASSESSMENT DUE" in text
    assert "No improvement after about a month: see a doctor for a review" in text
    assert "Referred <to> the GP" in text  # user text printed literally
    assert "Common minor side effects" in text  # the reaction, in the catalog's words
    assert catalog.red_flags["cancer"].label in text
    assert "2 points or 30% of the baseline" in text and "1.4 points" in text
    assert "Ostelo RWJG" in text and "Maughan EF" in text  # the sources, in full
    assert "BL40" in text and "does not ask for or store the patient's name" in text
    images = sum(len(page.images) for page in pypdf.PdfReader(str(out)).pages)
    assert images >= 1  # the outcome chart


def test_the_command_line_finds_the_window_s_case_book(
    qapp, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Without Qt, the folder of QStandardPaths.AppDataLocation (organization and application Yaotong)."""
    from PySide6.QtCore import QCoreApplication, QStandardPaths

    from app.paths import user_data_dir

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    names = QCoreApplication.organizationName(), QCoreApplication.applicationName()
    QCoreApplication.setOrganizationName("Yaotong")
    QCoreApplication.setApplicationName("Yaotong")
    try:
        qt = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    finally:
        QCoreApplication.setOrganizationName(names[0])
        QCoreApplication.setApplicationName(names[1])
    assert Path(qt) == user_data_dir() == tmp_path / "data" / "Yaotong" / "Yaotong"
