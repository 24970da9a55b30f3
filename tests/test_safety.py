"""Safety filtering: EVERY factor-triggered rule in the catalog, iterated (no Qt)."""

from __future__ import annotations

import pytest

from app.domain import safety
from app.domain.models import Catalog, Severity
from app.domain.plan import add_point, build_plan, confirm_include, set_method
from app.domain.vocabulary import NeedleMethod


def _point_rules(catalog: Catalog):
    return [(code, c) for kind, code, c in safety.factor_triggered(catalog) if kind == "point"]


def _technique_rules(catalog: Catalog):
    return [(tid, c) for kind, tid, c in safety.factor_triggered(catalog) if kind == "technique"]


def test_the_catalog_has_the_issue_examples(catalog: Catalog) -> None:
    points = {
        (code, c.factors) for code, c in _point_rules(catalog) if c.severity is Severity.CONTRAINDICATION
    }
    for code in ("LI4", "SP6", "BL60", "BL67"):
        assert (code, ("pregnancy",)) in points, code
    techniques = {(tid, f) for tid, c in _technique_rules(catalog) for f in c.factors}
    assert ("electro", "pacemaker") in techniques
    assert ("bleeding", "anticoagulants") in techniques and ("cupping", "anticoagulants") in techniques
    assert any(f == "first_treatment" for _, f in techniques)


def test_the_issue_examples_in_detail(catalog: Catalog) -> None:
    """Each example issue 4 names is a catalog row, with its severity, factor and sources."""

    def rule(kind: str, subject: str, factor: str):
        found = [
            c
            for k, sub, c in safety.factor_triggered(catalog)
            if (k, sub) == (kind, subject) and factor in c.factors
        ]
        assert found, f"no {kind} rule for {subject} and {factor}"
        for c in found:
            assert c.sources and all(s in catalog.sources for s in c.sources), c.id
        return found[0]

    # Pregnancy: the classical points (GB21 only cautioned: the catalog found no source text forbidding it).
    for code in ("LI4", "SP6", "BL60", "BL67"):
        assert rule("point", code, "pregnancy").severity is Severity.CONTRAINDICATION
    assert rule("point", "GB21", "pregnancy").severity is Severity.CAUTION
    # ... the lumbosacral and the lower-abdominal points, wherever the catalog has them.
    lumbosacral = ("BL23", "BL25", "BL26", "BL52", "GV3", "GV4", "EX-B7", "BL54")
    for code in lumbosacral:
        c = rule("point", code, "pregnancy")
        assert c.severity is Severity.CONTRAINDICATION and "lumbosacral" in c.text
    for code in ("CV4", "CV6"):
        c = rule("point", code, "pregnancy")
        assert c.severity is Severity.CONTRAINDICATION and "lower-abdominal" in c.text
    # A pacemaker and electro-acupuncture; anticoagulants and bleeding or cupping.
    assert rule("technique", "electro", "pacemaker").severity is Severity.CONTRAINDICATION
    for tid in ("bleeding", "cupping"):
        assert rule("technique", tid, "anticoagulants").severity is Severity.CONTRAINDICATION
    # A first treatment: lying down, rest afterwards (a caution on needling).
    first = rule("technique", "needling", "first_treatment")
    assert first.severity is Severity.CAUTION
    assert "lying down" in first.text and "rest" in first.text
    plan = build_plan(catalog, zones=("midline",), factors=("first_treatment",))
    needling = next(t for t in plan.techniques if t.id == "needling")
    assert first in needling.cautions and needling.included


def test_every_point_rule(catalog: Catalog) -> None:
    rules = _point_rules(catalog)
    assert rules
    for code, caution in rules:
        for factor in caution.factors:
            plan = add_point(catalog, build_plan(catalog, factors=(factor,)), code)
            point = plan.point(code)
            assert point is not None, code
            if caution.severity is Severity.CONTRAINDICATION:
                assert caution in point.contraindications
                assert not point.included, f"{code} must be left out for {factor}"
                assert point in plan.left_out()
                confirmed = confirm_include(catalog, plan, code).point(code)
                assert confirmed is not None and confirmed.included and confirmed.overridden
            else:
                assert caution in point.cautions
                assert point.included, f"{code} is only cautioned for {factor}"
            # Without the factor the rule does not apply.
            calm = add_point(catalog, build_plan(catalog), code).point(code)
            assert calm is not None and caution not in (*calm.cautions, *calm.contraindications)


def test_every_technique_rule(catalog: Catalog) -> None:
    rules = _technique_rules(catalog)
    assert rules
    for tid, caution in rules:
        patterns = tuple(p.id for p in catalog.patterns.values() if any(t.id == tid for t in p.techniques))
        for factor in caution.factors:
            plan = build_plan(catalog, patterns=patterns[:1], factors=(factor,))
            technique = next(t for t in plan.techniques if t.id == tid)
            if caution.severity is Severity.CONTRAINDICATION:
                assert caution in technique.contraindications
                assert not technique.included, f"{tid} must be left out for {factor}"
                again = next(t for t in confirm_include(catalog, plan, tid).techniques if t.id == tid)
                assert again.included and again.overridden
            else:
                assert caution in technique.cautions and technique.included


def test_point_methods_carry_their_technique_contraindications(catalog: Catalog) -> None:
    for method in NeedleMethod:
        technique = safety.techniques(catalog).get(method.technique)
        if technique is None:
            continue
        for caution in technique.cautions:
            if caution.severity is not Severity.CONTRAINDICATION or not caution.factors:
                continue
            plan = add_point(catalog, build_plan(catalog, factors=caution.factors), "KI3")
            assert plan.point("KI3").included  # KI3 itself has no factor rule
            plan = set_method(catalog, plan, "KI3", method)
            assert not plan.point("KI3").included, (method, caution.id)
            assert caution in plan.point("KI3").contraindications


def test_confirmation_names_the_caution_and_does_not_cover_new_ones(catalog: Catalog) -> None:
    plan = add_point(catalog, build_plan(catalog, factors=("pregnancy",)), "BL23")
    plan = confirm_include(catalog, plan, "BL23")
    assert plan.point("BL23").included and plan.confirmed["BL23"] == ("bl23_pregnancy",)
    # A pacemaker plus electro on BL23 is a new contraindication: left out again until confirmed.
    plan = build_plan(catalog, plan, factors=("pregnancy", "pacemaker"))
    plan = set_method(catalog, plan, "BL23", NeedleMethod.ELECTRO)
    assert not plan.point("BL23").included
    plan = confirm_include(catalog, plan, "BL23")
    assert plan.point("BL23").included


def test_caution_applies_rule() -> None:
    from app.domain.models import Caution

    always = Caution("x", "t", Severity.CAUTION, (), ("s",))
    only = Caution("y", "t", Severity.CONTRAINDICATION, ("pregnancy",), ("s",))
    assert safety.applies(always, []) and safety.applies(always, ["pregnancy"])
    assert not safety.applies(only, []) and safety.applies(only, ["pregnancy", "fainting"])
    check = safety.check("P", [always, only], ["pregnancy"])
    assert check.contraindicated and check.flagged and check.cautions == (always,)


@pytest.mark.parametrize("factor", ["pregnancy", "anticoagulants", "pacemaker", "skin_lesion"])
def test_full_plan_never_includes_unconfirmed_contraindications(catalog: Catalog, factor: str) -> None:
    plan = build_plan(
        catalog, patterns=tuple(catalog.patterns), zones=tuple(catalog.zones), factors=(factor,)
    )
    for p in plan.points:
        assert p.included == (not p.contraindications)
    for t in plan.techniques:
        assert t.included == (not t.contraindications)
