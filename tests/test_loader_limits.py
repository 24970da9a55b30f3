"""Hostile and unusual input: size, nesting, aliases, encodings; and the
reusable node helpers other data files (plans, settings) are read with."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.domain import yaml_nodes
from app.domain.errors import CatalogError, DataFileError
from app.domain.loader import load_catalog, load_catalog_text
from app.domain.yaml_nodes import NodeReader, compose_safely

BASE = (Path(__file__).parent / "broken" / "base.yaml").read_text(encoding="utf-8")


def only_problem(exc: DataFileError) -> str:
    assert len(exc.problems) == 1, exc.problems
    return str(exc.problems[0])


def test_oversized_file_is_refused_before_it_is_read(tmp_path) -> None:
    big = tmp_path / "points.yaml"
    big.write_bytes(b"#" * (yaml_nodes.MAX_BYTES + 1))
    with pytest.raises(CatalogError) as caught:
        load_catalog(big)
    limit = yaml_nodes.MAX_BYTES
    assert only_problem(caught.value) == (
        f"points.yaml:1:1: file too large: {limit + 1} bytes (the limit is {limit} bytes)"
    )


def test_oversized_text_is_refused() -> None:
    with pytest.raises(CatalogError, match="file too large"):
        load_catalog_text("a: " + "x" * yaml_nodes.MAX_BYTES)


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
