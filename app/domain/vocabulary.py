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

    # whole figures first, then the close-ups from the head down (the order of buttons and prints)
    FRONT = "front"
    BACK = "back"
    SIDE = "side"
    LEFT = "left"  # the right side's mirror image (mirror_of)
    HEAD = "head"
    HAND = "hand"
    FOOT = "foot"

    @property
    def short_caption(self) -> str:
        """The name on a view button and in the View menu ("Hand")."""
        return _VIEW_WORDS[self][0]

    @property
    def noun(self) -> str:
        """The view's name in running text ("hand close-up": "back view: L2 level")."""
        return _VIEW_WORDS[self][1]

    @property
    def caption(self) -> str:
        """The view's name as a title, on screen and in print ("Hand close-up")."""
        return self.noun[:1].upper() + self.noun[1:]

    @property
    def phrase(self) -> str:
        """The view in a sentence ("3 points on the hand close-up", "Show the back view")."""
        return f"the {self.noun}"

    @property
    def mirrored(self) -> bool:
        """Shows both sides of the body, so a bilateral point has two markers."""
        return self in (View.FRONT, View.BACK)

    @property
    def mirror_of(self) -> View | None:
        """The view this one is the mirror image of, left to right: it has no landmarks or anchors of
        its own, so the catalog places each point once (the left side: the right side's)."""
        return View.SIDE if self is View.LEFT else None


# Every name a view goes by, in one table: (button, running text). The close-ups are called so
# everywhere; the whole figures are views.
_VIEW_WORDS = {
    View.FRONT: ("Front", "front view"),
    View.BACK: ("Back", "back view"),
    View.SIDE: ("Right side", "right side view"),
    View.LEFT: ("Left side", "left side view"),
    View.HEAD: ("Head", "head and neck close-up"),
    View.HAND: ("Hand", "hand close-up"),
    View.FOOT: ("Foot", "foot close-up"),
}


# The views a point's anchors may name (data/points.yaml): every view but a mirror image.
ANCHORED_VIEWS = tuple(v for v in View if v.mirror_of is None)


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


class Side(StrEnum):
    """Which side of the patient a bilateral point is needled on (the practitioner's choice)."""

    BOTH = "both"
    LEFT = "left"
    RIGHT = "right"

    @property
    def label(self) -> str:
        return "both sides" if self is Side.BOTH else f"{self.value} side only"


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

    @property
    def brief(self) -> str:
        """The method in a narrow choice box: "Tonify", "Reduce", "Even method" ..."""
        return _METHOD_WORDS[self][3]

    @property
    def short(self) -> str:
        """The method in a table cell: "T", "R", "E", "M", "EA" (``METHOD_KEY`` says what they mean)."""
        return _METHOD_WORDS[self][2]


_METHOD_WORDS = {
    NeedleMethod.TONIFY: ("Tonify (reinforcing)", "needling", "T", "Tonify"),
    NeedleMethod.REDUCE: ("Reduce (reducing)", "needling", "R", "Reduce"),
    NeedleMethod.EVEN: ("Even method", "needling", "E", "Even method"),
    NeedleMethod.MOXIBUSTION: ("Moxibustion", "moxibustion", "M", "Moxibustion"),
    NeedleMethod.ELECTRO: ("Electro-acupuncture", "electro", "EA", "Electro"),
}
METHOD_KEY = "T tonify, R reduce, E even, M moxibustion, EA electro-acupuncture"
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


class Effect(StrEnum):
    """What a safety rule does to a plan."""

    LEAVE_OUT = "leave_out"  # the point or technique is left out unless the practitioner confirms it
    CAUTION = "caution"  # kept, marked with the rule's words
    LIMIT_DEPTH = "limit_depth"  # kept, needled no deeper than the rule's depth (and at its angle)
    CHANGE_TECHNIQUE = "change_technique"  # the technique is replaced by the rule's (moxibustion -> needling)
    ADVICE = "advice"  # changes nothing in the plan: advice for the practitioner and the patient
    REFER = "refer"  # a prompt to refer the patient for medical assessment

    @property
    def label(self) -> str:
        return _EFFECT_LABELS[self]


_EFFECT_LABELS = {
    Effect.LEAVE_OUT: "Left out",
    Effect.CAUTION: "Caution",
    Effect.LIMIT_DEPTH: "Depth limited",
    Effect.CHANGE_TECHNIQUE: "Technique changed",
    Effect.ADVICE: "Advice",
    Effect.REFER: "Referral",
}


class Urgency(StrEnum):
    """How soon a red flag needs medical assessment (most urgent first)."""

    EMERGENCY = "emergency"  # the same day: emergency department
    URGENT = "urgent"  # within days
    ROUTINE = "routine"  # at the next opportunity, before or alongside treatment

    @property
    def rank(self) -> int:
        return list(Urgency).index(self)

    @property
    def label(self) -> str:
        return _URGENCY_LABELS[self]


_URGENCY_LABELS = {
    Urgency.EMERGENCY: "Emergency: medical assessment today",
    Urgency.URGENT: "Urgent: medical assessment within days",
    Urgency.ROUTINE: "Routine: medical assessment before or alongside treatment",
}


class Structure(StrEnum):
    """What lies beneath or beside a point and makes depth or angle matter."""

    LUNG = "lung"  # lung and pleura (pneumothorax)
    HEART = "heart"
    KIDNEY = "kidney"
    LIVER = "liver"
    SPLEEN = "spleen"
    SPINAL_CORD = "spinal_cord"  # the spinal canal between the vertebrae
    MEDULLA = "medulla"  # the medulla oblongata, under the nape
    LARGE_VESSEL = "large_vessel"  # a large artery or vein
    NERVE = "nerve"  # a large nerve trunk
    EYE = "eye"
    BLADDER = "bladder"
    INTESTINE = "intestine"
    UTERUS = "uterus"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


class NeedleAngle(StrEnum):
    PERPENDICULAR = "perpendicular"
    OBLIQUE = "oblique"
    TRANSVERSE = "transverse"  # subcutaneous, along the skin
    PRICK = "prick"  # pricked, not inserted

    @property
    def label(self) -> str:
        return self.value


class Moxibustion(StrEnum):
    """What a point's source says of moxibustion there."""

    APPLICABLE = "applicable"
    CAUTIOUS = "cautious"
    FORBIDDEN = "forbidden"
    NOT_STATED = "not_stated"


class MeasureRole(StrEnum):
    """What an outcome measure of the catalog measures (the course review reads each by its role)."""

    PAIN = "pain"
    FUNCTION = "function"
    GLOBAL_CHANGE = "global_change"

    @property
    def label(self) -> str:
        return _MEASURE_ROLE_LABELS[self]


_MEASURE_ROLE_LABELS = {
    MeasureRole.PAIN: "Pain",
    MeasureRole.FUNCTION: "Function",
    MeasureRole.GLOBAL_CHANGE: "Global rating of change",
}


class Better(StrEnum):
    """Which way an outcome measure's score improves."""

    LOWER = "lower"
    HIGHER = "higher"
