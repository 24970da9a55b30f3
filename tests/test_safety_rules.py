"""Every safety rule of the shipped catalog fires on its own trigger and target, and on nothing else
(no Qt). The table is the catalog itself: a new rule is tested the moment it is written."""

from __future__ import annotations

from dataclasses import replace

import pytest

from app.domain import safety
from app.domain.loader import load_catalog
from app.domain.models import Catalog, Effect, Point, SafetyRule, Trigger
from app.paths import catalog_path

CATALOG = load_catalog(catalog_path())
NO_PATIENT = safety.Patient()
RULES = sorted(CATALOG.safety_rules.values(), key=lambda r: r.id)


def patient_for(trigger: Trigger) -> safety.Patient:
    """A patient who meets exactly this trigger."""
    if trigger.factor:
        return replace(NO_PATIENT, factors=frozenset({trigger.factor}))
    if trigger.red_flag:
        return replace(NO_PATIENT, red_flags=frozenset({trigger.red_flag}))
    if trigger.sign:
        return replace(NO_PATIENT, signs=frozenset({trigger.sign}))
    if trigger.subtype:
        return replace(NO_PATIENT, subtypes=frozenset({trigger.subtype}))
    if trigger.age_over is not None:
        return replace(NO_PATIENT, age=trigger.age_over + 1)
    if trigger.age_under is not None:
        return replace(NO_PATIENT, age=trigger.age_under - 1)
    return NO_PATIENT  # always


def just_short_of(trigger: Trigger) -> safety.Patient | None:
    """A patient who almost meets the trigger (the age at the limit), or None for an always rule."""
    if trigger.always:
        return None
    if trigger.age_over is not None:
        return replace(NO_PATIENT, age=trigger.age_over)
    if trigger.age_under is not None:
        return replace(NO_PATIENT, age=trigger.age_under)
    return NO_PATIENT


def ids(findings) -> set[str]:
    return {f.id for f in findings}


def subject_of(rule: SafetyRule, catalog: Catalog) -> tuple[Point | None, str | None]:
    """A point the rule picks (None when it picks no points) and the technique to treat it with."""
    target = rule.applies_to
    technique = target.techniques[0] if target.techniques else "needling"
    if not safety.picks_points(target):
        return None, technique if target.techniques else None
    point = next((p for p in catalog.points.values() if safety.point_matches(target, p)), None)
    assert point is not None, f"{rule.id}: no point of the catalog meets its target"
    return point, technique


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_fires_on_its_trigger_and_target(rule: SafetyRule) -> None:
    patient = patient_for(rule.when)
    fired = safety.fired_rules(CATALOG, patient)
    assert rule.id in {r.id for r, _ in fired}
    point, technique = subject_of(rule, CATALOG)
    if point is not None:
        assert rule.id in ids(safety.point_findings(CATALOG, point, technique or "needling", patient, fired))
    elif technique is not None:
        merged = safety.techniques(CATALOG).get(technique)
        assert merged is not None, f"{rule.id}: no pattern uses technique {technique}"
        assert rule.id in ids(safety.technique_findings(CATALOG, merged, (), patient, fired))
    else:
        assert rule.effect in (Effect.ADVICE, Effect.REFER)
        assert rule.id in ids(safety.plan_findings(CATALOG, fired))
    assert rule.sources and all(s in CATALOG.sources for s in rule.sources)


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_fires_on_nothing_else(rule: SafetyRule) -> None:
    short = just_short_of(rule.when)
    if short is not None:  # the patient without the trigger: the rule is silent everywhere
        assert rule.id not in {r.id for r, _ in safety.fired_rules(CATALOG, short)}
        others = [r for r in RULES if r.when != rule.when and not r.when.always]
        for other in others:
            patient = patient_for(other.when)
            fired = {r.id for r, _ in safety.fired_rules(CATALOG, patient)}
            if rule.id in fired:  # only when both answer the same thing (e.g. two age limits)
                assert rule.when.age_over is not None or rule.when.age_under is not None, (rule.id, other.id)
    target = rule.applies_to
    if safety.picks_points(target):  # a point outside the target never gets it
        patient = patient_for(rule.when)
        fired = safety.fired_rules(CATALOG, patient)
        outside = next(p for p in CATALOG.points.values() if not safety.point_matches(target, p))
        technique = target.techniques[0] if target.techniques else "needling"
        assert rule.id not in ids(safety.point_findings(CATALOG, outside, technique, patient, fired))
        if target.techniques:  # nor a point of the target treated with another technique
            other = next(t for t in ("needling", "moxibustion", "electro") if t not in target.techniques)
            inside = next(p for p in CATALOG.points.values() if safety.point_matches(target, p))
            assert rule.id not in ids(safety.point_findings(CATALOG, inside, other, patient, fired))


def test_every_factor_and_red_flag_has_a_rule_or_is_a_gate() -> None:
    """A factor the intake offers always does something, or says it does nothing (issue 10)."""
    answered = {r.when.factor for r in RULES}
    answered |= {f for p in CATALOG.points.values() for c in p.cautions for f in c.factors}
    missing = sorted(set(CATALOG.factors) - answered)
    assert not missing, f"factors with no rule: {missing}"
    for flag in CATALOG.red_flags.values():
        assert flag.patient and flag.urgency, flag.id
