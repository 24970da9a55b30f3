"""Load and validate the catalog (``data/points.yaml``) into the frozen models.

``load_catalog(path)`` returns a :class:`~app.domain.models.Catalog` whose
every reference resolves, or raises :class:`CatalogError` listing every
problem found, each as ``points.yaml:LINE:COLUMN: field.path[i]: what``.

The YAML shape comes from ``app.domain.shape`` (derived from the models); this
module walks the node tree along it, then checks what a shape cannot say:
references between tables, duplicate ids in lists, signs shared between
patterns, seed files, and point codes against their channels.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from types import MappingProxyType
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode

from .anatomy import LANDMARKS
from .errors import CatalogError, DataFileError, Problem
from .models import Anchor, Catalog, Point, Region, Sign, Source, SourceKind
from .shape import (
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
from .yaml_nodes import NodeReader, child, compose_safely, is_null, load_nodes

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
}


def load_catalog(path: str | Path) -> Catalog:
    """Read, check and build the catalog at ``path``; raises ``CatalogError``."""
    root, filename = load_nodes(path, CatalogError)
    return _CatalogBuilder(filename).build(root, str(path))


def load_catalog_text(text: str | bytes, filename: str = "points.yaml") -> Catalog:
    """The same from text already in memory (tests, editors)."""
    root = compose_safely(text, filename, CatalogError)
    return _CatalogBuilder(filename).build(root, filename)


@dataclasses.dataclass(slots=True)
class _Reference:
    table: str
    value: str
    node: Node
    path: str


class _CatalogBuilder:
    def __init__(self, filename: str) -> None:
        self.reader = NodeReader(filename)
        self.references: list[_Reference] = []
        self.keys: dict[str, set[str]] = {}  # table path ("points") -> its ids
        self.signs: list[tuple[Sign, Node, str]] = []  # every sign of every pattern, in file order
        self.points: list[tuple[Point, Node, str]] = []
        self._hooks: dict[type, Callable[[Any, Node, str], None]] = {
            Source: self._check_source,
            Point: lambda point, node, path: self.points.append((point, node, path)),
            Anchor: self._check_anchor,
            Sign: lambda sign, node, path: self.signs.append((sign, node, path)),
        }

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
        self._check_references()
        self._check_point_channels()
        self._check_shared_signs()
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
            value = self._read(f.shape, sub, child(path, f.name), f.ref)
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

    def _read(self, shape: Shape, node: Node, path: str, ref: str | None = None) -> Any:
        kind = shape[0]
        r = self.reader
        if kind == "text":
            value = r.text(node, path)
            if value is not None and ref is not None:
                self.references.append(_Reference(ref, value, node, path))
            return value
        if kind == "id":
            return r.pattern(node, path, SNAKE_ID, "snake_case id")
        if kind == "int":
            return r.integer(node, path)
        if kind == "number":
            return r.number(node, path)
        if kind == "bool":
            return r.boolean(node, path)
        if kind == "enum":
            value = r.choice(node, path, [member.value for member in shape[2]])
            return None if value is None else shape[1](value)
        if kind == "model":
            return self._model(shape[1], node, path)
        if kind == "list":
            return self._list(shape[1], node, path, ref)
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

    def _list(self, item: Shape, node: Node, path: str, ref: str | None) -> tuple[Any, ...] | None:
        items = self._list_items(item, node, path, ref)
        if items is None or any(value is None for value in items):
            return None
        return tuple(items)

    def _list_items(self, item: Shape, node: Node, path: str, ref: str | None) -> list[Any] | None:
        """Every item read (``None`` where an item is broken), or ``None`` if ``node`` is no list."""
        nodes = self.reader.sequence(node, path)
        if nodes is None:
            return None
        items = [self._read(item, sub, child(path, i), ref) for i, sub in enumerate(nodes)]
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
            if not regex.fullmatch(key):
                self.reader.report(key_node, child(path, key), f"'{key}' is not a valid {what}")
                complete = False
                continue
            obj = self._model(cls, sub, child(path, key), key)
            if obj is None:
                complete = False
            else:
                table[key] = obj
        return MappingProxyType(table) if complete else None

    # --- checks a shape cannot express ------------------------------------------------------------------

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

    def _check_point_channels(self) -> None:
        """A point's code names its channel (BL23 is on BL; EX-B2 is an extra point, EX)."""
        channels = self.keys.get("channels", set())
        for point, node, path in self.points:
            prefix = "EX" if point.code.startswith("EX-") else point.code.rstrip("0123456789")
            if prefix != point.channel and point.channel in channels:  # else: unknown channel, reported
                self.reader.report(
                    self._field_node(node, "channel"),
                    child(path, "channel"),
                    f"point {point.code} belongs to channel '{prefix}', not '{point.channel}'",
                )

    def _check_anchor(self, anchor: Anchor, node: Node, path: str) -> None:
        mark = LANDMARKS.get(anchor.landmark)
        if mark is not None and mark.view != anchor.view:
            self.reader.report(
                self._field_node(node, "landmark"),
                child(path, "landmark"),
                f"landmark '{anchor.landmark}' is on the {mark.view} view, not the {anchor.view} view",
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
