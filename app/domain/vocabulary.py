"""The closed sets of names the app uses, each an enum with its words in one table.

Pure Python. The catalog's YAML shape (``app.domain.shape``) derives its
choices from these enums, so ``data/points.schema.json`` follows them; the UI
and the exports take their titles and labels from here and nowhere else.
Every enum is a ``StrEnum``: its members compare equal to the plain strings
written in files, settings and JSON.
"""

from __future__ import annotations

from enum import StrEnum


class View(StrEnum):
    """A drawing of the body diagram."""

    FRONT = "front"
    BACK = "back"
    HAND = "hand"
    FOOT = "foot"

    @property
    def caption(self) -> str:
        """The view's name on screen and in print ("Hand close-up")."""
        return _VIEW_TITLES[self][0]

    @property
    def short_caption(self) -> str:
        """The name on a toolbar button ("Hand")."""
        return _VIEW_TITLES[self][1]

    @property
    def mirrored(self) -> bool:
        """Shows both sides of the body, so a bilateral point has two markers."""
        return self in (View.FRONT, View.BACK)


_VIEW_TITLES = {
    View.FRONT: ("Front", "Front"),
    View.BACK: ("Back", "Back"),
    View.HAND: ("Hand close-up", "Hand"),
    View.FOOT: ("Foot close-up", "Foot"),
}


class Role(StrEnum):
    """Why a marker is highlighted on the diagram (its shape and colour follow)."""

    LOCAL = "local"
    DISTAL = "distal"
    CHANNEL = "channel"
    PLAN = "plan"

    @property
    def label(self) -> str:
        return _ROLE_WORDS[self][0]

    @property
    def shape(self) -> str:
        return _ROLE_WORDS[self][1]

    @property
    def order(self) -> int:
        """Which role wins when a point has several (the higher)."""
        return list(Role).index(self) + 1


_ROLE_WORDS = {
    Role.LOCAL: ("Local point", "circle"),
    Role.DISTAL: ("Distal point", "diamond"),
    Role.CHANNEL: ("Channel point (pain map)", "triangle"),
    Role.PLAN: ("In the plan", "square"),
}


class Placement(StrEnum):
    """Where a point of a plan comes from: a prescription's local or distal list, a zone, or by hand."""

    LOCAL = "local"
    DISTAL = "distal"
    ZONE = "zone"
    ADDED = "added"


class ReasonKind(StrEnum):
    """What put a point in a plan."""

    PATTERN = "pattern"
    ZONE = "zone"
    ADDED = "added"


class GuidanceTopic(StrEnum):
    """The topics of the catalog's guidance lines, in the order a reader meets them."""

    COURSE = "course"
    SESSION = "session"
    REASSESS = "reassess"
    AFTERCARE = "aftercare"
    SIDE_EFFECTS = "side_effects"
    SAFETY = "safety"
    EVIDENCE = "evidence"

    @property
    def caption(self) -> str:
        return _TOPIC_TITLES[self]


_TOPIC_TITLES = {
    GuidanceTopic.COURSE: "Course of treatment",
    GuidanceTopic.SESSION: "Each session",
    GuidanceTopic.REASSESS: "Reassessment",
    GuidanceTopic.AFTERCARE: "Aftercare",
    GuidanceTopic.SIDE_EFFECTS: "Side effects",
    GuidanceTopic.SAFETY: "Safety",
    GuidanceTopic.EVIDENCE: "Evidence",
}


class ProgressDimension(StrEnum):
    """What study accuracy can be broken down by."""

    PATTERN = "pattern"
    REGION = "region"
    QUESTION_TYPE = "question_type"

    @property
    def label(self) -> str:
        return _DIMENSION_LABELS[self]


_DIMENSION_LABELS = {
    ProgressDimension.PATTERN: "Pattern",
    ProgressDimension.REGION: "Region",
    ProgressDimension.QUESTION_TYPE: "Question type",
}


class NeedleMethod(StrEnum):
    """How a point is treated: a needling method (as a source names it), moxibustion or electro."""

    TONIFY = "tonify"  # reinforcing
    REDUCE = "reduce"  # reducing
    EVEN = "even"  # even (uniform) reinforcing-reducing
    MOXIBUSTION = "moxibustion"
    ELECTRO = "electro"

    @property
    def label(self) -> str:
        return _METHOD_WORDS[self][0]

    @property
    def technique(self) -> str:
        """The catalog technique id whose cautions apply to this method."""
        return _METHOD_WORDS[self][1]


_METHOD_WORDS = {
    NeedleMethod.TONIFY: ("Tonify (reinforcing)", "needling"),
    NeedleMethod.REDUCE: ("Reduce (reducing)", "needling"),
    NeedleMethod.EVEN: ("Even method", "needling"),
    NeedleMethod.MOXIBUSTION: ("Moxibustion", "moxibustion"),
    NeedleMethod.ELECTRO: ("Electro-acupuncture", "electro"),
}
# The methods a catalog technique's ``needle_method`` may name (how a source says to needle).
NEEDLING_METHODS = (NeedleMethod.TONIFY, NeedleMethod.REDUCE, NeedleMethod.EVEN)


class Theme(StrEnum):
    """The colour theme the user chose."""

    LIGHT = "light"
    DARK = "dark"
    SYSTEM = "system"

    @property
    def label(self) -> str:
        return _THEME_LABELS[self]


_THEME_LABELS = {Theme.LIGHT: "Light", Theme.DARK: "Dark", Theme.SYSTEM: "Follow the system"}
