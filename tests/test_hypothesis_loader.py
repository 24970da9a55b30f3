"""Random damage to the real catalog never makes the loader raise anything but
``CatalogError``, and every problem it reports points inside the file."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.domain.errors import CatalogError
from app.domain.loader import load_catalog_text
from app.paths import catalog_path

ORIGINAL: bytes = Path(catalog_path()).read_bytes()

# Fragments that stress the YAML layer: indicators, tags, anchors, aliases,
# quotes, tabs, control characters, a byte that is never UTF-8.
FRAGMENTS = [
    b":", b"- ", b"[", b"]", b"{", b"}", b",", b"#", b"&a ", b"*a", b"!", b"!!python/object:os.system ",
    b"!foo ", b"!!binary ", b"!!int ", b"!!float ", b"!!bool ", b"!!str ", b"!!null ",
    b"<<: ", b"? ", b"|", b">", b"'", b'"', b"\t", b"\x00", b"\x07", b"\xff",
    b"\xe6\x84", b"---\n", b"...\n", b"%YAML 1.1\n", b"null", b"~", b"yes", b"1e999", b".nan", b"BL99", b"  ",
    b"\n", b"\r", "腎".encode(),
]  # fmt: skip

position = st.integers(min_value=0, max_value=len(ORIGINAL))
mutation = st.one_of(
    st.tuples(st.just("delete_line"), position),
    st.tuples(st.just("duplicate_line"), position),
    st.tuples(st.just("swap_lines"), position, position),
    st.tuples(st.just("replace_byte"), position, st.integers(0, 255)),
    st.tuples(st.just("insert"), position, st.sampled_from(FRAGMENTS)),
    st.tuples(st.just("delete_span"), position, st.integers(1, 400)),
    st.tuples(st.just("truncate"), position),
)


def apply(data: bytes, step: tuple) -> bytes:
    kind, at, *rest = step
    if kind in ("delete_line", "duplicate_line", "swap_lines"):
        lines = data.split(b"\n")
        i = at % len(lines)
        if kind == "delete_line":
            del lines[i]
        elif kind == "duplicate_line":
            lines.insert(i, lines[i])
        else:
            j = rest[0] % len(lines)
            lines[i], lines[j] = lines[j], lines[i]
        return b"\n".join(lines)
    at = at % (len(data) + 1)
    if kind == "replace_byte":
        return data[:at] + bytes([rest[0]]) + data[at + 1 :]
    if kind == "insert":
        return data[:at] + rest[0] + data[at:]
    if kind == "delete_span":
        return data[:at] + data[at + rest[0] :]
    return data[:at]  # truncate


# 60 damaged copies of the 21,000-line atlas catalog: about 30 s on one core, well inside the timeout
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(mutation, min_size=1, max_size=3))
def test_damaged_catalog_raises_only_catalog_error(steps: list[tuple]) -> None:
    data = ORIGINAL
    for step in steps:
        data = apply(data, step)
    try:
        load_catalog_text(data, "points.yaml")
    except CatalogError as exc:
        assert exc.problems
        line_count = data.count(b"\n") + 1
        for problem in exc.problems:
            assert problem.file == "points.yaml"
            assert 1 <= problem.line <= line_count + 1, str(problem)
            assert problem.column >= 1, str(problem)
            assert problem.message, str(problem)
            assert str(problem).startswith(f"points.yaml:{problem.line}:{problem.column}: ")
