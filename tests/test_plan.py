"""Plan merging, zones, course and edits (no Qt)."""

from __future__ import annotations

from dataclasses import replace
from types import MappingProxyType

import pytest

from app.domain.intake import UnknownIdError
from app.domain.models import Catalog, NeedleMethod
from app.domain.plan import (
    add_point,
    build_plan,
    default_course,
    remove_point,
    serves,
    set_method,
    suggested_method,
)


def test_merges_patterns_without_duplicates_and_keeps_every_reason(catalog: Catalog) -> None:
    patterns = ("blood_stagnation", "kidney_qi_deficiency")
    plan = build_plan(catalog, patterns=patterns)
    codes = [p.code for p in plan.points]
    assert len(codes) == len(set(codes))
    items = [
        x
        for pid in patterns
        for x in (*catalog.patterns[pid].prescription.local, *catalog.patterns[pid].prescription.distal)
    ]
    # A subtype's points wait until the subtype is decided (kidney yang: GV4, BL52).
    expected = {x.point for x in items if x.subtype is None}
    assert set(codes) == expected
    assert {code for _, code in plan.held} == {x.point for x in items if x.subtype is not None} - expected
    bl23 = plan.point("BL23")
    assert {(r.kind, r.id) for r in bl23.reasons} == {("pattern", p) for p in patterns}
    role = next(x.role for x in catalog.patterns["blood_stagnation"].prescription.local if x.point == "BL23")
    assert any(r.role == role for r in bl23.reasons)
    assert "Blood stagnation" in serves(catalog, bl23) and "Kidney" in serves(catalog, bl23)


def test_zones_add_their_channel_points_with_the_reason(catalog: Catalog) -> None:
    for zid, zone in catalog.zones.items():
        plan = build_plan(catalog, zones=(zid,))
        assert [p.code for p in plan.points] == [d.point for d in zone.distal]
        for p, d in zip(plan.points, zone.distal, strict=True):
            assert p.reasons[0].kind == "zone" and p.reasons[0].id == zid and p.reasons[0].role == d.role


def test_pattern_and_zone_share_a_point(catalog: Catalog) -> None:
    plan = build_plan(catalog, patterns=("kidney_qi_deficiency",), zones=("leg_back_left",))
    bl40 = plan.point("BL40")
    assert [r.kind for r in bl40.reasons] == ["pattern", "zone"]


def test_course_comes_from_guidance_values(catalog: Catalog) -> None:
    course = default_course(catalog)
    # Guangming's 10-session course and 10-20 minute retention; NHS Gloucestershire's month (issue 11:
    # the seed clinics' 6-12 sessions, 15-30 minutes and 6-8 weeks are their claims, not the default).
    assert (course.sessions_min, course.sessions_max) == (10, 10)
    assert (course.minutes_min, course.minutes_max) == (10, 20)
    assert (course.reassess_weeks_min, course.reassess_weeks_max) == (4, 4)
    assert course.sources and all(s in catalog.sources for s in course.sources)
    assert build_plan(catalog).course == course


def test_default_method_follows_the_patterns_needling_technique(catalog: Catalog) -> None:
    assert suggested_method(catalog, "kidney_qi_deficiency") is NeedleMethod.TONIFY
    assert suggested_method(catalog, "blood_stagnation") is NeedleMethod.REDUCE
    plan = build_plan(catalog, patterns=("kidney_qi_deficiency",))
    assert plan.point("KI3").method is NeedleMethod.TONIFY


def with_needle_method(catalog: Catalog, pattern_id: str, method: NeedleMethod) -> Catalog:
    """The catalog with one pattern's needling technique given another needle_method (names kept)."""
    pattern = catalog.patterns[pattern_id]
    techniques = tuple(
        replace(t, needle_method=method) if t.id == "needling" else t for t in pattern.techniques
    )
    patterns = {**catalog.patterns, pattern_id: replace(pattern, techniques=techniques)}
    return replace(catalog, patterns=MappingProxyType(patterns))


def test_default_method_is_the_catalogs_needle_method_not_a_word_in_the_name(catalog: Catalog) -> None:
    needling = next(t for t in catalog.patterns["blood_stagnation"].techniques if t.id == "needling")
    assert "reducing" in needling.name.lower() and needling.needle_method is NeedleMethod.REDUCE
    variant = with_needle_method(catalog, "blood_stagnation", NeedleMethod.TONIFY)
    assert suggested_method(variant, "blood_stagnation") is NeedleMethod.TONIFY
    first_local = catalog.patterns["blood_stagnation"].prescription.local[0].point
    assert (
        build_plan(variant, patterns=("blood_stagnation",)).point(first_local).method is NeedleMethod.TONIFY
    )
    even = with_needle_method(catalog, "kidney_qi_deficiency", NeedleMethod.EVEN)
    assert suggested_method(even, "kidney_qi_deficiency") is NeedleMethod.EVEN


def test_every_needle_method_is_a_plan_method(catalog: Catalog) -> None:
    assert {m.value for m in NeedleMethod} <= {m.value for m in NeedleMethod}
    named = {}
    for pid, pattern in catalog.patterns.items():
        needling = [t for t in pattern.techniques if t.id == "needling"]
        assert all(t.needle_method is None for t in pattern.techniques if t.id != "needling"), pid
        if needling and needling[0].needle_method is not None:
            named[pid] = needling[0].needle_method.value
            assert suggested_method(catalog, pid).value == named[pid], pid
        else:  # the source names no method: the plan starts at even
            assert suggested_method(catalog, pid) is NeedleMethod.EVEN, pid
    # Guangming's methods: reducing for the excess types, reinforcing for kidney deficiency, even for
    # liver qi stagnation (its rule for liver qi stagnation in general)
    assert named == {
        "blood_stagnation": "reduce",
        "kidney_qi_deficiency": "tonify",
        "liver_qi_stagnation": "even",
        "wind_cold": "reduce",
        "cold_damp": "reduce",
        "damp_heat": "reduce",
    }


def test_edits_survive_re_merging(catalog: Catalog) -> None:
    plan = build_plan(catalog, patterns=("wind_cold",))
    plan = add_point(catalog, plan, "GB34")
    plan = remove_point(catalog, plan, "BL26")
    plan = set_method(catalog, plan, "BL23", NeedleMethod.MOXIBUSTION)
    plan = build_plan(catalog, plan, patterns=("wind_cold", "kidney_qi_deficiency"), zones=("midline",))
    assert plan.point("GB34") is not None and plan.point("GB34").reasons[-1].kind == "added"
    assert plan.point("BL26") is None and "BL26" in plan.removed
    assert plan.point("BL23").method is NeedleMethod.MOXIBUSTION
    # Removing a pattern's point and adding it back restores its reasons.
    plan = add_point(catalog, remove_point(catalog, plan, "BL40"), "BL40")
    assert {r.kind for r in plan.point("BL40").reasons} == {"pattern", "zone", "added"}  # midline zone too
    # Removing a hand-added point drops it.
    plan = remove_point(catalog, plan, "GB34")
    assert plan.point("GB34") is None


def test_unknown_ids_are_refused(catalog: Catalog) -> None:
    with pytest.raises(UnknownIdError, match="no_pattern"):
        build_plan(catalog, patterns=("no_pattern",))
    with pytest.raises(UnknownIdError, match="elbow"):
        build_plan(catalog, zones=("elbow",))
    with pytest.raises(UnknownIdError, match="BL99"):
        add_point(catalog, build_plan(catalog), "BL99")


def test_red_flags_and_case_label_are_kept(catalog: Catalog) -> None:
    plan = build_plan(catalog, patterns=("wind_cold",), red_flags=("cauda_equina",), case_label="Case 7")
    plan = add_point(catalog, plan, "GB34")
    assert plan.red_flags == ("cauda_equina",) and plan.case_label == "Case 7"


def test_age_is_kept_and_checked(catalog: Catalog) -> None:
    plan = build_plan(catalog, patterns=("wind_cold",), age=58)
    assert build_plan(catalog, plan, zones=("midline",)).age == 58
    for bad in (0, 131, "58", True, 5.5):
        with pytest.raises(ValueError, match="age"):
            build_plan(catalog, age=bad)
