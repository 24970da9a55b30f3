"""How the catalog models map onto the YAML of ``data/points.yaml``.

Both the loader and the JSON Schema generator read the YAML shape from here,
and this module derives it from the dataclasses and their type hints, so the
models, the loader and the schema cannot drift apart. The few places where
the YAML differs from a plain field-for-field reading are listed below.
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from collections.abc import Mapping
from enum import StrEnum
from functools import cache
from typing import Any, Union

from . import models
from .anatomy import LANDMARKS
from .models import (
    Anchor,
    Catalog,
    Caution,
    Channel,
    ChannelZone,
    CourseRun,
    Guidance,
    Outcomes,
    Point,
    PrescribedPoint,
    Protocol,
    Region,
    SafetyRule,
    Sign,
    Subtype,
    Target,
    Technique,
    Trigger,
)
from .vocabulary import ANCHORED_VIEWS, NEEDLING_METHODS

SCHEMA_VERSION = 1  # the schema_version this code reads

SNAKE_ID = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")
# A WHO code (BL23, EX-B2), or the pinyin of an extra point that has no WHO code (Anmian).
POINT_CODE = re.compile(r"(?:[A-Z]{2,3}[0-9]{1,2}|EX-[A-Z]{1,3}[0-9]{1,2}|[A-Z][a-z]+)")
CHANNEL_ID = re.compile(r"[A-Z]{2,3}")

# Filled in by the loader, never written in the file.
DERIVED: frozenset[tuple[type, str]] = frozenset({(Catalog, "path"), (Region, "points")})
# Mapping[str, Model] fields written as a list of items with an ``id`` (order matters).
LIST_TABLES: frozenset[tuple[type, str]] = frozenset({(Catalog, "sign_groups")})
# Enum fields that take only some of their enum's members.
ENUM_SUBSETS: dict[tuple[type, str], tuple[StrEnum, ...]] = {
    (Technique, "needle_method"): NEEDLING_METHODS,
    (Anchor, "view"): ANCHORED_VIEWS,
}
# Text fields (or lists of text) naming an entry of another table.
REFERENCES: dict[tuple[type, str], str] = {
    (Point, "channel"): "channels",
    (CourseRun, "points"): "points",
    (Point, "region"): "regions",
    (ChannelZone, "channel"): "channels",
    (PrescribedPoint, "point"): "points",
    (Caution, "factors"): "factors",
    (Caution, "techniques"): "techniques",
    (Sign, "group"): "sign_groups",
    (Anchor, "landmark"): "landmarks",
    (Trigger, "factor"): "factors",
    (Trigger, "red_flag"): "red_flags",
    (Trigger, "sign"): "signs",
    (Trigger, "subtype"): "subtypes",
    (Target, "techniques"): "techniques",
    (Target, "points"): "points",
    (Target, "regions"): "regions",
    (Target, "channels"): "channels",
    (SafetyRule, "replace_with"): "techniques",
    (Subtype, "signs"): "signs",
    (PrescribedPoint, "subtype"): "subtypes",
    (Technique, "subtype"): "subtypes",
    (Technique, "at"): "points",
    (Protocol, "region"): "regions",
    (Protocol, "distal"): "points",
    (Outcomes, "reactions"): "guidance",
    (Guidance, "techniques"): "techniques",
    (Guidance, "factors"): "factors",
}
# Fields only the item with the given ``id`` may have (optional there, refused on every other
# item). Value: (that id, what the items are, for messages).
ONLY_FOR_ID: dict[tuple[type, str], tuple[str, str]] = {
    (Technique, "needle_method"): (models.NEEDLING, "technique"),
}
LANDMARK_IDS: tuple[str, ...] = tuple(LANDMARKS)
# What each table's keys must look like (the rest are snake_case ids).
KEY_FORMATS: dict[type, tuple[re.Pattern[str], str]] = {
    Point: (POINT_CODE, "point code (e.g. BL23, GV4, EX-B2, or an uncoded extra point's pinyin)"),
    Channel: (CHANNEL_ID, "channel id (two or three capital letters, e.g. BL)"),
}
DEFAULT_KEY_FORMAT = (SNAKE_ID, "snake_case id")

# How long a text may be, in characters: what the panels lay out in a moment (a 1.9 MB location
# froze the window). Prose fields may run to a paragraph or two; names and labels to one line.
ID_MAX = 64  # ids, codes and table keys
SHORT_TEXT_MAX = 200
LONG_TEXT_MAX = 4000
LONG_TEXT_FIELDS = frozenset(
    {"text", "note", "location", "method", "citation", "reason", "role", "patient", "practitioner", "licence"}
)
# Number fields that take whole numbers in a range only, written in plain decimal digits (no 0x2,
# no 1:30, no 2.0): (lowest, highest).
WHOLE_NUMBERS: dict[tuple[type, str], tuple[int, int]] = {
    (Sign, "weight"): (1, 3),  # the header comment of data/points.yaml says what each weight means
}


def text_limit(name: str) -> int:
    """The most characters a text field (or each item of a list of text) may hold."""
    return LONG_TEXT_MAX if name in LONG_TEXT_FIELDS else SHORT_TEXT_MAX


def has_default(f: dataclasses.Field[Any]) -> bool:
    return f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING


def only_for_id(cls: type) -> list[tuple[str, str, str]]:
    """(field, id, noun) of the ``ONLY_FOR_ID`` rules on ``cls``."""
    return [(name, *rule) for (owner, name), rule in ONLY_FOR_ID.items() if owner is cls]


def is_sources_field(name: str) -> bool:
    return name == "sources" or name.endswith("_sources")


# A type shape is a small tuple: ("text",), ("id",), ("int",), ("number",), ("bool",),
# ("enum", EnumClass, members), ("model", cls), ("list", item_shape),
# ("table", cls) (id-keyed mapping), ("list_table", cls), ("number_map",).
Shape = tuple[Any, ...]


@dataclasses.dataclass(frozen=True, slots=True)
class FieldShape:
    name: str
    shape: Shape
    required: bool
    ref: str | None  # table the value(s) must name an entry of
    nonempty: bool  # a list that must have at least one item (sources)
    nullable: bool  # ``X | None``: may be absent or written as null
    max_length: int = SHORT_TEXT_MAX  # characters, for text (and ids: ``ID_MAX``)
    whole: tuple[int, int] | None = None  # a number that must be a whole number in this range


@dataclasses.dataclass(frozen=True, slots=True)
class ModelShape:
    cls: type
    fields: tuple[FieldShape, ...]
    key_field: str | None  # the field the YAML key fills when read from a table

    @property
    def required(self) -> frozenset[str]:
        return frozenset(f.name for f in self.fields if f.required)

    @property
    def optional(self) -> frozenset[str]:
        return frozenset(f.name for f in self.fields if not f.required)


def _strip_optional(hint: Any) -> tuple[Any, bool]:
    if typing.get_origin(hint) in (Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) == 1 and len(typing.get_args(hint)) == 2:
            return args[0], True
    return hint, False


def type_shape(owner: type, name: str, hint: Any) -> Shape:
    if name == "id" and hint is str:
        return ("id",)
    origin = typing.get_origin(hint)
    if hint is str:
        return ("text",)
    if hint is bool:
        return ("bool",)
    if hint is int:
        return ("int",)
    if hint is float:
        return ("number",)
    if isinstance(hint, type) and issubclass(hint, StrEnum):
        return ("enum", hint, ENUM_SUBSETS.get((owner, name), tuple(hint)))
    if dataclasses.is_dataclass(hint):
        return ("model", hint)
    if origin is tuple:
        item = typing.get_args(hint)[0]
        return ("list", type_shape(owner, name, item) if item is not str else ("text",))
    if origin in (Mapping, dict, typing.Mapping):
        value = typing.get_args(hint)[1]
        if value is float:
            return ("number_map",)
        if (owner, name) in LIST_TABLES:
            return ("list_table", value)
        return ("table", value)
    raise TypeError(f"{owner.__name__}.{name}: no YAML shape for {hint!r}")


@cache
def model_shape(cls: type, keyed: bool = False) -> ModelShape:
    """The YAML fields of a model; ``keyed``: read from an id-keyed table, so
    the first field (``id`` or ``code``) comes from the key."""
    hints = typing.get_type_hints(cls, vars(models))
    all_fields = dataclasses.fields(cls)
    key_field = all_fields[0].name if keyed else None
    out: list[FieldShape] = []
    for f in all_fields:
        if f.name == key_field or (cls, f.name) in DERIVED:
            continue
        hint, optional = _strip_optional(hints[f.name])
        shape = type_shape(cls, f.name, hint)
        sources = is_sources_field(f.name) and shape[0] == "list"  # not Catalog.sources, the table
        if shape[0] == "id" and keyed:
            shape = ("text",)
        out.append(
            FieldShape(
                name=f.name,
                shape=shape,
                required=sources or not (optional or has_default(f)),
                ref="sources" if sources else REFERENCES.get((cls, f.name)),
                nonempty=sources,
                nullable=optional,
                max_length=ID_MAX
                if shape[0] == "id" or sources or (cls, f.name) in REFERENCES
                else text_limit(f.name),
                whole=WHOLE_NUMBERS.get((cls, f.name)),
            )
        )
    return ModelShape(cls, tuple(out), key_field)


def key_format(cls: type) -> tuple[re.Pattern[str], str]:
    return KEY_FORMATS.get(cls, DEFAULT_KEY_FORMAT)
