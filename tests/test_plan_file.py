"""Plan files: round trip, backup, and clear messages for damaged, truncated and newer files (no Qt)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.domain.models import Catalog
from app.domain.plan import CASE_LABEL_MAX, add_point, build_plan, confirm_include, remove_point, set_method
from app.domain.plan_file import (
    VERSION,
    PlanFileError,
    backup_path,
    dump_plan,
    load_plan,
    plan_to_data,
    read_plan,
    save_plan,
    seal,
)
from app.domain.vocabulary import NeedleMethod


@pytest.fixture
def plan(catalog: Catalog):
    p = build_plan(
        catalog,
        case_label="Case <b>12</b>: yes",
        age=47,
        patterns=("wind_cold", "kidney_qi_deficiency"),
        zones=("leg_side_left",),
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
    message = _sealed_error(catalog, tmp_path, text)  # a checksum that matches: the fields are checked
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


# -- issue 15 item 2: a cut or flipped file is refused, never opened as a different plan ----------------


def _refused(catalog: Catalog, tmp_path: Path, data: bytes) -> str:
    path = tmp_path / "cut.yaotong"
    path.write_bytes(data)
    with pytest.raises(PlanFileError) as info:
        load_plan(catalog, path)
    assert path.read_bytes() == data
    return str(info.value)


def test_the_file_ends_with_its_checksum(plan) -> None:
    last = dump_plan(plan).splitlines()[-1]
    assert re.fullmatch(r"checksum: sha256:[0-9a-f]{64}", last)


# Cuts after every line and single bit flips: tests/test_faults.py.


def test_a_changed_file_names_the_checksum(catalog: Catalog, plan, tmp_path: Path) -> None:
    text = dump_plan(plan).replace("age: 47", "age: 48")
    message = _refused(catalog, tmp_path, text.encode("utf-8"))
    assert "checksum" in message and "damaged or changed" in message


def test_line_endings_and_a_byte_order_mark_do_not_break_the_checksum(
    catalog: Catalog, plan, tmp_path
) -> None:
    path = tmp_path / "crlf.yaotong"
    path.write_bytes(b"\xef\xbb\xbf" + dump_plan(plan).replace("\n", "\r\n").encode("utf-8"))
    assert plan_to_data(load_plan(catalog, path)) == plan_to_data(plan)


def test_older_versions_are_read_and_say_so(catalog: Catalog, tmp_path: Path) -> None:
    path = _write(tmp_path, "format: yaotong-plan\nversion: 2\ncase_label: old\npatterns: [wind_cold]\n")
    loaded = read_plan(catalog, path)
    assert loaded.plan.case_label == "old" and loaded.version == 2
    assert loaded.notes and "format version 2" in loaded.notes[0] and "checksum" in loaded.notes[0]
    assert read_plan(catalog, _saved(catalog, tmp_path)).notes == ()


def test_an_older_version_may_not_carry_a_checksum(catalog: Catalog, plan, tmp_path: Path) -> None:
    text = dump_plan(plan).replace(f"version: {VERSION}", "version: 2")
    assert "checksum: unknown field" in _refused(catalog, tmp_path, text.encode("utf-8"))


def _saved(catalog: Catalog, tmp_path: Path) -> Path:
    path = tmp_path / "saved.yaotong"
    save_plan(build_plan(catalog, patterns=("wind_cold",)), path)
    return path


def _sealed_error(catalog: Catalog, tmp_path: Path, text: str) -> str:
    """The problems of a file whose checksum is right (what the checks after it find)."""
    body = text[: text.rindex("checksum: ")]
    return _error(catalog, _write(tmp_path, seal(body)))


# -- issue 15 item 3: course values beyond what the plan can show are refused --------------------------


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        (
            "sessions_max",
            "99999999999999999999",
            "course.sessions_max: expected 1 to 100, got 99999999999999999999",
        ),
        ("minutes_max", "181", "course.minutes_max: expected 1 to 180, got 181"),
        ("reassess_weeks_min", "0", "course.reassess_weeks_min: expected 1 to 52, got 0"),
    ],
)
def test_course_values_out_of_range_are_refused(
    catalog: Catalog, plan, tmp_path: Path, field: str, value: str, expected: str
) -> None:
    text = re.sub(rf"(?m)^  {field}: \d+$", f"  {field}: {value}", dump_plan(plan))
    assert expected in _sealed_error(catalog, tmp_path, text)


# -- issue 15 item 5: a long case label is kept or refused, never cut ------------------------------------


def test_a_label_up_to_the_limit_round_trips_and_a_longer_one_is_refused(
    catalog: Catalog, tmp_path: Path
) -> None:
    long = "x" * CASE_LABEL_MAX
    path = tmp_path / "long.yaotong"
    save_plan(build_plan(catalog, case_label=long), path)
    assert load_plan(catalog, path).case_label == long
    text = path.read_text(encoding="utf-8").replace(long, long + "y")
    message = _sealed_error(catalog, tmp_path, text)
    assert f"case_label: {CASE_LABEL_MAX + 1} characters, the limit is {CASE_LABEL_MAX}" in message
    with pytest.raises(ValueError, match="case_label"):
        build_plan(catalog, case_label=long + "y")


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("two\nlines", "line break"),
        ("bell \\a", "control character U+0007"),
        ("nul \\0", "control character U+0000"),
    ],
)
def test_control_characters_in_the_label_are_refused(
    catalog: Catalog, plan, tmp_path: Path, label: str, expected: str
) -> None:
    quoted = '"' + label.replace("\n", "\\n") + '"'
    text = re.sub(r"(?m)^case_label: .*$", lambda _m: f"case_label: {quoted}", dump_plan(plan))
    assert expected in _sealed_error(catalog, tmp_path, text)


# -- issue 15 item 15: unknown techniques and duplicate points are refused --------------------------------


def test_unknown_technique_and_duplicate_entries_are_refused(catalog: Catalog, plan, tmp_path: Path) -> None:
    text = dump_plan(plan)
    first_tech = re.search(r"(?m)^- id: (\w+)$", text).group(1)
    broken = text.replace(f"- id: {first_tech}", "- id: laser_beam", 1)
    assert "unknown technique 'laser_beam'" in _sealed_error(catalog, tmp_path, broken)
    points = text[text.index("points:\n") : text.index("removed:")]
    first = points[len("points:\n") : points.index("- code:", 10)]
    doubled = text.replace(points, points + first, 1)
    message = _sealed_error(catalog, tmp_path, doubled)
    assert "duplicate point" in message and "first at line" in message


def test_duplicate_ids_in_a_list_are_refused(catalog: Catalog, tmp_path: Path) -> None:
    text = "format: yaotong-plan\nversion: 2\ncase_label: x\npatterns: [wind_cold, wind_cold]\n"
    assert "patterns[1]: 'wind_cold' is listed twice" in _error(catalog, _write(tmp_path, text))


# -- issue 15 item 7: temp files of interrupted saves are removed -----------------------------------------


def test_temp_files_left_by_an_interrupted_save_are_removed(catalog: Catalog, plan, tmp_path: Path) -> None:
    path = tmp_path / "case.yaotong"
    for stale in (".case.yaotong.abcd1234.tmp", ".case.yaotong.bak.x_y_z_9q.tmp"):
        (tmp_path / stale).write_bytes(b"half a plan" * 1000)
    (tmp_path / ".other.yaotong.abcd1234.tmp").write_bytes(b"not ours")
    save_plan(plan, path)
    save_plan(plan, path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".other.yaotong.abcd1234.tmp",
        "case.yaotong",
        "case.yaotong.bak",
    ]


def test_a_plan_too_large_to_read_back_is_not_saved(catalog: Catalog, tmp_path: Path) -> None:
    path = tmp_path / "big.yaotong"
    with pytest.raises(PlanFileError, match="too large"):
        save_plan(build_plan(catalog, notes="n" * (3 * 1024 * 1024)), path)
    assert not path.exists() and not list(tmp_path.iterdir())
