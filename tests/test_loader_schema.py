"""The JSON Schema generated from the models agrees with the loader: it accepts
the valid catalogs and rejects the shape faults of the broken corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from app.domain.schema import catalog_schema, schema_text

ROOT = Path(__file__).parent.parent
BROKEN = Path(__file__).parent / "broken"


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = catalog_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def data(path: Path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def test_committed_schema_is_current() -> None:
    committed = (ROOT / "data" / "points.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), "stale: run `yaotong schema > data/points.schema.json`"
    assert json.loads(committed) == catalog_schema()


@pytest.mark.parametrize("name", ["valid.yaml", "base.yaml"])
def test_schema_accepts_valid_catalogs(validator, name: str) -> None:
    errors = [e.message for e in validator.iter_errors(data(BROKEN / name))]
    assert errors == []


def test_schema_accepts_the_shipped_catalog(validator) -> None:
    shipped = ROOT / "data" / "points.yaml"
    assert [e.message for e in validator.iter_errors(data(shipped))] == []


# Faults a schema can express (references and shared signs only the loader checks).
SHAPE_FAULTS = [
    "unknown_field",
    "unknown_top_level_field",
    "missing_field",
    "missing_sources",
    "missing_cautions",
    "missing_review_status",
    "wrong_type_list",
    "wrong_type_mapping",
    "wrong_type_number",
    "number_as_text",
    "bool_as_text",
    "bool_as_word",
    "null_required",
    "empty_text",
    "invalid_enum",
    "invalid_review_status",
    "invalid_severity",
    "invalid_source_kind",
    "invalid_guidance_topic",
    "invalid_view",
    "schema_version_2",
    "schema_version_text",
    "bad_point_code",
    "bad_id_format",
    "bad_table_key",
    "empty_sources",
    "invalid_needle_method",
    "needle_method_on_other_technique",
]


@pytest.mark.parametrize("name", SHAPE_FAULTS)
def test_schema_rejects_shape_faults(validator, name: str) -> None:
    assert list(validator.iter_errors(data(BROKEN / f"{name}.yaml"))), f"the schema accepts {name}.yaml"
