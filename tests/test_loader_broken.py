"""The broken-file corpus: each file in ``tests/broken/`` departs from
``base.yaml`` by one fault (or is a tiny file that is wrong as a whole) and
starts with one ``# expect: LINE:COLUMN: PATH: MESSAGE`` comment per problem the
loader must report, in order, exactly."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.domain.errors import CatalogError
from app.domain.loader import load_catalog

BROKEN = Path(__file__).parent / "broken"
VALID_FILES = {"base.yaml", "valid.yaml"}
CORPUS = sorted(p for p in BROKEN.glob("*.yaml") if p.name not in VALID_FILES)
EXPECT = b"# expect: "


def expected_problems(path: Path) -> list[str]:
    lines = path.read_bytes().splitlines()
    return [line[len(EXPECT) :].decode("utf-8") for line in lines if line.startswith(EXPECT)]


def test_the_corpus_is_large_enough() -> None:
    assert len(CORPUS) >= 30


@pytest.mark.parametrize("name", sorted(VALID_FILES))
def test_the_bases_are_valid(name: str) -> None:
    load_catalog(BROKEN / name)


@pytest.mark.parametrize("path", CORPUS, ids=[p.stem for p in CORPUS])
def test_broken_file_reports_exactly_its_problems(path: Path) -> None:
    expected = expected_problems(path)
    assert expected, f"{path.name} has no '# expect:' line"
    with pytest.raises(CatalogError) as caught:
        load_catalog(path)
    problems = caught.value.problems
    assert {p.file for p in problems} == {path.name}
    assert [str(p).removeprefix(f"{path.name}:") for p in problems] == expected
    # str() of the error is every problem, one per line
    assert str(caught.value).splitlines() == [f"{path.name}:{e}" for e in expected]
