"""Issue 12 items 1 and 5 (no Qt): the side to needle travels from the plan to its file and the
CLI, and the age fills in the age-linked sign."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.domain.intake import age_linked_signs, differentiate, with_age
from app.domain.models import Catalog, Laterality
from app.domain.plan import build_plan
from app.domain.plan_file import VERSION, PlanFileError, dump_plan, load_plan, read_plan, save_plan, seal
from app.domain.vocabulary import Side


@pytest.fixture
def plan(catalog: Catalog):
    return build_plan(
        catalog,
        patterns=("kidney_qi_deficiency",),
        zones=("leg_side_left",),
        subtypes={"kidney_qi_deficiency": "kidney_yang"},
        sides={"KI3": Side.LEFT, "BL23": Side.RIGHT, "BL40": Side.BOTH},
    )


def midline_code(plan) -> str:
    return next(p.code for p in plan.points if p.side is None)


def test_bilateral_points_carry_the_chosen_side_and_midline_points_none(catalog: Catalog, plan) -> None:
    assert plan.point("KI3").side is Side.LEFT and plan.point("BL23").side is Side.RIGHT
    both = [p for p in plan.points if p.code not in ("KI3", "BL23") and p.side is not None]
    assert both and all(p.side is Side.BOTH for p in both)
    assert all(catalog.points[p.code].laterality is Laterality.MIDLINE for p in plan.points if p.side is None)
    assert dict(plan.sides) == {"KI3": Side.LEFT, "BL23": Side.RIGHT}  # both sides is the default


def test_a_midline_point_has_no_side_to_choose(catalog: Catalog, plan) -> None:
    code = midline_code(plan)
    with pytest.raises(ValueError, match=f"{code} is a midline point"):
        build_plan(catalog, plan, sides={code: Side.LEFT})


def test_the_side_round_trips_through_the_plan_file(catalog: Catalog, plan, tmp_path: Path) -> None:
    path = tmp_path / "case.yaotong"
    save_plan(plan, path)
    text = path.read_text(encoding="utf-8")
    assert f"version: {VERSION}" in text and text.count("side: ") == 2
    again = load_plan(catalog, path)
    assert again.point("KI3").side is Side.LEFT and again.point("BL23").side is Side.RIGHT
    assert dict(again.sides) == dict(plan.sides)


def _sealed(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "edited.yaotong"
    path.write_text(seal(text[: text.rindex("checksum: ")]), encoding="utf-8")
    return path


def test_a_side_on_a_midline_point_is_refused_naming_its_line(catalog: Catalog, plan, tmp_path: Path) -> None:
    code = midline_code(plan)
    text = dump_plan(plan).replace(f"- code: {code}\n", f"- code: {code}\n  side: left\n", 1)
    path = _sealed(tmp_path, text)
    with pytest.raises(PlanFileError) as info:
        read_plan(catalog, path)
    line = text.splitlines().index("  side: left") + 1
    assert f"edited.yaotong:{line}:" in str(info.value)
    assert f"{code} is a midline point" in str(info.value)


def test_a_version_3_file_may_not_carry_a_side(catalog: Catalog, plan, tmp_path: Path) -> None:
    text = dump_plan(plan).replace(f"version: {VERSION}", "version: 3")
    with pytest.raises(PlanFileError, match="side: unknown field"):
        read_plan(catalog, _sealed(tmp_path, text))


def test_a_version_3_file_is_read_with_every_point_on_both_sides(catalog: Catalog, tmp_path: Path) -> None:
    plain = build_plan(catalog, patterns=("kidney_qi_deficiency",))
    text = dump_plan(plain).replace(f"version: {VERSION}", "version: 3")
    loaded = read_plan(catalog, _sealed(tmp_path, text))
    assert loaded.version == 3 and not loaded.plan.sides


def test_the_cli_plan_takes_a_side(catalog: Catalog, capsys) -> None:
    from app.cli import main

    assert main(["plan", "--pattern", "kidney_qi_deficiency", "--side", "KI3=left", "--json"]) == 0
    points = {p["code"]: p for p in json.loads(capsys.readouterr().out)["points"]}
    assert points["KI3"]["side"] == "left" and points["BL23"]["side"] == "both"
    assert main(["plan", "--pattern", "kidney_qi_deficiency", "--side", "KI3=up", "--json"]) == 2
    assert "--side takes POINT=left" in capsys.readouterr().err
    assert main(["plan", "--pattern", "kidney_qi_deficiency", "--side", "GV4=left", "--json"]) == 2
    assert "GV4 is a midline point" in capsys.readouterr().err


# --- the age-linked sign ---------------------------------------------------------------------------
def test_the_catalog_links_the_over_40_sign_to_the_age(catalog: Catalog) -> None:
    assert age_linked_signs(catalog) == {"kd_over_40": 40}


@pytest.mark.parametrize(("age", "held"), [(39, False), (40, True), (50, True)])
def test_an_age_sets_the_age_linked_sign_whatever_was_ticked(catalog: Catalog, age: int, held: bool) -> None:
    for ticked in ((), ("kd_over_40",)):
        signs = with_age(catalog, (*ticked, "kd_insidious_onset"), age)
        assert ("kd_over_40" in signs) is held and "kd_insidious_onset" in signs


def test_without_an_age_the_tick_stands(catalog: Catalog) -> None:
    assert with_age(catalog, ("kd_over_40",), None) == ("kd_over_40",)
    assert with_age(catalog, (), None) == ()


def test_the_plan_scores_the_age_linked_sign_from_the_age(catalog: Catalog) -> None:
    plan = build_plan(catalog, age=50, signs=("kd_insidious_onset",))
    assert "kd_over_40" in plan.signs
    young = build_plan(catalog, plan, age=30)
    assert "kd_over_40" not in young.signs
    older = differentiate(catalog, plan.signs).score_of("kidney_qi_deficiency")
    assert older != differentiate(catalog, young.signs).score_of("kidney_qi_deficiency")


def test_an_older_file_s_one_leg_zone_is_read_as_both_legs_with_a_note(
    catalog: Catalog, tmp_path: Path
) -> None:
    path = tmp_path / "old.yaotong"
    path.write_text(
        "format: yaotong-plan\nversion: 2\ncase_label: old\npatterns: [wind_cold]\n"
        "zones: [leg_side, midline]\n",
        encoding="utf-8",
    )
    loaded = read_plan(catalog, path)
    assert loaded.plan.zones == ("leg_side_left", "leg_side_right", "midline")
    assert any("without saying which leg" in note and "check the side" in note for note in loaded.notes)
    current = dump_plan(build_plan(catalog, zones=("midline",))).replace("- midline", "- leg_side")
    path = _sealed(tmp_path, current)
    with pytest.raises(PlanFileError, match="unknown zone 'leg_side'"):
        read_plan(catalog, path)
