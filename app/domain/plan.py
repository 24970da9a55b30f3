"""A session plan: the prescription merged from the chosen patterns and pain zones, safety-checked.

Pure Python. A :class:`Plan` keeps what the practitioner decided (patterns,
zones, factors and age, red flags, points added or removed, a method per point, the
contraindications they confirmed, the course, notes, a case label) and the
merged points derived from them and the catalog by :func:`build_plan`. Every
change goes through :func:`build_plan` again, so the safety status of every
point and technique is always recomputed from the catalog: a contraindication
can only be included by a confirmation that names that very caution id.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import TypedDict, Unpack

from . import safety
from .intake import check_ids, with_age
from .models import NEEDLING, Catalog, Effect, Laterality, NeedleAngle, SafetyRule, Technique
from .safety import Finding, Referral, SubtypeDecision
from .text_rules import text_problem
from .vocabulary import NeedleMethod, Placement, ReasonKind, Side

AGE_MAX = 130  # an age above this is a typing error
CASE_LABEL_MAX = 200  # characters: a label names a case, it does not describe it (notes do)
# What the plan's course may hold (and its spin boxes show): (name, lowest, highest).
COURSE_LIMITS: tuple[tuple[str, int, int], ...] = (
    ("sessions", 1, 100),
    ("minutes", 1, 180),
    ("reassess_weeks", 1, 52),
)
# The guidance topic whose first line with min and max values gives each course default.
COURSE_TOPICS: tuple[tuple[str, str], ...] = (
    ("course", "sessions"),
    ("session", "minutes"),
    ("reassess", "reassess_weeks"),
)


def age_problem(age: object) -> str | None:
    """What is wrong with ``age`` as a patient's age in whole years, or None when it is fine."""
    if isinstance(age, bool) or not isinstance(age, int) or not 1 <= age <= AGE_MAX:
        return f"expected whole years from 1 to {AGE_MAX}, got {age!r}"
    return None


def case_label_problem(label: str) -> str | None:
    """What is wrong with a case label, or None (one line, at most ``CASE_LABEL_MAX`` characters)."""
    if len(label) > CASE_LABEL_MAX:
        return f"{len(label)} characters, the limit is {CASE_LABEL_MAX}"
    return text_problem(label, multiline=False)


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a point is in the plan: a pattern's local/distal point, a zone's distal point, or added."""

    kind: ReasonKind
    id: str  # pattern or zone id; "" when added by hand
    role: str  # the catalog's role text ("" when added by hand)
    placement: Placement
    sources: tuple[str, ...] = ()


class _Findings:
    """What a plan item's findings say (shared by points and techniques)."""

    __slots__ = ()

    findings: tuple[Finding, ...]
    included: bool

    @property
    def contraindications(self) -> tuple[Finding, ...]:
        """The findings that leave it out unless confirmed."""
        return tuple(f for f in self.findings if f.blocks)

    @property
    def cautions(self) -> tuple[Finding, ...]:
        """The findings that keep it but mark it (caution, depth limit, technique changed)."""
        return tuple(f for f in self.findings if not f.blocks)

    @property
    def overridden(self) -> bool:
        """Contraindicated but included after explicit confirmation: marked everywhere."""
        return bool(self.contraindications) and self.included


@dataclass(frozen=True, slots=True)
class PlanPoint(_Findings):
    code: str
    reasons: tuple[Reason, ...]
    method: NeedleMethod
    findings: tuple[Finding, ...]  # every rule and caution that applies (point and method), in order
    confirmed: tuple[str, ...]  # finding ids the practitioner confirmed including anyway
    included: bool  # False: left out by default because of an unconfirmed contraindication
    depth_max: float | None = None  # cun: the source's depth, or less where a rule limits it
    angle: NeedleAngle | None = None  # the source's angle, or the one a rule asks for
    changed_from: NeedleMethod | None = None  # the method a rule replaced
    side: Side | None = Side.BOTH  # where to needle a bilateral point; None for a midline point


@dataclass(frozen=True, slots=True)
class PlanTechnique(_Findings):
    id: str
    name: str
    method: str
    patterns: tuple[str, ...]  # chosen patterns listing it; () when only a point method uses it
    findings: tuple[Finding, ...]
    confirmed: tuple[str, ...]
    included: bool


@dataclass(frozen=True, slots=True)
class Course:
    sessions_min: int
    sessions_max: int
    minutes_min: int
    minutes_max: int
    reassess_weeks_min: int
    reassess_weeks_max: int
    sources: tuple[str, ...] = ()

    def problems(self) -> list[tuple[str, str]]:
        """(field, what is wrong): each value within ``COURSE_LIMITS``, and min <= max."""
        out = []
        for name, lowest, highest in COURSE_LIMITS:
            low, high = getattr(self, f"{name}_min"), getattr(self, f"{name}_max")
            for end, value in (("min", low), ("max", high)):
                if not lowest <= value <= highest:
                    out.append((f"{name}_{end}", f"expected {lowest} to {highest}, got {value}"))
            if lowest <= low <= highest and lowest <= high <= highest and high < low:
                out.append((f"{name}_max", f"expected at least {name}_min ({low}), got {high}"))
        return out


@dataclass(frozen=True, slots=True)
class Plan:
    case_label: str = ""
    age: int | None = None  # years; None when not given (a patient factor, recorded with the plan)
    patterns: tuple[str, ...] = ()
    zones: tuple[str, ...] = ()
    factors: tuple[str, ...] = ()
    red_flags: tuple[str, ...] = ()
    signs: tuple[str, ...] = ()
    added: tuple[str, ...] = ()  # codes added by hand
    removed: tuple[str, ...] = ()  # codes removed by hand (not re-added by a pattern or zone)
    methods: Mapping[str, NeedleMethod] = field(default_factory=dict)  # chosen methods, by code
    sides: Mapping[str, Side] = field(default_factory=dict)  # chosen sides of bilateral points, by code
    confirmed: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # subject -> caution ids
    course: Course | None = None
    notes: str = ""
    subtypes: Mapping[str, str] = field(default_factory=dict)  # pattern -> subtype the practitioner chose
    # The standing red flags the practitioner confirmed proceeding despite (recorded and printed).
    flags_acknowledged: tuple[str, ...] = ()
    # Derived by build_plan:
    points: tuple[PlanPoint, ...] = ()
    techniques: tuple[PlanTechnique, ...] = ()
    decisions: tuple[SubtypeDecision, ...] = ()  # one per chosen pattern with subtypes
    held: tuple[tuple[str, str], ...] = ()  # (pattern, point code) kept out: not for the subtype
    findings: tuple[Finding, ...] = ()  # advice and referral prompts about the whole plan
    referral: Referral | None = None

    @property
    def gated(self) -> bool:
        """A red flag stands that the practitioner has not confirmed proceeding despite."""
        return bool(set(self.red_flags) - set(self.flags_acknowledged))

    def point(self, code: str) -> PlanPoint | None:
        return next((p for p in self.points if p.code == code), None)

    def included_points(self) -> tuple[PlanPoint, ...]:
        return tuple(p for p in self.points if p.included)

    def left_out(self) -> tuple[PlanPoint, ...]:
        return tuple(p for p in self.points if not p.included)


def _range(catalog: Catalog, topic: str) -> tuple[int, int, tuple[str, ...]] | None:
    """The first guidance line of ``topic`` with both ``min`` and ``max`` values."""
    for g in catalog.guidance.values():
        if g.topic == topic and "min" in g.values and "max" in g.values:
            return int(g.values["min"]), int(g.values["max"]), g.sources
    return None


def default_course(catalog: Catalog) -> Course:
    """The course from the catalog's guidance values (course, session, reassess topics; the
    loader makes sure each has a line with whole min and max values within ``COURSE_LIMITS``)."""
    topics = [topic for topic, _name in COURSE_TOPICS]
    found = [_range(catalog, t) for t in topics]
    missing = [t for t, r in zip(topics, found, strict=True) if r is None]
    if missing:
        raise ValueError(f"the catalog's guidance has no min/max values for: {', '.join(missing)}")
    (s0, s1, a), (m0, m1, b), (w0, w1, c) = found  # type: ignore[misc]
    sources = tuple(dict.fromkeys((*a, *b, *c)))
    return Course(s0, s1, m0, m1, w0, w1, sources)


def suggested_method(catalog: Catalog, pattern_id: str) -> NeedleMethod:
    """The ``needle_method`` of the pattern's needling technique (catalog data); even without one."""
    for technique in catalog.patterns[pattern_id].techniques:
        if technique.id == NEEDLING and technique.needle_method is not None:
            return technique.needle_method
    return NeedleMethod.EVEN


def _point_reasons(
    catalog: Catalog, patterns: Iterable[str], zones: Iterable[str], decided: Mapping[str, str | None]
) -> tuple[dict[str, list[Reason]], tuple[tuple[str, str], ...]]:
    """Why each point is in the plan; and the (pattern, code) pairs kept out because the point is
    for another subtype of the pattern, or for a subtype not decided yet."""
    reasons: dict[str, list[Reason]] = {}
    held: list[tuple[str, str]] = []
    for pid in patterns:
        prescription = catalog.patterns[pid].prescription
        lists = ((Placement.LOCAL, prescription.local), (Placement.DISTAL, prescription.distal))
        for placement, items in lists:
            for item in items:
                if item.subtype is not None and item.subtype != decided.get(pid):
                    held.append((pid, item.point))
                    continue
                reasons.setdefault(item.point, []).append(
                    Reason(ReasonKind.PATTERN, pid, item.role, placement, item.sources)
                )
    for zid in zones:
        for item in catalog.zones[zid].distal:
            reasons.setdefault(item.point, []).append(
                Reason(ReasonKind.ZONE, zid, item.role, Placement.ZONE, item.sources)
            )
    return reasons, tuple(held)


class PlanChanges(TypedDict, total=False):
    """What a caller may change in a plan: the practitioner's decisions (the derived
    ``points`` and ``techniques`` are always merged again)."""

    case_label: str
    age: int | None
    patterns: tuple[str, ...]
    zones: tuple[str, ...]
    factors: tuple[str, ...]
    red_flags: tuple[str, ...]
    signs: tuple[str, ...]
    added: tuple[str, ...]
    removed: tuple[str, ...]
    methods: Mapping[str, NeedleMethod]
    sides: Mapping[str, Side]
    confirmed: Mapping[str, tuple[str, ...]]
    course: Course | None
    notes: str
    subtypes: Mapping[str, str]
    flags_acknowledged: tuple[str, ...]


def build_plan(catalog: Catalog, plan: Plan | None = None, **changes: Unpack[PlanChanges]) -> Plan:
    """The plan with ``changes`` applied and its points and techniques merged again from the catalog.

    Every safety rule is evaluated again (``app.domain.safety``): a contraindicated point or
    technique stays out unless a confirmation names that very rule. Raises ``UnknownIdError`` for
    ids the catalog does not know and ``ValueError`` for a bad method,
    subtype, age, case label, notes or course.
    """
    base = replace(plan or Plan(), **changes)
    patterns = check_ids("pattern", base.patterns, catalog.patterns)
    zones = check_ids("zone", base.zones, catalog.zones)
    factors = check_ids("factor", base.factors, catalog.factors)
    red_flags = check_ids("red flag", base.red_flags, catalog.red_flags)
    # An acknowledgement lasts as long as its flag stands.
    acknowledged = tuple(
        f for f in check_ids("red flag", base.flags_acknowledged, catalog.red_flags) if f in red_flags
    )
    added = check_ids("point", base.added, catalog.points)
    removed = check_ids("point", base.removed, catalog.points)
    methods = {code: NeedleMethod(m) for code, m in base.methods.items()}
    sides = {code: Side(side) for code, side in base.sides.items() if Side(side) is not Side.BOTH}
    for code in check_ids("point", sides, catalog.points):
        if catalog.points[code].laterality is not Laterality.BILATERAL:
            raise ValueError(f"sides: {code} is a midline point: it has no side to choose")
    confirmed = {k: tuple(v) for k, v in base.confirmed.items() if v}
    course = base.course or default_course(catalog)
    age = base.age
    if age is not None and (problem := age_problem(age)):
        raise ValueError(f"age: {problem}")
    if problem := case_label_problem(base.case_label):
        raise ValueError(f"case_label: {problem}")
    if problem := text_problem(base.notes, multiline=True):
        raise ValueError(f"notes: {problem}")
    if course_problems := course.problems():
        raise ValueError("; ".join(f"course.{name}: {problem}" for name, problem in course_problems))
    chosen_subtypes = dict(base.subtypes)
    for pid, sid in chosen_subtypes.items():
        known = {s.id for s in catalog.patterns[pid].subtypes} if pid in catalog.patterns else set()
        if sid not in known:
            raise ValueError(f"subtypes: '{sid}' is not a subtype of pattern '{pid}'")

    signs = with_age(catalog, base.signs, age)
    decisions = tuple(
        safety.decide_subtype(catalog.patterns[pid], signs, chosen_subtypes.get(pid))
        for pid in patterns
        if catalog.patterns[pid].subtypes
    )
    decided = {d.pattern: d.chosen for d in decisions}
    patient = safety.Patient(
        frozenset(factors),
        frozenset(red_flags),
        frozenset(signs),
        frozenset(sid for sid in decided.values() if sid),
        age,
    )
    fired = safety.fired_rules(catalog, patient)

    reasons, held = _point_reasons(catalog, patterns, zones, decided)
    for code in added:
        reasons.setdefault(code, []).append(Reason(ReasonKind.ADDED, "", "", Placement.ADDED))
    points = [
        _plan_point(catalog, code, why, methods, confirmed, patient, fired, sides.get(code, Side.BOTH))
        for code, why in reasons.items()
        if code not in removed or code in added
    ]
    techniques = _plan_techniques(catalog, patterns, decided, points, confirmed, patient, fired)
    findings = safety.plan_findings(catalog, fired)
    return replace(
        base,
        patterns=patterns,
        zones=zones,
        factors=factors,
        red_flags=red_flags,
        flags_acknowledged=acknowledged,
        added=added,
        removed=removed,
        methods=methods,
        sides=sides,
        confirmed=confirmed,
        course=course,
        age=age,
        signs=signs,
        subtypes=chosen_subtypes,
        points=tuple(points),
        techniques=tuple(techniques),
        decisions=decisions,
        held=held,
        findings=findings,
        referral=safety.referral(catalog, red_flags, findings),
    )


def _plan_point(
    catalog: Catalog,
    code: str,
    why: list[Reason],
    methods: Mapping[str, NeedleMethod],
    confirmed: Mapping[str, tuple[str, ...]],
    patient: safety.Patient,
    fired: list[tuple[SafetyRule, safety.Cause]],
    side: Side,
) -> PlanPoint:
    point = catalog.points[code]
    first_pattern = next((r.id for r in why if r.kind is ReasonKind.PATTERN), None)
    needle = suggested_method(catalog, first_pattern) if first_pattern else NeedleMethod.EVEN
    method = methods.get(code, needle)
    findings = safety.point_findings(catalog, point, method.technique, patient, fired)
    changed_from = None
    change = next((f for f in findings if f.effect is Effect.CHANGE_TECHNIQUE), None)
    if change is not None:
        # The rule's technique instead (needling: the pattern's needling method); the rule stays shown.
        changed_from = method
        method = needle if change.replace_with == NEEDLING else NeedleMethod(change.replace_with or needle)
        again = safety.point_findings(catalog, point, method.technique, patient, fired)
        findings = safety.merge_findings((change, *again))
    ok = confirmed.get(code, ())
    included = all(f.id in ok for f in findings if f.blocks)
    depth, angle = safety.depth_limit(findings, point.needling.depth_max)
    return PlanPoint(
        code,
        tuple(why),
        method,
        findings,
        ok,
        included,
        depth,
        angle or point.needling.angle,
        changed_from,
        side if point.laterality is Laterality.BILATERAL else None,
    )


def _plan_techniques(
    catalog: Catalog,
    patterns: tuple[str, ...],
    decided: Mapping[str, str | None],
    points: list[PlanPoint],
    confirmed: Mapping[str, tuple[str, ...]],
    patient: safety.Patient,
    fired: list[tuple[SafetyRule, safety.Cause]],
) -> list[PlanTechnique]:
    own: dict[str, list[Technique]] = {}  # technique id -> the chosen patterns' own definitions
    users: dict[str, list[str]] = {}
    for pid in patterns:
        for t in catalog.patterns[pid].techniques:
            if t.subtype is None or t.subtype == decided.get(pid):
                own.setdefault(t.id, []).append(t)
                users.setdefault(t.id, []).append(pid)
    for p in points:
        if p.included:
            users.setdefault(p.method.technique, [])
    merged = safety.techniques(catalog)
    out: list[PlanTechnique] = []
    for tid, pids in users.items():
        technique = merged.get(tid)
        if technique is None:
            continue
        first = own.get(tid, [technique])[0]
        at = tuple(dict.fromkeys(code for t in own.get(tid, []) for code in t.at))
        # Name and method as the first chosen pattern gives them; cautions merged over the catalog.
        technique = replace(technique, name=first.name, method=first.method, at=at)
        # Where it is applied: its own points, else the plan's points of the patterns using it.
        codes = at or tuple(p.code for p in points if any(r.id in pids for r in p.reasons))
        where = [catalog.points[c] for c in codes]
        findings = safety.technique_findings(catalog, technique, where, patient, fired)
        ok = confirmed.get(tid, ())
        included = all(f.id in ok for f in findings if f.blocks)
        out.append(PlanTechnique(tid, technique.name, technique.method, tuple(pids), findings, ok, included))
    return out


# --- edits: each returns a new, re-merged plan ------------------------------------------------------


def add_point(catalog: Catalog, plan: Plan, code: str) -> Plan:
    removed = tuple(c for c in plan.removed if c != code)
    present = plan.point(code) is not None
    added = plan.added if present or code in plan.added else (*plan.added, code)
    return build_plan(catalog, plan, added=added, removed=removed)


def remove_point(catalog: Catalog, plan: Plan, code: str) -> Plan:
    added = tuple(c for c in plan.added if c != code)
    removed = plan.removed if code in plan.removed else (*plan.removed, code)
    return build_plan(catalog, plan, added=added, removed=removed)


def set_method(catalog: Catalog, plan: Plan, code: str, method: NeedleMethod | str) -> Plan:
    return build_plan(catalog, plan, methods={**plan.methods, code: NeedleMethod(method)})


def confirm_include(catalog: Catalog, plan: Plan, subject: str) -> Plan:
    """Include a contraindicated point or technique: confirms exactly its current contraindications."""
    item = plan.point(subject) or next((t for t in plan.techniques if t.id == subject), None)
    if item is None:
        raise KeyError(subject)
    ids = tuple(dict.fromkeys((*plan.confirmed.get(subject, ()), *(c.id for c in item.contraindications))))
    return build_plan(catalog, plan, confirmed={**plan.confirmed, subject: ids})


def describe_reason(catalog: Catalog, reason: Reason) -> str:
    if reason.kind is ReasonKind.PATTERN:
        return f"{catalog.patterns[reason.id].name} ({reason.placement}): {reason.role}"
    if reason.kind is ReasonKind.ZONE:
        zone = catalog.zones[reason.id]
        return f"{zone.name} → {catalog.channels[zone.channel].name}: {reason.role}"
    return "Added by the practitioner"


def serves(catalog: Catalog, point: PlanPoint) -> str:
    """Short "which pattern or zone" text: pattern and zone names, or "added"."""
    names = []
    for r in point.reasons:
        if r.kind is ReasonKind.PATTERN:
            names.append(f"{catalog.patterns[r.id].name} ({r.placement})")
        elif r.kind is ReasonKind.ZONE:
            names.append(catalog.zones[r.id].name)
        else:
            names.append("Added by hand")
    return "; ".join(dict.fromkeys(names))
