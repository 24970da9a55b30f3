"""`yaotong validate`, `export --json`, `schema` and `--version`, through ``app.cli.main``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app import __version__
from app.cli import main

BROKEN = Path(__file__).parent / "broken"
VALID = BROKEN / "valid.yaml"


def test_version(capsys) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"yaotong {__version__}"


def test_validate_ok_prints_a_summary(capsys) -> None:
    assert main(["validate", str(VALID)]) == 0
    out = capsys.readouterr().out
    assert out == (
        "OK valid.yaml: 2 patterns, 3 points, 2 regions, 2 channels, 1 zone, 2 guidance lines, "
        "2 patient factors, 1 red flag, 2 sources\n"
    )


def test_validate_defaults_to_the_shipped_catalog(capsys) -> None:
    assert main(["validate"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("OK points.yaml: 4 patterns, ")
    assert len(out.splitlines()) == 1


def test_validate_prints_every_problem_and_fails(tmp_path, capsys) -> None:
    text = VALID.read_text(encoding="utf-8")
    text = text.replace("laterality: midline", "laterality: middle").replace("channel: GV\n", "channel: XX\n")
    broken = tmp_path / "points.yaml"
    broken.write_text(text, encoding="utf-8")
    assert main(["validate", str(broken)]) == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [
        "points.yaml:97:14: points.GV4.channel: unknown channel 'XX'",
        "points.yaml:99:17: points.GV4.laterality: 'middle' is not one of: bilateral, midline",
        "points.yaml:164:14: zones.midline.channel: unknown channel 'XX'",
    ]
    assert captured.err == "3 problems found\n"


def test_validate_missing_file(tmp_path, capsys) -> None:
    assert main(["validate", str(tmp_path / "gone.yaml")]) == 1
    assert capsys.readouterr().out.startswith("gone.yaml:1:1: cannot read the file: ")


def test_export_json_is_stable_and_resolved(capsys) -> None:
    assert main(["export", "--json", str(VALID)]) == 0
    first = capsys.readouterr().out
    assert main(["export", "--json", str(VALID)]) == 0
    assert capsys.readouterr().out == first  # byte-identical
    data = json.loads(first)
    assert data["schema_version"] == 1 and data["export_format"] == 1
    assert list(data)[:2] == ["schema_version", "export_format"]
    assert list(data["patterns"]) == ["kidney_qi_deficiency", "wind_cold"]  # sorted by id
    assert list(data["points"]) == ["BL23", "BL40", "GV4"]
    kd = data["patterns"]["kidney_qi_deficiency"]
    assert [(p["point"], p["pinyin"]) for p in kd["prescription"]["local"]] == [
        ("BL23", "Shènshū"),
        ("GV4", "Mìngmén"),
    ]
    assert kd["prescription"]["status"] == {"id": "standard_text", "label": "Standard text read directly"}
    assert [s["id"] for s in kd["signs"]] == ["kd_age_over_40", "weak_pulse"]
    assert data["points"]["BL40"]["patterns"] == [
        {"pattern": "kidney_qi_deficiency", "role": "distal"},
        {"pattern": "wind_cold", "role": "distal"},
    ]
    assert data["points"]["BL23"]["cautions"][0]["severity"] == "caution"
    assert data["regions"]["lower_back"]["points"] == ["BL23", "GV4"]
    assert data["channels"]["BL"]["points"] == ["BL23", "BL40"]
    assert [g["id"] for g in data["sign_groups"]] == ["history", "pulse"]
    assert data["guidance"]["course_sessions"]["values"] == {"min": 6, "max": 12}
    assert data["sources"]["seed_003"]["file"] == "003_68909d3c299f83b4.txt"
    assert "腎俞" in first  # ensure_ascii=False


def test_export_of_a_broken_file_prints_nothing_on_stdout(tmp_path, capsys) -> None:
    broken = tmp_path / "points.yaml"
    broken.write_text("schema_version: 1\n", encoding="utf-8")
    assert main(["export", "--json", str(broken)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "points.yaml:1:1: missing required field 'sources'" in captured.err


def test_export_needs_the_json_flag(capsys) -> None:
    with pytest.raises(SystemExit) as done:
        main(["export", str(VALID)])
    assert done.value.code == 2
    assert "--json" in capsys.readouterr().err


def test_schema_command_prints_the_committed_schema(capsys) -> None:
    assert main(["schema"]) == 0
    out = capsys.readouterr().out
    committed = (Path(__file__).parent.parent / "data" / "points.schema.json").read_text(encoding="utf-8")
    assert out == committed, (
        "data/points.schema.json is stale: run `yaotong schema > data/points.schema.json`"
    )
    assert json.loads(out)["$schema"] == "https://json-schema.org/draft/2020-12/schema"
