"""Point search (app.domain.search): pure Python, no Qt."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.models import Laterality, Needling, Point, ReviewStatus
from app.domain.search import PointIndex, compact, damerau_levenshtein_at_most_one, fold, tokens


def _point(
    code: str,
    pinyin: str,
    chinese: str,
    english: str,
    aliases: tuple[str, ...] = (),
    simplified: str | None = None,
) -> Point:
    return Point(
        code=code,
        pinyin=pinyin,
        chinese=chinese,
        simplified=chinese if simplified is None else simplified,
        english=english,
        channel=code.rstrip("0123456789-").split("-")[0],
        region="lower_back",
        laterality=Laterality.BILATERAL,
        location="somewhere",
        location_status=ReviewStatus.STANDARD_TEXT,
        location_sources=("who2008",),
        needling=Needling("needle", ("who2008",)),
        cautions=(),
        anchors=(),
        sources=("who2008",),
        aliases=aliases,
    )


POINTS = [
    _point("BL23", "Shènshū", "腎俞", "Kidney Shu", simplified="肾俞"),
    _point("BL40", "Wěizhōng", "委中", "Middle of the Crook", ("Weizhong", "Xuezhong")),
    _point("BL2", "Zǎnzhú", "攢竹", "Gathered Bamboo"),
    _point("GV4", "Mìngmén", "命門", "Gate of Life"),
    _point("KI3", "Tàixī", "太谿", "Supreme Stream", simplified="太溪"),
    _point("EX-B2", "Jiájǐ", "夾脊", "Huatuo's Paravertebral Points", ("Huatuojiaji",)),
    _point("EX-UE7", "Yāotòngdiǎn", "腰痛點", "Lumbar Pain Point"),
    _point("SI3", "Hòuxī", "後谿", "Back Stream", simplified="后溪"),
]


@pytest.fixture(scope="module")
def index() -> PointIndex:
    return PointIndex(POINTS)


def test_fold_strips_tone_marks_and_case() -> None:
    assert fold("Shènshū") == "shenshu"
    assert fold("Wěizhōng") == "weizhong"
    assert fold("LǙ") == "lu"


def test_tokens_split_letters_from_digits() -> None:
    assert tokens("BL-23") == ["bl", "23"]
    assert tokens("bl 23") == ["bl", "23"]
    assert tokens("EX-UE7") == ["ex", "ue", "7"]
    assert compact("BL-23") == compact("bl 23") == compact("BL23") == "bl23"


@pytest.mark.parametrize("query", ["bl23", "BL23", "BL-23", "bl 23", "Bl_23", " bl23 "])
def test_code_in_any_spelling(index: PointIndex, query: str) -> None:
    assert index.match(query) == {"BL23"}


@pytest.mark.parametrize("query", ["shenshu", "shènshū", "Shen shu", "SHENSHU", "kidney shu", "腎俞", "腎"])
def test_names_with_or_without_tones(index: PointIndex, query: str) -> None:
    assert "BL23" in index.match(query)


@pytest.mark.parametrize("query", ["weizhong", "BL40", "委中", "middle of the crook", "crook", "xuezhong"])
def test_bl40_is_found_by_every_name(index: PointIndex, query: str) -> None:
    assert index.match(query) == {"BL40"}


def test_prefix_narrows_while_typing(index: PointIndex) -> None:
    assert index.match("b") >= {"BL23", "BL40", "BL2"}
    assert index.match("bl2") == {"BL23", "BL2"}
    assert index.match("bl4") == {"BL40"}
    assert index.match("ex") == {"EX-B2", "EX-UE7"}
    assert index.match("ex-ue") == {"EX-UE7"}


@pytest.mark.parametrize(
    "typo",
    [
        "weizhogn",  # transposition
        "weizong",  # deletion
        "weizhoong",  # insertion
        "wiezhong",  # transposition at the start
        "weizhang",  # substitution
        "crok",  # deletion in a 4-letter word
    ],
)
def test_one_typo_is_forgiven(index: PointIndex, typo: str) -> None:
    assert "BL40" in index.match(typo)


@pytest.mark.parametrize("query", ["wiezhnog", "wzihong", "xyzzy"])
def test_two_typos_are_not_forgiven(index: PointIndex, query: str) -> None:
    assert "BL40" not in index.match(query)


def test_short_words_need_an_exact_prefix(index: PointIndex) -> None:
    # "gbv" is one edit from "gv" but too short for typo forgiveness.
    assert index.match("gbv") == frozenset()
    assert index.match("shu") >= {"BL23"}


def test_blank_query_means_no_filter(index: PointIndex) -> None:
    assert index.match("") is None
    assert index.match("   -- ") is None


def test_every_word_must_match(index: PointIndex) -> None:
    assert index.match("kidney stream") == frozenset()
    assert index.match("supreme stream") == {"KI3"}
    assert index.match("back stream") == {"SI3"}


@pytest.mark.parametrize(
    ("query", "code"),
    [("腎俞", "BL23"), ("肾俞", "BL23"), ("肾", "BL23"), ("太谿", "KI3"), ("太溪", "KI3"), ("后溪", "SI3")],
)
def test_simplified_and_traditional_characters_alike(index: PointIndex, query: str, code: str) -> None:
    """Guangming prints simplified characters, WHO traditional: both find the point."""
    assert index.match(query) == {code}


def test_shipped_catalog_is_found_by_simplified_characters(catalog) -> None:
    index = PointIndex(catalog.points)
    assert index.match("肾俞") == index.match("腎俞") == {"BL23"}
    differing = [p for p in catalog.points.values() if p.simplified != p.chinese]
    assert differing, "no point whose simplified characters differ from its traditional ones"
    for point in differing:
        assert point.code in index.match(point.simplified), point.code
        assert point.code in index.match(point.chinese), point.code


def test_chinese_substring(index: PointIndex) -> None:
    assert index.match("痛") == {"EX-UE7"}
    assert index.match("腰痛") == {"EX-UE7"}


@given(st.text(min_size=1, max_size=12), st.text(min_size=1, max_size=12))
@settings(max_examples=300, deadline=None)
def test_distance_check_agrees_with_full_damerau_levenshtein(a: str, b: str) -> None:
    assert damerau_levenshtein_at_most_one(a, b) == (_osa_distance(a, b) <= 1)


@given(st.sampled_from(POINTS), st.data())
@settings(max_examples=200, deadline=None)
def test_any_single_edit_of_a_long_name_still_finds_the_point(point: Point, data: st.DataObject) -> None:
    word = compact(point.pinyin)
    if len(word) < 5:
        return
    i = data.draw(st.integers(0, len(word) - 2))
    edit = data.draw(st.sampled_from(["delete", "swap", "replace", "insert"]))
    if edit == "delete":
        typo = word[:i] + word[i + 1 :]
    elif edit == "swap":
        typo = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    elif edit == "replace":
        typo = word[:i] + "q" + word[i + 1 :]
    else:
        typo = word[:i] + "q" + word[i:]
    assert point.code in PointIndex(POINTS).match(typo)


def test_codes_are_never_corrected() -> None:
    codes = PointIndex([dataclasses.replace(POINTS[0], code=c) for c in ("BL23", "BL24", "BL25", "BL2")])
    assert codes.match("bl23") == {"BL23"}
    assert codes.match("bl 24") == {"BL24"}


def test_index_scales_to_many_points() -> None:
    many = [dataclasses.replace(POINTS[i % len(POINTS)], code=f"SY{i}") for i in range(2000)]
    found = PointIndex(many).match("sy1999")
    assert found == {"SY1999"}


def _osa_distance(a: str, b: str) -> int:
    """Reference optimal-string-alignment distance (the classic quadratic table)."""
    d = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        d[i][0] = i
    for j in range(len(b) + 1):
        d[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]
