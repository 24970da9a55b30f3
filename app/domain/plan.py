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
from .intake import check_ids
from .models import NEEDLING, Catalog, Caution, Severity
from .vocabulary import NeedleMethod, Placement, ReasonKind

AGE_MAX = 130  # an age above this is a typing error


def age_problem(age: object) -> str | None:
    """What is wrong with ``age`` as a patient's age in whole years, or None when it is fine."""
    if isinstance(age, bool) or not isinstance(age, int) or not 1 <= age <= AGE_MAX:
        return f"expected whole years from 1 to {AGE_MAX}, got {age!r}"
    return None


@dataclass(frozen=True, slots=True)
class Reason:
    """Why a point is in the plan: a pattern's local/distal point, a zone's distal point, or added."""

    kind: ReasonKind
    id: str  # pattern or zone id; "" when added by hand
    role: str  # the catalog's role text ("" when added by hand)
    placement: Placement
    sources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PlanPoint:
    code: str
    reasons: tuple[Reason, ...]
    method: NeedleMethod
    cautions: tuple[Caution, ...]  # applicable, severity caution (point and method)
    contraindications: tuple[Caution, ...]  # applicable contraindications (point and method)
    confirmed: tuple[str, ...]  # caution ids the practitioner confirmed including anyway
    included: bool  # False: left out by default because of an unconfirmed contraindication

    @property
    def overridden(self) -> bool:
        """Contraindicated but included after explicit confirmation: marked everywhere."""
        return bool(self.contraindications) and self.included


@dataclass(frozen=True, slots=True)
class PlanTechnique:
    id: str
    name: str
    method: str
    patterns: tuple[str, ...]  # chosen patterns listing it; () when only a point method uses it
    cautions: tuple[Caution, ...]
    contraindications: tuple[Caution, ...]
    confirmed: tuple[str, ...]
    included: bool

    @property
    def overridden(self) -> bool:
        return bool(self.contraindications) and self.included


@dataclass(frozen=True, slots=True)
class Course:
    sessions_min: int
    sessions_max: int
    minutes_min: int
    minutes_max: int
    reassess_weeks_min: int
    reassess_weeks_max: int
    sources: tuple[str, ...] = ()

    def problems(self) -> list[str]:
        out = []
        for name in ("sessions", "minutes", "reassess_weeks"):
            low, high = getattr(self, f"{name}_min"), getattr(self, f"{name}_max")
            if low < 1 or high < low:
                out.append(f"{name}: expected 1 <= min <= max, got {low}..{high}")
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
    confirmed: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # subject -> caution ids
    course: Course | None = None
    notes: str = ""
    # Derived by build_plan:
    points: tuple[PlanPoint, ...] = ()
    techniques: tuple[PlanTechnique, ...] = ()

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
    """The course from the catalog's guidance values (course, session, reassess topics)."""
    found = [_range(catalog, t) for t in ("course", "session", "reassess")]
    missing = [t for t, r in zip(("course", "session", "reassess"), found, strict=True) if r is None]
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
    catalog: Catalog, patterns: Iterable[str], zones: Iterable[str]
) -> dict[str, list[Reason]]:
    reasons: dict[str, list[Reason]] = {}
    for pid in patterns:
        prescription = catalog.patterns[pid].prescription
        for placement, items in (
            (Placement.LOCAL, prescription.local),
            (Placement.DISTAL, prescription.distal),
        ):
            for item in items:
                reasons.setdefault(item.point, []).append(
                    Reason(ReasonKind.PATTERN, pid, item.role, placement, item.sources)
                )
    for zid in zones:
        for item in catalog.zones[zid].distal:
            reasons.setdefault(item.point, []).append(
                Reason(ReasonKind.ZONE, zid, item.role, Placement.ZONE, item.sources)
            )
    return reasons


def _split(cautions: Iterable[Caution]) -> tuple[tuple[Caution, ...], tuple[Caution, ...]]:
    seen: dict[str, Caution] = {}
    for c in cautions:
        seen.setdefault(c.id, c)
    return (
        tuple(c for c in seen.values() if c.severity is Severity.CAUTION),
        tuple(c for c in seen.values() if c.severity is Severity.CONTRAINDICATION),
    )


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
    confirmed: Mapping[str, tuple[str, ...]]
    course: Course | None
    notes: str


def build_plan(catalog: Catalog, plan: Plan | None = None, **changes: Unpack[PlanChanges]) -> Plan:
    """The plan with ``changes`` applied and its points and techniques merged again from the catalog.

    Raises ``UnknownIdError`` for ids the catalog does not know and ``ValueError`` for a bad method
    or age.
    """
    base = replace(plan or Plan(), **changes)
    patterns = check_ids("pattern", base.patterns, catalog.patterns)
    zones = check_ids("zone", base.zones, catalog.zones)
    factors = check_ids("factor", base.factors, catalog.factors)
    red_flags = check_ids("red flag", base.red_flags, catalog.red_flags)
    added = check_ids("point", base.added, catalog.points)
    removed = check_ids("point", base.removed, catalog.points)
    methods = {code: NeedleMethod(m) for code, m in base.methods.items()}
    confirmed = {k: tuple(v) for k, v in base.confirmed.items() if v}
    course = base.course or default_course(catalog)
    age = base.age
    if age is not None and (problem := age_problem(age)):
        raise ValueError(f"age: {problem}")

    reasons = _point_reasons(catalog, patterns, zones)
    for code in added:
        reasons.setdefault(code, []).append(Reason(ReasonKind.ADDED, "", "", Placement.ADDED))
    all_techniques = safety.techniques(catalog)
    points: list[PlanPoint] = []
    for code, why in reasons.items():
        if code in removed and code not in added:
            continue
        first_pattern = next((r.id for r in why if r.kind is ReasonKind.PATTERN), None)
        default = suggested_method(catalog, first_pattern) if first_pattern else NeedleMethod.EVEN
        method = methods.get(code, default)
        point_check = safety.check(code, catalog.points[code].cautions, factors)
        technique = all_techniques.get(method.technique)
        method_check = safety.check(method.technique, technique.cautions if technique else (), factors)
        cautions, contras = _split(
            (*point_check.cautions, *point_check.contraindications, *method_check.contraindications)
        )
        ok = confirmed.get(code, ())
        points.append(
            PlanPoint(code, tuple(why), method, cautions, contras, ok, all(c.id in ok for c in contras))
        )

    technique_patterns: dict[str, list[str]] = {}
    for pid in patterns:
        for t in catalog.patterns[pid].techniques:
            technique_patterns.setdefault(t.id, []).append(pid)
    for p in points:
        if p.included:
            technique_patterns.setdefault(p.method.technique, [])
    techniques: list[PlanTechnique] = []
    for tid, pids in technique_patterns.items():
        technique = all_techniques.get(tid)
        if technique is None:
            continue
        # Name and method as the first chosen pattern gives them; cautions merged over the catalog.
        own = next((t for pid in pids for t in catalog.patterns[pid].techniques if t.id == tid), technique)
        technique = replace(technique, name=own.name, method=own.method)
        check = safety.check(tid, technique.cautions, factors)
        ok = confirmed.get(tid, ())
        techniques.append(
            PlanTechnique(
                tid,
                technique.name,
                technique.method,
                tuple(pids),
                check.cautions,
                check.contraindications,
                ok,
                all(c.id in ok for c in check.contraindications),
            )
        )
    return replace(
        base,
        patterns=patterns,
        zones=zones,
        factors=factors,
        red_flags=red_flags,
        added=added,
        removed=removed,
        methods=methods,
        confirmed=confirmed,
        course=course,
        age=age,
        points=tuple(points),
        techniques=tuple(techniques),
    )


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
