"""Typed, immutable models of the Yaotong catalog (``data/points.yaml``).

Pure Python: no Qt import may appear anywhere in ``app.domain``. The loader
(``app.domain.loader``) builds these from YAML and guarantees every reference
between them resolves, so consumers can index the dictionaries without checks.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import field
from enum import StrEnum
from types import MappingProxyType

from .frozen import model
from .vocabulary import Better as Better

# The catalog's enums, re-exported for the modules that read the models.
from .vocabulary import Effect as Effect
from .vocabulary import GuidanceTopic as GuidanceTopic
from .vocabulary import MeasureRole as MeasureRole
from .vocabulary import Moxibustion as Moxibustion
from .vocabulary import NeedleAngle as NeedleAngle
from .vocabulary import NeedleMethod as NeedleMethod
from .vocabulary import Placement
from .vocabulary import Structure as Structure
from .vocabulary import Urgency as Urgency
from .vocabulary import View as View


class SourceKind(StrEnum):
    SEED = "seed"  # one of the five articles in shared/seeds, cited by file name
    STANDARD = "standard"  # WHO 2008 standard locations
    TEXTBOOK = "textbook"  # Cheng Xinnong, Deadman, Maciocia ...
    GUIDELINE = "guideline"  # clinical guidelines (NICE, ACP ...), red flags
    REVIEW = "review"  # published reviews and studies


class ReviewStatus(StrEnum):
    """How well an item (a prescription, a point location) is supported."""

    STANDARD_TEXT = "standard_text"
    SECONDARY_COPY = "secondary_copy"
    SEED_ONLY = "seed_only"
    GENERAL_APPLIED = "general_applied"

    @property
    def label(self) -> str:
        return _REVIEW_LABELS[self]


_REVIEW_LABELS = {
    ReviewStatus.STANDARD_TEXT: "Standard text read directly",
    ReviewStatus.SECONDARY_COPY: "Secondary copy of a standard text",
    ReviewStatus.SEED_ONLY: "Seed article only",
    ReviewStatus.GENERAL_APPLIED: "General prescription applied here",
}


class Severity(StrEnum):
    CAUTION = "caution"  # flag it, keep it in a plan
    CONTRAINDICATION = "contraindication"  # leave it out of a plan unless confirmed


# The only technique id that may carry a ``needle_method`` (see ``shape.ONLY_FOR_ID``).
NEEDLING = "needling"


class Laterality(StrEnum):
    BILATERAL = "bilateral"
    MIDLINE = "midline"


class BackPain(StrEnum):
    LOWER = "lower"
    UPPER = "upper"


@model
class Source:
    id: str
    citation: str
    kind: SourceKind
    note: str  # where and how it was read (a review status never claims more than this)
    licence: str  # the copy's licence or terms, and how we use it (paraphrase, cross-check ...)
    file: str | None = None  # the seed's file name, for seeds


@model
class Sourced:
    """A line of text and the sources that support it."""

    text: str
    sources: tuple[str, ...]


@model
class Caution:
    """A caution of one point or technique. With ``factors`` it is a safety rule for that point or
    technique (a contraindication leaves it out of a plan for those patients); without, it applies to
    everyone and is shown wherever the point or technique is shown."""

    id: str
    text: str
    severity: Severity
    factors: tuple[str, ...]
    sources: tuple[str, ...]
    techniques: tuple[str, ...] = ()  # only when the point is treated with these (moxibustion ...)
    # What lies beneath and the safe angle and depth the source gives (organ-depth cautions).
    structure: Structure | None = None
    max_depth: float | None = None  # cun
    angle: NeedleAngle | None = None


@model
class Needling:
    """How a point is needled, in our words, with the source's angle, depth range and moxibustion."""

    text: str
    sources: tuple[str, ...]
    angle: NeedleAngle | None = None
    depth_min: float | None = None  # cun
    depth_max: float | None = None
    moxibustion: Moxibustion | None = None


@model
class DeepStructures:
    """What lies beneath or beside a point (from the source's regional anatomy)."""

    structures: tuple[Structure, ...]
    text: str
    sources: tuple[str, ...]


@model
class CourseRun:
    """One stretch of a channel's surface course: its points in the order the channel runs there."""

    points: tuple[str, ...]
    sources: tuple[str, ...]


@model
class Channel:
    id: str  # "BL", "GV", "EX" ...
    name: str
    pinyin: str
    chinese: str  # traditional characters
    sources: tuple[str, ...]
    # Empty: the course runs through the channel's points in number order (app.domain.channels).
    course: tuple[CourseRun, ...] = ()
    simplified: str | None = None  # simplified characters
    # The pathway in words (start, surface course, end, organs, the link to the next channel):
    # our paraphrase of the textbook's course, shown beside the drawn course.
    pathway: Sourced | None = None


@model
class Region:
    id: str
    name: str
    back_pain: BackPain
    reading: Sourced | None  # how ambiguous seed words were read, and why
    sources: tuple[str, ...]
    seed_words: str | None = None  # the seed's own words, e.g. "Stomach points"; None: not a seed region
    points: tuple[str, ...] = ()  # filled by the loader from Point.region


@model
class Anchor:
    """Where a point sits on a diagram view: a named landmark plus cun offsets.

    ``lateral_cun`` is measured away from the midline (applied to both sides
    for bilateral points); ``down_cun`` is measured downwards (negative: up),
    each in the local proportional cun of the landmark's body segment.
    """

    view: View
    landmark: str  # a landmark id from app.domain.anatomy
    lateral_cun: float = 0.0
    down_cun: float = 0.0


@model
class Indications:
    """What a point is used for, in short phrases (our English for the source's list)."""

    items: tuple[str, ...]
    sources: tuple[str, ...]


@model
class Point:
    code: str  # "BL23", "GV4", "EX-B2"
    pinyin: str  # with tone marks
    chinese: str  # traditional characters
    simplified: str  # simplified characters
    english: str
    channel: str
    region: str
    laterality: Laterality
    location: str
    location_status: ReviewStatus
    location_sources: tuple[str, ...]
    needling: Needling
    cautions: tuple[Caution, ...]
    anchors: tuple[Anchor, ...]
    sources: tuple[str, ...]
    aliases: tuple[str, ...] = ()  # other names and spellings a search should find
    deep: DeepStructures | None = None
    indications: Indications | None = None
    # The point's use for back, neck or shoulder pain as its source gives it; or reference_only
    # for a point kept for the atlas and study with no such use.
    back_pain: Sourced | None = None
    reference_only: bool = False
    # Where another source locates the point differently (recorded beside the main location).
    location_variants: tuple[Sourced, ...] = ()


@model
class Sign:
    id: str
    text: str
    group: str  # an intake group id, see Catalog.sign_groups
    weight: float  # contribution to the pattern's score when checked
    key: bool  # a key sign: reported as "missing" when unchecked
    sources: tuple[str, ...]
    age_from: int | None = None  # follows the age when one is given: it holds from this age on


@model
class PrescribedPoint:
    point: str  # point code
    role: str  # why this point for this pattern
    sources: tuple[str, ...]
    subtype: str | None = None  # only for this subtype of the pattern (a Subtype id)


@model
class Subtype:
    """A variant of a pattern that the checked signs decide (kidney yang vs kidney yin)."""

    id: str
    name: str
    signs: tuple[str, ...]  # sign ids of the pattern that speak for this subtype
    sources: tuple[str, ...]


@model
class Prescription:
    local: tuple[PrescribedPoint, ...]
    distal: tuple[PrescribedPoint, ...]
    status: ReviewStatus
    note: Sourced | None
    sources: tuple[str, ...]


@model
class Technique:
    id: str  # "needling", "moxibustion", "cupping", "bleeding", "electro"
    name: str
    method: str
    needle_method: NeedleMethod | None  # needling only, where its source names the method
    cautions: tuple[Caution, ...]
    sources: tuple[str, ...]
    subtype: str | None = None  # only for this subtype of the pattern
    at: tuple[str, ...] = ()  # the points its source applies it at (empty: the pattern's points)


@model
class Pattern:
    id: str
    name: str
    pinyin: str
    chinese: str
    cause: Sourced
    signs: tuple[Sign, ...]
    principle: Sourced
    prescription: Prescription
    techniques: tuple[Technique, ...]
    # Textbook variants and departures from the seed, each sourced: e.g. the
    # yang/yin split of kidney deficiency, "cold-damp" for wind-cold.
    notes: tuple[Sourced, ...]
    sources: tuple[str, ...]
    subtypes: tuple[Subtype, ...] = ()
    # A pattern the textbooks describe that is not one of the seed's four scenarios (shown as such).
    textbook_only: bool = False

    def points_by_role(self) -> dict[str, Placement]:
        """Point code -> local or distal (local wins if both)."""
        roles = {p.point: Placement.DISTAL for p in self.prescription.distal}
        roles.update({p.point: Placement.LOCAL for p in self.prescription.local})
        return roles


@model
class Protocol:
    """A regional protocol: the textbook's treatment of one complaint by where it hurts (stiff neck,
    scapular pain, sciatica-type radiation, acute lumbar sprain), not by pattern."""

    id: str
    name: str
    pinyin: str
    chinese: str
    indication: Sourced  # what the protocol is for, as its source describes it
    region: str  # the region (``regions``) the complaint is in
    status: ReviewStatus  # how the points were read (standard_text: the source's own protocol)
    points: tuple[PrescribedPoint, ...]  # in the source's order
    technique: Sourced  # how the source needles (method, order, moxibustion, cupping)
    notes: tuple[Sourced, ...]
    sources: tuple[str, ...]
    # Codes among ``points`` the source uses as distal points (along the channel, away from the pain);
    # the others are local (near) points.
    distal: tuple[str, ...] = ()

    def points_by_role(self) -> dict[str, Placement]:
        """Point code -> local or distal, as for a pattern."""
        far = set(self.distal)
        return {p.point: Placement.DISTAL if p.point in far else Placement.LOCAL for p in self.points}


@model
class ChannelZone:
    """A pain zone on the back and the channel it belongs to (003_: channel
    differentiation decides whether treatment works)."""

    id: str  # "midline", "paraspinal_left", "hip_side_right", "leg_back_left" ...
    name: str
    channel: str
    reason: Sourced
    distal: tuple[PrescribedPoint, ...]
    sources: tuple[str, ...]


@model
class Guidance:
    id: str
    topic: GuidanceTopic
    text: str
    # Machine-readable values for the plan builder, e.g. {"min": 6, "max": 12}.
    values: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    claim: bool = False  # the source's own claim (evidence figures), not ours
    sources: tuple[str, ...] = ()
    # Patient lines shaped by the plan: shown only when it includes one of these techniques, or
    # records one of these patient factors (empty: always).
    techniques: tuple[str, ...] = ()
    factors: tuple[str, ...] = ()


@model
class PatientFactor:
    id: str  # "pregnancy", "anticoagulants", "pacemaker", "first_treatment" ...
    label: str
    sources: tuple[str, ...]


@model
class RedFlag:
    id: str
    label: str
    reason: str  # why it needs medical assessment (for the practitioner)
    urgency: Urgency
    patient: str  # what the patient is told to do, in plain words (the referral notice)
    sources: tuple[str, ...]


@model
class Trigger:
    """What a safety rule answers: exactly one of these is given (``always``: every patient, for the
    rules of a body area or a technique)."""

    always: bool | None = None
    factor: str | None = None
    red_flag: str | None = None
    sign: str | None = None
    subtype: str | None = None
    age_over: int | None = None  # older than this
    age_under: int | None = None  # younger than this


@model
class Target:
    """What a safety rule applies to. The point selectors (points, regions, channels, structures,
    depth_over) pick the points that meet every selector given (a list: any of its entries);
    ``techniques`` alone picks techniques and every point treated with them; both: those
    techniques at those points. Empty: the whole plan (advice and referral rules)."""

    techniques: tuple[str, ...] = ()
    points: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    structures: tuple[Structure, ...] = ()
    depth_over: float | None = None  # points whose source depth exceeds this (cun)
    every_point: bool = False


@model
class SafetyRule:
    id: str
    when: Trigger
    effect: Effect
    practitioner: str  # the rule's words for the practitioner
    sources: tuple[str, ...]
    applies_to: Target = Target()
    patient: str | None = None  # plain words for the handout, where it matters
    max_depth: float | None = None  # limit_depth: cun
    angle: NeedleAngle | None = None  # limit_depth: the safe angle
    replace_with: str | None = None  # change_technique: the technique id used instead
    urgency: Urgency | None = None  # refer: how soon


@model
class SignGroup:
    id: str  # "history", "pain", "location", "modifiers", "general", "tongue", "pulse"
    name: str


@model
class Threshold:
    """The minimal clinically important change of an outcome measure, as its source states it.

    An improvement is important when it reaches ``points`` (on the measure's scale) or
    ``percent`` of the baseline score, whichever the catalog gives (at least one).
    """

    text: str  # the threshold in words, with how it was found (consensus, anchor, SEM ...)
    sources: tuple[str, ...]
    points: float | None = None
    percent: float | None = None


@model
class OutcomeMeasure:
    """A score a visit records: its scale, which way is better, its threshold and licence."""

    id: str
    kind: MeasureRole  # what it measures
    name: str
    short: str  # the chart's and the table's abbreviation ("NRS", "PSFS")
    scale_min: int
    scale_max: int
    better: Better
    definition: Sourced  # how it is asked and scored
    sources: tuple[str, ...]
    mcid: Threshold | None = None  # None: the course review does not judge change on it
    licence: Sourced | None = None  # the instrument's terms of use, where it is an owned instrument


@model
class Outcomes:
    """The outcome measures a visit records and the reactions it can record."""

    measures: Mapping[str, OutcomeMeasure]
    # Guidance lines (topic side_effects) a visit can record as a reaction or adverse event.
    reactions: tuple[str, ...]

    def by_role(self, role: MeasureRole) -> OutcomeMeasure | None:
        return next((m for m in self.measures.values() if m.kind is role), None)


@model
class Catalog:
    path: str
    schema_version: int
    disclaimer: Sourced
    sources: Mapping[str, Source]
    channels: Mapping[str, Channel]
    regions: Mapping[str, Region]
    points: Mapping[str, Point]
    patterns: Mapping[str, Pattern]
    zones: Mapping[str, ChannelZone]
    guidance: Mapping[str, Guidance]
    factors: Mapping[str, PatientFactor]
    red_flags: Mapping[str, RedFlag]
    sign_groups: Mapping[str, SignGroup]
    # Outcome measures for the course of treatment; the loader makes sure a pain measure is there
    # (the course review judges change on it).
    outcomes: Outcomes
    safety_rules: Mapping[str, SafetyRule] = field(default_factory=lambda: MappingProxyType({}))
    protocols: Mapping[str, Protocol] = field(default_factory=lambda: MappingProxyType({}))

    def point_patterns(self, code: str) -> tuple[str, ...]:
        """Ids of the patterns whose prescription names this point."""
        return tuple(pid for pid, p in self.patterns.items() if code in p.points_by_role())

    def patterns_by_point(self) -> dict[str, tuple[str, ...]]:
        """``point_patterns`` for every point at once (one pass over the prescriptions)."""
        found: dict[str, list[str]] = {}
        for pid, pattern in self.patterns.items():
            for code in pattern.points_by_role():
                found.setdefault(code, []).append(pid)
        return {code: tuple(found.get(code, ())) for code in self.points}

    def point_protocols(self, code: str) -> tuple[str, ...]:
        """Ids of the regional protocols that name this point."""
        return tuple(pid for pid, p in self.protocols.items() if code in p.points_by_role())
