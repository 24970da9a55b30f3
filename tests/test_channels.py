"""Channel courses (no Qt): which points a channel's drawn course joins, in what order, on which view."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.domain.anatomy import BACK, FRONT, LEFT, MIRRORED_VIEWS, SIDE, VIEWS
from app.domain.channels import channel_ids, channel_points, channel_runs, course_lines
from app.domain.loader import CatalogError, load_catalog_text
from app.domain.vocabulary import View
from app.paths import catalog_path

CATALOG_TEXT = Path(catalog_path()).read_text(encoding="utf-8")


def test_every_channel_but_the_extra_points_has_a_course(catalog) -> None:
    assert set(channel_ids(catalog)) == set(catalog.channels) - {"EX"}
    assert len(channel_ids(catalog)) == 14


def test_a_channel_runs_through_its_points_in_number_order(catalog) -> None:
    assert channel_points(catalog, "LU") == tuple(f"LU{i}" for i in range(1, 12))
    assert channel_runs(catalog, "LU") == (channel_points(catalog, "LU"),)


def test_the_bladder_channels_outer_line_rejoins_the_inner_one_at_bl40(catalog) -> None:
    inner, outer = channel_runs(catalog, "BL")
    assert inner[0] == "BL1" and inner[-1] == "BL40"
    assert outer[outer.index("BL54") + 1] == "BL40" and outer[-1] == "BL67"
    assert set(inner) | set(outer) == set(channel_points(catalog, "BL"))


def test_the_stomach_channel_branches_down_from_st5(catalog) -> None:
    face, trunk = channel_runs(catalog, "ST")
    assert face[-1] == "ST8" and trunk[:2] == ("ST5", "ST9")


def test_every_course_run_is_sourced(catalog) -> None:
    for channel in catalog.channels.values():
        for run in channel.course:
            assert run.sources and set(run.sources) <= set(catalog.sources), channel.id


def _positions_of(catalog, code: str, view: str) -> set[tuple[float, float]]:
    from app.domain.anatomy import anchor_positions
    from app.domain.models import Laterality

    source = View(view).mirror_of  # the left side: the right side's markers, mirrored
    if source is not None:
        return {(-x, y) for x, y in _positions_of(catalog, code, source)}
    point = catalog.points[code]
    bilateral = point.laterality == Laterality.BILATERAL
    return {xy for a in point.anchors if a.view == view for xy in anchor_positions(a, bilateral)}


@pytest.mark.parametrize("view", [v.value for v in VIEWS])
def test_a_course_joins_only_neighbours_of_a_run_at_their_markers(catalog, view: str) -> None:
    for channel in channel_ids(catalog):
        runs = channel_runs(catalog, channel)
        for line in course_lines(catalog, channel, view):
            assert len(line.codes) == len(line.positions) >= 2
            for code, xy in zip(line.codes, line.positions, strict=True):
                assert xy in _positions_of(catalog, code, view), (channel, code)
            assert any("|".join(line.codes) in "|".join(run) for run in runs), (
                f"{channel}: {line.codes} is not a stretch of a run"
            )


def test_the_left_side_draws_the_right_sides_courses_mirrored(catalog) -> None:
    for channel in channel_ids(catalog):
        right = course_lines(catalog, channel, SIDE)
        left = course_lines(catalog, channel, LEFT)
        assert [line.codes for line in left] == [line.codes for line in right], channel
        for a, b in zip(left, right, strict=True):
            assert a.positions == tuple((-x, y) for x, y in b.positions), channel
    assert course_lines(catalog, "GB", LEFT)  # the gallbladder channel runs down the side


def test_a_bilateral_channel_is_drawn_on_both_sides_of_the_whole_figure(catalog) -> None:
    lines = course_lines(catalog, "BL", BACK)
    assert BACK in MIRRORED_VIEWS
    sides = {line.positions[0][0] > 0 for line in lines}
    assert sides == {True, False}
    # the low back: BL23 to BL26 joined on each side
    for line in lines:
        if "BL23" in line.codes and "BL24" in line.codes:
            assert line.codes.index("BL24") == line.codes.index("BL23") + 1


def test_a_midline_channel_is_drawn_once(catalog) -> None:
    lines = course_lines(catalog, "GV", BACK)
    assert lines
    for line in lines:
        assert all(x == 0 for x, _ in line.positions)
    assert len({line.positions for line in lines}) == len(lines)


def test_a_course_breaks_where_a_point_is_not_on_the_view(catalog) -> None:
    # GV26 (philtrum) is on the front view only: no back-view line reaches it.
    assert not any("GV26" in line.codes for line in course_lines(catalog, "GV", BACK))
    front = [line for line in course_lines(catalog, "GV", FRONT) if "GV26" in line.codes]
    assert all(all(_positions_of(catalog, c, FRONT) for c in line.codes) for line in front)


def test_a_hand_course_stays_on_one_panel_of_the_hand(catalog) -> None:
    """The hand view shows the back of the hand and the palm: the Lung channel runs LU9-LU10 on the
    palm and breaks before LU11 at the thumbnail (on the back of the hand), the Heart channel
    likewise before HT9; the Large Intestine channel runs LI1-LI5 on the back of the hand."""
    from app.domain.hand_figure import panel_of

    for channel in channel_ids(catalog):
        for line in course_lines(catalog, channel, "hand"):
            assert len({panel_of(x) for x, _ in line.positions}) == 1, line.codes
    assert [line.codes for line in course_lines(catalog, "LU", "hand")] == [("LU9", "LU10")]
    assert [line.codes for line in course_lines(catalog, "HT", "hand")] == [("HT7", "HT8")]
    assert [line.codes for line in course_lines(catalog, "LI", "hand")] == [
        ("LI1", "LI2", "LI3", "LI4", "LI5")
    ]


def test_a_foot_course_stays_on_one_panel_of_the_foot(catalog) -> None:
    """The foot close-up's four panels are separate drawings: no course line joins two of them, and
    the Kidney channel still runs from the sole (KI1) only once it is on the medial side."""
    from app.domain.anatomy import FOOT, panel_of

    lines = [line for channel in channel_ids(catalog) for line in course_lines(catalog, channel, FOOT)]
    assert lines
    for line in lines:
        assert len({panel_of(FOOT, x, y) for x, y in line.positions}) == 1, line.codes
    kidney = [line.codes for line in course_lines(catalog, "KI", FOOT)]
    assert all("KI1" not in codes or len(codes) == 1 for codes in kidney)


def _with_course(points: str) -> str:
    text = CATALOG_TEXT.replace(
        "    chinese: 手太陰肺經\n    sources: [who2008, gm_zjs]\n",
        f"    chinese: 手太陰肺經\n    sources: [who2008, gm_zjs]\n    course:\n"
        f"    - points: [{points}]\n      sources: [gm_zjs]\n",
        1,
    )
    assert text != CATALOG_TEXT
    return text


@pytest.mark.parametrize(
    ("points", "message"),
    [
        ("LU1, BL40", "BL40 is not a point of channel LU"),
        ("LU1, LU2, LU1", "a run names two points or more, each once"),
        ("LU1", "a run names two points or more, each once"),
        ("LU1, XX9", "unknown point 'XX9'"),
    ],
)
def test_the_loader_refuses_a_course_that_leaves_its_channel(points: str, message: str) -> None:
    with pytest.raises(CatalogError) as raised:
        load_catalog_text(_with_course(points))
    text = str(raised.value)
    assert message in text
    assert re.search(r"points\.yaml:\d+:\d+: channels\.LU\.course\[0\]\.points", text), text
