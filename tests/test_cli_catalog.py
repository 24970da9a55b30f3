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
        "OK valid.yaml: 2 patterns, 3 points, 2 regions, 2 channels, 1 zone, 0 protocols, 4 guidance lines, "
        "2 patient factors, 1 red flag, 2 sources\n"
    )


def test_validate_defaults_to_the_shipped_catalog(capsys) -> None:
    assert main(["validate"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("OK points.yaml: 6 patterns, ")
    assert len(out.splitlines()) == 1


def test_validate_prints_every_problem_and_fails(tmp_path, capsys) -> None:
    text = VALID.read_text(encoding="utf-8")
    text = text.replace("laterality: midline", "laterality: middle").replace("channel: GV\n", "channel: XX\n")
    broken = tmp_path / "points.yaml"
    broken.write_text(text, encoding="utf-8")
    assert main(["validate", str(broken)]) == 1
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [
        "points.yaml:106:14: points.GV4.channel: unknown channel 'XX'",
        "points.yaml:108:17: points.GV4.laterality: 'middle' is not one of: bilateral, midline",
        "points.yaml:174:14: zones.midline.channel: unknown channel 'XX'",
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


# The documented shape (docs/export-format.md): a change here is a change of
# export_format and of that document.
EXPORT_KEYS = {
    "top": [
        "schema_version", "export_format", "disclaimer", "sources", "channels", "sign_groups",
        "patterns", "regions", "points", "zones", "protocols", "guidance", "factors", "red_flags",
        "safety_rules", "outcomes",
    ],
    "source": ["kind", "citation", "file", "note", "licence"],
    "channel": ["name", "pinyin", "chinese", "points", "course", "sources"],
    "pattern": [
        "name", "pinyin", "chinese", "textbook_only", "cause", "signs", "principle", "prescription",
        "techniques", "notes", "subtypes", "sources",
    ],
    "sign": ["id", "text", "group", "weight", "key", "sources"],
    "prescription": ["status", "note", "local", "distal", "sources"],
    "prescribed": ["point", "pinyin", "chinese", "english", "role", "subtype", "sources"],
    "technique": ["id", "name", "method", "needle_method", "cautions", "subtype", "at", "sources"],
    "caution": [
        "id", "text", "severity", "factors", "techniques", "structure", "max_depth", "angle", "sources",
    ],
    "region": ["name", "seed_words", "back_pain", "reading", "points", "sources"],
    "point": [
        "pinyin", "chinese", "simplified", "english", "aliases", "channel", "region", "laterality",
        "location", "location_status", "location_sources", "location_variants", "anchors", "needling",
        "deep", "cautions", "indications", "back_pain", "reference_only", "patterns", "protocols",
        "sources",
    ],
    "anchor": ["view", "landmark", "lateral_cun", "down_cun"],
    "zone": ["name", "channel", "reason", "distal", "sources"],
    "protocol": [
        "name", "pinyin", "chinese", "indication", "region", "status", "points", "technique", "notes",
        "sources",
    ],
    "protocol_point": ["point", "pinyin", "chinese", "english", "role", "subtype", "sources", "placement"],
    "guidance": ["topic", "text", "values", "claim", "sources"],
    "factor": ["label", "sources"],
    "red_flag": ["label", "reason", "urgency", "patient", "sources"],
    "safety_rule": [
        "when", "effect", "practitioner", "sources", "applies_to", "patient", "max_depth", "angle",
        "replace_with", "urgency",
    ],
    "outcomes": ["measures", "reactions"],
    "measure": [
        "kind", "name", "short", "scale_min", "scale_max", "better", "definition", "mcid", "licence",
        "sources",
    ],
}  # fmt: skip


def test_export_shape_of_the_shipped_catalog_is_the_documented_one(capsys) -> None:
    assert main(["export", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data) == EXPORT_KEYS["top"]

    def keys(kind: str, items) -> None:
        items = list(items)
        assert items, kind
        for item in items:
            assert list(item) == EXPORT_KEYS[kind], kind

    keys("source", data["sources"].values())
    keys("channel", data["channels"].values())
    keys("pattern", data["patterns"].values())
    patterns = list(data["patterns"].values())
    keys("sign", (s for p in patterns for s in p["signs"]))
    keys("prescription", (p["prescription"] for p in patterns))
    keys(
        "prescribed",
        (pp for p in patterns for pp in (*p["prescription"]["local"], *p["prescription"]["distal"])),
    )
    keys("technique", (t for p in patterns for t in p["techniques"]))
    keys("caution", (c for p in patterns for t in p["techniques"] for c in t["cautions"]))
    keys("region", data["regions"].values())
    keys("point", data["points"].values())
    keys("anchor", (a for p in data["points"].values() for a in p["anchors"]))
    keys("caution", (c for p in data["points"].values() for c in p["cautions"]))
    keys("zone", data["zones"].values())
    keys("prescribed", (pp for z in data["zones"].values() for pp in z["distal"]))
    keys("protocol", data["protocols"].values())
    keys("protocol_point", (pp for q in data["protocols"].values() for pp in q["points"]))
    keys("guidance", data["guidance"].values())
    keys("factor", data["factors"].values())
    keys("outcomes", [data["outcomes"]])
    keys("measure", data["outcomes"]["measures"].values())
    keys("red_flag", data["red_flags"].values())
    keys("safety_rule", data["safety_rules"].values())
    # every pattern carries local and distal points with roles, and sourced signs
    for p in patterns:
        assert p["prescription"]["local"] and p["prescription"]["distal"]
        assert all(s["sources"] for s in p["signs"])
