"""The JSON Schema (draft 2020-12) of ``data/points.yaml``, generated from the models.

It follows the same YAML shape the loader reads (``app.domain.shape``): id-keyed
mappings, no unknown fields, enums from the models' ``StrEnum`` classes. It lets
an editor (e.g. with the YAML language server) check the file as it is typed;
what a schema cannot say (references between tables, shared signs) only the
loader checks. ``data/points.schema.json`` is this output, committed; a test
fails when it is stale. Regenerate with ``yaotong schema > data/points.schema.json``.
"""

from __future__ import annotations

import json
from typing import Any

from .models import Catalog
from .shape import (
    ID_MAX,
    SCHEMA_VERSION,
    SNAKE_ID,
    Shape,
    key_format,
    model_shape,
    only_for_id,
)

SCHEMA_URI = "https://json-schema.org/draft/2020-12/schema"


def catalog_schema() -> dict[str, Any]:
    defs: dict[str, Any] = {}
    root = _model_schema(Catalog, keyed=False, defs=defs)
    root["properties"]["schema_version"] = {"const": SCHEMA_VERSION}
    return {
        "$schema": SCHEMA_URI,
        "$id": "points.schema.json",
        "title": "Yaotong catalog (data/points.yaml)",
        "description": "Generated from app/domain/models.py by `yaotong schema`; do not edit by hand.",
        **root,
        "$defs": dict(sorted(defs.items())),
    }


def schema_text() -> str:
    """The schema as committed: stable key order, UTF-8, a final newline."""
    return json.dumps(catalog_schema(), indent=2, ensure_ascii=False) + "\n"


def _model_schema(cls: type, keyed: bool, defs: dict[str, Any]) -> dict[str, Any]:
    shape = model_shape(cls, keyed)
    properties: dict[str, Any] = {}
    for f in shape.fields:
        schema = _type_schema(f.shape, defs)
        if f.whole is not None:
            schema = {"type": "integer", "minimum": f.whole[0], "maximum": f.whole[1]}
        elif schema.get("type") == "string":
            schema["maxLength"] = f.max_length
        elif schema.get("type") == "array" and schema["items"].get("type") == "string":
            schema["items"]["maxLength"] = f.max_length
        if f.ref == "landmarks":  # not an enum: the schema follows the models alone, not the anatomy tables
            schema = {**schema, "description": "a landmark id from LANDMARKS in app/domain/anatomy.py"}
        if f.nonempty:
            schema["minItems"] = 1
        if f.nullable:
            schema = {"anyOf": [schema, {"type": "null"}]}
        properties[f.name] = schema
    out: dict[str, Any] = {"type": "object", "properties": properties}
    required = [f.name for f in shape.fields if f.required]
    if required:
        out["required"] = required
    out["additionalProperties"] = False
    rules = [
        {
            "if": {"properties": {"id": {"const": wanted}}, "required": ["id"]},
            "else": {"not": {"required": [name]}},
        }
        for name, wanted, _noun in only_for_id(cls)
    ]
    if rules:
        out["allOf"] = rules
    doc = (cls.__doc__ or "").strip()
    if doc and not doc.startswith(f"{cls.__name__}("):  # not the dataclass's generated signature
        out = {"description": " ".join(doc.split("\n\n")[0].split()), **out}
    return out


def _ref(cls: type, keyed: bool, defs: dict[str, Any]) -> dict[str, Any]:
    name = cls.__name__
    if name not in defs:
        defs[name] = {}  # placeholder: stops recursion
        defs[name] = _model_schema(cls, keyed, defs)
    return {"$ref": f"#/$defs/{name}"}


def _type_schema(shape: Shape, defs: dict[str, Any]) -> dict[str, Any]:
    kind = shape[0]
    if kind == "text":
        return {"type": "string", "minLength": 1}
    if kind == "id":
        return {"type": "string", "pattern": f"^{SNAKE_ID.pattern}$", "maxLength": ID_MAX}
    if kind == "int":
        return {"type": "integer"}
    if kind == "number":
        return {"type": "number"}
    if kind == "bool":
        return {"type": "boolean"}
    if kind == "enum":
        return {"enum": [member.value for member in shape[2]]}
    if kind == "model":
        return _ref(shape[1], False, defs)
    if kind == "list":
        return {"type": "array", "items": _type_schema(shape[1], defs)}
    if kind == "list_table":
        return {"type": "array", "items": _ref(shape[1], False, defs)}
    if kind == "table":
        regex, _ = key_format(shape[1])
        return {
            "type": "object",
            "propertyNames": {"pattern": f"^{regex.pattern}$", "maxLength": ID_MAX},
            "additionalProperties": _ref(shape[1], True, defs),
        }
    if kind == "number_map":
        return {"type": "object", "additionalProperties": {"type": "number"}}
    raise AssertionError(f"unknown shape {shape!r}")  # pragma: no cover
