"""Hostile and unusual input: size, nesting, aliases, encodings; and the
reusable node helpers other data files (plans, settings) are read with."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.domain import file_read, yaml_nodes
from app.domain.errors import CatalogError, DataFileError
from app.domain.loader import load_catalog, load_catalog_text
from app.domain.yaml_nodes import NodeReader, compose_safely

BASE = (Path(__file__).parent / "broken" / "base.yaml").read_text(encoding="utf-8")


def only_problem(exc: DataFileError) -> str:
    assert len(exc.problems) == 1, exc.problems
    return str(exc.problems[0])


def test_oversized_file_is_refused_before_it_is_read(tmp_path) -> None:
    big = tmp_path / "points.yaml"
    big.write_bytes(b"#" * (file_read.MAX_BYTES + 1))
    with pytest.raises(CatalogError) as caught:
        load_catalog(big)
    limit = file_read.MAX_BYTES
    assert only_problem(caught.value) == (
        f"points.yaml:1:1: file too large: {limit + 1} bytes (the limit is {limit} bytes)"
    )


def test_oversized_text_is_refused() -> None:
    with pytest.raises(CatalogError, match="file too large"):
        load_catalog_text("a: " + "x" * file_read.MAX_BYTES)


@pytest.mark.parametrize("depth", [65, 1_000, 100_000])
def test_deep_nesting_is_refused_without_crashing(depth: int) -> None:
    # libyaml's recursive composer overflows the C stack near 40 000 levels:
    # this would kill the process, not raise, without the depth check.
    with pytest.raises(CatalogError) as caught:
        load_catalog_text("points: " + "[" * depth + "]" * depth)
    assert only_problem(caught.value).endswith(": nesting deeper than 64 levels")


def test_block_nesting_is_measured_too() -> None:
    text = "".join("  " * i + f"k{i}:\n" for i in range(80)) + "  " * 80 + "leaf\n"
    with pytest.raises(CatalogError, match="nesting deeper than 64 levels"):
        load_catalog_text(text)


def test_too_many_aliases() -> None:
    lines = ["a: &a x", "b: [" + ", ".join(["*a"] * (yaml_nodes.MAX_ALIASES + 1)) + "]"]
    with pytest.raises(CatalogError) as caught:
        load_catalog_text("\n".join(lines))
    assert only_problem(caught.value) == (
        f"points.yaml:2:4: b[{yaml_nodes.MAX_ALIASES}]: too many aliases (more than {yaml_nodes.MAX_ALIASES})"
    )


def test_ordinary_anchors_and_aliases_are_fine() -> None:
    text = BASE.replace(
        "disclaimer: {text: A test catalog., sources: [book]}", "disclaimer: {text: A., sources: &b [book]}"
    )
    text = text.replace(
        "    principle: {text: Warm., sources: [book]}", "    principle: {text: Warm., sources: *b}"
    )
    catalog = load_catalog_text(text)
    assert catalog.patterns["wind_cold"].principle.sources == ("book",)


def test_byte_order_mark_and_crlf_are_accepted() -> None:
    data = b"\xef\xbb\xbf" + BASE.replace("\n", "\r\n").encode("utf-8")
    assert load_catalog_text(data).points["BL23"].chinese == "腎俞"


def test_utf16_is_reported_as_not_utf8() -> None:
    with pytest.raises(CatalogError) as caught:
        load_catalog_text(BASE.encode("utf-16"))
    assert only_problem(caught.value) == (
        "points.yaml:1:1: invalid UTF-8: byte 0xff at byte offset 0 (save the file as UTF-8)"
    )


def test_a_directory_is_reported_not_raised(tmp_path) -> None:
    with pytest.raises(CatalogError, match=rf"^{tmp_path.name}:1:1: cannot read the file"):
        load_catalog(tmp_path)


def test_node_reader_serves_other_files() -> None:
    """A plan file reader uses the same helpers and gets the same error style."""
    root = compose_safely("name: My plan\nsessions: ten\nextra: 1\n", "plan.yaml")
    reader = NodeReader("plan.yaml")
    fields = reader.fields(root, "", required=("name", "sessions", "points"), optional=())
    assert fields is not None
    assert reader.text(fields["name"], "name") == "My plan"
    assert reader.integer(fields["sessions"], "sessions") is None
    with pytest.raises(DataFileError) as caught:
        reader.raise_if_problems()
    assert [str(p) for p in caught.value.problems] == [
        "plan.yaml:1:1: missing required field 'points'",
        "plan.yaml:2:11: sessions: expected an integer, got text",
        "plan.yaml:3:1: extra: unknown field (expected one of: name, points, sessions)",
    ]
    assert not isinstance(caught.value, CatalogError)


def test_node_reader_numbers_and_choices() -> None:
    root = compose_safely("a: 0x10\nb: 1_000.5\nc: yes\nd: red\ne: .inf\n", "x.yaml")
    reader = NodeReader("x.yaml")
    values = {key: node for key, _, node in reader.mapping(root, "") or []}
    assert reader.integer(values["a"], "a") == 16
    assert reader.number(values["b"], "b") == 1000.5
    assert reader.boolean(values["c"], "c") is True
    assert reader.choice(values["d"], "d", ("green", "blue")) is None
    assert reader.number(values["e"], "e") is None
    assert [p.message for p in reader.problems] == [
        "'red' is not one of: green, blue",
        "'.inf' is not a finite number",
    ]


# -- issue 15 items 10, 11, 15: limits, special files, line endings, what reaches a terminal -------------


@pytest.mark.parametrize(
    ("weight", "shown"),
    [
        ("-1", "'-1'"),
        ("0", "'0'"),
        ("2.0", "'2.0'"),
        ("0x2", "'0x2'"),
        ("1.0e+308", "'1.0e+308'"),
        ("'2'", "text"),
    ],
)
def test_sign_weights_are_whole_numbers_from_1_to_3(weight: str, shown: str) -> None:
    text = BASE.replace("group: pulse, weight: 2,", f"group: pulse, weight: {weight},", 1)
    with pytest.raises(CatalogError) as caught:
        load_catalog_text(text)
    message = only_problem(caught.value)
    assert message.endswith(
        f"patterns.wind_cold.signs[0].weight: expected a whole number from 1 to 3, got {shown}"
    )


@pytest.mark.parametrize("escape", ["\\0", "\\e", "\\a", "\\x7f", "\\x85", "\\b"])
def test_quoted_escapes_cannot_smuggle_control_characters(escape: str) -> None:
    text = BASE.replace("text: Perpendicular.", f'text: "Perpen{escape}dicular."', 1)
    with pytest.raises(
        CatalogError, match=r"points.BL23.needling.text: control character U\+00[0-9A-F]{2} is not allowed"
    ):
        load_catalog_text(text)


def test_tabs_and_line_breaks_in_text_are_fine() -> None:
    text = BASE.replace("text: Perpendicular.", 'text: "Perpendicular,\\tthen\\nup."', 1)
    assert load_catalog_text(text).points["BL23"].needling.text == "Perpendicular,\tthen\nup."


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_is_refused_without_waiting(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    fifo = tmp_path / "points.yaml"
    os.mkfifo(fifo)
    run = subprocess.run(
        [sys.executable, "-m", "app", "validate", str(fifo)],
        capture_output=True,
        text=True,
        timeout=60,  # before the fix: forever
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert run.returncode == 1
    assert run.stdout == "points.yaml:1:1: cannot read the file: it is a pipe (FIFO), not a regular file\n"


def test_cr_only_line_endings_give_the_same_line_numbers(tmp_path: Path) -> None:
    broken = Path(__file__).parent / "broken"
    for name in ("unknown_point.yaml", "invalid_utf8.yaml", "syntax_bad_indent.yaml"):
        data = (broken / name).read_bytes()
        expected = data.split(b"\n")[0].decode().removeprefix("# expect: ")
        for ending in (b"\r", b"\r\n"):
            path = tmp_path / name
            path.write_bytes(data.replace(b"\n", ending))
            with pytest.raises(CatalogError) as caught:
                load_catalog(path)
            got = str(caught.value.problems[0])
            if ending == b"\r":
                assert got == f"{name}:{expected}"
            else:  # the same line and column (a byte offset counts the CRs)
                assert got.split(": ")[0] == f"{name}:{expected}".split(": ")[0]


def test_a_file_wrong_everywhere_stops_at_the_problem_cap() -> None:
    junk = "".join(f"  bogus_field_{i}: {i}\n" for i in range(20_000))
    first_source = (
        "  book: {kind: textbook, citation: A test textbook., "
        "note: Read for the tests., licence: Test data.}\n"
    )
    assert first_source in BASE
    text = BASE.replace(first_source, first_source + "  extra:\n" + junk, 1)
    with pytest.raises(CatalogError) as caught:
        load_catalog_text(text)
    problems = caught.value.problems
    assert len(problems) == yaml_nodes.MAX_PROBLEMS + 1
    assert (
        problems[-1].message
        == f"more than {yaml_nodes.MAX_PROBLEMS} problems: stopped here (fix these first)"
    )


def test_tags_everywhere_stop_at_the_cap_too() -> None:
    text = "schema_version: 1\nnotes:\n" + "".join(f"  - !weird{i} x\n" for i in range(50_000))
    with pytest.raises(CatalogError) as caught:
        load_catalog_text(text)
    assert len(caught.value.problems) == yaml_nodes.MAX_PROBLEMS + 1
    assert "notes[199]" in str(caught.value.problems[-2])


def test_echoed_values_are_short_and_escaped() -> None:
    huge = "x" * 1_000_000
    text = BASE.replace("laterality: bilateral", f"laterality: {huge}", 1)
    text = text.replace("  GV4:\n", '  GV4:\n    "col\\e[31mour": red\n', 1)
    with pytest.raises(CatalogError) as caught:
        load_catalog_text(text)
    printed = str(caught.value)
    assert len(printed) < 2_000 and "\x1b" not in printed
    assert "points.GV4.col\\x1b[31mour: unknown field" in printed
    assert "'xxxxxxxx" in printed and "…' is not one of: bilateral, midline" in printed


def test_control_characters_in_a_file_never_reach_the_terminal(tmp_path: Path, capsys) -> None:
    from app.cli import main

    path = tmp_path / "evil.yaml"
    path.write_bytes(b'schema_version: 1\n"\\e]0;pwned\\a": 1\n')
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "\\x1b]0;pwned\\x07: unknown field" in out
