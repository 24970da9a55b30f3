"""The safety check: the catalog's rules applied to one patient and one plan.

Pure Python, and no rule lives here. The rules are catalog data:

- ``safety_rules``: a trigger (a patient factor, a standing red flag, a checked
  sign, a pattern subtype, or an age), a target (techniques, and/or points by
  code, region, the structures beneath them or their needling depth), an effect
  (leave out, caution, limit the depth, change the technique, advice, refer) and
  words for the practitioner and the patient, each rule with its sources;
- the ``cautions`` of a point or technique: with ``factors`` they are rules for
  that point or technique (a contraindication leaves it out, a caution flags it);
  without, they apply to everyone.

:func:`evaluate` turns them into :class:`Finding` objects on each point and
technique of a plan, and :func:`safety_check` lists, for every factor, red flag,
sign, subtype decision and the age, what it changed in this plan, or that it
changed nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from .models import (
    Catalog,
    Caution,
    Effect,
    NeedleAngle,
    Pattern,
    Point,
    SafetyRule,
    Severity,
    Target,
    Technique,
    Trigger,
    Urgency,
)


@dataclass(frozen=True, slots=True)
class Cause:
    """What made a rule apply: a factor, red flag, sign, subtype or the age; ``always`` for none."""

    kind: str  # "factor" | "red_flag" | "sign" | "subtype" | "age" | "always"
    id: str  # the factor, flag, sign or subtype id; "age"; "" for always

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.id}" if self.id else self.kind


ALWAYS = Cause("always", "")


@dataclass(frozen=True, slots=True)
class Finding:
    """One rule or caution that applies to a point, a technique or the whole plan for this patient."""

    id: str  # the rule or caution id (a confirmation names it)
    cause: Cause
    effect: Effect
    text: str
    sources: tuple[str, ...]
    patient: str | None = None
    max_depth: float | None = None
    angle: NeedleAngle | None = None
    replace_with: str | None = None
    urgency: Urgency | None = None

    @property
    def blocks(self) -> bool:
        """Leaves its subject out of the plan unless the practitioner confirms it."""
        return self.effect is Effect.LEAVE_OUT


@dataclass(frozen=True, slots=True)
class Patient:
    """What the safety rules are asked about."""

    factors: frozenset[str] = frozenset()
    red_flags: frozenset[str] = frozenset()
    signs: frozenset[str] = frozenset()
    subtypes: frozenset[str] = frozenset()  # decided subtype ids
    age: int | None = None

    def causes(self, trigger: Trigger) -> Cause | None:
        """The cause if ``trigger`` fires for this patient, else None."""
        if trigger.always:
            return ALWAYS
        if trigger.factor is not None:
            return Cause("factor", trigger.factor) if trigger.factor in self.factors else None
        if trigger.red_flag is not None:
            return Cause("red_flag", trigger.red_flag) if trigger.red_flag in self.red_flags else None
        if trigger.sign is not None:
            return Cause("sign", trigger.sign) if trigger.sign in self.signs else None
        if trigger.subtype is not None:
            return Cause("subtype", trigger.subtype) if trigger.subtype in self.subtypes else None
        if self.age is not None and trigger.age_over is not None and self.age > trigger.age_over:
            return Cause("age", "age")
        if self.age is not None and trigger.age_under is not None and self.age < trigger.age_under:
            return Cause("age", "age")
        return None


def rule_finding(rule: SafetyRule, cause: Cause) -> Finding:
    return Finding(
        rule.id,
        cause,
        rule.effect,
        rule.practitioner,
        rule.sources,
        rule.patient,
        rule.max_depth,
        rule.angle,
        rule.replace_with,
        rule.urgency,
    )


def caution_finding(caution: Caution, patient: Patient) -> Finding | None:
    """A point's or technique's caution as a finding, if it applies to this patient."""
    if caution.factors:
        hit = next((f for f in caution.factors if f in patient.factors), None)
        if hit is None:
            return None
        cause = Cause("factor", hit)
    else:
        cause = ALWAYS
    if caution.severity is Severity.CONTRAINDICATION:
        effect = Effect.LEAVE_OUT
    elif caution.max_depth is not None or caution.angle is not None:
        effect = Effect.LIMIT_DEPTH
    else:
        effect = Effect.CAUTION
    return Finding(
        caution.id,
        cause,
        effect,
        caution.text,
        caution.sources,
        max_depth=caution.max_depth,
        angle=caution.angle,
    )


def picks_points(target: Target) -> bool:
    return bool(target.points or target.regions or target.channels or target.structures) or (
        target.depth_over is not None or target.every_point
    )


def point_matches(target: Target, point: Point) -> bool:
    """Whether the point meets every point selector of the target (its technique aside)."""
    if not picks_points(target):
        return False
    if target.points and point.code not in target.points:
        return False
    if target.regions and point.region not in target.regions:
        return False
    if target.channels and point.channel not in target.channels:
        return False
    below = set(point.deep.structures) if point.deep is not None else set()
    if target.structures and not set(target.structures) & below:
        return False
    depth = point.needling.depth_max
    return target.depth_over is None or (depth is not None and depth > target.depth_over)


def fired_rules(catalog: Catalog, patient: Patient) -> list[tuple[SafetyRule, Cause]]:
    out = []
    for rule in catalog.safety_rules.values():
        cause = patient.causes(rule.when)
        if cause is not None:
            out.append((rule, cause))
    return out


def point_findings(
    catalog: Catalog,
    point: Point,
    technique: str,
    patient: Patient,
    fired: Sequence[tuple[SafetyRule, Cause]],
) -> tuple[Finding, ...]:
    """Every finding on ``point`` treated with ``technique`` (a technique id), in catalog order."""
    found: list[Finding] = []
    for caution in point.cautions:
        if caution.techniques and technique not in caution.techniques:
            continue
        finding = caution_finding(caution, patient)
        if finding is not None:
            found.append(finding)
    for rule, cause in fired:
        target = rule.applies_to
        if target.techniques and technique not in target.techniques:
            continue
        if picks_points(target):
            if point_matches(target, point):
                found.append(rule_finding(rule, cause))
        elif target.techniques:  # a technique rule: every point treated with it
            found.append(rule_finding(rule, cause))
    return _unique(found)


# Effects that act on a whole technique when it is applied at points a rule picks.
_WHOLE_TECHNIQUE = (Effect.LEAVE_OUT, Effect.CHANGE_TECHNIQUE)


def technique_findings(
    catalog: Catalog,
    technique: Technique,
    points: Iterable[Point],
    patient: Patient,
    fired: Sequence[tuple[SafetyRule, Cause]],
) -> tuple[Finding, ...]:
    """Every finding on a technique of the plan. ``points`` are where it is applied: its ``at``
    points where the catalog gives them, else the plan's points of the patterns that use it. A
    rule for the technique at some points leaves it out (or changes it) when it is applied at any
    of them: in pregnancy, moxibustion on a lumbosacral prescription is left out."""
    found: list[Finding] = []
    for caution in technique.cautions:
        finding = caution_finding(caution, patient)
        if finding is not None:
            found.append(finding)
    where = list(points)
    for rule, cause in fired:
        target = rule.applies_to
        if technique.id not in target.techniques:
            continue
        if not picks_points(target) or (
            rule.effect in _WHOLE_TECHNIQUE and any(point_matches(target, p) for p in where)
        ):
            found.append(rule_finding(rule, cause))
    return _unique(found)


def plan_findings(catalog: Catalog, fired: Sequence[tuple[SafetyRule, Cause]]) -> tuple[Finding, ...]:
    """Rules about the whole plan: advice and referral prompts."""
    return _unique(
        rule_finding(rule, cause)
        for rule, cause in fired
        if rule.effect in (Effect.ADVICE, Effect.REFER)
        and not picks_points(rule.applies_to)
        and not rule.applies_to.techniques
    )


def merge_findings(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """The findings without repeats (one per rule or caution id), first first."""
    seen: dict[str, Finding] = {}
    for f in findings:
        seen.setdefault(f.id, f)
    return tuple(seen.values())


_unique = merge_findings


def depth_limit(
    findings: Iterable[Finding], depth_max: float | None
) -> tuple[float | None, NeedleAngle | None]:
    """The deepest a point may be needled after its findings, and the angle they ask for."""
    limits = [f.max_depth for f in findings if f.max_depth is not None]
    angles = [f.angle for f in findings if f.angle is not None]
    deepest = min([*limits, *([depth_max] if depth_max is not None else [])], default=None)
    return deepest, (angles[0] if angles else None)


# -- techniques ---------------------------------------------------------------------------------------


def techniques(catalog: Catalog) -> dict[str, Technique]:
    """Every technique id in the catalog, its cautions merged across the patterns that list it.

    The name and method are those of the first pattern listing it; cautions are
    merged by id so a caution given under any pattern applies everywhere.
    """
    merged: dict[str, Technique] = {}
    for pattern in catalog.patterns.values():
        for technique in pattern.techniques:
            known = merged.get(technique.id)
            if known is None:
                merged[technique.id] = technique
                continue
            ids = {c.id for c in known.cautions}
            extra = tuple(c for c in technique.cautions if c.id not in ids)
            if extra:
                merged[technique.id] = replace(known, cautions=known.cautions + extra)
    return merged


# -- subtypes -----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SubtypeDecision:
    """Which subtype of a pattern the checked signs speak for (or the practitioner chose)."""

    pattern: str
    chosen: str | None  # a subtype id; None: undecided
    by_practitioner: bool
    matched: Mapping[str, tuple[str, ...]]  # subtype id -> its checked sign ids

    def reason(self, catalog: Catalog) -> str:
        pattern = catalog.patterns[self.pattern]
        names = {s.id: s.name for s in pattern.subtypes}
        texts = {s.id: s.text for s in pattern.signs}
        counts = "; ".join(
            f"{names[sid]}: {', '.join(texts[s] for s in signs) or 'no sign checked'}"
            for sid, signs in self.matched.items()
        )
        if self.chosen is None:
            both = " and ".join(names.values())
            return f"The checked signs do not decide between {both} ({counts}): choose one."
        how = "Chosen by the practitioner" if self.by_practitioner else "Decided by the checked signs"
        return f"{how}: {names[self.chosen]} ({counts})."


def decide_subtype(pattern: Pattern, signs: Iterable[str], chosen: str | None = None) -> SubtypeDecision:
    checked = set(signs)
    matched = {s.id: tuple(x for x in s.signs if x in checked) for s in pattern.subtypes}
    if chosen is not None:
        return SubtypeDecision(pattern.id, chosen, True, matched)
    counts = {sid: len(found) for sid, found in matched.items()}
    best = max(counts.values(), default=0)
    leaders = [sid for sid, n in counts.items() if n == best]
    winner = leaders[0] if best > 0 and len(leaders) == 1 else None
    return SubtypeDecision(pattern.id, winner, False, matched)


# -- referral -----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Referral:
    """Medical assessment first: the standing red flags and the prompts raised by age or signs."""

    urgency: Urgency
    flags: tuple[str, ...]
    prompts: tuple[Finding, ...]

    def text(self, catalog: Catalog) -> str:
        lines = [f"{self.urgency.label}."]
        lines += [f"{catalog.red_flags[f].label}: {catalog.red_flags[f].reason}" for f in self.flags]
        lines += [p.text for p in self.prompts]
        return "\n".join(lines)

    def patient_text(self, catalog: Catalog) -> list[str]:
        out = [catalog.red_flags[f].patient for f in self.flags]
        out += [p.patient for p in self.prompts if p.patient]
        return list(dict.fromkeys(out))


def referral(catalog: Catalog, flags: Iterable[str], prompts: Iterable[Finding]) -> Referral | None:
    flag_ids = tuple(flags)
    refer = tuple(p for p in prompts if p.effect is Effect.REFER)
    urgencies = [catalog.red_flags[f].urgency for f in flag_ids] + [p.urgency for p in refer if p.urgency]
    if not urgencies:
        return None
    return Referral(min(urgencies, key=lambda u: u.rank), flag_ids, refer)
