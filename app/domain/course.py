"""A course of treatment: the visits of one case, the change from baseline and the reassessment.

Pure Python. A :class:`Visit` records what was measured and what was done at one
visit; :func:`review_course` reads a case's visits against the catalog's outcome
measures (``outcomes`` in ``data/points.yaml``) and the plan's course, and says
whether the reassessment point has come without an important improvement.

The rules, each from data:

- **Baseline** is the first visit (by date); the **latest** is the last. Pain is judged
  on pain now (the measure of kind ``pain``), function on the measure of kind
  ``function`` (the first and last visits that recorded it).
- **Change** is counted in the measure's better direction (``better``): a positive
  change is an improvement. For a measure where lower is better, the change is also
  given as a percentage of the baseline score (none when the baseline is 0).
- **Important improvement**: the change reaches the measure's ``mcid`` points or its
  percent of baseline (whichever the catalog gives). The course has improved when pain
  or function has.
- **The reassessment point** comes ``reassess_weeks_min`` weeks after the first visit
  (the catalog's first ``reassess`` guidance line with values, carried in the plan's
  course), or at the visit that completes the plan's ``sessions_max`` sessions (the
  ``course`` guidance), whichever comes first. It is judged at the
  latest visit, so the same visits always give the same answer.
- **Reassess** is true when that point has been reached without an important
  improvement. An important worsening is reported (``worse``) but does not bring the
  point forward: the guidance names none. With fewer than two visits there is nothing
  to compare: reassess is false and the reason says so.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from enum import StrEnum

from . import safety
from .models import Catalog, Guidance, OutcomeMeasure
from .plan import Course, Plan, default_course
from .vocabulary import Better, GuidanceTopic, MeasureRole, NeedleMethod

# The patient-specific functional scale's form asks for up to three activities (``psfs_form``).
ACTIVITIES_MAX = 3
LABEL_MAX = 200  # characters in a case label
TEXT_MAX = 20_000  # characters in a visit's notes, reaction notes or red-flag handling


@dataclass(frozen=True, slots=True)
class PointUsed:
    code: str
    method: NeedleMethod


@dataclass(frozen=True, slots=True)
class Activity:
    """One activity the patient named for the function measure, and its rating at this visit."""

    name: str
    rating: int


@dataclass(frozen=True, slots=True)
class Visit:
    day: date
    pain_now: int  # on the pain measure's scale
    pain_worst: int | None = None
    pain_average: int | None = None
    function: float | None = None  # the function measure's score (the average of the activities)
    activities: tuple[Activity, ...] = ()
    groc: int | None = None  # global rating of change
    points: tuple[PointUsed, ...] = ()  # the points actually used
    techniques: tuple[str, ...] = ()  # technique ids actually used
    reactions: tuple[str, ...] = ()  # guidance ids (side-effect lines) the patient reported
    reaction_notes: str = ""
    red_flags: tuple[str, ...] = ()  # red flags present at this visit (asked again each visit)
    factors: tuple[str, ...] = ()  # patient factors at this visit (the safety check, asked again)
    safety_checked: bool = False  # the red flags and the safety check were asked at this visit
    flag_action: str = ""  # how a red flag raised at this visit was handled
    notes: str = ""
    id: int | None = None  # the stored row, once saved

    def point_codes(self) -> tuple[str, ...]:
        return tuple(p.code for p in self.points)


@dataclass(frozen=True, slots=True)
class Case:
    id: int
    label: str
    created: datetime
    plan_text: str | None  # the plan file text (dump_plan), or None: no plan
    notes: str
    visits: tuple[Visit, ...]  # by date, then in the order they were stored


def function_score(activities: Iterable[Activity]) -> float | None:
    """The average of the ratings (``psfs_form``: the sum of the activity scores divided by their
    number), to one decimal; None without activities."""
    ratings = [a.rating for a in activities]
    return round(sum(ratings) / len(ratings), 1) if ratings else None


# --- the catalog's measures ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Measures:
    pain: OutcomeMeasure
    function: OutcomeMeasure | None
    global_change: OutcomeMeasure | None


def measures(catalog: Catalog) -> Measures:
    """The catalog's outcome measures by kind; ``ValueError`` when it has no pain measure."""
    outcomes = catalog.outcomes
    pain = outcomes.by_role(MeasureRole.PAIN) if outcomes else None
    if outcomes is None or pain is None:
        raise ValueError("the catalog has no outcome measures (an 'outcomes' section with a pain measure)")
    return Measures(pain, outcomes.by_role(MeasureRole.FUNCTION), outcomes.by_role(MeasureRole.GLOBAL_CHANGE))


def label_problem(label: str) -> str | None:
    """What is wrong with ``label`` as a case label, or None. A label is never a patient's name."""
    if not label.strip():
        return "a case label is needed (a code or a short description, never the patient's name)"
    if label != label.strip():
        return "a case label cannot start or end with spaces"
    if len(label) > LABEL_MAX:
        return f"a case label has at most {LABEL_MAX} characters (this one has {len(label)})"
    if any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 or c in "\u2028\u2029" for c in label):
        return "a case label is one line of text, without control characters"
    return None


def _scale_problem(measure: OutcomeMeasure, value: float, what: str, whole: bool = True) -> str | None:
    if whole and (isinstance(value, bool) or not isinstance(value, int)):
        return (
            f"{what}: expected a whole number from {measure.scale_min} to {measure.scale_max}, got {value!r}"
        )
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return f"{what}: expected a number from {measure.scale_min} to {measure.scale_max}, got {value!r}"
    if not measure.scale_min <= value <= measure.scale_max:
        return f"{what}: expected {measure.scale_min} to {measure.scale_max} ({measure.short}), got {value:g}"
    return None


def visit_problems(catalog: Catalog, visit: Visit) -> list[str]:
    """Everything wrong with ``visit`` for this catalog, each as ``field: what`` (empty: it can be saved)."""
    m = measures(catalog)
    pain = {"pain_now": visit.pain_now, "pain_worst": visit.pain_worst, "pain_average": visit.pain_average}
    problems = [
        p for name, value in pain.items() if value is not None and (p := _scale_problem(m.pain, value, name))
    ]
    if visit.function is not None or visit.activities:
        if m.function is None:
            problems.append("function: the catalog has no function measure")
        else:
            if visit.function is not None and (
                p := _scale_problem(m.function, visit.function, "function", False)
            ):
                problems.append(p)
            if len(visit.activities) > ACTIVITIES_MAX:
                problems.append(f"activities: at most {ACTIVITIES_MAX} activities")
            for i, a in enumerate(visit.activities):
                if not a.name.strip() or len(a.name) > LABEL_MAX:
                    problems.append(
                        f"activities[{i}].name: expected one line of up to {LABEL_MAX} characters"
                    )
                if p := _scale_problem(m.function, a.rating, f"activities[{i}].rating"):
                    problems.append(p)
            score = function_score(visit.activities)
            if score is not None and visit.function is not None and abs(score - visit.function) > 0.05:
                problems.append(
                    f"function: {visit.function:g} is not the average of the activities ({score:g})"
                )
    if visit.groc is not None:
        if m.global_change is None:
            problems.append("groc: the catalog has no global rating of change")
        elif p := _scale_problem(m.global_change, visit.groc, "groc"):
            problems.append(p)
    techniques = safety.techniques(catalog)
    reactions = catalog.outcomes.reactions if catalog.outcomes else ()
    for name, ids, known in (
        ("points", visit.point_codes(), catalog.points),
        ("techniques", visit.techniques, techniques),
        ("reactions", visit.reactions, reactions),
        ("red_flags", visit.red_flags, catalog.red_flags),
        ("factors", visit.factors, catalog.factors),
    ):
        for value in ids:
            if value not in known:
                problems.append(f"{name}: unknown id '{value}' (not in the catalog)")
        if len(set(ids)) != len(ids):
            problems.append(f"{name}: listed twice")
    for name in ("reaction_notes", "flag_action", "notes"):
        if len(getattr(visit, name)) > TEXT_MAX:
            problems.append(f"{name}: at most {TEXT_MAX} characters")
    if visit.red_flags and not visit.flag_action.strip():
        problems.append("flag_action: a red flag was raised: say how it was handled (for example, referred)")
    return problems


# --- the prescription, visit by visit -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Prescription:
    """The points (with their methods) and techniques of a plan or a visit."""

    points: tuple[PointUsed, ...] = ()
    techniques: tuple[str, ...] = ()

    @classmethod
    def of_plan(cls, plan: Plan) -> Prescription:
        """The plan's included points and techniques (what a first visit starts from)."""
        return cls(
            tuple(PointUsed(p.code, p.method) for p in plan.included_points()),
            tuple(t.id for t in plan.techniques if t.included),
        )

    @classmethod
    def of_visit(cls, visit: Visit) -> Prescription:
        return cls(visit.points, visit.techniques)


@dataclass(frozen=True, slots=True)
class PrescriptionChange:
    """What a visit changed against the one before (or, for the first, against the plan)."""

    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    method_changed: tuple[str, ...] = ()
    techniques_added: tuple[str, ...] = ()
    techniques_removed: tuple[str, ...] = ()

    @property
    def unchanged(self) -> bool:
        return not (
            self.added
            or self.removed
            or self.method_changed
            or self.techniques_added
            or self.techniques_removed
        )


def compare(before: Prescription, after: Prescription) -> PrescriptionChange:
    old = {p.code: p.method for p in before.points}
    new = {p.code: p.method for p in after.points}
    return PrescriptionChange(
        added=tuple(c for c in new if c not in old),
        removed=tuple(c for c in old if c not in new),
        method_changed=tuple(c for c in new if c in old and old[c] != new[c]),
        techniques_added=tuple(t for t in after.techniques if t not in before.techniques),
        techniques_removed=tuple(t for t in before.techniques if t not in after.techniques),
    )


def changes(visits: Sequence[Visit], plan: Plan | None) -> list[PrescriptionChange]:
    """Per visit (in date order), what changed against the previous visit; the first against the
    plan (no change recorded when there is no plan)."""
    out: list[PrescriptionChange] = []
    previous = Prescription.of_plan(plan) if plan is not None else None
    for visit in in_order(visits):
        now = Prescription.of_visit(visit)
        out.append(compare(previous, now) if previous is not None else PrescriptionChange())
        previous = now
    return out


def history(visits: Sequence[Visit]) -> list[tuple[str, list[NeedleMethod | None]]]:
    """How the prescription evolved: per point (in order of first use), its method at each visit
    (None where it was not used)."""
    ordered = in_order(visits)
    codes = list(dict.fromkeys(code for v in ordered for code in v.point_codes()))
    return [
        (code, [next((p.method for p in v.points if p.code == code), None) for v in ordered])
        for code in codes
    ]


def in_order(visits: Iterable[Visit]) -> list[Visit]:
    """Visits by date, then in the order they were stored."""
    return sorted(visits, key=lambda v: (v.day, v.id if v.id is not None else math.inf))


def visit_contraindications(catalog: Catalog, visit: Visit) -> list[tuple[str, safety.Finding]]:
    """(point code or technique id, finding): what the safety rules leave out for the patient
    factors recorded at this visit, among what was used (shown with the visit and in the report)."""
    patient = safety.Patient(factors=frozenset(visit.factors))
    fired = safety.fired_rules(catalog, patient)
    found: list[tuple[str, safety.Finding]] = []
    used_points = [(p, catalog.points[p.code]) for p in visit.points if p.code in catalog.points]
    for used, point in used_points:
        findings = safety.point_findings(catalog, point, used.method.technique, patient, fired)
        found += [(used.code, f) for f in findings if f.blocks]
    techniques = safety.techniques(catalog)
    for tid in dict.fromkeys((*visit.techniques, *(p.method.technique for p in visit.points))):
        technique = techniques.get(tid)
        if technique is not None:
            points = [point for _, point in used_points]
            findings = safety.technique_findings(catalog, technique, points, patient, fired)
            found += [(tid, f) for f in findings if f.blocks]
    return list(dict.fromkeys(found))


# --- the review --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MeasureChange:
    measure: OutcomeMeasure
    baseline: float
    baseline_day: date
    latest: float
    latest_day: date
    change: float  # in the better direction: positive is an improvement
    percent: float | None  # the change as a percentage of the baseline (lower-is-better measures)
    important: bool  # an important improvement (the measure's threshold reached)
    worse: bool  # an important worsening (the same threshold, the other way)

    @property
    def judged(self) -> bool:
        """Whether the catalog gives this measure a threshold at all."""
        return self.measure.mcid is not None

    def words(self) -> str:
        """E.g. "pain (NRS) 6 → 3: 3 points better (50%)"."""
        m = self.measure
        amount = abs(self.change)
        unit = "point" if amount == 1 else "points"
        way = "better" if self.change > 0 else "worse"
        moved = f"{_num(amount)} {unit} {way}" if self.change else "no change"
        percent = f" ({_num(abs(self.percent))}%)" if self.percent is not None and self.change else ""
        scores = f"{_num(self.baseline)} → {_num(self.latest)}"
        return f"{m.kind.label.lower()} ({m.short}) {scores}: {moved}{percent}"


def threshold_words(measure: OutcomeMeasure) -> str:
    """E.g. "2 points or 30% of the baseline"."""
    mcid = measure.mcid
    if mcid is None:
        return "no threshold"
    parts = []
    if mcid.points is not None:
        parts.append(f"{_num(mcid.points)} {'point' if mcid.points == 1 else 'points'}")
    if mcid.percent is not None:
        parts.append(f"{_num(mcid.percent)}% of the baseline")
    return " or ".join(parts)


def _num(value: float) -> str:
    return f"{round(value, 1):g}"


def measure_change(measure: OutcomeMeasure, series: Sequence[tuple[date, float]]) -> MeasureChange | None:
    """The change from the first to the last (date, score) of ``series``; None with fewer than two."""
    if len(series) < 2:
        return None
    (d0, first), (d1, last) = series[0], series[-1]
    # Scores have at most one decimal: so have their changes (no 0.2999999 in a report).
    change = round(first - last if measure.better is Better.LOWER else last - first, 1)
    percent = round(100 * change / first, 1) if measure.better is Better.LOWER and first else None
    mcid = measure.mcid
    important = worse = False
    eps = 1e-9
    if mcid is not None:
        important = (mcid.points is not None and change >= mcid.points - eps) or (
            mcid.percent is not None and percent is not None and percent >= mcid.percent - eps
        )
        worse = (mcid.points is not None and -change >= mcid.points - eps) or (
            mcid.percent is not None and percent is not None and -percent >= mcid.percent - eps
        )
    return MeasureChange(measure, first, d0, last, d1, change, percent, important, worse)


@dataclass(frozen=True, slots=True)
class ReassessmentPoint:
    weeks_min: int
    weeks_max: int
    sessions: int  # the plan's sessions_max
    sources: tuple[str, ...]  # the course's sources (the guidance it came from)
    first_day: date | None
    due_from: date | None  # first visit + weeks_min
    due_by: date | None  # first visit + weeks_max
    visits: int
    reached: bool
    reached_by: str  # "weeks", "sessions" or "" (not reached)

    def words(self) -> str:
        when = f" ({self.due_from.isoformat()})" if self.due_from else ""
        return (
            f"{self.weeks_min} weeks after the first visit{when}, or visit {self.sessions} "
            f"(the plan's {self.sessions} sessions), whichever comes first"
        )


def plan_course(catalog: Catalog, plan: Plan | None) -> Course:
    """The course a case follows: its plan's, else the catalog's default. A plan file keeps only the
    numbers, so a course with the guidance's own numbers gets the guidance's sources back; numbers the
    practitioner changed have none (they are the practitioner's)."""
    default = default_course(catalog)
    course = plan.course if plan is not None and plan.course is not None else default
    if not course.sources and replace(course, sources=default.sources) == default:
        return default
    return course


def reassessment_point(course: Course, visits: Sequence[Visit]) -> ReassessmentPoint:
    ordered = in_order(visits)
    first = ordered[0].day if ordered else None
    latest = ordered[-1].day if ordered else None
    due_from = first + timedelta(weeks=course.reassess_weeks_min) if first else None
    due_by = first + timedelta(weeks=course.reassess_weeks_max) if first else None
    by_weeks = latest is not None and due_from is not None and latest >= due_from
    by_sessions = len(ordered) >= course.sessions_max
    return ReassessmentPoint(
        course.reassess_weeks_min,
        course.reassess_weeks_max,
        course.sessions_max,
        course.sources,
        first,
        due_from,
        due_by,
        len(ordered),
        by_weeks or by_sessions,
        "weeks" if by_weeks else ("sessions" if by_sessions else ""),
    )


class Verdict(StrEnum):
    TOO_FEW_VISITS = "too_few_visits"
    IMPROVED = "improved"  # an important improvement: no reassessment needed
    NOT_YET = "not_yet"  # no important improvement yet, and the reassessment point has not come
    REASSESS = "reassess"  # the point has come without an important improvement

    @property
    def heading(self) -> str:
        return _VERDICT_HEADINGS[self]


_VERDICT_HEADINGS = {
    Verdict.TOO_FEW_VISITS: "Too few visits to judge the change yet",
    Verdict.IMPROVED: "Important improvement",
    Verdict.NOT_YET: "No important improvement yet",
    Verdict.REASSESS: "Reassessment due: no important improvement by the reassessment point",
}


def reassess_guidance(catalog: Catalog) -> list[Guidance]:
    """The catalog's guidance lines on reassessment (quoted where a reassessment is due)."""
    return [g for g in catalog.guidance.values() if g.topic is GuidanceTopic.REASSESS]


@dataclass(frozen=True, slots=True)
class CourseReview:
    visits: int
    pain: MeasureChange | None
    function: MeasureChange | None
    point: ReassessmentPoint
    verdict: Verdict
    reason: str
    per_visit: tuple[tuple[float | None, float | None], ...] = field(default=())  # (pain, function) change

    @property
    def improved(self) -> bool:
        return any(c is not None and c.important for c in (self.pain, self.function))

    @property
    def worse(self) -> bool:
        return any(c is not None and c.worse for c in (self.pain, self.function))

    @property
    def reassess(self) -> bool:
        return self.verdict is Verdict.REASSESS


def review_course(catalog: Catalog, visits: Sequence[Visit], course: Course) -> CourseReview:
    """The course so far: change from baseline, whether it is important, and whether to reassess."""
    m = measures(catalog)
    ordered = in_order(visits)
    pain = measure_change(m.pain, [(v.day, v.pain_now) for v in ordered])
    functions = [(v.day, v.function) for v in ordered if v.function is not None]
    function = measure_change(m.function, functions) if m.function is not None else None
    point = reassessment_point(course, ordered)
    per_visit = tuple(
        (
            _signed_change(m.pain, ordered[0].pain_now, v.pain_now),
            _signed_change(m.function, functions[0][1], v.function)
            if m.function is not None and functions and v.function is not None
            else None,
        )
        for v in ordered
    )
    changes_text = "; ".join(c.words() for c in (pain, function) if c is not None)
    worse = [c for c in (pain, function) if c is not None and c.worse]
    worse_text = (
        " Worse than at baseline by an important amount: "
        + ", ".join(c.measure.kind.label.lower() for c in worse)
        + "."
        if worse
        else ""
    )
    if pain is None:
        verdict = Verdict.TOO_FEW_VISITS
        reason = (
            f"Too few visits to compare: a baseline visit and at least one later visit are needed "
            f"({len(ordered)} so far)."
        )
    elif any(c is not None and c.important for c in (pain, function)):
        verdict = Verdict.IMPROVED
        gained = [c for c in (pain, function) if c is not None and c.important]
        reason = (
            "Important improvement: "
            + "; ".join(f"{c.words()}, at least {threshold_words(c.measure)}" for c in gained)
            + "."
        )
    elif point.reached:
        verdict = Verdict.REASSESS
        why = (
            f"{point.weeks_min} weeks have passed since the first visit"
            if point.reached_by == "weeks"
            else f"the plan's {point.sessions} sessions have been given"
        )
        reason = (
            f"Reassess: {why} without an important improvement ({changes_text}; important: "
            + "; ".join(
                f"{c.measure.short} {threshold_words(c.measure)}" for c in (pain, function) if c and c.judged
            )
            + ")."
            + worse_text
        )
    else:
        verdict = Verdict.NOT_YET
        reason = (
            f"No important improvement yet ({changes_text}); the reassessment point is {point.words()}."
            + worse_text
        )
    return CourseReview(len(ordered), pain, function, point, verdict, reason, per_visit)


def _signed_change(measure: OutcomeMeasure, first: float, value: float | None) -> float | None:
    if value is None:
        return None
    return round(first - value if measure.better is Better.LOWER else value - first, 1)


def important_target(measure: OutcomeMeasure, baseline: float) -> float | None:
    """The score at which the change from ``baseline`` becomes important (the nearer of the
    measure's thresholds), kept on the scale; None without a threshold."""
    mcid = measure.mcid
    if mcid is None:
        return None
    needs = [mcid.points] if mcid.points is not None else []
    if mcid.percent is not None and measure.better is Better.LOWER and baseline:
        needs.append(baseline * mcid.percent / 100)
    if not needs:
        return None
    target = baseline - min(needs) if measure.better is Better.LOWER else baseline + min(needs)
    return min(max(target, measure.scale_min), measure.scale_max)


def short_citation(catalog: Catalog, source_id: str) -> str:
    """A source as a chart label cites it: "Ostelo et al. 2008", "Maughan and Lewis 2010", "seed 003"."""
    import re

    source = catalog.sources.get(source_id)
    if source is None:
        return source_id
    if source.file is not None:  # a seed article
        return "seed " + source_id.rsplit("_", 1)[-1]
    year = re.search(r"\b(19|20)\d{2}\b", source.citation)
    authors = [a.strip() for a in source.citation.split(". ")[0].split(",") if a.strip()]
    many = authors[-1:] == ["et al"]
    authors = authors[:-1] if many else authors
    surnames = [a.split()[0] for a in authors] + (["others"] * 2 if many else [])
    if not authors or not all(
        re.fullmatch(r"(?:[a-z]+ )*[A-Z][\w'-]+(?: [A-Z][\w'-]+)* [A-Z]{1,4}", a) for a in authors
    ):
        who = re.split(r"[(,.]", source.citation, maxsplit=1)[0].strip()[:40]  # no author list: a title
    elif len(surnames) == 1:
        who = surnames[0]
    elif len(surnames) == 2:
        who = f"{surnames[0]} and {surnames[1]}"
    else:
        who = f"{surnames[0]} et al."
    return f"{who} {year.group(0)}" if year else who
