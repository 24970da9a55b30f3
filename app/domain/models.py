"""Typed, immutable models of the Yaotong catalog (``data/points.yaml``).

Pure Python: no Qt import may appear anywhere in ``app.domain``. The loader
(``app.domain.loader``) builds these from YAML and guarantees every reference
between them resolves, so consumers can index the dictionaries without checks.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType

# The catalog's enums, re-exported for the modules that read the models.
from .vocabulary import GuidanceTopic as GuidanceTopic
from .vocabulary import NeedleMethod as NeedleMethod
from .vocabulary import Placement
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


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    citation: str
    kind: SourceKind
    file: str | None = None  # the seed's file name, for seeds
    note: str | None = None  # where and how it was read


@dataclass(frozen=True, slots=True)
class Sourced:
    """A line of text and the sources that support it."""

    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Caution:
    id: str
    text: str
    severity: Severity
    # Patient factor ids that make this caution apply. Empty: it always applies
    # and is shown wherever the point or technique is shown.
    factors: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Channel:
    id: str  # "BL", "GV", "EX" ...
    name: str
    pinyin: str
    chinese: str
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Region:
    id: str
    name: str
    seed_words: str  # the seed's own words, e.g. "Stomach points"
    back_pain: BackPain
    reading: Sourced | None  # how ambiguous seed words were read, and why
    sources: tuple[str, ...]
    points: tuple[str, ...] = ()  # filled by the loader from Point.region


@dataclass(frozen=True, slots=True)
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


@dataclass(frozen=True, slots=True)
class Point:
    code: str  # "BL23", "GV4", "EX-B2"
    pinyin: str  # with tone marks
    chinese: str
    english: str
    channel: str
    region: str
    laterality: Laterality
    location: str
    location_status: ReviewStatus
    location_sources: tuple[str, ...]
    needling: Sourced
    cautions: tuple[Caution, ...]
    anchors: tuple[Anchor, ...]
    sources: tuple[str, ...]
    aliases: tuple[str, ...] = ()  # other names and spellings a search should find


@dataclass(frozen=True, slots=True)
class Sign:
    id: str
    text: str
    group: str  # an intake group id, see Catalog.sign_groups
    weight: float  # contribution to the pattern's score when checked
    key: bool  # a key sign: reported as "missing" when unchecked
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PrescribedPoint:
    point: str  # point code
    role: str  # why this point for this pattern
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Prescription:
    local: tuple[PrescribedPoint, ...]
    distal: tuple[PrescribedPoint, ...]
    status: ReviewStatus
    note: Sourced | None
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Technique:
    id: str  # "needling", "moxibustion", "cupping", "bleeding", "electro"
    name: str
    method: str
    needle_method: NeedleMethod | None  # needling only, where its source names the method
    cautions: tuple[Caution, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
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

    def points_by_role(self) -> dict[str, Placement]:
        """Point code -> local or distal (local wins if both)."""
        roles = {p.point: Placement.DISTAL for p in self.prescription.distal}
        roles.update({p.point: Placement.LOCAL for p in self.prescription.local})
        return roles


@dataclass(frozen=True, slots=True)
class ChannelZone:
    """A pain zone on the back and the channel it belongs to (003_: channel
    differentiation decides whether treatment works)."""

    id: str  # "midline", "paraspinal_left", "hip_side_right", "leg_back" ...
    name: str
    channel: str
    reason: Sourced
    distal: tuple[PrescribedPoint, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Guidance:
    id: str
    topic: GuidanceTopic
    text: str
    # Machine-readable values for the plan builder, e.g. {"min": 6, "max": 12}.
    values: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    claim: bool = False  # the source's own claim (evidence figures), not ours
    sources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PatientFactor:
    id: str  # "pregnancy", "anticoagulants", "pacemaker", "first_treatment" ...
    label: str
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RedFlag:
    id: str
    label: str
    reason: str  # why it needs medical assessment
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SignGroup:
    id: str  # "history", "pain", "location", "modifiers", "general", "tongue", "pulse"
    name: str


@dataclass(frozen=True, slots=True)
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

    def point_patterns(self, code: str) -> tuple[str, ...]:
        """Ids of the patterns whose prescription names this point."""
        return tuple(pid for pid, p in self.patterns.items() if code in p.points_by_role())
