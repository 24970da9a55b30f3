"""Load and validate the catalog (``data/points.yaml``) into the frozen models.

``load_catalog(path)`` returns a :class:`~app.domain.models.Catalog` whose
every reference resolves, or raises :class:`CatalogError` listing every
problem found, each as ``points.yaml:LINE:COLUMN: field.path[i]: what``.

The YAML shape comes from ``app.domain.shape`` (derived from the models); this
module walks the node tree along it, then checks what a shape cannot say:
references between tables, duplicate ids in lists, signs shared between
patterns, seed files, point codes against their channels, and what the app
relies on: text lengths, sign weights (whole numbers 1-3) and the guidance
values the plan's default course is made of. A catalog this loader accepts is
one every workspace can show.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from types import MappingProxyType
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .anatomy import LANDMARKS
from .errors import CatalogError, DataFileError, Problem
from .models import (
    Anchor,
    Catalog,
    ChannelZone,
    CourseRun,
    Effect,
    Guidance,
    GuidanceTopic,
    MeasureRole,
    Moxibustion,
    OutcomeMeasure,
    Outcomes,
    Pattern,
    Point,
    Protocol,
    Region,
    SafetyRule,
    Severity,
    Sign,
    Source,
    SourceKind,
    Technique,
    Trigger,
    View,
)
from .plan import COURSE_LIMITS, COURSE_TOPICS
from .safety import picks_points
from .shape import (
    ID_MAX,
    LANDMARK_IDS,
    SCHEMA_VERSION,
    SNAKE_ID,
    FieldShape,
    Shape,
    has_default,
    key_format,
    model_shape,
    only_for_id,
)
from .text_rules import shown
from .yaml_nodes import INT, NodeReader, child, compose_safely, describe, is_null, load_nodes

_DECIMAL = re.compile(r"[0-9]+")

__all__ = ["CatalogError", "DataFileError", "Problem", "load_catalog", "load_catalog_text"]

# Unique within one list: the field that identifies an item.
_LIST_KEYS = {"id", "point"}
# Singular nouns for "unknown X 'Y'" messages.
_TABLE_NOUNS = {
    "sources": "source",
    "channels": "channel",
    "regions": "region",
    "points": "point",
    "factors": "patient factor",
    "sign_groups": "sign group",
    "landmarks": "landmark",
    "red_flags": "red flag",
    "signs": "sign",
    "subtypes": "pattern subtype",
    "techniques": "technique",
    "guidance": "guidance line",
}


def load_catalog(path: str | Path) -> Catalog:
    """Read, check and build the catalog at ``path``; raises ``CatalogError``."""
    with _no_cyclic_gc():
        root, filename = load_nodes(path, CatalogError)
        return _CatalogBuilder(filename).build(root, str(path))


def load_catalog_text(text: str | bytes, filename: str = "points.yaml", path: str | None = None) -> Catalog:
    """The same from text already in memory (tests, editors, the cache); ``path`` is recorded as
    the catalog's path (default: ``filename``)."""
    with _no_cyclic_gc():
        root = compose_safely(text, filename, CatalogError)
        return _CatalogBuilder(filename).build(root, path or filename)


@contextlib.contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """The cyclic garbage collector off while a catalog is built: the node tree and the models are
    hundreds of thousands of objects with no cycles to find, and the collector's passes over them
    more than doubled the load time of the shipped catalog."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclasses.dataclass(slots=True)
class _Reference:
    table: str
    value: str
    node: Node
    path: str


class _CatalogBuilder:
    def __init__(self, filename: str) -> None:
        self.reader = NodeReader(filename, CatalogError)
        self.references: list[_Reference] = []
        self.keys: dict[str, set[str]] = {}  # table path ("points") -> its ids
        self.signs: list[tuple[Sign, Node, str]] = []  # every sign of every pattern, in file order
        self.points: list[tuple[Point, Node, str]] = []
        self.patterns: list[tuple[Pattern, Node, str]] = []
        self.zones: list[ChannelZone] = []
        self.protocols: list[Protocol] = []
        self.technique_ids: set[str] = set()
        self.guidance: list[tuple[Guidance, Node, str]] = []
        self._hooks: dict[type, Callable[[Any, Node, str], None]] = {
            Source: self._check_source,
            Point: lambda point, node, path: self.points.append((point, node, path)),
            Anchor: self._check_anchor,
            Sign: lambda sign, node, path: self.signs.append((sign, node, path)),
            Pattern: lambda pattern, node, path: self.patterns.append((pattern, node, path)),
            ChannelZone: lambda zone, node, path: self.zones.append(zone),
            CourseRun: lambda run, node, path: self.course_runs.append((run, node, path)),
            Protocol: self._check_protocol,
            Technique: lambda technique, node, path: self.technique_ids.add(technique.id),
            Trigger: self._check_trigger,
            SafetyRule: self._check_rule,
            Guidance: lambda line, node, path: self.guidance.append((line, node, path)),
            OutcomeMeasure: self._check_measure,
            Outcomes: lambda outcomes, node, path: self.outcomes.append((outcomes, node, path)),
        }
        self.outcomes: list[tuple[Outcomes, Node, str]] = []
        self.course_runs: list[tuple[CourseRun, Node, str]] = []

    # --- the walk -----------------------------------------------------------------------------------------

    def build(self, root: Node, path: str) -> Catalog:
        shape = model_shape(Catalog)
        values, _ = self._fields(shape.fields, root, "", None)
        if values.get("schema_version") not in (None, SCHEMA_VERSION):
            self.reader.report(
                self._field_node(root, "schema_version"),
                "schema_version",
                f"unsupported schema_version {values['schema_version']} (expected {SCHEMA_VERSION})",
            )
        self.keys["landmarks"] = set(LANDMARK_IDS)
        self.keys["signs"] = {sign.id for sign, _, _ in self.signs}
        self.keys["techniques"] = set(self.technique_ids)
        self.keys["subtypes"] = {s.id for pattern, _, _ in self.patterns for s in pattern.subtypes}
        self._check_references()
        self._check_subtypes()
        self._check_point_roles()
        self._check_point_channels()
        self._check_course_runs()
        self._check_shared_signs()
        if "guidance" in values:
            self._check_course(self._field_node(root, "guidance"))
        self._check_outcomes(values.get("guidance"))
        self.reader.raise_if_problems(CatalogError)
        # No problems: every field was read.
        values["regions"] = _fill_region_points(values["regions"], values["points"])
        return Catalog(path=path, **values)

    def _fields(
        self, fields: tuple[FieldShape, ...], node: Node, path: str, key: tuple[str, str] | None
    ) -> tuple[dict[str, Any], bool]:
        """The values of a mapping's fields that could be read, and whether all could."""
        required = [f.name for f in fields if f.required]
        optional = [f.name for f in fields if not f.required]
        found = self.reader.fields(node, path, required, optional)
        if found is None:
            return {}, False
        values: dict[str, Any] = {}
        complete = True
        for f in fields:
            sub = found.get(f.name)
            if sub is None:
                complete = complete and not f.required
                continue
            if f.nullable and is_null(sub):
                continue
            value = self._read(f.shape, sub, child(path, f.name), f)
            if value is None:
                complete = False
                continue
            if f.nonempty and not value:
                self.reader.report(sub, child(path, f.name), "empty list: at least one source is required")
                complete = False
            values[f.name] = value
        if key is not None:
            values[key[0]] = key[1]
        return values, complete

    def _model(self, cls: type, node: Node, path: str, key: str | None = None) -> Any:
        shape = model_shape(cls, keyed=key is not None)
        key_value = (shape.key_field, key) if shape.key_field is not None and key is not None else None
        values, complete = self._fields(shape.fields, node, path, key_value)
        if not complete:
            return None
        for f in dataclasses.fields(cls):  # optional fields without a default (``X | None``)
            if f.name not in values and not has_default(f):
                values[f.name] = None
        obj = cls(**values)
        hook = self._hooks.get(cls)
        if hook is not None:
            hook(obj, node, path)
        for name, wanted, noun in only_for_id(cls):
            self._check_only_for_id(obj, node, path, name, wanted, noun)
        return obj

    def _read(self, shape: Shape, node: Node, path: str, field: FieldShape | None = None) -> Any:
        kind = shape[0]
        r = self.reader
        ref = field.ref if field is not None else None
        if kind == "text":
            value = r.text(node, path, field.max_length if field is not None else ID_MAX)
            if value is not None and ref is not None:
                self.references.append(_Reference(ref, value, node, path))
            return value
        if kind == "id":
            return r.pattern(node, path, SNAKE_ID, "snake_case id", ID_MAX)
        if kind == "int":
            return r.integer(node, path)
        if kind == "number":
            if field is not None and field.whole is not None:
                return self._whole(node, path, *field.whole)
            return r.number(node, path)
        if kind == "bool":
            return r.boolean(node, path)
        if kind == "enum":
            value = r.choice(node, path, [member.value for member in shape[2]])
            return None if value is None else shape[1](value)
        if kind == "model":
            return self._model(shape[1], node, path)
        if kind == "list":
            return self._list(shape[1], node, path, field)
        if kind == "table":
            return self._table(shape[1], node, path)
        if kind == "list_table":
            items = self._list_items(("model", shape[1]), node, path, None)
            if items is None:
                return None
            self.keys[path] = {item.id for item in items if item is not None}
            return None if None in items else MappingProxyType({item.id: item for item in items})
        if kind == "number_map":
            entries = r.mapping(node, path)
            if entries is None:
                return None
            numbers = {key: r.number(sub, child(path, key)) for key, _, sub in entries}
            if any(v is None for v in numbers.values()):
                return None
            return MappingProxyType(numbers)
        raise AssertionError(f"unknown shape {shape!r}")  # pragma: no cover - shape.py makes only the above

    def _list(self, item: Shape, node: Node, path: str, field: FieldShape | None) -> tuple[Any, ...] | None:
        items = self._list_items(item, node, path, field)
        if items is None or any(value is None for value in items):
            return None
        return tuple(items)

    def _list_items(self, item: Shape, node: Node, path: str, field: FieldShape | None) -> list[Any] | None:
        """Every item read (``None`` where an item is broken), or ``None`` if ``node`` is no list."""
        nodes = self.reader.sequence(node, path)
        if nodes is None:
            return None
        items = [self._read(item, sub, child(path, i), field) for i, sub in enumerate(nodes)]
        if item[0] == "model":
            self._check_unique(item[1], items, nodes, path)
        return items

    def _table(self, cls: type, node: Node, path: str) -> MappingProxyType[str, Any] | None:
        entries = self.reader.mapping(node, path)
        if entries is None:
            return None
        regex, what = key_format(cls)
        # References are checked against every key, so a broken entry (or
        # key) is reported once, not again at each place that names it.
        self.keys[path] = {key for key, _, _ in entries}
        table: dict[str, Any] = {}
        complete = True
        for key, key_node, sub in entries:
            if len(key) > ID_MAX:
                self.reader.report(
                    key_node, child(path, key), f"{len(key)} characters, the limit is {ID_MAX}"
                )
                complete = False
                continue
            if not regex.fullmatch(key):
                self.reader.report(key_node, child(path, key), f"'{shown(key)}' is not a valid {what}")
                complete = False
                continue
            obj = self._model(cls, sub, child(path, key), key)
            if obj is None:
                complete = False
            else:
                table[key] = obj
        return MappingProxyType(table) if complete else None

    # --- checks a shape cannot express ------------------------------------------------------------------

    def _whole(self, node: Node, path: str, low: int, high: int) -> float | None:
        """A whole number from ``low`` to ``high`` in plain decimal digits (not 0x2, 1:30, 2.0, -1)."""
        if not isinstance(node, ScalarNode) or node.tag not in (INT, "tag:yaml.org,2002:float"):
            self.reader.report(
                node, path, f"expected a whole number from {low} to {high}, got {describe(node)}"
            )
            return None
        if node.tag != INT or not _DECIMAL.fullmatch(node.value) or not low <= int(node.value) <= high:
            self.reader.report(
                node, path, f"expected a whole number from {low} to {high}, got '{shown(node.value)}'"
            )
            return None
        return float(node.value)

    def _check_course(self, table: Node) -> None:
        """The plan's default course is read from guidance values: each of the topics course,
        session and reassess needs a line with min and max, and every min or max of those topics
        is a whole number within what a plan may hold, min <= max."""
        limits = {name: (low, high) for name, low, high in COURSE_LIMITS}
        topics = dict(COURSE_TOPICS)
        usable: set[str] = set()
        for line, node, path in self.guidance:
            name = topics.get(line.topic.value)
            if name is None:
                continue
            low, high = limits[name]
            values = self._field_node(node, "values")
            good: dict[str, float] = {}
            for end in ("min", "max"):
                if end not in line.values:
                    continue
                value = line.values[end]
                if value.is_integer() and low <= value <= high:
                    good[end] = value
                else:
                    self.reader.report(
                        self._field_node(values, end),
                        child(child(path, "values"), end),
                        f"expected a whole number from {low} to {high} ({name.replace('_', ' ')} of a plan's "
                        f"course), got {value:g}",
                    )
            if len(good) == 2 and good["max"] < good["min"]:
                self.reader.report(
                    self._field_node(values, "max"),
                    child(child(path, "values"), "max"),
                    f"expected at least min ({good['min']:g}), got {good['max']:g}",
                )
            if "min" in line.values and "max" in line.values:
                usable.add(line.topic.value)
        for topic, _name in COURSE_TOPICS:
            if topic not in usable:
                self.reader.report(
                    table,
                    "guidance",
                    f"no line of topic '{topic}' has min and max values: a plan's default course needs one "
                    "for each of the topics course, session and reassess",
                )

    def _check_unique(self, cls: type, items: list[Any], nodes: list[Node], path: str) -> None:
        key = next((f.name for f in dataclasses.fields(cls) if f.name in _LIST_KEYS), None)
        if key is None:
            return
        first: dict[str, int] = {}
        for i, (item, node) in enumerate(zip(items, nodes, strict=True)):
            if item is None:
                continue
            value = getattr(item, key)
            if value in first:
                where = self._field_node(node, key)
                line = nodes[first[value]].start_mark.line + 1
                self.reader.report(
                    where,
                    child(child(path, i), key),
                    f"duplicate {key} '{value}' in this list (first at line {line})",
                )
            else:
                first[value] = i

    def _check_source(self, source: Source, node: Node, path: str) -> None:
        if source.kind is SourceKind.SEED and source.file is None:
            self.reader.report(node, path, "missing required field 'file' (a seed source names its file)")
        elif source.kind is not SourceKind.SEED and source.file is not None:
            where = self._field_node(node, "file")
            self.reader.report(
                where, child(path, "file"), f"only seed sources have a file (this is a {source.kind} source)"
            )

    def _check_only_for_id(self, obj: Any, node: Node, path: str, name: str, wanted: str, noun: str) -> None:
        """``name`` may be written only on the item whose id is ``wanted`` (there it is optional:
        a source that names no such thing leaves it out)."""
        written = self._field_node(node, name)
        if obj.id != wanted and written is not node:
            self.reader.report(
                written,
                child(path, name),
                f"only the {wanted} {noun} has a {name} (this is the {obj.id} {noun})",
            )

    def _check_trigger(self, trigger: Trigger, node: Node, path: str) -> None:
        given = [f.name for f in dataclasses.fields(Trigger) if getattr(trigger, f.name) is not None]
        if len(given) != 1:
            names = ", ".join(f.name for f in dataclasses.fields(Trigger))
            found = f"got {', '.join(given)}" if given else "got none"
            self.reader.report(node, path, f"a rule answers exactly one of {names} ({found})")

    def _check_rule(self, rule: SafetyRule, node: Node, path: str) -> None:
        for name, effect in _EFFECT_FIELDS.items():
            if getattr(rule, name) is not None and rule.effect is not effect:
                where = self._field_node(node, name)
                message = f"only a {effect} rule has a {name} (this rule is {rule.effect})"
                self.reader.report(where, child(path, name), message)
        needed = _REQUIRED_FOR.get(rule.effect)
        if needed is not None and getattr(rule, needed) is None:
            self.reader.report(node, path, f"a {rule.effect} rule needs a {needed}")
        if rule.effect is Effect.CHANGE_TECHNIQUE and not rule.applies_to.techniques:
            self.reader.report(node, path, "a change_technique rule names the techniques it replaces")
        target = rule.applies_to
        picks = bool(target.techniques) or picks_points(target)
        if rule.effect in (Effect.LEAVE_OUT, Effect.CAUTION, Effect.LIMIT_DEPTH) and not picks:
            self.reader.report(node, path, f"a {rule.effect} rule says what it applies to (applies_to)")

    def _check_subtypes(self) -> None:
        """A subtype names signs of its own pattern; a prescribed point or technique names a subtype of
        its own pattern."""
        for pattern, node, path in self.patterns:
            own_signs = {s.id for s in pattern.signs}
            own = {s.id for s in pattern.subtypes}
            for i, variant in enumerate(pattern.subtypes):
                for sign in variant.signs:
                    if sign not in own_signs and sign in self.keys["signs"]:
                        self.reader.report(
                            self._field_node(node, "subtypes"),
                            f"{path}.subtypes[{i}].signs",
                            f"sign '{sign}' is not a sign of {pattern.id}",
                        )
            rx = pattern.prescription
            users: list[tuple[str, str | None]] = [(p.point, p.subtype) for p in (*rx.local, *rx.distal)]
            users += [(t.id, t.subtype) for t in pattern.techniques]
            for what, subtype in users:
                if subtype is not None and subtype not in own and subtype in self.keys["subtypes"]:
                    self.reader.report(
                        node, path, f"{what}: subtype '{subtype}' is not a subtype of {pattern.id}"
                    )

    def _check_point_roles(self) -> None:
        """Every point has a sourced back-pain use or says it is kept for reference only (not both);
        a point a prescription or zone names is not reference-only; a source that forbids
        moxibustion at a point says so in a contraindication for moxibustion there too."""
        named = {
            p.point
            for pattern, _, _ in self.patterns
            for p in (*pattern.prescription.local, *pattern.prescription.distal)
        }
        named |= {p.point for zone in self.zones for p in zone.distal}
        named |= {p.point for protocol in self.protocols for p in protocol.points}
        for point, node, path in self.points:
            if (point.back_pain is None) == (not point.reference_only):
                message = (
                    "a point has a back_pain use or reference_only: true, not both"
                    if point.reference_only
                    else "missing back_pain (the point's sourced back-pain use) or reference_only: true"
                )
                self.reader.report(node, path, message)
            forbids = any(
                c.severity is Severity.CONTRAINDICATION and "moxibustion" in c.techniques and not c.factors
                for c in point.cautions
            )
            if (point.needling.moxibustion is Moxibustion.FORBIDDEN) != forbids:
                self.reader.report(
                    self._field_node(node, "needling"),
                    child(path, "needling"),
                    "moxibustion: forbidden goes with a contraindication caution for moxibustion (and back)",
                )
        for point, node, path in self.points:
            if point.reference_only and point.code in named:
                self.reader.report(
                    node,
                    path,
                    f"{point.code} is named by a prescription or a zone, so it is not reference_only",
                )

    def _check_protocol(self, protocol: Protocol, node: Node, path: str) -> None:
        """A protocol's distal points are among its points."""
        self.protocols.append(protocol)
        own = {p.point for p in protocol.points}
        for code in protocol.distal:
            if code not in own:
                self.reader.report(
                    self._field_node(node, "distal"),
                    child(path, "distal"),
                    f"'{code}' is not one of this protocol's points",
                )

    def _check_point_channels(self) -> None:
        """A point's code names its channel (BL23 is on BL; EX-B2 is an extra point, EX)."""
        channels = self.keys.get("channels", set())
        for point, node, path in self.points:
            uncoded = point.code[1:].islower()  # an extra point without a WHO code, named by its pinyin
            prefix = "EX" if point.code.startswith("EX-") or uncoded else point.code.rstrip("0123456789")
            if prefix != point.channel and point.channel in channels:  # else: unknown channel, reported
                self.reader.report(
                    self._field_node(node, "channel"),
                    child(path, "channel"),
                    f"point {point.code} belongs to channel '{prefix}', not '{point.channel}'",
                )

    def _check_course_runs(self) -> None:
        """A channel's course runs through its own points (the path names the channel), each once."""
        channel_of = {point.code: point.channel for point, _, _ in self.points}
        for run, node, path in self.course_runs:
            channel = path.split(".")[1].split("[")[0] if path.count(".") >= 2 else ""
            field, where = self._field_node(node, "points"), child(path, "points")
            for code in run.points:
                if code in channel_of and channel_of[code] != channel:
                    self.reader.report(field, where, f"{code} is not a point of channel {channel}")
            if len(set(run.points)) != len(run.points) or len(run.points) < 2:
                self.reader.report(field, where, "a run names two points or more, each once")

    def _check_anchor(self, anchor: Anchor, node: Node, path: str) -> None:
        mark = LANDMARKS.get(anchor.landmark)
        if mark is not None and mark.view != anchor.view:
            here, there = View(mark.view).phrase, View(anchor.view).phrase
            self.reader.report(
                self._field_node(node, "landmark"),
                child(path, "landmark"),
                f"landmark '{anchor.landmark}' is on {here}, not {there}",
            )

    def _check_measure(self, measure: OutcomeMeasure, node: Node, path: str) -> None:
        """A scale runs upwards; a threshold is a positive change that fits on the scale."""
        if measure.scale_min >= measure.scale_max:
            self.reader.report(
                self._field_node(node, "scale_max"),
                child(path, "scale_max"),
                f"scale_max ({measure.scale_max}) must be above scale_min ({measure.scale_min})",
            )
            return
        mcid = measure.mcid
        if mcid is None:
            return
        where = self._field_node(node, "mcid")
        if mcid.points is None and mcid.percent is None:
            self.reader.report(where, child(path, "mcid"), "a threshold needs points, percent or both")
        span = measure.scale_max - measure.scale_min
        if mcid.points is not None and not 0 < mcid.points <= span:
            self.reader.report(
                self._field_node(where, "points"),
                child(child(path, "mcid"), "points"),
                f"expected a change above 0 and at most the scale's range ({span}), got {mcid.points:g}",
            )
        if mcid.percent is not None and not 0 < mcid.percent <= 100:
            self.reader.report(
                self._field_node(where, "percent"),
                child(child(path, "mcid"), "percent"),
                f"expected a percentage above 0 and at most 100, got {mcid.percent:g}",
            )

    def _check_outcomes(self, guidance: Any) -> None:
        """One measure of each kind (the course review reads each by its kind); reactions are
        side-effect lines."""
        for outcomes, node, path in self.outcomes:
            if outcomes.by_role(MeasureRole.PAIN) is None:
                self.reader.report(
                    self._field_node(node, "measures"),
                    child(path, "measures"),
                    "no measure of kind 'pain': the course review judges change on it",
                )
            kinds: dict[str, str] = {}
            for mid, measure in outcomes.measures.items():
                if measure.kind in kinds:
                    measures = self._field_node(node, "measures")
                    self.reader.report(
                        self._field_node(self._field_node(measures, mid), "kind"),
                        child(child(child(path, "measures"), mid), "kind"),
                        f"measure '{kinds[measure.kind]}' is already of kind '{measure.kind}' "
                        "(one measure of each kind)",
                    )
                kinds.setdefault(measure.kind, mid)
            if guidance is None:
                continue
            items = self._field_node(node, "reactions")
            for i, gid in enumerate(outcomes.reactions):
                line = guidance.get(gid)
                if line is not None and line.topic is not GuidanceTopic.SIDE_EFFECTS:
                    where = items.value[i] if isinstance(items, SequenceNode) else items
                    self.reader.report(
                        where,
                        child(child(path, "reactions"), i),
                        f"guidance line '{gid}' has the topic '{line.topic}', not 'side_effects'",
                    )

    def _check_references(self) -> None:
        for ref in self.references:
            table = self.keys.get(ref.table)
            if table is None:  # the table itself is missing or broken (already reported)
                continue
            if ref.value not in table:
                noun = _TABLE_NOUNS[ref.table]
                self.reader.report(ref.node, ref.path, f"unknown {noun} '{ref.value}'")

    def _check_shared_signs(self) -> None:
        """A sign id used by two patterns is one sign: the same text and group
        (the intake shows it once); only its weight may differ. (Twice in one
        pattern is a duplicate id, reported by ``_check_unique``.)"""
        first: dict[str, tuple[Sign, Node, str]] = {}
        for sign, node, path in self.signs:
            seen, seen_node, seen_path = first.setdefault(sign.id, (sign, node, path))
            if seen is sign or _pattern_of(seen_path) == _pattern_of(path):
                continue
            if (seen.text, seen.group) != (sign.text, sign.group):
                line = seen_node.start_mark.line + 1
                self.reader.report(
                    node,
                    path,
                    f"sign '{sign.id}' is also defined at line {line} with a different text or group "
                    "(a shared sign must be identical; only its weight may differ)",
                )

    @staticmethod
    def _field_node(node: Node, name: str) -> Node:
        """The value node of field ``name`` in a mapping node (the mapping itself if absent)."""
        if isinstance(node, MappingNode):
            for key, value in node.value:
                if isinstance(key, ScalarNode) and key.value == name:
                    return value  # type: ignore[no-any-return]  # PyYAML's stubs type a mapping's items as Any
        return node


# The fields a rule may have only for one effect, and the field each effect needs.
_EFFECT_FIELDS: dict[str, Effect] = {
    "max_depth": Effect.LIMIT_DEPTH,
    "replace_with": Effect.CHANGE_TECHNIQUE,
    "urgency": Effect.REFER,
}
_REQUIRED_FOR: dict[Effect, str] = {
    Effect.LIMIT_DEPTH: "max_depth",
    Effect.CHANGE_TECHNIQUE: "replace_with",
    Effect.REFER: "urgency",
}


def _pattern_of(sign_path: str) -> str:
    return sign_path.rsplit(".signs[", 1)[0]


def _fill_region_points(
    regions: MappingProxyType[str, Region], points: MappingProxyType[str, Point]
) -> MappingProxyType[str, Region]:
    by_region: dict[str, list[str]] = {rid: [] for rid in regions}
    for code, point in points.items():
        by_region[point.region].append(code)
    return MappingProxyType(
        {rid: dataclasses.replace(region, points=tuple(by_region[rid])) for rid, region in regions.items()}
    )
