"""Plan files: round trip, backup, and clear messages for damaged, truncated and newer files (no Qt)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.domain.models import Catalog
from app.domain.plan import add_point, build_plan, confirm_include, remove_point, set_method
from app.domain.plan_file import (
    VERSION,
    PlanFileError,
    backup_path,
    dump_plan,
    load_plan,
    plan_to_data,
    save_plan,
)
from app.domain.vocabulary import NeedleMethod


@pytest.fixture
def plan(catalog: Catalog):
    p = build_plan(
        catalog,
        case_label="Case <b>12</b>: yes",
        age=47,
        patterns=("wind_cold", "kidney_qi_deficiency"),
        zones=("leg_side",),
        factors=("pregnancy",),
        red_flags=("infection",),
        signs=("wc_cold_climate", "kd_over_40"),
        notes="Line one\nno: 1\n<i>two</i>",
    )
    p = add_point(catalog, p, "GB21")
    p = remove_point(catalog, p, "BL26")
    p = set_method(catalog, p, "KI3", NeedleMethod.MOXIBUSTION)
    return confirm_include(catalog, p, "BL23")


def test_round_trip(catalog: Catalog, plan, tmp_path: Path) -> None:
    path = tmp_path / "case.yaotong"
    save_plan(plan, path)
    again = load_plan(catalog, path)
    assert plan_to_data(again) == plan_to_data(plan)
    assert again.point("BL23").overridden and again.point("KI3").method is NeedleMethod.MOXIBUSTION
    assert again.notes == plan.notes and again.case_label == plan.case_label
    assert again.age == 47 and again.red_flags == ("infection",) and again.factors == ("pregnancy",)
    assert not list(tmp_path.glob(".*.tmp"))


def test_saving_keeps_the_previous_version_as_backup(catalog: Catalog, plan, tmp_path: Path) -> None:
    path = tmp_path / "case.yaotong"
    save_plan(plan, path)
    first = path.read_bytes()
    assert not backup_path(path).exists()
    save_plan(build_plan(catalog, plan, notes="second"), path)
    assert backup_path(path).read_bytes() == first
    assert load_plan(catalog, path).notes == "second"


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "bad.yaotong"
    path.write_text(text, encoding="utf-8")
    return path


def _error(catalog: Catalog, path: Path) -> str:
    before = path.read_bytes()
    with pytest.raises(PlanFileError) as info:
        load_plan(catalog, path)
    assert path.read_bytes() == before  # nothing changed
    return str(info.value)


def test_newer_version_is_refused_naming_the_line(catalog: Catalog, plan, tmp_path: Path) -> None:
    text = dump_plan(plan).replace(f"version: {VERSION}", f"version: {VERSION + 1}")
    message = _error(catalog, _write(tmp_path, text))
    line = text.splitlines().index(f"version: {VERSION + 1}") + 1
    assert message.startswith(f"bad.yaotong:{line}:10: version: ")
    assert "newer Yaotong" in message


def test_truncated_file(catalog: Catalog, plan, tmp_path: Path) -> None:
    text = dump_plan(plan)
    message = _error(catalog, _write(tmp_path, text[: len(text) // 2]))
    assert message.startswith("bad.yaotong:")


def test_unknown_point_and_bad_method_name_line_and_field(catalog: Catalog, plan, tmp_path: Path) -> None:
    text = (
        dump_plan(plan)
        .replace("- code: GB21", "- code: BL99", 1)
        .replace("method: moxibustion", "method: laser")
    )
    message = _error(catalog, _write(tmp_path, text))
    lines = text.splitlines()
    bl99 = next(i for i, t in enumerate(lines) if "BL99" in t) + 1
    assert f"bad.yaotong:{bl99}:9: points[" in message and "unknown point 'BL99'" in message
    assert ".method: 'laser' is not one of: tonify, reduce, even, moxibustion, electro" in message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "the file is empty"),
        ("- a list\n", "expected a mapping"),
        ("format: yaotong-plan\n", "missing version"),
        ("format: something\nversion: 1\ncase_label: x\npatterns: []\n", "format: expected 'yaotong-plan'"),
        ("format: yaotong-plan\nversion: 1\ncase_label: x\npatterns: [nope]\n", "unknown pattern 'nope'"),
        (
            "format: yaotong-plan\nversion: 1\ncase_label: x\npatterns: []\ncolour: red\n",
            "colour: unknown field",
        ),
        ("format: yaotong-plan\nversion: 1\ncase_label: x\npatterns: []\npatterns: []\n", "duplicate key"),
        ("format: yaotong-plan\nversion: 1\ncase_label: x\npatterns: [\n", "bad.yaotong:"),
        ("format: yaotong-plan\nversion: 1\ncase_label: !!python/object:os.system x\npatterns: []\n", "tag"),
    ],
)
def test_damaged_files(catalog: Catalog, tmp_path: Path, text: str, expected: str) -> None:
    assert expected in _error(catalog, _write(tmp_path, text))


def test_invalid_utf8(catalog: Catalog, tmp_path: Path) -> None:
    path = tmp_path / "bad.yaotong"
    path.write_bytes(b"format: yaotong-plan\nversion: 1\ncase_label: \xff\npatterns: []\n")
    assert "invalid UTF-8" in _error(catalog, path)


def test_version_1_files_without_age_are_still_read(catalog: Catalog, tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "format: yaotong-plan\nversion: 1\ncase_label: old\npatterns: [wind_cold]\nred_flags: [cancer]\n",
    )
    plan = load_plan(catalog, path)
    assert plan.age is None and plan.red_flags == ("cancer",) and plan.case_label == "old"
    assert f"version: {VERSION}" in dump_plan(plan) and "age: null" in dump_plan(plan)


@pytest.mark.parametrize(
    ("age", "expected"), [("200", "from 1 to 130"), ("'old'", "integer"), ("0", "from 1")]
)
def test_bad_age_is_refused(catalog: Catalog, tmp_path: Path, age: str, expected: str) -> None:
    text = f"format: yaotong-plan\nversion: 2\ncase_label: x\nage: {age}\npatterns: []\n"
    message = _error(catalog, _write(tmp_path, text))
    assert message.startswith("bad.yaotong:4:6: age: ") and expected in message


def test_minimal_file(catalog: Catalog, tmp_path: Path) -> None:
    path = _write(tmp_path, "format: yaotong-plan\nversion: 1\ncase_label: ''\npatterns: [wind_cold]\n")
    plan = load_plan(catalog, path)
    assert plan.point("BL40") is not None and plan.course is not None


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_damage_never_raises_anything_else(catalog: Catalog, plan, tmp_path: Path, data) -> None:
    """Deleting, inserting or replacing characters anywhere gives a plan or a PlanFileError, nothing else."""
    text = dump_plan(plan)
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(text)))
        cut = data.draw(st.integers(0, 12))
        new = data.draw(st.text(alphabet=":-[]{}'\"#&*!|> \n\tabcBL0123", max_size=6))
        text = text[:at] + new + text[at + cut :]
    path = tmp_path / "fuzz.yaotong"
    path.write_text(text, encoding="utf-8")
    try:
        load_plan(catalog, path)
    except PlanFileError as exc:
        assert all(str(p).startswith("fuzz.yaotong:") for p in exc.problems)
